from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Agreement,
    AgreementParty,
    AgreementTargetGroup,
    Appendix,
    Decision,
    Signatory,
    TargetGroup,
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
