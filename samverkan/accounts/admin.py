from django.contrib import admin

from .models import AccountEvent, Invitation


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written by the services only: the record of who did what must not be edited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ("user", "invited_by", "created_at", "expires_at", "status", "accepted_at")
    list_filter = ("status",)
    list_select_related = ("user", "invited_by")
    search_fields = ("user__username", "user__email")
    exclude = ("token",)


@admin.register(AccountEvent)
class AccountEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "user", "action", "detail", "actor")
    list_filter = ("action",)
    list_select_related = ("user", "actor")
    search_fields = ("user__username", "user__email", "detail")
