"""Kolada's value for a locked period without a value is shown on the next period's report,
never written into the locked period (issue 9); and ``manage.py kolada_import`` speaks Swedish
(issue 16)."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from indicators.kolada import h2_period, kolada_import
from indicators.models import FollowUpPeriod, FollowUpReport, KoladaLateValue, Measurement
from indicators.services import measurement_save

from .factories import FollowUpReportFactory
from .kolada_support import GoalFactory, KoladaIndicatorFactory, configure, serve_kolada

NOTE = (
    "Kolada har ett nytt värde för Antal deltagare Andra halvåret 2024: 857. "
    "Rapporten för den perioden är låst; ta upp värdet här."
)


@pytest.fixture
def kolada(settings):
    with serve_kolada() as server:
        configure(settings, server)
        yield server


def _setup(world, status):
    world.municipality.municipality_code = "0117"
    world.municipality.save()
    agreement = world.agreement
    agreement.valid_from = datetime.date(2024, 1, 1)
    agreement.valid_until = datetime.date(2024, 12, 31)
    agreement.save()
    indicator = KoladaIndicatorFactory(
        goal=GoalFactory(agreement=agreement), kolada_kpi="N00914", name="Antal deltagare"
    )
    locked_period = h2_period(agreement, 2024)
    FollowUpReportFactory(period=locked_period, status=status)
    next_period = FollowUpPeriod.objects.create(
        agreement=agreement,
        year=2025,
        half=1,
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2025, 6, 30),
        deadline=datetime.date(2025, 8, 31),
    )
    return agreement, indicator, locked_period, next_period


def _page(client, user, period):
    client.force_login(user)
    url = reverse("indicators:report", args=[period.agreement_id, period.year, period.half])
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status", [FollowUpReport.Status.SUBMITTED, FollowUpReport.Status.APPROVED]
)
def test_late_kolada_value_is_a_note_on_the_next_report(kolada, client, world, status):
    agreement, indicator, locked_period, next_period = _setup(world, status)

    kolada_import(agreement=agreement)
    kolada_import(agreement=agreement)  # a second run keeps one note

    assert not Measurement.objects.filter(period=locked_period).exists()
    assert KoladaLateValue.objects.filter(indicator=indicator, period=locked_period).count() == 1
    assert NOTE in _page(client, world.official, next_period)
    # The locked period's own report does not carry it; it is the record as it was.
    assert "Kolada har ett nytt värde" not in _page(client, world.official, locked_period)


@pytest.mark.django_db
def test_the_note_goes_once_the_period_has_a_value(kolada, client, world):
    agreement, indicator, locked_period, next_period = _setup(
        world, FollowUpReport.Status.SUBMITTED
    )
    kolada_import(agreement=agreement)
    assert NOTE in _page(client, world.official, next_period)

    # The report is sent back and a person enters the value: the note is gone.
    FollowUpReport.objects.filter(period=locked_period).update(
        status=FollowUpReport.Status.RETURNED
    )
    measurement_save(indicator=indicator, period=locked_period, user=world.official, total=857)
    assert "Kolada har ett nytt värde" not in _page(client, world.official, next_period)

    # An import into the open period stores Kolada's value and drops the kept one.
    Measurement.objects.filter(period=locked_period).delete()
    kolada_import(agreement=agreement)
    assert Measurement.objects.filter(period=locked_period, total=857).exists()
    assert not KoladaLateValue.objects.exists()


@pytest.mark.django_db
def test_kolada_import_command_speaks_swedish(kolada, world):
    agreement, _indicator, _locked, _next = _setup(world, FollowUpReport.Status.DRAFT)
    out = io.StringIO()
    call_command("kolada_import", agreement=agreement.pk, stdout=out)
    assert "Kolada: 1 nya, 0 uppdaterade, 0 oförändrade, 0 konflikter." in out.getvalue()
    with pytest.raises(Exception, match="Det finns ingen överenskommelse med id 999999"):
        call_command("kolada_import", agreement=999999, stdout=io.StringIO())


@pytest.mark.django_db
def test_half_year_choices_are_named_in_swedish():
    field = FollowUpPeriod._meta.get_field("half")
    assert dict(field.choices) == {1: "Första halvåret", 2: "Andra halvåret"}
