"""The English catalogue is complete and compiled (German is the source language)."""

import gettext
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _entries(text: str):
    """Yield (msgid, [msgstr...], is_fuzzy) from a .po file without extra dependencies."""
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        current, parts = None, {}
        for line in lines:
            if line.startswith(("msgid ", "msgid_plural ", "msgstr")):
                current, _, rest = line.partition(" ")
                parts[current] = rest.strip().strip('"')
            elif line.startswith('"') and current:
                parts[current] += line.strip().strip('"')
        if parts.get("msgid"):
            yield parts["msgid"], [v for k, v in parts.items() if k.startswith("msgstr")], fuzzy


def test_every_english_message_is_translated():
    missing = [
        msgid
        for msgid, strs, fuzzy in _entries(PO.read_text(encoding="utf-8"))
        if fuzzy or not all(strs)
    ]
    assert not missing, f"Untranslated or fuzzy in {PO.relative_to(ROOT)}: {missing[:20]}"


def test_compiled_catalogue_matches_the_po_file(tmp_path):
    try:
        subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / "x.mo"), str(PO)], check=True)
    except FileNotFoundError:
        pytest.skip("msgfmt (gettext) not installed")
    with (tmp_path / "x.mo").open("rb") as fresh_file, MO.open("rb") as shipped_file:
        fresh = gettext.GNUTranslations(fresh_file)._catalog
        shipped = gettext.GNUTranslations(shipped_file)._catalog
    assert fresh == shipped, "run `make messages` to recompile locale/en"
