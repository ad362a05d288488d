"""One commune's scorecard as data: its standing (index, ranks, gap to the province average, change since
the previous quarter), group scores against the province average, every indicator with its trend and
its target for the chosen milestone, the strongest and weakest indicators, and its plan's tasks.

The page (pages/profile.py) and the PDF (kpi.scorecard.pdf) both draw from `load`, so they show the
same numbers. Queries: scorecard_commune, scorecard_index, scorecard_groups, commune_profile, scorecard_trend,
scorecard_milestone_targets, task_board, build_info.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from kpi.db import run
from kpi.periods import parse_period, previous_quarter
from kpi.scoring import met_expr, years
from kpi.tasks import PLAN_START

MILESTONES = (2025, 2026, 2030, 2035, 2040, 2045)
HIGHLIGHTS = 3  # strongest and weakest indicators shown


class ScorecardError(ValueError):
    """A scorecard that cannot be made (unknown commune, a period without scores): said in both languages."""


@dataclass(frozen=True)
class Standing:
    period: str
    index: float | None
    rank_province: int | None
    ranked_province: int
    rank_national: int | None
    ranked_national: int
    province_average: float | None
    gap: float | None  # index minus the province average


@dataclass(frozen=True)
class Scorecard:
    commune_code: str
    commune_name: str
    province_code: str
    province_name: str
    period: str
    milestone: int | None  # None: each indicator's next milestone (the one its status is scored against)
    now: Standing | None
    before: Standing | None  # the previous quarter, when it has scores
    groups: pl.DataFrame  # group_code, group_name_vi/en, score, province_average
    indicators: pl.DataFrame  # one row per scored indicator (see `indicator_rows`)
    tasks: pl.DataFrame  # task_board rows, red alerts first
    data_version: str
    published_at: str | None
    demo: bool  # some shown value is demo data

    def change(self, field: str) -> float | None:
        """This quarter minus the previous one for a Standing field (None if either is missing)."""
        if self.now is None or self.before is None:
            return None
        a, b = getattr(self.now, field), getattr(self.before, field)
        return None if a is None or b is None else a - b

    def strongest(self, n: int = HIGHLIGHTS) -> pl.DataFrame:
        """The n indicators with the highest attainment (ties: further above the province average first)."""
        return self._ranked(descending=True).head(n)

    def weakest(self, n: int = HIGHLIGHTS) -> pl.DataFrame:
        """The n indicators with the lowest attainment (ties: further below the province average first)."""
        return self._ranked(descending=False).head(n)

    def _ranked(self, descending: bool) -> pl.DataFrame:
        scored = self.indicators.filter(pl.col("attainment").is_not_null())
        return scored.sort(["attainment", "attainment_vs_province", "indicator_code"],
                           descending=[descending, descending, False], nulls_last=True)


def scored_period(con: duckdb.DuckDBPyConnection, period: str | None) -> tuple[str, list[str]]:
    """The quarter asked for (default: the latest scored) and every scored quarter, newest first; a
    ScorecardError when the database has no scores or none for that quarter."""
    periods = run(con, "periods")["as_of_period"].to_list()
    if not periods:
        raise ScorecardError("cơ sở dữ liệu chưa có điểm / the database has no scores: run `python -m kpi build`")
    period = period or periods[0]
    if period not in periods:
        raise ScorecardError(f"kỳ {period!r} chưa có điểm; có: {', '.join(periods)} / period {period!r} has no scores")
    return period, periods


def _standing(row: dict) -> Standing:
    return Standing(
        period=row["period"], index=row["index"], rank_province=row["rank_province"],
        ranked_province=int(row["ranked_province"]), rank_national=row["rank_national"],
        ranked_national=int(row["ranked_national"]), province_average=row["province_average"],
        gap=row["gap_to_province_average"],
    )


def trends(observations: pl.DataFrame) -> pl.DataFrame:
    """Per indicator: its reported values in time order (a list), for the small trend lines."""
    return observations.sort("indicator_code", "period_end").group_by("indicator_code", maintain_order=True).agg(
        trend=pl.col("value"), trend_periods=pl.col("period")
    )


def indicator_rows(profile: pl.DataFrame, trend: pl.DataFrame, chosen: pl.DataFrame | None, milestone: int | None) -> pl.DataFrame:
    """The scorecard's indicator rows: commune_profile's, with the trend, and the target, its level and
    citation and the pace still needed per year for the chosen milestone (each indicator's next
    milestone when `milestone` is None; then the scoring's own figures are kept)."""
    frame = profile.join(trend, on="indicator_code", how="left").with_columns(
        attainment_vs_province=pl.col("attainment") - pl.col("province_average_attainment"),
    )
    if milestone is None or chosen is None:
        return frame.with_columns(
            milestone_year=pl.col("next_milestone_year"),
            milestone_comparator=pl.col("target_comparator"),
            milestone_value=pl.col("target_value"),
            milestone_value_max=pl.col("target_value_max"),
            milestone_level=pl.col("source_level"),
            milestone_citation=pl.col("citation"),
            milestone_pace_needed=pl.col("pace_needed_per_year"),
        )
    picked = chosen.select(
        "indicator_code",
        pl.col("year").alias("milestone_year"),
        pl.col("comparator").alias("milestone_comparator"),
        pl.col("value").alias("milestone_value"),
        pl.col("value_max").alias("milestone_value_max"),
        pl.col("source_level").alias("milestone_level"),
        pl.col("citation").alias("milestone_citation"),
    )
    frame = frame.join(picked, on="indicator_code", how="left")
    # The pace still needed to reach the chosen milestone's target from the latest value (per year; 0
    # when already met; none without a target or a value), computed as the scoring does for the next one.
    as_target = frame.select(
        pl.col("milestone_comparator").alias("target_comparator"),
        pl.col("milestone_value").alias("target_value"),
        pl.col("milestone_value_max").alias("target_value_max"),
        pl.col("latest_value"),
        sense=pl.when(pl.col("milestone_comparator").is_in(["<=", "<"])).then(pl.lit("lower"))
        .when(pl.col("milestone_comparator").is_in([">=", ">"])).then(pl.lit("higher"))
        .otherwise(pl.col("direction")),
        years_left=(years(pl.date(pl.col("milestone_year"), 12, 31)) - years("latest_date")).clip(lower_bound=1 / 12),
    ).select(met=met_expr(pl.col("latest_value")), years_left=pl.col("years_left"))
    return frame.with_columns(
        milestone_pace_needed=pl.when(pl.col("milestone_value").is_null() | pl.col("latest_value").is_null()).then(None)
        .when(as_target["met"]).then(0.0)
        .otherwise((pl.col("milestone_value") - pl.col("latest_value")) / as_target["years_left"])
    )


def load(con: duckdb.DuckDBPyConnection, commune: str, period: str | None = None, milestone: int | None = None,
         basis: str = "all") -> Scorecard:
    """The scorecard of `commune` as of `period` (a quarter with scores; default: the latest) against
    `milestone` (a milestone year; default: each indicator's next milestone), scored on `basis` ("all"
    reported values, or "approved" ones only)."""
    units = run(con, "scorecard_commune", commune=commune)
    if not units.height:
        raise ScorecardError(f"không có xã/phường mã {commune!r} / no commune with code {commune!r}")
    unit = units.row(0, named=True)
    period, periods = scored_period(con, period)
    if milestone is not None and milestone not in MILESTONES:
        raise ScorecardError(f"mốc {milestone} không hợp lệ; dùng / milestone {milestone} invalid; use {', '.join(map(str, MILESTONES))}")
    previous = previous_quarter(period)
    standings = {r["period"]: _standing(r) for r in run(
        con, "scorecard_index", commune=commune, period=period, previous=previous if previous in periods else None, basis=basis,
    ).iter_rows(named=True)}
    end = parse_period(period).end
    profile = run(con, "commune_profile", commune=commune, period=period, basis=basis)
    trend = trends(run(con, "scorecard_trend", commune=commune, period_end=end))
    chosen = run(con, "scorecard_milestone_targets", commune=commune, year=milestone) if milestone else None
    tasks = run(con, "task_board", province=None, commune=commune, agency=None, status=None, as_of=end, plan_start=PLAN_START)
    info = dict(run(con, "build_info").iter_rows())
    indicators = indicator_rows(profile, trend, chosen, milestone)
    return Scorecard(
        commune_code=commune, commune_name=unit["commune_name"], province_code=unit["province_code"],
        province_name=unit["province_name"], period=period, milestone=milestone,
        now=standings.get(period), before=standings.get(previous),
        groups=run(con, "scorecard_groups", commune=commune, period=period, basis=basis),
        indicators=indicators,
        tasks=tasks.sort(["red_alert", "deadline_date", "task_id"], descending=[True, False, False], nulls_last=True),
        data_version=info.get("data_version", "?"), published_at=info.get("published_at") or info.get("built_at"),
        demo=bool(indicators["is_demo"].any()) or bool(tasks["is_demo"].any()),
    )
