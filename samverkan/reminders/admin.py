from django.contrib import admin

from .models import NoticeSettings, Reminder, ReminderPreference


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("subject", "kind", "occasion", "recipient", "status", "attempts", "sent_at")
    list_filter = ("status", "kind")
    search_fields = ("subject", "recipient__username", "recipient__email")
    raw_id_fields = ("recipient", "digest")
    readonly_fields = ("created_at", "enqueued_at", "claimed_at", "sent_at", "read_at")


@admin.register(ReminderPreference)
class ReminderPreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "enabled")
    raw_id_fields = ("user",)


@admin.register(NoticeSettings)
class NoticeSettingsAdmin(admin.ModelAdmin):
    list_display = ("user", "daily_digest")
    list_filter = ("daily_digest",)
    raw_id_fields = ("user",)
