"""Numbers of the follow-up as Swedes write them."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from samverkan.forms import escaped

from ..values import format_number

register = template.Library()


@register.filter
def number(value):
    return format_number(value) if value not in (None, "") else ""


@register.filter
def comparison_value(series, year):
    """A Kolada comparison series' value for ``year`` (kolada.comparison.ComparisonSeries)."""
    return series.for_year(year)


@register.filter
def entry_field(field):
    """A field of the entry page: its hidden label, its input and its messages, tied to the
    input by id (the input's aria-describedby, forms.mark_invalid). Built here rather than in
    an included template: the page has up to 180 of them."""
    auto_id = escaped(field.auto_id)
    errors = field.errors
    messages = (
        f'<div id="{auto_id}-fel" class="invalid-feedback d-block">'
        + " ".join(escaped(error) for error in errors)
        + "</div>"
        if errors
        else ""
    )
    return mark_safe(  # noqa: S308 - every part is escaped
        f'<label class="visually-hidden" for="{auto_id}">{escaped(field.label)}</label>'
        f"{field}{messages}"
    )


@register.filter
def history_rows(row):
    """The rows of a report's table of values for one indicator (selectors.IndicatorRow):
    period, origin mark, total and, split by gender, women, men and unknown. Built here: a
    report has 30 indicators with up to 20 half-years each."""
    by_gender = row.indicator.by_gender
    marks = {
        "demo": f' <span class="badge text-bg-warning">{escaped(_("demo"))}</span>',
        "kolada": f' <span class="badge text-bg-light border">{escaped(_("Kolada"))}</span>',
    }
    lines = []
    for period, m in row.history:
        # format_number writes digits, a minus and a decimal comma: nothing to escape.
        numbers = (
            f"<td>{format_number(m.total) or '–'}</td><td>{format_number(m.women) or '–'}</td>"
            f"<td>{format_number(m.men) or '–'}</td><td>{format_number(m.unknown) or '–'}</td>"
            if by_gender
            else f"<td>{format_number(m.total) or '–'}</td>"
        )
        lines.append(
            f'<tr><th scope="row" class="fw-normal">{escaped(period.label)}'
            f"{marks.get(m.origin, '')}</th>{numbers}</tr>"
        )
    return mark_safe("\n".join(lines))  # noqa: S308 - every part is escaped
