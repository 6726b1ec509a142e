"""Celery tasks: thin wrappers that take ids and call the planner and the sender."""

import logging
from datetime import date

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from samverkan.queue import enqueue_each_on_commit

from .models import Reminder
from .planning import PlanResult, due_for_sending, reminders_plan
from .sending import send_one

logger = logging.getLogger(__name__)


@shared_task(bind=True, name="reminders.send", acks_late=True, ignore_result=True)
def send_reminder(self, reminder_id: int) -> str:
    """Send one reminder; after a temporary mail error, publish itself again with backoff
    (see ``sending``). Not Celery's own retry: every publish goes through samverkan.queue,
    and the row, not the retry count, decides when to give up."""
    outcome, retry_in = send_one(reminder_id)
    if outcome == "retry":
        enqueue_reminders_on_commit([reminder_id], countdown=retry_in)
    return outcome


@shared_task(name="reminders.plan", ignore_result=True)
def plan_reminders(today: str | None = None) -> dict:
    """The daily run from beat (see CELERY_BEAT_SCHEDULE)."""
    result = plan_and_enqueue(today=date.fromisoformat(today) if today else None)
    return {"planned": result.planned, "enqueued": len(result.to_enqueue)}


def _not_handed_over(calls) -> None:
    """The broker is down: mark the rows as never enqueued, so the sweep hands them over."""
    ids = [args[0] for args, _kwargs in calls]
    Reminder.objects.filter(pk__in=ids, status=Reminder.Status.WAITING).update(enqueued_at=None)


def enqueue_reminders_on_commit(ids: list[int], *, countdown: float | None = None) -> None:
    """Hand reminders to the sending task after commit; a broker that is down loses nothing
    (the rows wait for the sweep)."""
    enqueue_each_on_commit(
        send_reminder,
        [((reminder_id,), {}) for reminder_id in ids],
        countdown=countdown,
        on_broker_down=_not_handed_over,
    )


def plan_and_enqueue(*, today=None) -> PlanResult:
    with transaction.atomic():
        result = reminders_plan(today=today)
        enqueue_reminders_on_commit(result.to_enqueue)
    return result


def reminders_sweep() -> int:
    """The sweep's part for reminders: waiting rows never handed over (or whose message was
    lost) and claims of a dead worker. Registered in ``apps.py``."""
    with transaction.atomic():
        ids = due_for_sending()
        if ids:
            Reminder.objects.filter(pk__in=ids).update(enqueued_at=timezone.now())
        enqueue_reminders_on_commit(ids)
    return len(ids)
