"""Sending one reminder exactly once.

The protocol, and why (Zulip's idempotent workers, paperless' share-link bundles):

1. **Claim** in a short transaction of its own: lock the row (``select_for_update``), return
   if it is gone, sent or failed, or if another attempt holds a fresh claim; otherwise set
   ``sending``, ``claimed_at`` and ``attempts + 1`` and commit. Two deliveries of the same
   task (two planners, a redelivered message, a retry racing a re-enqueue) serialise on the
   lock, and only the first finds the row waiting.
2. **Send** the e-mail with no transaction open and no lock held, so a slow mail server
   never holds a database lock or connection in a transaction.
3. **Mark sent** with a single autocommitted ``UPDATE … WHERE status = 'sending' AND
   attempts = n`` right after the server's 250 and *before* the SMTP connection is closed
   (QUIT), so the window between "the server has it" and "we know it has it" is one UPDATE
   (measured: see docs/reminders.md).

A temporary refusal (a 4xx reply, a refused or dropped connection) puts the row back to
waiting and the task publishes itself again with exponential backoff and jitter, capped at
``REMINDER_RETRY_BACKOFF_MAX_SECONDS`` (below the broker's visibility timeout); the row is
failed only when such errors have lasted ``REMINDER_RETRY_FOR_SECONDS`` (a day), or at once
for a permanent (5xx) refusal.

A worker killed (SIGKILL, OOM, the time limit) leaves the row in ``sending``. Its claim goes
stale after ``REMINDER_SENDING_STALE_SECONDS`` (longer than the task's hard time limit, so no
live attempt can still hold it); the sweep (every few minutes) re-enqueues it and the next
attempt sends it again. Residual risk, stated honestly: if the kill lands after the mail
server accepted the message (its 250) and before step 3's UPDATE committed, the person gets
the mail twice. SMTP itself cannot close that gap (RFC 1047): the server's acceptance and our
database commit cannot be one transaction. The message carries the same ``Message-ID`` on
every attempt, so mail systems that de-duplicate by it (many do) show one. Every other kill
point sends exactly once: a kill before the server's acceptance leaves nothing delivered, and
one after the UPDATE leaves the row sent.
"""

import logging
import random
import smtplib
from datetime import timedelta
from email import encoders
from email.mime.base import MIMEBase
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .models import Reminder
from .registry import get_kind

logger = logging.getLogger(__name__)

# Mail errors worth another try: the server or the network, not our data.
TRANSIENT_MAIL_ERRORS = (smtplib.SMTPException, OSError)


def claim(reminder_id: int) -> Reminder | None:
    """Step 1: take the reminder for one attempt, or None if there is nothing to do."""
    stale_after = timedelta(seconds=settings.REMINDER_SENDING_STALE_SECONDS)
    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update(of=("self",))
            .select_related("recipient")
            .filter(pk=reminder_id)
            .first()
        )
        if reminder is None or reminder.status in (Reminder.Status.SENT, Reminder.Status.FAILED):
            return None
        now = timezone.now()
        if reminder.status == Reminder.Status.SENDING:
            if reminder.claimed_at and reminder.claimed_at > now - stale_after:
                return None  # another attempt is in flight; it finishes or goes stale
            logger.warning(
                "Reminder %s: the attempt claimed at %s never finished; sending again.",
                reminder.pk,
                reminder.claimed_at,
            )
            reminder.last_error = "Föregående försök avbröts innan det var klart."
        reminder.status = Reminder.Status.SENDING
        reminder.claimed_at = now
        reminder.attempts += 1
        reminder.save(update_fields=["status", "claimed_at", "attempts", "last_error"])
    return reminder


def message_id(reminder: Reminder) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "samverkansportalen.se"
    return f"<reminder-{reminder.pk}@{host}>"


def build_message(reminder: Reminder) -> EmailMultiAlternatives:
    kind = get_kind(reminder.kind)
    context = {
        "reminder": reminder,
        "recipient": reminder.recipient,
        "name": reminder.recipient.first_name or reminder.recipient.username,
        "link": reminder.absolute_link,
        "optional": bool(kind and kind.optional),
        "preferences_url": f"{settings.SITE_URL}{reverse('reminders:preferences')}",
        "notices_url": f"{settings.SITE_URL}{reverse('reminders:notices')}",
    }
    message = EmailMultiAlternatives(
        subject=reminder.subject,
        body=render_to_string("reminders/email/reminder.txt", context),
        to=[reminder.recipient.email],
        headers={"Message-ID": message_id(reminder)},
    )
    message.attach_alternative(
        render_to_string("reminders/email/reminder.html", context), "text/html"
    )
    for attachment in kind.attachments(reminder) if kind and kind.attachments else ():
        if attachment.inline_alternative:
            message.attach_alternative(attachment.content.decode(), attachment.mimetype)
        message.attach(_mime_attachment(attachment))
    return message


