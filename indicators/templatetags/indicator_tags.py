"""Numbers of the follow-up as Swedes write them."""

from django import template

from ..values import format_number

register = template.Library()


@register.filter
def number(value):
    return format_number(value) if value not in (None, "") else ""


@register.filter
def comparison_value(series, year):
    """A Kolada comparison series' value for ``year`` (kolada.comparison.ComparisonSeries)."""
    return series.for_year(year)
