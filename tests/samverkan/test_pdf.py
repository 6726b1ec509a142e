"""The shared PDF renderer (samverkan.pdf), as any app uses it."""

import datetime
import io

import pypdf
from django.utils import timezone

from samverkan.pdf import StaticOnlyURLFetcher, render_pdf


def test_render_pdf_is_pdfa_and_deterministic():
    created = timezone.make_aware(datetime.datetime(2026, 8, 31, 12, 0))
    context = {"title": "Halvårsuppföljning", "body": "Åtta av tio mål är nådda."}
    fetcher = StaticOnlyURLFetcher()
    first = render_pdf("pdf/example.html", context, created=created, url_fetcher=fetcher)
    second = render_pdf("pdf/example.html", context, created=created)
    assert first == second
    reader = pypdf.PdfReader(io.BytesIO(first))
    assert 'pdfaid:part="3"' in reader.xmp_metadata.rdf_root.toxml()
    assert "Åtta av tio mål är nådda." in reader.pages[0].extract_text()
    assert reader.metadata.title == "Halvårsuppföljning"
    assert fetcher.requested and not fetcher.refused
