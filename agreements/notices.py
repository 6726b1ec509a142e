"""The agreements' notices of events: a version waits for your signature; a party commented
on a draft, or answered a comment you took part in.

Registered with the core's reminder machinery as a kind without a planner; the signing
service calls ``signature_requests_notify`` inside its transaction, so the notice rows exist
once the version does and the e-mails are sent after commit (see docs/reminders.md).
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverkan.reminders.registry import PlannedReminder, ReminderKind, Rendered, register_kind
from samverkan.reminders.services import reminder_notify

from .models import SECTIONS

SIGNATURE_REQUESTED = "agreements.signature_requested"
COMMENTED = "agreements.commented"


def signature_requests_notify(*, agreement, version, signatories) -> list[int]:
    """Each signatory with an account is told that ``version`` waits for their signature."""
    return reminder_notify(
        kind_key=SIGNATURE_REQUESTED,
        planned=PlannedReminder(
            target=version,
            occasion="signature",
            recipients=[s.user_id for s in signatories if s.user_id],
            context={
                "agreement_id": agreement.pk,
                "title": agreement.title,
                "number": version.number,
            },
        ),
    )


def render_signature_requested(reminder) -> Rendered:
    values = reminder.context
    return Rendered(
        subject=_("Att skriva under: %(title)s") % {"title": values["title"]},
        body=_(
            "Version %(number)s av överenskommelsen ”%(title)s” är skickad för underskrift, "
            "och du är en av undertecknarna. Läs versionen och skriv under i portalen med ditt "
            "lösenord."
        )
        % values,
        link=reverse("agreements:sign", args=[values["agreement_id"]]),
    )


def comment_notify(*, comment) -> list[int]:
    """Who should read ``comment``: for a new comment, the writers of every party of the
    agreement; for an answer, everyone who wrote in the thread. Never its own author."""
    from samverkan.models import User

    agreement = comment.agreement
    if comment.reply_to_id:
        thread = comment.reply_to
        recipients = {thread.author_id, *thread.replies.values_list("author_id", flat=True)}
    else:
        recipients = set(
            User.objects.filter(
                is_active=True,
                role__in=User.WRITER_ROLES,
                party__in=agreement.parties.values("pk"),
            ).values_list("pk", flat=True)
        )
    recipients.discard(comment.author_id)
    recipients.discard(None)
    heading = next((h for n, _f, h in SECTIONS if n == comment.section), "")
    return reminder_notify(
        kind_key=COMMENTED,
        planned=PlannedReminder(
            target=comment,
            occasion="comment",
            recipients=sorted(recipients),
            context={
                "agreement_id": agreement.pk,
                "title": agreement.title,
                "section": comment.section,
                "heading": str(heading),
                "author": comment.author.get_full_name() or comment.author.username,
                "party": str(comment.author_party),
                "text": comment.text[:1000],
                "answer": bool(comment.reply_to_id),
                "thread": comment.reply_to_id or comment.pk,
            },
        ),
    )


def render_commented(reminder) -> Rendered:
    values = reminder.context
    if values["answer"]:
        subject = _("Svar på en kommentar: %(title)s") % values
        lead = (
            _(
                "%(author)s (%(party)s) har svarat i en kommentarstråd om avsnitt %(section)s, %(heading)s:"
            )
            % values
        )
    else:
        subject = _("Ny kommentar på utkastet: %(title)s") % values
        lead = (
            _("%(author)s (%(party)s) har kommenterat avsnitt %(section)s, %(heading)s:") % values
        )
    return Rendered(
        subject=subject,
        body=f"{lead}\n\n{values['text']}\n\n"
        + _("Svara eller markera kommentaren som löst i portalen."),
        link=reverse("agreements:comments", args=[values["agreement_id"]])
        + f"#kommentar-{values['thread']}",
    )


def register():
    register_kind(
        ReminderKind(
            key=SIGNATURE_REQUESTED,
            label=gettext_lazy("En version väntar på din underskrift"),
            optional=False,
            render=render_signature_requested,
            order=1,
        )
    )
    register_kind(
        ReminderKind(
            key=COMMENTED,
            label=gettext_lazy("En kommentar eller ett svar på ett utkast där du är part"),
            optional=True,
            render=render_commented,
            order=2,
        )
    )
