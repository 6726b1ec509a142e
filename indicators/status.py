"""Status and trend of an indicator, computed from its direction, baseline, target and values."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .models import Indicator
from .values import format_number

D = Indicator.Direction


@dataclass(frozen=True)
class Status:
    key: str  # on_track | off_track | too_little_data
    label: str
    icon: str  # bootstrap-icons name
    css: str  # text-bg-* class; never the only carrier of meaning
    reason: str = ""


ON_TRACK = ("on_track", _("På väg mot målet"), "check-circle-fill", "text-bg-success")
OFF_TRACK = ("off_track", _("Inte på väg mot målet"), "exclamation-triangle-fill", "text-bg-danger")
TOO_LITTLE = (
    "too_little_data",
    _("För lite underlag"),
    "question-circle-fill",
    "text-bg-secondary",
)


def _status(kind, reason=""):
    key, label, icon, css = kind
    return Status(key=key, label=label, icon=icon, css=css, reason=reason)


def _n(value):
    return format_number(value)


def compute_status(indicator: Indicator, totals: list[Decimal | None]) -> Status:
    """``totals`` are the indicator's totals, oldest period first, up to the one reported on;
    without a value for that last period the status is "för lite underlag".

    ska öka / ska minska: the latest value against the target when reached, else against the
    baseline, else against the previous value. minst X / högst X: the latest against X.
    noll: reached at zero, else on track while falling.
    """
    known = [v for v in totals if v is not None]
    if not known:
        return _status(TOO_LITTLE, _("Inget värde är inmatat."))
    if totals[-1] is None:
        # The report is about its own period: older values must not make it look on track.
        return _status(TOO_LITTLE, _("Värde saknas för perioden."))
    latest = known[-1]
    previous = known[-2] if len(known) > 1 else None
    target, baseline = indicator.target_value, indicator.baseline_value
    direction = indicator.direction

    if direction in (D.AT_LEAST, D.AT_MOST):
        if target is None:
            return _status(TOO_LITTLE, _("Målvärdet saknas."))
        ok = latest >= target if direction == D.AT_LEAST else latest <= target
        reason = _("%(latest)s mot målvärdet %(target)s.") % {
            "latest": _n(latest),
            "target": _n(target),
        }
        return _status(ON_TRACK if ok else OFF_TRACK, reason)

    if direction == D.ZERO:
        if latest == 0:
            return _status(ON_TRACK, _("Målet noll är nått."))
        reference = previous if previous is not None else baseline
        if reference is None:
            return _status(TOO_LITTLE, _("Ett värde till behövs för att se om det minskar."))
        reason = _("%(latest)s mot tidigare %(ref)s; målet är noll.") % {
            "latest": _n(latest),
            "ref": _n(reference),
        }
        return _status(ON_TRACK if latest < reference else OFF_TRACK, reason)

    increase = direction == D.INCREASE
    if target is not None and (latest >= target if increase else latest <= target):
        return _status(ON_TRACK, _("Målvärdet %(target)s är nått.") % {"target": _n(target)})
    reference = baseline if baseline is not None else (known[0] if len(known) > 1 else None)
    if reference is None:
        return _status(TOO_LITTLE, _("Utgångsvärde eller ett värde till behövs."))
    ok = latest > reference if increase else latest < reference
    reason = _("%(latest)s mot utgångsläget %(ref)s.") % {
        "latest": _n(latest),
        "ref": _n(reference),
    }
    return _status(ON_TRACK if ok else OFF_TRACK, reason)


@dataclass(frozen=True)
class Trend:
    change: Decimal | None
    label: str
    icon: str

    @property
    def known(self):
        return self.change is not None


def _better(indicator, change):
    if change == 0:
        return None
    if indicator.direction in (D.INCREASE, D.AT_LEAST):
        return change > 0
    return change < 0


def compute_trend(indicator: Indicator, latest, reference, against) -> Trend:
    """The change from ``reference`` to ``latest`` (the period's own value); ``against`` names
    the reference."""
    if latest is None:
        return Trend(None, _("Värde saknas för perioden."), "dash")
    if reference is None:
        return Trend(None, _("Inget att jämföra med (%(against)s).") % {"against": against}, "dash")
    change = latest - reference
    better = _better(indicator, change)
    if change == 0:
        return Trend(change, _("Oförändrat mot %(against)s.") % {"against": against}, "arrow-right")
    verdict = _("bättre") if better else _("sämre")
    text = _("%(sign)s%(change)s mot %(against)s (%(verdict)s).") % {
        "sign": "+" if change > 0 else "−",
        "change": _n(abs(change)),
        "against": against,
        "verdict": verdict,
    }
    return Trend(change, text, "arrow-up-right" if change > 0 else "arrow-down-right")
