"""Fetching agreements through the access rules, so forbidden and missing are the same 404."""

from django.shortcuts import get_object_or_404

from .models import Agreement


def get_visible_agreement(user, pk, queryset=None):
    queryset = queryset if queryset is not None else Agreement.objects.all()
    return get_object_or_404(queryset.visible_to(user), pk=pk)


def get_editable_agreement(user, pk, queryset=None):
    queryset = queryset if queryset is not None else Agreement.objects.all()
    return get_object_or_404(queryset.editable_by(user), pk=pk)


def can_edit(user, agreement) -> bool:
    return Agreement.objects.editable_by(user).filter(pk=agreement.pk).exists()
