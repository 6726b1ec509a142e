"""The agreements' text with simple formatting: Markdown, rendered and sanitised in one place.

Every view of a text (the page, a frozen version, its PDF, the Word file and the comparison)
goes through this module, so a section reads the same everywhere. Markdown is parsed by
markdown-it-py (raw HTML off, links validated) and the result is cleaned by nh3 with a short
allow-list, so typed ``<script>`` or ``javascript:`` links never reach a page.

Text written before Markdown keeps its meaning: a single line break stays a line break,
"•"-style bullets are list items, a lone line numbered like the template's subsections
("4.1 Inledning") is a subheading, a line after a list item without a blank line is a new
paragraph (not a continuation of the item), and runs of tab-separated lines (the seeds'
tables) are tables.
"""

import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

LEGACY_BULLETS = ("• ", "· ", "\uf0b7 ")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s")
NUMBERED_SUBHEADING = re.compile(r"^\d+\.\d+(?:\.\d+)?\s+[^.]{1,80}$")

ALLOWED_TAGS = {
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "code",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALIGN_CLASSES = {
    "text-align:left": "text-start",
    "text-align:center": "text-center",
    "text-align:right": "text-end",
}
ALLOWED_CLASSES = {tag: set(ALIGN_CLASSES.values()) for tag in ("th", "td")}
URL_SCHEMES = {"http", "https", "mailto"}

# Within a section of the document, a heading is at most a level-3 heading.
HEADING_SHIFT = {"h1": "h3", "h2": "h3"}
HEADING_CLASS = "h6 fw-semibold mt-3"
TABLE_CLASS = "table table-sm document-table"


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"breaks": True, "html": False}).enable("table")
    # Indentation in text pasted from Word means nothing: no code blocks from it.
    md.disable(["code", "fence"])
    return md


_MD = _parser()


def _table(rows: list[str]) -> list[str]:
    cells = [[c.strip().replace("|", "\\|") for c in row.split("\t")] for row in rows]
    width = max(len(row) for row in cells)
    cells = [row + [""] * (width - len(row)) for row in cells]
    lines = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(row) + " |" for row in cells[1:]]
    return ["", *lines, ""]


def legacy_to_markdown(text: str) -> str:
    """The text as Markdown, with the conventions of the text written before Markdown kept."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if (
            "\t" in line
            and i + 1 < len(lines)
            and "\t" in lines[i + 1]
            and not LIST_ITEM.match(line)
        ):
            run = []
            while i < len(lines) and "\t" in lines[i]:
                run.append(lines[i])
                i += 1
            out += _table(run)
            continue
        stripped = line.strip()
        bullet = next((b for b in LEGACY_BULLETS if stripped.startswith(b)), None)
        if bullet:
            line = "- " + stripped[len(bullet) :].strip()
        elif (
            stripped
            and not line[:1].isspace()
            and not LIST_ITEM.match(line)
            and out
            and LIST_ITEM.match(out[-1])
        ):
            out.append("")
        lone = (
            NUMBERED_SUBHEADING.match(stripped)
            and (not out or not out[-1].strip())
            and (i + 1 >= len(lines) or not lines[i + 1].strip())
        )
        out.append("### " + stripped if lone else line)
        i += 1
    return "\n".join(out)


def _tokens(text: str):
    tokens = _MD.parse(legacy_to_markdown(text))
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = HEADING_SHIFT.get(token.tag, token.tag)
        elif token.type in ("th_open", "td_open") and token.attrGet("style"):
            # The policy allows no inline styles: column alignment is a class.
            align = ALIGN_CLASSES.get(str(token.attrGet("style")))
            token.attrs.pop("style", None)
            if align:
                token.attrSet("class", align)
    return tokens


def render_html(text: str) -> str:
    """The text as sanitised HTML (a str: mark it safe only where it is placed)."""
    if not text or not text.strip():
        return ""
    raw = _MD.renderer.render(_tokens(text), _MD.options, {})
    clean = nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        allowed_classes=ALLOWED_CLASSES,
        link_rel="noopener noreferrer",
    )
    # After nh3 every "<h3>" and "<table>" is a real tag (text "<" is escaped), so adding
    # the classes here cannot open a hole.
    return (
        clean.replace("<h3>", f'<h3 class="{HEADING_CLASS}">')
        .replace("<table>", f'<div class="table-responsive"><table class="{TABLE_CLASS}">')
        .replace("</table>", "</table></div>")
        .strip()
    )


def render(text: str) -> SafeString:
    return mark_safe(render_html(text))  # noqa: S308 - sanitised by nh3 in render_html


def text_lines(text: str) -> list[str]:
    """The text as a reader sees it, one line per paragraph line, list item, heading or table
    row: what the comparison of two versions compares. A link shows its address."""
    lines: list[str] = []
    prefix: list[str] = []
    row: list[str] | None = None
    for token in _tokens(text):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            prefix.append("• ")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            prefix.pop()
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            lines.append(" | ".join(row or []).strip())
            row = None
        elif token.type == "inline":
            parts = _inline_lines(token)
            if row is not None:
                row.append(" ".join(parts))
                continue
            for n, part in enumerate(parts):
                lead = "  " * (len(prefix) - 1) + "• " if prefix and n == 0 else ""
                if part.strip():
                    lines.append(lead + part.strip())
    return [line for line in lines if line.strip()]


def _inline_lines(token) -> list[str]:
    parts, current, href = [], "", None
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            current += child.content
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(current)
            current = ""
        elif child.type == "link_open":
            href = child.attrGet("href")
        elif child.type == "link_close" and href:
            current += f" ({href})"
            href = None
    parts.append(current)
    return parts
