from django.contrib import admin
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
        # Approved minutes are a record: the admin does not edit them either.
        if obj and obj.is_approved:
            return [f.name for f in obj._meta.fields] + ["present_members"]
        return ("minutes_approved_at", "minutes_approved_by")


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
