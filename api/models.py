"""Personal API tokens: a user reads through the API what they may read in the pages."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The visible start of every token, so a leaked one is recognisable (secret scanners).
TOKEN_PREFIX = "svp_"


def token_hash(raw: str) -> str:
    """SHA-256 of the token. The token is 256 random bits, so a fast hash is enough: only
    the hash is stored, and the token itself is shown once."""
    return hashlib.sha256(raw.encode()).hexdigest()


def new_raw_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A personal token for the API, created and revoked by its owner. It reads exactly what
    its owner may read in the pages, and nothing once revoked or once the owner is inactive."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("användare"),
    )
    name = models.CharField(
        _("namn"),
        max_length=100,
        help_text=_("Vad nyckeln används till, till exempel ”Statistikexport”."),
    )
    key_hash = models.CharField(_("nyckelns SHA-256"), max_length=64, unique=True, editable=False)
    # The first characters of the token, shown so its owner can tell their tokens apart.
    key_start = models.CharField(_("början av nyckeln"), max_length=12, editable=False)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.key_start}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
