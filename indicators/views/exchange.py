"""Excel and CSV: the import template, the import with preview, the export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from agreements.models import Agreement

from .. import excel, excel_export
from ..forms import ImportForm
from ..models import FollowUpReport, Measurement, MeasurementLocked
from ..selectors import agreement_indicators
from .common import require_entry, visible_agreement, visible_period

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content, filename, fmt):
    content_type = XLSX if fmt == "xlsx" else "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_safe
def import_template(request, agreement_pk, year, half, fmt="xlsx"):
    agreement, period = visible_period(request.user, agreement_pk, year, half)
    indicators = list(agreement_indicators(agreement))
    measurements = {m.indicator_id: m for m in Measurement.objects.filter(period=period)}
    build = excel.import_template_csv if fmt == "csv" else excel.import_template_xlsx
    content = build(agreement, period, indicators, measurements)
    return _download(content, f"utfall-{agreement.pk}-{period.year}-h{period.half}", fmt)


def _session_key(period):
    return f"indicators-import-{period.pk}"


@login_required
def measurement_import(request, agreement_pk, year, half):
    """Upload → preview with every row's errors → confirm: all rows are saved, or none."""
    agreement, period = visible_period(request.user, agreement_pk, year, half)
    require_entry(request.user, agreement)
    report = FollowUpReport.objects.filter(period=period).first()
    locked = report is not None and report.is_locked
    if request.method == "POST" and locked:
        messages.error(request, MeasurementLocked(period).messages[0])
    form = ImportForm()
    rows = None
    key = _session_key(period)
    if request.method == "POST" and not locked:
        if "confirm" in request.POST:
            raw_rows = request.session.get(key)
            if not raw_rows:
                messages.error(
                    request, _("Förhandsgranskningen har gått ut; ladda upp filen igen.")
                )
                return redirect("indicators:import", agreement.pk, period.year, period.half)
            try:
                saved = excel.apply_import(
                    agreement=agreement, period=period, user=request.user, raw_rows=raw_rows
                )
            except MeasurementLocked as refusal:
                messages.error(request, refusal.messages[0])
            except ValidationError:
                rows = excel.check_import(agreement, period, raw_rows)
                messages.error(request, _("Filen har fel; inget är sparat."))
            else:
                del request.session[key]
                messages.success(
                    request,
                    ngettext("%(n)s värde importerades.", "%(n)s värden importerades.", saved)
                    % {"n": saved},
                )
                return redirect("indicators:entry", agreement.pk, period.year, period.half)
        else:
            form = ImportForm(request.POST, request.FILES)
            if form.is_valid():
                try:
                    raw_rows = excel.read_upload(form.cleaned_data["file"])
                except excel.ImportFileError as error:
                    form.add_error("file", str(error))
                else:
                    rows = excel.check_import(agreement, period, raw_rows)
                    request.session[key] = [row.as_session() for row in rows]
    return render(
        request,
        "indicators/import.html",
        {
            "agreement": agreement,
            "period": period,
            "form": form,
            "rows": rows,
            "has_errors": rows is not None and any(r.errors for r in rows),
            "locked": locked,
        },
    )


def _export(agreements, fmt, name):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    measurements = excel_export.export_queryset(agreements)
    content = (
        excel_export.export_csv(measurements)
        if fmt == "csv"
        else excel_export.export_xlsx(measurements)
    )
    return _download(content, f"{name}-{timezone.localdate():%Y%m%d}", fmt)


@login_required
@require_safe
def export_agreement(request, agreement_pk, fmt):
    agreement = visible_agreement(request.user, agreement_pk)
    return _export([agreement.pk], fmt, f"utfall-{agreement.pk}")


@login_required
@require_safe
def export_all(request, fmt):
    return _export(Agreement.objects.visible_to(request.user).values("pk"), fmt, "utfall")
