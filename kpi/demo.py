"""Deterministic demo data: quarterly reported values and task statuses, flagged is_demo.

No commune publishes its reported values yet, so the dashboard fills them with a reproducible
simulation (fixed seed, same output on every machine for the pinned numpy). Targets are never
simulated: the values aim at each commune's real effective targets.

The model, per commune c and indicator i, over quarters q = 0 .. Q-1 from 2025-Q1:
    value = baseline + (aim - baseline) * pace_c * pace_ci * (q + 1) / quarters_to_aim + noise
clipped to the indicator's bounds, where
* aim is the commune's effective target for 2030 (else its earliest milestone target; else a level
  inside the bounds), and quarters_to_aim runs to 31 December of that milestone year;
* pace_c = province effect x commune pace; about 12% of communes are well behind (pace x 0.35),
  4% stagnate (pace 0) and 3% fall back (pace -0.3);
* about 5% of the (commune, indicator, quarter) reports are missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

from kpi.periods import Period

DEMO_SOURCE = "demo"
SEED_PROVINCES = ("19", "31", "51", "52", "75")  # the provinces of the five plans
SEED_COMMUNES = ("05851", "11503", "21697", "23548", "25378")
SCOPES = ("seeds", "provinces", "national")
MISSING_SHARE = 0.05


@dataclass(frozen=True)
class DemoIndicator:
    code: str
    kind: str
    direction: str
    lower: float
    upper: float


def scope_communes(communes: pl.DataFrame, scope: str) -> pl.DataFrame:
    """communes has commune_code, province_code; returns the rows in the demo scope."""
    if scope == "seeds":
        return communes.filter(pl.col("commune_code").is_in(SEED_COMMUNES))
    if scope == "provinces":
        return communes.filter(pl.col("province_code").is_in(SEED_PROVINCES))
    if scope == "national":
        return communes
    raise ValueError(f"unknown demo scope {scope!r}: use one of {', '.join(SCOPES)}")


def _aims(
    communes: list[str], indicators: list[DemoIndicator], targets: pl.DataFrame
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per (commune, indicator): the value aimed at, its year, and whether a real target exists.

    A commune's own effective target (the 2030 one first, else the nearest milestone, else a recurring
    yearly one) is its aim. Without one, the aim is the indicator's typical target across all plans
    (the median), so a commune of the demo behaves like those that did set a target; an indicator no
    plan targets gets a level inside its bounds."""
    n, m = len(communes), len(indicators)
    aim = np.empty((n, m))
    year = np.full((n, m), 2030)
    has = np.zeros((n, m), dtype=bool)
    targets = targets.with_columns(
        level=pl.when(pl.col("value_max").is_null()).then(pl.col("value")).otherwise((pl.col("value") + pl.col("value_max")) / 2)
    )
    typical = dict(targets.group_by("indicator_code").agg(pl.col("level").median()).iter_rows())
    for j, ind in enumerate(indicators):
        if ind.code in typical:
            aim[:, j] = typical[ind.code]
        else:
            span = ind.upper - ind.lower
            aim[:, j] = ind.lower + span * (0.2 if ind.direction == "lower" else (0.8 if ind.kind == "percent" else 0.3))
    if targets.height:
        c_index = {c: k for k, c in enumerate(communes)}
        i_index = {ind.code: k for k, ind in enumerate(indicators)}
        chosen = (
            targets.filter(pl.col("commune_code").is_in(communes))
            .with_columns(
                rank=pl.when(pl.col("year") == 2030).then(0).when(pl.col("year").is_null()).then(9999).otherwise(pl.col("year"))
            )
            .sort("rank")
            .unique(["commune_code", "indicator_code"], keep="first", maintain_order=True)
        )
        for commune, indicator, level, target_year in chosen.select("commune_code", "indicator_code", "level", "year").iter_rows():
            c, i = c_index[commune], i_index.get(indicator)
            if i is None:
                continue
            aim[c, i] = level
            year[c, i] = target_year or 2030  # a recurring yearly target: aim at it by 2030
            has[c, i] = True
    return aim, year, has


