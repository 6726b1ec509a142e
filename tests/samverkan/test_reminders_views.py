"""The bell, the notices, the preferences and the administrators' reminder log."""

import pytest
from django.urls import reverse

from agreements.reminders import APPENDIX_OVERDUE, REVIEW_DUE
from samverkan.reminders.models import Reminder, ReminderPreference
from tests.samverkan.factories import ReminderFactory

pytestmark = pytest.mark.django_db


def test_the_bell_shows_the_unread_count(client, world):
    ReminderFactory.create_batch(3, recipient=world.official)
    ReminderFactory(recipient=world.section_chief)
    client.force_login(world.official)
    response = client.get(reverse("dashboard"))
    assert response.context["unread_notices"] == 3
    assert "3 olästa" in response.content.decode()


def test_notices_list_only_ones_own_and_can_be_marked_read(client, world):
    mine = ReminderFactory(recipient=world.official, subject="Min påminnelse")
    ReminderFactory(recipient=world.outsider, subject="Någon annans påminnelse")
    client.force_login(world.official)
    page = client.get(reverse("reminders:notices")).content.decode()
    assert "Min påminnelse" in page
    assert "Någon annans påminnelse" not in page

    response = client.post(reverse("reminders:notices_read"))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert client.get(reverse("dashboard")).context["unread_notices"] == 0


def test_preferences_turn_optional_kinds_off_and_on(client, world):
    client.force_login(world.official)
    page = client.get(reverse("reminders:preferences")).content.decode()
    assert "En överenskommelse ska revideras" in page
    # WHEN only the appendix reminders stay ticked
    client.post(reverse("reminders:preferences"), {"kind": [APPENDIX_OVERDUE]})
    # THEN the review reminders are off for this person only
    assert set(
        ReminderPreference.objects.filter(user=world.official).values_list("kind", "enabled")
    ) >= {(APPENDIX_OVERDUE, True), (REVIEW_DUE, False)}
    assert not ReminderPreference.objects.filter(user=world.section_chief).exists()


@pytest.mark.parametrize("role", ["official", "section_chief", "outsider"])
def test_only_administrators_see_the_reminder_log(client, world, role):
    client.force_login(world.users()[role])
    assert client.get(reverse("reminders:admin_list")).status_code == 404


def test_administrators_see_failed_reminders_with_the_reason_and_can_resend(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    failed = ReminderFactory(
        recipient=world.official,
        status=Reminder.Status.FAILED,
        last_error="SMTPRecipientsRefused: 550 No such user",
    )
    ReminderFactory(recipient=world.section_chief, status=Reminder.Status.SENT)
    client.force_login(world.admin)
    page = client.get(reverse("reminders:admin_list"), {"status": "failed"}).content.decode()
    assert "550 No such user" in page
    assert "Misslyckad (1)" in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reminders:admin_resend", kwargs={"pk": failed.pk}))
    failed.refresh_from_db()
    assert failed.status == Reminder.Status.SENT  # eager Celery in tests
    assert len(mailoutbox) == 1


def test_administrators_resend_every_failed_reminder_at_once(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    # GIVEN three reminders that failed (the mail server refused for a day) and one sent
    failed = [
        ReminderFactory(
            recipient=user,
            status=Reminder.Status.FAILED,
            attempts=40,
            last_error="SMTPRecipientsRefused: 451 Try again later",
        )
        for user in (world.official, world.section_chief, world.admin)
    ]
    ReminderFactory(recipient=world.official, status=Reminder.Status.SENT)
    client.force_login(world.admin)
    page = client.get(reverse("reminders:admin_list")).content.decode()
    assert "Skicka alla 3 misslyckade påminnelser igen" in page
    # WHEN the administrator presses the button
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reminders:admin_resend_failed"), follow=True)
    # THEN every failed one is sent (eager Celery in tests), and only those
    assert "3 misslyckade påminnelser skickas igen." in response.content.decode()
    assert {r.status for r in Reminder.objects.filter(pk__in=[f.pk for f in failed])} == {
        Reminder.Status.SENT
    }
    assert len(mailoutbox) == 3
    # AND with nothing failed, the page says so and shows no button
    response = client.post(reverse("reminders:admin_resend_failed"), follow=True)
    page = response.content.decode()
    assert "Det finns inga misslyckade påminnelser att skicka igen." in page
    assert "misslyckade påminnelser igen</button>" not in page


@pytest.mark.parametrize("role", ["official", "section_chief", "outsider"])
def test_only_administrators_may_resend_all_failed(client, world, role):
    failed = ReminderFactory(recipient=world.official, status=Reminder.Status.FAILED)
    client.force_login(world.users()[role])
    assert client.post(reverse("reminders:admin_resend_failed")).status_code == 404
    failed.refresh_from_db()
    assert failed.status == Reminder.Status.FAILED


def test_empty_reminder_log_explains_when_reminders_are_planned(client, world):
    # GIVEN no reminders at all
    client.force_login(world.admin)
    # WHEN the administrator opens the log before anything is planned
    page = client.get(reverse("reminders:admin_list")).content.decode()
    # THEN the page says when the portal plans reminders
    assert "Portalen planerar påminnelser varje morgon" in page
    # AND a filter with no hits says so and offers the whole log
    ReminderFactory(recipient=world.official, status=Reminder.Status.SENT)
    page = client.get(reverse("reminders:admin_list"), {"status": "failed"}).content.decode()
    assert "Inga påminnelser har den här statusen just nu." in page
    assert "Visa alla påminnelser" in page


def test_empty_notices_say_what_will_show_up_there(client, world):
    client.force_login(world.official)
    page = client.get(reverse("reminders:notices")).content.decode()
    assert "Du har inga notiser. Här visas det du behöver göra" in page
