"""Services: periods with their deadlines, measurements, and the report's review steps."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from indicators.models import FollowUpReport, FollowUpSettings, Measurement, ReportEvent
from indicators.services import (
    MeasurementConflict,
    followup_periods_ensure,
    followup_report_for,
    followup_report_review,
    followup_report_submit,
    measurement_fingerprint,
    measurement_save,
)
from tests.factories import SectionChiefFactory, UserFactory

from .factories import FollowUpPeriodFactory, IndicatorFactory, MeasurementFactory


@pytest.mark.django_db
def test_periods_cover_the_validity_up_to_the_current_half_year(world):
    # GIVEN an agreement valid from 1 November 2020 until further notice
    agreement = world.agreement
    agreement.valid_from = datetime.date(2020, 11, 1)
    agreement.save()
    # WHEN the periods are made on 1 March 2022 (twice: idempotent)
    followup_periods_ensure(agreement=agreement, today=datetime.date(2022, 3, 1))
    periods = followup_periods_ensure(agreement=agreement, today=datetime.date(2022, 3, 1))
    # THEN H2 2020 … H1 2022 exist, H1 by 31 August, H2 by 31 January next year
    assert [(p.year, p.half) for p in periods] == [(2020, 2), (2021, 1), (2021, 2), (2022, 1)]
    assert periods[0].deadline == datetime.date(2021, 1, 31)
    assert periods[1].deadline == datetime.date(2021, 8, 31)
    assert periods[1].starts_on == datetime.date(2021, 1, 1)
    assert agreement.followup_periods.count() == 4


@pytest.mark.django_db
def test_agreement_can_move_its_deadlines(world):
    agreement = world.agreement
    agreement.valid_from = datetime.date(2024, 1, 1)
    agreement.valid_until = datetime.date(2024, 12, 31)
    agreement.save()
    followup_periods_ensure(agreement=agreement, today=datetime.date(2025, 5, 1))
    # WHEN the agreement reports H1 by 15 September and H2 by 20 December the same year
    FollowUpSettings.objects.create(
        agreement=agreement,
        h1_deadline_month=9,
        h1_deadline_day=15,
        h2_deadline_month=12,
        h2_deadline_day=20,
    )
    periods = followup_periods_ensure(agreement=agreement, today=datetime.date(2025, 5, 1))
    assert [p.deadline for p in periods] == [
        datetime.date(2024, 9, 15),
        datetime.date(2024, 12, 20),
    ]


@pytest.mark.django_db
def test_agreement_without_start_date_has_no_periods(world):
    assert followup_periods_ensure(agreement=world.agreement) == []


@pytest.mark.django_db
def test_measurement_save_stores_and_refuses(world):
    indicator = IndicatorFactory(goal__agreement=world.agreement)
    period = FollowUpPeriodFactory(agreement=world.agreement)
    m = measurement_save(
        indicator=indicator, period=period, user=world.official, total="10", women="4", men="6"
    )
    assert (m.total, m.women, m.men, m.entered_by) == (10, 4, 6, world.official)
    assert m.history.first().history_user == world.official
    with pytest.raises(ValidationError) as info:
        measurement_save(
            indicator=indicator, period=period, user=world.official, total="10", women="4", men="5"
        )
    assert "total" in info.value.message_dict
    m.refresh_from_db()
    assert m.men == 6  # nothing changed


@pytest.mark.django_db
def test_second_writer_does_not_silently_overwrite(world):
    # GIVEN two people who opened the same empty value
    indicator = IndicatorFactory(goal__agreement=world.agreement, by_gender=False)
    period = FollowUpPeriodFactory(agreement=world.agreement)
    base = measurement_fingerprint(None)
    measurement_save(
        indicator=indicator, period=period, user=world.official, total="5", base_fingerprint=base
    )
    # WHEN the second saves from the same starting point
    with pytest.raises(MeasurementConflict) as info:
        measurement_save(
            indicator=indicator,
            period=period,
            user=world.section_chief,
            total="7",
            base_fingerprint=base,
        )
    # THEN they are told what is stored now, and it is kept
    assert info.value.current.total == 5
    assert Measurement.objects.get().total == 5


@pytest.mark.django_db
def test_indicator_of_another_agreement_is_refused(world):
    indicator = IndicatorFactory(goal__agreement=world.other_agreement)
    period = FollowUpPeriodFactory(agreement=world.agreement)
    with pytest.raises(ValidationError):
        measurement_save(indicator=indicator, period=period, user=world.admin, total="1")


@pytest.mark.django_db
def test_blank_row_removes_the_value(world):
    m = MeasurementFactory(indicator__goal__agreement=world.agreement, total=Decimal(3))
    measurement_save(indicator=m.indicator, period=m.period, user=world.official)
    assert not Measurement.objects.exists()


@pytest.mark.django_db
def test_report_submit_approve_and_return_are_recorded(world):
    period = FollowUpPeriodFactory(agreement=world.agreement)
    report = followup_report_for(period)
    followup_report_submit(report=report, user=world.official)
    report = followup_report_review(
        report=report, reviewer=world.section_chief, approved=True, comment=""
    )
    assert report.status == FollowUpReport.Status.APPROVED
    actions = list(report.events.values_list("action", "user__username"))
    assert actions == [("submitted", "official"), ("approved", "chief")]


@pytest.mark.django_db
def test_sending_back_needs_a_comment_and_the_comment_is_kept(world):
    report = followup_report_for(FollowUpPeriodFactory(agreement=world.agreement))
    followup_report_submit(report=report, user=world.official)
    with pytest.raises(ValidationError) as info:
        followup_report_review(report=report, reviewer=world.section_chief, approved=False)
    assert "comment" in info.value.message_dict
    followup_report_review(
        report=report, reviewer=world.section_chief, approved=False, comment="Analys saknas."
    )
    report.refresh_from_db()
    assert report.status == FollowUpReport.Status.RETURNED
    assert report.events.last().comment == "Analys saknas."
    # and the official may send it in again
    followup_report_submit(report=report, user=world.official)
    assert ReportEvent.objects.filter(action="submitted").count() == 2


@pytest.mark.django_db
def test_only_a_section_chief_of_a_party_reviews(world):
    report = followup_report_for(FollowUpPeriodFactory(agreement=world.agreement))
    followup_report_submit(report=report, user=world.official)
    stranger_chief = SectionChiefFactory(party=world.other_af)
    municipal_chief = UserFactory(party=world.municipality, role="section_chief")
    for user in (world.official, world.admin, stranger_chief, municipal_chief):
        with pytest.raises(PermissionDenied):
            followup_report_review(report=report, reviewer=user, approved=True)


@pytest.mark.django_db
def test_outsider_cannot_submit_and_ended_agreement_is_closed(world):
    report = followup_report_for(FollowUpPeriodFactory(agreement=world.agreement))
    with pytest.raises(PermissionDenied):
        followup_report_submit(report=report, user=world.outsider)
    world.agreement.status = "ended"
    world.agreement.save()
    with pytest.raises(PermissionDenied):
        followup_report_submit(report=report, user=world.official)
