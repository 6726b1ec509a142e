from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .accounts.services import account_changes_record
from .admin_axes import register_swedish_axes_admin
from .forms import PartyForm
from .models import Party, SealCertificate, User

admin.site.site_header = _("Samverkansportalen – administration")
admin.site.site_title = _("Samverkansportalen – administration")
admin.site.index_title = _("Administration")
admin.site.site_url = "/"
# axes (before this module in INSTALLED_APPS) has registered its English pages by now.
register_swedish_axes_admin(admin.site)


@admin.register(Party)
class PartyAdmin(SimpleHistoryAdmin):
    form = PartyForm
    list_display = ("name", "kind", "organisation_number", "municipality_code")
    list_filter = ("kind",)
    search_fields = ("name", "organisation_number", "municipality_code")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "get_full_name", "party", "role", "is_active")
    list_filter = ("role", "party", "is_active")
    list_select_related = ("party",)
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Organisation och roll"), {"fields": ("party", "role", "title")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Organisation och roll"), {"fields": ("party", "role", "title", "email")}),
    )

    def save_model(self, request, obj, form, change):
        role_before = form.initial.get("role")
        super().save_model(request, obj, form, change)
        account_changes_record(
            user=obj,
            actor=request.user,
            changed=form.changed_data,
            role_before=role_before,
            created=not change,
        )


@admin.register(SealCertificate)
class SealCertificateAdmin(admin.ModelAdmin):
    """Read-only: the certificates are recorded by the seal itself and must never go."""

    list_display = ("subject", "fingerprint", "first_used_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
