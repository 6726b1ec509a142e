"""The bell's notices as a list: following one marks it read; kinds of event and their files."""

import email
import email.policy

import pytest
from django.urls import reverse

from samverkan.reminders.models import Reminder
from samverkan.reminders.planning import reminders_plan
from samverkan.reminders.registry import (
    Attachment,
    PlannedReminder,
    ReminderKind,
    Rendered,
    register_kind,
    unregister_kind,
)
from samverkan.reminders.services import reminder_notify
from samverkan.reminders.tasks import send_reminder
from tests.samverkan.factories import ReminderFactory

from .reminder_worker import smtp_sink

pytestmark = pytest.mark.django_db


def test_opening_a_notice_marks_it_read_and_leads_to_what_it_is_about(client, world):
    notice = ReminderFactory(recipient=world.official, link="/overenskommelser/7/")
    other = ReminderFactory(recipient=world.official)
    client.force_login(world.official)

    response = client.get(reverse("reminders:notice_open", args=[notice.pk]))

    assert response.status_code == 302
    assert response["Location"] == "/overenskommelser/7/"
    notice.refresh_from_db()
    other.refresh_from_db()
    assert notice.read_at is not None
    assert other.read_at is None
    assert client.get(reverse("dashboard")).context["unread_notices"] == 1


def test_someone_elses_notice_does_not_exist(client, world):
    notice = ReminderFactory(recipient=world.section_chief)
    client.force_login(world.official)
    assert client.get(reverse("reminders:notice_open", args=[notice.pk])).status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_a_link_out_of_the_portal_is_not_followed(client, world):
    notice = ReminderFactory(recipient=world.official, link="https://evil.example/")
    client.force_login(world.official)
    response = client.get(reverse("reminders:notice_open", args=[notice.pk]))
    assert response["Location"] == reverse("reminders:notices")


def test_the_list_names_each_notices_kind(client, world):
    ReminderFactory(recipient=world.official, kind="agreements.review_due")
    client.force_login(world.official)
    page = client.get(reverse("reminders:notices")).content.decode()
    assert "En överenskommelse ska revideras" in page


@pytest.fixture
def event_kind(world):
    key = "tests.event_with_file"
    register_kind(
        ReminderKind(
            key=key,
            label="Händelse",
            optional=True,
            render=lambda r: Rendered(subject=f"Händelse: {r.target.title}", body="Text."),
            attachments=lambda r: [
                Attachment(
                    "fil.ics",
                    b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
                    "text/calendar; method=REQUEST",
                    inline_alternative=True,
                )
            ],
        )
    )
    yield key
    unregister_kind(key)


def test_a_kind_of_event_is_never_planned_but_notified_once(world, event_kind):
    assert reminders_plan().planned == 0
    planned = PlannedReminder(target=world.agreement, occasion="x", recipients=[world.official.pk])
    first = reminder_notify(kind_key=event_kind, planned=planned)
    again = reminder_notify(kind_key=event_kind, planned=planned)
    assert len(first) == 1
    assert again == []
    assert Reminder.objects.filter(kind=event_kind).count() == 1


def test_an_attachment_keeps_its_parameters_on_the_wire(settings, world, event_kind):
    planned = PlannedReminder(target=world.agreement, occasion="x", recipients=[world.official.pk])
    with smtp_sink(keep_messages=True) as (sink, port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        [reminder_id] = reminder_notify(kind_key=event_kind, planned=planned)
        assert send_reminder(reminder_id) == "sent"
    [raw] = sink.messages
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["Subject"] == f"Händelse: {world.agreement.title}"
    types = {part.get_content_type(): part for part in message.walk()}
    assert "text/plain" in types and "text/html" in types
    calendars = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert len(calendars) == 2  # the alternative Outlook reads, and the file
    assert all(p.get_param("method") == "REQUEST" for p in calendars)
    assert all(str(p["Content-Type"]).count("charset") == 1 for p in calendars)
    [attached] = [p for p in calendars if p.get_filename()]
    assert attached.get_filename() == "fil.ics"
    assert attached.get_payload(decode=True).startswith(b"BEGIN:VCALENDAR")


def test_the_notices_page_makes_as_many_queries_for_3_notices_as_for_25(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.official)
    ReminderFactory.create_batch(3, recipient=world.official)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("reminders:notices"))
    ReminderFactory.create_batch(22, recipient=world.official)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("reminders:notices"))
