"""What the history room registers below it: the "Historik" box beside the agreement, the
administrators' menu entry, and the security log's signal receivers. ``HistoryConfig.ready``
calls ``register()``."""

from django.utils.translation import gettext_lazy as _

from agreements.registry import AgreementPanel, register_agreement_panel
from samverkan.navigation import NavItem, register_nav

from . import security


def _panel(request, agreement):
    return {}


def register():
    security.connect()
    register_agreement_panel(
        AgreementPanel(key="history", template_name="history/panel.html", context=_panel, order=900)
    )
    register_nav(
        NavItem(
            label=_("Logg"),
            url_name="history:admin_log",
            order=95,
            visible=lambda user: user.is_authenticated and user.is_portal_admin,
        )
    )
