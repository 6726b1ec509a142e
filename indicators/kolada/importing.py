"""The import of Kolada-sourced indicators into the half-year follow-up.

Decisions the import makes, so the follow-up stays honest:

* Kolada's values are yearly; the portal's follow-up is half-yearly. A year's value is stored
  in that year's second half-year (H2, July–December), which is created if missing: the
  yearly figure is known at the earliest when the year is over, and H2's report (due at the end
  of January) is the one that follows the year up.
* A measurement has no municipality: it is the agreement's value. For an agreement with one
  municipality it is that municipality's value. For several municipalities a count is the sum
  of the municipalities' values (only when every municipality has one, otherwise the field is
  left empty); a percentage cannot be added up without its denominators, so no measurement is
  made and the import says so. Every municipality's own value is kept in ``KoladaValue`` and
  shown on the Kolada page.
* A value a person entered (origin manual or import) is never overwritten: a different Kolada
  value opens a ``KoladaConflict`` for a person to settle. Values from Kolada or demo values
  are replaced by Kolada's.
* A period whose report is submitted or approved is locked (FollowUpReport.is_locked): a
  different Kolada value for it never changes the stored value. Where a value is stored it
  becomes a conflict for a person to see (who can only keep the value while the period is
  locked); where none is, it is kept as a ``KoladaLateValue`` that the next period's report
  shows (and the run's messages say so).
* Beside the municipalities' values the import fetches Riket's (0000) and each county's
  (00 + länskod), kept in ``KoladaValue`` too and shown beside the agreement's values in the
  report and its charts; and Kolada's description of each KPI (``KoladaKpi``: its Swedish title
  and whether it is divided by gender). Neither changes a measurement.
* Everything is compared before it is saved, so a second import with the same answers from
  Kolada changes no row and writes no history.
"""

import logging
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Agreement
from samverkan.models import Party

from ..models import (
    FollowUpPeriod,
    Indicator,
    KoladaConflict,
    KoladaImportRun,
    KoladaLateValue,
    Measurement,
)
from ..services import followup_period_lock, measurement_store
from .client import FIELDS, MAX_YEARS, KoladaError, KoladaPoint, fetch_kpi
from .published import import_comparison, import_metadata, store_values

logger = logging.getLogger(__name__)


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    messages: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def import_years(agreement, today: date | None = None) -> list[int]:
    """The years the agreement is valid in, up to this year (at most ten)."""
    today = today or timezone.localdate()
    validity = agreement.validity_in_force()  # not an unsigned revision's dates
    end = today.year
    for limit in (validity.valid_until, validity.terminated_on):
        if limit:
            end = min(end, limit.year)
    start = validity.valid_from.year if validity.valid_from else end - 3
    start = max(start, end - MAX_YEARS + 1)
    return list(range(start, end + 1))


def h2_period(agreement, year: int) -> FollowUpPeriod:
    """The second half-year of ``year``, where a yearly Kolada value is kept (module doc)."""
    period, _created = FollowUpPeriod.objects.get_or_create(
        agreement=agreement,
        year=year,
        half=2,
        defaults={
            "starts_on": date(year, 7, 1),
            "ends_on": date(year, 12, 31),
            "deadline": date(year + 1, 1, 31),
        },
    )
    return period


def agreement_municipalities(agreement) -> list[Party]:
    return list(
        agreement.parties.filter(kind=Party.Kind.MUNICIPALITY)
        .exclude(municipality_code="")
        .order_by("municipality_code")
    )


def kolada_import(*, agreement=None, run: KoladaImportRun | None = None) -> KoladaImportRun:
    """Import every Kolada-sourced indicator of ``agreement``, or of every agreement; into
    ``run`` when it was ordered first (``tasks.kolada_import_order``)."""
    if run is None:
        # Run here and now (the command line, tests): no claim, so the sweep leaves it alone.
        run = KoladaImportRun.objects.create(
            agreement=agreement, status=KoladaImportRun.Status.RUNNING, started_at=timezone.now()
        )
    report = ImportReport()
    if agreement is not None:
        agreements = [agreement]
    else:
        agreements = list(
            Agreement.objects.filter(goals__indicators__source=Indicator.Source.KOLADA)
            .distinct()
            .order_by("pk")
        )
    cache: dict[tuple, list[KoladaPoint] | KoladaError] = {}
    import_metadata(
        Indicator.objects.filter(
            goal__agreement__in=agreements, source=Indicator.Source.KOLADA
        ).values_list("kolada_kpi", flat=True),
        report,
    )
    for each in agreements:
        _import_agreement(each, report, cache)
    run.created, run.updated = report.created, report.updated
    run.unchanged, run.conflicts = report.unchanged, report.conflicts
    run.messages, run.errors = report.messages, report.errors
    run.finished_at = timezone.now()
    run.status = KoladaImportRun.Status.FINISHED
    run.save()
    return run


