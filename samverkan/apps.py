from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SamverkanConfig(AppConfig):
    name = "samverkan"
    verbose_name = _("Organisationer och användare")

    def ready(self):
        from .navigation import NavItem, register_nav

        register_nav(NavItem(label=_("Översikt"), url_name="dashboard", order=0))
        register_nav(
            NavItem(
                label=_("Organisationer"),
                url_name="party_list",
                order=90,
                visible=lambda user: user.is_authenticated and user.is_portal_admin,
            )
        )
