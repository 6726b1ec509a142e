"""A report reviewed: its official learns it by notice and e-mail, with the comment, once;
the comment stands where the official enters the values."""

import email
import email.policy

import pytest
from django.urls import reverse

from indicators.notices import REPORT_APPROVED, REPORT_RETURNED
from indicators.services import (
    followup_report_for,
    followup_report_review,
    followup_report_submit,
)
from samverkan.reminders.models import Reminder, ReminderPreference
from samverkan.reminders.tasks import send_reminder
from tests.factories import UserFactory
from tests.indicators.factories import FollowUpPeriodFactory

pytestmark = pytest.mark.django_db

COMMENT = "Analysen av ungdomarna 16–24 saknas. Lägg till könsuppdelningen för indikator 3."


@pytest.fixture
def submitted(world):
    period = FollowUpPeriodFactory(agreement=world.agreement, year=2025, half=1)
    report = followup_report_submit(
        report=followup_report_for(period), user=world.official, confirm_missing=True
    )
    return report


def _entry_url(report):
    period = report.period
    return reverse("indicators:entry", args=[report.agreement_id, period.year, period.half])


def test_a_report_sent_back_tells_its_official_the_comment_by_notice_and_email(
    smtp, client, world, submitted, django_capture_on_commit_callbacks
):
    # GIVEN another official of the same municipality, who did not send the report in
    UserFactory(party=world.municipality)
    # WHEN the section chief sends the report back with a comment
    with django_capture_on_commit_callbacks(execute=True):
        followup_report_review(
            report=submitted, reviewer=world.section_chief, approved=False, comment=COMMENT
        )
    # THEN the official who sent it in has a notice with the comment …
    [notice] = Reminder.objects.filter(kind=REPORT_RETURNED)
    assert notice.recipient == world.official
    assert COMMENT in notice.body
    assert notice.link == _entry_url(submitted)
    # … and one e-mail with it, naming the agreement
    assert smtp.per_recipient() == {world.official.email: 1}
    mail = email.message_from_bytes(smtp.messages[0], policy=email.policy.default)
    assert mail["Subject"].strip() == (
        f"Halvårsuppföljningen skickades tillbaka: {world.agreement.title}"
    )
    assert COMMENT in mail.get_body(("plain",)).get_content()
    # AND the comment is shown where the official enters the values
    client.force_login(world.official)
    page = client.get(_entry_url(submitted)).content.decode()
    assert "Rapporten är skickad tillbaka" in page
    assert COMMENT in page
    # AND the sending task, run again, sends nothing more
    assert send_reminder(notice.pk) == "skipped"
    assert smtp.per_recipient() == {world.official.email: 1}


def test_the_comment_leaves_the_entry_page_once_the_report_is_sent_in_again(
    client, world, submitted
):
    followup_report_review(
        report=submitted, reviewer=world.section_chief, approved=False, comment=COMMENT
    )
    followup_report_submit(report=submitted, user=world.official, confirm_missing=True)
    client.force_login(world.official)
    assert COMMENT not in client.get(_entry_url(submitted)).content.decode()


def test_each_sending_back_is_its_own_notice(world, submitted):
    followup_report_review(
        report=submitted, reviewer=world.section_chief, approved=False, comment="Första."
    )
    followup_report_submit(report=submitted, user=world.official, confirm_missing=True)
    followup_report_review(
        report=submitted, reviewer=world.section_chief, approved=False, comment="Andra."
    )
    bodies = sorted(Reminder.objects.filter(kind=REPORT_RETURNED).values_list("body", flat=True))
    assert len(bodies) == 2
    assert "Andra." in bodies[0] or "Andra." in bodies[1]


def test_an_approval_tells_the_official_and_can_be_turned_off(
    smtp, world, submitted, django_capture_on_commit_callbacks
):
    ReminderPreference.objects.create(user=world.official, kind=REPORT_APPROVED, enabled=False)
    with django_capture_on_commit_callbacks(execute=True):
        followup_report_review(report=submitted, reviewer=world.section_chief, approved=True)
    assert not Reminder.objects.filter(kind=REPORT_APPROVED).exists()
    assert smtp.per_recipient() == {}


def test_an_approval_is_told_by_email(smtp, world, submitted, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        followup_report_review(report=submitted, reviewer=world.section_chief, approved=True)
    mail = email.message_from_bytes(smtp.messages[0], policy=email.policy.default)
    assert mail["Subject"].strip() == f"Halvårsuppföljningen är godkänd: {world.agreement.title}"


def test_if_the_official_has_left_the_parties_officials_are_told(world, submitted):
    colleague = UserFactory(party=world.municipality)
    world.official.is_active = False
    world.official.save()
    followup_report_review(
        report=submitted, reviewer=world.section_chief, approved=False, comment=COMMENT
    )
    recipients = set(
        Reminder.objects.filter(kind=REPORT_RETURNED).values_list("recipient", flat=True)
    )
    assert recipients == {colleague.pk}  # the section chief is no official; the outsider no party
