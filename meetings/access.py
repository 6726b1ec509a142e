"""Fetching groups, meetings and jobbspår through the access rules: forbidden is 404."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from agreements.models import Agreement

from .models import Group, JobTrack, Meeting


def get_visible_group(user, pk, queryset=None):
    queryset = queryset if queryset is not None else Group.objects.all()
    return get_object_or_404(queryset.visible_to(user), pk=pk)


def get_editable_group(user, pk, queryset=None):
    queryset = queryset if queryset is not None else Group.objects.all()
    return get_object_or_404(queryset.editable_by(user), pk=pk)


def get_visible_meeting(user, pk, queryset=None):
    queryset = queryset if queryset is not None else Meeting.objects.select_related("group")
    return get_object_or_404(queryset.visible_to(user), pk=pk)


def get_editable_meeting(user, pk, queryset=None):
    queryset = queryset if queryset is not None else Meeting.objects.select_related("group")
    return get_object_or_404(queryset.editable_by(user), pk=pk)


def get_visible_job_track(user, pk, queryset=None):
    queryset = queryset if queryset is not None else JobTrack.objects.all()
    return get_object_or_404(queryset.visible_to(user), pk=pk)


def get_editable_job_track(user, pk, queryset=None):
    queryset = queryset if queryset is not None else JobTrack.objects.all()
    return get_object_or_404(queryset.editable_by(user), pk=pk)


def get_agreement_for_writing(user, pk):
    """An agreement the user may add groups and jobbspår to, whatever its status."""
    agreement = get_object_or_404(Agreement.objects.visible_to(user), pk=pk)
    if not user.may_write:
        raise Http404
    return agreement
