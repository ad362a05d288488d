"""The scoring method: required paths, attainment, status, projection, composite index, ranking.

Published on the Methodology page (kpi/methodology.py); every rule here is stated there.

Inputs are plain frames, so the method is tested without a database:
* observations: commune_code, indicator_code, period_end (date), value
* targets: commune_code, indicator_code, year (int, null = recurring yearly), comparator, value, value_max
* indicators: indicator_code, group_code, direction, kind, lower_bound, upper_bound
"""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

STATUSES = ("met", "on_track", "at_risk", "off_track", "no_data")
STATUS_COLOURS = {  # on track reads as good (green family); colour is never the only signal: see STATUS_SYMBOLS
    "met": "#1b5e20",
    "on_track": "#66bb6a",
    "at_risk": "#ffb300",
    "off_track": "#c62828",
    "no_data": "#9e9e9e",
}
STATUS_SYMBOLS = {"met": "✔", "on_track": "↗", "at_risk": "!", "off_track": "✖", "no_data": "○"}
INDEX_DECIMALS = 1  # the index and group scores (0-100, not an indicator's values) are shown with one decimal
MAX_MISSING_SHARE = 0.20  # the SDG Index rule: no index when more than 20% of indicators lack data
RED_ALERT_SHARE = 0.5  # the plans' red-alert rule: progress below half of what the schedule needs
DAYS_PER_YEAR = 365.25


def years(col: str | pl.Expr) -> pl.Expr:
    """A date as fractional years, so paces come out per year."""
    expr = pl.col(col) if isinstance(col, str) else col
    return expr.cast(pl.Date).cast(pl.Int32) / DAYS_PER_YEAR


def milestone_date(year: int) -> date:
    return date(year, 12, 31)


def quarter_end_before(as_of: date, quarters: int) -> date:
    """The last day of the quarter `quarters` quarters before the one containing as_of."""
    index = as_of.year * 4 + (as_of.month - 1) // 3 - quarters
    year, q = divmod(index, 4)
    return milestone_date(year) if q == 3 else date(year, 3 * q + 4, 1) - timedelta(days=1)


def _recent_window_start(as_of: date) -> date:
    """Reports of the last four quarters (as_of's and the three before) give the recent pace."""
    return quarter_end_before(as_of, 4) + timedelta(days=1)


def indicator_stats(observations: pl.DataFrame, as_of: date) -> pl.DataFrame:
    """Per commune and indicator: baseline, latest value, and the pace of the last four quarters
    (the least-squares slope of value on time, in units per year)."""
    window = _recent_window_start(as_of)
    # Time is centred on the window's start so the sums below stay small and exact enough.
    origin = (window - date(1970, 1, 1)).days / DAYS_PER_YEAR
    recent = pl.col("period_end") >= window
    obs = observations.filter(pl.col("period_end") <= as_of).with_columns(
        rt=pl.when(recent).then(years("period_end") - origin),
        rv=pl.when(recent).then(pl.col("value")),
    ).with_columns(rtv=pl.col("rt") * pl.col("rv"), rtt=pl.col("rt") * pl.col("rt"))
    n, st, sv = pl.col("rt").count(), pl.col("rt").sum(), pl.col("rv").sum()
    slope = (n * pl.col("rtv").sum() - st * sv) / (n * pl.col("rtt").sum() - st * st)
    return (
        obs.sort("period_end")
        .group_by("commune_code", "indicator_code")
        .agg(
            baseline=pl.col("value").first(),
            baseline_date=pl.col("period_end").first(),
            latest_value=pl.col("value").last(),
            latest_date=pl.col("period_end").last(),
            reports=pl.len(),
            recent_reports=n,
            pace=pl.when(n >= 2).then(slope).otherwise(None),
        )
    )


