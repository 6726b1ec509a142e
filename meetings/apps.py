from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Samverkansgrupper, möten och jobbspår")

    def ready(self):
        from . import dashboard, demo, document, reminders, scale

        dashboard.register()
        document.register()
        demo.register()
        reminders.register()
        scale.register()
