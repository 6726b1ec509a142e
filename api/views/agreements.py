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
    status = django_filters.ChoiceFilter(choices=Agreement.Status.choices)
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = Agreement
        fields = []


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
