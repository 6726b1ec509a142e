"""/api/v1/agreements/: the agreements a user sees in the pages; anonymously, those in
force (the public register)."""

import django_filters
from django.conf import settings
from django.db.models import Prefetch

from agreements.models import Agreement, AgreementTargetGroup, AgreementVersion

from ..filters import PartyFilter, UpdatedSinceFilter
from ..serializers.agreements import AgreementSerializer
from .base import ReadOnlyApiViewSet


class AgreementFilter(django_filters.FilterSet):
    party = PartyFilter(field_name="pk")
    status = django_filters.ChoiceFilter(choices=Agreement.Status.choices, method="by_status")
    updated_since = UpdatedSinceFilter(method="by_updated_since")

    class Meta:
        model = Agreement
        fields = []

    # An anonymous visitor reads the signed version: its status is "in force" and it changed
    # when it was signed, whatever a revision being written does (which they must not learn).
    def _anonymous(self) -> bool:
        return not (self.request and self.request.user.is_authenticated)

    def by_status(self, queryset, name, value):
        if self._anonymous():
            return queryset if value == Agreement.Status.IN_FORCE else queryset.none()
        return queryset.filter(status=value)

    def by_updated_since(self, queryset, name, value):
        if self._anonymous():
            return queryset.filter(version_in_force__created_at__gte=value)
        return queryset.filter(updated_at__gte=value)


class AgreementViewSet(ReadOnlyApiViewSet):
    """Agreements with their parties, target groups, sections, validity, status and frozen
    versions (with their SHA-256)."""

    serializer_class = AgreementSerializer
    filterset_class = AgreementFilter
    public = True

    def visible_queryset(self, user):
        if not user.is_authenticated:
            if not settings.PUBLIC_REGISTER:
                return Agreement.objects.none()
            return Agreement.objects.in_force().select_related("version_in_force")
        return (
            Agreement.objects.visible_to(user)
            .with_parties()
            .select_related("version_in_force")
            .prefetch_related(
                Prefetch(
                    "agreement_target_groups",
                    queryset=AgreementTargetGroup.objects.select_related("target_group"),
                ),
                Prefetch(
                    "versions",
                    queryset=AgreementVersion.objects.defer("snapshot").order_by("number"),
                ),
            )
        )
