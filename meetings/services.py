"""Writes to groups, meetings and calendar feeds that hold rules."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import notices
from .models import ActionItem, CalendarFeed, Group, Meeting, MinutesNote
from .models.meetings import MinutesLockedError, new_feed_token


def _lock(meeting) -> Meeting:
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.is_approved:
        raise MinutesLockedError
    return locked


# What a meeting's invitation says: a change to any of these is a new invitation.
INVITATION_FIELDS = ("starts_at", "ends_at", "location", "video_link", "cancelled")


@transaction.atomic
def meeting_create(*, group: Group, data: dict) -> Meeting:
    meeting = Meeting.objects.create(group=group, **data)
    notices.meeting_invitation_notify(meeting=meeting)
    return meeting


def meeting_update(*, meeting: Meeting, form, user=None) -> bool:
    """Save a meeting's form (details or minutes) unless the minutes are approved.

    Returns False on an edit conflict (see ``ConcurrencyGuardedForm``); raises
    ``MinutesLockedError`` once the minutes are approved, whatever the form holds.
    A new time or place invites the members again; written minutes ask them to approve.
    """
    with transaction.atomic():
        before = _lock(meeting)
        saved = form.save_guarded()
        if saved:
            # Calendar programs replace an event when its SEQUENCE grows (RFC 5545, 3.8.7.4).
            Meeting.objects.filter(pk=meeting.pk).update(sequence=F("sequence") + 1)
            after = Meeting.objects.select_related("group", "group__agreement").get(pk=meeting.pk)
            if any(getattr(before, f) != getattr(after, f) for f in INVITATION_FIELDS):
                notices.meeting_invitation_notify(meeting=after)
            notices.minutes_to_approve_notify(meeting=after, user=user)
        return bool(saved)


@transaction.atomic
def action_items_save(*, meeting: Meeting, formset, user=None) -> None:
    _lock(meeting)
    formset.save()
    # Only new items and items given to another organisation can be news to anyone (the
    # notice's key would make a repeat harmless, but not free).
    items = [
        *formset.new_objects,
        *(item for item, changed in formset.changed_objects if "owner_party" in changed),
    ]
    notices.action_items_notify(meeting=meeting, items=items, user=user)


@transaction.atomic
def meeting_minutes_approve(*, meeting: Meeting, user) -> Meeting:
    locked = _lock(meeting)
    if not locked.minutes.strip():
        raise ValidationError(_("Skriv protokollet innan det justeras."), code="no_minutes")
    if locked.starts_at > timezone.now():
        raise ValidationError(
            _("Mötet har inte hållits ännu, så protokollet kan inte justeras."), code="future"
        )
    locked.minutes_approved_at = timezone.now()
    locked.minutes_approved_by = user
    locked.save(update_fields=["minutes_approved_at", "minutes_approved_by", "updated_at"])
    return locked


@transaction.atomic
def meeting_note_add(*, meeting: Meeting, user, text: str) -> MinutesNote:
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Skriv vad som ska rättas eller läggas till.")})
    return MinutesNote.objects.create(meeting=meeting, author=user, text=text)


@transaction.atomic
def action_item_set_done(*, item: ActionItem, done: bool) -> ActionItem:
    # Following up action items continues after the minutes are approved: it is not an
    # edit of the record, so it is allowed on locked minutes.
    item.done = done
    item.save(update_fields=["done"])
    return item


def calendar_feed_get_or_create(*, user, group: Group | None = None) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user, group=group)
    return feed


@transaction.atomic
def calendar_feed_renew(*, user, group: Group | None = None) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    feed = calendar_feed_get_or_create(user=user, group=group)
    feed.token = new_feed_token()
    feed.renewed_at = timezone.now()
    feed.save(update_fields=["token", "renewed_at"])
    return feed
