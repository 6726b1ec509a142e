from django.contrib import admin, messages
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ActionItem,
    CalendarFeed,
    CompetenceTeamMember,
    Group,
    GroupMember,
    JobTrack,
    Meeting,
    MinutesNote,
)
from .models.meetings import MinutesLockedError


class GroupMemberInline(admin.TabularInline):
    model = GroupMember
    extra = 0
    autocomplete_fields = ("party", "user")


@admin.register(Group)
class GroupAdmin(SimpleHistoryAdmin):
    list_display = ("name", "agreement", "tier", "convener", "rhythm_kind")
    list_filter = ("tier", "rhythm_kind")
    list_select_related = ("agreement", "convener")
    search_fields = ("name", "agreement__title")
    inlines = [GroupMemberInline]


class ActionItemInline(admin.TabularInline):
    model = ActionItem
    extra = 0


class MinutesNoteInline(admin.TabularInline):
    model = MinutesNote
    extra = 0
    readonly_fields = ("author", "created_at")


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ("group", "starts_at", "location", "cancelled", "minutes_approved_at")
    list_filter = ("cancelled",)
    list_select_related = ("group",)
    date_hierarchy = "starts_at"
    search_fields = ("group__name",)
    inlines = [ActionItemInline, MinutesNoteInline]

    def get_readonly_fields(self, request, obj=None):
        return ("minutes_approved_at", "minutes_approved_by")

    # Approved minutes are a record: the admin shows them read-only and refuses every change,
    # deletion and history revert (the model refuses them too, as the last line).
    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_approved:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_approved:
            return False
        return super().has_delete_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and obj.is_approved:
            messages.warning(request, MinutesLockedError().messages[0])
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_queryset(self, request, queryset):
        refused = 0
        for meeting in queryset:
            try:
                meeting.delete()
            except MinutesLockedError:
                refused += 1
        if refused:
            messages.error(
                request,
                _("%(n)s möten med justerat protokoll togs inte bort.") % {"n": refused},
            )


class CompetenceTeamInline(admin.TabularInline):
    model = CompetenceTeamMember
    extra = 0


@admin.register(JobTrack)
class JobTrackAdmin(SimpleHistoryAdmin):
    list_display = ("name", "employer", "agreement", "status", "workplace_municipality")
    list_filter = ("status", "employment_form")
    list_select_related = ("agreement", "workplace_municipality")
    search_fields = ("name", "employer")
    inlines = [CompetenceTeamInline]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ("user", "group", "created_at", "renewed_at")
    exclude = ("token",)
    list_select_related = ("user", "group")
