"""The small text format of the pages about the portal, rendered to safe HTML.

Administrators type plain text: blocks separated by a blank line; a block starting with
``## `` is a heading, a block of ``- `` lines a list, anything else a paragraph. Everything
is escaped and only web and e-mail addresses become links, so a page's text can never bring
its own HTML or script (a Markdown library would allow raw HTML, which would need a
sanitiser as well: two dependencies for three pages).
"""

import re

from django.utils.html import format_html, format_html_join, urlize
from django.utils.safestring import SafeString, mark_safe

_BLANK_LINE = re.compile(r"\n\s*\n")


def _inline(text: str) -> SafeString:
    # urlize escapes everything that is not an address it turns into a link.
    return mark_safe(urlize(text.strip(), autoescape=True))  # noqa: S308 - escaped by urlize


def render_page_text(text: str) -> SafeString:
    blocks = [b.strip("\n") for b in _BLANK_LINE.split(text.replace("\r\n", "\n"))]
    html = []
    for block in blocks:
        if not block.strip():
            continue
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if lines[0].startswith("## "):
            html.append(format_html("<h2>{}</h2>", _inline(lines[0][3:])))
            lines = lines[1:]
            if not lines:
                continue
        if all(line.startswith("- ") for line in lines):
            items = format_html_join("", "<li>{}</li>", ((_inline(li[2:]),) for li in lines))
            html.append(format_html("<ul>{}</ul>", items))
        else:
            body = mark_safe("<br>".join(_inline(line) for line in lines))  # noqa: S308
            html.append(format_html("<p>{}</p>", body))
    return mark_safe("\n".join(html))  # noqa: S308 - every part built by format_html