def _import_agreement(agreement, report: ImportReport, cache) -> None:
    indicators = list(
        Indicator.objects.filter(goal__agreement=agreement, source=Indicator.Source.KOLADA)
        .exclude(kolada_kpi="")
        .order_by("goal__position", "position", "pk")
    )
    if not indicators:
        return
    municipalities = agreement_municipalities(agreement)
    if not municipalities:
        report.messages.append(
            _("%(agreement)s: ingen part är en kommun med kommunkod.") % {"agreement": agreement}
        )
        return
    years = import_years(agreement)
    if not years:
        return
    codes = [m.municipality_code for m in municipalities]
    for indicator in indicators:
        kpi = indicator.kolada_kpi.strip()
        key = (kpi, tuple(codes), tuple(years))
        if key not in cache:
            try:
                cache[key] = fetch_kpi(kpi, codes, years)
            except KoladaError as exc:
                cache[key] = exc
        points = cache[key]
        if isinstance(points, KoladaError):
            report.errors.append(
                _("%(kpi)s (%(indicator)s, %(agreement)s): %(error)s")
                % {"kpi": kpi, "indicator": indicator, "agreement": agreement, "error": points}
            )
            continue
        store_values(points)
        import_comparison(kpi, codes, years, cache, report)
        if len(codes) > 1 and indicator.unit == Indicator.Unit.PERCENT:
            report.messages.append(
                _(
                    "%(kpi)s (%(indicator)s): procentvärden för flera kommuner kan inte läggas "
                    "ihop. Varje kommuns värde visas på Kolada-sidan."
                )
                % {"kpi": kpi, "indicator": indicator}
            )
            continue
        by_year = {}
        for point in points:
            if point.municipality in codes and point.year in years:
                by_year.setdefault(point.year, {})[point.municipality] = point
        for year in years:
            values = _aggregate(by_year.get(year, {}), codes, indicator.by_gender)
            if values is not None:
                _store_measurement(agreement, indicator, year, values, report)


def _aggregate(points_by_code: dict, codes: list[str], by_gender: bool) -> dict | None:
    """The agreement's value from its municipalities' values: the sum of each field when every
    municipality has it (one municipality: its own value)."""
    values = {}
    for name in FIELDS:
        if name != "total" and not by_gender:
            values[name] = None
            continue
        parts = [getattr(points_by_code.get(code), name, None) for code in codes]
        values[name] = None if any(p is None for p in parts) else sum(parts, Decimal(0))
    if all(v is None for v in values.values()):
        return None
    return values


def _differs(measurement: Measurement, values: dict) -> bool:
    """Whether Kolada says something else; a field Kolada leaves empty says nothing."""
    return any(
        value is not None and getattr(measurement, name) != value for name, value in values.items()
    )


def _keep_late_value(indicator, period, values: dict) -> None:
    """Keep Kolada's value for a locked period without one, for the next period's report."""
    fields = {name: values.get(name) for name in FIELDS}
    late = KoladaLateValue.objects.filter(indicator=indicator, period=period).first()
    if late is None:
        KoladaLateValue.objects.create(
            indicator=indicator, period=period, fetched_at=timezone.now(), **fields
        )
    elif any(getattr(late, name) != value for name, value in fields.items()):
        for name, value in fields.items():
            setattr(late, name, value)
        late.fetched_at = timezone.now()
        late.save()


