"""Numbers of the follow-up as Swedes write them."""

from django import template
from django.utils.safestring import mark_safe

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
