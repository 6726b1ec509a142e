"""The draft for decision: PDF marked UTKAST on every page, and a Word file a secretary can
put into the committee's own document (read back by pdftotext and python-docx)."""

import io
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from agreements.demo import JARFALLA, demo_agreement
from samverkan.docx import html_to_docx
from samverkan.models import User
from tests.samverkan.test_demo import load_demo

pytestmark = pytest.mark.django_db

HEADINGS = [
    "1. Parter",
    "2. Syfte",
    "3. Målgrupper",
    "4. Målsättningar",
    "5. Organisering av samverkan",
    "6. Genomförande av operativ samverkan",
    "7. Uppföljning",
    "8. Varaktighet och plan för revidering",
    "9. Underskrifter",
]


@pytest.fixture
def demo_client(client):
    load_demo()
    client.force_login(User.objects.get(username="jarfalla"))
    return client


def pdf_pages(data: bytes) -> list[str]:
    info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True)
    pages = int(
        next(
            line.split()[-1]
            for line in info.stdout.decode().splitlines()
            if line.startswith("Pages:")
        )
    )
    return [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-layout", "-", "-"],
            input=data,
            capture_output=True,
            check=True,
        ).stdout.decode()
        for n in range(1, pages + 1)
    ]


def test_the_jarfalla_draft_as_pdf_says_utkast_with_the_date_on_every_page(demo_client):
    # GIVEN Järfälla's agreement under revision
    agreement = demo_agreement(JARFALLA)
    # WHEN its official downloads the current draft as PDF
    response = demo_client.get(reverse("agreements:draft_pdf", args=[agreement.pk]))
    # THEN it is a PDF of several pages, each marked UTKAST with today's date
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    pages = pdf_pages(response.content)
    assert len(pages) >= 3
    today = timezone.localdate().isoformat()
    for page in pages:
        assert "UTKAST" in page
        assert today in page
    # AND the margin boxes use the house font too (they do not inherit the body's): only the
    # embedded Portal Sans is in the file
    fonts = subprocess.run(
        ["pdffonts", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    names = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:] if line.strip()}
    assert names <= {"Portal-Sans", "Portal-Sans-Bold", "Portal-Sans-Oblique"}
    # AND it carries the agreement's text and the nine sections
    whole = "\n".join(pages)
    assert agreement.title.split()[0] in whole
    for heading in HEADINGS:
        assert heading in whole


def test_a_frozen_version_as_draft_pdf_is_marked_too(demo_client):
    agreement = demo_agreement(JARFALLA)
    version = agreement.versions.order_by("number").first()
    response = demo_client.get(
        reverse("agreements:version_draft_pdf", args=[agreement.pk, version.number])
    )
    pages = pdf_pages(response.content)
    assert all("UTKAST" in page for page in pages)
    assert f"version {version.number}" in pages[0].lower()


def test_the_jarfalla_draft_as_word_has_the_nine_section_headings(demo_client):
    agreement = demo_agreement(JARFALLA)
    # WHEN the secretary downloads the draft as a Word file
    response = demo_client.get(reverse("agreements:draft_docx", args=[agreement.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    # THEN python-docx opens it, and its top headings are the template's nine sections
    document = Document(io.BytesIO(response.content))
    level_one = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert level_one[:9] == HEADINGS
    # AND every page's header says UTKAST with the date
    header = document.sections[0].header.paragraphs[0].text
    assert header == f"UTKAST {timezone.localdate().isoformat()}"
    # AND the text is there, as text (the purpose's first words)
    body = "\n".join(p.text for p in document.paragraphs)
    assert agreement.text_purpose.split("\n")[0][:40] in body


def test_word_keeps_lists_bold_links_and_tables():
    html = (
        "<h2>2. Syfte</h2><p>Ett <strong>viktigt</strong> mål, se "
        '<a href="https://www.kolada.se/">Kolada</a>.</p><ul><li>Punkt</li></ul>'
        '<table><caption class="visually-hidden">dold</caption><tr><th>Mått</th><th>Värde</th></tr>'
        "<tr><td>A</td><td>1</td></tr></table>"
        '<div class="running" aria-hidden="true"><span>UTKAST</span></div>'
    )
    document = Document(io.BytesIO(html_to_docx(html)))
    paragraphs = document.paragraphs
    assert paragraphs[0].style.name == "Heading 1" and paragraphs[0].text == "2. Syfte"
    assert paragraphs[1].text == "Ett viktigt mål, se Kolada (https://www.kolada.se/)."
    assert [r.text for r in paragraphs[1].runs if r.bold] == ["viktigt"]
    assert paragraphs[2].style.name == "List Bullet" and paragraphs[2].text == "Punkt"
    table = document.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [["Mått", "Värde"], ["A", "1"]]
    assert "dold" not in "".join(p.text for p in paragraphs)
    assert "UTKAST" not in "".join(p.text for p in paragraphs)


def test_the_decision_is_recorded_with_committee_date_paragraph_and_diarienummer(
    official_client, world
):
    url = reverse("agreements:edit_beslut", args=[world.agreement.pk])
    base = official_client.get(url).context["base_fingerprint"]
    # WHEN the official records the committee's decision on the agreement
    response = official_client.post(
        url,
        {
            "base_fingerprint": base,
            "beslut-TOTAL_FORMS": "1",
            "beslut-INITIAL_FORMS": "0",
            "beslut-MIN_NUM_FORMS": "0",
            "beslut-MAX_NUM_FORMS": "1000",
            "beslut-0-party": world.municipality.pk,
            "beslut-0-body": "Kommunstyrelsen",
            "beslut-0-decided_on": "2026-11-30",
            "beslut-0-paragraph": "§ 45",
            "beslut-0-reference": "KS 2026/123",
            "beslut-0-text": "",
        },
    )
    assert response.status_code == 302
    # THEN the agreement page shows it, with its paragraph and diarienummer
    decision = world.agreement.decisions.get()
    assert (decision.body, decision.paragraph, decision.reference) == (
        "Kommunstyrelsen",
        "§ 45",
        "KS 2026/123",
    )
    page = official_client.get(world.agreement.get_absolute_url()).content.decode()
    assert "Kommunstyrelsen</strong>, 30 november 2026, § 45 (KS 2026/123)" in page
