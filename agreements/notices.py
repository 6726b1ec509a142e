"""The agreements' notices of events: a version waits for your signature.

Registered with the core's reminder machinery as a kind without a planner; the signing
service calls ``signature_requests_notify`` inside its transaction, so the notice rows exist
once the version does and the e-mails are sent after commit (see docs/reminders.md).
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverkan.reminders.registry import PlannedReminder, ReminderKind, Rendered, register_kind
from samverkan.reminders.services import reminder_notify

SIGNATURE_REQUESTED = "agreements.signature_requested"


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
