"""Writing an agreement in a real browser: formatted text, the draft for decision."""

import io

import pytest
from django.core.management import call_command
from docx import Document

from agreements.demo import JARFALLA, demo_agreement
from agreements.models import Agreement
from samverkan.models import User


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)
def test_formatted_text_and_the_draft_for_decision_are_accessible(
    page, demo, login, assert_accessible
):
    agreement = demo_agreement(JARFALLA)
    # GIVEN a section written with bold text, a link and a table
    Agreement.objects.filter(pk=agreement.pk).update(
        text_followup=agreement.text_followup
        + "\n\n**Uppföljning** sker med [Kolada](https://www.kolada.se/).\n\n"
        "| Mått | Värde |\n|---|--:|\n| Deltagare | 12 |"
    )
    login(page, User.objects.get(username="jarfalla"))
    page.goto(agreement.get_absolute_url())
    # THEN the page shows the formatting, and is accessible
    assert page.locator("#avsnitt-7 strong", has_text="Uppföljning").is_visible()
    assert page.locator("#avsnitt-7 table td.text-end", has_text="12").is_visible()
    assert_accessible(page)
    # WHEN the draft is downloaded as a Word file from the page
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner utkastet som Word-fil").click()
    document = Document(download.value.path())
    assert "7. Uppföljning" in [p.text for p in document.paragraphs]
    # AND a frozen version offers its own draft files, on an accessible page
    page.goto(f"{agreement.get_absolute_url()}versioner/1/")
    assert page.get_by_role("link", name="PDF märkt UTKAST").is_visible()
    assert_accessible(page)
