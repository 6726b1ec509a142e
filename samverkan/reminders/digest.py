"""The daily digest: for people who chose it, the morning's one e-mail instead of many.

A notice for such a person is created waiting for the digest (status ``digest``) rather than
for the sending task. Each morning (beat, after the planner) ``reminders_digest_make`` gathers
every person's waiting notices into one reminder of the kind ``reminders.digest`` (unique on
person and day, like every reminder) and marks the notices ``bundled`` with that digest, in
one transaction; the digest is then sent by the ordinary sending task, and the sweep covers it
like any reminder. A second run the same day finds the day's digest made and leaves anything
newer for the next morning, so nothing is sent twice. Invitations are never digested
(``ReminderKind.digest``): a calendar needs them at once.
"""

from collections import defaultdict
from datetime import date

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import DIGEST_KIND, Reminder
from .planning import build_rows
from .registry import PlannedReminder, ReminderKind, Rendered, get_kind, kind_label, register_kind
from .tasks import enqueue_reminders_on_commit

DIGEST = DIGEST_KIND


def render_digest(reminder) -> Rendered:
    values = reminder.context
    lines = [
        _("Det här har hänt i Samverkansportalen sedan förra sammanfattningen:"),
    ]
    for item in values["items"]:
        lines.append("")
        lines.append(f"• {item['subject']}")
        lines.append(f"  {item['kind']}")
        if item["link"]:
            lines.append(f"  {item['link']}")
    return Rendered(
        subject=_("Dina notiser %(day)s") % {"day": values["day"]},
        body="\n".join(lines),
        link=reverse("reminders:notices"),
    )


def _absolute(link: str) -> str:
    if not link or link.startswith(("http://", "https://")):
        return link
    return f"{settings.SITE_URL}{link}"


@transaction.atomic
def reminders_digest_make(*, today: date | None = None) -> list[int]:
    """Gather each person's notices waiting for the digest into today's digest; returns
    the digests made (to be sent after commit)."""
    today = today or timezone.localdate()
    kind = get_kind(DIGEST)
    # skip_locked: a notice being created right now joins tomorrow's digest, not a lock wait.
    waiting = list(
        Reminder.objects.select_for_update(skip_locked=True)
        .filter(status=Reminder.Status.DIGEST)
        .order_by("recipient_id", "created_at", "pk")
        .values("pk", "recipient_id", "kind", "subject", "link")
    )
    by_person = defaultdict(list)
    for row in waiting:
        by_person[row["recipient_id"]].append(row)
    if not by_person:
        return []
    users = get_user_model().objects.in_bulk(list(by_person))
    rows = []
    for user_id, items in by_person.items():
        rows.extend(
            build_rows(
                kind,
                PlannedReminder(
                    target=users[user_id],
                    occasion=today.isoformat(),
                    recipients=[user_id],
                    context={
                        "day": date_format(today, "j F Y"),
                        "ids": [item["pk"] for item in items],
                        "items": [
                            {
                                "subject": item["subject"],
                                "kind": kind_label(item["kind"]),
                                "link": _absolute(item["link"]),
                            }
                            for item in items
                        ],
                    },
                ),
                disabled=set(),
            )
        )
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    # Only digests made by this run (never handed over yet): a digest already made today
    # keeps what it had, and newer notices wait for tomorrow's.
    made = list(
        Reminder.objects.filter(
            kind=DIGEST,
            occasion=today.isoformat(),
            recipient_id__in=list(by_person),
            status=Reminder.Status.WAITING,
            enqueued_at__isnull=True,
        ).values("pk", "context")
    )
    now = timezone.now()
    for digest in made:
        Reminder.objects.filter(
            pk__in=digest["context"]["ids"], status=Reminder.Status.DIGEST
        ).update(status=Reminder.Status.BUNDLED, digest_id=digest["pk"])
    ids = [digest["pk"] for digest in made]
    Reminder.objects.filter(pk__in=ids).update(enqueued_at=now)
    enqueue_reminders_on_commit(ids)
    return ids


@transaction.atomic
def digest_release(*, user) -> int:
    """A person stops the digest: what waited for it is sent at once, one by one."""
    ids = list(
        Reminder.objects.select_for_update()
        .filter(recipient=user, status=Reminder.Status.DIGEST)
        .values_list("pk", flat=True)
    )
    Reminder.objects.filter(pk__in=ids).update(
        status=Reminder.Status.WAITING, enqueued_at=timezone.now()
    )
    enqueue_reminders_on_commit(ids)
    return len(ids)


@shared_task(name="reminders.digest", ignore_result=True)
def make_digests(today: str | None = None) -> int:
    """The daily digest from beat (see CELERY_BEAT_SCHEDULE), after the planner. Defined
    here, not in ``tasks``, because this module uses ``tasks``; it is registered with Celery
    when the app loads (``registrations``)."""
    return len(reminders_digest_make(today=date.fromisoformat(today) if today else None))


def register():
    register_kind(
        ReminderKind(
            key=DIGEST,
            label=gettext_lazy("Daglig sammanfattning av notiser"),
            optional=False,  # it is the person's own choice of delivery, made elsewhere
            render=render_digest,
            digest=False,
            order=200,
        )
    )
