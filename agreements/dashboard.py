"""The agreements' widget on the dashboard."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from samverkan.dashboard import Widget, register_widget
from samverkan.navigation import NavItem, register_nav

from .models import Agreement, in_force_q


def agreements_widget(request):
    visible = Agreement.objects.visible_to(request.user)
    return {
        "agreements": visible.with_parties().order_by("status", "title")[:20],
        "counts": visible.aggregate(
            total=Count("pk"),
            drafts=Count("pk", filter=Q(status__in=Agreement.EDITABLE_STATUSES)),
            # An agreement under revision still has its signed version in force; one signed
            # that starts later is not in force yet.
            in_force=Count("pk", filter=in_force_q()),
            for_signature=Count("pk", filter=Q(status=Agreement.Status.FOR_SIGNATURE)),
        ),
        "review_due": visible.filter(next_review_date__isnull=False)
        .exclude(status=Agreement.Status.ENDED)
        .order_by("next_review_date")[:5],
    }


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