def next_targets(targets: pl.DataFrame, as_of: date, milestone: int | None = None) -> pl.DataFrame:
    """Per commune and indicator: the next milestone target (first milestone year >= as_of's year)
    and the milestone before it. A recurring yearly target counts as a target for every year.

    With `milestone` (a year), that milestone's target is taken as if it were the next one: the target
    of that year (else the recurring one), and before it the last milestone before both as_of's year and
    `milestone` (milestones in between are skipped). So status, attainment, projection and the pace still
    needed are scored against the chosen milestone by the very same rule; when `milestone` is an
    indicator's next milestone, the result is the default one."""
    year = as_of.year if milestone is None else milestone
    yearly = targets.filter(pl.col("year").is_null()).with_columns(pl.lit(year).alias("year"))
    dated = targets.filter(pl.col("year").is_not_null())
    # an explicit milestone target for the year wins over the recurring one
    all_targets = pl.concat([dated, yearly.join(dated, on=["commune_code", "indicator_code", "year"], how="anti")], how="vertical_relaxed")
    all_targets = all_targets.with_columns(pl.col("year").cast(pl.Int32))
    wanted = pl.col("year") >= as_of.year if milestone is None else pl.col("year") == milestone
    upcoming = (
        all_targets.filter(wanted)
        .sort("year")
        .group_by("commune_code", "indicator_code")
        .first()
        .rename({"year": "next_milestone_year", "comparator": "target_comparator", "value": "target_value", "value_max": "target_value_max"})
    )
    previous = (
        all_targets.filter(pl.col("year") < min(as_of.year, year))
        .sort("year")
        .group_by("commune_code", "indicator_code")
        .last()
        .select("commune_code", "indicator_code", pl.col("year").alias("prev_year"), pl.col("value").alias("prev_value"))
    )
    return upcoming.join(previous, on=["commune_code", "indicator_code"], how="left")


def _sense() -> pl.Expr:
    """Which way the target is to be met: 'lower' for <= / < targets or a lower-is-better indicator."""
    return (
        pl.when(pl.col("target_comparator").is_in(["<=", "<"]))
        .then(pl.lit("lower"))
        .when(pl.col("target_comparator").is_in([">=", ">"]))
        .then(pl.lit("higher"))
        .otherwise(pl.col("direction"))
    )


def attainment_expr(value: pl.Expr) -> pl.Expr:
    """Attainment of `value` towards the target, 0 to 100 (needs sense, kind, target_* columns).

    higher is better: value / target, capped at 100; lower is better: target / value (100 when at or
    below); yes/no: 100 or 0; range: 100 inside, else the ratio to the nearer end.
    """
    target, top = pl.col("target_value"), pl.col("target_value_max")
    ratio_up = pl.when(target <= 0).then(100.0).otherwise(100.0 * value / target)
    ratio_down = pl.when(value <= target).then(100.0).when(value <= 0).then(100.0).otherwise(100.0 * target / value)
    in_range = (value >= target) & (value <= top)
    range_score = (
        pl.when(in_range).then(100.0).when(value < target).then(ratio_up).otherwise(pl.when(value <= 0).then(100.0).otherwise(100.0 * top / value))
    )
    score = (
        pl.when(pl.col("kind") == "boolean")
        .then(pl.when(met_expr(value)).then(100.0).otherwise(0.0))
        .when(pl.col("target_comparator") == "range")
        .then(range_score)
        .when(pl.col("sense") == "lower")
        .then(ratio_down)
        .otherwise(ratio_up)
    )
    return score.clip(0.0, 100.0)


def met_expr(value: pl.Expr) -> pl.Expr:
    """Whether value meets the target. Strict comparators are scored as non-strict: a value reported to
    one decimal cannot tell 70 from 70.04."""
    target, top = pl.col("target_value"), pl.col("target_value_max")
    return (
        pl.when(pl.col("target_comparator") == "range")
        .then((value >= target) & (value <= top))
        .when(pl.col("sense") == "lower")
        .then(value <= target)
        .otherwise(value >= target)
    )


def _path_at(t: pl.Expr) -> pl.Expr:
    """The required path at time t (fractional years): piecewise linear from the baseline through
    each milestone target (valued at 31 December of its year), here between the point before t
    (the previous milestone if after the baseline, else the baseline) and the next milestone. Never back below
    a level already required or reached at the start (`required_path`): a passed target under the baseline
    counts as the baseline, and a next target under the start as the start (mirrored when lower is better)."""
    def better(a: pl.Expr, b: pl.Expr) -> pl.Expr:
        return pl.when(pl.col("sense") == "lower").then(pl.min_horizontal(a, b)).otherwise(pl.max_horizontal(a, b))

    prev_t = years(pl.date(pl.col("prev_year"), 12, 31))
    use_prev = pl.col("prev_year").is_not_null() & (prev_t > pl.col("baseline_t"))
    start_t = pl.when(use_prev).then(prev_t).otherwise(pl.col("baseline_t"))
    start_v = pl.when(use_prev).then(better(pl.col("prev_value"), pl.col("baseline"))).otherwise(pl.col("baseline"))
    end_t, end_v = pl.col("milestone_t"), better(pl.col("target_value"), start_v)
    span = end_t - start_t
    share = pl.when(span <= 0).then(1.0).otherwise(((t - start_t) / span).clip(0.0, 1.0))
    return start_v + (end_v - start_v) * share


