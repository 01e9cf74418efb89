"""Licences the open data may carry (DCAT-AP.de licence vocabulary), chosen by settings."""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Licence:
    id: str  # DCAT-AP.de id, e.g. "dl-by-de/2.0"
    spdx: str  # short name for datapackage.json
    title: str
    url: str  # licence text

    @property
    def uri(self) -> str:
        return f"http://dcat-ap.de/def/licenses/{self.id}"

    @property
    def requires_attribution(self) -> bool:
        return "by" in self.id


LICENCES = {
    licence.id: licence
    for licence in (
        Licence(
            "dl-by-de/2.0",
            "dl-de-by-2.0",
            "Datenlizenz Deutschland – Namensnennung – Version 2.0",
            "https://www.govdata.de/dl-de/by-2-0",
        ),
        Licence(
            "dl-zero-de/2.0",
            "dl-de-zero-2.0",
            "Datenlizenz Deutschland – Zero – Version 2.0",
            "https://www.govdata.de/dl-de/zero-2-0",
        ),
        Licence(
            "cc-by/4.0",
            "CC-BY-4.0",
            "Creative Commons Namensnennung – 4.0 International (CC BY 4.0)",
            "https://creativecommons.org/licenses/by/4.0/",
        ),
        Licence(
            "cc-zero",
            "CC0-1.0",
            "Creative Commons CC Zero License (CC0 1.0)",
            "https://creativecommons.org/publicdomain/zero/1.0/",
        ),
    )
}


def current_licence() -> Licence:
    """The configured licence (`OPEN_DATA_LICENSE`); an unknown id stops the build loudly."""
    try:
        return LICENCES[settings.OPEN_DATA_LICENSE]
    except KeyError as error:
        known = ", ".join(sorted(LICENCES))
        raise ValueError(
            f"OPEN_DATA_LICENSE={settings.OPEN_DATA_LICENSE!r} is unknown (known: {known})."
        ) from error
