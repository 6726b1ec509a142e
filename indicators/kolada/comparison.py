"""Riket's and the county's values beside the agreement's own, for the report, its PDF and
its charts: read from the values the import stored (``KoladaValue``), two queries in all."""

from dataclasses import dataclass, field

from ..models import Indicator, KoladaKpi, KoladaValue
from .areas import area_name, comparison_areas
from .importing import agreement_municipalities


@dataclass
class ComparisonSeries:
    """One area's values of a KPI: ``values`` maps a year to its KoladaValue."""

    code: str
    name: str
    values: dict = field(default_factory=dict)

    def for_year(self, year: int):
        return self.values.get(year)


def comparison_series(agreement, indicators) -> dict[int, list[ComparisonSeries]]:
    """indicator pk -> Riket's and each county's series, for the Kolada-sourced indicators
    among ``indicators`` that have comparison values stored."""
    kolada = [i for i in indicators if i.source == Indicator.Source.KOLADA and i.kolada_kpi.strip()]
    if not kolada:
        return {}
    codes = [m.municipality_code for m in agreement_municipalities(agreement)]
    areas = comparison_areas(codes)
    stored: dict[tuple[str, str], dict] = {}
    for value in KoladaValue.objects.filter(
        kpi__in={i.kolada_kpi.strip() for i in kolada}, municipality_code__in=areas
    ):
        stored.setdefault((value.kpi, value.municipality_code), {})[value.year] = value
    result = {}
    for indicator in kolada:
        kpi = indicator.kolada_kpi.strip()
        series = [
            ComparisonSeries(code=code, name=area_name(code), values=stored[(kpi, code)])
            for code in areas
            if (kpi, code) in stored
        ]
        if series:
            result[indicator.pk] = series
    return result


def kpi_metadata(kpis) -> dict[str, KoladaKpi]:
    """kpi -> what Kolada says about it, for the KPIs fetched so far."""
    kpis = {k.strip() for k in kpis if k and k.strip()}
    if not kpis:
        return {}
    return {row.kpi: row for row in KoladaKpi.objects.filter(kpi__in=kpis)}
