"""The follow-up of the agreements a user sees, and of one agreement period by period."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone

from agreements.models import Agreement
from samverkan.paging import page_of

from ..models import FollowUpPeriod, FollowUpReport, Indicator, Measurement
from ..selectors import latest_periods
from ..services import can_enter, can_review, followup_periods_ensure
from .common import visible_agreement


@login_required
def followup_index(request):
    page, query = page_of(
        request,
        Agreement.objects.visible_to(request.user)
        .exclude(status=Agreement.Status.ENDED)
        .listed()
        .order_by("title", "pk"),
        per_page=25,
    )
    # Counted for the page's rows: a count over every agreement's indicators would make the
    # paginator's COUNT group all of them.
    counts = dict(
        Indicator.objects.filter(goal__agreement__in=[a.pk for a in page])
        .values_list("goal__agreement")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for agreement in page:
        agreement.indicator_count = counts.get(agreement.pk, 0)
    latest = latest_periods(page)
    return render(
        request,
        "indicators/index.html",
        {"rows": [(a, latest.get(a.pk)) for a in page], "page": page, "query": query},
    )


@login_required
def followup_overview(request, agreement_pk):
    agreement = visible_agreement(request.user, agreement_pk)
    if agreement.status != Agreement.Status.ENDED:
        followup_periods_ensure(agreement=agreement)
    indicator_count = Indicator.objects.filter(goal__agreement=agreement).count()
    periods = list(
        FollowUpPeriod.objects.filter(agreement=agreement)
        .select_related("report")
        .annotate(
            entered=Count("measurements", filter=Q(measurements__total__isnull=False)),
            demo=Count("measurements", filter=Q(measurements__origin=Measurement.Origin.DEMO)),
        )
        .order_by("-year", "-half")
    )
    today = timezone.localdate()
    for period in periods:
        period.report_or_none = getattr(period, "report", None)
        period.missing = max(indicator_count - period.entered, 0)
        period.overdue = period.deadline < today and (
            period.report_or_none is None or not period.report_or_none.is_locked
        )
    return render(
        request,
        "indicators/overview.html",
        {
            "agreement": agreement,
            "periods": periods,
            "has_demo": any(period.demo for period in periods),
            "indicator_count": indicator_count,
            "can_enter": can_enter(request.user, agreement),
            "can_review": can_review(request.user, agreement),
            "statuses": FollowUpReport.Status,
        },
    )
