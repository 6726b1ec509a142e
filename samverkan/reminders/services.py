"""Writes to reminders that hold rules."""

from django.db import transaction
from django.utils import timezone

from .digest import digest_release
from .models import NoticeSettings, Reminder, ReminderPreference
from .planning import build_rows, digest_users
from .registry import PlannedReminder, get_kind, kinds
from .tasks import enqueue_reminders_on_commit


@transaction.atomic
def reminder_notify(*, kind_key: str, planned: PlannedReminder) -> list[int]:
    """Create a reminder now (an event rather than a date, e.g. a report sent back) and send
    it once the caller's transaction commits. Idempotent on the reminder's unique key.
    A broker that is down loses nothing: the rows wait for the sweep (samverkan.queue)."""
    kind = get_kind(kind_key)
    if kind is None:
        raise ValueError(f"Unknown reminder kind {kind_key!r}")
    disabled = set()
    if kind.optional:
        disabled = set(
            ReminderPreference.objects.filter(
                enabled=False, kind=kind.key, user_id__in=list(planned.recipients)
            ).values_list("user_id", "kind")
        )
    rows = build_rows(kind, planned, disabled, digest_users(planned.recipients))
    if not rows:
        return []
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    first = rows[0]
    ids = list(
        Reminder.objects.filter(
            kind=kind.key,
            content_type_id=first.content_type_id,
            object_id=first.object_id,
            occasion=first.occasion,
            recipient_id__in=[r.recipient_id for r in rows],
            status=Reminder.Status.WAITING,
            enqueued_at__isnull=True,
        ).values_list("pk", flat=True)
    )
    Reminder.objects.filter(pk__in=ids).update(enqueued_at=timezone.now())
    enqueue_reminders_on_commit(ids)
    return ids


@transaction.atomic
def reminder_resend(*, reminder: Reminder) -> None:
    """An administrator sends a failed reminder again (e.g. after fixing an address)."""
    reminders_resend_failed(ids=[reminder.pk])


@transaction.atomic
def reminders_resend_failed(*, ids: list[int] | None = None) -> int:
    """An administrator sends failed reminders again: the given ones, or every failed one
    (after a mail server was down for longer than the retries last). Returns how many."""
    failed = Reminder.objects.filter(status=Reminder.Status.FAILED)
    if ids is not None:
        failed = failed.filter(pk__in=ids)
    to_send = list(failed.select_for_update().values_list("pk", flat=True))
    Reminder.objects.filter(pk__in=to_send).update(
        status=Reminder.Status.WAITING, enqueued_at=timezone.now(), failing_since=None
    )
    enqueue_reminders_on_commit(to_send)
    return len(to_send)


def preferences_for(user) -> list[tuple]:
    """(kind, enabled) for every optional kind, for the preferences page."""
    stored = dict(ReminderPreference.objects.filter(user=user).values_list("kind", "enabled"))
    return [(kind, stored.get(kind.key, True)) for kind in kinds() if kind.optional]


def daily_digest_for(user) -> bool:
    return NoticeSettings.objects.filter(user=user, daily_digest=True).exists()


@transaction.atomic
def reminder_preferences_set(
    *, user, enabled_keys: set[str], daily_digest: bool | None = None
) -> None:
    """Turn optional kinds on and off and, if given, choose the daily digest. Turning the
    digest off sends what waited for it at once (``digest.digest_release``)."""
    for kind in kinds():
        if not kind.optional:
            continue  # escalations cannot be turned off
        ReminderPreference.objects.update_or_create(
            user=user, kind=kind.key, defaults={"enabled": kind.key in enabled_keys}
        )
    if daily_digest is not None:
        NoticeSettings.objects.update_or_create(user=user, defaults={"daily_digest": daily_digest})
        if not daily_digest:
            digest_release(user=user)


def notice_mark_read(*, notice: Reminder) -> None:
    Reminder.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=timezone.now())


def notices_mark_read(*, user) -> int:
    return Reminder.objects.for_user(user).unread().update(read_at=timezone.now())
