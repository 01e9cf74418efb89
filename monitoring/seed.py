"""Seed the indicator catalogue and clearly marked sample values, targets and activities."""

import datetime
from decimal import Decimal

from fields.models import SpecializationField

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


def run(*, data: dict, accounts: dict, stdout) -> None:
    for item in data["indicators"]:
        code = item["code"]
        Indicator.objects.update_or_create(
            code=code,
            defaults={
                # ERDF names were only found in English; shown as such until translated.
                "name": item.get("name_de") or item["name_en"],
                "name_en": item.get("name_en") or "",
                "unit": item.get("unit") or "",
                "kind": _KIND[item["type"]],
                "level": _LEVEL[item["level"]],
                "direction": _DIRECTION[item["direction"]],
                "source": item.get("source") or "",
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