def _mime_attachment(attachment) -> MIMEBase:
    """A file part whose Content-Type keeps its parameters (``method=REQUEST`` for an
    invitation: Django's ``attach(filename, content, mimetype)`` would drop them)."""
    maintype, _sep, rest = attachment.mimetype.partition("/")
    subtype, *params = [part.strip() for part in rest.split(";")]
    parameters = dict(p.split("=", 1) for p in params if "=" in p)
    if maintype == "text":
        parameters.setdefault("charset", "utf-8")
    part = MIMEBase(maintype, subtype, **parameters)
    part.set_payload(attachment.content)
    encoders.encode_base64(part)
    part.add_header("Content-Disposition", "attachment", filename=attachment.filename)
    return part


def is_permanent(exc: Exception) -> bool:
    """A 5xx answer will be the same next time; 4xx and network errors may pass."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in exc.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code >= 500
    return False


def _finish(reminder: Reminder, **fields) -> bool:
    """Autocommitted UPDATE guarded by this attempt's claim."""
    return bool(
        Reminder.objects.filter(
            pk=reminder.pk, status=Reminder.Status.SENDING, attempts=reminder.attempts
        ).update(**fields)
    )


def mark_sent(reminder: Reminder) -> bool:
    """Step 3: one autocommitted UPDATE (one round trip), before the connection's QUIT.
    An earlier attempt's error stays as a note for the administrators' page."""
    return _finish(reminder, status=Reminder.Status.SENT, sent_at=timezone.now())


def mark_failed(reminder: Reminder, reason: str) -> None:
    logger.error("Reminder %s failed: %s", reminder.pk, reason)
    _finish(reminder, status=Reminder.Status.FAILED, last_error=reason[:2000])


def retry_delay(attempts: int) -> float:
    """Seconds before the next try after ``attempts`` tries: doubling from
    REMINDER_RETRY_BACKOFF_SECONDS, capped, with jitter so a greylisting server is not hit by
    a whole batch at the same second."""
    base = settings.REMINDER_RETRY_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0)
    capped = min(base, settings.REMINDER_RETRY_BACKOFF_MAX_SECONDS)
    return capped * random.uniform(0.5, 1.0)  # noqa: S311 - jitter, not security


def _close_quietly(connection) -> None:
    try:
        connection.close()  # QUIT
    except TRANSIENT_MAIL_ERRORS as exc:
        # The message was already accepted (or the attempt already handled): only a note.
        logger.info("SMTP connection did not close cleanly: %s", exc)


def send_one(reminder_id: int) -> tuple[str, float | None]:
    """Claim, send and mark one reminder. Returns what happened (for logs and tests) and,
    for "retry", in how many seconds to try again.

    A temporary mail error puts the row back to waiting ("retry"); a permanent refusal, or
    temporary errors lasting REMINDER_RETRY_FOR_SECONDS, mark it failed with the reason.
    """
    reminder = claim(reminder_id)
    if reminder is None:
        return "skipped", None
    recipient = reminder.recipient
    if not recipient.is_active:
        mark_failed(reminder, "Mottagaren är inte längre aktiv.")
        return "failed", None
    if not recipient.email:
        mark_failed(reminder, "Mottagaren saknar e-postadress; bara notisen i portalen finns.")
        return "failed", None
    message = build_message(reminder)
    connection = get_connection()
    try:
        connection.open()
        connection.send_messages([message])
    except TRANSIENT_MAIL_ERRORS as exc:
        _close_quietly(connection)
        return _mail_error(reminder, exc)
    # Step 3, before QUIT: the server has accepted the message (its 250 to DATA).
    mark_sent(reminder)
    _close_quietly(connection)
    return "sent", None


def _mail_error(reminder: Reminder, exc: Exception) -> tuple[str, float | None]:
    reason = f"{type(exc).__name__}: {exc}"
    now = timezone.now()
    failing_since = reminder.failing_since or now
    retry_for = timedelta(seconds=settings.REMINDER_RETRY_FOR_SECONDS)
    if is_permanent(exc):
        mark_failed(reminder, reason)
        return "failed", None
    if now - failing_since >= retry_for:
        mark_failed(
            reminder, f"{reason} (försökt sedan {timezone.localtime(failing_since):%Y-%m-%d %H:%M})"
        )
        return "failed", None
    logger.warning("Reminder %s: temporary mail error, will retry: %s", reminder.pk, reason)
    _finish(
        reminder,
        status=Reminder.Status.WAITING,
        last_error=reason[:2000],
        failing_since=failing_since,
        enqueued_at=now,  # the retry below is the message; the sweep waits for it
    )
    return "retry", retry_delay(reminder.attempts)
