"""What indicators registers with the core and with agreements: dashboard widgets, the menu,
section 4 of the agreement document and the follow-up and kartläggning panels beside it,
reminder kinds, scale seeders, the Kolada sweep and the demo loaders.
``IndicatorsConfig.ready`` calls ``register()``."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, document_fields
from agreements.registry import (
    AgreementPanel,
    DocumentPart,
    register_agreement_panel,
    register_document_part,
)
from samverkan.dashboard import Widget, register_widget
from samverkan.demo import DemoLoader, register_demo_loader
from samverkan.navigation import NavItem, register_nav
from samverkan.queue import sweeper_register

from . import copying, data_tables, demo, notices, reminders, scale, tasks
from .kolada import conflicts_settleable_by
from .models import FollowUpPeriod, FollowUpReport
from .selectors import agreement_goals, latest_periods
from .statistics.demo import load_statistics_demo
from .values import format_number


def _active_agreements(user):
    return Agreement.objects.visible_to(user).exclude(status=Agreement.Status.ENDED)


def review_widget(request):
    """A section chief's reports waiting for review, and every agreement's latest follow-up."""
    user = request.user
    if not user.is_section_chief:
        return None
    active = _active_agreements(user)
    waiting = (
        FollowUpReport.objects.filter(
            agreement__in=active.values("pk"), status=FollowUpReport.Status.SUBMITTED
        )
        .select_related("agreement", "period")
        .defer(*document_fields("agreement__"))
        .order_by("submitted_at")
    )
    # The first twenty agreements only: a unit may coordinate dozens, the list page has all.
    shown = list(active.listed().order_by("title", "pk")[:20])
    latest = latest_periods(shown)
    return {
        "waiting": list(waiting[:20]),
        "latest": [(a, latest.get(a.pk)) for a in shown],
    }


def deadlines_widget(request):
    """An official's next follow-up deadlines and how many values are still missing."""
    user = request.user
    if user.is_section_chief or user.is_portal_admin:
        return None
    agreements = _active_agreements(user).annotate(indicator_count=Count("goals__indicators"))
    counts = dict(agreements.values_list("pk", "indicator_count"))
    today = timezone.localdate()
    periods = list(
        # The last year's overdue reports and what is coming; older gaps live on the
        # agreement's follow-up page.
        FollowUpPeriod.objects.filter(
            agreement__in=list(counts),
            starts_on__lte=today,
            deadline__gte=today - datetime.timedelta(days=365),
        )
        .exclude(report__status__in=FollowUpReport.LOCKED_STATUSES)
        .select_related("agreement", "report")
        .defer(*document_fields("agreement__"))
        .annotate(entered=Count("measurements", filter=Q(measurements__total__isnull=False)))
        .order_by("deadline", "agreement__title")[:8]
    )
    for period in periods:
        period.missing = max(counts.get(period.agreement_id, 0) - period.entered, 0)
        period.overdue = period.deadline < today
    return {"periods": periods}


def goals_context(agreement):
    return {"goals": list(agreement_goals(agreement))}


def goals_snapshot(agreement):
    """Section 4's goals and indicators as plain data, for a frozen version. A goal's target
    group is named as the agreement names it (its own heading), not by the catalogue."""
    headings = {
        atg.target_group_id: atg.display_heading for atg in agreement.agreement_target_groups.all()
    }
    return [
        {
            "number": goal.number,
            "title": goal.title,
            "description": goal.description,
            "target_group": (
                headings.get(goal.target_group_id, goal.target_group.name)
                if goal.target_group
                else None
            ),
            "indicators": [
                {
                    "name": i.name,
                    "unit": i.unit,
                    "unit_label": str(i.get_unit_display()),
                    "direction": i.direction,
                    "direction_label": str(i.get_direction_display()),
                    "baseline": format_number(i.baseline_value) or None,
                    "baseline_label": i.baseline_label,
                    "target": format_number(i.target_value) or None,
                    "target_year": i.target_year,
                    "source": i.source,
                    "source_label": str(i.get_source_display()),
                    "kolada_kpi": i.kolada_kpi,
                    "source_note": i.source_note,
                    "frequency": i.frequency,
                    "frequency_label": str(i.get_frequency_display()),
                    "responsible_party": i.responsible_party.name if i.responsible_party else None,
                    "by_gender": i.by_gender,
                }
                for i in goal.indicators.all()
            ],
        }
        for goal in agreement_goals(agreement)
    ]


def followup_panel(request, agreement):
    latest = latest_periods([agreement]).get(agreement.pk)
    report = getattr(latest, "report", None) if latest else None
    return {"period": latest, "report": report}


def _panel_context(request, agreement):
    # The agreement page fetched the agreement through visible_to; no query here.
    return {"agreement": agreement, "is_admin": request.user.is_portal_admin}


def _conflicts_widget(request):
    """Open Kolada conflicts for those who settle them; hidden when there are none."""
    count = conflicts_settleable_by(request.user).filter(resolved_at__isnull=True).count()
    return {"open_count": count} if count else None


def register():
    copying.register()
    data_tables.register_tables()
    demo.register()
    reminders.register()
    notices.register()
    scale.register()
    sweeper_register(key="indicators.kolada_runs", sweep=tasks.kolada_runs_sweep)
    sweeper_register(key="indicators.report_documents", sweep=tasks.report_documents_sweep)
    register_widget(
        Widget(
            key="indicators_review",
            template_name="indicators/widgets/review.html",
            context=review_widget,
            order=5,
        )
    )
    register_widget(
        Widget(
            key="indicators_deadlines",
            template_name="indicators/widgets/deadlines.html",
            context=deadlines_widget,
            order=5,
        )
    )
    register_nav(NavItem(label=_("Uppföljning"), url_name="indicators:index", order=20))
    register_document_part(
        DocumentPart(
            key="indicators_goals",
            section=4,
            template_name="indicators/document_goals.html",
            context=goals_context,
            snapshot=goals_snapshot,
            snapshot_template_name="indicators/parts/section4_goals_snapshot.html",
            order=10,
        )
    )
    register_agreement_panel(
        AgreementPanel(
            key="indicators_followup",
            template_name="indicators/panel.html",
            context=followup_panel,
            order=20,
        )
    )
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
