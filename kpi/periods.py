"""Reporting periods: quarters ("2026-Q3"), months ("2026-09") and years ("2026")."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from kpi.i18n import Problem

_QUARTER = re.compile(r"^(20\d{2})-Q([1-4])$")
_MONTH = re.compile(r"^(20\d{2})-(0[1-9]|1[0-2])$")
_YEAR = re.compile(r"^(20\d{2})$")


@dataclass(frozen=True, order=True)
class Period:
    end: date  # the last day of the period: what it is ordered and charted by
    label: str
    kind: str  # quarter, month, year

    @property
    def year(self) -> int:
        return self.end.year


def parse_period(text: str) -> Period:
    """Parse '2026-Q3', '2026-09' or '2026'; raise ValueError naming the accepted forms."""
    s = text.strip().upper()
    if m := _QUARTER.match(s):
        year, q = int(m.group(1)), int(m.group(2))
        return Period(_month_end(year, 3 * q), f"{year}-Q{q}", "quarter")
    if m := _MONTH.match(s):
        year, month = int(m.group(1)), int(m.group(2))
        return Period(_month_end(year, month), f"{year}-{month:02d}", "month")
    if m := _YEAR.match(s):
        year = int(m.group(1))
        return Period(date(year, 12, 31), str(year), "year")
    raise Problem("period.invalid", text=repr(text))


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def last_closed_quarter(today: date) -> Period:
    """The latest quarter that has fully ended by today (2026-11-22 -> 2026-Q3)."""
    q = (today.month - 1) // 3  # quarters fully closed this year
    if q == 0:
        return parse_period(f"{today.year - 1}-Q4")
    return parse_period(f"{today.year}-Q{q}")


def previous_quarter(period: str) -> str:
    """The quarter before a quarter: '2026-Q1' -> '2025-Q4'."""
    p = parse_period(period)
    year, q = p.year, (p.end.month - 1) // 3 + 1
    return f"{year - 1}-Q4" if q == 1 else f"{year}-Q{q - 1}"


def quarters(first: str, last: str) -> list[Period]:
    start, stop = parse_period(first), parse_period(last)
    out = []
    year, q = start.year, int(start.label[-1])
    while True:
        p = parse_period(f"{year}-Q{q}")
        if p.end > stop.end:
            return out
        out.append(p)
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
