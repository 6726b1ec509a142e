"""What the portal logs besides the models' own history (django-simple-history): logins,
failed logins and refused accesses, for the administrators' log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SecurityEvent(models.Model):
    class Kind(models.TextChoices):
        LOGIN = "login", _("Inloggning")
        LOGIN_FAILED = "login_failed", _("Misslyckad inloggning")
        REFUSED = "refused", _("Nekad åtkomst")

    kind = models.CharField(_("händelse"), max_length=20, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("användare"),
    )
    # As typed on the login form (a failed login may name no user at all).
    username = models.CharField(_("användarnamn"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-adress"), null=True, blank=True)
    path = models.CharField(_("adress"), max_length=500, blank=True)
    status_code = models.PositiveSmallIntegerField(_("svarskod"), null=True, blank=True)
    created_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("säkerhetshändelse")
        verbose_name_plural = _("säkerhetshändelser")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["kind", "created_at"], name="history_event_kind_at")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.username} {self.created_at:%Y-%m-%d %H:%M}"
