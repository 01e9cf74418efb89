"""Seed the indicator catalogue and clearly marked sample values, targets and activities."""

import datetime
from decimal import Decimal

from fields.models import SpecializationField
from fields.seed import backdate_to_start
from ris_portal.snapshots import history_backdate, local_moment

from .models import Activity, Indicator, IndicatorValue, Target, ValidationRule

_KIND = {
    "context": Indicator.Kind.CONTEXT,
    "output": Indicator.Kind.OUTPUT,
    "result": Indicator.Kind.RESULT,
}
_LEVEL = {
    "region": Indicator.Level.REGION,
    "field": Indicator.Level.FIELD,
    "programme": Indicator.Level.PROGRAMME,
    "project": Indicator.Level.PROJECT,
}
_DIRECTION = {
    "higher_is_better": Indicator.Direction.HIGHER,
    "lower_is_better": Indicator.Direction.LOWER,
    "neutral": Indicator.Direction.NEUTRAL,
}


# German names for indicators whose German wording the research did not retrieve: the ERDF
# common indicators as worded in the German version of Regulation (EU) 2021/1058, Annex I, and
# the Regional Innovation Scoreboard indicators (working translations of the EU wording).
GERMAN_NAMES = {
    "RCO01": "Unterstützte Unternehmen (davon: Kleinst-, kleine, mittlere, große Unternehmen)",
    "RCO02": "Durch Zuschüsse unterstützte Unternehmen",
    "RCO03": "Durch Finanzierungsinstrumente unterstützte Unternehmen",
    "RCO04": "Unternehmen mit nichtfinanzieller Unterstützung",
    "RCO05": "Unterstützte neue Unternehmen",
    "RCO06": "Forschende, die in unterstützten Forschungseinrichtungen arbeiten",
    "RCO07": "An gemeinsamen Forschungsprojekten beteiligte Forschungseinrichtungen",
    "RCO08": "Nominalwert der Forschungs- und Innovationsausrüstung",
    "RCO10": "Mit Forschungseinrichtungen zusammenarbeitende Unternehmen",
    "RCO13": "Wert digitaler Dienste, Produkte und Prozesse, die für Unternehmen entwickelt wurden",
    "RCO15": "Geschaffene Kapazität für Unternehmensgründungen (Inkubation)",
    "RCO16": "Beteiligung institutioneller Interessenträger am unternehmerischen Entdeckungsprozess",
    "RCO101": "KMU, die in Kompetenzen für intelligente Spezialisierung, industriellen Wandel und "
    "Unternehmertum investieren",
    "RCO103": "Unterstützte wachstumsstarke Unternehmen",
    "RCR01": "In unterstützten Einrichtungen geschaffene Arbeitsplätze",
    "RCR02": "Private Investitionen, die die öffentliche Unterstützung ergänzen (davon: "
    "Zuschüsse, Finanzierungsinstrumente)",
    "RCR03": "Kleine und mittlere Unternehmen (KMU), die Produkt- oder Prozessinnovationen "
    "einführen",
    "RCR04": "KMU, die Marketing- oder Organisationsinnovationen einführen",
    "RCR05": "KMU, die intern Innovationen durchführen",
    "RCR06": "Eingereichte Patentanmeldungen",
    "RCR07": "Marken- und Geschmacksmusteranmeldungen",
    "RCR08": "Veröffentlichungen aus unterstützten Projekten",
    "RCR17": "Neue Unternehmen, die sich am Markt behaupten",
    "RCR18": "KMU, die nach Einrichtung des Inkubators dessen Dienste nutzen",
    "RCR19": "Unternehmen mit höherem Umsatz",
    "RCR25": "KMU mit höherer Wertschöpfung je Beschäftigten",
    "RCR98": "Beschäftigte von KMU, die eine Weiterbildung in Kompetenzen für intelligente "
    "Spezialisierung, industriellen Wandel und Unternehmertum abschließen (nach Art der "
    "Kompetenz)",
    "RCR102": "In unterstützten Einrichtungen geschaffene Arbeitsplätze in der Forschung",
    "RIS-1.1.2": "Bevölkerung mit tertiärem Bildungsabschluss",
    "RIS-1.1.3": "Teilnahme der Bevölkerung am lebenslangen Lernen",
    "RIS-1.2.1": "Internationale wissenschaftliche Ko-Publikationen",
    "RIS-1.2.2": "Wissenschaftliche Publikationen unter den 10 % meistzitierten",
    "RIS-1.3.2": "Personen mit mehr als grundlegenden digitalen Kompetenzen",
    "RIS-2.1.1": "FuE-Ausgaben im öffentlichen Sektor",
    "RIS-2.2.1": "FuE-Ausgaben im Unternehmenssektor",
    "RIS-2.2.2": "Innovationsausgaben außerhalb von FuE",
    "RIS-2.2.3": "Innovationsausgaben je beschäftigter Person",
    "RIS-3.1.1": "KMU mit Produktinnovationen",
    "RIS-3.1.2": "KMU mit Geschäftsprozessinnovationen",
    "RIS-3.2.1": "Innovative KMU in Kooperation mit anderen",
    "RIS-3.2.2": "Öffentlich-private Ko-Publikationen",
    "RIS-3.3.1": "PCT-Patentanmeldungen",
    "RIS-3.3.2": "Markenanmeldungen",
    "RIS-3.3.3": "Geschmacksmusteranmeldungen",
    "RIS-4.1.1": "Beschäftigung in wissensintensiven Tätigkeiten",
    "RIS-4.1.2": "Beschäftigung in innovativen Unternehmen",
    "RIS-4.2.3": "Umsatz mit Markt- und Unternehmensneuheiten",
    "RIS-4.3.2": "Luftemissionen durch Feinstaub",
}
GERMAN_UNITS = {
    "enterprises": "Unternehmen",
    "enterprises/year": "Unternehmen je Jahr",
    "annual FTEs": "Vollzeitäquivalente je Jahr",
    "euro": "EUR",
    "participants": "Teilnehmende",
    "participations of institutional stakeholders": "Beteiligungen",
    "patent applications": "Patentanmeldungen",
    "publications": "Veröffentlichungen",
    "research organisations": "Forschungseinrichtungen",
    "trademark and design applications": "Anmeldungen",
}


