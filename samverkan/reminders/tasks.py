"""Celery tasks: thin wrappers that take ids and call the planner and the sender."""

import logging
import smtplib
from datetime import date

from celery import shared_task
from django.conf import settings
from django.db import transaction

from samverkan.queue import BROKER_ERRORS

from .models import Reminder
from .planning import PlanResult, reminders_plan
from .sending import send_one

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    name="reminders.send",
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=settings.REMINDER_MAX_RETRIES,
    acks_late=True,
    ignore_result=True,
)
def send_reminder(self, reminder_id: int) -> str:
    return send_one(reminder_id, final_attempt=self.request.retries >= self.max_retries)


@shared_task(name="reminders.plan", ignore_result=True)
def plan_reminders(today: str | None = None) -> dict:
    """The daily run from beat (see CELERY_BEAT_SCHEDULE)."""
    result = plan_and_enqueue(today=date.fromisoformat(today) if today else None)
    return {"planned": result.planned, "enqueued": len(result.to_enqueue)}


def enqueue_reminders(ids: list[int]) -> int:
    """Hand reminders to the sending task; returns how many were handed over.

    Never raises for a broker that is down: the failure is logged, the rows not handed over
    are marked as never enqueued, and the next planning run hands them over again.
    """
    handed_over = 0
    eager = send_reminder.app.conf.task_always_eager
    for reminder_id in ids:
        try:
            send_reminder.apply_async(args=[reminder_id])
        except BROKER_ERRORS as exc:
            if eager:  # no broker: the error came from running the task in-process
                logger.exception("Reminder %s could not be sent now.", reminder_id)
                handed_over += 1
                continue
            left = ids[handed_over:]
            logger.error(
                "Could not enqueue %d reminder(s), broker unavailable (%s); "
                "the next planning run will retry.",
                len(left),
                exc,
            )
            Reminder.objects.filter(pk__in=left, status=Reminder.Status.WAITING).update(
                enqueued_at=None
            )
            break
        except Exception:  # eager mode: a bug in one reminder must not stop the others
            logger.exception("Reminder %s could not be sent now.", reminder_id)
        handed_over += 1
    return handed_over


def enqueue_on_commit(ids: list[int]) -> None:
    if ids:
        transaction.on_commit(lambda: enqueue_reminders(list(ids)), robust=True)


def plan_and_enqueue(*, today=None) -> PlanResult:
    with transaction.atomic():
        result = reminders_plan(today=today)
        enqueue_on_commit(result.to_enqueue)
    return result