def required_path(
    baseline: tuple[date, float], milestones: list[tuple[date, float]], latest: tuple[date, float] | None, lower: bool
) -> list[tuple[date, float]]:
    """The required path as Lộ trình draws it (kpi.charts), points in time order. Up to the latest report, the
    schedule `_path_at` scores against: straight from the baseline through each milestone after it, never back
    below a level already required (a target under the baseline or under an earlier target keeps that level);
    its value at the latest report is what `on_path` compares the latest value with. From the latest report on,
    the path still to go: it starts from the better of the latest value and the schedule's value then (never
    below what has been reached, nor below a target already passed) and runs to each later milestone, again
    never back below a level it has reached. Mirrored when `lower` (the target is to be met from above).
    `_path_at` reads the previous milestone only: the two agree unless two passed milestones go the wrong way
    (a 2025 target above the 2026 one, both passed: not before 2027, the milestones being 2025, 2026, 2030 …)."""
    def better(a: float, b: float) -> float:
        return min(a, b) if lower else max(a, b)

    schedule = [baseline]
    for d, v in milestones:
        if d > baseline[0]:
            schedule.append((d, better(schedule[-1][1], v)))
    if latest is None or latest[0] >= schedule[-1][0]:
        return schedule
    when, value = latest
    past = [p for p in schedule if p[0] <= when]
    ahead = [p for p in schedule if p[0] > when]
    (d0, v0), (d1, v1) = past[-1], ahead[0]
    now = v0 + (v1 - v0) * (when - d0).days / (d1 - d0).days
    start = better(value, now)
    path = [*past, (when, now)] + ([(when, start)] if start != now else [])
    level = start
    for d, v in ahead:
        level = better(level, v)
        path.append((d, level))
    return path


def score_indicators(
    observations: pl.DataFrame, targets: pl.DataFrame, indicators: pl.DataFrame, as_of: date, milestone: int | None = None
) -> pl.DataFrame:
    """One row per commune and indicator with a next-milestone target (or a target for `milestone`, see
    `next_targets`): latest value, required path, attainment, status, projection and the pace still needed."""
    return score_targets(indicator_stats(observations, as_of), next_targets(targets, as_of, milestone), indicators, as_of)


STATS = ("baseline", "baseline_date", "latest_value", "latest_date", "pace")  # what score_targets reads of indicator_stats


