"""The planner: what is due on a fixed day, once, for the right people, in constant queries."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.models import Agreement, Appendix
from agreements.reminders import (
    APPENDIX_OVERDUE,
    REVIEW_DUE,
    review_due_date,
    term_of_office,
)
from samverkan.reminders.models import Reminder, ReminderPreference
from samverkan.reminders.planning import reminders_plan
from samverkan.reminders.registry import (
    PlannedReminder,
    ReminderKind,
    Rendered,
    register_kind,
    unregister_kind,
)
from samverkan.reminders.tasks import plan_and_enqueue
from tests.factories import (
    AgreementFactory,
    AppendixFactory,
    EmploymentServiceFactory,
    PartyFactory,
    SectionChiefFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "term"),
    [
        (date(2026, 10, 14), (date(2022, 10, 15), date(2026, 10, 14))),
        (date(2026, 10, 15), (date(2026, 10, 15), date(2030, 10, 14))),
        (date(2022, 1, 1), (date(2018, 10, 15), date(2022, 10, 14))),
        (date(2028, 6, 1), (date(2026, 10, 15), date(2030, 10, 14))),
    ],
)
def test_term_of_office_follows_the_swedish_election_years(day, term):
    assert term_of_office(day) == term


def test_review_per_term_is_due_by_the_end_of_the_term_after_the_adoption():
    agreement = Agreement(review_rule="Minst en gång per mandatperiod", valid_from=date(2023, 1, 1))
    assert review_due_date(agreement, date(2025, 1, 1))[0] == date(2030, 10, 14)
    agreement.valid_from = None
    assert review_due_date(agreement, date(2025, 1, 1))[0] == date(2026, 10, 14)
    agreement.next_review_date = date(2025, 12, 31)
    assert review_due_date(agreement, date(2025, 1, 1))[0] == date(2025, 12, 31)


def test_overdue_appendix_reminds_its_responsible_partys_officials_once(world):
    # GIVEN an appendix that should have been established by 31 March 2025
    appendix = AppendixFactory(
        agreement=world.agreement,
        responsible_party=world.municipality,
        due_date=date(2025, 3, 31),
        state=Appendix.State.PLANNED,
    )
    colleague = UserFactory(party=world.municipality)
    # WHEN the planner runs the next day, and again
    reminders_plan(today=date(2025, 4, 1))
    reminders_plan(today=date(2025, 4, 2))
    # THEN each official of the responsible party has one reminder, nobody else has any
    rows = Reminder.objects.filter(kind=APPENDIX_OVERDUE)
    assert sorted(rows.values_list("recipient_id", flat=True)) == sorted(
        [world.official.pk, colleague.pk]
    )
    reminder = rows.first()
    assert reminder.target == world.agreement
    assert reminder.occasion == f"2025-03-31:appendices:{world.municipality.pk}"
    assert reminder.context["appendices"][0]["title"] == appendix.title
    assert reminder.status == Reminder.Status.WAITING
    assert "31 mars 2025" in reminder.subject
    assert reminder.link == f"/overenskommelser/{world.agreement.pk}/#bilagor"


def test_appendices_due_the_same_day_come_in_one_reminder(world):
    for number in (5, 6, 7):
        AppendixFactory(
            agreement=world.agreement,
            number=number,
            title=f"Rutin {number}",
            responsible_party=world.municipality,
            due_date=date(2023, 3, 31),
        )
    reminders_plan(today=date(2025, 4, 1))
    reminder = Reminder.objects.get(recipient=world.official)
    # The subject names the agreement: the same person may get these for several.
    assert reminder.subject == (
        f"”{world.agreement.title}”: 3 bilagor skulle ha varit klara 31 mars 2023"
    )
    assert "Bilaga 6 ”Rutin 6” (planerad)" in reminder.body


def test_no_reminder_before_the_date_or_for_an_established_appendix(world):
    AppendixFactory(
        agreement=world.agreement, responsible_party=world.municipality, due_date=date(2025, 3, 31)
    )
    AppendixFactory(
        agreement=world.agreement,
        responsible_party=world.municipality,
        due_date=date(2025, 1, 31),
        state=Appendix.State.ESTABLISHED,
    )
    reminders_plan(today=date(2025, 3, 31))
    assert not Reminder.objects.exists()


def test_review_reminds_every_partys_people_30_days_before_and_on_the_day(world):
    Agreement.objects.filter(pk=world.agreement.pk).update(
        status=Agreement.Status.IN_FORCE, next_review_date=date(2025, 9, 30)
    )
    reminders_plan(today=date(2025, 8, 30))
    assert not Reminder.objects.exists()
    reminders_plan(today=date(2025, 8, 31))
    reminders_plan(today=date(2025, 9, 1))
    assert set(Reminder.objects.values_list("occasion", "recipient_id")) == {
        ("2025-09-30:-30d", world.official.pk),
        ("2025-09-30:-30d", world.section_chief.pk),
    }
    reminders_plan(today=date(2025, 9, 30))
    assert Reminder.objects.filter(occasion="2025-09-30:0d").count() == 2
    assert not Reminder.objects.filter(recipient=world.outsider).exists()


def test_review_once_per_term_of_office(world):
    Agreement.objects.filter(pk=world.agreement.pk).update(
        status=Agreement.Status.IN_FORCE,
        review_rule="Överenskommelsen revideras minst en gång per mandatperiod.",
        valid_from=date(2023, 1, 1),
    )
    reminders_plan(today=date(2026, 10, 1))  # the adoption's own term: nothing due
    assert not Reminder.objects.exists()
    reminders_plan(today=date(2030, 4, 17))  # 180 days before the next term ends
    reminder = Reminder.objects.get(recipient=world.official)
    assert reminder.occasion == "2030-10-14:-180d"
    assert "mandatperioden 2026–2030" in reminder.body


def test_a_person_can_turn_off_an_optional_kind(world):
    Agreement.objects.filter(pk=world.agreement.pk).update(
        status=Agreement.Status.IN_FORCE, next_review_date=date(2025, 9, 30)
    )
    ReminderPreference.objects.create(user=world.official, kind=REVIEW_DUE, enabled=False)
    reminders_plan(today=date(2025, 9, 30))
    assert list(Reminder.objects.values_list("recipient_id", flat=True)) == [world.section_chief.pk]


@pytest.fixture
def escalation_kind(world):
    key = "tests.escalation"
    register_kind(
        ReminderKind(
            key=key,
            label="Eskalering",
            optional=False,
            plan=lambda today: [
                PlannedReminder(
                    target=world.agreement,
                    occasion=f"{today}:after",
                    recipients=[world.official.pk],
                )
            ],
            render=lambda r: Rendered(subject="Sent", body="Efter tidsfristen."),
        )
    )
    yield key
    unregister_kind(key)


def test_escalations_cannot_be_turned_off(world, escalation_kind):
    ReminderPreference.objects.create(user=world.official, kind=escalation_kind, enabled=False)
    reminders_plan(today=date(2025, 9, 1))
    assert Reminder.objects.filter(kind=escalation_kind, recipient=world.official).exists()


def test_planning_enqueues_each_waiting_reminder_on_commit(
    world, escalation_kind, django_capture_on_commit_callbacks, mailoutbox
):
    # GIVEN eager Celery (no REDIS_URL) and the locmem mail backend
    with django_capture_on_commit_callbacks(execute=True):
        result = plan_and_enqueue(today=date(2025, 9, 1))
    assert len(result.to_enqueue) == 1
    assert Reminder.objects.get().status == Reminder.Status.SENT
    assert len(mailoutbox) == 1
    # A second run enqueues nothing new and sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        result = plan_and_enqueue(today=date(2025, 9, 1))
    assert result.to_enqueue == []
    assert len(mailoutbox) == 1


def _agreements_due(n, tag):
    """n agreements in force, each due for review, with an overdue appendix and people."""
    for i in range(n):
        municipality = PartyFactory(name=f"Kommun {tag} {i}")
        af = EmploymentServiceFactory(name=f"Af {tag} {i}")
        UserFactory(party=municipality)
        SectionChiefFactory(party=af)
        agreement = AgreementFactory(
            parties=[municipality, af],
            status=Agreement.Status.IN_FORCE,
            next_review_date=date(2025, 9, 30),
        )
        AppendixFactory(
            agreement=agreement, responsible_party=municipality, due_date=date(2025, 6, 1)
        )


def _planning_queries():
    with CaptureQueriesContext(connection) as queries:
        reminders_plan(today=date(2025, 9, 30))
    return len(queries)


def test_planning_takes_the_same_number_of_queries_for_300_agreements_as_for_3(
    django_capture_on_commit_callbacks,
):
    _agreements_due(3, "small")
    _planning_queries()  # warm the content-type cache
    Reminder.objects.all().delete()
    small = _planning_queries()
    assert Reminder.objects.count() == 3 * 2 + 3
    Reminder.objects.all().delete()
    _agreements_due(297, "large")
    large = _planning_queries()
    assert Reminder.objects.count() == 300 * 2 + 300
    assert small == large, f"{small} queries for 3 agreements, {large} for 300"
