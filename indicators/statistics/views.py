"""Kartläggning pages: the list, one snapshot, its entry form, labour demand, and the
side-by-side comparison of an agreement's municipalities."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from agreements.access import get_visible_agreement
from agreements.models import Agreement, AgreementParty
from samverkan.concurrency import EditConflict
from samverkan.paging import page_of

from ..models import (
    LabourDemandSnapshot,
    ProgrammeFigure,
    StatisticsSnapshot,
    editable_municipalities,
)
from .compare import compare, ranked
from .computations import (
    FIGURE_FIELDS,
    demand_fingerprint,
    derive,
    figure_warnings,
    figures_fingerprint,
    labour_demand_snapshot_save,
    statistics_snapshot_save,
)
from .forms import (
    FIELD_LABELS,
    LabourDemandRowFormSet,
    LabourDemandSnapshotForm,
    StatisticsSnapshotForm,
    programme_forms,
)


def _date_param(request, name):
    try:
        return datetime.date.fromisoformat(request.GET.get(name, ""))
    except ValueError:
        return None


@login_required
def snapshot_list(request):
    """The snapshots, the agreements to compare and the labour demand: each paged, so an
    administrator's list of 290 municipalities' years stays one screen."""
    snapshots, snapshots_query = page_of(
        request,
        StatisticsSnapshot.objects.visible_to(request.user)
        .select_related("municipality")
        .order_by("municipality__name", "-measured_on", "pk"),
        per_page=25,
    )
    demand, demand_query = page_of(
        request,
        LabourDemandSnapshot.objects.visible_to(request.user)
        .select_related("municipality")
        .order_by("municipality__name", "-measured_on", "pk"),
        per_page=25,
        param="sida_behov",
    )
    agreements, agreements_query = page_of(
        request,
        Agreement.objects.visible_to(request.user)
        .filter(
            Exists(AgreementParty.objects.filter(agreement=OuterRef("pk"), party__kind="kommun"))
        )
        .order_by("title", "pk")
        .only("pk", "title"),
        per_page=25,
        param="sida_avtal",
    )
    return render(
        request,
        "indicators/statistics/snapshot_list.html",
        {
            "snapshots": snapshots,
            "snapshots_query": snapshots_query,
            "demand_snapshots": demand,
            "demand_query": demand_query,
            "agreements": agreements,
            "agreements_query": agreements_query,
            "editable_ids": set(
                StatisticsSnapshot.objects.editable_by(request.user)
                .filter(pk__in=[s.pk for s in snapshots])
                .values_list("pk", flat=True)
            ),
            "may_create": editable_municipalities(request.user).exists(),
        },
    )


@login_required
def snapshot_detail(request, snapshot_pk):
    snapshot = get_object_or_404(
        StatisticsSnapshot.objects.visible_to(request.user)
        .select_related("municipality", "entered_by")
        .prefetch_related(Prefetch("figures", queryset=ProgrammeFigure.objects.all())),
        pk=snapshot_pk,
    )
    figures = {f.programme: f for f in snapshot.figures.all()}
    derived = derive(snapshot)
    rows = [
        (
            programme,
            figures.get(programme),
            derived.programme_short_share.get(programme),
        )
        for programme in ProgrammeFigure.Programme
    ]
    return render(
        request,
        "indicators/statistics/snapshot_detail.html",
        {
            "snapshot": snapshot,
            "rows": rows,
            "derived": derived,
            "warnings": figure_warnings(snapshot),
            "may_edit": StatisticsSnapshot.objects.editable_by(request.user)
            .filter(pk=snapshot.pk)
            .exists(),
        },
    )


@login_required
def snapshot_create(request):
    if not editable_municipalities(request.user).exists():
        raise PermissionDenied
    return _snapshot_form(request, StatisticsSnapshot())


@login_required
def snapshot_edit(request, snapshot_pk):
    snapshot = get_object_or_404(
        StatisticsSnapshot.objects.editable_by(request.user).select_related("municipality"),
        pk=snapshot_pk,
    )
    return _snapshot_form(request, snapshot)


def _show_conflict(form, current_fingerprint):
    """Someone saved this kartläggning after it was opened: say so and keep the figures."""
    form.conflict = True
    form.data = form.data.copy()
    form.data["base_fingerprint"] = current_fingerprint
    form.add_error(
        None,
        _(
            "Någon annan har sparat ändringar i kartläggningen medan du "
            "skrev. Dina siffror finns kvar i formuläret. Öppna "
            "kartläggningen i en ny flik och jämför, och spara sedan igen."
        ),
    )


def _snapshot_form(request, snapshot):
    data = request.POST if request.method == "POST" else None
    form = StatisticsSnapshotForm(data, instance=snapshot, user=request.user)
    rows = programme_forms(data, snapshot)
    if data is not None:
        valid = form.is_valid()
        rows_valid = [row.is_valid() for row in rows]  # every row gets its messages
        valid = all(rows_valid) and valid
        if valid:
            try:
                saved = statistics_snapshot_save(
                    snapshot=form.save(commit=False),
                    figures={row.programme: row.values() for row in rows},
                    user=request.user,
                    base_fingerprint=form.cleaned_data.get("base_fingerprint") or "",
                )
            except EditConflict as conflict:
                _show_conflict(form, figures_fingerprint(conflict.current))
            else:
                messages.success(request, _("Kartläggningen är sparad."))
                return redirect(saved)
    return render(
        request,
        "indicators/statistics/snapshot_form.html",
        {
            "form": form,
            "rows": rows,
            "columns": list(FIELD_LABELS.items()),
            "snapshot": snapshot if snapshot.pk else None,
            "field_names": FIGURE_FIELDS,
        },
    )


@login_required
def agreement_comparison(request, agreement_pk):
    agreement = get_visible_agreement(
        request.user, agreement_pk, queryset=Agreement.objects.with_parties()
    )
    comparison = compare(
        agreement,
        date=_date_param(request, "datum"),
        demand_date=_date_param(request, "efterfragan"),
    )
    return render(
        request,
        "indicators/statistics/comparison.html",
        {"agreement": agreement, "c": comparison, "Programme": ProgrammeFigure.Programme},
    )


@login_required
def demand_detail(request, demand_pk):
    snapshot = get_object_or_404(
        LabourDemandSnapshot.objects.visible_to(request.user)
        .select_related("municipality")
        .prefetch_related("rows"),
        pk=demand_pk,
    )
    return render(
        request,
        "indicators/statistics/demand_detail.html",
        {
            "snapshot": snapshot,
            "rows": ranked(snapshot),
            "may_edit": LabourDemandSnapshot.objects.editable_by(request.user)
            .filter(pk=snapshot.pk)
            .exists(),
        },
    )


@login_required
def demand_create(request):
    if not editable_municipalities(request.user).exists():
        raise PermissionDenied
    return _demand_form(request, LabourDemandSnapshot())


@login_required
def demand_edit(request, demand_pk):
    snapshot = get_object_or_404(
        LabourDemandSnapshot.objects.editable_by(request.user).select_related("municipality"),
        pk=demand_pk,
    )
    return _demand_form(request, snapshot)


def _demand_form(request, snapshot):
    data = request.POST if request.method == "POST" else None
    form = LabourDemandSnapshotForm(data, instance=snapshot, user=request.user)
    formset = LabourDemandRowFormSet(data, instance=snapshot, prefix="rader")
    if data is not None:
        valid = form.is_valid()
        valid = formset.is_valid() and valid
        if valid:
            try:
                saved = labour_demand_snapshot_save(
                    snapshot=form.save(commit=False),
                    rows=formset,
                    user=request.user,
                    base_fingerprint=form.cleaned_data.get("base_fingerprint") or "",
                )
            except EditConflict as conflict:
                _show_conflict(form, demand_fingerprint(conflict.current))
            else:
                messages.success(request, _("Rekryteringsbehovet är sparat."))
                return redirect("statistics:demand_detail", demand_pk=saved.pk)
    return render(
        request,
        "indicators/statistics/demand_form.html",
        {"form": form, "formset": formset, "snapshot": snapshot if snapshot.pk else None},
    )
