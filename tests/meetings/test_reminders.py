"""Reminders for groups behind their rhythm, action items due, and the conveners' follow-up."""

from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agreements.models import Agreement
from indicators.models import FollowUpPeriod
from meetings.models import Group
from meetings.reminders import (
    ACTION_ITEMS_DUE,
    FOLLOWUP_CONVENER_DUE,
    FOLLOWUP_CONVENER_OVERDUE,
    GROUP_BEHIND,
)
from samverkan.reminders.models import Reminder, ReminderPreference
from samverkan.reminders.planning import reminders_plan
from tests.factories import AgreementFactory, EmploymentServiceFactory, PartyFactory, UserFactory
from tests.meetings.factories import ActionItemFactory, GroupFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_force(world):
    Agreement.objects.filter(pk=world.agreement.pk).update(status=Agreement.Status.IN_FORCE)
    return world.agreement


def at(day: date, hour: int = 10):
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=hour))


def test_a_group_behind_its_rhythm_reminds_its_convener_once(world, in_force):
    # GIVEN an operative group meeting every eighth week, last met on 6 January 2025
    group = GroupFactory(
        agreement=in_force, convener=world.municipality, established_on=date(2024, 1, 1)
    )
    MeetingFactory(group=group, starts_at=at(date(2025, 1, 6)))
    # WHEN the planner runs on the day the next meeting was due, and the days after
    reminders_plan(today=date(2025, 3, 3))
    assert not Reminder.objects.filter(kind=GROUP_BEHIND).exists()
    for day in (date(2025, 3, 4), date(2025, 3, 5), date(2025, 3, 20)):
        reminders_plan(today=day)
    # THEN the convener's official is reminded once for the missed date
    reminder = Reminder.objects.get(kind=GROUP_BEHIND)
    assert reminder.recipient == world.official
    assert reminder.occasion == "2025-03-03:behind"
    assert "3 mars 2025" in reminder.body
    assert "6 januari 2025" in reminder.body
    assert reminder.link == group.get_absolute_url()


def test_a_group_that_keeps_its_rhythm_is_not_reminded(world, in_force):
    group = GroupFactory(
        agreement=in_force, convener=world.municipality, established_on=date(2024, 1, 1)
    )
    MeetingFactory(group=group, starts_at=at(date(2025, 2, 24)))
    reminders_plan(today=date(2025, 3, 20))
    assert not Reminder.objects.filter(kind=GROUP_BEHIND).exists()


def test_action_items_due_tomorrow_remind_the_owning_organisation(world, in_force):
    group = GroupFactory(
        agreement=in_force, convener=world.municipality, established_on=date(2025, 1, 1)
    )
    meeting = MeetingFactory(group=group, starts_at=at(date(2025, 2, 24)))
    ActionItemFactory(
        meeting=meeting,
        description="Ta fram statistik över unga",
        owner="Sektionschef",
        owner_party=world.af,
        due_date=date(2025, 3, 5),
    )
    ActionItemFactory(
        meeting=meeting, description="Boka lokal", owner="Kommunen", due_date=date(2025, 3, 5)
    )
    ActionItemFactory(meeting=meeting, owner_party=world.af, due_date=date(2025, 3, 5), done=True)
    ActionItemFactory(meeting=meeting, owner_party=world.af, due_date=date(2025, 3, 6))
    reminders_plan(today=date(2025, 3, 4))
    reminders_plan(today=date(2025, 3, 4))
    rows = {r.recipient_id: r for r in Reminder.objects.filter(kind=ACTION_ITEMS_DUE)}
    assert set(rows) == {world.section_chief.pk, world.official.pk}
    assert [i["description"] for i in rows[world.section_chief.pk].context["items"]] == [
        "Ta fram statistik över unga"
    ]
    # Without an owning organisation, the convener's people are reminded.
    assert "Boka lokal" in rows[world.official.pk].body
    assert rows[world.official.pk].link == meeting.get_absolute_url()


def test_the_conveners_hear_of_the_follow_up_before_and_after_the_deadline(world, in_force):
    GroupFactory(agreement=in_force, tier=Group.Tier.OPERATIVE, convener=world.municipality)
    GroupFactory(
        agreement=in_force,
        tier=Group.Tier.STRATEGIC,
        name="Styrgrupp",
        convener=world.af,
        rhythm_kind="as_needed",
    )
    FollowUpPeriod.objects.create(
        agreement=in_force,
        year=2025,
        half=1,
        starts_on=date(2025, 1, 1),
        ends_on=date(2025, 6, 30),
        deadline=date(2025, 8, 31),
    )
    ReminderPreference.objects.create(
        user=world.section_chief, kind=FOLLOWUP_CONVENER_OVERDUE, enabled=False
    )
    reminders_plan(today=date(2025, 8, 1))
    due = Reminder.objects.get(kind=FOLLOWUP_CONVENER_DUE)
    assert due.recipient == world.official
    assert due.occasion == "2025-08-31:-30d"
    reminders_plan(today=date(2025, 9, 1))
    reminders_plan(today=date(2025, 9, 2))
    overdue = Reminder.objects.get(kind=FOLLOWUP_CONVENER_OVERDUE)
    assert overdue.recipient == world.section_chief  # an escalation: the preference is ignored
    assert "Styrgrupp" in overdue.body


def _agreements_with_groups(n, tag):
    for i in range(n):
        municipality = PartyFactory(name=f"Kommun {tag} {i}")
        af = EmploymentServiceFactory(name=f"Af {tag} {i}")
        UserFactory(party=municipality)
        agreement = AgreementFactory(parties=[municipality, af], status=Agreement.Status.IN_FORCE)
        group = GroupFactory(
            agreement=agreement, convener=municipality, established_on=date(2024, 1, 1)
        )
        meeting = MeetingFactory(group=group, starts_at=at(date(2025, 1, 6)))
        ActionItemFactory(meeting=meeting, owner_party=municipality, due_date=date(2025, 3, 21))
        GroupFactory(agreement=agreement, tier=Group.Tier.STRATEGIC, convener=af)
        FollowUpPeriod.objects.create(
            agreement=agreement,
            year=2025,
            half=1,
            starts_on=date(2025, 1, 1),
            ends_on=date(2025, 6, 30),
            deadline=date(2025, 3, 27),
        )


def test_planning_groups_takes_the_same_number_of_queries_for_15_agreements_as_for_3():
    today = date(2025, 3, 20)

    def planning_queries():
        Reminder.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            reminders_plan(today=today)
        return len(queries)

    _agreements_with_groups(3, "liten")
    planning_queries()
    small = planning_queries()
    kinds = set(Reminder.objects.values_list("kind", flat=True))
    assert {GROUP_BEHIND, ACTION_ITEMS_DUE, FOLLOWUP_CONVENER_DUE} <= kinds
    _agreements_with_groups(12, "stor")
    large = planning_queries()
    assert Reminder.objects.filter(kind=GROUP_BEHIND).count() == 15
    assert small == large, f"{small} queries for 3 agreements, {large} for 15"
