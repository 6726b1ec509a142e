from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import InfoPage


@admin.register(InfoPage)
class InfoPageAdmin(SimpleHistoryAdmin):
    """The three pages exist from the start (data migration); their addresses are fixed, so
    administrators change the text only."""

    list_display = ("title", "slug", "updated_at", "updated_by")
    fields = ("slug", "title", "body", "updated_at", "updated_by")
    readonly_fields = ("slug", "updated_at", "updated_by")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
