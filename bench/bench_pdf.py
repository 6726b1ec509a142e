"""Benchmark: the sealed agreement PDF of a large agreement against a plain document.

A large agreement (Järfälla's text, 11 parties with a signatory each, 6 goals with 30
indicators) is signed through the real service path, which renders and seals its PDF once.
Then, in the same run and interleaved, each repetition renders and seals it again
(``render_signed_pdf``, what the signing task calls), renders it unsealed, and renders a plain
WeasyPrint document of the same length: the sealed PDF's own text, page by page, as running
paragraphs in the default font (``pdf_ratio`` is sealed ÷ this). For context it also renders
the agreement's own HTML without the portal's stylesheet (tables and all, browser defaults). Prints the medians, the pages and the ratio
sealed ÷ plain, and writes ``pdf_ratio`` (with the figures under ``pdf``) to
``bench/last.json``. Runs in a throw-away database (``bench_pdf_<pid>``).

    DATABASE_URL=postgres://... DEBUG=1 python bench/bench_pdf.py [--profile]

``--profile`` prints the cProfile of one sealed render (top functions by cumulative time).
"""

import cProfile
import html
import os
import pstats
import re
import statistics
import subprocess
import sys
import time
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")

import django  # noqa: E402

django.setup()

from bench_report import GOALS, last_json_merge  # noqa: E402  (bench/ is the script's directory)
from throwaway import signing_database  # noqa: E402

REPETITIONS = int(os.environ.get("BENCH_PDF_REPETITIONS", "5"))
PARTIES = 11
GOALS_COUNT, INDICATORS_PER_GOAL = 6, 5


def large_agreement():
    """Järfälla's agreement with 9 more municipalities, a signatory each, and 30 indicators."""
    from agreements.models import AgreementParty
    from tests.agreements.factories import Jarfalla
    from tests.factories import PartyFactory, SignatoryFactory, UserFactory
    from tests.indicators.factories import GoalFactory, IndicatorFactory

    jarfalla = Jarfalla()
    for n in range(PARTIES - 2):
        party = PartyFactory(name=f"Skaldata kommun {n + 1}")
        AgreementParty.objects.create(agreement=jarfalla.agreement, party=party)
        user = UserFactory(username=f"bench-pdf-{n}", party=party)
        signatory = SignatoryFactory(
            agreement=jarfalla.agreement,
            party=party,
            name=f"Påhittad Undertecknare {n + 1}",
            title="Kommunstyrelsens ordförande",
            user=user,
            position=10 + n,
        )
        jarfalla.signatories.append((signatory, user))
    for g in range(GOALS_COUNT):
        goal = GoalFactory(
            agreement=jarfalla.agreement,
            title=f"Mål {g + 1}: fler kvinnor och män i arbete eller studier",
            description=(
                "Samverkan ska leda till att fler arbetssökande går vidare till arbete eller "
                "studier, med särskild vikt vid dem som står långt från arbetsmarknaden."
            ),
        )
        for i in range(INDICATORS_PER_GOAL):
            IndicatorFactory(
                goal=goal,
                name=f"Antal deltagare i insats {g + 1}.{i + 1} som går vidare till arbete",
            )
    return jarfalla


def paragraphs(text: str, least: int = 400) -> list[str]:
    """A page's text blocks (table cells are blocks of their own) as running paragraphs."""
    out, current = [], ""
    for block in text.split("\n\n"):
        current = f"{current} {' '.join(block.split())}".strip()
        if len(current) >= least:
            out.append(current)
            current = ""
    return [*out, current] if current else out


def plain_html(page_texts: list[str], font_pt: float) -> str:
    """The same text on the same pages, the plainest way WeasyPrint renders it: each page's
    text as running paragraphs in the default font, a page break after each page."""
    pages = "".join(
        '<div style="break-after: page">'
        + "".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in paragraphs(text))
        + "</div>"
        for text in page_texts
    )
    return (
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><style>'
        f"@page {{ size: A4; margin: 20mm }} body {{ font-size: {font_pt}pt }}"
        f"</style></head><body>{pages}</body></html>"
    )


def same_markup_html(markup: str, font_pt: float) -> str:
    """The agreement's own HTML without the portal's stylesheet (fonts, margin boxes,
    running strings): the browser defaults at a font size that gives the same pages."""
    markup = re.sub(r'<link rel="stylesheet"[^>]*>', "", markup)
    return markup.replace(
        "</head>",
        f"<style>@page {{ size: A4; margin: 20mm }} body {{ font-size: {font_pt}pt }}"
        ".running { display: none }</style></head>",
    )


