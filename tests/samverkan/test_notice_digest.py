"""The daily digest: a person who chose it gets one e-mail a morning with their notices,
once; invitations still come at once; the bell shows every notice as before."""

import email
import email.policy
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from indicators.notices import REPORT_RETURNED
from indicators.services import followup_report_for, followup_report_review, followup_report_submit
from meetings.notices import INVITATION
from meetings.services import meeting_create
from samverkan.reminders.digest import DIGEST, make_digests, reminders_digest_make
from samverkan.reminders.models import NoticeSettings, Reminder
from samverkan.reminders.planning import reminders_plan
from samverkan.reminders.registry import (
    PlannedReminder,
    ReminderKind,
    Rendered,
    register_kind,
    unregister_kind,
)
from samverkan.reminders.tasks import send_reminder
from tests.indicators.factories import FollowUpPeriodFactory
from tests.meetings.factories import GroupFactory, GroupMemberFactory

pytestmark = pytest.mark.django_db
COMMENT = "Könsuppdelningen saknas för indikator 2."


def _subjects(sink) -> list[str]:
    return [
        email.message_from_bytes(raw, policy=email.policy.default)["Subject"].strip()
        for raw in sink.messages
    ]


def _send_back(world):
    period = FollowUpPeriodFactory(agreement=world.agreement, year=2025, half=1)
    report = followup_report_submit(
        report=followup_report_for(period), user=world.official, confirm_missing=True
    )
    followup_report_review(
        report=report, reviewer=world.section_chief, approved=False, comment=COMMENT
    )
    return report


def _invite(world):
    group = GroupFactory(agreement=world.agreement, name="Operativ samverkan", convener=world.af)
    GroupMemberFactory(group=group, party=world.municipality, user=world.official)
    return meeting_create(group=group, data={"starts_at": timezone.now() + timedelta(days=9)})


def test_a_person_who_chose_the_digest_gets_one_email_a_morning_once(
    smtp, client, world, django_capture_on_commit_callbacks
):
    # GIVEN the official chooses the daily digest on the settings page
    client.force_login(world.official)
    response = client.post(
        reverse("reminders:preferences"),
        {"delivery": "digest", "kind": ["meetings.invitation", "indicators.report_approved"]},
    )
    assert response.status_code == 302
    assert NoticeSettings.objects.get(user=world.official).daily_digest
    page = client.get(reverse("reminders:preferences")).content.decode()
    assert (
        'value="digest" id="delivery-digest" aria-describedby="delivery-digest-help" checked'
        in page
    )
    # WHEN their report is sent back and they are invited to a meeting
    with django_capture_on_commit_callbacks(execute=True):
        report = _send_back(world)
        _invite(world)
    # THEN the invitation comes at once, the sent-back report waits for the digest …
    assert len(smtp.messages) == 1
    assert _subjects(smtp)[0].startswith("Kallelse:")
    returned = Reminder.objects.get(kind=REPORT_RETURNED)
    assert returned.status == Reminder.Status.DIGEST
    # … and both are in the bell now
    assert client.get(reverse("dashboard")).context["unread_notices"] == 2
    # AND the sweep does not send what waits for the digest
    assert returned.pk not in Reminder.objects.filter(status="waiting").values_list("pk", flat=True)
    # WHEN the morning's digest is made (twice: two beat processes, or a retry)
    with django_capture_on_commit_callbacks(execute=True):
        assert make_digests(today="2026-03-02") == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert make_digests(today="2026-03-02") == 0
    # THEN one e-mail lists the report with its link, and the notice is marked as sent in it
    assert len(smtp.messages) == 2
    digest_mail = email.message_from_bytes(smtp.messages[1], policy=email.policy.default)
    assert digest_mail["Subject"].strip() == "Dina notiser 2 mars 2026"
    body = digest_mail.get_body(("plain",)).get_content()
    assert f"Halvårsuppföljningen skickades tillbaka: {world.agreement.title}" in body
    period = report.period
    entry = reverse("indicators:entry", args=[world.agreement.pk, period.year, period.half])
    assert f"https://samverkan.test{entry}" in body
    returned.refresh_from_db()
    assert returned.status == Reminder.Status.BUNDLED
    digest = Reminder.objects.get(kind=DIGEST)
    assert returned.digest == digest and digest.status == Reminder.Status.SENT
    # AND the sending task run again sends nothing more
    assert send_reminder(digest.pk) == "skipped"
    assert len(smtp.messages) == 2
    # AND the digest itself is no notice of its own in the bell
    assert client.get(reverse("dashboard")).context["unread_notices"] == 2


