"""The planner: what is due today across every registered kind, as reminder rows.

Planning is idempotent: rows are inserted with ``ignore_conflicts`` on the unique key
(kind, object, occasion, recipient), so running it twice, or in two beat processes at once,
adds nothing the second time. It makes a constant number of queries: one for preferences,
the kinds' own (each constant), one insert, one select and one update of what to enqueue.
(PostgreSQL takes up to 65,535 parameters a statement, so one insert holds ~5,000 rows; a
larger day's planning adds one insert per ~5,000 reminders, not per agreement.)
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import NoticeSettings, Reminder, ReminderPreference
from .registry import PlannedReminder, ReminderKind, kinds


@dataclass
class PlanResult:
    planned: int  # rows offered to the database (existing ones are ignored)
    to_enqueue: list[int]  # waiting (or abandoned) reminders to hand to the sending task


def digest_users(user_ids=None) -> set[int]:
    """The people who chose the daily digest (one query), among ``user_ids`` if given."""
    chosen = NoticeSettings.objects.filter(daily_digest=True)
    if user_ids is not None:
        chosen = chosen.filter(user_id__in=list(user_ids))
    return set(chosen.values_list("user_id", flat=True))


def build_rows(
    kind: ReminderKind, planned: PlannedReminder, disabled: set, digest: set = frozenset()
) -> list[Reminder]:
    """Rows for the planned recipients who want this kind; for those who chose the daily
    digest, rows that wait for it (kinds that may wait: ``kind.digest``)."""
    recipients = [
        user_id
        for user_id in dict.fromkeys(planned.recipients)
        if user_id and not (kind.optional and (user_id, kind.key) in disabled)
    ]
    if not recipients:
        return []
    probe = Reminder(kind=kind.key, occasion=planned.occasion, context=planned.context)
    probe.target = planned.target
    rendered = kind.render(probe)
    return [
        Reminder(
            kind=kind.key,
            content_type_id=probe.content_type_id,
            object_id=probe.object_id,
            occasion=planned.occasion,
            recipient_id=user_id,
            subject=str(rendered.subject)[:300],
            body=str(rendered.body),
            link=str(rendered.link)[:500],
            context=planned.context,
            status=(
                Reminder.Status.DIGEST
                if kind.digest and user_id in digest
                else Reminder.Status.WAITING
            ),
        )
        for user_id in recipients
    ]


def due_for_sending(now=None) -> list[int]:
    """Reminders that should be (re)handed to the sending task.

    Waiting rows never enqueued, or enqueued long enough ago that the message was probably
    lost (Redis down, a purge); and rows left in ``sending`` longer than any attempt may live
    (the worker was killed: see ``sending.claim``). Enqueuing a row twice is harmless: the
    task locks it and does only what is still missing.
    """
    now = now or timezone.now()
    requeue_before = now - timedelta(seconds=settings.REMINDER_REQUEUE_AFTER_SECONDS)
    stale_before = now - timedelta(seconds=settings.REMINDER_SENDING_STALE_SECONDS)
    return list(
        Reminder.objects.filter(
            Q(status=Reminder.Status.WAITING)
            & (Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=requeue_before))
            | Q(status=Reminder.Status.SENDING, claimed_at__lt=stale_before)
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def reminders_plan(*, today: date | None = None) -> PlanResult:
    """Insert today's reminders and mark what to enqueue. Call inside a transaction and
    enqueue ``to_enqueue`` on commit (``tasks.plan_and_enqueue`` does both)."""
    today = today or timezone.localdate()
    registered = kinds()
    optional_keys = [k.key for k in registered if k.optional]
    disabled = set(
        ReminderPreference.objects.filter(enabled=False, kind__in=optional_keys).values_list(
            "user_id", "kind"
        )
    )
    digest = digest_users()
    rows: list[Reminder] = []
    for kind in registered:
        if kind.plan is None:
            continue  # a kind of event: its service notifies when it happens
        for planned in kind.plan(today):
            rows.extend(build_rows(kind, planned, disabled, digest))
    with transaction.atomic():
        if rows:
            Reminder.objects.bulk_create(rows, ignore_conflicts=True)
        now = timezone.now()
        ids = due_for_sending(now)
        if ids:
            Reminder.objects.filter(pk__in=ids).update(enqueued_at=now)
    return PlanResult(planned=len(rows), to_enqueue=ids)
