from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Agreement,
    AgreementParty,
    AgreementTargetGroup,
    AgreementVersion,
    Appendix,
    Decision,
    IndicatorSuggestion,
    SectionGuidance,
    Signatory,
    Signature,
    SignedDocument,
    TargetGroup,
    TargetGroupGuidance,
)


class AgreementPartyInline(admin.TabularInline):
    model = AgreementParty
    extra = 0
    autocomplete_fields = ("party",)


class AgreementTargetGroupInline(admin.StackedInline):
    model = AgreementTargetGroup
    extra = 0


class AppendixInline(admin.TabularInline):
    model = Appendix
    extra = 0


class SignatoryInline(admin.TabularInline):
    model = Signatory
    extra = 0


class DecisionInline(admin.StackedInline):
    model = Decision
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ("title", "diarienummer", "status", "valid_from", "valid_until")
    list_filter = ("status",)
    search_fields = ("title", "diarienummer", "parties__name")
    inlines = [
        AgreementPartyInline,
        AgreementTargetGroupInline,
        AppendixInline,
        SignatoryInline,
        DecisionInline,
    ]


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    search_fields = ("name",)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Versions, signatures and signed PDFs change only through agreements.signing."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AgreementVersion)
class AgreementVersionAdmin(ReadOnlyAdmin):
    list_display = ("agreement", "number", "created_at", "content_hash")
    search_fields = ("agreement__title", "content_hash")


@admin.register(Signature)
class SignatureAdmin(ReadOnlyAdmin):
    list_display = ("name", "party_name", "version", "method", "signed_on", "signed_at")
    list_filter = ("method",)
    search_fields = ("name", "version__agreement__title")


@admin.register(SignedDocument)
class SignedDocumentAdmin(ReadOnlyAdmin):
    list_display = ("version", "status", "verification_code", "sha256", "finished_at")
    list_filter = ("status",)
    search_fields = ("verification_code", "sha256", "version__agreement__title")


# The national template's guidance, edited by administrators (defaults: migration 0011).
@admin.register(SectionGuidance)
class SectionGuidanceAdmin(admin.ModelAdmin):
    list_display = ("__str__", "updated_at")


class IndicatorSuggestionInline(admin.TabularInline):
    model = IndicatorSuggestion
    extra = 1


@admin.register(TargetGroupGuidance)
class TargetGroupGuidanceAdmin(admin.ModelAdmin):
    list_display = ("target_group", "position")
    inlines = [IndicatorSuggestionInline]
