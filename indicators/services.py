"""Writes of the follow-up: periods, measurements and the review of half-year reports."""

import calendar
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Agreement
from samverkan.concurrency import EditConflict, fingerprint, row_update
from samverkan.models import Party

from .models import (
    FollowUpPeriod,
    FollowUpReport,
    FollowUpSettings,
    Indicator,
    Measurement,
    MeasurementLocked,
    ReportEvent,
)
from .notices import report_reviewed_notify
from .values import NUMBER_FIELDS, clean_values

# ---------------------------------------------------------------- periods


def _deadline(year: int, month: int, day: int) -> datetime.date:
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def period_deadline(*, year: int, half: int, settings: FollowUpSettings | None) -> datetime.date:
    """H1 by 31 August, H2 by 31 January the year after, unless the agreement says otherwise.

    An H2 deadline in January–June falls in the next year, one in July–December in the same.
    """
    if half == 1:
        month = settings.h1_deadline_month if settings else 8
        day = settings.h1_deadline_day if settings else 31
        return _deadline(year, month, day)
    month = settings.h2_deadline_month if settings else 1
    day = settings.h2_deadline_day if settings else 31
    return _deadline(year + 1 if month <= 6 else year, month, day)


def half_of(date: datetime.date) -> tuple[int, int]:
    return date.year, 1 if date.month <= 6 else 2


def period_bounds(year: int, half: int) -> tuple[datetime.date, datetime.date]:
    if half == 1:
        return datetime.date(year, 1, 1), datetime.date(year, 6, 30)
    return datetime.date(year, 7, 1), datetime.date(year, 12, 31)


def followup_period_get_or_create(*, agreement: Agreement, year: int, half: int) -> FollowUpPeriod:
    settings = FollowUpSettings.objects.filter(agreement=agreement).first()
    starts_on, ends_on = period_bounds(year, half)
    period, _created = FollowUpPeriod.objects.get_or_create(
        agreement=agreement,
        year=year,
        half=half,
        defaults={
            "starts_on": starts_on,
            "ends_on": ends_on,
            "deadline": period_deadline(year=year, half=half, settings=settings),
        },
    )
    return period


def followup_periods_ensure(*, agreement: Agreement, today=None) -> list[FollowUpPeriod]:
    """Make the half-years of the agreement's validity up to the current one; idempotent.

    The validity is the signed version's (``Agreement.validity_in_force``): dates changed in
    a revision that is not yet signed make no periods. Deadlines follow the agreement's
    settings, so a changed setting moves existing deadlines.
    """
    today = today or timezone.localdate()
    validity = agreement.validity_in_force()
    if not validity.valid_from:
        return list(agreement.followup_periods.all())
    last = min(d for d in (validity.valid_until, validity.terminated_on, today) if d)
    settings = FollowUpSettings.objects.filter(agreement=agreement).first()
    existing = {(p.year, p.half): p for p in agreement.followup_periods.all()}
    year, half = half_of(validity.valid_from)
    end = half_of(last)
    with transaction.atomic():
        while (year, half) <= end:
            deadline = period_deadline(year=year, half=half, settings=settings)
            period = existing.get((year, half))
            if period is None:
                starts_on, ends_on = period_bounds(year, half)
                existing[(year, half)] = FollowUpPeriod.objects.create(
                    agreement=agreement,
                    year=year,
                    half=half,
                    starts_on=starts_on,
                    ends_on=ends_on,
                    deadline=deadline,
                )
            elif period.deadline != deadline:
                period.deadline = deadline
                period.save(update_fields=["deadline"])
            year, half = (year, 2) if half == 1 else (year + 1, 1)
    return [existing[key] for key in sorted(existing)]


# ---------------------------------------------------------------- access


def can_enter(user, agreement: Agreement) -> bool:
    """Officials and section chiefs of a party, and administrators, enter values while the
    agreement has not ended. The caller has fetched the agreement through visible_to."""
    if not (user.is_authenticated and user.is_active):
        return False
    if agreement.status == Agreement.Status.ENDED:
        return False
    if user.is_portal_admin:
        return True
    if not user.may_write:
        return False
    return agreement.agreement_parties.filter(party=user.party_id).exists()


def can_review(user, agreement: Agreement) -> bool:
    """Only a section chief of an Arbetsförmedlingen unit that is party to the agreement."""
    if not (user.is_authenticated and user.is_active and user.is_section_chief and user.party_id):
        return False
    return agreement.agreement_parties.filter(
        party=user.party_id, party__kind=Party.Kind.EMPLOYMENT_SERVICE
    ).exists()


