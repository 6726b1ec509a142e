"""Word files (python-docx) from the HTML the portal already renders for its PDFs.

A document is written once, as a template; the PDF renders it with WeasyPrint and the Word
file is built from the same HTML here, so both carry the same words in the same order. Only
the simple structure the documents use is mapped (headings, paragraphs, line breaks, lists,
bold, italics, links, tables, definition lists); elements hidden from readers (the PDF's
running header strings, visually hidden captions) are left out. Word's own styles are used,
so a secretary can paste the text into the committee's template and keep its look.
"""

import io
import re
from html.parser import HTMLParser

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

HEADING_LEVELS = {"h1": 0, "h2": 1, "h3": 2, "h4": 3, "h5": 3, "h6": 3}
BLOCKS = {"p", "li", "dt", "dd", "blockquote", "caption", *HEADING_LEVELS}
VOID = {"br", "hr", "img", "meta", "link", "input", "col", "wbr"}
SKIPPED_TAGS = {"script", "style", "head", "title", "button", "form", "svg"}
SPACE = re.compile(r"\s+")


def _hidden(tag: str, attrs: dict) -> bool:
    classes = (attrs.get("class") or "").split()
    return (
        tag in SKIPPED_TAGS
        or attrs.get("aria-hidden") == "true"
        or "visually-hidden" in classes
        or "running" in classes
    )


class _Builder(HTMLParser):
    def __init__(self, document):
        super().__init__(convert_charrefs=True)
        self.doc = document
        self.paragraph = None
        self.lists: list[str] = []
        self.bold = 0
        self.italic = 0
        self.href: str | None = None
        self.link_text = ""
        self.skip: list[str] = []
        # A table is collected whole (rows of cells; a cell is (text, is_header)) and written
        # when it closes: python-docx wants its size up front.
        self.table: list[list[tuple[str, bool]]] | None = None
        self.cell: list[str] | None = None
        self.cell_header = False

    # --- blocks -------------------------------------------------------------------------

    def _new_paragraph(self, tag: str):
        if tag in HEADING_LEVELS:
            self.paragraph = self.doc.add_heading(level=HEADING_LEVELS[tag])
        elif tag == "li" and self.lists:
            depth = min(len(self.lists), 3)
            base = "List Number" if self.lists[-1] == "ol" else "List Bullet"
            self.paragraph = self.doc.add_paragraph(style=base if depth == 1 else f"{base} {depth}")
        else:
            self.paragraph = self.doc.add_paragraph()
            if tag == "blockquote":
                self.paragraph.paragraph_format.left_indent = Pt(18)
            if tag == "dd":
                self.paragraph.paragraph_format.left_indent = Pt(12)
        if tag == "dt":
            self.bold += 1

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.skip:
            if tag not in VOID:
                self.skip.append(tag)
            return
        if _hidden(tag, attrs):
            if tag not in VOID:
                self.skip.append(tag)
            return
        if self.table is not None:
            self._table_start(tag)
            return
        if tag in ("ul", "ol"):
            self.lists.append(tag)
            self.paragraph = None
        elif tag == "p" and self.paragraph is not None and self._is_empty_list_item():
            pass  # a loose list item's paragraph: write into the item
        elif tag in BLOCKS:
            self._new_paragraph(tag)
        elif tag == "table":
            self.paragraph = None
            self.table = []
        elif tag == "br":
            if self.paragraph is not None:
                self.paragraph.add_run().add_break()
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "a":
            self.href = attrs.get("href")
            self.link_text = ""

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        if self.table is not None:
            self._table_end(tag)
            return
        if tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self.paragraph = None
        elif tag in BLOCKS and tag != "p" or tag == "p" and not self.lists:
            if tag == "dt":
                self.bold = max(0, self.bold - 1)
            self.paragraph = None
        elif tag in ("strong", "b"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("em", "i"):
            self.italic = max(0, self.italic - 1)
        elif tag == "a":
            href, self.href = self.href, None
            shown = self.link_text.strip()
            if href and href not in (shown, f"mailto:{shown}") and self.paragraph is not None:
                self.paragraph.add_run(f" ({href})")

    def _is_empty_list_item(self) -> bool:
        return bool(self.lists) and not self.paragraph.text.strip()

    # --- text ---------------------------------------------------------------------------

    def handle_data(self, data):
        if self.skip:
            return
        text = SPACE.sub(" ", data)
        if self.table is not None:
            if self.cell is not None:
                self.cell.append(text)
            return
        if self.paragraph is None:
            if not text.strip():
                return
            self.paragraph = self.doc.add_paragraph()
        if not self.paragraph.text or self.paragraph.text.endswith("\n"):
            text = text.lstrip()
        if not text:
            return
        run = self.paragraph.add_run(text)
        run.bold = bool(self.bold) or None
        run.italic = bool(self.italic) or None
        if self.href:
            run.underline = True
            self.link_text += text

    # --- tables -------------------------------------------------------------------------

    def _table_start(self, tag):
        if tag == "tr":
            self.table.append([])
        elif tag in ("td", "th"):
            self.cell, self.cell_header = [], tag == "th"
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")

    def _table_end(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            if not self.table:
                self.table.append([])
            text = "".join(self.cell)
            text = "\n".join(line.strip() for line in text.split("\n")).strip()
            self.table[-1].append((text, self.cell_header))
            self.cell = None
        elif tag == "table":
            rows, self.table = [row for row in self.table if row], None
            self._write_table(rows)

    def _write_table(self, rows):
        if not rows:
            return
        width = max(len(row) for row in rows)
        table = self.doc.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, (text, header) in enumerate(row):
                cell = table.cell(r, c)
                cell.text = ""
                run = cell.paragraphs[0].add_run(text)
                run.bold = header or None
        self.paragraph = None


def html_to_docx(html: str, *, header_text: str = "", title: str = "") -> bytes:
    """A Word file with the HTML's content; ``header_text`` is repeated at the top of every
    page (e.g. "UTKAST 2026-12-07")."""
    document = Document()
    if title:
        document.core_properties.title = title
    document.core_properties.author = "Samverkansportalen"
    if header_text:
        header = document.sections[0].header.paragraphs[0]
        header.text = header_text
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for run in header.runs:
            run.bold = True
    builder = _Builder(document)
    builder.feed(html)
    builder.close()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
