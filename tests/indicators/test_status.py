"""Status and trend from direction, baseline, target and values."""

from decimal import Decimal

from indicators.models import Indicator
from indicators.status import compute_status, compute_trend

D = Indicator.Direction


def ind(direction, baseline=None, target=None):
    return Indicator(
        name="x",
        direction=direction,
        baseline_value=None if baseline is None else Decimal(baseline),
        target_value=None if target is None else Decimal(target),
    )


def values(*numbers):
    return [None if n is None else Decimal(n) for n in numbers]


def test_no_values_is_too_little_data():
    assert compute_status(ind(D.INCREASE, 5), values(None, None)).key == "too_little_data"


def test_youth_in_jobb_och_utvecklingsgarantin_zero_goal_status_from_values():
    # GIVEN "Antal ungdomar i jobb- och utvecklingsgarantin ska minska och målsättningen ska
    # vara noll" with a baseline of 7
    indicator = ind(D.ZERO, baseline=7, target=0)
    # WHEN it falls from 7 to 5, THEN it is on track
    assert compute_status(indicator, values(7, 5)).key == "on_track"
    # WHEN it rises again, THEN it is not
    assert compute_status(indicator, values(5, 6)).key == "off_track"
    # WHEN it reaches zero, THEN the goal is reached
    status = compute_status(indicator, values(3, 0))
    assert status.key == "on_track"
    assert "noll" in str(status.reason)
    # a single value above zero without a baseline says too little
    assert compute_status(ind(D.ZERO), values(4)).key == "too_little_data"


def test_increase_against_baseline_and_target():
    assert compute_status(ind(D.INCREASE, baseline=10), values(12)).key == "on_track"
    assert compute_status(ind(D.INCREASE, baseline=10), values(9)).key == "off_track"
    assert compute_status(ind(D.INCREASE, target=20), values(21)).key == "on_track"
    assert compute_status(ind(D.INCREASE), values(5)).key == "too_little_data"
    assert compute_status(ind(D.INCREASE), values(5, 7)).key == "on_track"


def test_decrease_against_baseline():
    assert compute_status(ind(D.DECREASE, baseline=100), values(90)).key == "on_track"
    assert compute_status(ind(D.DECREASE, baseline=100), values(110)).key == "off_track"


def test_at_least_80_percent_employed_after_jobbspar():
    indicator = ind(D.AT_LEAST, target=80)
    assert compute_status(indicator, values(72, 81)).key == "on_track"
    assert compute_status(indicator, values(85, 79)).key == "off_track"
    assert compute_status(ind(D.AT_LEAST), values(85)).key == "too_little_data"


def test_at_most():
    assert compute_status(ind(D.AT_MOST, target=5), values(4)).key == "on_track"
    assert compute_status(ind(D.AT_MOST, target=5), values(6)).key == "off_track"


def test_status_has_text_icon_and_colour():
    status = compute_status(ind(D.INCREASE, baseline=1), values(2))
    assert status.label and status.icon and status.css


def test_trend_names_better_or_worse_by_direction():
    trend = compute_trend(ind(D.DECREASE), Decimal(8), Decimal(10), "föregående värde")
    assert trend.change == -2
    assert "bättre" in str(trend.label)
    assert "sämre" in str(compute_trend(ind(D.INCREASE), Decimal(8), Decimal(10), "x").label)
    assert not compute_trend(ind(D.INCREASE), Decimal(8), None, "x").known
