"""The print stylesheet hides the portal around a document (header, menu, buttons, edit
links) and keeps the calendar's seven days; the browser check is tests/browser/test_details.py."""

import re
from pathlib import Path

CSS = (Path(__file__).resolve().parents[2] / "static" / "css" / "portal.css").read_text()


def _print_block() -> str:
    start = CSS.index("@media print {")
    depth, end = 0, start
    for end in range(start, len(CSS)):
        depth += CSS[end] == "{"
        depth -= CSS[end] == "}"
        if depth == 0 and CSS[end] == "}":
            break
    return CSS[start : end + 1]


def _hidden_selectors(block: str) -> set[str]:
    hidden = set()
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", block):
        if re.search(r"display:\s*none", body):
            hidden |= {s.strip() for s in selectors.replace("@media print", "").split(",")}
    return hidden


def test_print_hides_header_menu_buttons_and_edit_links():
    hidden = _hidden_selectors(_print_block())
    for selector in (
        ".portal-header",
        ".navbar",
        ".btn",
        ".section-tools",
        "footer",
        ".breadcrumb",
    ):
        assert selector in hidden, selector


def test_print_keeps_the_calendar_week_on_the_page():
    block = _print_block()
    assert re.search(r"\.calendar-month \{[^}]*min-width: 0", block)
    assert ".calendar-month td" in block


def test_pages_that_print_mark_their_own_extras():
    templates = Path(__file__).resolve().parents[2] / "templates"
    agreement = (templates / "agreements" / "agreement_detail.html").read_text()
    assert 'class="col-lg-4 print-hide"' in agreement  # the side panels
    assert 'class="section-tools"' in agreement  # the "Redigera" links
    calendar = (templates / "meetings" / "calendar_month.html").read_text()
    assert "calendar-month-nav" in calendar
