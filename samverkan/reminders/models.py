"""The reminder log: one row per reminder that must reach one person once."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

# The daily digest is a reminder too (samverkan/reminders/digest.py), but only an e-mail:
# its notices are in the bell already.
DIGEST_KIND = "reminders.digest"


class ReminderQuerySet(models.QuerySet):
    def for_user(self, user):
        """A person's notices, as the bell and the notices page show them."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user).exclude(kind=DIGEST_KIND)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Reminder(models.Model):
    """A reminder of one kind, about one object and occasion, to one person.

    The row is both the e-mail's log and the in-portal notice. Its unique key is what makes a
    reminder exist once however often the planner runs; its status is what makes the sending
    task send it once (see ``samverkan.reminders.sending``).
    """

    class Status(models.TextChoices):
        WAITING = "waiting", _("Väntar")
        SENDING = "sending", _("Skickas")
        SENT = "sent", _("Skickad")
        FAILED = "failed", _("Misslyckad")
        # The person chose the daily digest: the row waits for it (never for the sweep) …
        DIGEST = "digest", _("Väntar på dagens sammanfattning")
        # … and is then sent as a line of that digest (``digest``), not on its own.
        BUNDLED = "bundled", _("Skickad i en sammanfattning")

    kind = models.CharField(_("typ"), max_length=80)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("objekttyp")
    )
    object_id = models.PositiveBigIntegerField(_("objekt-id"))
    target = GenericForeignKey("content_type", "object_id")
    # What the reminder is about in time, e.g. "2025-08-31:-30d": a new occasion is a new reminder.
    occasion = models.CharField(_("tillfälle"), max_length=80)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("mottagare"),
    )
    # Rendered when planned, from the data the planner loaded, so the notice page, the
    # administrators' page and the sending task need no per-row queries into the wings.
    subject = models.CharField(_("ämne"), max_length=300)
    body = models.TextField(_("text"))
    link = models.CharField(_("länk"), max_length=500, blank=True)
    context = models.JSONField(_("underlag"), default=dict, blank=True)

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    last_error = models.TextField(_("senaste fel"), blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    enqueued_at = models.DateTimeField(_("köad"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("sändning påbörjad"), null=True, blank=True)
    # The first temporary mail error of the current run of retries: the reminder is failed
    # only when the errors have lasted REMINDER_RETRY_FOR_SECONDS (a day), e.g. greylisting.
    failing_since = models.DateTimeField(_("fel sedan"), null=True, blank=True)
    sent_at = models.DateTimeField(_("skickad"), null=True, blank=True)
    read_at = models.DateTimeField(_("läst"), null=True, blank=True)
    digest = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bundled",
        verbose_name=_("sammanfattning"),
    )

    objects = ReminderQuerySet.as_manager()

    class Meta:
        verbose_name = _("påminnelse")
        verbose_name_plural = _("påminnelser")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id", "occasion", "recipient"],
                name="reminder_once",
            )
        ]
        indexes = [
            models.Index(fields=["status", "enqueued_at"], name="reminder_status_idx"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="reminder_unread_idx",
            ),
            models.Index(
                fields=["recipient", "created_at"],
                condition=models.Q(status="digest"),
                name="reminder_digest_idx",
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.occasion} → {self.recipient_id}"

    @property
    def absolute_link(self) -> str:
        if not self.link or self.link.startswith(("http://", "https://")):
            return self.link
        return f"{settings.SITE_URL}{self.link}"


class ReminderPreference(models.Model):
    """A person's choice to receive an optional kind of reminder or not. Kinds that escalate
    (optional=False in the registry) are sent whatever is stored here."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminder_preferences",
        verbose_name=_("användare"),
    )
    kind = models.CharField(_("typ"), max_length=80)
    enabled = models.BooleanField(_("på"), default=True)

    class Meta:
        verbose_name = _("inställning för påminnelser")
        verbose_name_plural = _("inställningar för påminnelser")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="reminder_preference_once")
        ]

    def __str__(self):
        return f"{self.user_id} {self.kind} {'på' if self.enabled else 'av'}"


class NoticeSettings(models.Model):
    """How a person wants their notices by e-mail: each at once (the default), or the ones
    that may wait gathered in one e-mail a day (``daily_digest``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notice_settings",
        verbose_name=_("användare"),
    )
    daily_digest = models.BooleanField(_("en sammanfattning om dagen"), default=False)

    class Meta:
        verbose_name = _("inställning för e-post om notiser")
        verbose_name_plural = _("inställningar för e-post om notiser")

    def __str__(self):
        return f"{self.user_id} {'sammanfattning' if self.daily_digest else 'direkt'}"