def _store_measurement(agreement, indicator, year: int, values: dict, report) -> None:
    source_note = _("Kolada, nyckeltal %(kpi)s, år %(year)s") % {
        "kpi": indicator.kolada_kpi,
        "year": year,
    }
    with transaction.atomic():
        period = h2_period(agreement, year)
        # The period's row lock first (as every measurement write and a submit take it), so a
        # submit at the same moment cannot slip between this check and the write.
        locked = followup_period_lock(period=period)
        measurement = (
            Measurement.objects.select_for_update()
            .filter(indicator=indicator, period=period)
            .first()
        )
        if measurement is None:
            if locked:
                _keep_late_value(indicator, period, values)
                report.messages.append(
                    _(
                        "%(kpi)s (%(indicator)s): Kolada har ett värde för %(year)s, men "
                        "rapporten för %(period)s är inskickad eller granskad och ändras inte. "
                        "Ta upp värdet i nästa halvårsrapport."
                    )
                    % {
                        "kpi": indicator.kolada_kpi,
                        "indicator": indicator,
                        "year": year,
                        "period": period.label,
                    }
                )
                return
            measurement_store(
                indicator=indicator,
                period=period,
                values=values,
                origin=Measurement.Origin.KOLADA,
                source_note=source_note,
            )
            KoladaLateValue.objects.filter(indicator=indicator, period=period).delete()
            report.created += 1
            return
        replaceable = measurement.origin in (Measurement.Origin.KOLADA, Measurement.Origin.DEMO)
        if replaceable and not locked:
            same = not any(getattr(measurement, n) != v for n, v in values.items())
            if same and measurement.origin == Measurement.Origin.KOLADA:
                report.unchanged += 1
                return
            measurement_store(
                indicator=indicator,
                period=period,
                values=values,
                origin=Measurement.Origin.KOLADA,
                source_note=source_note,
                entered_by=measurement.entered_by,
            )
            report.updated += 1
            return
        # A person entered this value, or its report is locked: never overwrite it.
        if not _differs(measurement, values):
            report.unchanged += 1
            return
        fetched = {f"kolada_{name}": value for name, value in values.items()}
        open_conflict = measurement.kolada_conflicts.filter(resolved_at__isnull=True).first()
        if open_conflict is not None:
            if all(getattr(open_conflict, k) == v for k, v in fetched.items()):
                report.unchanged += 1
                return
            for key, value in fetched.items():
                setattr(open_conflict, key, value)
            open_conflict.save()
            report.conflicts += 1
            return
        if measurement.kolada_conflicts.filter(
            resolution=KoladaConflict.Resolution.KEEP, **fetched
        ).exists():
            # Someone already chose their own value over exactly these Kolada figures.
            report.unchanged += 1
            return
        KoladaConflict.objects.create(measurement=measurement, **fetched)
        report.conflicts += 1


def kolada_conflict_resolve(*, conflict: KoladaConflict, user, take: bool) -> KoladaConflict:
    """Settle a conflict: take Kolada's values into the measurement, or keep the person's.

    Taking refuses a locked period (MeasurementLocked, nothing changes); keeping is always
    possible, since it changes no value."""
    with transaction.atomic():
        conflict = KoladaConflict.objects.select_for_update().get(pk=conflict.pk)
        if not conflict.is_open:
            return conflict
        if take:
            measurement = conflict.measurement
            values = {
                name: getattr(conflict, f"kolada_{name}")
                for name in FIELDS
                if getattr(conflict, f"kolada_{name}") is not None
            }
            measurement_store(
                indicator=measurement.indicator,
                period=measurement.period,
                values=values,
                origin=Measurement.Origin.KOLADA,
                source_note=_("Kolada, nyckeltal %(kpi)s")
                % {"kpi": measurement.indicator.kolada_kpi},
                user=user,
                entered_by=user,
            )
        conflict.resolution = (
            KoladaConflict.Resolution.TAKE if take else KoladaConflict.Resolution.KEEP
        )
        conflict.resolved_at = timezone.now()
        conflict.resolved_by = user
        conflict.save()
    return conflict


def conflicts_visible_to(user):
    return KoladaConflict.objects.filter(
        measurement__indicator__goal__agreement__in=Agreement.objects.visible_to(user)
    )


def conflicts_settleable_by(user):
    """The people who enter values settle conflicts: officials and section chiefs of a party
    and administrators, while the agreement has not ended (the rule of measurement entry)."""
    if not (user.is_authenticated and user.is_active):
        return KoladaConflict.objects.none()
    if not user.may_write:
        return KoladaConflict.objects.none()
    return conflicts_visible_to(user).exclude(
        measurement__indicator__goal__agreement__status=Agreement.Status.ENDED
    )
