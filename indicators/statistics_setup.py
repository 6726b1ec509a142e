"""Registers kartläggning and Kolada with the core: menu, dashboard widget, agreement panel
and demo data."""

from django.utils.translation import gettext_lazy as _

from agreements.registry import AgreementPanel, register_agreement_panel
from samverkan.dashboard import Widget, register_widget
from samverkan.demo import DemoLoader, register_demo_loader
from samverkan.navigation import NavItem, register_nav

from .kolada import conflicts_settleable_by
from .statistics_demo import load_statistics_demo


def _panel_context(request, agreement):
    # The agreement page fetched the agreement through visible_to; no query here.
    return {"agreement": agreement, "is_admin": request.user.is_portal_admin}


def _conflicts_widget(request):
    """Open Kolada conflicts for those who settle them; hidden when there are none."""
    count = conflicts_settleable_by(request.user).filter(resolved_at__isnull=True).count()
    return {"open_count": count} if count else None


def register():
    register_nav(NavItem(label=_("Kartläggning"), url_name="statistics:snapshot_list", order=40))
    register_nav(NavItem(label=_("Kolada"), url_name="statistics:kolada", order=45))
    register_agreement_panel(
        AgreementPanel(
            key="statistics",
            template_name="indicators/statistics/agreement_panel.html",
            context=_panel_context,
            order=60,
        )
    )
    register_widget(
        Widget(
            key="kolada_conflicts",
            template_name="indicators/kolada/widget.html",
            context=_conflicts_widget,
            order=35,
        )
    )
    register_demo_loader(
        DemoLoader(key="indicators.statistics", load=load_statistics_demo, order=25)
    )
