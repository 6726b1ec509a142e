from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "samverkan.reminders"
    label = "reminders"
    verbose_name = _("Påminnelser")

    def ready(self):
        from samverkan.navigation import NavItem, register_nav
        from samverkan.queue import sweeper_register

        from .tasks import reminders_sweep

        sweeper_register(key="reminders", sweep=reminders_sweep)

        register_nav(
            NavItem(
                label=_("Påminnelser"),
                url_name="reminders:admin_list",
                order=90,
                visible=lambda user: user.is_authenticated and user.is_portal_admin,
            )
        )
