"""The portal addresses its users formally ("Sie"), django-allauth's German catalogue does not.

``locale/de/LC_MESSAGES/django.po`` (found through ``LOCALE_PATHS``, which Django consults
before the catalogues of installed apps) overrides every informal allauth translation. These
tests read the compiled catalogues directly, so they need neither settings nor a database.
"""

import gettext
import re
import shutil
import subprocess
from pathlib import Path

import allauth
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
OUR_PO = REPO_ROOT / "locale" / "de" / "LC_MESSAGES" / "django.po"
OUR_MO = OUR_PO.with_suffix(".mo")
ALLAUTH_MO = Path(allauth.__file__).parent / "locale" / "de" / "LC_MESSAGES" / "django.mo"

INFORMAL_PRONOUN = re.compile(r"\b(du|dich|dir|dein\w*)\b", re.IGNORECASE)
# Second person singular verb forms; unambiguous, so they may be checked in any catalogue.
INFORMAL_VERB = re.compile(
    r"\b(hast|bist|kannst|musst|möchtest|solltest|willst|wirst|erhältst|sendest|verwendest)\b",
    re.IGNORECASE,
)
# Informal imperatives as allauth uses them ("Bitte gib … ein", "melde dich an"). Some of them
# are also first person forms ("ich bestätige"), so they only serve to classify allauth's strings.
INFORMAL_IMPERATIVE = re.compile(
    r"\b(gib|melde|klicke?|prüfe|überprüfe|versuche|bestätige|wähle|kontaktiere|folge|lass"
    r"|erstelle|rufe)\b",
    re.IGNORECASE,
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{[^}]*\}|</?\w+[^>]*>")


def _load(mo_path):
    with mo_path.open("rb") as fh:
        return gettext.GNUTranslations(fh)


def _messages(translations):
    """Map each msgid (``"context\\x04msgid"`` if it has a context) to its translations."""
    messages = {}
    for key, msgstr in translations._catalog.items():
        msgid = key[0] if isinstance(key, tuple) else key  # plural forms: (msgid, index)
        if msgid:  # skip the header
            messages.setdefault(msgid, []).append(msgstr)
    return messages


def _is_informal(text):
    return bool(
        INFORMAL_PRONOUN.search(text)
        or INFORMAL_VERB.search(text)
        or INFORMAL_IMPERATIVE.search(text)
    )


@pytest.fixture(scope="module")
def ours():
    return _load(OUR_MO)


@pytest.fixture(scope="module")
def our_messages(ours):
    return _messages(ours)


@pytest.fixture(scope="module")
def allauth_messages():
    return _messages(_load(ALLAUTH_MO))


@pytest.mark.parametrize(
    ("msgid", "expected"),
    [
        ("Sign In", "Anmelden"),
        ("Sign Out", "Abmelden"),
        ("Password", "Passwort"),
        ("Email address", "E-Mail-Adresse"),
        ("Forgot your password?", "Passwort vergessen?"),
        ("Password Reset", "Passwort zurücksetzen"),
        ("Please type your current password.", "Bitte geben Sie Ihr aktuelles Passwort ein."),
        ("Are you sure you want to sign out?", "Sind Sie sicher, dass Sie sich abmelden möchten?"),
        ("You have signed out.", "Sie haben sich abgemeldet."),
        (
            "Too many failed login attempts. Try again later.",
            "Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es später erneut.",
        ),
    ],
)
def test_it_translates_key_allauth_strings_formally(ours, msgid, expected):
    assert ours.gettext(msgid) == expected


@pytest.mark.parametrize(
    "informal", [INFORMAL_PRONOUN, INFORMAL_VERB], ids=["pronoun", "verb-form"]
)
def test_it_uses_no_informal_word_in_any_translation(our_messages, informal):
    offending = {
        msgid: msgstr
        for msgid, msgstrs in our_messages.items()
        for msgstr in msgstrs
        if informal.search(msgstr)
    }
    assert offending == {}


def test_it_overrides_every_informal_allauth_translation(allauth_messages, our_messages):
    informal = {
        msgid
        for msgid, msgstrs in allauth_messages.items()
        if any(_is_informal(msgstr) for msgstr in msgstrs)
    }
    assert informal, "the classifier no longer recognises allauth's informal strings"
    assert sorted(informal - our_messages.keys()) == []


def test_it_keeps_placeholders_and_line_breaks_of_overridden_allauth_strings(
    ours, allauth_messages
):
    for key, msgstr in ours._catalog.items():
        if not isinstance(key, str) or key not in allauth_messages:
            continue  # plural forms and the portal's own strings are not checked here
        msgid = key.split("\x04", 1)[-1]
        assert sorted(PLACEHOLDER.findall(msgstr)) == sorted(PLACEHOLDER.findall(msgid)), msgid
        assert msgstr.count("\n") == msgid.count("\n"), msgid


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
def test_the_compiled_catalogue_is_up_to_date_with_the_po_file(tmp_path, ours):
    fresh_mo = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(fresh_mo), str(OUR_PO)], check=True)
    assert _load(fresh_mo)._catalog == ours._catalog
