"""One indicator or Kolada KPI across the agreements a user sees (indicators.across)."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import FollowUpPeriod, KoladaValue, Measurement
from tests.factories import (
    AdminFactory,
    AgreementFactory,
    EmploymentServiceFactory,
    PartyFactory,
    SectionChiefFactory,
    UserFactory,
)

from .factories import IndicatorFactory


def _period(agreement, year, half):
    return FollowUpPeriod.objects.create(
        agreement=agreement,
        year=year,
        half=half,
        starts_on=f"{year}-{'01' if half == 1 else '07'}-01",
        ends_on=f"{year}-{'06-30' if half == 1 else '12-31'}",
        deadline=f"{year + (half == 2)}-{'08' if half == 1 else '01'}-31",
    )


@pytest.fixture
def three(db):
    """Three agreements with the same KPI and indicator name: af's unit in two of them."""
    af = EmploymentServiceFactory(name="Af nordost (test)")
    other_af = EmploymentServiceFactory(name="Af nordväst (test)")
    places = []
    for name, code, unit, target, total in (
        ("Österåker", "0117", af, 800, 861),
        ("Täby", "0160", af, 600, 645),
        ("Järfälla", "0123", other_af, 900, 950),
    ):
        municipality = PartyFactory(name=f"{name} kommun (test)", municipality_code=code)
        agreement = AgreementFactory(title=f"Överenskommelse {name}", parties=[municipality, unit])
        indicator = IndicatorFactory(
            goal__agreement=agreement,
            name="Öppet arbetslösa",
            kolada_kpi="N00914",
            target_value=target,
            target_year=2026,
        )
        Measurement.objects.create(
            indicator=indicator, period=_period(agreement, 2023, 2), total=total - 10
        )
        Measurement.objects.create(
            indicator=indicator,
            period=_period(agreement, 2024, 2),
            total=total,
            women=total // 2,
            men=total - total // 2,
        )
        KoladaValue.objects.create(
            kpi="N00914",
            municipality_code=code,
            year=2024,
            total=total,
            fetched_at="2025-03-01T00:00Z",
        )
        places.append((municipality, agreement))
    KoladaValue.objects.create(
        kpi="N00914",
        municipality_code="0000",
        year=2024,
        total=310900,
        fetched_at="2025-03-01T00:00Z",
    )
    chief = SectionChiefFactory(party=af)
    official = UserFactory(party=places[0][0])
    return {"chief": chief, "official": official, "places": places}


@pytest.mark.django_db
def test_section_chief_sees_all_their_units_agreements_with_latest_value_and_target(client, three):
    client.force_login(three["chief"])
    text = client.get(reverse("indicators:across"), {"kpi": "N00914"}).content.decode()
    assert "Överenskommelse Österåker" in text and "Överenskommelse Täby" in text
    assert "Överenskommelse Järfälla" not in text
    assert "861" in text and "645" in text and "800" in text and "600" in text
    assert "Andra halvåret 2024" in text
    assert "Riket" in text and "310900" in text
    assert "Järfälla kommun (test)" not in text


@pytest.mark.django_db
def test_by_indicator_name_and_the_chart(client, three):
    client.force_login(three["chief"])
    response = client.get(reverse("indicators:across"), {"namn": "Öppet arbetslösa"})
    assert response.status_code == 200
    assert "Överenskommelse Täby" in response.content.decode()
    chart = client.get(reverse("indicators:across_chart"), {"namn": "Öppet arbetslösa"})
    assert chart["Content-Type"] == "image/svg+xml"
    svg = chart.content.decode()
    assert "Överenskommelse Täby" in svg and "Målvärde" in svg and "Kvinnor" in svg
    assert "<script" not in svg


@pytest.mark.django_db
def test_a_name_in_one_agreement_only_is_not_offered_and_unknown_is_404(client, three):
    client.force_login(three["official"])  # sees Österåker's agreement only
    page = client.get(reverse("indicators:across")).content.decode()
    assert 'value="N00914"' in page
    assert not re.search(r'<option value="Öppet arbetslösa"', page)
    assert client.get(reverse("indicators:across"), {"namn": "Öppet arbetslösa"}).status_code == 404
    assert client.get(reverse("indicators:across"), {"kpi": "N99999"}).status_code == 404


@pytest.mark.django_db
def test_queries_do_not_grow_with_agreements(client, three, django_assert_max_num_queries):
    client.force_login(AdminFactory())
    for n in range(20):
        agreement = AgreementFactory(parties=[PartyFactory(name=f"Kommun {n} (test)")])
        indicator = IndicatorFactory(goal__agreement=agreement, kolada_kpi="N00914")
        Measurement.objects.create(
            indicator=indicator, period=_period(agreement, 2024, 2), total=Decimal(n)
        )
    with django_assert_max_num_queries(14):
        response = client.get(reverse("indicators:across"), {"kpi": "N00914"})
    assert response.status_code == 200
    assert response.content.decode().count('<th scope="row" class="fw-normal"><a href=') == 23


def test_a_shown_demo_value_is_said_in_the_page_and_the_chart(client, three):
    client.force_login(three["chief"])
    params = {"namn": "Öppet arbetslösa"}
    notice = "Jämförelsen innehåller demovärden"
    # GIVEN real values only: no notice
    assert notice not in client.get(reverse("indicators:across"), params).content.decode()
    # WHEN one agreement's latest value is an invented demo value
    latest = Measurement.objects.filter(period__year=2024).order_by("pk").first()
    Measurement.objects.filter(pk=latest.pk).update(origin=Measurement.Origin.DEMO)
    # THEN the page and the chart say so
    assert notice in client.get(reverse("indicators:across"), params).content.decode()
    chart = client.get(reverse("indicators:across_chart"), params).content.decode()
    assert "Påhittade demovärden" in chart
