"""One commune's scorecard as data: its standing (index, ranks, gap to the province average, change since
the previous quarter), group scores against the province average, every indicator with its trend and
its target for the chosen milestone, the strongest and weakest indicators, and its plan's tasks.

The page (pages/profile.py) and the PDF (kpi.scorecard.pdf) both draw from `load`, so they show the
same numbers. Queries: scorecard_commune, scorecard_index, scorecard_groups, commune_profile, scorecard_trend,
scorecard_milestone_targets, scorecard_province_stats, scorecard_province_targets, scoring_indicators, task_board,
scorecard_own_plan, build_info.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import polars as pl

from kpi.config import MILESTONES
from kpi.db import run
from kpi.i18n import msg
from kpi.periods import parse_period, previous_quarter
from kpi.scoring import STATS, next_targets, pace_arrow, score_targets
from kpi.tasks import PLAN_START

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
    milestone: int | None  # the milestone status and attainment are scored against; None: each indicator's next one
    now: Standing | None
    before: Standing | None  # the previous quarter, when it has scores
    groups: pl.DataFrame  # group_code, group_name_vi/en, score, province_average
    indicators: pl.DataFrame  # one row per scored indicator (see `indicator_rows`)
    tasks: pl.DataFrame  # task_board rows, red alerts first
    data_version: str
    published_at: str | None
    demo: bool  # some shown value is demo data
    own_plan: bool = True  # the commune has targets of its own plan (at some milestone, not necessarily the chosen one)

    def change(self, field: str) -> float | None:
        """This quarter minus the previous one for a Standing field (None if either is missing)."""
        if self.now is None or self.before is None:
            return None
        a, b = getattr(self.now, field), getattr(self.before, field)
        return None if a is None or b is None else a - b

    # The highlights rank the table's own attainment: against the chosen milestone when there is one (so an
    # indicator strong for 2030 may be weak for 2045), ties broken by the gap to the province's average
    # attainment for that same milestone. The headline figures (`now`, `before`, `groups`) stay the stored,
    # next-milestone ones: they compare the commune with its province and the country.
    def strongest(self, n: int = HIGHLIGHTS) -> pl.DataFrame:
        """The n indicators with the highest attainment (ties: further above the province average first), none
        of them off track: a high attainment that is falling away from its path is no strength."""
        return self._ranked(descending=True).filter(pl.col("status").fill_null("") != "off_track").head(n)

    def weakest(self, n: int = HIGHLIGHTS) -> pl.DataFrame:
        """The n indicators with the lowest attainment (ties: further below the province average first), none
        of them among the strongest (with few scored indicators the two lists would name the same one)."""
        strong = self.strongest(n)["indicator_code"]
        return self._ranked(descending=False).filter(~pl.col("indicator_code").is_in(strong.implode())).head(n)

    def untargeted(self) -> pl.DataFrame:
        """The indicators without a target for the chosen milestone (none without a milestone chosen)."""
        if self.milestone is None:
            return self.indicators.clear()
        return self.indicators.filter(pl.col("milestone_value").is_null())

    def targeted(self) -> pl.DataFrame:
        """The indicators with a target for the chosen milestone (every indicator without one chosen)."""
        if self.milestone is None:
            return self.indicators
        return self.indicators.filter(pl.col("milestone_value").is_not_null())

    def _ranked(self, descending: bool) -> pl.DataFrame:
        scored = self.indicators.filter(pl.col("attainment").is_not_null())
        return scored.sort(["attainment", "attainment_vs_province", "indicator_code"],
                           descending=[descending, descending, False], nulls_last=True)


def scored_period(con: duckdb.DuckDBPyConnection, period: str | None) -> tuple[str, list[str]]:
    """The quarter asked for (default: the latest scored) and every scored quarter, newest first; a
    ScorecardError when the database has no scores or none for that quarter."""
    periods = run(con, "periods")["as_of_period"].to_list()
    if not periods:
        raise ScorecardError(msg("cli.no_scores"))
    period = period or periods[0]
    if period not in periods:
        raise ScorecardError(msg("scorecard_error.period", period=repr(period), periods=", ".join(periods)))
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


SCORED = ("attainment", "status", "required_path_value", "projected_value", "pace_needed_per_year")  # what a milestone changes


def milestone_scores(stats: pl.DataFrame, targets: pl.DataFrame, indicators: pl.DataFrame, as_of: date, milestone: int) -> pl.DataFrame:
    """The stored scores' `stats` (scoring.STATS per commune and indicator, as of `as_of`) scored against
    `milestone` by the scoring's own rule (kpi.scoring.next_targets with a milestone, then score_targets):
    one row per scored commune and indicator with a target for that milestone."""
    keys = ["commune_code", "indicator_code"]
    nxt = next_targets(targets, as_of, milestone).join(stats.select(keys), on=keys, how="semi")
    return score_targets(stats.select(*keys, *STATS), nxt, indicators, as_of)


def indicator_rows(profile: pl.DataFrame, trend: pl.DataFrame, chosen: pl.DataFrame | None, milestone: int | None,
                   scored: pl.DataFrame | None = None) -> pl.DataFrame:
    """The scorecard's indicator rows: commune_profile's, with the trend, and the target, its level and
    citation for the chosen milestone, and the SCORED columns (status, attainment, required path,
    projection, pace still needed per year as `milestone_pace_needed` too) against it.

    Without a milestone: each indicator's next milestone, and the stored scores as they are. With one:
    `scored` (milestone_scores of the commune's province) gives the commune's SCORED columns and the
    province's average attainment for that milestone; an indicator without a target for it has none."""
    frame = profile.join(trend, on="indicator_code", how="left")
    if milestone is None or chosen is None or scored is None:
        return frame.with_columns(
            attainment_vs_province=pl.col("attainment") - pl.col("province_average_attainment"),
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
    commune = profile["commune_code"][0] if profile.height else None
    own = scored.filter(pl.col("commune_code") == commune).select("indicator_code", *SCORED)
    average = scored.group_by("indicator_code").agg(province_average_attainment=pl.col("attainment").mean())
    columns = frame.columns
    return (
        frame.drop(*SCORED, "province_average_attainment")
        .join(own, on="indicator_code", how="left")
        .join(average, on="indicator_code", how="left")
        .select(columns)  # the stored order of columns
        .join(picked, on="indicator_code", how="left")
        .with_columns(
            attainment_vs_province=pl.col("attainment") - pl.col("province_average_attainment"),
            milestone_pace_needed=pl.col("pace_needed_per_year"),
        )
    )


def load(con: duckdb.DuckDBPyConnection, commune: str, period: str | None = None, milestone: int | None = None,
         basis: str = "all") -> Scorecard:
    """The scorecard of `commune` as of `period` (a quarter with scores; default: the latest) against
    `milestone` (a milestone year; default: each indicator's next milestone), scored on `basis` ("all"
    reported values, or "approved" ones only)."""
    units = run(con, "scorecard_commune", commune=commune)
    if not units.height:
        raise ScorecardError(msg("scorecard_error.commune", code=repr(commune)))
    unit = units.row(0, named=True)
    period, periods = scored_period(con, period)
    if milestone is not None and milestone not in MILESTONES:
        raise ScorecardError(msg("scorecard_error.milestone", year=milestone, years=", ".join(map(str, MILESTONES))))
    previous = previous_quarter(period)
    standings = {r["period"]: _standing(r) for r in run(
        con, "scorecard_index", commune=commune, period=period, previous=previous if previous in periods else None, basis=basis,
    ).iter_rows(named=True)}
    end = parse_period(period).end
    profile = run(con, "commune_profile", commune=commune, period=period, basis=basis)
    trend = trends(run(con, "scorecard_trend", commune=commune, period_end=end))
    chosen = scored = None
    if milestone:
        chosen = run(con, "scorecard_milestone_targets", commune=commune, year=milestone)
        scored = milestone_scores(run(con, "scorecard_province_stats", commune=commune, period=period, basis=basis),
                                  run(con, "scorecard_province_targets", commune=commune), run(con, "scoring_indicators"), end, milestone)
    tasks = run(con, "task_board", province=None, commune=commune, agency=None, status=None, as_of=end, plan_start=PLAN_START)
    info = dict(run(con, "build_info").iter_rows())
    indicators = indicator_rows(profile, trend, chosen, milestone, scored)
    # the SDG dashboards' trend arrow: the recent pace against the pace still needed for the milestone
    indicators = indicators.with_columns(pace_trend=pace_arrow(pl.col("status"), pl.col("pace_per_year"), pl.col("milestone_pace_needed")))
    return Scorecard(
        commune_code=commune, commune_name=unit["commune_name"], province_code=unit["province_code"],
        province_name=unit["province_name"], period=period, milestone=milestone,
        now=standings.get(period), before=standings.get(previous),
        groups=run(con, "scorecard_groups", commune=commune, period=period, basis=basis),
        indicators=indicators,
        tasks=tasks.sort(["red_alert", "deadline_date", "task_id"], descending=[True, False, False], nulls_last=True),
        data_version=info.get("data_version", "?"), published_at=info.get("published_at") or info.get("built_at"),
        demo=bool(indicators["is_demo"].any()) or bool(tasks["is_demo"].any()),
        own_plan=bool(run(con, "scorecard_own_plan", commune=commune)["own_plan"][0]),
    )



def at_milestone(scores: pl.DataFrame, targets: pl.DataFrame, indicators: pl.DataFrame, as_of: date,
                 milestone: int | None) -> pl.DataFrame:
    """Stored scores (queries/scores.sql's rows) scored against `milestone` by the scoring's own rule, as
    Hồ sơ xã scores one commune (`milestone_scores`): the same rows and columns, the target (next_milestone_year,
    target_*) and the SCORED columns those of the chosen milestone. A commune × indicator without a target for
    that milestone is left out (no target: neither met nor off track). `targets`: the communes' effective
    targets (queries/milestone_province_targets.sql). Without a milestone the scores are returned as they are."""
    if milestone is None or not scores.height:
        return scores
    stats = scores.select("commune_code", "indicator_code", *(c for c in STATS if c != "pace"), pace=pl.col("pace_per_year"))
    scored = milestone_scores(stats, targets, indicators, as_of, milestone)
    chosen = ("next_milestone_year", "target_comparator", "target_value", "target_value_max", *SCORED)
    keys = ["commune_code", "indicator_code"]
    return scores.drop(*chosen).join(scored.select(*keys, *chosen), on=keys, how="inner", maintain_order="left").select(scores.columns)
