"""Fetching an agreement and one of its periods through the access rules."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from agreements.access import get_visible_agreement
from agreements.models import Agreement

from ..models import FollowUpPeriod
from ..services import can_enter, can_review


def visible_agreement(user, agreement_pk):
    return get_visible_agreement(user, agreement_pk, Agreement.objects.with_parties())


def visible_period(user, agreement_pk, year, half):
    """(agreement, period); 404 when the user may not see the agreement or it has no such period."""
    agreement = visible_agreement(user, agreement_pk)
    period = get_object_or_404(FollowUpPeriod, agreement=agreement, year=year, half=half)
    return agreement, period


def require_entry(user, agreement):
    if not can_enter(user, agreement):
        raise PermissionDenied


def require_review(user, agreement):
    if not can_review(user, agreement):
        raise PermissionDenied
