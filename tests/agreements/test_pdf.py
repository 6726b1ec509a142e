"""The signed PDF: its text, PDF/A metadata, fonts, seal, verification and determinism."""

import hashlib
import io
import subprocess
from unittest import mock

import pypdf
import pytest
from django.core.management import CommandError, call_command
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from agreements import signing
from agreements.models import SECTIONS, SignedDocument
from agreements.signing.pdf import render_signed_pdf, render_unsealed_pdf
from samverkan.pdf import ResourceRefused, StaticOnlyURLFetcher, static_roots
from samverkan.seal import check_seal, load_signer

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(jarfalla, django_capture_on_commit_callbacks):
    """The Järfälla agreement signed by its three signatories, with its signed PDF."""
    version = jarfalla.send()
    with django_capture_on_commit_callbacks(execute=True):
        document = jarfalla.sign_all(version)
    document.refresh_from_db()
    assert document.status == SignedDocument.Status.READY, document.error
    return document


def stored(document) -> bytes:
    with document.file.open("rb") as f:
        return f.read()


def pdf_text(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def test_pdf_text_has_sections_pages_signatories_and_diarienummer(signed):
    data = stored(signed)
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = len(reader.pages)
    text = pdf_text(data)
    for number, _field, heading in SECTIONS:
        assert f"{number}. {heading}" in text
    assert "ÖVERENSKOMMELSE" in text
    assert f"Sida 1 ({pages})" in text and f"Sida {pages} ({pages})" in text
    assert "Diarienummer: Af-2022/0116 1568" in text
    assert "Datum 2022-12-12" in text
    for name, title in [
        ("Jan Karlsson", "Enhetschef"),
        ("Carina Karlsson", "Utbildnings- och arbetsmarknadsdirektör"),
        ("Jenny Wilhelmsson", "Socialdirektör"),
    ]:
        assert name in text and title in text
    assert "Bilaga 1. Arbetssökande med behov av utbildning" in text
    assert f"Kontrollkod: {signed.verification_code}" in text
    assert "registrator@samverkansportalen.se" in text
    assert signed.version.content_hash in text


def test_pdf_is_tagged_pdfa_3a_with_embedded_fonts(signed):
    reader = pypdf.PdfReader(io.BytesIO(stored(signed)))
    xmp = reader.xmp_metadata.rdf_root.toxml()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp
    assert "/OutputIntents" in reader.trailer["/Root"]
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            fonts.append(descendant["/FontDescriptor"].get_object())
    assert fonts and all("/FontFile2" in f for f in fonts)
    assert reader.metadata.title.startswith("Överenskommelse om samverkan mellan Järfälla")


def test_signature_lines_are_single_strokes_and_the_pdf_stays_small(signed):
    # GIVEN the signed PDF of Järfälla's three signatories
    data = stored(signed)
    reader = pypdf.PdfReader(io.BytesIO(data))
    # THEN the signature page draws no curves: a dotted line was hundreds of little circles
    # per signatory (WeasyPrint draws each dot as four Bézier curves), which made the file
    # four times larger and cost more time to write than the text
    signature_page = next(p for p in reader.pages if "Jenny Wilhelmsson" in p.extract_text())
    curves = signature_page.get_contents().get_data().count(b" c\n")
    assert curves < 20, curves
    assert len(data) < 120_000, len(data)
    # AND the lines still carry the signatories' names and titles
    text = pdf_text(data)
    assert "Jan Karlsson" in text and "Socialdirektör" in text


def test_signed_pdf_is_tagged_with_agreeing_producers_and_passes_qpdf(signed, tmp_path):
    # GIVEN a signed PDF written to disk
    path = tmp_path / "signed.pdf"
    path.write_bytes(stored(signed))
    # THEN pdfinfo says it is tagged (PDF/A-3a), so a screen reader can read it
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    fields = dict(line.split(":", 1) for line in info.stdout.splitlines() if ":" in line)
    assert fields["Tagged"].strip() == "yes"
    # AND the document info's producer is the XMP's (PDF/A wants them to agree)
    producer = fields["Producer"].strip()
    xmp = subprocess.run(
        ["pdfinfo", "-meta", str(path)], capture_output=True, check=True, text=True
    ).stdout
    assert f'pdf:Producer="{producer}"' in xmp or f"<pdf:Producer>{producer}<" in xmp
    assert "WeasyPrint" not in producer  # not "WeasyPrint …; pyHanko …" against "pyHanko …"
    reader = pypdf.PdfReader(io.BytesIO(stored(signed)))
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    # AND every font is embedded
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows)
    # AND qpdf finds the file's structure sound
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors" in check.stdout


def test_seal_validates_with_pyhanko(signed):
    reader = PdfFileReader(io.BytesIO(stored(signed)))
    [sig] = reader.embedded_signatures
    status = validate_pdf_signature(
        sig, ValidationContext(trust_roots=[load_signer().signing_cert])
    )
    assert status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"
    assert check_seal(stored(signed)).ok


