"""One German number format for web tables, SVG charts and the PDF report."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from ris_portal.numbers import format_number


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (Decimal("1234567.891"), 2, "1.234.567,89"),
        (1234567.891, 2, "1.234.567,89"),
        (1234567, None, "1.234.567"),
        (Decimal("12.00"), None, "12"),  # whole numbers print without decimals
        (Decimal("2.5"), None, "2,50"),  # below 100: two decimals
        (Decimal("1234.56"), None, "1.234,6"),  # from 100: one decimal
        (-1234.5, 1, "-1.234,5"),
        (0, None, "0"),
        ("1234.5", 1, "1.234,5"),  # numeric text from a template
        (None, None, "—"),
        ("", 2, "—"),
        ("k. A.", None, "k. A."),  # not a number: shown as given, never an error
        ("NaN", None, "NaN"),
        (float("inf"), 2, "inf"),
        (Decimal("Infinity"), None, "Infinity"),
    ],
)
def test_it_formats_numbers_the_german_way(value, decimals, expected):
    assert format_number(value, decimals) == expected


def test_the_template_filter_uses_the_same_format_in_any_language():
    template = Template("{% load ris %}{{ a|de_number:2 }} {{ b|de_number }} {{ c|de_number }}")
    with translation.override("en"):
        html = template.render(Context({"a": 1234.5, "b": Decimal("2.5"), "c": None}))
    assert html == "1.234,50 2,50 —"
