from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    FollowUpReport,
    FollowUpSettings,
    Goal,
    Indicator,
    Measurement,
    MeasurementLocked,
    ReportEvent,
)
from .services import measurement_delete, measurement_save_row


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


class MeasurementAdminForm(forms.ModelForm):
    class Meta:
        model = Measurement
        fields = "__all__"  # noqa: DJ007 - the admin edits the whole row

    def clean(self):
        cleaned = super().clean()
        # The message at the form; the service refuses again under the period's row lock.
        for period in (self.instance.period if self.instance.pk else None, cleaned.get("period")):
            if period is not None and period.is_locked:
                raise MeasurementLocked(period)
        return cleaned


@admin.register(Measurement)
class MeasurementAdmin(SimpleHistoryAdmin):
    """Values of a submitted or approved half-year are shown read-only and cannot be deleted:
    every write goes through the measurement services, which refuse locked periods."""

    form = MeasurementAdminForm
    list_display = ("indicator", "period", "total", "women", "men", "unknown", "origin")
    list_filter = ("origin", "period__year")
    search_fields = ("indicator__name",)
    list_select_related = ("indicator", "period")
    raw_id_fields = ("indicator", "period", "entered_by")

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.period.is_locked:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.period.is_locked:
            return False
        return super().has_delete_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and obj.period.is_locked:
            messages.warning(request, MeasurementLocked(obj.period).messages[0])
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        measurement_save_row(measurement=obj, user=request.user)

    def delete_model(self, request, obj):
        measurement_delete(measurement=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        refused = 0
        for measurement in queryset.select_related("period"):
            try:
                measurement_delete(measurement=measurement, user=request.user)
            except MeasurementLocked:
                refused += 1
        if refused:
            messages.error(
                request,
                _("%(n)s utfall i inskickade eller granskade halvår togs inte bort.")
                % {"n": refused},
            )


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
