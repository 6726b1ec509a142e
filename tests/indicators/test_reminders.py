"""The follow-up's reminders: before the deadline, after it, and reports waiting for review."""

import io
from collections import defaultdict
from datetime import date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agreements.models import Agreement
from indicators.models import FollowUpPeriod, FollowUpReport, Goal, Indicator, Measurement
from indicators.reminders import (
    ACTIVE_STATUSES,
    DONE_REPORT_STATUSES,
    FOLLOWUP_DUE,
    FOLLOWUP_OVERDUE,
    REPORT_WAITING,
)
from samverkan.models import User
from samverkan.reminders.models import Reminder, ReminderPreference
from samverkan.reminders.planning import reminders_plan
from samverkan.reminders.tasks import plan_and_enqueue
from tests.factories import (
    AgreementFactory,
    EmploymentServiceFactory,
    PartyFactory,
    SectionChiefFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

DEADLINE = date(2025, 8, 31)


@pytest.fixture
def followup(world):
    """The world's agreement in force with three indicators for the first half of 2025:
    the municipality's two (one with a value) and Af's one."""
    Agreement.objects.filter(pk=world.agreement.pk).update(status=Agreement.Status.IN_FORCE)
    goal = Goal.objects.create(agreement=world.agreement, title="Fler i arbete eller studier")
    common = {"goal": goal, "direction": "increase", "source": "municipality"}
    unvalued = Indicator.objects.create(
        name="Antal deltagare i jobbspår", responsible_party=world.municipality, **common
    )
    valued = Indicator.objects.create(
        name="Antal avslutade jobbspår", responsible_party=world.municipality, **common
    )
    af_indicator = Indicator.objects.create(
        name="Antal unga i jobbgarantin", responsible_party=world.af, **common
    )
    period = FollowUpPeriod.objects.create(
        agreement=world.agreement,
        year=2025,
        half=1,
        starts_on=date(2025, 1, 1),
        ends_on=date(2025, 6, 30),
        deadline=DEADLINE,
    )
    Measurement.objects.create(indicator=valued, period=period, total=12)
    return period, unvalued, valued, af_indicator


def test_30_days_before_each_responsible_official_gets_one_reminder_listing_the_missing(
    world, followup, mailoutbox, django_capture_on_commit_callbacks
):
    period, unvalued, valued, af_indicator = followup
    # WHEN the planner runs 30 days before 31 August 2025, twice
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            plan_and_enqueue(today=DEADLINE - timedelta(days=30))
    # THEN each responsible person has exactly one reminder, listing only their missing ones
    official = Reminder.objects.get(kind=FOLLOWUP_DUE, recipient=world.official)
    assert official.occasion == "2025-08-31:-30d"
    assert official.target == period
    assert official.context["indicators"] == [unvalued.name]
    assert valued.name not in official.body
    chief = Reminder.objects.get(kind=FOLLOWUP_DUE, recipient=world.section_chief)
    assert chief.context["indicators"] == [af_indicator.name]
    assert len(mailoutbox) == 2
    assert unvalued.name in next(m for m in mailoutbox if m.to == [world.official.email]).body


def test_30_and_7_days_before_and_on_the_day_each_once_even_after_a_missed_run(world, followup):
    # A planner that did not run on day -30 catches up the next day; nothing new in between.
    for days_before in (29, 20, 7, 3, 0):
        reminders_plan(today=DEADLINE - timedelta(days=days_before))
    assert sorted(
        Reminder.objects.filter(recipient=world.official).values_list("occasion", flat=True)
    ) == ["2025-08-31:-30d", "2025-08-31:-7d", "2025-08-31:0d"]


def test_nothing_once_the_report_is_submitted(world, followup):
    period = followup[0]
    FollowUpReport.objects.create(
        agreement=world.agreement, period=period, status=FollowUpReport.Status.SUBMITTED
    )
    reminders_plan(today=DEADLINE - timedelta(days=7))
    reminders_plan(today=DEADLINE + timedelta(days=1))
    assert not Reminder.objects.filter(kind__in=[FOLLOWUP_DUE, FOLLOWUP_OVERDUE]).exists()


def test_after_the_deadline_the_section_chiefs_are_told_once_and_cannot_opt_out(world, followup):
    _period, unvalued, _valued, af_indicator = followup
    ReminderPreference.objects.create(
        user=world.section_chief, kind=FOLLOWUP_OVERDUE, enabled=False
    )
    reminders_plan(today=DEADLINE + timedelta(days=1))
    reminders_plan(today=DEADLINE + timedelta(days=2))
    escalation = Reminder.objects.get(kind=FOLLOWUP_OVERDUE)
    assert escalation.recipient == world.section_chief
    assert unvalued.name in escalation.body
    assert af_indicator.name in escalation.body


def test_a_report_waiting_more_than_7_days_reminds_the_section_chiefs(world, followup):
    period = followup[0]
    submitted = timezone.make_aware(datetime(2025, 9, 1, 10, 0))
    FollowUpReport.objects.create(
        agreement=world.agreement,
        period=period,
        status=FollowUpReport.Status.SUBMITTED,
        submitted_at=submitted,
    )
    reminders_plan(today=date(2025, 9, 8))
    assert not Reminder.objects.filter(kind=REPORT_WAITING).exists()
    reminders_plan(today=date(2025, 9, 9))
    reminders_plan(today=date(2025, 9, 10))
    waiting = Reminder.objects.get(kind=REPORT_WAITING)
    assert waiting.recipient == world.section_chief
    assert "1 september 2025" in waiting.subject
    assert f"”{world.agreement.title}”" in waiting.subject  # which agreement, in the subject


def _agreements_with_followup(n, tag):
    for i in range(n):
        municipality = PartyFactory(name=f"Kommun {tag} {i}")
        af = EmploymentServiceFactory(name=f"Af {tag} {i}")
        UserFactory(party=municipality)
        SectionChiefFactory(party=af)
        agreement = AgreementFactory(parties=[municipality, af], status=Agreement.Status.IN_FORCE)
        goal = Goal.objects.create(agreement=agreement, title="Mål")
        for party in (municipality, af):
            Indicator.objects.create(
                goal=goal,
                name=f"Indikator {party}",
                direction="increase",
                source="municipality",
                responsible_party=party,
            )
        for half, deadline in ((1, DEADLINE), (2, date(2025, 7, 31))):
            period = FollowUpPeriod.objects.create(
                agreement=agreement,
                year=2025 if half == 1 else 2024,
                half=half,
                starts_on=date(2025, 1, 1),
                ends_on=date(2025, 6, 30),
                deadline=deadline,
            )
        FollowUpReport.objects.create(
            agreement=agreement,
            period=period,
            status=FollowUpReport.Status.SUBMITTED,
            submitted_at=timezone.make_aware(datetime(2025, 8, 1)),
        )


def test_follow_up_planning_takes_the_same_number_of_queries_for_30_agreements_as_for_3():
    today = DEADLINE - timedelta(days=7)

    def planning_queries():
        Reminder.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            reminders_plan(today=today)
        return len(queries)

    _agreements_with_followup(3, "liten")
    planning_queries()  # warm the content-type cache
    small = planning_queries()
    assert set(Reminder.objects.values_list("kind", flat=True)) == {FOLLOWUP_DUE, REPORT_WAITING}
    _agreements_with_followup(27, "stor")
    large = planning_queries()
    assert Reminder.objects.filter(kind=FOLLOWUP_DUE).count() == 30 * 2
    assert small == large, f"{small} queries for 3 agreements, {large} for 30"


def test_with_the_demo_data_30_days_before_31_august_2025_each_official_gets_one_reminder(
    mailoutbox, django_capture_on_commit_callbacks
):
    """The issue's acceptance test, on the demo data's open follow-ups due 31 August 2025."""
    call_command("load_demo", stdout=io.StringIO())
    periods = list(
        FollowUpPeriod.objects.filter(deadline=DEADLINE, agreement__status__in=ACTIVE_STATUSES)
        .exclude(report__status__in=DONE_REPORT_STATUSES)
        .select_related("agreement")
    )
    assert periods, "The demo data must hold an open follow-up due 31 August 2025."
    valued = set(
        Measurement.objects.filter(period__in=periods, total__isnull=False).values_list(
            "period_id", "indicator_id"
        )
    )
    expected = defaultdict(set)  # (user, period) -> names of their indicators without a value
    for period in periods:
        for indicator in Indicator.objects.filter(goal__agreement=period.agreement_id):
            if (period.pk, indicator.pk) in valued or not indicator.responsible_party_id:
                continue
            for user in User.objects.filter(
                party=indicator.responsible_party_id,
                is_active=True,
                role__in=(User.Role.OFFICIAL, User.Role.SECTION_CHIEF),
            ):
                expected[(user.pk, period.pk)].add(indicator.name)

    for _ in range(2):  # a second planning run sends nothing
        with django_capture_on_commit_callbacks(execute=True):
            plan_and_enqueue(today=DEADLINE - timedelta(days=30))

    reminders = Reminder.objects.filter(kind=FOLLOWUP_DUE)
    got = {(r.recipient_id, r.object_id): set(r.context["indicators"]) for r in reminders}
    assert got == expected
    assert reminders.count() == len(expected)
    # The officials' follow-up reminders (the conveners' name their group after the agreement).
    followup_mails = [
        m
        for m in mailoutbox
        if "”: halvårsuppföljningen för" in m.subject and "ska vara klar" in m.subject
    ]
    assert len(followup_mails) == len(expected), [m.subject for m in followup_mails]