def score_targets(stats: pl.DataFrame, nxt: pl.DataFrame, indicators: pl.DataFrame, as_of: date) -> pl.DataFrame:
    """`score_indicators` from its two halves: `indicator_stats` (or the STATS columns of stored scores,
    which are these) and `next_targets`. One row per row of `nxt`."""
    as_of_t = (as_of - date(1970, 1, 1)).days / DAYS_PER_YEAR
    stale_until = quarter_end_before(as_of, 2)  # no report in the last two quarters: no data
    frame = (
        nxt.join(stats, on=["commune_code", "indicator_code"], how="left")
        .join(indicators.select("indicator_code", "group_code", "direction", "kind", "lower_bound", "upper_bound"), on="indicator_code")
        .with_columns(
            sense=_sense(),
            milestone_t=years(pl.date(pl.col("next_milestone_year"), 12, 31)),
            baseline_t=years("baseline_date"),
            latest_t=years("latest_date"),
        )
        .with_columns(
            required_path_value=_path_at(pl.lit(as_of_t)),
            path_at_latest=_path_at(pl.col("latest_t")),
            years_left=(pl.col("milestone_t") - pl.col("latest_t")).clip(lower_bound=1 / 12),
            attainment=attainment_expr(pl.col("latest_value")),
            met=met_expr(pl.col("latest_value")),
        )
        .with_columns(
            projected_value=(pl.col("latest_value") + pl.col("pace").fill_null(0.0) * pl.col("years_left")).clip(
                pl.col("lower_bound"), pl.col("upper_bound")
            ),
            pace_needed_per_year=pl.when(pl.col("met"))
            .then(0.0)
            .otherwise((pl.col("target_value") - pl.col("latest_value")) / pl.col("years_left")),
            # pace expressed in the good direction: positive is progress
            signed=pl.when(pl.col("sense") == "lower").then(-1.0).otherwise(1.0),
        )
        .with_columns(
            good_pace=pl.col("pace") * pl.col("signed"),
            good_needed=pl.col("pace_needed_per_year") * pl.col("signed"),
            on_path=pl.col("latest_value") * pl.col("signed") >= pl.col("path_at_latest") * pl.col("signed") - 1e-9,
            projected_met=met_expr(pl.col("projected_value")),
        )
        .with_columns(
            status=pl.when(pl.col("latest_date").is_null() | (pl.col("latest_date") <= stale_until))
            .then(pl.lit("no_data"))
            .when(pl.col("met"))
            .then(pl.lit("met"))
            .when(pl.col("on_path") | (pl.col("good_pace").is_not_null() & pl.col("projected_met")))
            .then(pl.lit("on_track"))
            .when(pl.col("good_pace").is_not_null() & (pl.col("good_pace") >= RED_ALERT_SHARE * pl.col("good_needed")) & (pl.col("good_pace") > 0))
            .then(pl.lit("at_risk"))
            .otherwise(pl.lit("off_track"))
        )
    )
    no_data = pl.col("status") == "no_data"
    return frame.with_columns(
        pl.when(no_data).then(None).otherwise(pl.col(c)).alias(c) for c in ("attainment", "projected_value", "pace_needed_per_year")
    ).select(
        "commune_code",
        "indicator_code",
        "group_code",
        pl.lit(as_of).alias("as_of"),
        "baseline",
        "baseline_date",
        "latest_value",
        "latest_date",
        "next_milestone_year",
        "target_comparator",
        "target_value",
        "target_value_max",
        "required_path_value",
        "attainment",
        "status",
        "pace",
        "projected_value",
        "pace_needed_per_year",
    )


def rank_expr(col: str, over: str | None = None) -> pl.Expr:
    """Competition ranking, highest first; ties share a rank (1, 2, 2, 4)."""
    expr = pl.col(col).rank(method="min", descending=True).cast(pl.Int32)
    return expr.over(over) if over else expr


def group_scores(scores: pl.DataFrame, groups: pl.DataFrame, communes: pl.DataFrame) -> pl.DataFrame:
    """Per commune and group (data/groups.yaml): the group score, the mean attainment of the group's indicators
    that have one: the long table commune_group_score. A commune has a row for a group only where the group has a
    score (none when every indicator of the group lacks data).

    groups: group_code (a group absent there is no group). communes: commune_code (the communes to score)."""
    return (
        scores.join(communes.select("commune_code"), on="commune_code")
        .group_by("commune_code", "group_code")
        .agg(score=pl.col("attainment").mean())
        .join(groups.select("group_code"), on="group_code")
        .filter(pl.col("score").is_not_null())
        .sort("commune_code", "group_code")
    )


def composite_index(scores: pl.DataFrame, groups: pl.DataFrame, communes: pl.DataFrame) -> pl.DataFrame:
    """Per commune: the index (weighted mean of its group scores, group_scores), the missing share, ranks,
    the province average and the gap to it.

    groups: group_code, weight. communes: commune_code, province_code (the communes to rank).
    """
    index = group_scores(scores, groups, communes).join(groups.select("group_code", "weight"), on="group_code").group_by(
        "commune_code").agg(index=(pl.col("score") * pl.col("weight")).sum() / pl.col("weight").sum())
    missing = scores.group_by("commune_code").agg(
        indicators=pl.len(), missing_share=(pl.col("status") == "no_data").mean()
    )
    out = (
        communes.select("commune_code", "province_code")
        .join(missing, on="commune_code", how="inner")
        .join(index, on="commune_code", how="left")
        .with_columns(index=pl.when(pl.col("missing_share") > MAX_MISSING_SHARE).then(None).otherwise(pl.col("index")))
        .with_columns(
            rank_province=rank_expr("index", "province_code"),
            rank_national=rank_expr("index"),
            province_average=pl.col("index").mean().over("province_code"),
        )
        .with_columns(gap_to_province_average=pl.col("index") - pl.col("province_average"))
    )
    return out.sort("province_code", "rank_province", "commune_code", nulls_last=True)


GROUP_SCORE = "score_{}"  # a group's score as a column of the wide shape (widen_groups): score_<group_code>


