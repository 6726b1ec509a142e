"""The half-year report printed from the browser stays short (issue 16): Chromium's
print-to-PDF of the demo's Järfälla report, counted page by page. The PDF is written to
test-artifacts/details/ for a person to look at."""

from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from agreements.demo import JARFALLA, demo_agreement
from indicators.models import FollowUpPeriod, Indicator
from samverkan.models import User
from tests.browser.conftest import ARTIFACTS

# Eleven indicators, each with its chart beside its table: 13 A4 pages before the print styles
# were tightened, 5 after. The budget leaves room for a longer analysis.
MAX_PAGES = 6


@pytest.mark.django_db(transaction=True)
def test_jarfalla_report_prints_on_few_pages(page, login):
    call_command("load_demo", stdout=StringIO())
    agreement = demo_agreement(JARFALLA)
    period = (
        FollowUpPeriod.objects.filter(agreement=agreement, measurements__isnull=False)
        .distinct()
        .order_by("-year", "-half")
        .first()
    )
    indicators = Indicator.objects.filter(goal__agreement=agreement).count()
    user = User.objects.filter(party__in=agreement.parties.all(), is_active=True).first()
    login(page, user)
    page.goto(reverse("indicators:report", args=[agreement.pk, period.year, period.half]))
    page.emulate_media(media="print")
    (ARTIFACTS / "details").mkdir(parents=True, exist_ok=True)
    pdf = page.pdf(path=str(ARTIFACTS / "details" / "report-jarfalla.pdf"), format="A4")
    pages = len(PdfReader(BytesIO(pdf)).pages)
    print(f"Järfälla {period.label}: {indicators} indicators, {pages} printed pages")
    assert pages <= MAX_PAGES, pages
