from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import FollowUpReport, FollowUpSettings, Goal, Indicator, Measurement, ReportEvent


class IndicatorInline(admin.StackedInline):
    model = Indicator
    extra = 0
    autocomplete_fields = ("responsible_party",)


@admin.register(Goal)
class GoalAdmin(SimpleHistoryAdmin):
    list_display = ("title", "number", "agreement")
    search_fields = ("title", "agreement__title")
    list_select_related = ("agreement",)
    inlines = [IndicatorInline]


@admin.register(Measurement)
class MeasurementAdmin(SimpleHistoryAdmin):
    list_display = ("indicator", "period", "total", "women", "men", "unknown", "origin")
    list_filter = ("origin", "period__year")
    search_fields = ("indicator__name",)
    list_select_related = ("indicator", "period")
    raw_id_fields = ("indicator", "period", "entered_by")


class ReportEventInline(admin.TabularInline):
    model = ReportEvent
    extra = 0
    readonly_fields = ("action", "user", "comment", "created_at")
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FollowUpReport)
class FollowUpReportAdmin(SimpleHistoryAdmin):
    list_display = ("agreement", "period", "status", "submitted_at")
    list_filter = ("status",)
    list_select_related = ("agreement", "period")
    readonly_fields = ("status", "submitted_at")
    inlines = [ReportEventInline]


@admin.register(FollowUpSettings)
class FollowUpSettingsAdmin(SimpleHistoryAdmin):
    list_display = (
        "agreement",
        "h1_deadline_month",
        "h1_deadline_day",
        "h2_deadline_month",
        "h2_deadline_day",
    )
