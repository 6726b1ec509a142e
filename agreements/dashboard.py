"""The agreements' widget on the dashboard."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverkan.dashboard import Widget, register_widget
from samverkan.navigation import NavItem, register_nav

from .models import Agreement, in_force_q
from .reminders import review_due_date


def agreements_widget(request):
    visible = Agreement.objects.visible_to(request.user)
    in_force = in_force_q()
    return {
        "agreements": visible.with_parties().order_by("status", "title")[:20],
        # Disjoint counts that add up to the total: an agreement under revision is in force
        # (its signed version holds) and is said to be under revision among those.
        "counts": visible.aggregate(
            total=Count("pk"),
            in_force=Count("pk", filter=in_force),
            revising=Count("pk", filter=in_force & Q(status=Agreement.Status.UNDER_REVISION)),
            drafts=Count("pk", filter=Q(status__in=Agreement.EDITABLE_STATUSES) & ~in_force),
            for_signature=Count("pk", filter=Q(status=Agreement.Status.FOR_SIGNATURE) & ~in_force),
            # Signed, with a start date still to come: not in force yet.
            signed=Count("pk", filter=Q(status=Agreement.Status.SIGNED) & ~in_force),
            ended=Count("pk", filter=Q(status=Agreement.Status.ENDED) & ~in_force),
        ),
        "review_due": _reviews_due(visible),
    }


def _reviews_due(visible):
    """The next five reviews, typed or computed from the rule, as (agreement, date)."""
    today = timezone.localdate()
    candidates = visible.exclude(status=Agreement.Status.ENDED).filter(
        Q(next_review_date__isnull=False) | Q(review_rule__icontains="mandatperiod")
    )
    dated = [(agreement, review_due_date(agreement, today)[0]) for agreement in candidates]
    return sorted(((a, d) for a, d in dated if d), key=lambda pair: (pair[1], pair[0].title))[:5]


def register():
    register_widget(
        Widget(
            key="agreements",
            template_name="agreements/widgets/agreements.html",
            context=agreements_widget,
            order=10,
        )
    )
    register_nav(NavItem(label=_("Överenskommelser"), url_name="agreements:list", order=10))
