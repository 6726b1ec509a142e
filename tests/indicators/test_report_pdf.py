"""The half-year report as PDF: its text, its charts, its metadata, the same bytes twice."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from indicators.models import FollowUpReport, Measurement, ReportDocument
from indicators.report_pdf import followup_report_pdf
from indicators.services import (
    followup_report_for,
    followup_report_review,
    followup_report_submit,
)
from indicators.tasks import (
    report_document_current,
    report_document_make,
    report_document_order,
    report_documents_sweep,
)

from .factories import FollowUpPeriodFactory, IndicatorFactory, MeasurementFactory


@pytest.fixture
def approved_report(world):
    indicator = IndicatorFactory(
        goal__agreement=world.agreement,
        goal__title="Ungdomar (16-24 år)",
        name="Antal ungdomar i jobb- och utvecklingsgarantin ska minska och målsättningen ska vara noll",
        direction="zero",
        baseline_value=7,
    )
    earlier = FollowUpPeriodFactory(agreement=world.agreement, year=2024, half=2)
    period = FollowUpPeriodFactory(agreement=world.agreement, year=2025, half=1)
    MeasurementFactory(indicator=indicator, period=earlier, total=6, women=2, men=4)
    MeasurementFactory(indicator=indicator, period=period, total=4, women=1, men=3)
    report = followup_report_for(period)
    report.analysis = "Färre unga i garantin tack vare jobbspåren."
    report.save()
    followup_report_submit(report=report, user=world.official)
    followup_report_review(report=report, reviewer=world.section_chief, approved=True)
    report.refresh_from_db()
    return report


@pytest.mark.django_db
def test_report_pdf_has_the_values_status_analysis_and_review(approved_report):
    pdf = followup_report_pdf(approved_report)
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    text = " ".join(text.split())
    assert "Halvårsuppföljning: Första halvåret 2025" in text
    assert "jobb- och utvecklingsgarantin" in text
    assert "På väg mot målet" in text
    assert "Färre unga i garantin" in text
    assert "Godkänd av" in text
    assert "Granskad" in text
    assert reader.metadata.title.startswith("Halvårsuppföljning Första halvåret 2025")
    # The chart is drawn into the PDF (its legend is text), not fetched from anywhere.
    assert "Kvinnor" in text
    # Rendering again gives the same bytes.
    assert followup_report_pdf(approved_report) == pdf


def _urls(report):
    args = [report.agreement_id, report.period.year, report.period.half]
    return (
        reverse("indicators:report", args=args),
        reverse("indicators:report_pdf_order", args=args),
        reverse("indicators:report_pdf", args=args),
    )


def _pdf_text(response) -> str:
    data = b"".join(response.streaming_content) if response.streaming else response.content
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.django_db
def test_report_pdf_is_a_background_job_with_a_visible_status(
    client, world, approved_report, django_capture_on_commit_callbacks
):
    page, order, download = _urls(approved_report)
    client.force_login(world.section_chief)
    # Nothing ordered yet: the page offers to make the PDF, the download leads back to it.
    assert "Skapa rapporten som PDF" in client.get(page).content.decode()
    response = client.get(download)
    assert response.status_code == 302
    assert response["Location"].endswith("#rapport-pdf")
    # Ordering is a row first (waiting) and a message second, after commit.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(order)
    assert response.status_code == 302
    assert len(callbacks) == 1
    document = ReportDocument.objects.get(report=approved_report)
    assert document.status == ReportDocument.Status.WAITING
    html = client.get(page).content.decode()
    assert "PDF:en skapas …" in html
    assert "Uppdatera" in html
    assert client.get(download).status_code == 302
    # Ordering again while it waits adds nothing.
    with django_capture_on_commit_callbacks(execute=False) as again:
        client.post(order)
    assert again == []
    assert ReportDocument.objects.filter(report=approved_report).count() == 1
    # The worker makes it once; the page links the file.
    callbacks[0]()
    document.refresh_from_db()
    assert document.status == ReportDocument.Status.READY
    assert document.attempts == 1
    assert "Ladda ned rapporten som PDF" in client.get(page).content.decode()
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    text = _pdf_text(response)
    assert "Halvårsuppföljning: Första halvåret 2025" in text
    assert "Färre unga i garantin" in text
    assert "Godkänd av" in text
    # A second message for the same row renders nothing again.
    assert report_document_make(document_id=document.pk).attempts == 1
    # Others see neither the page, the order nor the file.
    client.force_login(world.outsider)
    assert client.get(download).status_code == 404
    assert client.post(order).status_code == 404
    assert ReportDocument.objects.count() == 1


@pytest.mark.django_db
def test_a_changed_report_gets_a_new_pdf_and_the_old_one_goes(
    client, world, approved_report, django_capture_on_commit_callbacks
):
    page, order, download = _urls(approved_report)
    client.force_login(world.section_chief)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(order)
    old = ReportDocument.objects.get(report=approved_report)
    assert old.is_ready
    old_name = old.file.name
    assert old.file.storage.exists(old_name)
    # The report is reopened and its analysis changed: the PDF of before is no longer it.
    FollowUpReport.objects.filter(pk=approved_report.pk).update(analysis="Ny analys.")
    approved_report.refresh_from_db()
    assert report_document_current(report=approved_report) is None
    assert "Skapa rapporten som PDF" in client.get(page).content.decode()
    assert client.get(download).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(order)
    new = ReportDocument.objects.get(report=approved_report)
    assert new.pk != old.pk and new.is_ready
    assert not old.file.storage.exists(old_name)
    assert "Ny analys." in _pdf_text(client.get(download))
    # A changed value of an earlier half-year (drawn in the charts) changes the key too.
    Measurement.objects.filter(period__year=2024).update(total=5)
    assert report_document_current(report=approved_report) is None


@pytest.mark.django_db
def test_a_failed_pdf_says_so_and_can_be_ordered_again(
    client, world, approved_report, django_capture_on_commit_callbacks
):
    page, order, download = _urls(approved_report)
    client.force_login(world.official)
    with django_capture_on_commit_callbacks(execute=False):
        document = report_document_order(report=approved_report)
    ReportDocument.objects.filter(pk=document.pk).update(
        status=ReportDocument.Status.FAILED, error="WeasyPrint: boom"
    )
    html = client.get(page).content.decode()
    assert "PDF:en kunde inte skapas" in html
    assert "WeasyPrint" not in html
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(order)
    assert len(callbacks) == 1
    document.refresh_from_db()
    assert document.is_ready and document.error == ""
    assert client.get(download).status_code == 200


@pytest.mark.django_db
def test_the_sweep_hands_over_waiting_and_abandoned_report_pdfs(
    world, approved_report, settings, django_capture_on_commit_callbacks
):
    settings.QUEUE_REQUEUE_AFTER_SECONDS = 60
    with django_capture_on_commit_callbacks(execute=False):
        document = report_document_order(report=approved_report)
    # Fresh: left to the message already sent.
    assert report_documents_sweep() == 0
    long_ago = timezone.now() - timedelta(hours=2)
    ReportDocument.objects.filter(pk=document.pk).update(created_at=long_ago)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert report_documents_sweep() == 1
    assert len(callbacks) == 1
    # A worker that claimed it and died: swept and claimed again; a live claim is left alone.
    ReportDocument.objects.filter(pk=document.pk).update(
        status=ReportDocument.Status.WORKING, claimed_at=timezone.now()
    )
    assert report_documents_sweep() == 0
    assert report_document_make(document_id=document.pk).status == "working"
    ReportDocument.objects.filter(pk=document.pk).update(claimed_at=long_ago)
    assert report_documents_sweep() == 1
    assert report_document_make(document_id=document.pk).status == "ready"
