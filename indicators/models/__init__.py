"""The indicators app's models, by feature; ``from indicators.models import X`` keeps working."""

from .documents import ReportDocument
from .followup import (
    FollowUpPeriod,
    FollowUpReport,
    FollowUpSettings,
    Goal,
    Indicator,
    Measurement,
    MeasurementLocked,
    ReportEvent,
)
from .kolada import KoladaConflict, KoladaImportRun, KoladaKpi, KoladaLateValue, KoladaValue
from .statistics import (
    LabourDemandRow,
    LabourDemandSnapshot,
    OccupationalArea,
    ProgrammeFigure,
    StatisticsSnapshot,
    StatisticsSnapshotQuerySet,
    editable_municipalities,
    visible_municipalities,
)

__all__ = [
    "FollowUpPeriod",
    "FollowUpReport",
    "FollowUpSettings",
    "Goal",
    "Indicator",
    "KoladaConflict",
    "KoladaImportRun",
    "KoladaKpi",
    "KoladaLateValue",
    "KoladaValue",
    "LabourDemandRow",
    "LabourDemandSnapshot",
    "Measurement",
    "MeasurementLocked",
    "OccupationalArea",
    "ProgrammeFigure",
    "ReportDocument",
    "ReportEvent",
    "StatisticsSnapshot",
    "StatisticsSnapshotQuerySet",
    "editable_municipalities",
    "visible_municipalities",
]
