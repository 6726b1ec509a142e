"""Celery tasks: thin wrappers that take ids and call the sender."""

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from samverkan.queue import enqueue_each_on_commit

from .models import Invitation
from .retention import login_records_prune
from .sending import invitation_send_one, invitations_due


@shared_task(name="accounts.invitation_send", acks_late=True, ignore_result=True)
def invitation_send(invitation_id: int) -> str:
    return invitation_send_one(invitation_id)


def invitations_sweep() -> int:
    """The sweep's part for invitations (registered in ``registrations.py``)."""
    with transaction.atomic():
        ids = invitations_due()
        if ids:
            Invitation.objects.filter(pk__in=ids).update(enqueued_at=timezone.now())
        enqueue_each_on_commit(invitation_send, [((pk,), {}) for pk in ids])
    return len(ids)


@shared_task(name="accounts.login_records_prune", ignore_result=True)
def login_records_prune_daily() -> dict[str, int]:
    """Beat runs this daily (see CELERY_BEAT_SCHEDULE)."""
    return login_records_prune(days=settings.LOGIN_RECORDS_RETENTION_DAYS)