def fitted(make_html, pages: int) -> tuple[str, float, int]:
    """The largest font size at which ``make_html(font_pt)`` renders to ``pages`` pages."""
    from weasyprint import HTML

    for font_pt in (12, 11, 10, 9.5, 9, 8.5, 8, 7.5, 7, 6.5, 6):
        source = make_html(font_pt)
        if (count := page_count(HTML(string=source).write_pdf())) <= pages:
            return source, font_pt, count
    return source, font_pt, count


def page_texts(pdf: bytes) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return out.rstrip("\f").split("\f")


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(BytesIO(pdf)).pages)


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def main():
    with signing_database("pdf"):
        from django.utils import translation
        from weasyprint import HTML

        from agreements.models import SignedDocument
        from agreements.signing import pdf
        from samverkan.pdf import render_html

        jarfalla = large_agreement()
        version = jarfalla.send()
        first, document = timed(lambda: jarfalla.sign_all(version))
        document.refresh_from_db()
        assert document.status == SignedDocument.Status.READY, document.error
        stored = document.file.read()
        pages = page_count(stored)
        texts = page_texts(stored)
        plain_source, font_pt, plain_pages = fitted(lambda pt: plain_html(texts, pt), pages)
        with translation.override("sv"):
            markup = render_html(
                "agreements/pdf/agreement.html",
                {**pdf.signed_pdf_context(document), "pdf_created": "", "pdf_modified": ""},
            )
        markup_source, markup_pt, markup_pages = fitted(
            lambda pt: same_markup_html(markup, pt), pages
        )

        def plain():
            return HTML(string=plain_source).write_pdf()

        def same_markup():
            return HTML(string=markup_source).write_pdf()

        plain_pdf = plain()
        print(
            f"Agreement PDF: {jarfalla.agreement.parties.count()} parties, "
            f"{len(jarfalla.signatories)} signatories, {GOALS_COUNT * INDICATORS_PER_GOAL} "
            f"indicators; {pages} pages, {len(stored) / 1024:.0f} KB "
            f"(plain: {plain_pages} pages at {font_pt} pt, {len(plain_pdf) / 1024:.0f} KB; "
            f"same markup: {markup_pages} pages at {markup_pt} pt)"
        )
        print(f"  signing through the service (incl. the first render and seal): {first:.2f} s")
        if "--profile" in sys.argv:
            profiler = cProfile.Profile()
            profiler.runcall(pdf.render_signed_pdf, document)
            stats = pstats.Stats(profiler)
            stats.sort_stats("cumulative").print_stats(40)
            stats.sort_stats("tottime").print_stats(25)
        sealed_s, unsealed_s, plain_s, markup_s = [], [], [], []
        for _ in range(REPETITIONS):
            sealed_s.append(timed(lambda: pdf.render_signed_pdf(document))[0])
            unsealed_s.append(timed(lambda: pdf.render_unsealed_pdf(document))[0])
            plain_s.append(timed(plain)[0])
            markup_s.append(timed(same_markup)[0])
        sealed, unsealed, plain_median, markup_median = (
            statistics.median(v) for v in (sealed_s, unsealed_s, plain_s, markup_s)
        )
        ratio = round(sealed / plain_median, 2)
        print(f"  median of {REPETITIONS}, interleaved in one run:")
        print(f"    sealed   (render_signed_pdf)   {sealed:6.2f} s")
        print(f"    unsealed (render_unsealed_pdf) {unsealed:6.2f} s")
        print(f"    plain WeasyPrint document      {plain_median:6.2f} s")
        print(f"    same markup, no portal styles  {markup_median:6.2f} s")
        print(
            f"  sealed ÷ plain {ratio} (goal ≤ {GOALS['pdf_ratio']}), "
            f"unsealed ÷ plain {unsealed / plain_median:.2f}; "
            f"sealed ÷ same markup {sealed / markup_median:.2f}"
        )
        for name, count in (("plain document", plain_pages), ("same markup", markup_pages)):
            if count != pages:
                print(f"  WARNING: the {name} has {count} pages, not {pages}")
        last_json_merge(
            {
                "pdf_ratio": ratio,
                "pdf": {
                    "pages": pages,
                    "plain_pages": plain_pages,
                    "sealed_seconds": round(sealed, 3),
                    "unsealed_seconds": round(unsealed, 3),
                    "plain_seconds": round(plain_median, 3),
                    "same_markup_seconds": round(markup_median, 3),
                    "repetitions": REPETITIONS,
                },
            }
        )
        print("Wrote pdf_ratio to bench/last.json")
        # A missed goal is printed (and listed by bench_pages.py), not a failed `make bench`.
        return 0


if __name__ == "__main__":
    sys.exit(main())
