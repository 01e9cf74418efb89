"""Seed the five fields, their themes and the development potentials from the seed data."""

from django.utils.text import slugify

from .models import DevelopmentPotential, SpecializationField, Theme

# German wording for themes whose German name was not found in the sources (marked as such).
_GERMAN_FALLBACK = {
    "Low-emission mobility for the mobility turnaround": "Emissionsarme Mobilität für die Verkehrswende",
    "Smart logistics for advanced delivery solutions": "Intelligente Logistik für fortschrittliche Lieferlösungen",
    "Interior of the future": "Interieur der Zukunft",
    "Cognitive cars for the mobility of the future": "Kognitive Fahrzeuge für die Mobilität der Zukunft",
}

_METRIC_LABELS = {
    "turnover_eur": "Umsatz (EUR)",
    "companies": "Unternehmen",
    "operations": "Betriebe",
    "employees_sv": "Sozialversicherungspflichtig Beschäftigte",
}

_PROFILES = {
    "IPS": "Das Feld bündelt Thüringens industrielle Kernkompetenzen von der Fertigungstechnik "
    "über Optik/Photonik bis zu Werkstoffen. Es erwirtschaftet rund die Hälfte des Umsatzes im "
    "Verarbeitenden Gewerbe; sieben Hochschulen und 15 Forschungseinrichtungen arbeiten zu.",
    "NIML": "Mobilität und Logistik: Automobil- und Zulieferindustrie gehören stets zu den drei "
    "umsatzstärksten Industriezweigen Thüringens. Schwerpunkte sind emissionsarme Mobilität, "
    "intelligente Logistik, das Interieur der Zukunft und kognitive Fahrzeuge.",
    "GLGW": "Medizintechnik, Biotechnologie, Pharma, Ernährungs- und Gesundheitswirtschaft: Das "
    "Feld verbindet Stärken wie Mikroskopie, Lasertechnik und Infektionsforschung mit "
    "Innovationen für gesundes Altern.",
    "NERV": "Nachhaltige Energie und Ressourcenverwendung umfasst Bioökonomie, "
    "Kreislaufwirtschaft, Wasserstoff und Energiespeicher – Bausteine für eine "
    "klimafreundliche, defossilisierte Wirtschaft.",
    "IKT": "Informations- und Kommunikationstechnologien sowie innovative und produktionsnahe "
    "Dienstleistungen: ein kleiner, aber überdurchschnittlich wachsender Sektor, Treiber der "
    "Digitalisierung in allen anderen Feldern.",
}

_POTENTIAL_FALLBACK = "Etablierung von Zukunftstechnologien (Digitaltechnologien, KI, Wasserstoff)"


def run(*, data: dict, accounts: dict, stdout) -> None:
    for order, item in enumerate(
        data["cross_cutting"]["development_potentials_2021_2027"]["items"]
    ):
        name = item["name_de"] or _POTENTIAL_FALLBACK
        DevelopmentPotential.objects.update_or_create(
            slug=slugify(name)[:80],
            defaults={"name": name, "name_en": item.get("name_en") or "", "order": order},
        )
    theme_count = 0
    for item in data["fields"]:
        field, _created = SpecializationField.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "code": item["code"],
                "order": item["order"],
                "name": item["name_de"],
                "name_en": item["name_en"],
                "profile": _PROFILES.get(item["code"], ""),
                "key_figures": [
                    {
                        "label": _METRIC_LABELS.get(figure["metric"], figure["metric"]),
                        "value": figure["value"],
                        "period_label": figure.get("period_label") or str(figure.get("year", "")),
                        "source": figure.get("source", ""),
                    }
                    for figure in item.get("key_figures") or []
                ],
            },
        )
        for theme in item.get("themes") or []:
            _seed_theme(field, theme)
            theme_count += 1
    stdout.write(f"  Spezialisierungsfelder: {len(data['fields'])}, Themen: {theme_count}")


def _seed_theme(field: SpecializationField, theme: dict) -> Theme:
    name_en = theme.get("name_en") or ""
    name = theme.get("name_de") or _GERMAN_FALLBACK.get(name_en, name_en)
    sources = ", ".join(theme.get("sources") or [])
    note = f"Quellen: {sources}" if sources else ""
    if not theme.get("name_de"):
        note += " (deutscher Wortlaut nicht belegt, Arbeitsübersetzung)"
    # Themes whose field assignment is only inferred stay candidates until staff confirm them.
    status = Theme.Status.ACTIVE if theme.get("evidence") == "verified" else Theme.Status.CANDIDATE
    slug = f"{field.code.lower()}-{slugify(name)}"[:120]
    obj, created = Theme.objects.get_or_create(
        slug=slug,
        defaults={
            "field": field,
            "name": name,
            "name_en": name_en,
            "status": status,
            "source_note": note.strip(),
        },
    )
    return obj
