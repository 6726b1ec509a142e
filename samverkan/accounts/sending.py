"""Sending one invitation e-mail, once: the task claims the row under a lock, sends, and
marks it sent in the same transaction."""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .models import Invitation

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def invitation_link(invitation: Invitation) -> str:
    path = reverse("accounts:invitation_accept", kwargs={"token": invitation.token})
    return f"{settings.SITE_URL}{path}"


def invitation_message(invitation: Invitation) -> EmailMessage:
    context = {
        "invitation": invitation,
        "user": invitation.user,
        "link": invitation_link(invitation),
        "site_url": settings.SITE_URL,
    }
    subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
    body = render_to_string("accounts/email/invitation.txt", context)
    return EmailMessage(subject=subject, body=body, to=[invitation.user.email])


def invitation_send_one(invitation_id: int) -> str:
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("user", "user__party", "invited_by")
            .filter(pk=invitation_id, status=Invitation.Status.WAITING)
            .first()
        )
        if invitation is None:
            return "gone"  # sent already, given up, or claimed by another worker right now
        if not invitation.is_open:
            return "closed"  # replaced, used or expired before it was sent: nothing to send
        invitation.attempts += 1
        try:
            invitation_message(invitation).send()
        except (smtplib.SMTPException, OSError) as exc:
            logger.warning("Invitation %s not sent: %s", invitation.pk, exc)
            invitation.last_error = str(exc)[:1000]
            invitation.enqueued_at = None  # the sweep hands it over again
            if invitation.attempts >= MAX_ATTEMPTS:
                invitation.status = Invitation.Status.FAILED
            invitation.save(update_fields=["attempts", "last_error", "enqueued_at", "status"])
            return "retry"
        invitation.status = Invitation.Status.SENT
        invitation.sent_at = timezone.now()
        invitation.last_error = ""
        invitation.save(update_fields=["attempts", "status", "sent_at", "last_error"])
        return "sent"


def invitations_due() -> list[int]:
    """Open invitations still to send whose message was never handed over or was lost."""
    now = timezone.now()
    # A row handed over longer ago than this without being sent: its message was lost.
    lost = now - timedelta(seconds=settings.QUEUE_REQUEUE_AFTER_SECONDS)
    return list(
        Invitation.objects.filter(
            Q(enqueued_at=None) | Q(enqueued_at__lt=lost),
            status=Invitation.Status.WAITING,
            accepted_at=None,
            replaced_at=None,
            expires_at__gt=now,
        ).values_list("pk", flat=True)
    )
