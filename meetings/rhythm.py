"""A group's meeting rhythm as data, and whether the group keeps it.

The agreements write rhythms as "2–4 gånger per år", "var åttonde vecka", "6 timmar/månad"
or "en gång per år under första kvartalet" (seeds 002–004). Held as a kind and numbers, a
rhythm gives the longest allowed gap between meetings, so a group that falls behind can be
shown, and by how many days.
"""

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class RhythmKind(models.TextChoices):
    TIMES_PER_YEAR = "times_per_year", _("Mellan N och M gånger per år")
    EVERY_N_WEEKS = "every_n_weeks", _("Var N:e vecka")
    EVERY_N_MONTHS = "every_n_months", _("Var N:e månad")
    HOURS_PER_MONTH = "hours_per_month", _("N timmar per månad")
    YEARLY_IN_QUARTER = "yearly_in_quarter", _("En gång per år under kvartal Q")
    AS_NEEDED = "as_needed", _("Vid behov")


ORDINAL_EVERY = {
    2: _("varannan"),
    3: _("var tredje"),
    4: _("var fjärde"),
    5: _("var femte"),
    6: _("var sjätte"),
    7: _("var sjunde"),
    8: _("var åttonde"),
    9: _("var nionde"),
    10: _("var tionde"),
}
QUARTER_NAMES = {1: _("första"), 2: _("andra"), 3: _("tredje"), 4: _("fjärde")}


def describe(kind: str, count: int | None, count_max: int | None, quarter: int | None) -> str:
    """The rhythm in the agreements' own Swedish words."""
    count = count or 1
    if kind == RhythmKind.TIMES_PER_YEAR:
        if count_max and count_max > count:
            return _("%(low)s–%(high)s gånger per år") % {"low": count, "high": count_max}
        if count == 1:
            return str(_("en gång per år"))
        return _("%(n)s gånger per år") % {"n": count}
    if kind == RhythmKind.EVERY_N_WEEKS:
        if count == 1:
            return str(_("varje vecka"))
        every = ORDINAL_EVERY.get(count)
        return f"{every} {_('vecka')}" if every else _("var %(n)s:e vecka") % {"n": count}
    if kind == RhythmKind.EVERY_N_MONTHS:
        if count == 1:
            return str(_("varje månad"))
        every = ORDINAL_EVERY.get(count)
        return f"{every} {_('månad')}" if every else _("var %(n)s:e månad") % {"n": count}
    if kind == RhythmKind.HOURS_PER_MONTH:
        return ngettext("%(n)s timme per månad", "%(n)s timmar per månad", count) % {"n": count}
    if kind == RhythmKind.YEARLY_IN_QUARTER:
        return _("en gång per år under %(q)s kvartalet") % {"q": QUARTER_NAMES.get(quarter, "?")}
    return str(_("vid behov"))


def max_gap_days(kind: str, count: int | None) -> int | None:
    """The longest a group may go without a meeting, or None for calendar and ad hoc rules."""
    count = count or 1
    if kind == RhythmKind.TIMES_PER_YEAR:
        # "Between N and M times a year" is kept as long as it meets at least N times.
        return math.ceil(365 / count)
    if kind == RhythmKind.EVERY_N_WEEKS:
        return 7 * count
    if kind == RhythmKind.EVERY_N_MONTHS:
        return math.ceil(365 * count / 12)
    if kind == RhythmKind.HOURS_PER_MONTH:
        # Hours a month are spent in at least one meeting a month.
        return 31
    return None


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    start = date(year, 3 * (quarter - 1) + 1, 1)
    end = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - timedelta(days=1)
    return start, end


@dataclass(frozen=True)
class RhythmStatus:
    """Where a group stands against its rhythm on a given day."""

    last: datetime | None
    next: datetime | None
    due: date | None  # the day by which the next meeting should be held
    behind_days: int

    @property
    def is_behind(self) -> bool:
        return self.behind_days > 0


def rhythm_status(
    *,
    kind: str,
    count: int | None,
    quarter: int | None,
    last: datetime | None,
    next_meeting: datetime | None,
    since: date,
    today: date,
) -> RhythmStatus:
    """Compare the last meeting (or the day the group started) with the rhythm."""
    last_day = last.date() if last else None
    if kind == RhythmKind.YEARLY_IN_QUARTER and quarter:
        start, end = quarter_bounds(today.year, quarter)
        if today <= end:
            start, end = quarter_bounds(today.year - 1, quarter)
        met = last_day is not None and last_day >= start
        if met or since > end:
            due = quarter_bounds(end.year + 1, quarter)[1]
            return RhythmStatus(last, next_meeting, due, 0)
        return RhythmStatus(last, next_meeting, end, (today - end).days)
    gap = max_gap_days(kind, count)
    if gap is None:
        return RhythmStatus(last, next_meeting, None, 0)
    due = (last_day or since) + timedelta(days=gap)
    return RhythmStatus(last, next_meeting, due, max(0, (today - due).days))
