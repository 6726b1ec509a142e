"""The agreements' widget on the dashboard."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverkan.dashboard import Widget, register_widget
from samverkan.navigation import NavItem, register_nav

from .models import Agreement, in_force_q
from .reminders import review_due


def agreements_widget(request):
    visible = Agreement.objects.visible_to(request.user)
    in_force = in_force_q()
    return {
        "agreements": visible.listed().with_parties().order_by("status", "title")[:20],
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
    # The rule reads four columns: every candidate's date from those, then five rows fetched.
    columns = ("next_review_date", "review_rule", "document_date", "valid_from")
    dated = sorted(
        (due, title, pk)
        for pk, title, *values in candidates.values_list("pk", "title", *columns)
        if (due := review_due(*values, today)[0])
    )[:5]
    chosen = candidates.only("pk", "title", "next_review_date").in_bulk(
        [pk for _due, _title, pk in dated]
    )
    return [(chosen[pk], due) for due, _title, pk in dated]


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
