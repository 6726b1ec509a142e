from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Överenskommelser")

    def ready(self):
        from . import dashboard, reminders

        dashboard.register()
        reminders.register()
