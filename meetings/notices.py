"""The meetings' notices of events: an invitation to a meeting (with its .ics), minutes that
wait for approval, an action item that is yours.

Kinds without a planner, registered with the core's reminder machinery; ``meetings.services``
calls the ``*_notify`` functions inside its transactions. Each notice is keyed on what it is
about (the meeting and its SEQUENCE, the meeting's minutes, the action item and its owning
organisation), so it exists once however often a form is saved, and is sent once.
"""

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverkan.models import User
from samverkan.reminders.registry import (
    Attachment,
    PlannedReminder,
    ReminderKind,
    Rendered,
    register_kind,
)
from samverkan.reminders.services import reminder_notify

from .ical import meeting_invitation
from .models import GroupMember, Meeting

INVITATION = "meetings.invitation"
MINUTES_TO_APPROVE = "meetings.minutes_to_approve"
ACTION_ITEM_ASSIGNED = "meetings.action_item_assigned"


def _when(meeting) -> str:
    return formats.date_format(timezone.localtime(meeting.starts_at), "l j F Y \\k\\l. H.i")


def _seats(group) -> list[tuple[int, int | None]]:
    """(user id, party id) of the group's seats held by an active portal user."""
    return list(
        GroupMember.objects.filter(group=group, user__is_active=True)
        .order_by("position", "pk")
        .values_list("user_id", "party_id")
    )


def _writers(party_id) -> list[int]:
    return list(
        User.objects.filter(party_id=party_id, is_active=True, role__in=User.WRITER_ROLES)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _meeting_context(meeting) -> dict:
    return {
        "meeting_id": meeting.pk,
        "group": meeting.group.name,
        "title": meeting.group.agreement.title,
        "when": _when(meeting),
        "place": meeting.location or meeting.video_link,
        "link": meeting.get_absolute_url(),
    }


def meeting_invitation_notify(*, meeting) -> list[int]:
    """Invite the group's members who have accounts: for a meeting still to come, once per
    version of its time and place (its SEQUENCE); a cancelled meeting is a cancellation."""
    if meeting.starts_at <= timezone.now():
        return []
    occasion = f"{'cancelled' if meeting.cancelled else 'invitation'}:{meeting.sequence}"
    return reminder_notify(
        kind_key=INVITATION,
        planned=PlannedReminder(
            target=meeting,
            occasion=occasion,
            recipients=[user_id for user_id, _party in _seats(meeting.group)],
            context={**_meeting_context(meeting), "cancelled": meeting.cancelled},
        ),
    )


def minutes_to_approve_notify(*, meeting, user=None) -> list[int]:
    """The minutes of a held meeting are written and wait for approval (justering): the
    members with accounts are asked to read and approve them, once per meeting."""
    if meeting.is_approved or not meeting.minutes.strip() or not meeting.has_started:
        return []
    seats = [user_id for user_id, _party in _seats(meeting.group)]
    recipients = seats or _writers(meeting.group.convener_id)
    return reminder_notify(
        kind_key=MINUTES_TO_APPROVE,
        planned=PlannedReminder(
            target=meeting,
            occasion="minutes",
            recipients=[r for r in recipients if not user or r != user.pk],
            context=_meeting_context(meeting),
        ),
    )


def action_items_notify(*, meeting, items, user=None) -> None:
    """Each open action item with an owning organisation is that organisation's: its people
    in the group (else its officials) are told, once per item and organisation."""
    seats = _seats(meeting.group)
    context = _meeting_context(meeting)
    for item in items:
        if item.done or not item.owner_party_id:
            continue
        recipients = [u for u, party in seats if party == item.owner_party_id] or _writers(
            item.owner_party_id
        )
        reminder_notify(
            kind_key=ACTION_ITEM_ASSIGNED,
            planned=PlannedReminder(
                target=item,
                occasion=f"owner:{item.owner_party_id}",
                recipients=[r for r in recipients if not user or r != user.pk],
                context={
                    **context,
                    "description": item.description,
                    "owner": item.owner,
                    "due": formats.date_format(item.due_date, "j F Y") if item.due_date else "",
                },
            ),
        )


def render_invitation(reminder) -> Rendered:
    values = reminder.context
    if values.get("cancelled"):
        subject = _("Inställt möte: %(group)s %(when)s – %(title)s") % values
        body = _("Mötet i %(group)s %(when)s är inställt.") % values
    else:
        subject = _("Kallelse: %(group)s %(when)s – %(title)s") % values
        body = _("Du är kallad till möte i %(group)s %(when)s.") % values
        if values.get("place"):
            body += "\n\n" + _("Plats: %(place)s") % values
        body += "\n\n" + _(
            "Kallelsen finns som kalenderfil i e-postmeddelandet: Outlook och Google Kalender "
            "lägger in mötet."
        )
    body += "\n\n" + _("Överenskommelse: %(title)s") % values
    return Rendered(subject=subject, body=body, link=values["link"])


def invitation_attachments(reminder) -> list[Attachment]:
    """The invitation's .ics, made when it is sent, from the meeting as it is then."""
    meeting = (
        Meeting.objects.select_related("group", "group__agreement")
        .filter(pk=reminder.object_id)
        .first()
    )
    if meeting is None:
        return []
    recipient = reminder.recipient
    content = meeting_invitation(
        meeting=meeting,
        attendee_email=recipient.email,
        attendee_name=recipient.get_full_name(),
        base_url=settings.SITE_URL,
    )
    method = "CANCEL" if meeting.cancelled else "REQUEST"
    return [
        Attachment(
            filename="kallelse.ics",
            content=content,
            mimetype=f"text/calendar; method={method}",
            inline_alternative=True,
        )
    ]


def render_minutes_to_approve(reminder) -> Rendered:
    values = reminder.context
    return Rendered(
        subject=_("Protokoll att justera: %(group)s %(when)s – %(title)s") % values,
        body=_(
            "Protokollet från mötet i %(group)s %(when)s är skrivet och väntar på justering. "
            "Läs det och justera det i portalen, eller skriv vad som ska ändras."
        )
        % values
        + "\n\n"
        + _("Överenskommelse: %(title)s") % values,
        link=values["link"],
    )


def render_action_item_assigned(reminder) -> Rendered:
    values = reminder.context
    body = (
        _("Mötet i %(group)s %(when)s gav din organisation en åtgärd:") % values
        + "\n\n"
        + values["description"]
    )
    if values.get("owner"):
        body += "\n" + _("Ansvarig: %(owner)s") % values
    if values.get("due"):
        body += "\n" + _("Klart senast: %(due)s") % values
    body += "\n\n" + _("Överenskommelse: %(title)s") % values
    return Rendered(
        subject=_("Åtgärd för din organisation: %(title)s") % values,
        body=body,
        link=values["link"],
    )


def register():
    register_kind(
        ReminderKind(
            key=INVITATION,
            label=gettext_lazy("Kallelse till ett möte (med kalenderfil)"),
            optional=True,
            render=render_invitation,
            attachments=invitation_attachments,
            digest=False,  # the calendar must have it at once
            order=4,
        )
    )
    register_kind(
        ReminderKind(
            key=MINUTES_TO_APPROVE,
            label=gettext_lazy("Ett protokoll väntar på justering"),
            optional=True,
            render=render_minutes_to_approve,
            order=5,
        )
    )
    register_kind(
        ReminderKind(
            key=ACTION_ITEM_ASSIGNED,
            label=gettext_lazy("En åtgärd från ett möte är din organisations"),
            optional=True,
            render=render_action_item_assigned,
            order=6,
        )
    )
