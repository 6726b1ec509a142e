"""Invented numbers carry the "Påhittade demovärden" mark wherever they are shown: the entry
page, the follow-up overview, the report page, its charts (also as images of their own) and
its PDF, and the jobbspår form (issue 9, demo fidelity). Real numbers carry no mark."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from indicators.models import Measurement
from indicators.report_pdf import followup_report_pdf
from indicators.services import followup_report_for
from tests.meetings.factories import JobTrackFactory

from .factories import FollowUpPeriodFactory, GoalFactory, IndicatorFactory, MeasurementFactory

MARK = "Påhittade demovärden"

pytestmark = pytest.mark.django_db


def _pages(client, agreement, period, indicator):
    args = [agreement.pk, period.year, period.half]
    urls = {
        "entry": reverse("indicators:entry", args=args),
        "overview": reverse("indicators:overview", args=[agreement.pk]),
        "report": reverse("indicators:report", args=args),
        "chart": reverse("indicators:chart", args=[*args, indicator.pk]),
    }
    pages = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        pages[name] = response.content.decode()
    reader = PdfReader(io.BytesIO(followup_report_pdf(followup_report_for(period))))
    pages["pdf"] = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    return pages


@pytest.mark.parametrize("origin", [Measurement.Origin.DEMO, Measurement.Origin.MANUAL])
def test_invented_measurements_are_marked_everywhere_real_ones_nowhere(client, world, origin):
    goal = GoalFactory(agreement=world.agreement)
    indicator = IndicatorFactory(goal=goal, name="Antal i arbete")
    earlier = FollowUpPeriodFactory(agreement=world.agreement, year=2024, half=2)
    period = FollowUpPeriodFactory(agreement=world.agreement, year=2025, half=1)
    MeasurementFactory(indicator=indicator, period=earlier, total=10, origin=origin)
    MeasurementFactory(indicator=indicator, period=period, total=12, origin=origin)
    client.force_login(world.official)

    pages = _pages(client, world.agreement, period, indicator)

    for name, text in pages.items():
        if origin == Measurement.Origin.DEMO:
            assert MARK in text, name
        else:
            assert MARK not in text, name


def test_invented_jobtrack_outcomes_are_marked_on_the_form(client, world):
    invented = JobTrackFactory(agreement=world.agreement, outcomes_are_demo=True)
    real = JobTrackFactory(agreement=world.agreement)
    client.force_login(world.official)
    for track, marked in ((invented, True), (real, False)):
        for name in ("jobbspar:edit", "jobbspar:detail"):
            page = client.get(reverse(name, args=[track.pk])).content.decode()
            assert (MARK in page) is marked, (name, marked)
    assert MARK in client.get(reverse("jobbspar:list")).content.decode()
