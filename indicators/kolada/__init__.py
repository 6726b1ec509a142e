"""Kolada: the client for its open API (``client``) and the import of Kolada-sourced
indicators (``importing``)."""

from .client import KoladaError, KoladaPoint, data_url, fetch_kpi
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

__all__ = [
    "ImportReport",
    "KoladaError",
    "KoladaPoint",
    "agreement_municipalities",
    "conflicts_settleable_by",
    "conflicts_visible_to",
    "data_url",
    "fetch_kpi",
    "h2_period",
    "import_years",
    "kolada_conflict_resolve",
    "kolada_import",
]