def generate_observations(
    communes: pl.DataFrame,
    indicators: list[DemoIndicator],
    targets: pl.DataFrame,
    periods: list[Period],
    seed: int,
) -> pl.DataFrame:
    """Quarterly demo reports for every commune in `communes` and every indicator."""
    codes = communes["commune_code"].to_list()
    provinces = communes["province_code"].to_list()
    n, m, q = len(codes), len(indicators), len(periods)
    if n == 0 or m == 0 or q == 0:
        return pl.DataFrame(schema=OBSERVATION_SCHEMA)
    rng = np.random.default_rng(seed)

    province_ids = {p: k for k, p in enumerate(sorted(set(provinces)))}
    province_effect = rng.normal(0.0, 0.25, len(province_ids))
    p_of = np.array([province_ids[p] for p in provinces])
    pace_c = np.exp(province_effect[p_of] + rng.normal(0.0, 0.2, n))
    kind_of_commune = rng.random(n)
    pace_c = np.where(kind_of_commune < 0.12, pace_c * 0.35, pace_c)  # well behind
    pace_c = np.where((kind_of_commune >= 0.12) & (kind_of_commune < 0.16), 0.0, pace_c)  # stagnating
    pace_c = np.where((kind_of_commune >= 0.16) & (kind_of_commune < 0.19), -0.3, pace_c)  # falling
    pace = pace_c[:, None] * np.exp(rng.normal(0.0, 0.15, (n, m)))

    aim, aim_year, _ = _aims(codes, indicators, targets)
    lower = np.array([ind.lower for ind in indicators])[None, :]
    upper = np.array([ind.upper for ind in indicators])[None, :]
    lower_better = np.array([ind.direction == "lower" for ind in indicators])[None, :]
    floor = np.where(lower < 0, np.minimum(0.0, aim), lower)  # a growth rate starts from 0, not from its lowest bound
    start = np.where(
        lower_better,
        aim + (upper - aim) * rng.uniform(0.25, 0.7, (n, m)),
        floor + (aim - floor) * rng.uniform(0.3, 0.8, (n, m)),
    )
    start = start + (province_effect[p_of][:, None] * 0.08 * (aim - start))
    quarters_to_aim = (aim_year - 2025) * 4 + 4
    step = (aim - start) / quarters_to_aim * pace  # per quarter

    t = np.arange(1, q + 1)[None, None, :]
    noise = rng.normal(0.0, 1.0, (n, m, q)) * (np.abs(aim - start) * 0.02 + 1e-9)[:, :, None]
    values = start[:, :, None] + step[:, :, None] * t + noise
    values = np.clip(values, lower[:, :, None], upper[:, :, None])

    kinds = [ind.kind for ind in indicators]
    for j, kind in enumerate(kinds):
        if kind == "boolean":  # a yes/no indicator flips once, when the commune's progress gets there
            progress = (values[:, j, :] - start[:, j, None]) / np.maximum(np.abs(aim[:, j, None] - start[:, j, None]), 1e-9)
            values[:, j, :] = (progress * np.sign(aim[:, j, None] - start[:, j, None]) >= 0.5).astype(float)
        elif kind == "count":
            values[:, j, :] = np.round(values[:, j, :])
        else:
            values[:, j, :] = np.round(values[:, j, :], 1)
    present = rng.random((n, m, q)) >= MISSING_SHARE

    ci, ii, qi = np.nonzero(present)
    return pl.DataFrame(
        {
            "commune_code": np.array(codes, dtype=object)[ci],
            "indicator_code": np.array([ind.code for ind in indicators], dtype=object)[ii],
            "period": np.array([p.label for p in periods], dtype=object)[qi],
            "period_end": np.array([p.end for p in periods], dtype="datetime64[D]")[qi],
            "value": values[ci, ii, qi],
        },
        schema_overrides={"commune_code": pl.String, "indicator_code": pl.String, "period": pl.String},
    ).with_columns(is_demo=pl.lit(True), source=pl.lit(DEMO_SOURCE))


OBSERVATION_SCHEMA = {
    "commune_code": pl.String,
    "indicator_code": pl.String,
    "period": pl.String,
    "period_end": pl.Date,
    "value": pl.Float64,
    "is_demo": pl.Boolean,
    "source": pl.String,
}

TASK_STATUSES = ("done_verified", "done_awaiting_evidence", "in_progress", "not_started")


def generate_task_statuses(tasks: pl.DataFrame, as_of: date, plan_start: date, seed: int) -> pl.DataFrame:
    """Demo status of each task at as_of: done with evidence, done awaiting evidence
    ("Chờ hoàn thiện"), in progress with a percent complete, or not started.

    tasks has task_id, deadline_date, recurring. Tasks past their deadline are mostly done;
    the others have progressed roughly with the elapsed share of their schedule.
    """
    rng = np.random.default_rng(seed + 1)
    rows = []
    for task_id, due, recurring in tasks.select("task_id", "deadline_date", "recurring").iter_rows():
        draw, pace = rng.random(), rng.uniform(0.3, 1.4)
        if due is None or recurring:
            elapsed = 0.5
        else:
            total = max((due - plan_start).days, 1)
            elapsed = min(max((as_of - plan_start).days / total, 0.0), 1.0)
        if not recurring and due is not None and due <= as_of:
            status = TASK_STATUSES[0] if draw < 0.55 else TASK_STATUSES[1] if draw < 0.7 else TASK_STATUSES[2] if draw < 0.9 else TASK_STATUSES[3]
        else:
            status = TASK_STATUSES[3] if draw < 0.12 else TASK_STATUSES[2]
        percent = {"done_verified": 100.0, "done_awaiting_evidence": 100.0, "not_started": 0.0}.get(status)
        if percent is None:
            percent = float(np.clip(round(elapsed * pace * 100), 5, 95))
        evidence = f"minh-chung-nhiem-vu-{task_id}.pdf" if status == "done_verified" else ""
        rows.append((task_id, status, percent, evidence))
    return pl.DataFrame(
        rows,
        schema={"task_id": pl.Int64, "status": pl.String, "percent_complete": pl.Float64, "evidence": pl.String},
        orient="row",
    ).with_columns(is_demo=pl.lit(True), as_of=pl.lit(as_of))
