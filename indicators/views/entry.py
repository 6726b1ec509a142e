"""Entering an agreement's values for one period: every indicator as a row of one page.

Valid rows are saved, refused rows stay with their messages and typed values: one wrong
number must not cost the official the rest of the page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..forms import MeasurementRowForm, mark_invalid
from ..models import Measurement, MeasurementLocked
from ..selectors import agreement_indicators, report_returned_event
from ..services import (
    MeasurementConflict,
    followup_report_for,
    measurement_fingerprint,
    measurement_save,
)
from ..values import format_number
from .common import require_entry, visible_period


def _conflict_message(current):
    if current is None:
        return _(
            "Någon annan har tagit bort värdet medan du skrev. Ditt värde finns kvar; "
            "spara igen om det ska gälla."
        )
    return _(
        "Någon annan sparade ett värde medan du skrev: totalt %(total)s, kvinnor %(women)s, "
        "män %(men)s, okänt kön %(unknown)s. Ditt värde finns kvar; spara igen om det ska gälla."
    ) % {
        "total": format_number(current.total) or "–",
        "women": format_number(current.women) or "–",
        "men": format_number(current.men) or "–",
        "unknown": format_number(current.unknown) or "–",
    }


def _save_row(form, period, user):
    """Returns 'saved', 'unchanged' or 'refused'."""
    if not form.is_valid():
        return "refused"
    if not form.values_changed():
        return "unchanged"
    data = form.cleaned_data
    try:
        measurement_save(
            indicator=form.indicator,
            period=period,
            user=user,
            total=data.get("total"),
            women=data.get("women"),
            men=data.get("men"),
            unknown=data.get("unknown"),
            comment=data.get("comment", ""),
            source_note=data.get("source_note", ""),
            base_fingerprint=data.get("base") or "new",
        )
    except MeasurementConflict as conflict:
        # The next save, after reading what is stored now, may replace it knowingly.
        form.data = form.data.copy()
        form.data[form.add_prefix("base")] = measurement_fingerprint(conflict.current)
        form.add_error(None, _conflict_message(conflict.current))
        return "refused"
    except MeasurementLocked as locked:
        # Submitted while this page was open: the stored value stays, the typed one is shown.
        form.add_error(None, locked.messages[0])
        return "refused"
    except ValidationError as error:
        for field, field_messages in error.message_dict.items():
            for message in field_messages:
                form.add_error(field if field in form.fields else None, message)
        return "refused"
    return "saved"


@login_required
def measurement_entry(request, agreement_pk, year, half):
    agreement, period = visible_period(request.user, agreement_pk, year, half)
    require_entry(request.user, agreement)
    report = followup_report_for(period)
    locked = report.is_locked
    if request.method == "POST" and locked:
        messages.error(request, MeasurementLocked(period).messages[0])
    indicators = list(agreement_indicators(agreement))

    def stored():
        return {
            m.indicator_id: m
            for m in Measurement.objects.filter(period=period, indicator__in=indicators)
        }

    measurements = stored()
    data = request.POST if request.method == "POST" and not locked else None
    forms = [
        MeasurementRowForm(data, indicator=i, measurement=measurements.get(i.pk))
        for i in indicators
    ]
    if data is not None:
        outcome = [_save_row(form, period, request.user) for form in forms]
        saved, refused = outcome.count("saved"), outcome.count("refused")
        if not refused:
            messages.success(
                request,
                ngettext("%(n)s värde sparades.", "%(n)s värden sparades.", saved) % {"n": saved}
                if saved
                else _("Inget hade ändrats."),
            )
            return redirect("indicators:entry", agreement.pk, period.year, period.half)
        # Saved rows show what is stored now; refused rows keep what was typed.
        measurements = stored()
        forms = [
            mark_invalid(form)
            if state == "refused"
            else MeasurementRowForm(
                indicator=form.indicator, measurement=measurements.get(form.indicator.pk)
            )
            for form, state in zip(forms, outcome, strict=True)
        ]
        messages.error(
            request,
            " ".join(
                (
                    ngettext("%(n)s rad sparades.", "%(n)s rader sparades.", saved) % {"n": saved},
                    ngettext(
                        "%(n)s rad behöver rättas; se meddelandet nedan.",
                        "%(n)s rader behöver rättas; se meddelandena nedan.",
                        refused,
                    )
                    % {"n": refused},
                )
            ),
        )
    groups = []
    for form in forms:
        goal = form.indicator.goal
        if not groups or groups[-1][0].pk != goal.pk:
            groups.append((goal, []))
        groups[-1][1].append(form)
    return render(
        request,
        "indicators/entry.html",
        {
            "agreement": agreement,
            "period": period,
            "report": report,
            "returned": report_returned_event(report),
            "locked": locked,
            "groups": groups,
            "has_errors": any(form.errors for form in forms),
            "has_demo": any(m.origin == Measurement.Origin.DEMO for m in measurements.values()),
            "status": 200,
        },
        status=200,
    )
