"""Reminders for events (not dates), created by a wing's service inside its transaction."""

import pytest

from agreements.reminders import REVIEW_DUE
from samverkan.reminders.models import Reminder, ReminderPreference
from samverkan.reminders.registry import PlannedReminder
from samverkan.reminders.services import reminder_notify

pytestmark = pytest.mark.django_db


def test_notify_creates_the_reminder_and_sends_it_after_commit(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    planned = PlannedReminder(
        target=world.agreement,
        occasion="2025-09-30:0d",
        recipients=[world.official.pk, world.section_chief.pk],
        context={"due_date": "2025-09-30", "per_term": False},
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ids = reminder_notify(kind_key=REVIEW_DUE, planned=planned)
    # Nothing is sent before the caller's transaction commits.
    assert len(ids) == 2
    assert mailoutbox == []
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 2
    assert set(Reminder.objects.values_list("status", flat=True)) == {Reminder.Status.SENT}
    # The same event again creates and sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert reminder_notify(kind_key=REVIEW_DUE, planned=planned) == []
    assert len(mailoutbox) == 2


def test_notify_respects_a_turned_off_optional_kind(world):
    ReminderPreference.objects.create(user=world.official, kind=REVIEW_DUE, enabled=False)
    planned = PlannedReminder(
        target=world.agreement,
        occasion="2025-09-30:0d",
        recipients=[world.official.pk],
        context={"due_date": "2025-09-30", "per_term": False},
    )
    assert reminder_notify(kind_key=REVIEW_DUE, planned=planned) == []
    assert not Reminder.objects.exists()
