"""Kartläggning: a municipality's statistics snapshots and labour demand.

``computations`` holds the rules for the figures and the services that save them, ``compare``
the side-by-side comparison of municipalities, ``forms``, ``views`` and ``urls`` the pages
(namespace ``statistics``, with the Kolada pages), ``demo`` the demo figures. The models are
in ``indicators.models.statistics``.
"""

from .computations import (
    PROGRAMME_FIELDS,
    derive,
    figure_errors,
    figure_warnings,
    labour_demand_snapshot_save,
    statistics_snapshot_save,
)

__all__ = [
    "PROGRAMME_FIELDS",
    "derive",
    "figure_errors",
    "figure_warnings",
    "labour_demand_snapshot_save",
    "statistics_snapshot_save",
]
