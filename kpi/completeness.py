"""Reporting completeness and timeliness (DHIS2's reporting rate): per province, commune and quarter, who
reported, how many of the expected values, on time or late, and the communes that have not reported a
quarter yet ("chưa báo cáo quý này") for the province to remind.

The deadline. Seed 003 (Xã Tân Lợi's plan), section IV.2.1 "Chế độ báo cáo", asks every unit to report its
progress "hàng tháng, quý" (each month and each quarter), updating its KPI completion; it names no day. A
quarter's values can only be complete once the quarter is over, and the next report the plan asks for is
the following month's: so a quarter's values are due by the LAST DAY OF THE MONTH AFTER THE QUARTER
(2026-Q3: 31/10/2026), Vietnam time. A quarter is "on time" if its first imported value arrived by then,
"late" after; one without any is "missing" once the deadline has passed, "not due" before.

Expected values: the indicators the commune has an effective target for (its plan's, else inherited);
reported: those of them with an imported (not demo) value in the quarter (queries/completeness.sql, on the
published snapshot). No Streamlit here."""

from __future__ import annotations

import calendar
from datetime import date

import polars as pl

from kpi.i18n import VIETNAM
from kpi.periods import parse_period
from kpi.tasks import PLAN_START

# The rule in words: the catalogue's completeness.deadline_rule (kpi/i18n.py).
TIMELINESS = ("on_time", "late", "missing", "not_due")
# each in words as the catalogue's timeliness.<code> (kpi/i18n.py)


def due_date(quarter: str) -> date:
    """The last day of the month after the quarter: 2026-Q3 -> 2026-10-31; 2026-Q4 -> 2027-01-31."""
    end = parse_period(quarter).end
    year, month = (end.year + 1, 1) if end.month == 12 else (end.year, end.month + 1)
    return date(year, month, calendar.monthrange(year, month)[1])


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def quarter_start(quarter: str) -> date:
    end = parse_period(quarter).end
    return date(end.year, end.month - 2, 1)


def judge(frame: pl.DataFrame, today: date) -> pl.DataFrame:
    """completeness.sql's rows with due_date, reported_share (of the expected values, 0-1; None when none
    is expected) and timeliness (TIMELINESS) as of `today`."""
    dues = {q: due_date(q) for q in frame["quarter"].unique().to_list()}
    first_day = pl.col("first_reported_at").dt.convert_time_zone(VIETNAM.key).dt.date()
    return frame.with_columns(due_date=pl.col("quarter").replace_strict(dues, return_dtype=pl.Date)).with_columns(
        reported_share=pl.when(pl.col("values_expected") > 0)
        .then(pl.min_horizontal(pl.col("values_reported") / pl.col("values_expected"), pl.lit(1.0))),
        timeliness=pl.when(pl.col("first_reported_at").is_null() & (pl.col("due_date") < today)).then(pl.lit("missing"))
        .when(pl.col("first_reported_at").is_null()).then(pl.lit("not_due"))
        .when(first_day <= pl.col("due_date")).then(pl.lit("on_time"))
        .otherwise(pl.lit("late")))


def not_reported(judged: pl.DataFrame, quarter: str) -> pl.DataFrame:
    """The communes without any reported value for the quarter ("chưa báo cáo quý này"), by name."""
    return judged.filter((pl.col("quarter") == quarter) & pl.col("first_reported_at").is_null()).sort("commune_name")


def summary(judged: pl.DataFrame) -> dict[str, int]:
    """How many communes reported, on time, late, not at all (missing + not due), of how many."""
    counts = {k: int((judged["timeliness"] == k).sum()) for k in TIMELINESS}
    return {"communes": judged.height, "reported": counts["on_time"] + counts["late"], **counts}


COLUMNS = ("province_code", "province_name", "commune_code", "commune_name", "quarter", "due_date", "values_expected",
           "values_reported", "reported_share", "timeliness", "reported_by", "first_reported_at", "last_reported_at")


def exported(judged: pl.DataFrame) -> pl.DataFrame:
    """The columns the page's download and `python -m kpi export completeness` write, times in Vietnam's."""
    return judged.with_columns(pl.col("first_reported_at", "last_reported_at").dt.convert_time_zone(VIETNAM.key)
                               ).select(COLUMNS)


def first_quarter() -> str:
    """The first quarter the plans report: the plans were issued in mid-2025 (kpi.tasks.PLAN_START)."""
    return quarter_of(PLAN_START)


def params(province: str | None, first: str, last: str) -> dict[str, object]:
    """completeness.sql's parameters for these quarters ("2025-Q3" to "2026-Q4")."""
    return {"province": province, "first": quarter_start(first), "last": quarter_start(last)}
