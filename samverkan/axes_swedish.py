"""django-axes in Swedish: the package has no Swedish translation, so its models and
fields get their Swedish names here (INSTALLED_APPS names ``AxesConfig`` instead of
``axes``), and ``samverkan/admin.py`` replaces its admin pages with Swedish ones.

Only the names that forms and the admin read are changed (``Field.verbose_name`` and
``Options.verbose_name``); migrations read the declared names (``Field._verbose_name`` and
``Options.original_attrs``), so axes' migrations stay as they are.
"""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _

FIELD_NAMES = {
    "user_agent": _("webbläsare (user agent)"),
    "ip_address": _("IP-adress"),
    "username": _("användarnamn"),
    "http_accept": _("HTTP Accept"),
    "path_info": _("sökväg"),
    "attempt_time": _("tidpunkt"),
    "locked_out": _("spärrad"),
    "get_data": _("GET-data"),
    "post_data": _("POST-data"),
    "failures_since_start": _("misslyckade inloggningar"),
    "logout_time": _("utloggning"),
    "session_hash": _("sessionsnyckelns hash (SHA-256)"),
    "access_attempt": _("inloggningsförsök"),
    "expires_at": _("upphör"),
}

MODEL_NAMES = {
    "AccessAttempt": (_("inloggningsförsök"), _("inloggningsförsök")),
    "AccessFailureLog": (_("misslyckad inloggning"), _("misslyckade inloggningar")),
    "AccessLog": (_("inloggning"), _("inloggningslogg")),
    "AccessAttemptExpiration": (
        _("utgång för inloggningsförsök"),
        _("utgångar för inloggningsförsök"),
    ),
}


class AxesConfig(AxesAppConfig):
    verbose_name = _("Inloggningsspärr")

    def ready(self):
        super().ready()
        for model in self.get_models():
            names = MODEL_NAMES.get(model.__name__)
            if names:
                model._meta.verbose_name, model._meta.verbose_name_plural = names
            for field in model._meta.get_fields():
                if field.name in FIELD_NAMES and hasattr(field, "verbose_name"):
                    field.verbose_name = FIELD_NAMES[field.name]
