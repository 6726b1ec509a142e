"""The data page and the comparison across agreements in Chromium, with axe-core."""

import re

import pytest

from indicators.models import FollowUpPeriod, KoladaValue, Measurement
from tests.factories import AgreementFactory, PartyFactory
from tests.indicators.factories import IndicatorFactory


@pytest.mark.django_db(transaction=True)
def test_data_page_is_accessible_and_downloads_csv(page, world, login, assert_accessible):
    login(page, world.official)
    page.goto("/overenskommelser/data/")
    assert page.get_by_role("heading", name="Data", exact=True).is_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^CSV\W+Jobbspår$")).click()
    assert download.value.suggested_filename.endswith("-jobbspar.csv")
    page.goto(f"/overenskommelser/{world.agreement.pk}/data/")
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_comparison_page_is_accessible(page, world, login, assert_accessible):
    second = AgreementFactory(parties=[world.municipality, PartyFactory()])
    for agreement, total in ((world.agreement, 861), (second, 645)):
        indicator = IndicatorFactory(
            goal__agreement=agreement,
            name="Öppet arbetslösa",
            kolada_kpi="N00914",
            target_value=700,
        )
        period = FollowUpPeriod.objects.create(
            agreement=agreement,
            year=2024,
            half=2,
            starts_on="2024-07-01",
            ends_on="2024-12-31",
            deadline="2025-01-31",
        )
        Measurement.objects.create(
            indicator=indicator,
            period=period,
            total=total,
            women=total // 2,
            men=total - total // 2,
        )
    KoladaValue.objects.create(
        kpi="N00914",
        municipality_code="0000",
        year=2024,
        total=310900,
        fetched_at="2025-03-01T00:00Z",
    )
    login(page, world.official)
    page.goto("/uppfoljning/jamfor/")
    assert_accessible(page)
    page.get_by_label("eller indikator").select_option("Öppet arbetslösa")
    page.get_by_role("button", name="Jämför").click()
    assert page.get_by_role("cell", name="645").is_visible()
    # The chart is an image of its own URL: it loads (an SVG the browser can draw).
    page.wait_for_function(
        "() => { const img = document.querySelector(\"img[src*='diagram.svg']\");"
        " return img && img.complete && img.naturalWidth > 0; }",
        timeout=15000,
    )
    assert_accessible(page)
