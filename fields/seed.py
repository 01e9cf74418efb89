"""Seed the five fields, their themes and the development potentials from the seed data."""

import datetime

from django.utils import timezone
from django.utils.text import slugify

from ris_portal.snapshots import history_backdate, local_moment

from . import models

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

# Key figures: the research noted where a figure came from in English shorthand and with source
# keys; the portal shows German text (period) and a readable source.
_PERIOD_LABELS = {
    "RIS3 profile (year n/a)": "RIS3-Feldprofil (Jahr nicht angegeben)",
    "2021-27 page (year n/a)": "Feldseite 2021–2027 (Jahr nicht angegeben)",
}
_SOURCE_LABELS = {
    "S15": "ThCM, RIS3-Feldprofil Industrielle Produktion und Systeme (cluster-thueringen.de)",
    "S17": "ThCM, RIS3-Feldprofil Mobilität und Logistik (cluster-thueringen.de)",
    "S18": "ThCM, Feldseite Mobilität und Logistik 2021–2027, nach TLS (cluster-thueringen.de)",
    "S20": "ThCM, RIS3-Feldprofil IKT und Dienstleistungen (cluster-thueringen.de)",
    "S21": "ThCM, Feldseite IKT und Dienstleistungen 2021–2027 (cluster-thueringen.de)",
}


def _key_figure(figure: dict) -> dict:
    period = figure.get("period_label") or str(figure.get("year", ""))
    source = figure.get("source", "")
    return {
        "label": _METRIC_LABELS.get(figure["metric"], figure["metric"]),
        "value": figure["value"],
        "period_label": _PERIOD_LABELS.get(period, period),
        "source": _SOURCE_LABELS.get(source, source),
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
        models.DevelopmentPotential.objects.update_or_create(
            slug=slugify(name)[:80],
            defaults={"name": name, "name_en": item.get("name_en") or "", "order": order},
        )
    theme_count = 0
    for item in data["fields"]:
        field, _created = models.SpecializationField.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "code": item["code"],
                "order": item["order"],
                "name": item["name_de"],
                "name_en": item["name_en"],
                "profile": _PROFILES.get(item["code"], ""),
                "key_figures": [_key_figure(figure) for figure in item.get("key_figures") or []],
            },
        )
        for theme in item.get("themes") or []:
            _seed_theme(field, theme)
            theme_count += 1
    stdout.write(f"  Spezialisierungsfelder: {len(data['fields'])}, Themen: {theme_count}")
    run_demo(accounts=accounts, stdout=stdout)


