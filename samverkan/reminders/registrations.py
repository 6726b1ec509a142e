"""What the reminder machinery registers with the core: the administrators' menu entry and
the sweep that hands over reminders a dead worker left. ``RemindersConfig.ready`` calls
``register()``."""

from django.utils.translation import gettext_lazy as _

from samverkan.navigation import NavItem, register_nav
from samverkan.queue import sweeper_register

from . import digest
from .tasks import reminders_sweep


def register():
    digest.register()
    sweeper_register(key="reminders", sweep=reminders_sweep)
    register_nav(
        NavItem(
            label=_("Påminnelser"),
            url_name="reminders:admin_list",
            order=90,
            visible=lambda user: user.is_authenticated and user.is_portal_admin,
        )
    )