# ---------------------------------------------------------------- measurements
#
# Every write of a measurement passes through this section: the entry page, the Excel/CSV
# import, the Kolada import and its conflict settlement, the admin and the demo loader.
# Each takes the period's row lock and refuses a locked period (FollowUpReport.is_locked)
# with MeasurementLocked; tests/indicators/test_record_locks.py checks no other module writes.


def followup_period_lock(*, period: FollowUpPeriod) -> bool:
    """Take the period's row lock and say whether its report is locked. Call inside a
    transaction: a submit takes the same row lock first, so a write and a submit never
    interleave (a value saved while the report is being sent would change what was sent)."""
    FollowUpPeriod.objects.select_for_update().filter(pk=period.pk).first()
    return FollowUpReport.period_locked(period.pk)


def followup_period_refuse_locked(*, period: FollowUpPeriod) -> None:
    """Raise MeasurementLocked when the period's report is submitted or approved."""
    if followup_period_lock(period=period):
        raise MeasurementLocked(period)


class MeasurementConflict(EditConflict):
    """Someone else saved this measurement after the form was opened."""


def measurement_fingerprint(measurement: Measurement | None) -> str:
    if measurement is None:
        return "new"
    return fingerprint(measurement, (*NUMBER_FIELDS, "comment", "source_note"))


def measurement_save(
    *,
    indicator: Indicator,
    period: FollowUpPeriod,
    user,
    total=None,
    women=None,
    men=None,
    unknown=None,
    comment: str = "",
    source_note: str = "",
    origin: str = Measurement.Origin.MANUAL,
    base_fingerprint: str | None = None,
) -> Measurement | None:
    """Check and store one indicator's value for a period.

    Raises ValidationError (per field, in Swedish), MeasurementLocked when the period's report
    is submitted or approved, or MeasurementConflict when ``base_fingerprint`` is given and the
    stored row changed since it was read. A row left entirely blank removes the stored value.
    Returns the measurement, or None when removed.
    """
    if indicator.goal.agreement_id != period.agreement_id:
        raise ValidationError(_("Indikatorn hör inte till överenskommelsen."))
    values = clean_values(
        indicator, {"total": total, "women": women, "men": men, "unknown": unknown}
    )
    comment, source_note = (comment or "").strip(), (source_note or "").strip()
    blank = all(v is None for v in values.values()) and not comment and not source_note
    with transaction.atomic():
        followup_period_refuse_locked(period=period)
        current = (
            Measurement.objects.select_for_update()
            .filter(indicator=indicator, period=period)
            .first()
        )
        if base_fingerprint is not None and measurement_fingerprint(current) != base_fingerprint:
            raise MeasurementConflict(current)
        if blank:
            if current is not None:
                current._history_user = user
                current.delete()
            return None
        measurement = current or Measurement(indicator=indicator, period=period)
        for field, value in values.items():
            setattr(measurement, field, value)
        measurement.comment = comment
        measurement.source_note = source_note
        measurement.origin = origin
        measurement.entered_by = user
        measurement._history_user = user  # simple_history: who made this change
        measurement.save()
        return measurement


def measurement_store(
    *,
    indicator: Indicator,
    period: FollowUpPeriod,
    values: dict,
    origin: str,
    user=None,
    source_note: str | None = None,
    entered_by=None,
) -> tuple[Measurement, bool]:
    """Store values that were checked at their source (Kolada, the demo data, the admin form)
    for one indicator and period; ``values`` holds any of total/women/men/unknown.

    Refuses a locked period with MeasurementLocked. Writes nothing, and no history, when the
    stored row already says the same. Returns (measurement, changed)."""
    if indicator.goal.agreement_id != period.agreement_id:
        raise ValidationError(_("Indikatorn hör inte till överenskommelsen."))
    with transaction.atomic():
        followup_period_refuse_locked(period=period)
        current = (
            Measurement.objects.select_for_update()
            .filter(indicator=indicator, period=period)
            .first()
        )
        measurement = current or Measurement(indicator=indicator, period=period)
        wanted = {**values, "origin": origin, "entered_by": entered_by}
        if source_note is not None:
            wanted["source_note"] = source_note
        if current is not None and all(getattr(current, k) == v for k, v in wanted.items()):
            return current, False
        for name, value in wanted.items():
            setattr(measurement, name, value)
        measurement._history_user = user
        measurement.save()
        return measurement, True


def measurement_save_row(*, measurement: Measurement, user) -> Measurement:
    """Save a measurement edited as a whole row (the admin's form). Refuses, with
    MeasurementLocked, when the period it is in or the one it moves to is locked."""
    with transaction.atomic():
        if measurement.pk is not None:
            stored = Measurement.objects.select_for_update().get(pk=measurement.pk)
            followup_period_refuse_locked(period=stored.period)
        followup_period_refuse_locked(period=measurement.period)
        measurement._history_user = user
        measurement.save()
        return measurement


