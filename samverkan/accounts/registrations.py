"""What accounts register with the core: the menu entry and the sweep that sends
invitations whose message was lost. ``AccountsConfig.ready`` calls ``register()``."""

from django.utils.translation import gettext_lazy as _

from samverkan.navigation import NavItem, register_nav
from samverkan.queue import sweeper_register

from .tasks import invitations_sweep


def register():
    sweeper_register(key="accounts.invitations", sweep=invitations_sweep)
    register_nav(
        NavItem(
            label=_("Användare"),
            url_name="accounts:my_users",
            order=95,
            visible=lambda user: user.is_authenticated and (user.party_id or user.is_portal_admin),
        )
    )
