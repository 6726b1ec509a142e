"""Kartläggning: the statistics snapshots and labour demand a user may read."""

import django_filters
from django.db.models import Q

from indicators.models import LabourDemandSnapshot, StatisticsSnapshot

from ..filters import UpdatedSinceFilter, parties_matching
from ..serializers.statistics import LabourDemandSerializer, StatisticsSnapshotSerializer
from .base import ReadOnlyApiViewSet


class MunicipalityFilter(django_filters.CharFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", "Kommunens kommunkod (0160) eller organisationsnummer.")
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(Q(municipality__in=parties_matching(value)))


class SnapshotFilter(django_filters.FilterSet):
    party = MunicipalityFilter()
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = StatisticsSnapshot
        fields = []


class StatisticsSnapshotViewSet(ReadOnlyApiViewSet):
    """Kartläggning: programme counts per municipality and date, women, men and unknown."""

    serializer_class = StatisticsSnapshotSerializer
    filterset_class = SnapshotFilter

    def visible_queryset(self, user):
        return (
            StatisticsSnapshot.objects.visible_to(user)
            .select_related("municipality")
            .prefetch_related("figures")
        )


class DemandFilter(SnapshotFilter):
    class Meta:
        model = LabourDemandSnapshot
        fields = []


class LabourDemandViewSet(ReadOnlyApiViewSet):
    """Labour demand: jobs and ads per occupational area, per municipality and date."""

    serializer_class = LabourDemandSerializer
    filterset_class = DemandFilter

    def visible_queryset(self, user):
        return (
            LabourDemandSnapshot.objects.visible_to(user)
            .select_related("municipality")
            .prefetch_related("rows")
        )
