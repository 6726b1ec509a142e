"""django-axes' admin pages in Swedish (the package has no Swedish translation): the same
pages with Swedish headings, filters and status texts. ``samverkan/admin.py`` registers them
in place of axes' own."""

from axes import admin as axes_admin
from axes.conf import settings as axes_settings
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

META = (_("Teknisk information"), {"fields": ("user_agent", "ip_address", "http_accept")})


class LockedOutFilter(axes_admin.IsLockedOutFilter):
    title = _("spärrad")

    def lookups(self, request, model_admin):
        return (("yes", _("Ja")), ("no", _("Nej")))


class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    fieldsets = (
        (None, {"fields": ("username", "path_info", "failures_since_start", "expiration")}),
        (_("Formulärdata"), {"fields": ("get_data", "post_data")}),
        META,
    )
    list_filter = [
        LockedOutFilter if f is axes_admin.IsLockedOutFilter else f
        for f in axes_admin.AccessAttemptAdmin.list_filter
    ]

    @admin.action(description=_("Rensa inloggningsförsök som har gått ut"))
    def cleanup_expired_attempts(self, request, queryset):
        count = self.handler.clean_expired_user_attempts(request=request)
        self.message_user(
            request, _("%(count)d utgångna inloggningsförsök rensades.") % {"count": count}
        )

    @admin.display(description=_("upphör"))
    def expiration(self, obj):
        return obj.expiration.expires_at if hasattr(obj, "expiration") else _("Inte angivet")

    @admin.display(description=_("status"))
    def status(self, obj):
        left = axes_settings.AXES_FAILURE_LIMIT - obj.failures_since_start
        if left > 0:
            return _("%(count)d försök kvar") % {"count": left}
        return _("Spärrad")


class AccessLogAdmin(axes_admin.AccessLogAdmin):
    fieldsets = ((None, {"fields": ("username", "path_info")}), META)


class AccessFailureLogAdmin(axes_admin.AccessFailureLogAdmin):
    fieldsets = ((None, {"fields": ("username", "path_info")}), META)


def register_swedish_axes_admin(site):
    for model, model_admin in (
        (AccessAttempt, AccessAttemptAdmin),
        (AccessLog, AccessLogAdmin),
        (AccessFailureLog, AccessFailureLogAdmin),
    ):
        if site.is_registered(model):  # AXES_ENABLE_ADMIN
            site.unregister(model)
            site.register(model, model_admin)