def widen_groups(frame: pl.DataFrame, scores: pl.DataFrame, groups: pl.DataFrame, after: str) -> pl.DataFrame:
    """`frame` (a row per commune_code) with each group's score from the long `scores` (commune_code, group_code,
    score: group_scores, commune_group_score) as a column score_<group_code>, the groups in `groups`' order
    (group_code: data/groups.yaml's order), placed after the column `after`: the wide shape pages and exports show.
    A commune without a score in a group has null there; every group has its column, rows or none."""
    names = [GROUP_SCORE.format(g) for g in groups["group_code"]]
    wide = (
        scores.filter(pl.col("group_code").is_in(groups["group_code"].to_list()))
        .with_columns(pl.format(GROUP_SCORE, "group_code").alias("group_code"))
        .pivot(on="group_code", index="commune_code", values="score")
    ) if scores.height else pl.DataFrame(schema={"commune_code": pl.String})
    wide = wide.with_columns(pl.lit(None, dtype=pl.Float64).alias(n) for n in names if n not in wide.columns)
    joined = frame.join(wide.select("commune_code", *(pl.col(n).cast(pl.Float64) for n in names)), on="commune_code",
                        how="left", maintain_order="left")
    at = frame.columns.index(after) + 1
    return joined.select(*frame.columns[:at], *names, *frame.columns[at:])


def province_indicator_averages(scores: pl.DataFrame, communes: pl.DataFrame) -> pl.DataFrame:
    """Per province and indicator: mean latest value and mean attainment over its communes."""
    return (
        scores.join(communes.select("commune_code", "province_code"), on="commune_code")
        .group_by("province_code", "indicator_code")
        .agg(province_average_value=pl.col("latest_value").mean(), province_average_attainment=pl.col("attainment").mean())
    )


# Trend arrows from the pace, as the SDG dashboards draw them: achieved or on track ↑, moderately
# improving ➚ (at least RED_ALERT_SHARE of the pace needed), stagnating → (progress, but less),
# decreasing ↓ (moving away from the target). Nothing without a pace.
PACE_ARROWS = {"up": "↑", "improving": "➚", "stagnating": "→", "decreasing": "↓"}


def pace_arrow(status: pl.Expr, pace: pl.Expr, pace_needed: pl.Expr) -> pl.Expr:
    """The trend arrow of an indicator from its status and its recent pace against the pace still
    needed (both per year, in the value's own direction; their product is positive for progress)."""
    return (
        pl.when(status.is_in(["met", "on_track"])).then(pl.lit(PACE_ARROWS["up"]))
        .when(status == "at_risk").then(pl.lit(PACE_ARROWS["improving"]))
        .when((status == "off_track") & (pace * pace_needed > 0)).then(pl.lit(PACE_ARROWS["stagnating"]))
        .when((status == "off_track") & pace.is_not_null()).then(pl.lit(PACE_ARROWS["decreasing"]))
        .otherwise(pl.lit(""))
    )


def combined_status(counts: dict[str, pl.Expr]) -> pl.Expr:
    """The status of several indicators together (a commune's group, or all its indicators), by majority,
    from the count of each status among them (`counts`: status -> an expression counting it):

    * no data when more than half have no data;
    * else, of those with data: met when more than half are met; on track when more than half are met or on
      track; off track when more than half are off track; at risk otherwise (mixed).

    So one off-track indicator beside one on track is *at risk*, not off track (the former rule took the most
    frequent status and a tie to the worse, which painted a two-indicator group red wherever one was). The
    same rule in SQL: queries/overview_status.sql and overview_headline.sql."""
    scored = counts["met"] + counts["on_track"] + counts["at_risk"] + counts["off_track"]
    return (
        pl.when(2 * counts["no_data"] > scored + counts["no_data"]).then(pl.lit("no_data"))
        .when(2 * counts["met"] > scored).then(pl.lit("met"))
        .when(2 * (counts["met"] + counts["on_track"]) > scored).then(pl.lit("on_track"))
        .when(2 * counts["off_track"] > scored).then(pl.lit("off_track"))
        .otherwise(pl.lit("at_risk"))
    )


def combined_statuses(scores: pl.DataFrame, by: list[str]) -> pl.DataFrame:
    """Per `by` (e.g. commune_code, or commune_code and group_code): the combined_status of its rows'
    `status`."""
    return scores.group_by(by, maintain_order=True).agg(
        combined_status({s: (pl.col("status") == s).sum() for s in STATUSES}).alias("status")
    )
