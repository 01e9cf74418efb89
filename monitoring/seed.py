"""Seed the indicator catalogue."""

from .models import Indicator

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
