from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "samverkan.accounts"
    label = "accounts"
    verbose_name = _("Konton")

    def ready(self):
        # The registrations import models, so they can only be imported once the apps are
        # loaded: here, not at the top of this module.
        from . import registrations

        registrations.register()
