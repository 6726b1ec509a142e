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
        "in_force": "text-bg-success",
        "under_revision": "text-bg-info",
        "ended": "text-bg-dark",
    }.get(status, "text-bg-secondary")
