"""Data for the parties' own tools: every data table (samverkan.tables) as CSV or XLSX, for
everything the user sees or for one agreement, and all of them in one workbook."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from samverkan.tables import csv_response, table, tables, xlsx_response

from ..access import get_visible_agreement

FORMATS = ("csv", "xlsx")


def _table_or_404(key, fmt):
    found = table(key) if key != "alla" else None
    if fmt not in FORMATS or (key != "alla" and found is None) or (key == "alla" and fmt != "xlsx"):
        raise Http404
    return found


def _respond(user, key, fmt, agreement, stem):
    chosen = _table_or_404(key, fmt)
    if chosen is None:  # every table in one workbook
        sheets = [(t, t.rows(user, agreement)) for t in tables()]
        return xlsx_response(sheets, f"{stem}-alla")
    rows = chosen.rows(user, agreement)
    if fmt == "csv":
        return csv_response(chosen, rows, f"{stem}-{chosen.key}")
    return xlsx_response([(chosen, rows)], f"{stem}-{chosen.key}")


def _stem(agreement=None):
    day = timezone.localdate().isoformat()
    if agreement is None:
        return f"samverkansportalen-{day}"
    return f"overenskommelse-{agreement.pk}-{day}"


@login_required
@require_safe
def data_index(request):
    return render(request, "agreements/data/index.html", {"tables": tables(), "agreement": None})


@login_required
@require_safe
def data_table(request, key, fmt):
    return _respond(request.user, key, fmt, None, _stem())


@login_required
@require_safe
def agreement_data(request, pk):
    agreement = get_visible_agreement(request.user, pk)
    return render(
        request, "agreements/data/index.html", {"tables": tables(), "agreement": agreement}
    )


@login_required
@require_safe
def agreement_data_table(request, pk, key, fmt):
    agreement = get_visible_agreement(request.user, pk)
    return _respond(request.user, key, fmt, agreement, _stem(agreement))