def _seed_theme(field: models.SpecializationField, theme: dict) -> models.Theme:
    name_en = theme.get("name_en") or ""
    name = theme.get("name_de") or _GERMAN_FALLBACK.get(name_en, name_en)
    sources = ", ".join(theme.get("sources") or [])
    note = f"Quellen: {sources}" if sources else ""
    if not theme.get("name_de"):
        note += " (deutscher Wortlaut nicht belegt, Arbeitsübersetzung)"
    # Themes whose field assignment is only inferred stay candidates until staff confirm them.
    status = (
        models.Theme.Status.ACTIVE
        if theme.get("evidence") == "verified"
        else models.Theme.Status.CANDIDATE
    )
    slug = f"{field.code.lower()}-{slugify(name)}"[:120]
    obj, created = models.Theme.objects.get_or_create(
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


# --- demo content (clearly marked "Demo"; fictitious organisations) -------------------------

_DEMO_ACTORS = [
    ("Demo: Hochschule Musterstadt", "hochschule", "Musterstadt"),
    ("Demo: Institut für angewandte Photonik", "forschung", "Musterstadt"),
    ("Demo: Optikwerk Muster GmbH", "unternehmen", "Beispielhausen"),
    ("Demo: Netzwerk Licht und Produktion e. V.", "cluster", "Musterstadt"),
    ("Demo: Wasserstoff-Technikum Beispielhausen", "wirtschaftsnah", "Beispielhausen"),
]

_DEMO_NETWORKS = [
    {
        "field": "IPS",
        "theme": "Optik/Photonik",
        "slug": "demo-photonik-in-der-produktion",
        "name": "Demo: Photonik in der Produktion",
        "description": "**Demo-Inhalt.** Optische Mess- und Fertigungstechnik von der Forschung "
        "bis zum Einsatz in der Produktion kleiner und mittlerer Unternehmen.",
        "members": [
            ("Demo: Institut für angewandte Photonik", "forschung"),
            ("Demo: Optikwerk Muster GmbH", "hersteller"),
            ("Demo: Hochschule Musterstadt", "forschung"),
            ("Demo: Netzwerk Licht und Produktion e. V.", "intermediaer"),
        ],
        "needs": [
            ("Demo: Fachkräfte für optische Fertigung fehlen", "engpass", "4.20"),
            ("Demo: Gemeinsame Testumgebung für optische Sensorik", "handlungsbedarf", "3.60"),
            ("Demo: Transfer in kleine Zulieferbetriebe", "handlungsbedarf", None),
        ],
        "roadmap": {
            "title": "Demo-Roadmap Photonik in der Produktion 2025–2028",
            "status": "entwurf",
            "summary": "**Demo-Inhalt.** Entwurf der Roadmap des Netzwerks: zwei Handlungsfelder "
            "mit drei Maßnahmen.",
            "action_fields": [
                (
                    "Fachkräfte sichern",
                    [
                        ("Demo: Weiterbildungsreihe Lasertechnik", "laufend", 0),
                        ("Demo: Duales Studienangebot Optische Technologien", "geplant", 0),
                    ],
                ),
                (
                    "Transfer beschleunigen",
                    [("Demo: Offene Testumgebung für optische Sensorik", "geplant", 1)],
                ),
            ],
        },
    },
    {
        "field": "NERV",
        "theme": None,  # first active theme of the field
        "slug": "demo-gruener-wasserstoff-regional",
        "name": "Demo: Grüner Wasserstoff regional",
        "description": "**Demo-Inhalt.** Erzeugung, Speicherung und Nutzung von Wasserstoff in "
        "regionalen Wertschöpfungsketten.",
        "members": [
            ("Demo: Wasserstoff-Technikum Beispielhausen", "forschung"),
            ("Demo: Hochschule Musterstadt", "forschung"),
        ],
        "needs": [("Demo: Pilotanlagen für Elektrolyse fehlen", "engpass", "3.90")],
        "roadmap": {
            "title": "Demo-Roadmap Grüner Wasserstoff regional",
            # Submitted here; the thread seed lets the board recommend it, the Lenkungskreis
            # decide on it and staff publish it (through the services, like real work).
            "status": "eingereicht",
            "summary": "**Demo-Inhalt.** Veröffentlichte Roadmap als Beispiel für die "
            "öffentliche Darstellung.",
            "action_fields": [
                (
                    "Pilotanlagen aufbauen",
                    [("Demo: Machbarkeitsstudie Elektrolyse im Gewerbegebiet", "laufend", 0)],
                ),
            ],
        },
    },
]


def run_demo(*, accounts: dict, stdout) -> None:
    actors = {}
    for name, kind, city in _DEMO_ACTORS:
        actors[name], _created = models.Actor.objects.get_or_create(
            name=name,
            defaults={"kind": kind, "city": city, "description": "Fiktiver Demo-Akteur."},
        )
    for spec in _DEMO_NETWORKS:
        _seed_network(spec, actors)
    _seed_assessments(accounts.get("staff"))
    stdout.write(f"  Demo-Netzwerke: {len(_DEMO_NETWORKS)} (mit Bedarfen und Roadmaps)")


def _demo_row(model, lookup: dict, **values):
    """`get_or_create` of a demo row found by `lookup`: a new one gets `values` and says it is
    demo content."""
    return model.objects.get_or_create(**lookup, defaults={**values, "description": "Demo-Inhalt."})


def _seed_network(spec: dict, actors: dict) -> None:
    field = models.SpecializationField.objects.filter(code=spec["field"]).first()
    if field is None:
        return
    themes = field.themes.live()
    theme = (
        themes.filter(name=spec["theme"]).first() if spec["theme"] else None
    ) or themes.exclude(status=models.Theme.Status.CANDIDATE).first()
    if theme is None:
        return
    network, _created = models.ValueNetwork.objects.get_or_create(
        slug=spec["slug"],
        defaults={"theme": theme, "name": spec["name"], "description": spec["description"]},
    )
    for actor_name, role in spec["members"]:
        models.NetworkMembership.objects.get_or_create(
            network=network, actor=actors[actor_name], defaults={"role": role}
        )
    needs = []
    for title, kind, priority in spec["needs"]:
        need, _created = _demo_row(
            models.Need,
            {"theme": theme, "title": title},
            network=network,
            kind=kind,
            priority=priority,
        )
        needs.append(need)
    _seed_roadmap(network, spec["roadmap"], needs, actors[spec["members"][0][0]])


def _seed_roadmap(network, data: dict, needs: list, responsible) -> None:
    published = data["status"] == models.Roadmap.Status.PUBLISHED
    roadmap, _created = models.Roadmap.objects.get_or_create(
        network=network,
        number=1,
        defaults={
            "title": data["title"],
            "summary": data["summary"],
            "status": data["status"],
            "published_at": timezone.now() if published else None,
            "submitted_at": timezone.now() if data["status"] == "eingereicht" else None,
        },
    )
    for order, (af_title, measures) in enumerate(data["action_fields"], start=1):
        action_field, _created = models.ActionField.objects.get_or_create(
            roadmap=roadmap, title=af_title, defaults={"order": order}
        )
        for m_order, (m_title, status, need_index) in enumerate(measures, start=1):
            measure, created = _demo_row(
                models.Measure,
                {"action_field": action_field, "title": m_title},
                order=m_order,
                status=status,
                start=datetime.date(2025, 7, 1),
                end=datetime.date(2027, 12, 31),
            )
            if created:
                measure.needs.set([needs[need_index]])
                measure.responsible_actors.set([responsible])


def _seed_assessments(author) -> None:
    """Demo assessments and a highlight, so the portfolio of the first field has content."""
    field = models.SpecializationField.objects.filter(code="IPS").first()
    if author is None or field is None:
        return
    scores = [(5, 5, 4, 4), (4, 3, 5, 5), (3, 4, 2, 3), (2, 3, 4, 4)]
    for theme, score in zip(field.themes.live()[:4], scores, strict=False):
        if not theme.assessments.exists():
            models.RelevanceAssessment.objects.create(
                theme=theme,
                author=author,
                specialisation_advantage=score[0],
                actor_base=score[1],
                application_relevance=score[2],
                growth_potential=score[3],
                justification="Demo-Bewertung zur Veranschaulichung des Portfolios.",
                assessed_on=datetime.date(2025, 10, 1),
            )
    photonics = field.themes.filter(name="Optik/Photonik").first()
    if (
        photonics is not None
        and photonics.status == models.Theme.Status.ACTIVE
        and not photonics.history.filter(status=models.Theme.Status.HIGHLIGHT).exists()
    ):
        photonics.status = models.Theme.Status.HIGHLIGHT
        photonics.save()


# Fields, themes and actors are presented as existing since the start of the funding period
# 2021–2027; the demo networks, needs and roadmaps stay as new as they are (a report for an
# earlier year leaves them out, as it should).
SEED_START = datetime.date(2021, 1, 4)


def backdate_to_start(models, *, since) -> None:
    """Present every row of `models` (their history since `since`) as existing since SEED_START."""
    start = local_moment(SEED_START)
    for model in models:
        history_backdate(
            model, {pk: start for pk in model.objects.values_list("pk", flat=True)}, since=since
        )


def backdate(*, since) -> None:
    backdate_to_start((models.SpecializationField, models.Theme, models.Actor), since=since)
    history_backdate(
        models.RelevanceAssessment,
        {
            pk: local_moment(day)
            for pk, day in models.RelevanceAssessment.objects.values_list("pk", "assessed_on")
        },
        since=since,
    )
