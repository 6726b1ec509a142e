"""The agreements' widget on the dashboard."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverkan.dashboard import Widget, register_widget
from samverkan.navigation import NavItem, register_nav

from .models import Agreement
from .reminders import review_due_date

_IN_FORCE = ~Q(status=Agreement.Status.ENDED) & (
    Q(status=Agreement.Status.IN_FORCE) | Q(version_in_force__isnull=False)
)


def agreements_widget(request):
    visible = Agreement.objects.visible_to(request.user)
    return {
        "agreements": visible.with_parties().order_by("status", "title")[:20],
        # Disjoint counts that add up to the total: an agreement under revision is in force
        # (its signed version holds) and is said to be under revision among those.
        "counts": visible.aggregate(
            total=Count("pk"),
            in_force=Count("pk", filter=_IN_FORCE),
            revising=Count("pk", filter=_IN_FORCE & ~Q(status=Agreement.Status.IN_FORCE)),
            drafts=Count("pk", filter=Q(status__in=Agreement.EDITABLE_STATUSES) & ~_IN_FORCE),
            for_signature=Count("pk", filter=Q(status=Agreement.Status.FOR_SIGNATURE) & ~_IN_FORCE),
            ended=Count("pk", filter=Q(status=Agreement.Status.ENDED) & ~_IN_FORCE),
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
