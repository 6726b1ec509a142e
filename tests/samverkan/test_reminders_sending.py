"""The sending task, called directly: it sends what has not been sent, once."""

import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from samverkan.reminders.models import Reminder
from samverkan.reminders.tasks import send_reminder
from tests.samverkan.factories import ReminderFactory

pytestmark = pytest.mark.django_db


def test_sends_plain_text_and_html_in_swedish_with_a_direct_link(settings, mailoutbox):
    settings.SITE_URL = "https://samverkan.example.se"
    reminder = ReminderFactory(recipient__first_name="Anna", link="/overenskommelser/7/")

    assert send_reminder(reminder.pk) == "sent"

    reminder.refresh_from_db()
    assert reminder.status == Reminder.Status.SENT
    assert reminder.sent_at is not None
    assert reminder.attempts == 1
    [mail] = mailoutbox
    assert mail.to == [reminder.recipient.email]
    assert mail.subject == reminder.subject
    assert mail.body.startswith("Hej Anna!")
    assert "https://samverkan.example.se/overenskommelser/7/" in mail.body
    assert "https://samverkan.example.se/paminnelser/installningar/" in mail.body
    html, mimetype = mail.alternatives[0]
    assert mimetype == "text/html"
    assert 'href="https://samverkan.example.se/overenskommelser/7/"' in html
    assert mail.extra_headers["Message-ID"] == f"<reminder-{reminder.pk}@samverkan.example.se>"


def test_a_second_delivery_of_the_task_sends_nothing(mailoutbox):
    reminder = ReminderFactory()
    send_reminder(reminder.pk)
    assert send_reminder(reminder.pk) == "skipped"
    assert len(mailoutbox) == 1


def test_returns_quietly_when_the_reminder_is_gone(mailoutbox):
    assert send_reminder(987654) == "skipped"
    assert mailoutbox == []


def test_a_fresh_claim_of_another_attempt_is_left_alone(mailoutbox):
    reminder = ReminderFactory(
        status=Reminder.Status.SENDING, claimed_at=timezone.now(), attempts=1
    )
    assert send_reminder(reminder.pk) == "skipped"
    assert mailoutbox == []


def test_a_stale_claim_of_a_killed_worker_is_sent_again(settings, mailoutbox):
    # GIVEN a row a worker claimed longer ago than any attempt may live, then died
    claimed = timezone.now() - timedelta(seconds=settings.REMINDER_SENDING_STALE_SECONDS + 1)
    reminder = ReminderFactory(status=Reminder.Status.SENDING, claimed_at=claimed, attempts=1)
    # WHEN the task runs again
    assert send_reminder(reminder.pk) == "sent"
    # THEN it is sent, and the interruption is noted for the administrators
    reminder.refresh_from_db()
    assert reminder.status == Reminder.Status.SENT
    assert reminder.attempts == 2
    assert "avbröts" in reminder.last_error
    assert len(mailoutbox) == 1


def test_a_transient_mail_error_puts_the_row_back_and_raises_for_a_retry(mailoutbox):
    reminder = ReminderFactory()
    error = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    with (
        mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=error),
        pytest.raises(smtplib.SMTPServerDisconnected),
    ):
        send_reminder(reminder.pk)
    reminder.refresh_from_db()
    assert reminder.status == Reminder.Status.WAITING
    assert "SMTPServerDisconnected" in reminder.last_error
    # The retry then succeeds, once.
    assert send_reminder(reminder.pk) == "sent"
    assert len(mailoutbox) == 1


def test_a_permanent_refusal_fails_without_retrying():
    reminder = ReminderFactory()
    error = smtplib.SMTPRecipientsRefused({"x@example.se": (550, b"No such user")})
    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=error):
        assert send_reminder(reminder.pk) == "failed"
    reminder.refresh_from_db()
    assert reminder.status == Reminder.Status.FAILED
    assert "550" in reminder.last_error


def test_the_last_retry_marks_the_row_failed_with_the_reason():
    reminder = ReminderFactory()
    with mock.patch(
        "django.core.mail.EmailMultiAlternatives.send", side_effect=ConnectionRefusedError(111, "x")
    ):
        send_reminder.push_request(retries=send_reminder.max_retries)
        try:
            assert send_reminder(reminder.pk) == "failed"
        finally:
            send_reminder.pop_request()
    reminder.refresh_from_db()
    assert reminder.status == Reminder.Status.FAILED
    assert "ConnectionRefusedError" in reminder.last_error


def test_a_recipient_without_an_address_is_failed_with_the_reason(mailoutbox):
    reminder = ReminderFactory(recipient__email="")
    assert send_reminder(reminder.pk) == "failed"
    reminder.refresh_from_db()
    assert reminder.last_error.startswith("Mottagaren saknar e-postadress")
    assert mailoutbox == []


def test_the_task_retries_only_mail_errors_with_backoff_and_jitter():
    assert set(send_reminder.autoretry_for) == {smtplib.SMTPException, OSError}
    assert send_reminder.retry_backoff is True
    assert send_reminder.retry_jitter is True
    assert send_reminder.max_retries >= 3
