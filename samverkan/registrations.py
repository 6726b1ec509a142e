"""What the core registers with its own registries: its menu entries, and the parties and
users as demo data and as scale data. Importing ``checks`` and ``security`` registers the
deploy checks and the session clocks' login signal. ``SamverkanConfig.ready`` calls
``register()``."""

from django.utils.translation import gettext_lazy as _

from . import (
    checks,  # noqa: F401 - registers the deploy checks
    security,  # noqa: F401 - starts the session clocks at login
)
from .demo import DemoLoader, load_parties_and_users, register_demo_loader
from .navigation import NavItem, register_nav
from .scale import ScaleSeeder, register_scale_seeder, seed_parties_and_users


def register():
    register_nav(NavItem(label=_("Översikt"), url_name="dashboard", order=0))
    register_nav(
        NavItem(
            label=_("Organisationer"),
            url_name="party_list",
            order=90,
            visible=lambda user: user.is_authenticated and user.is_portal_admin,
        )
    )
    # Parties and users first: every other demo loader builds on them.
    register_demo_loader(DemoLoader(key="samverkan", load=load_parties_and_users, order=0))
    register_scale_seeder(ScaleSeeder(key="samverkan", seed=seed_parties_and_users, order=0))
