"""Checking typed values: whole non-negative counts, 0–100 percent, parts adding up."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from indicators.models import Indicator
from indicators.values import clean_values, format_number, parse_number


def count(by_gender=True):
    return Indicator(name="Antal", unit=Indicator.Unit.COUNT, by_gender=by_gender)


def percent():
    return Indicator(name="Andel", unit=Indicator.Unit.PERCENT, by_gender=True)


def errors(indicator, **raw):
    with pytest.raises(ValidationError) as info:
        clean_values(indicator, raw)
    return info.value.message_dict


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("12", Decimal(12)), ("1 234,5", Decimal("1234.5")), ("4.5", Decimal("4.5")), ("", None)],
)
def test_parse_number_reads_swedish_numbers(raw, expected):
    assert parse_number(raw) == expected


def test_format_number_writes_decimal_comma():
    assert format_number(Decimal("12.00")) == "12"
    assert format_number(Decimal("4.50")) == "4,5"


def test_parts_that_add_up_are_accepted():
    values = clean_values(count(), {"total": "10", "women": "4", "men": "5", "unknown": "1"})
    assert values["total"] == 10


def test_women_and_men_without_unknown_must_make_the_total():
    assert "total" in errors(count(), total="10", women="4", men="5")


def test_parts_larger_than_total_are_refused_even_when_incomplete():
    message = errors(count(), total="3", women="4")["total"][0]
    assert "fler än totalen" in message


def test_negative_and_fractional_counts_are_refused():
    assert errors(count(), total="-1")["total"] == ["Värdet kan inte vara negativt."]
    assert errors(count(), total="2,5")["total"] == ["Ett antal är ett heltal."]


def test_percent_over_100_is_refused_and_shares_do_not_need_to_add_up():
    assert "mellan 0 och 100" in errors(percent(), total="130")["total"][0]
    assert clean_values(percent(), {"total": "40", "women": "45", "men": "35"})["men"] == 35


def test_text_is_refused_with_a_message():
    assert "Skriv en siffra" in errors(count(), total="tolv")["total"][0]


def test_parts_on_an_indicator_without_gender_split_are_refused():
    assert "women" in errors(count(by_gender=False), total="5", women="2")