def test_verify_signed_pdf_confirms_and_detects_one_changed_byte(signed, tmp_path):
    data = stored(signed)
    path = tmp_path / "overenskommelse.pdf"
    path.write_bytes(data)
    out = io.StringIO()
    call_command("verify_signed_pdf", str(path), stdout=out)
    report = out.getvalue()
    assert "Version: 1" in report
    assert "Diarienummer: Af-2022/0116 1568" in report
    assert "Kontrollsumma: stämmer" in report
    assert "Sigill: obrutet och giltigt" in report
    assert "äkta och oförändrad" in report

    changed = bytearray(data)
    changed[len(data) // 2] ^= 0x20
    path.write_bytes(bytes(changed))
    out = io.StringIO()
    with pytest.raises(CommandError, match="ändrad"):
        call_command("verify_signed_pdf", str(path), stdout=out)
    report = out.getvalue()
    assert "Version: 1" in report  # still identified, by the code in its seal
    assert "STÄMMER INTE" in report
    assert "Sigill: BRUTET" in report


def test_exporting_twice_gives_byte_identical_files(signed, client, jarfalla):
    data = stored(signed)
    assert hashlib.sha256(data).hexdigest() == signed.sha256
    # Rendering and sealing again from the same row gives the very same bytes...
    assert render_signed_pdf(signed) == data
    # ...and every download serves the stored file.
    client.force_login(jarfalla.official)
    url = f"/overenskommelser/{jarfalla.agreement.pk}/versioner/1/pdf/"
    first = b"".join(client.get(url).streaming_content)
    second = b"".join(client.get(url).streaming_content)
    assert first == second == data


def test_fetcher_serves_static_and_refuses_everything_else():
    fetcher = StaticOnlyURLFetcher()
    root = static_roots()[0]
    font = (root / "fonts" / "DejaVuSans.ttf").as_uri()
    assert fetcher.fetch(font).read(4) == b"\x00\x01\x00\x00"
    for url in [
        "file:///etc/passwd",
        (root / ".." / "samverkan" / "settings.py").as_uri(),
        "http://example.com/x.png",
        "https://example.com/x.css",
        "data:image/png;base64,iVBORw0KGgo=",
        "ftp://example.com/x",
    ]:
        with pytest.raises((ResourceRefused, ValueError)):
            fetcher.fetch(url)
    assert len(fetcher.refused) >= 2


def test_free_text_is_text_and_the_renderer_fetches_nothing_else(
    jarfalla, django_capture_on_commit_callbacks, client
):
    # GIVEN free text that looks like HTML
    hostile = '<script>alert("x")</script> <img src="file:///etc/passwd"> <link href="http://example.com/a.css">'
    jarfalla.agreement.text_operations = hostile
    jarfalla.agreement.save()
    version = jarfalla.send()
    with (
        mock.patch.object(signing.services, "signed_document_enqueue"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        document = jarfalla.sign_all(version)
    # WHEN the PDF is rendered with a recording fetcher
    fetcher = StaticOnlyURLFetcher()
    data = render_unsealed_pdf(document, url_fetcher=fetcher)
    # THEN the text appears as text
    text = pdf_text(data)
    assert '<script>alert("x")</script>' in text
    assert '<img src="file:///etc/passwd">' in text
    # AND the renderer asked only for static files and had nothing refused
    roots = [root.as_uri() for root in static_roots()]
    assert fetcher.requested, "the stylesheet and fonts come through the fetcher"
    assert all(any(url.startswith(root) for root in roots) for url in fetcher.requested)
    assert fetcher.refused == []
    # AND on the page it is escaped text too
    client.force_login(jarfalla.official)
    html = client.get(version.get_absolute_url()).content.decode()
    assert '&lt;script&gt;alert("x")&lt;/script&gt;' in html
    assert '<img src="file:///etc/passwd">' not in html


def test_registered_parts_appear_in_the_pdf_from_the_frozen_snapshot(
    jarfalla, django_capture_on_commit_callbacks
):
    """Goals come from indicators through the registry; without a template of their own the
    frozen data is shown as a table in its section."""
    from agreements.registry import DocumentPart, _parts

    rows = [{"Mål": "Arbetslösheten ska minska", "Indikator": "Andel långtidsarbetslösa"}]
    part = DocumentPart(
        key="test_goals",
        section=4,
        template_name="agreements/includes/conflict.html",
        context=lambda agreement: {},
        snapshot=lambda agreement: list(rows),
    )
    _parts[part.key] = part
    try:
        version = jarfalla.send()
        rows[0]["Indikator"] = "ÄNDRAD EFTER FRYSNINGEN"  # the live data moves on
        with (
            mock.patch.object(signing.services, "signed_document_enqueue"),
            django_capture_on_commit_callbacks(execute=True),
        ):
            document = jarfalla.sign_all(version)
        text = pdf_text(render_unsealed_pdf(document))
    finally:
        _parts.pop(part.key, None)
    goals = text[text.index("4. Målsättningar") : text.index("5. Organisering")]
    assert "Andel långtidsarbetslösa" in goals
    assert "ÄNDRAD EFTER FRYSNINGEN" not in text


def test_a_ready_signed_pdf_cannot_be_saved_again(signed):
    from agreements.models import ImmutableRowError

    signed.sha256 = "0" * 64
    with pytest.raises(ImmutableRowError):
        signed.save()
