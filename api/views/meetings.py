"""Groups, meetings and jobbspår of the agreements a user sees (meetings.access's rules)."""

import django_filters
from django.db.models import Prefetch

from meetings.models import ActionItem, Group, GroupMember, JobTrack, Meeting

from ..filters import IdFilter, PartyFilter, UpdatedSinceFilter
from ..serializers.meetings import GroupSerializer, JobTrackSerializer, MeetingSerializer
from .base import ReadOnlyApiViewSet


class GroupFilter(django_filters.FilterSet):
    agreement = IdFilter(field_name="agreement_id", label="Överenskommelsens id.")
    party = PartyFilter(field_name="agreement")
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = Group
        fields = []


class GroupViewSet(ReadOnlyApiViewSet):
    """Collaboration groups with their convener, mandate, rhythm and members."""

    serializer_class = GroupSerializer
    filterset_class = GroupFilter

    def visible_queryset(self, user):
        return (
            Group.objects.visible_to(user)
            .select_related("convener")
            .prefetch_related(
                Prefetch("members", queryset=GroupMember.objects.select_related("party"))
            )
        )


class MeetingFilter(django_filters.FilterSet):
    agreement = IdFilter(field_name="group__agreement_id", label="Överenskommelsens id.")
    group = IdFilter(field_name="group_id", label="Gruppens id.")
    party = PartyFilter(field_name="group__agreement")
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = Meeting
        fields = []


class MeetingViewSet(ReadOnlyApiViewSet):
    """Meetings with agenda and action items; minutes and decisions once approved."""

    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter

    def visible_queryset(self, user):
        return (
            Meeting.objects.visible_to(user)
            .select_related("group")
            .prefetch_related(Prefetch("action_items", queryset=ActionItem.objects.all()))
        )


class JobTrackFilter(django_filters.FilterSet):
    agreement = IdFilter(field_name="agreement_id", label="Överenskommelsens id.")
    party = PartyFilter(field_name="agreement")
    status = django_filters.ChoiceFilter(choices=JobTrack.Status.choices)
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = JobTrack
        fields = []


class JobTrackViewSet(ReadOnlyApiViewSet):
    """Jobbspår with their outcomes: started, completed and employed, women and men."""

    serializer_class = JobTrackSerializer
    filterset_class = JobTrackFilter

    def visible_queryset(self, user):
        return JobTrack.objects.visible_to(user).select_related("workplace_municipality")
