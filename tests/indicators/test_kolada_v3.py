"""Kolada's v3 API (the default) against a local HTTP server serving recorded v3 answers:
paging by ``next_url``, batches of municipalities, the pace, KPI metadata, and Riket's and the
county's values beside the agreement's in the report, its PDF and its chart."""

import datetime
import subprocess
import time
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.kolada import (
    RIKET,
    area_name,
    comparison_areas,
    county_area,
    fetch_kpi,
    fetch_kpi_meta,
    kolada_import,
)
from indicators.kolada.comparison import comparison_series
from indicators.models import KoladaKpi, KoladaValue, Measurement
from tests.factories import AgreementFactory, EmploymentServiceFactory, PartyFactory, UserFactory

from .kolada_support import GoalFactory, KoladaIndicatorFactory, configure, serve_kolada


@pytest.fixture
def kolada(settings):
    with serve_kolada() as server:
        configure(settings, server, version="v3")
        yield server


@pytest.fixture
def osteraker(db):
    return PartyFactory(name="Österåkers kommun", municipality_code="0117")


def _agreement(*municipalities):
    agreement = AgreementFactory(parties=[*municipalities, EmploymentServiceFactory()])
    agreement.valid_from = datetime.date(2023, 1, 1)
    agreement.valid_until = datetime.date(2024, 12, 31)
    agreement.save()
    return agreement


def _value(indicator, year):
    return Measurement.objects.get(indicator=indicator, period__year=year, period__half=2)


def test_v3_is_the_default_and_its_address_is_kolada_v3(settings):
    from django.conf import settings as live

    assert live.KOLADA_API_VERSION == "v3"
    from indicators.kolada import data_url

    settings.KOLADA_BASE_URL = "https://api.kolada.se"
    settings.KOLADA_API_VERSION = "v3"
    assert (
        data_url("N00914", ["0117", "0160"], [2023, 2024])
        == "https://api.kolada.se/v3/data/kpi/N00914/municipality/0117,0160/year/2023,2024"
    )


def test_areas_riket_and_county():
    assert county_area("0117") == "0001"
    assert county_area("1280") == "0012"
    assert county_area("9999") is None
    assert comparison_areas(["0160", "0117", "0123"]) == [RIKET, "0001"]
    assert comparison_areas(["0117", "1280"]) == [RIKET, "0001", "0012"]
    assert area_name(RIKET) == "Riket"
    assert area_name("0001") == "Stockholms län"


@pytest.mark.django_db
def test_v3_paging_by_next_url_fills_women_and_men(kolada, osteraker):
    agreement = _agreement(osteraker)
    indicator = KoladaIndicatorFactory(goal=GoalFactory(agreement=agreement), kolada_kpi="N00914")

    run = kolada_import(agreement=agreement)

    assert run.errors == []
    v2023, v2024 = _value(indicator, 2023), _value(indicator, 2024)
    assert (v2023.total, v2023.women, v2023.men) == (Decimal(861), Decimal(388), Decimal(473))
    assert (v2024.total, v2024.women, v2024.men) == (Decimal(857), Decimal(402), Decimal(455))
    paths = [p for p in kolada.requests if "/municipality/0117/" in p]
    assert paths[0] == "/v3/data/kpi/N00914/municipality/0117/year/2023,2024"
    assert "page=2" in paths[1]  # followed next_url


@pytest.mark.django_db
def test_import_fills_the_riket_and_county_comparison(kolada, osteraker):
    agreement = _agreement(osteraker)
    indicator = KoladaIndicatorFactory(goal=GoalFactory(agreement=agreement), kolada_kpi="N00914")

    kolada_import(agreement=agreement)

    assert "/v3/data/kpi/N00914/municipality/0000,0001/year/2023,2024" in kolada.requests
    riket = KoladaValue.objects.get(kpi="N00914", municipality_code="0000", year=2024)
    assert (riket.total, riket.women, riket.men) == (310900, 146880, 164020)
    series = comparison_series(agreement, [indicator])[indicator.pk]
    assert [(s.code, s.name) for s in series] == [("0000", "Riket"), ("0001", "Stockholms län")]
    assert series[1].for_year(2023).total == Decimal(63530)
    # The comparison never becomes a measurement of the agreement.
    assert Measurement.objects.filter(indicator=indicator).count() == 2