def test_a_notice_after_the_days_digest_waits_for_the_next(world):
    NoticeSettings.objects.create(user=world.official, daily_digest=True)
    _send_back(world)
    assert len(reminders_digest_make(today=date(2026, 3, 2))) == 1
    later = _send_back_again(world)
    assert reminders_digest_make(today=date(2026, 3, 2)) == []
    assert Reminder.objects.get(pk=later).status == Reminder.Status.DIGEST
    assert len(reminders_digest_make(today=date(2026, 3, 3))) == 1
    assert Reminder.objects.get(pk=later).status == Reminder.Status.BUNDLED


def _send_back_again(world) -> int:
    report = followup_report_for(world.agreement.followup_periods.get())
    followup_report_submit(report=report, user=world.official, confirm_missing=True)
    followup_report_review(
        report=report, reviewer=world.section_chief, approved=False, comment="Igen."
    )
    return Reminder.objects.filter(kind=REPORT_RETURNED).latest("pk").pk


def test_turning_the_digest_off_sends_what_waited_at_once(
    smtp, client, world, django_capture_on_commit_callbacks
):
    NoticeSettings.objects.create(user=world.official, daily_digest=True)
    _send_back(world)
    assert smtp.messages == []
    client.force_login(world.official)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reminders:preferences"), {"delivery": "direct"})
    assert _subjects(smtp) == [f"Halvårsuppföljningen skickades tillbaka: {world.agreement.title}"]
    assert Reminder.objects.get(kind=REPORT_RETURNED).status == Reminder.Status.SENT


def test_the_planner_puts_reminders_for_digest_readers_in_the_digest(world):
    key = "tests.planned"
    register_kind(
        ReminderKind(
            key=key,
            label="Planerad",
            optional=True,
            plan=lambda today: [
                PlannedReminder(
                    target=world.agreement,
                    occasion=str(today),
                    recipients=[world.official.pk, world.section_chief.pk],
                )
            ],
            render=lambda r: Rendered(subject="Planerad", body="Text."),
        )
    )
    try:
        NoticeSettings.objects.create(user=world.official, daily_digest=True)
        result = reminders_plan(today=date(2026, 3, 2))
        statuses = dict(Reminder.objects.filter(kind=key).values_list("recipient", "status"))
        assert statuses == {
            world.official.pk: Reminder.Status.DIGEST,
            world.section_chief.pk: Reminder.Status.WAITING,
        }
        assert result.to_enqueue == [
            Reminder.objects.get(kind=key, recipient=world.section_chief).pk
        ]
    finally:
        unregister_kind(key)


def test_invitations_are_never_put_in_the_digest(world):
    NoticeSettings.objects.create(user=world.official, daily_digest=True)
    meeting = _invite(world)
    assert Reminder.objects.get(kind=INVITATION, object_id=meeting.pk).status == "waiting"


def test_admin_pages_for_notices_and_their_settings(client, world):
    NoticeSettings.objects.create(user=world.official, daily_digest=True)
    _send_back(world)
    [digest] = reminders_digest_make(today=date(2026, 3, 2))
    world.admin.is_superuser = True
    world.admin.save()
    client.force_login(world.admin)
    for url in (
        "/admin/reminders/reminder/",
        f"/admin/reminders/reminder/{digest}/change/",
        "/admin/reminders/noticesettings/",
    ):
        assert client.get(url).status_code == 200, url
