"""Seed: sample assessments of the office for the demo report 2025, with a committee comment.

Clearly marked as samples; written only where the chapter has no text yet (a second seed run,
or staff having written their own, change nothing). `backdate` dates them in December 2025, so
that the demo report 2025 (Stichtag 31 December) prints them.
"""

import datetime

from fields.models import SpecializationField
from ris_portal.snapshots import history_backdate, local_moment

from .models import Narrative, NarrativeComment, Report

YEAR = 2025
WRITTEN_ON = datetime.date(2025, 12, 15)
MARKER = "*Beispieltext (Demo-Daten).*"
TEXTS = {
    (Narrative.Chapter.STATEWIDE, None): (
        "Die landesweiten Indikatoren liegen 2025 überwiegend **auf Kurs**: Die FuE-Quote "
        "nähert sich dem Ziel von 3 %, Fördermittel und FuE-Projekte wachsen stetig.\n\n"
        "- Die Werte für 2024 und 2025 sind noch vorläufig.\n"
        "- Für die Beteiligung der Akteure fehlen seit 2023 landesweite Werte (siehe Anhang)."
    ),
    (Narrative.Chapter.FIELD, "IPS"): (
        "Das Feld bleibt der größte Träger von FuE-Projekten in Thüringen. Die Roadmaps der "
        "Wertschöpfungsnetzwerke sind in der Umsetzung; Fachkräfte bleiben der Engpass."
    ),
    (Narrative.Chapter.GOVERNANCE, None): (
        "Strategiebeiräte und Lenkungskreis haben 2025 regelmäßig getagt; die Priorisierung der "
        "Handlungsbedarfe erfolgte erstmals vollständig online."
    ),
}
COMMENT = "Bitte im Überblick auch die Entwicklung der Patentanmeldungen einordnen."


def run(*, data: dict, accounts: dict, stdout) -> None:
    fields = {f.code: f for f in SpecializationField.objects.live()}
    created = 0
    for (chapter, field_code), text in TEXTS.items():
        field = fields.get(field_code) if field_code else None
        if field_code and field is None:
            continue
        exists = (
            Narrative.objects.live()
            .filter(kind=Report.Kind.ANNUAL, year=YEAR, chapter=chapter, field=field)
            .exists()
        )
        if exists:
            continue
        narrative = Narrative(
            kind=Report.Kind.ANNUAL,
            year=YEAR,
            chapter=chapter,
            field=field,
            text=f"{text}\n\n{MARKER}",
        )
        narrative.full_clean()
        narrative.save()
        created += 1
        steering = accounts.get("steering")
        if chapter == Narrative.Chapter.STATEWIDE and steering is not None:
            NarrativeComment.objects.create(
                narrative=narrative, author=steering, text=COMMENT, narrative_version=1
            )
    stdout.write(f"  Beispiel-Einschätzungen {YEAR}: {created} neu")


def backdate(*, since) -> None:
    written = local_moment(WRITTEN_ON)
    history_backdate(
        Narrative,
        {pk: written for pk in Narrative.objects.filter(year=YEAR).values_list("pk", flat=True)},
        since=since,
    )
