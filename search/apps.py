from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Sök")

    def ready(self):
        # The registrations reverse URLs and read the rooms' models: only once apps are loaded.
        from . import registrations

        registrations.register()
