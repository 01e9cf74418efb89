"""The demo data shows German text on German pages (issue 15: "RIS3 profile (year n/a)")."""

import re

from fields.seed import _key_figure
from ris_portal.seed import seed_data

ENGLISH = re.compile(r"\b(year|n/a|profile|page|turnover|companies|employees)\b", re.IGNORECASE)


def test_seeded_key_figures_have_german_labels_periods_and_readable_sources():
    figures = [
        _key_figure(figure)
        for field in seed_data()["fields"]
        for figure in field.get("key_figures") or []
    ]
    assert figures, "the seed data has key figures"
    for figure in figures:
        for key in ("label", "period_label"):
            assert not ENGLISH.search(str(figure[key])), figure
        assert not re.fullmatch(r"S\d+", figure["source"]), figure  # no bare source keys
