"""Accounts managed in the portal: invitations by e-mail and the record of every change to
who has access."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_invitation_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """A one-time link by e-mail with which an invited person chooses a password. Valid for
    a few days (``INVITATION_VALID_DAYS``), once, and only the newest for each person.

    The row is the work to do: the e-mail is sent by a task that claims the row, and the
    sweep hands over rows whose message was lost."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Väntar på att skickas")
        SENT = "sent", _("Skickad")
        FAILED = "failed", _("Kunde inte skickas")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    token = models.CharField(_("nyckel"), max_length=64, unique=True, default=new_invitation_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inbjuden av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    expires_at = models.DateTimeField(_("gäller till"))
    accepted_at = models.DateTimeField(_("använd"), null=True, blank=True)
    # A newer invitation to the same person replaces this one.
    replaced_at = models.DateTimeField(_("ersatt"), null=True, blank=True)
    status = models.CharField(
        _("e-post"), max_length=16, choices=Status.choices, default=Status.WAITING
    )
    enqueued_at = models.DateTimeField(_("lämnad till kön"), null=True, blank=True)
    sent_at = models.DateTimeField(_("skickad"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    last_error = models.TextField(_("senaste fel"), blank=True)

    class Meta:
        verbose_name = _("inbjudan")
        verbose_name_plural = _("inbjudningar")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "enqueued_at"], name="invitation_waiting")]

    def __str__(self):
        return f"{self.user} ({self.created_at:%Y-%m-%d})"

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.replaced_at is None
            and self.expires_at > timezone.now()
        )


class AccountEvent(models.Model):
    """One change to a person's access: invited, password chosen, role changed, deactivated,
    reactivated. Who did it, what and when."""

    class Action(models.TextChoices):
        CREATED = "created", _("Skapad i administrationen")
        INVITED = "invited", _("Inbjuden")
        INVITATION_RESENT = "invitation_resent", _("Ny inbjudan skickad")
        INVITATION_ACCEPTED = "invitation_accepted", _("Valde lösenord via inbjudan")
        ROLE_CHANGED = "role_changed", _("Roll ändrad")
        DEACTIVATED = "deactivated", _("Inaktiverad")
        REACTIVATED = "reactivated", _("Aktiverad igen")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="account_events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utförd av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("händelse"), max_length=32, choices=Action.choices)
    detail = models.CharField(_("detaljer"), max_length=300, blank=True)
    at = models.DateTimeField(_("tidpunkt"), default=timezone.now)

    class Meta:
        verbose_name = _("kontohändelse")
        verbose_name_plural = _("kontohändelser")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.user}"