GERMAN_SOURCES = {
    "European/Regional Innovation Scoreboard": "Europäischer und Regionaler Innovationsanzeiger "
    "(European/Regional Innovation Scoreboard)",
    "European Commission, Regional Innovation Scoreboard": "Europäische Kommission, Regionaler "
    "Innovationsanzeiger (Regional Innovation Scoreboard)",
}


def german_name(item: dict) -> str:
    return item.get("name_de") or GERMAN_NAMES.get(item["code"]) or item["name_en"]


def german_unit(item: dict) -> str:
    unit = item.get("unit") or ""
    return GERMAN_UNITS.get(unit, unit)


def run(*, data: dict, accounts: dict, stdout) -> None:
    for item in data["indicators"]:
        code = item["code"]
        Indicator.objects.update_or_create(
            code=code,
            defaults={
                "name": german_name(item),
                "name_en": item.get("name_en") or "",
                "unit": german_unit(item),
                "kind": _KIND[item["type"]],
                "level": _LEVEL[item["level"]],
                "direction": _DIRECTION[item["direction"]],
                "source": GERMAN_SOURCES.get(item.get("source") or "", item.get("source") or ""),
                "erdf_code": code if code.startswith(("RCO", "RCR")) else "",
            },
        )
    stdout.write(f"  Indikatoren: {Indicator.objects.count()}")
    run_samples(stdout=stdout)


# --- sample values, targets and activities (clearly marked; for demos and dashboards) --------
SAMPLE_NOTE = "Beispielwert (Demo-Daten, keine amtliche Statistik)"
SAMPLE_YEARS = (2021, 2022, 2023, 2024, 2025)
# Indicator code -> (value in 2021, yearly change factor) for Thuringia as a whole.
_REGION_SAMPLES = {
    "CTX-RD-GDP": (Decimal("2.45"), Decimal("1.04")),
    "CTX-PAT-DPMA": (Decimal("560"), Decimal("0.98")),
    "MON-RD-PROJECTS": (Decimal("360"), Decimal("1.08")),
    "MON-FUNDING": (Decimal("150"), Decimal("1.10")),
}
# Field-level sample: R&D projects per field in 2021 (share of the Thuringia value).
_FIELD_SHARE = {"IPS": 0.34, "NIML": 0.14, "GLGW": 0.22, "NERV": 0.16, "IKT": 0.14}
_TARGETS = {
    # code: (baseline year, baseline, target year, target)
    "CTX-RD-GDP": (2021, Decimal("2.45"), 2027, Decimal("3.00")),
    "MON-RD-PROJECTS": (2021, Decimal("360"), 2027, Decimal("520")),
    "MON-FUNDING": (2021, Decimal("150"), 2027, Decimal("300")),
}
_ACTIVITY_KINDS = list(Activity.Kind.values)
_SOURCES = list(Activity.FundingSource.values)


