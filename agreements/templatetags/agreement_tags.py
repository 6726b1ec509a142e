"""Rendering of the agreements' plain text as paragraphs, subheadings and bullet lists."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

BULLETS = ("- ", "• ", "· ", "* ", "\uf0b7 ")
# A lone short line numbered like the template's subsections ("4.1 Inledning") or written
# as "### Rubrik" is a subheading.
SUBHEADING = re.compile(r"^(?:###\s+(?P<text>.+)|(?P<numbered>\d+\.\d+(?:\.\d+)?\s+[^.]{1,80}))$")


def _blocks(value: str):
    """Yield ('p', [lines]) and ('ul', [items]) in order; blank lines end a block."""
    kind, lines = None, []
    for raw in value.replace("\r\n", "\n").split("\n"):
        stripped = raw.strip()
        if not stripped:
            if lines:
                yield kind, lines
            kind, lines = None, []
            continue
        bullet = next((b for b in BULLETS if stripped.startswith(b)), None)
        line_kind = "ul" if bullet else "p"
        text = stripped[len(bullet) :].strip() if bullet else stripped
        if kind not in (None, line_kind):
            yield kind, lines
            lines = []
        kind = line_kind
        lines.append(text)
    if lines:
        yield kind, lines


@register.filter
def document_text(value):
    """Blank lines separate paragraphs; lines starting with '- ' or '•' become list items.

    Everything is escaped first, so text typed in the portal is shown as text, never as HTML.
    """
    if not value:
        return ""
    html = []
    for kind, lines in _blocks(value):
        escaped = [escape(line) for line in lines]
        heading = SUBHEADING.match(lines[0]) if kind == "p" and len(lines) == 1 else None
        if heading:
            text = heading.group("text") or heading.group("numbered")
            html.append(f'<h3 class="h6 fw-semibold mt-3">{escape(text)}</h3>')
        elif kind == "ul":
            html.append("<ul>" + "".join(f"<li>{line}</li>" for line in escaped) + "</ul>")
        else:
            html.append("<p>" + "<br>".join(escaped) + "</p>")
    return mark_safe("\n".join(html))  # noqa: S308 - every piece is escaped above


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
