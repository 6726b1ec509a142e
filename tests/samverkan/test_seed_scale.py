"""manage.py seed_scale: Sweden-scale invented data, here at a tiny factor."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from agreements.models import Agreement, AgreementParty
from indicators.models import (
    FollowUpPeriod,
    Indicator,
    Measurement,
    ProgrammeFigure,
    StatisticsSnapshot,
)
from meetings.models import Group, JobTrack, Meeting
from samverkan.models import Party, User
from samverkan.scale import SCALE_MARK, organisation_number
from samverkan.validators import MUNICIPALITIES, normalize_organisation_number

pytestmark = pytest.mark.django_db


def seed(factor="0.02"):
    call_command("seed_scale", "--factor", factor, "--no-demo", stdout=io.StringIO())


def fingerprint():
    """The seeded values without database keys, which differ between runs."""
    return sorted(
        Measurement.objects.values_list(
            "indicator__goal__agreement__title",
            "indicator__name",
            "period__year",
            "period__half",
            "total",
            "women",
            "men",
            "unknown",
        )
    )


def test_the_290_municipalities_have_distinct_real_codes():
    codes = list(MUNICIPALITIES)
    assert len(codes) == 290 == len(set(codes))
    assert {"0117", "0123", "0160", "0180", "1480", "2584"} <= set(codes)
    assert all(len(code) == 4 and code.isdigit() for code in codes)


def test_organisation_numbers_pass_the_check_digit_rule():
    for serial in range(0, 300, 7):
        number = organisation_number("212000", serial)
        assert normalize_organisation_number(number) == number


def test_seed_scale_at_a_tiny_factor_makes_every_kind_of_data():
    # GIVEN an empty database WHEN seeding at 2 % of Sweden
    seed()
    # THEN all 290 municipalities and the Af units exist, marked as scale data
    municipalities = Party.objects.filter(kind=Party.Kind.MUNICIPALITY)
    assert municipalities.count() == 290
    # with the codes of SCB's list that the validation reads (one list, municipalities.csv)
    assert set(municipalities.values_list("municipality_code", flat=True)) == set(MUNICIPALITIES)
    assert Party.objects.filter(kind=Party.Kind.EMPLOYMENT_SERVICE).count() == 60
    assert all(
        name.endswith(f"({SCALE_MARK})") for name in Party.objects.values_list("name", flat=True)
    )
    # and 6 agreements, the first a regional one with many parties
    assert Agreement.objects.count() == 6
    first = Agreement.objects.order_by("pk").first()
    assert AgreementParty.objects.filter(agreement=first).count() >= 5
    assert AgreementParty.objects.filter(is_convener=True).count() == 6
    # with 30 indicators each and a value for every one of 20 half-years
    assert Indicator.objects.count() == 6 * 30
    assert FollowUpPeriod.objects.count() == 6 * 20
    assert Measurement.objects.count() == 6 * 30 * 20
    # values are aggregates whose parts add up for counts
    for total, women, men, unknown in Measurement.objects.filter(
        indicator__unit=Indicator.Unit.COUNT
    ).values_list("total", "women", "men", "unknown")[:200]:
        assert women + men + unknown == total
    # five groups per agreement with ten years of meetings, jobbspår, kartläggning, users
    assert Group.objects.count() == 30
    assert Meeting.objects.filter(starts_at__year=2017).exists()
    assert Meeting.objects.filter(starts_at__year=2026).exists()
    assert JobTrack.objects.count() == 60
    assert ProgrammeFigure.objects.exists()
    assert User.objects.filter(role=User.Role.SECTION_CHIEF).exists()
    assert User.objects.filter(role=User.Role.ADMIN).exists()


def test_seed_scale_is_deterministic():
    with transaction.atomic():
        seed("0.01")
        first = fingerprint()
        transaction.set_rollback(True)
    seed("0.01")
    assert fingerprint() == first
    assert len(first) == 3 * 30 * 20


def test_seed_scale_refuses_a_second_run_and_a_bad_factor():
    with pytest.raises(CommandError):
        call_command("seed_scale", "--factor", "0", "--no-demo")
    seed("0.01")
    with pytest.raises(CommandError, match="Skaldata finns redan"):
        seed("0.01")


def test_seed_scale_takes_the_municipalities_the_demo_already_has():
    # GIVEN the demo's Vallentuna (a kommunkod belongs to one municipality)
    vallentuna = Party.objects.create(
        kind=Party.Kind.MUNICIPALITY,
        name="Vallentuna kommun",
        organisation_number="212000-2882",
        municipality_code="0115",
    )
    # and its kartläggning of August 2025, the date the scale data also uses
    snapshot = StatisticsSnapshot.objects.create(
        municipality=vallentuna, measured_on=date(2025, 8, 31), population=33000
    )
    # WHEN seeding on top of it
    seed("0.01")
    # THEN Vallentuna is that party, still one of the 290, and takes part in the scale data
    assert Party.objects.filter(municipality_code="0115").get() == vallentuna
    assert Party.objects.filter(kind=Party.Kind.MUNICIPALITY).count() == 290
    vallentuna.refresh_from_db()
    assert vallentuna.name == "Vallentuna kommun"
    # and its own kartläggning is the one of that date
    assert (
        StatisticsSnapshot.objects.filter(
            municipality=vallentuna, measured_on=date(2025, 8, 31)
        ).get()
        == snapshot
    )