@pytest.mark.django_db
def test_import_fetches_kpi_metadata_title_and_gender_division(kolada, osteraker):
    agreement = _agreement(osteraker)
    KoladaIndicatorFactory(goal=GoalFactory(agreement=agreement), kolada_kpi="N00914")
    KoladaIndicatorFactory(goal=GoalFactory(agreement=agreement), kolada_kpi="N00930")

    run = kolada_import(agreement=agreement)

    assert "/v3/kpi/N00914,N00930" in kolada.requests
    meta = {row.kpi: row for row in KoladaKpi.objects.all()}
    assert meta["N00914"].title.startswith("Öppet arbetslösa")
    assert meta["N00914"].by_gender is True
    assert meta["N00930"].by_gender is True
    assert not any("beskrivning" in m for m in run.messages)
    # A second run changes nothing.
    before = KoladaKpi.objects.get(kpi="N00914").fetched_at
    kolada_import(agreement=agreement)
    assert KoladaKpi.objects.get(kpi="N00914").fetched_at == before


def test_v2_metadata_shape_is_read_too(settings):
    with serve_kolada() as server:
        configure(settings, server, version="v2")
        meta = fetch_kpi_meta(["N00914", "N99503", "N12345"])
    assert set(meta) == {"N00914", "N99503"}
    assert meta["N00914"].by_gender is True and meta["N99503"].by_gender is False


def test_municipalities_are_asked_in_batches(settings):
    with serve_kolada() as server:
        configure(settings, server, version="v3")
        settings.KOLADA_BATCH_SIZE = 20
        codes = [f"{n:04d}" for n in range(114, 114 + 45)]
        fetch_kpi("N00914", codes, [2023])
    asked = [p.split("/municipality/")[1].split("/")[0].split(",") for p in server.requests]
    assert [len(ids) for ids in asked] == [20, 20, 5]
    assert sum(asked, []) == codes


def test_requests_are_paced(settings):
    with serve_kolada() as server:
        configure(settings, server, version="v3")
        settings.KOLADA_REQUESTS_PER_SECOND = 20  # one request each 50 ms
        settings.KOLADA_BATCH_SIZE = 1
        start = time.monotonic()
        fetch_kpi("N00914", ["0114", "0115", "0120", "0123", "0125"], [2023])
        elapsed = time.monotonic() - start
    assert len(server.requests) == 5
    assert elapsed >= 0.19  # four waits of 50 ms between five requests


@pytest.mark.django_db
def test_report_page_and_pdf_show_riket_and_county(kolada, osteraker, client, tmp_path):
    agreement = _agreement(osteraker)
    indicator = KoladaIndicatorFactory(goal=GoalFactory(agreement=agreement), kolada_kpi="N00914")
    kolada_import(agreement=agreement)
    official = UserFactory(party=osteraker)
    client.force_login(official)

    page = client.get(reverse("indicators:report", args=[agreement.pk, 2024, 2]))
    text = page.content.decode()
    assert "Jämförelse i Kolada" in text
    assert "Riket" in text and "Stockholms län" in text
    assert "310900" in text and "65850" in text

    chart = client.get(reverse("indicators:chart", args=[agreement.pk, 2024, 2, indicator.pk]))
    svg = chart.content.decode()
    assert "Riket" in svg and "Stockholms län" in svg

    from indicators.report_pdf import followup_report_pdf
    from indicators.services import followup_report_for

    period = indicator.measurements.get(period__year=2024).period
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(followup_report_pdf(followup_report_for(period)))
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True)
    assert "Riket" in out.stdout and "Stockholms län" in out.stdout


@pytest.mark.django_db
def test_kolada_page_shows_kpi_title(kolada, osteraker, client):
    agreement = _agreement(osteraker)
    KoladaIndicatorFactory(goal=GoalFactory(agreement=agreement), kolada_kpi="N00914")
    kolada_import(agreement=agreement)
    client.force_login(UserFactory(party=osteraker))
    text = client.get(reverse("statistics:kolada_agreement", args=[agreement.pk])).content.decode()
    assert "Öppet arbetslösa och personer i program" in text
    assert "Nyckeltalet är könsuppdelat" in text
    assert "Riket" in text
