"""Template filters of the agreement pages: the text, status badges and frozen data."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from samverkan import richtext

register = template.Library()


@register.filter
def document_text(value):
    """The agreement's text (Markdown, or plain text written before it) as sanitised HTML:
    the one rendering of the page, the frozen version and the PDF (samverkan.richtext)."""
    return richtext.render(value or "")


@register.simple_tag
def status_badge_class(status):
    return {
        "draft": "text-bg-secondary",
        "for_signature": "text-bg-warning",
        "signed": "text-bg-primary",
        "in_force": "text-bg-success",
        "under_revision": "text-bg-info",
        "ended": "text-bg-dark",
    }.get(status, "text-bg-secondary")


def _is_scalar(value) -> bool:
    return not isinstance(value, dict | list)


def _data_html(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return escape("Ja" if value else "Nej")
    if _is_scalar(value):
        return escape(str(value))
    if isinstance(value, dict):
        rows = "".join(
            f"<dt>{escape(str(k))}</dt><dd>{_data_html(v)}</dd>" for k, v in value.items()
        )
        return f'<dl class="snapshot-data">{rows}</dl>'
    if value and all(
        isinstance(item, dict) and all(map(_is_scalar, item.values())) for item in value
    ):
        keys = list(dict.fromkeys(k for item in value for k in item))
        head = "".join(f'<th scope="col">{escape(str(k))}</th>' for k in keys)
        body = "".join(
            "<tr>" + "".join(f"<td>{_data_html(item.get(k))}</td>" for k in keys) + "</tr>"
            for item in value
        )
        return f'<table class="table table-sm snapshot-data"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    return "<ul>" + "".join(f"<li>{_data_html(item)}</li>" for item in value) + "</ul>"


@register.filter
def snapshot_data(value):
    """A registered part's frozen data, when the part has no template of its own: tables for
    lists of records, definition lists for records. Every value is escaped."""
    return mark_safe(_data_html(value))  # noqa: S308 - every piece is escaped above


@register.filter
def iso_date(value):
    """'2023-01-01' stays as it is; a date prints as ISO, as Swedish documents do."""
    if not value:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
