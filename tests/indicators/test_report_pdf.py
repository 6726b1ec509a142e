"""The half-year report as PDF: its text, its charts, its metadata, the same bytes twice."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from indicators.report_pdf import followup_report_pdf
from indicators.services import (
    followup_report_for,
    followup_report_review,
    followup_report_submit,
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


@pytest.mark.django_db
def test_report_pdf_view_follows_the_access_rule(client, world, approved_report):
    period = approved_report.period
    url = reverse("indicators:report_pdf", args=[world.agreement.pk, period.year, period.half])
    client.force_login(world.section_chief)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
