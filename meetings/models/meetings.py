"""Meetings of collaboration groups, their minutes, action items and calendar feeds."""

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samverkan.models import Party
from samverkan.validators import validate_portal_date

from .groups import AgreementOwnedQuerySet, Group, GroupMember


class MinutesLockedError(ValidationError):
    """Approved minutes (justerade) are a record: they are corrected by notes, not edits."""

    def __init__(self):
        super().__init__(
            _(
                "Protokollet är justerat och kan inte ändras. "
                "Skriv en rättelse eller ett tillägg i stället."
            ),
            code="minutes_locked",
        )


CALENDAR_FIELDS = (
    "pk",
    "starts_at",
    "ends_at",
    "cancelled",
    "location",
    "video_link",
    "group__name",
    "group__agreement__title",
)


class MeetingQuerySet(AgreementOwnedQuerySet):
    agreement_path = "group__agreement"

    def for_calendar(self):
        """Meetings for the calendar, its lists and the dashboard: the columns they show,
        without the agenda, minutes and the agreement's text."""
        return (
            self.select_related("group", "group__agreement")
            .only(*CALENDAR_FIELDS)
            .order_by("starts_at", "pk")
        )


class Meeting(models.Model):
    """A meeting of a group: when and where, the agenda, and afterwards the attendance,
    minutes and decisions. Once the minutes are approved (justerade) they are locked."""

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("grupp")
    )
    starts_at = models.DateTimeField(_("börjar"), db_index=True, validators=[validate_portal_date])
    ends_at = models.DateTimeField(
        _("slutar"), null=True, blank=True, validators=[validate_portal_date]
    )
    location = models.CharField(_("plats"), max_length=200, blank=True)
    video_link = models.URLField(_("länk till videomöte"), blank=True)
    agenda = models.TextField(_("dagordning"), blank=True, help_text=_("En punkt per rad."))
    cancelled = models.BooleanField(_("inställt"), default=False)
    present_members = models.ManyToManyField(
        GroupMember, blank=True, related_name="meetings_attended", verbose_name=_("närvarande")
    )
    other_attendees = models.TextField(
        _("övriga närvarande"), blank=True, help_text=_("Adjungerade och ersättare, en per rad.")
    )
    minutes = models.TextField(_("protokoll"), blank=True)
    decisions = models.TextField(_("beslut"), blank=True, help_text=_("Ett beslut per rad."))
    minutes_approved_at = models.DateTimeField(_("justerat"), null=True, blank=True)
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("justerat av"),
    )
    uid = models.UUIDField(_("kalender-UID"), default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(_("kalenderversion"), default=0, editable=False)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at", "sequence"])

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("möte")
        verbose_name_plural = _("möten")
        ordering = ["starts_at", "pk"]
        # A group's last and next meeting (GroupQuerySet.with_meeting_dates) is one index
        # probe per group instead of a scan of its ten years of meetings.
        indexes = [
            models.Index(fields=["group", "starts_at"], name="meeting_group_starts_idx"),
            # A group's last and next held meeting (the rhythm of every group on a dashboard):
            # an index-only scan, without reading cancelled meetings.
            models.Index(
                fields=["group", "starts_at"],
                condition=models.Q(cancelled=False),
                name="meeting_held_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
            ),
        ]

    def __str__(self):
        when = formats.date_format(timezone.localtime(self.starts_at), "j F Y H:i")
        return f"{self.group.name} {when}"

    # Every write goes through meetings.services, which refuses approved minutes. These guards
    # are the last line for a path that forgets the service (admin, a script, a loader).
    def save(self, *args, **kwargs):
        if self._stored_approved():
            raise MinutesLockedError
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("meetings:meeting_detail", kwargs={"pk": self.pk})

    def delete(self, *args, **kwargs):
        if self._stored_approved():
            raise MinutesLockedError
        return super().delete(*args, **kwargs)

    def _stored_approved(self) -> bool:
        if self._state.adding or self.pk is None:
            return False
        return Meeting.objects.filter(pk=self.pk, minutes_approved_at__isnull=False).exists()

    def clean(self):
        # Minutes and decisions record what happened: none for a meeting still to come.
        if (
            self.starts_at
            and not self.has_started
            and ((self.minutes or "").strip() or (self.decisions or "").strip())
        ):
            raise ValidationError(
                {
                    "minutes": _(
                        "Mötet har inte hållits ännu (det börjar %(when)s). Protokoll och "
                        "beslut skrivs när mötet har börjat."
                    )
                    % {"when": formats.date_format(timezone.localtime(self.starts_at), "j F Y H:i")}
                }
            )

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def is_approved(self) -> bool:
        return self.minutes_approved_at is not None

    @property
    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]

    @property
    def decision_items(self) -> list[str]:
        return [line.strip() for line in self.decisions.splitlines() if line.strip()]


class ActionItem(models.Model):
    """Something a meeting decided someone should do, by when."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    description = models.CharField(_("åtgärd"), max_length=300)
    owner = models.CharField(_("ansvarig"), max_length=200)
    owner_party = models.ForeignKey(
        Party,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarig organisation"),
    )
    due_date = models.DateField(
        _("klart senast"), null=True, blank=True, validators=[validate_portal_date]
    )
    done = models.BooleanField(_("klar"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("åtgärdspunkt")
        verbose_name_plural = _("åtgärdspunkter")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.description


class MinutesNote(models.Model):
    """A correction or addition to approved minutes: appended, never an edit."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("anteckning"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("skriven"), auto_now_add=True)

    class Meta:
        verbose_name = _("rättelse eller tillägg")
        verbose_name_plural = _("rättelser och tillägg")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A secret iCal address for one user: their groups' meetings, or one group's. Calendar
    programs subscribe without logging in; renewing replaces the token so the old address
    stops working."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    group = models.ForeignKey(
        Group,
        verbose_name=_("samverkansgrupp"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_feeds",
    )
    token = models.CharField(_("nyckel"), max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    renewed_at = models.DateTimeField(_("förnyad"), null=True, blank=True)

    class Meta:
        verbose_name = _("kalenderprenumeration")
        verbose_name_plural = _("kalenderprenumerationer")
        constraints = [
            models.UniqueConstraint(fields=["user", "group"], name="calendar_feed_once_per_group"),
            models.UniqueConstraint(
                fields=["user"], condition=Q(group__isnull=True), name="calendar_feed_once_per_user"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.group or _('alla grupper')}"

    def get_absolute_url(self):
        return reverse("meetings:ical_feed", kwargs={"feed_token": self.token})
