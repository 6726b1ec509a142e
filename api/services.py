"""Creating and revoking personal API tokens: the one place that holds their rules."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import ApiToken, new_raw_token, token_hash

# Writing last_used_at on every request would turn each read into a write.
LAST_USED_PRECISION = timedelta(minutes=5)


def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``: returns the row and the token itself, which is never
    stored and cannot be shown again."""
    raw = new_raw_token()
    token = ApiToken.objects.create(
        user=user, name=name.strip(), key_hash=token_hash(raw), key_start=raw[:10]
    )
    return token, raw


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke ``token`` at once; revoking twice keeps the first moment."""
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.save(update_fields=["revoked_at"])
    return locked


def api_token_authenticate(raw: str):
    """The active token ``raw`` with its active owner, or None."""
    token = (
        ApiToken.objects.active()
        .select_related("user", "user__party")
        .filter(key_hash=token_hash(raw), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
