"""The agreements' text: Markdown, sanitised, and the text written before Markdown unchanged
in meaning (samverkan.richtext, through the document_text filter)."""

import re
from html import unescape
from html.parser import HTMLParser

import pytest

from agreements.templatetags.agreement_tags import document_text
from fixtures import demo_jarfalla, demo_nordost_appendix1, demo_osteraker
from samverkan.richtext import legacy_to_markdown, render_html, text_lines


def test_paragraphs_lists_and_subheadings():
    html = document_text(
        "4.1 Inledning\n\nMålet är ett nära samarbete.\n- Lokala mål\n- Kvantifierade\n\n### Styrgrupp"
    )
    assert html == (
        '<h3 class="h6 fw-semibold mt-3">4.1 Inledning</h3>\n'
        "<p>Målet är ett nära samarbete.</p>\n"
        "<ul>\n<li>Lokala mål</li>\n<li>Kvantifierade</li>\n</ul>\n"
        '<h3 class="h6 fw-semibold mt-3">Styrgrupp</h3>'
    )


def test_a_numbered_sentence_is_not_a_heading():
    assert document_text("2.5 procent av deltagarna ska få arbete.").startswith("<p>")


def test_plain_text_keeps_its_line_breaks_bullets_and_paragraph_after_a_list():
    # GIVEN text written before Markdown: line breaks, "•" bullets, a line right after a list
    html = render_html("Rad ett\nrad två\n• punkt\n\uf0b7 punkt två\nEfter listan")
    # THEN the line break stays, the bullets are a list and the last line is its own paragraph
    assert html == (
        "<p>Rad ett<br>\nrad två</p>\n<ul>\n<li>punkt</li>\n<li>punkt två</li>\n</ul>\n"
        "<p>Efter listan</p>"
    )


def test_indentation_from_word_is_not_a_code_block():
    assert render_html("    indragen rad") == "<p>indragen rad</p>"


def test_simple_formatting_bold_links_and_tables():
    html = render_html(
        "**Viktigt** och [Kolada](https://www.kolada.se/)\n\n| Mått | Värde |\n|---|--:|\n| A | 1 |"
    )
    assert "<strong>Viktigt</strong>" in html
    assert '<a href="https://www.kolada.se/" rel="noopener noreferrer">Kolada</a>' in html
    assert '<div class="table-responsive"><table class="table table-sm document-table">' in html
    assert '<td class="text-end">1</td>' in html


def test_the_seeds_tab_separated_rows_are_a_table():
    html = render_html("Funktionsnedsättningar\nStatus\tKvinnor\tMän\nÖppet arbetslösa\t8\t14")
    assert "<p>Funktionsnedsättningar</p>" in html
    assert "<th>Status</th>" in html and "<td>14</td>" in html


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "[klicka](javascript:alert(1))",
        '<a href="javascript:alert(1)">klicka</a>',
        "<img src=x onerror=alert(1)>",
        "[klicka](JaVaScRiPt:alert(1))",
        "<javascript:alert(1)>",
        '<div onclick="alert(1)">x</div>',
    ],
)
def test_script_and_javascript_links_are_sanitised(text):
    html = document_text(text)
    tags = _tags(html)
    # THEN no script, image or event handler is a real element, and no link runs script
    assert {name for name, _attrs in tags} <= {"p", "a", "br"}
    for _name, attrs in tags:
        assert not any(key.startswith("on") for key, _value in attrs)
        assert not any(
            key == "href" and value.strip().lower().startswith("javascript") for key, value in attrs
        )
    # A link's words stay readable as text
    if "klicka" in text:
        assert "klicka" in html


def _tags(html: str) -> list[tuple[str, list]]:
    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collect().feed(html)
    return found


def test_a_markdown_heading_is_at_most_a_subheading():
    assert render_html("# Stor") == '<h3 class="h6 fw-semibold mt-3">Stor</h3>'


def _visible_words(html: str) -> list[str]:
    return unescape(re.sub(r"<[^>]+>", " ", html)).split()


def _source_words(text: str) -> list[str]:
    words = []
    for line in text.split("\n"):
        line = re.sub(r"^\s*(?:###\s|[-•·*]\s|\uf0b7\s)", "", line)
        words += line.replace("\t", " ").split()
    return words


@pytest.mark.parametrize(
    "text",
    [
        demo_osteraker.PURPOSE,
        demo_osteraker.GOALS,
        demo_osteraker.TARGET_GROUPS_TEXT,
        *[v for k, v in vars(demo_jarfalla).items() if k.isupper() and isinstance(v, str)],
    ],
)
def test_the_demo_texts_read_word_for_word_as_before(text):
    # GIVEN the demo agreements' texts, written as plain text before Markdown
    # THEN the rendered page shows every word of them, in order, and nothing else
    assert _visible_words(render_html(text)) == _source_words(text)


def test_the_nordost_appendix_renders_its_tables_and_every_word():
    text = demo_nordost_appendix1.APPENDIX_1_TEXT
    html = render_html(text)
    assert html.count("<table") >= 6
    words = " ".join(_visible_words(html))
    assert "Statusbeskrivning Kvinnor Män Totalt Andel" in words
    assert "<" not in legacy_to_markdown("a\tb\nc\td").split("|")[0]


def test_comparison_lines_are_the_text_as_read():
    assert text_lines("Inledning\n\n- **Ett** mål\n- [Länk](https://a.se)") == [
        "Inledning",
        "• Ett mål",
        "• Länk (https://a.se)",
    ]