def _seed_values() -> int:
    count = 0
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=_REGION_SAMPLES)}
    fields = list(SpecializationField.objects.filter(code__in=_FIELD_SHARE))
    for code, (start, factor) in _REGION_SAMPLES.items():
        indicator = indicators.get(code)
        if indicator is None:
            continue
        for offset, year in enumerate(SAMPLE_YEARS):
            value = (start * factor**offset).quantize(Decimal("0.01"))
            status = (
                IndicatorValue.Status.FINAL if year <= 2023 else IndicatorValue.Status.PROVISIONAL
            )
            _sample_value(indicator, None, year, value, status)
            count += 1
            if code == "MON-RD-PROJECTS":
                for field in fields:
                    share = Decimal(str(_FIELD_SHARE[field.code]))
                    _sample_value(
                        indicator, field, year, (value * share).quantize(Decimal("1")), status
                    )
                    count += 1
        baseline = _TARGETS.get(code)
        if baseline:
            Target.objects.live().update_or_create(
                indicator=indicator,
                field=None,
                defaults={
                    "baseline_year": baseline[0],
                    "baseline_value": baseline[1],
                    "target_year": baseline[2],
                    "target_value": baseline[3],
                    "note": "Beispielziel (Demo-Daten)",
                },
            )
    return count


def _sample_value(indicator, field, year, value, status) -> None:
    existing = (
        IndicatorValue.objects.live().filter(indicator=indicator, field=field, year=year).first()
    )
    if existing is not None and not existing.is_sample:
        return  # never overwrite real data with samples
    IndicatorValue.objects.live().update_or_create(
        indicator=indicator,
        field=field,
        year=year,
        defaults={"value": value, "status": status, "source_note": SAMPLE_NOTE, "is_sample": True},
    )


def _seed_activities() -> int:
    fields = list(SpecializationField.objects.live().order_by("order"))
    if not fields:
        return 0
    themes = {f.pk: list(f.themes.all()[:3]) for f in fields}
    count = 0
    for number in range(1, 61):
        field = fields[number % len(fields)]
        kind = _ACTIVITY_KINDS[number % len(_ACTIVITY_KINDS)]
        year = 2022 + number % 4
        amount = Decimal(25_000 + (number * 7919) % 400_000) if kind != "beratung" else None
        activity, _created = Activity.objects.live().update_or_create(
            reference=f"BEISPIEL-{number:03d}",
            defaults={
                "kind": kind,
                "title": f"[Beispiel] {Activity.Kind(kind).label} {field.code} {number}",
                "description": "Beispieldatensatz für Demonstrationen (keine echte Aktivität).",
                "start_date": datetime.date(year, 1 + number % 12, 1 + number % 28),
                "participants": 10 + (number * 13) % 140,
                "funding_amount": amount,
                "funding_source": _SOURCES[(number // 4) % len(_SOURCES)] if amount else "",
            },
        )
        activity.fields.set([field])
        activity.themes.set(themes[field.pk][:1])
        count += 1
    return count


# Validation rules of the sample indicators: code -> (min, max, allowed change %, first year,
# required field breakdowns). MON-ACTORS is "collected from 2023" but has no sample values, so
# the completeness matrix of the demo shows gaps.
_RULES = {
    "CTX-RD-GDP": (Decimal(0), Decimal(10), Decimal(15), 2021, False),
    "MON-RD-PROJECTS": (Decimal(0), None, None, 2021, True),
    "MON-FUNDING": (Decimal(0), None, Decimal(40), 2021, False),
    "MON-ACTORS": (Decimal(0), None, None, 2023, False),
}


def _seed_rules() -> int:
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=_RULES)}
    fields = list(SpecializationField.objects.filter(code__in=_FIELD_SHARE))
    for code, (low, high, change, first_year, by_field) in _RULES.items():
        if code not in indicators:
            continue
        rule, created = ValidationRule.objects.get_or_create(
            indicator=indicators[code],
            defaults={
                "min_value": low,
                "max_value": high,
                "max_change_percent": change,
                "first_year": first_year,
                "note": "Beispielregel (Demo-Daten)",
            },
        )
        if created and by_field:  # never overwrite what staff changed since
            rule.required_fields.set(fields)
    return ValidationRule.objects.count()


def run_samples(*, stdout) -> None:
    values = _seed_values()
    activities = _seed_activities()
    rules = _seed_rules()
    stdout.write(
        f"  Beispiel-Indikatorwerte: {values}, Beispiel-Aktivitäten: {activities}, "
        f"Prüfregeln: {rules}"
    )


def backdate(*, since) -> None:
    """Indicators, targets and validation rules since 2021, each value in December of its
    year, each sample activity from its start (see `fields.seed.backdate`)."""
    backdate_to_start((Indicator, Target, ValidationRule), since=since)
    history_backdate(
        IndicatorValue,
        {
            pk: local_moment(datetime.date(year, 12, 1))
            for pk, year in IndicatorValue.objects.filter(is_sample=True).values_list("pk", "year")
        },
        since=since,
    )
    history_backdate(
        Activity,
        {
            pk: local_moment(day)
            for pk, day in Activity.objects.filter(reference__startswith="BEISPIEL-").values_list(
                "pk", "start_date"
            )
        },
        since=since,
    )
