"""Kolada: the client for its open API (``client``) and the import of Kolada-sourced
indicators (``importing``)."""

from .areas import RIKET, area_name, comparison_areas, county_area
from .client import KoladaError, KoladaKpiMeta, KoladaPoint, data_url, fetch_kpi, fetch_kpi_meta
from .importing import (
    ImportReport,
    agreement_municipalities,
    conflicts_settleable_by,
    conflicts_visible_to,
    h2_period,
    import_years,
    kolada_conflict_resolve,
    kolada_import,
)
from .published import import_metadata

__all__ = [
    "RIKET",
    "ImportReport",
    "KoladaError",
    "KoladaKpiMeta",
    "KoladaPoint",
    "agreement_municipalities",
    "area_name",
    "comparison_areas",
    "county_area",
    "fetch_kpi_meta",
    "import_metadata",
    "conflicts_settleable_by",
    "conflicts_visible_to",
    "data_url",
    "fetch_kpi",
    "h2_period",
    "import_years",
    "kolada_conflict_resolve",
    "kolada_import",
]
