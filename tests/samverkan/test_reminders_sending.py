"""The sending task, called directly: it sends what has not been sent, once."""

import contextlib
from datetime import timedelta

import pytest
from django.utils import timezone

from samverkan.reminders.models import Reminder
from samverkan.reminders.sending import retry_delay
from samverkan.reminders.tasks import send_reminder
from tests.samverkan.factories import ReminderFactory

from .reminder_worker import free_port, smtp_sink

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


@pytest.fixture
def smtp(settings):
    """A real SMTP server in this process (aiosmtpd); ``smtp(refuse_first=…)`` starts one."""
    stack = contextlib.ExitStack()

    def start(**kwargs):
        handler, port = stack.enter_context(smtp_sink(**kwargs))
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        return handler

    with stack:
        yield start


def test_a_temporary_refusal_puts_the_row_back_and_retries(
    smtp, django_capture_on_commit_callbacks
):
    sink = smtp(refuse_first=1)
    reminder = ReminderFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminder(reminder.pk) == "retry"
    reminder.refresh_from_db()
    assert reminder.status == Reminder.Status.WAITING
    assert "451" in reminder.last_error
    assert reminder.failing_since is not None
    # Eager Celery cannot wait for a countdown: the row is left for the sweep.
    assert reminder.enqueued_at is None
    # The next try is accepted, once.
    assert send_reminder(reminder.pk) == "sent"
    assert sink.per_recipient() == {reminder.recipient.email: 1}


def test_a_refused_connection_is_temporary(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens
    reminder = ReminderFactory()
    assert send_reminder(reminder.pk) == "retry"
    reminder.refresh_from_db()
    assert reminder.status == Reminder.Status.WAITING
    assert "ConnectionRefusedError" in reminder.last_error


def test_a_permanent_refusal_fails_without_retrying(smtp):
    smtp(refuse_first=1, refusal="550 5.1.1 No such user")
    reminder = ReminderFactory()
    assert send_reminder(reminder.pk) == "failed"
    reminder.refresh_from_db()
    assert reminder.status == Reminder.Status.FAILED
    assert "550" in reminder.last_error


def test_temporary_refusals_fail_the_reminder_only_after_a_day(smtp, settings):
    smtp(refuse_first=100)
    reminder = ReminderFactory()
    assert settings.REMINDER_RETRY_FOR_SECONDS >= 24 * 3600
    # Refused for 23 hours: still retried.
    Reminder.objects.filter(pk=reminder.pk).update(
        failing_since=timezone.now() - timedelta(hours=23)
    )
    assert send_reminder(reminder.pk) == "retry"
    # Refused since a day ago: failed, with the reason.
    Reminder.objects.filter(pk=reminder.pk).update(
        failing_since=timezone.now() - timedelta(hours=24, seconds=1)
    )
    assert send_reminder(reminder.pk) == "failed"
    reminder.refresh_from_db()
    assert reminder.status == Reminder.Status.FAILED
    assert "451" in reminder.last_error and "försökt sedan" in reminder.last_error


def test_the_backoff_doubles_with_jitter_and_stays_below_the_visibility_timeout(settings):
    delays = [retry_delay(n) for n in range(1, 40)]
    base = settings.REMINDER_RETRY_BACKOFF_SECONDS
    assert base / 2 <= delays[0] <= base
    assert 2 * base / 2 <= delays[1] <= 2 * base
    cap = settings.REMINDER_RETRY_BACKOFF_MAX_SECONDS
    assert max(delays) <= cap
    assert cap < settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] < 3600
    # Tries over a day: a greylisting server for a few minutes, or hours, is waited out.
    assert sum(delays) < settings.REMINDER_RETRY_FOR_SECONDS


def test_a_recipient_without_an_address_is_failed_with_the_reason(mailoutbox):
    reminder = ReminderFactory(recipient__email="")
    assert send_reminder(reminder.pk) == "failed"
    reminder.refresh_from_db()
    assert reminder.last_error.startswith("Mottagaren saknar e-postadress")
    assert mailoutbox == []
