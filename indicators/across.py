"""One indicator across agreements: the same Kolada KPI, or indicators of the same name,
in every agreement the user may see (for a section chief, all their unit's agreements), with
each one's latest value for women and men and its target. A handful of queries in all."""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, QuerySet, Subquery

from agreements.models import Agreement, document_fields
from samverkan.models import Party

from .kolada import area_name, comparison_areas
from .kolada.comparison import kpi_metadata
from .models import Indicator, KoladaValue, Measurement


@dataclass
class AcrossRow:
    agreement: Agreement
    indicator: Indicator
    measurement: Measurement | None  # the latest value with a total


@dataclass
class Across:
    kpi: str = ""
    name: str = ""
    title: str = ""
    # Every compared indicator, in table order, with ``latest_pk``: paged by the database,
    # the rows of a page made by ``rows_for``.
    indicators: QuerySet | None = None
    has_demo: bool = False  # a shown latest value is an invented demo value (rows_for)
    # For a Kolada KPI: (area name, code, KoladaValue of the latest year) per municipality
    # of the agreements, then Riket and the counties.
    kolada: list[tuple] = field(default_factory=list)
    kolada_year: int | None = None

    def rows_for(self, indicators) -> list[AcrossRow]:
        """The rows of a page of ``indicators``: each with its latest value (one query); notes
        in ``has_demo`` whether one of them is a demo value, which the page and chart say."""
        indicators = list(indicators)
        measurements = Measurement.objects.select_related("period").in_bulk(
            [i.latest_pk for i in indicators if i.latest_pk]
        )
        rows = [AcrossRow(i.goal.agreement, i, measurements.get(i.latest_pk)) for i in indicators]
        self.has_demo = any(
            r.measurement is not None and r.measurement.origin == Measurement.Origin.DEMO
            for r in rows
        )
        return rows


def _indicators(user):
    return Indicator.objects.filter(goal__agreement__in=Agreement.objects.visible_to(user))


def choices(user) -> tuple[list[tuple[str, str]], list[str]]:
    """The Kolada KPIs (with Kolada's title where fetched) and the indicator names found in
    more than one agreement the user sees: what can be compared."""
    indicators = _indicators(user).order_by()
    kpis = sorted(
        {
            k.strip()
            for k in indicators.exclude(kolada_kpi="")
            .values_list("kolada_kpi", flat=True)
            .distinct()
        }
    )
    meta = kpi_metadata(kpis)
    # Counted in the database: one row per name, not per indicator.
    shared = list(
        indicators.values("name")
        .annotate(agreements=Count("goal__agreement", distinct=True))
        .filter(agreements__gt=1)
        .order_by("name")
        .values_list("name", flat=True)
    )
    return [(kpi, meta[kpi].title if kpi in meta else "") for kpi in kpis], shared


def across(user, *, kpi: str = "", name: str = "") -> Across:
    indicators = _indicators(user)
    if kpi:
        indicators = indicators.filter(kolada_kpi=kpi)
    elif name:
        indicators = indicators.filter(name=name)
    else:
        return Across()
    latest = Measurement.objects.filter(indicator=OuterRef("pk"), total__isnull=False).order_by(
        "-period__year", "-period__half"
    )
    indicators = indicators.annotate(latest_pk=Subquery(latest.values("pk")[:1]))
    meta = kpi_metadata([kpi]).get(kpi) if kpi else None
    result = Across(
        kpi=kpi,
        name=name,
        title=name or (meta.title if meta else kpi),
        indicators=indicators.select_related("goal__agreement")
        .defer(*document_fields("goal__agreement__"))
        .order_by("goal__agreement__title", "goal__agreement_id", "goal__position", "position"),
    )
    if kpi:
        _kolada(result, kpi, indicators.values("goal__agreement"))
    return result


def _kolada(result: Across, kpi: str, agreements) -> None:
    municipalities = dict(
        Party.objects.filter(kind=Party.Kind.MUNICIPALITY, agreements__in=agreements)
        .exclude(municipality_code="")
        .values_list("municipality_code", "name")
        .distinct()
    )
    if not municipalities:
        return
    codes = sorted(municipalities)
    areas = comparison_areas(codes)
    values = list(KoladaValue.objects.filter(kpi=kpi, municipality_code__in=codes + areas))
    year = max((v.year for v in values), default=None)
    if year is None:
        return
    by_code = {v.municipality_code: v for v in values if v.year == year}
    result.kolada_year = year
    result.kolada = [
        (municipalities[c], c, by_code.get(c)) for c in sorted(codes, key=municipalities.get)
    ] + [(area_name(a), a, by_code.get(a)) for a in areas]
