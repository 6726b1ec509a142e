"""Kolada pages: the overview with the import button (administrators), each municipality's
fetched values, and the conflicts a person settles."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements.access import get_visible_agreement
from agreements.models import Agreement

from ..kolada import (
    agreement_municipalities,
    area_name,
    comparison_areas,
    conflicts_settleable_by,
    conflicts_visible_to,
    import_years,
    kolada_conflict_resolve,
)
from ..kolada.comparison import kpi_metadata
from ..models import Indicator, KoladaImportRun, KoladaValue, MeasurementLocked
from ..tasks import kolada_import_order


def _kolada_agreements(user):
    return (
        Agreement.objects.visible_to(user)
        .filter(goals__indicators__source=Indicator.Source.KOLADA)
        .distinct()
        .order_by("title")
    )


@login_required
def kolada_overview(request):
    agreements = list(_kolada_agreements(request.user))
    open_count = conflicts_visible_to(request.user).filter(resolved_at__isnull=True).count()
    runs = KoladaImportRun.objects.filter(
        agreement__in=[a.pk for a in agreements]
    ) | KoladaImportRun.objects.filter(agreement__isnull=True)
    return render(
        request,
        "indicators/kolada/overview.html",
        {
            "agreements": agreements,
            "open_count": open_count,
            "runs": runs.select_related("agreement").order_by("-started_at")[:10],
        },
    )


@login_required
def kolada_agreement(request, agreement_pk):
    """Each Kolada indicator's values per municipality and year, as fetched."""
    agreement = get_visible_agreement(request.user, agreement_pk)
    indicators = list(
        Indicator.objects.filter(goal__agreement=agreement, source=Indicator.Source.KOLADA)
        .exclude(kolada_kpi="")
        .order_by("goal__position", "position", "pk")
    )
    municipalities = agreement_municipalities(agreement)
    codes = [m.municipality_code for m in municipalities]
    areas = comparison_areas(codes)
    columns = [m.name for m in municipalities] + [area_name(a) for a in areas]
    years = import_years(agreement)
    values = {
        (v.kpi, v.municipality_code, v.year): v
        for v in KoladaValue.objects.filter(
            kpi__in=[i.kolada_kpi for i in indicators],
            municipality_code__in=codes + areas,
            year__in=years,
        )
    }
    meta = kpi_metadata(i.kolada_kpi for i in indicators)
    tables = [
        (
            indicator,
            meta.get(indicator.kolada_kpi.strip()),
            [
                (year, [values.get((indicator.kolada_kpi, code, year)) for code in codes + areas])
                for year in years
            ],
        )
        for indicator in indicators
    ]
    return render(
        request,
        "indicators/kolada/agreement.html",
        {
            "agreement": agreement,
            "municipalities": municipalities,
            "columns": columns,
            "tables": tables,
            "runs": agreement.kolada_runs.order_by("-started_at")[:5],
        },
    )


@login_required
@require_POST
def kolada_import_start(request):
    """Administrators start an import of one agreement (``agreement``) or of all."""
    if not request.user.is_portal_admin:
        raise Http404
    agreement_id = request.POST.get("agreement") or None
    agreement = None
    if agreement_id is not None:
        agreement = get_visible_agreement(request.user, agreement_id)
        agreement_id = agreement.pk
    # A row first, the message after commit; a broker that is down is logged, never an error
    # page, and the sweep runs the order when it is back.
    kolada_import_order(agreement=agreement)
    messages.success(
        request,
        _("Hämtningen från Kolada är beställd. Resultatet visas i listan över hämtningar."),
    )
    if agreement_id:
        return redirect("statistics:kolada_agreement", agreement_pk=agreement_id)
    return redirect("statistics:kolada")


@login_required
def conflict_list(request):
    conflicts = (
        conflicts_visible_to(request.user)
        .select_related(
            "measurement__indicator__goal__agreement",
            "measurement__period__report",
            "resolved_by",
        )
        .order_by("resolved_at", "-created_at")
    )
    open_conflicts = [c for c in conflicts if c.is_open]
    settled = [c for c in conflicts if not c.is_open][:50]
    settleable = set(
        conflicts_settleable_by(request.user)
        .filter(resolved_at__isnull=True)
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "indicators/kolada/conflicts.html",
        {"open_conflicts": open_conflicts, "settled": settled, "settleable": settleable},
    )


@login_required
@require_POST
def conflict_resolve(request, conflict_pk):
    conflict = get_object_or_404(conflicts_settleable_by(request.user), pk=conflict_pk)
    choice = request.POST.get("beslut")
    if choice not in ("take", "keep"):
        messages.error(request, _("Välj om du vill behålla ditt värde eller ta Koladas."))
        return redirect("statistics:kolada_conflicts")
    if not conflict.is_open:
        messages.info(request, _("Konflikten är redan avgjord."))
        return redirect("statistics:kolada_conflicts")
    try:
        kolada_conflict_resolve(conflict=conflict, user=request.user, take=choice == "take")
    except MeasurementLocked as refusal:
        messages.error(
            request,
            _("%(refusal)s Koladas värde kan inte tas in; du kan behålla det inmatade värdet.")
            % {"refusal": refusal.messages[0]},
        )
        return redirect("statistics:kolada_conflicts")
    messages.success(
        request,
        _("Koladas värde är infört.") if choice == "take" else _("Ditt värde är kvar."),
    )
    return redirect("statistics:kolada_conflicts")