def measurement_delete(*, measurement: Measurement, user=None) -> None:
    """Remove a stored value; refuses a locked period with MeasurementLocked."""
    with transaction.atomic():
        followup_period_refuse_locked(period=measurement.period)
        measurement._history_user = user
        measurement.delete()


# ---------------------------------------------------------------- reports


def followup_report_for(period: FollowUpPeriod) -> FollowUpReport:
    report, _created = FollowUpReport.objects.get_or_create(
        period=period, defaults={"agreement_id": period.agreement_id}
    )
    return report


def followup_report_save_analysis(
    *, report: FollowUpReport, user, analysis: str, base_fingerprint: str | None = None
) -> FollowUpReport:
    """Store the operative group's analysis, under the report's row lock.

    With ``base_fingerprint`` (from the form) raises ``EditConflict`` when someone saved
    another analysis after this person opened it, so nobody's text is overwritten unseen.
    """
    if not can_enter(user, report.agreement):
        raise PermissionDenied

    def check(current):
        if current.is_locked:
            raise ValidationError(_("Rapporten är inskickad och kan inte ändras."))

    return row_update(
        instance=report,
        values={"analysis": analysis.strip()},
        base_fingerprint=base_fingerprint,
        check=check,
    )


class ReportIncomplete(ValidationError):
    """A report is sent with indicators that have no value for its period; the person must
    see which and confirm (``confirm_missing``) before it is sent anyway."""

    def __init__(self, missing: list[Indicator]):
        super().__init__(
            _(
                "%(n)s av indikatorerna saknar värde för perioden. Bekräfta att rapporten ska "
                "skickas in ändå."
            )
            % {"n": len(missing)},
            code="report_incomplete",
        )
        self.missing = missing


def followup_report_missing(*, report: FollowUpReport) -> list[Indicator]:
    """The agreement's indicators without a total for the report's own period."""
    have = Measurement.objects.filter(period=report.period_id, total__isnull=False).values(
        "indicator"
    )
    return list(
        Indicator.objects.filter(goal__agreement=report.agreement_id)
        .exclude(pk__in=have)
        .select_related("goal")
        .order_by("goal__position", "goal__pk", "position", "pk")
    )


@transaction.atomic
def followup_report_submit(
    *, report: FollowUpReport, user, confirm_missing: bool = False
) -> FollowUpReport:
    """utkast or återremitterad → inskickad, by someone who may enter values.

    With values missing for the period it raises ReportIncomplete unless ``confirm_missing``:
    a report with 4 of 19 values is not sent without a word."""
    # The period's row lock first, as every measurement write takes it (followup_period_lock).
    FollowUpPeriod.objects.select_for_update().filter(pk=report.period_id).first()
    report = FollowUpReport.objects.select_for_update().get(pk=report.pk)
    if not can_enter(user, report.agreement):
        raise PermissionDenied
    if report.is_locked:
        raise ValidationError(_("Rapporten är redan inskickad."))
    if not confirm_missing:
        missing = followup_report_missing(report=report)
        if missing:
            raise ReportIncomplete(missing)
    report.status = FollowUpReport.Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.save(update_fields=["status", "submitted_at", "updated_at"])
    ReportEvent.objects.create(report=report, action=ReportEvent.Action.SUBMITTED, user=user)
    return report


@transaction.atomic
def followup_report_review(
    *, report: FollowUpReport, reviewer, approved: bool, comment: str = ""
) -> FollowUpReport:
    """inskickad → granskad or återremitterad, by a section chief of a party's Af unit.

    Sending a report back needs a comment: the official must learn what to change.
    """
    report = FollowUpReport.objects.select_for_update().get(pk=report.pk)
    if not can_review(reviewer, report.agreement):
        raise PermissionDenied
    comment = (comment or "").strip()
    if report.status != FollowUpReport.Status.SUBMITTED:
        raise ValidationError(_("Bara en inskickad rapport kan granskas."))
    if not approved and not comment:
        raise ValidationError(
            {"comment": [_("Skriv vad som ska ändras när du skickar tillbaka rapporten.")]}
        )
    report.status = FollowUpReport.Status.APPROVED if approved else FollowUpReport.Status.RETURNED
    report.save(update_fields=["status", "updated_at"])
    event = ReportEvent.objects.create(
        report=report,
        action=ReportEvent.Action.APPROVED if approved else ReportEvent.Action.RETURNED,
        user=reviewer,
        comment=comment,
    )
    report_reviewed_notify(report=report, event=event)
    return report
