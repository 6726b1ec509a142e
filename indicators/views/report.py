"""The half-year report: values, trends, status and charts; the analysis; submit and review."""

from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from samverkan.concurrency import EditConflict
from samverkan.files import private_file_response

from ..charts import indicator_chart_svg
from ..forms import AnalysisForm, ReviewForm
from ..kolada.comparison import comparison_series
from ..models import FollowUpReport, Indicator, Measurement
from ..selectors import (
    group_by_goal,
    indicator_rows,
    kolada_late_values,
    periods_until,
    status_counts,
)
from ..services import (
    ReportIncomplete,
    can_enter,
    can_review,
    followup_report_for,
    followup_report_review,
    followup_report_save_analysis,
    followup_report_submit,
)
from ..tasks import report_document_current, report_document_order
from .common import require_entry, require_review, visible_period


def report_context(request, agreement, period, report):
    rows = indicator_rows(agreement, period)
    return {
        "agreement": agreement,
        "period": period,
        "report": report,
        "groups": group_by_goal(rows),
        "counts": status_counts(rows),
        "has_demo": any(row.has_demo for row in rows),
        "events": list(report.events.select_related("user", "user__party")),
        "can_enter": can_enter(request.user, agreement),
        "can_review": can_review(request.user, agreement),
        "editable": not report.is_locked,
        "kolada_late": kolada_late_values(agreement, period),
        "rows": rows,
    }


@login_required
def report_detail(request, agreement_pk, year, half):
    agreement, period = visible_period(request.user, agreement_pk, year, half)
    report = followup_report_for(period)
    context = report_context(request, agreement, period, report)
    context["analysis_form"] = AnalysisForm(instance=report)
    context["review_form"] = ReviewForm()
    context["pdf_document"] = report_document_current(report=report, rows=context["rows"])
    return render(request, "indicators/report.html", context)


@login_required
@require_POST
def report_save(request, agreement_pk, year, half):
    """Save the analysis; with ``submit`` also send the report for review."""
    agreement, period = visible_period(request.user, agreement_pk, year, half)
    require_entry(request.user, agreement)
    report = followup_report_for(period)
    form = AnalysisForm(request.POST, instance=FollowUpReport.objects.get(pk=report.pk))
    missing = None
    if form.is_valid():
        try:
            saved = followup_report_save_analysis(
                report=report,
                user=request.user,
                analysis=form.cleaned_data["analysis"],
                base_fingerprint=form.cleaned_data["base_fingerprint"],
            )
            if "submit" in request.POST:
                followup_report_submit(
                    report=report,
                    user=request.user,
                    confirm_missing=request.POST.get("confirm_missing") == "1",
                )
                messages.success(request, _("Rapporten är inskickad för granskning."))
            else:
                messages.success(request, _("Analysen är sparad."))
            return redirect("indicators:report", agreement.pk, period.year, period.half)
        except ReportIncomplete as incomplete:
            # The analysis is saved; the page lists what is missing and asks to confirm, and
            # the confirmation compares with the analysis just saved.
            missing = incomplete.missing
            form.rebase(saved)
        except EditConflict as conflict:
            form.show_conflict(conflict.current)
        except ValidationError as error:
            form.add_error(None, error)
    context = report_context(request, agreement, period, report)
    context["missing"] = missing
    context["analysis_form"] = form
    context["review_form"] = ReviewForm()
    context["pdf_document"] = report_document_current(report=report, rows=context["rows"])
    return render(request, "indicators/report.html", context)


@login_required
def report_review(request, agreement_pk, year, half):
    agreement, period = visible_period(request.user, agreement_pk, year, half)
    require_review(request.user, agreement)
    report = followup_report_for(period)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        approved = form.cleaned_data["decision"] == "approve"
        try:
            followup_report_review(
                report=report,
                reviewer=request.user,
                approved=approved,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, field_messages in error.message_dict.items():
                    for message in field_messages:
                        form.add_error(field if field in form.fields else None, message)
            else:
                form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Rapporten är godkänd.") if approved else _("Rapporten är skickad tillbaka."),
            )
            return redirect("indicators:report", agreement.pk, period.year, period.half)
    context = report_context(request, agreement, period, report)
    context["review_form"] = form
    return render(request, "indicators/review.html", context)


@login_required
@require_safe
@csp_replace({"style-src": ["'self'", "'unsafe-inline'"], "script-src": ["'none'"]})
def indicator_chart(request, agreement_pk, year, half, indicator_pk):
    """The chart as an image of its own, so the page needs no inline SVG styles."""
    agreement, period = visible_period(request.user, agreement_pk, year, half)
    indicator = get_object_or_404(Indicator, pk=indicator_pk, goal__agreement=agreement)
    periods = periods_until(agreement, period)
    by_period = {
        m.period_id: m for m in Measurement.objects.filter(indicator=indicator, period__in=periods)
    }
    comparison = comparison_series(agreement, [indicator]).get(indicator.pk, [])
    svg = indicator_chart_svg(
        indicator, periods, [by_period.get(p.pk) for p in periods], comparison
    )
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=60"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_safe
def report_pdf(request, agreement_pk, year, half):
    """The report's PDF for its current content, once the background job has made it; until
    then the report page, which shows how far the PDF has come. Never rendered here."""
    agreement, period = visible_period(request.user, agreement_pk, year, half)
    document = report_document_current(report=followup_report_for(period))
    if document is None or not document.is_ready:
        return redirect(
            reverse("indicators:report", args=[agreement.pk, period.year, period.half])
            + "#rapport-pdf"
        )
    filename = f"halvarsuppfoljning-{agreement.pk}-{period.year}-h{period.half}.pdf"
    return private_file_response(document.file, filename=filename)


@login_required
@require_POST
def report_pdf_order(request, agreement_pk, year, half):
    """Order the report's PDF (anyone who may read the report); it is made in the background."""
    agreement, period = visible_period(request.user, agreement_pk, year, half)
    report_document_order(report=followup_report_for(period))
    return redirect(
        reverse("indicators:report", args=[agreement.pk, period.year, period.half]) + "#rapport-pdf"
    )
