"""How long the portal keeps the records of logins (django-axes): the personal data page
promises that they go after ``LOGIN_RECORDS_RETENTION_DAYS``; a daily beat task keeps the
promise."""

from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.utils import timezone


def login_records_prune(*, days: int) -> dict[str, int]:
    """Delete login records older than ``days`` (far beyond the lockout's cool-off, so no
    lockout in force is lifted); returns how many of each kind went."""
    before = timezone.now() - timedelta(days=days)
    return {
        model.__name__: model.objects.filter(attempt_time__lt=before).delete()[0]
        for model in (AccessAttempt, AccessFailureLog, AccessLog)
    }
