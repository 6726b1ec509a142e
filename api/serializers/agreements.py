"""Agreements as the API shows them. A member of a party reads the living agreement as the
pages show it; an anonymous visitor reads what the public register shows: the signed version
in force, never a revision being written."""

from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework import serializers

from agreements.models import SECTIONS, Agreement


class PartySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=[("kommun", "kommun"), ("af", "af"), ("other", "other")])
    organisation_number = serializers.CharField()
    municipality_code = serializers.CharField(allow_blank=True)
    is_convener = serializers.BooleanField()
    description = serializers.CharField(allow_blank=True)


class TargetGroupSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="The agreement's own heading.")
    catalogue = serializers.CharField(help_text="The target group in the shared catalogue.")
    description = serializers.CharField(allow_blank=True)


class SectionSerializer(serializers.Serializer):
    number = serializers.IntegerField(min_value=1, max_value=9)
    heading = serializers.CharField()
    text = serializers.CharField(allow_blank=True)


class ValiditySerializer(serializers.Serializer):
    valid_from = serializers.DateField(allow_null=True)
    valid_until = serializers.DateField(allow_null=True)
    terminated_on = serializers.DateField(allow_null=True)
    until_further_notice = serializers.BooleanField()


class VersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    content_hash = serializers.CharField(help_text="SHA-256 of the version's canonical JSON.")
    frozen_at = serializers.DateTimeField()
    in_force = serializers.BooleanField()


class AgreementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    web_url = serializers.CharField(help_text="The agreement's page in the portal.")
    title = serializers.CharField()
    diarienummer = serializers.CharField(allow_blank=True)
    status = serializers.ChoiceField(choices=Agreement.Status.choices)
    status_label = serializers.CharField()
    summary = serializers.CharField(allow_blank=True)
    parties = PartySerializer(many=True)
    target_groups = TargetGroupSerializer(many=True)
    sections = SectionSerializer(many=True)
    validity = ValiditySerializer(help_text="The validity in force (the signed version's).")
    in_force_from = serializers.DateField(allow_null=True)
    review_rule = serializers.CharField(allow_blank=True)
    next_review_date = serializers.DateField(allow_null=True)
    version_in_force = serializers.IntegerField(allow_null=True)
    versions = VersionSerializer(many=True)
    updated_at = serializers.DateTimeField()

    def to_representation(self, instance):
        request = self.context["request"]
        if request.user.is_authenticated:
            data = living_agreement(instance)
        else:
            data = signed_agreement(instance)
        return super().to_representation(data)


def _versions(agreement):
    return [
        {
            "number": version.number,
            "content_hash": version.content_hash,
            "frozen_at": version.created_at,
            "in_force": version.pk == agreement.version_in_force_id,
        }
        for version in agreement.versions.all()
    ]


def living_agreement(agreement) -> dict:
    """The agreement as its parties read it in the portal."""
    validity = agreement.validity_in_force()
    return {
        "id": agreement.pk,
        "web_url": agreement.get_absolute_url(),
        "title": agreement.title,
        "diarienummer": agreement.diarienummer,
        "status": agreement.status,
        "status_label": agreement.status_label,
        "summary": agreement.summary,
        "parties": [
            {
                "id": ap.party_id,
                "name": ap.party.name,
                "kind": ap.party.kind,
                "organisation_number": ap.party.organisation_number,
                "municipality_code": ap.party.municipality_code,
                "is_convener": ap.is_convener,
                "description": ap.description,
            }
            for ap in agreement.agreement_parties.all()
        ],
        "target_groups": [
            {
                "name": atg.display_heading,
                "catalogue": atg.target_group.name,
                "description": atg.description,
            }
            for atg in agreement.agreement_target_groups.all()
        ],
        "sections": [
            {"number": number, "heading": str(heading), "text": getattr(agreement, field)}
            for number, field, heading in SECTIONS
        ],
        "validity": {
            **validity._asdict(),
            "until_further_notice": validity.valid_until is None and validity.terminated_on is None,
        },
        "in_force_from": agreement.in_force_from,
        "review_rule": agreement.review_rule,
        "next_review_date": agreement.next_review_date,
        "version_in_force": agreement.version_in_force.number
        if agreement.version_in_force_id
        else None,
        "versions": _versions(agreement),
        "updated_at": agreement.updated_at,
    }


def signed_agreement(agreement) -> dict:
    """The signed version in force, as the public register shows it."""
    version = agreement.version_in_force
    snapshot = version.snapshot
    signed = snapshot.get("agreement", {})
    validity = agreement.validity_in_force()
    return {
        "id": agreement.pk,
        "web_url": reverse("public:register_detail", kwargs={"pk": agreement.pk}),
        "title": signed.get("title", ""),
        "diarienummer": signed.get("diarienummer", ""),
        "status": Agreement.Status.IN_FORCE,
        "status_label": _("Gällande"),
        "summary": signed.get("summary", ""),
        "parties": [
            {
                "id": party["party_id"],
                "name": party["name"],
                "kind": party["kind"],
                "organisation_number": party["organisation_number"],
                "municipality_code": party["municipality_code"],
                "is_convener": party["is_convener"],
                "description": party["description"],
            }
            for party in snapshot.get("parties", [])
        ],
        "target_groups": snapshot.get("target_groups", []),
        "sections": snapshot.get("sections", []),
        "validity": {
            **validity._asdict(),
            "until_further_notice": validity.valid_until is None and validity.terminated_on is None,
        },
        "in_force_from": agreement.in_force_from,
        "review_rule": signed.get("review_rule", ""),
        "next_review_date": signed.get("next_review_date"),
        "version_in_force": version.number,
        "versions": [
            {
                "number": version.number,
                "content_hash": version.content_hash,
                "frozen_at": version.created_at,
                "in_force": True,
            }
        ],
        "updated_at": version.created_at,
    }
