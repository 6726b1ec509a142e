"""The follow-up's notices of events: your half-year report was sent back, or approved.

Kinds without a planner, registered with the core's reminder machinery; the review service
calls ``report_reviewed_notify`` inside its transaction. The notice is about the review
event itself, so a report sent back twice gives two notices, and each reaches its official
once however often anything runs again.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverkan.models import User
from samverkan.reminders.registry import PlannedReminder, ReminderKind, Rendered, register_kind
from samverkan.reminders.services import reminder_notify

from .models import ReportEvent

REPORT_RETURNED = "indicators.report_returned"
REPORT_APPROVED = "indicators.report_approved"


def report_official_ids(report) -> list[int]:
    """Whose report it is: the person who last sent it in; if they have left the portal,
    the officials of the agreement's parties, so the task does not fall between chairs."""
    submitter = (
        ReportEvent.objects.filter(
            report=report, action=ReportEvent.Action.SUBMITTED, user__is_active=True
        )
        .order_by("-created_at", "-pk")
        .values_list("user_id", flat=True)
        .first()
    )
    if submitter:
        return [submitter]
    return list(
        User.objects.filter(
            party__in=report.agreement.agreement_parties.values("party"),
            role=User.Role.OFFICIAL,
            is_active=True,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def report_reviewed_notify(*, report, event: ReportEvent) -> list[int]:
    returned = event.action == ReportEvent.Action.RETURNED
    period = report.period
    return reminder_notify(
        kind_key=REPORT_RETURNED if returned else REPORT_APPROVED,
        planned=PlannedReminder(
            target=event,
            occasion=event.action,
            recipients=report_official_ids(report),
            context={
                "title": report.agreement.title,
                "period": str(period.label),
                "comment": event.comment,
                "reviewer": event.user.get_full_name() or event.user.username,
                "agreement_id": report.agreement_id,
                "year": period.year,
                "half": period.half,
            },
        ),
    )


def render_report_returned(reminder) -> Rendered:
    values = reminder.context
    return Rendered(
        subject=_("Halvårsuppföljningen skickades tillbaka: %(title)s") % values,
        body=_(
            "%(reviewer)s har skickat tillbaka halvårsuppföljningen för %(period)s i "
            "överenskommelsen ”%(title)s” med den här kommentaren:"
        )
        % values
        + "\n\n"
        + values["comment"]
        + "\n\n"
        + _(
            "Rätta värdena och skicka in rapporten igen. Kommentaren visas också där du fyller i värdena."
        ),
        link=reverse(
            "indicators:entry", args=[values["agreement_id"], values["year"], values["half"]]
        ),
    )


def render_report_approved(reminder) -> Rendered:
    values = reminder.context
    comment = values.get("comment")
    return Rendered(
        subject=_("Halvårsuppföljningen är godkänd: %(title)s") % values,
        body=_(
            "%(reviewer)s har godkänt halvårsuppföljningen för %(period)s i överenskommelsen "
            "”%(title)s”."
        )
        % values
        + (f"\n\n{_('Kommentar:')} {comment}" if comment else ""),
        link=reverse(
            "indicators:report", args=[values["agreement_id"], values["year"], values["half"]]
        ),
    )


def register():
    register_kind(
        ReminderKind(
            key=REPORT_RETURNED,
            label=gettext_lazy("Din halvårsuppföljning har skickats tillbaka"),
            optional=False,
            render=render_report_returned,
            order=2,
        )
    )
    register_kind(
        ReminderKind(
            key=REPORT_APPROVED,
            label=gettext_lazy("Din halvårsuppföljning har godkänts"),
            optional=True,
            render=render_report_approved,
            order=3,
        )
    )
