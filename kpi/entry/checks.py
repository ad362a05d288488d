"""The checks of an entered value (DHIS2's checks at entry), pure logic: the form runs them as the person types
(`check`, one value), and every import, a file's as the form's (kpi.services.values.import_files), runs the same
rules on every row before it writes (`check_frame`, every row at once over the statistics `known` makes of the
values kept beside the snapshot, kpi.store.reference: those of one Line's history and province).

* bounds: the value within the indicator's bounds (an error; the import's row model says the same);
* jump: a value far from the commune's own history or from its province's spread needs a reason. "Far" is
  the modified z-score of Iglewicz and Hoaglin, |0.6745 (x - median) / MAD| > 3.5, over the commune's earlier
  values when it has at least MIN_HISTORY of them (a commune is judged by its own course first), else over the
  latest values of the province's communes at or before the period (at least MIN_PROVINCE); a MAD of zero is
  taken as 5% of |median| (at least 1e-9), so a constant history still flags. The reason is the row's note
  (Ghi chú);
* evidence: a value that meets its target for the next milestone, in a commune whose plan requires evidence
  for a met KPI (EVIDENCE_REQUIRED: Tân Lợi's plan, IV.2.2 "Minh chứng bắt buộc"), needs an evidence file: a
  file import names it in the row's Minh chứng column and gives it with the import, or is refused.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import polars as pl

from kpi.i18n import Msg, msg

MIN_HISTORY = 3
MIN_PROVINCE = 5
Z_LIMIT = 3.5
# Communes whose plan makes evidence mandatory when a KPI is reported met: the plan's own words.
EVIDENCE_REQUIRED = {
    "25378": "entry_check.rule_tan_loi",  # the catalogue's words for the rule, in each language
}


@dataclass(frozen=True)
class Line:
    """One indicator of the form, as the commune stands (a row of queries/entry_form.sql)."""

    indicator_code: str
    name_vi: str
    unit: str
    lower_bound: float
    upper_bound: float
    direction: str = "higher"
    kind: str = "percent"
    target_comparator: str | None = None
    target_value: float | None = None
    target_value_max: float | None = None
    history: tuple[float, ...] = ()  # the commune's earlier values
    province: tuple[float, ...] = ()  # the latest values of the province's other communes


@dataclass(frozen=True)
class Finding:
    field: str  # value, note (the reason), evidence
    kind: str  # bounds, jump, evidence
    message: Msg  # worded in the reader's language where it is shown

    def __str__(self) -> str:
        return str(self.message)


def _g(x: float) -> str:
    return f"{x:g}"


def far(values: Sequence[float], x: float, minimum: int) -> float | None:
    """The modified z-score of x among `values` when it is beyond Z_LIMIT (None: not far, or too few values)."""
    if len(values) < minimum:
        return None
    median = statistics.median(values)
    mad = statistics.median(abs(v - median) for v in values) or max(0.05 * abs(median), 1e-9)
    z = 0.6745 * (x - median) / mad
    return z if abs(z) > Z_LIMIT else None


def meets(line: Line, value: float) -> bool:
    """Whether the value meets the line's target (kpi.scoring.met_expr's rule: strict comparators as non-strict,
    'strive' and '=' by the indicator's direction)."""
    target = line.target_value
    if target is None or line.target_comparator is None:
        return False
    if line.target_comparator == "range":
        return target <= value <= (line.target_value_max if line.target_value_max is not None else target)
    lower = line.target_comparator in ("<=", "<") or (line.target_comparator not in (">=", ">") and line.direction == "lower")
    return value <= target if lower else value >= target


def jump(line: Line, value: float) -> Finding | None:
    """Why the value is far from what is known, or None. history: oldest first."""
    if far(line.history, value, MIN_HISTORY) is not None:
        return Finding("note", "jump", msg("entry_check.far_history", value=_g(value), last=_g(line.history[-1])))
    if len(line.history) < MIN_HISTORY and far(line.province, value, MIN_PROVINCE) is not None:
        return Finding("note", "jump", msg("entry_check.far_province", value=_g(value),
                                           median=_g(statistics.median(line.province))))
    return None


def needs_evidence(commune: str, value: float, target: float | None) -> Finding:
    return Finding("evidence", "evidence", msg("entry_check.evidence", value=_g(value), target=_g(target or 0),
                                               rule=msg(EVIDENCE_REQUIRED[commune])))


def check(line: Line, value: float | None, *, commune: str, reason: str = "", evidence: bool = False) -> list[Finding]:
    """Every finding against one entered value (empty: it can be submitted). `reason`: the note given with
    it; `evidence`: whether an evidence file comes with it."""
    if value is None:
        return []
    if not line.lower_bound <= value <= line.upper_bound:
        return [Finding("value", "bounds", msg("intake.out_of_bounds", value=_g(value), lower=_g(line.lower_bound),
                                                upper=_g(line.upper_bound), unit=line.unit))]
    found = []
    why = jump(line, value)
    if why and not reason.strip():
        found.append(why)
    if not evidence and commune in EVIDENCE_REQUIRED and meets(line, value):
        found.append(needs_evidence(commune, value, line.target_value))
    return found


# --- every row of an import at once (kpi.services.values): the same rules over each key's statistics ----------

KEY = ["commune_code", "indicator_code", "period_end"]
# queries/reference_history.sql's rows: a commune's values of one indicator as 'YYYY-MM-DD=value;…'
HISTORY = {"indicator_code": pl.String, "commune_code": pl.String, "province_code": pl.String, "history": pl.String}
# queries/reference_targets.sql's rows: the effective targets of the communes in EVIDENCE_REQUIRED
TARGETS = {"commune_code": pl.String, "indicator_code": pl.String, "year": pl.Int64, "comparator": pl.String,
           "value": pl.Float64, "value_max": pl.Float64}


def _values(history: pl.LazyFrame) -> pl.LazyFrame:
    """HISTORY rows as one row per value: indicator_code, commune_code, province_code, value_end, value."""
    return (history.with_columns(pl.col("history").str.split(";")).explode("history")
            .with_columns(pl.col("history").str.split_exact("=", 1).struct.rename_fields(["value_end", "value"]))
            .unnest("history")
            .with_columns(pl.col("value_end").str.to_date("%Y-%m-%d"), pl.col("value").cast(pl.Float64)))


def _spread(prefix: str) -> list[pl.Expr]:
    """A group's count, median, median absolute deviation: far()'s figures."""
    value = pl.col("value")
    return [pl.len().cast(pl.Int64).alias(f"{prefix}_n"), value.median().alias(f"{prefix}_median"),
            (value - value.median()).abs().median().alias(f"{prefix}_mad")]


def known(keys: pl.DataFrame, history: pl.DataFrame, province_history: Callable[[list[tuple[str, str]]], pl.DataFrame],
          targets: pl.DataFrame, directions: dict[str, str]) -> pl.DataFrame:
    """What each key of an import (keys: commune_code, indicator_code, period_end, province_code) is checked
    against, as one Line would be: the commune's values before the period (hist_n, hist_median, hist_mad,
    hist_last), for a key with fewer than MIN_HISTORY of them the latest value at or before the period of every
    commune of its province (prov_n, prov_median, prov_mad), in an EVIDENCE_REQUIRED commune the target of the
    next milestone (the first year >= the period's, else the recurring one: queries/entry_form.sql's rule;
    target_comparator, target_value, target_value_max), and the indicator's direction.
    history: HISTORY rows of the keys' own (indicator, commune) pairs; province_history: HISTORY rows of every
    commune of the (indicator_code, province_code) pairs it is given; targets: TARGETS rows.
    Two lazy plans, each collected once (an import's every check costs two collects, not one per step): the
    keys with their own statistics, which say which pairs need their province's; then the rest."""
    direction = pl.LazyFrame({"indicator_code": list(directions), "direction": list(directions.values())},
                             schema={"indicator_code": pl.String, "direction": pl.String})
    lazy_keys = (keys.lazy().select(*KEY, "province_code").unique()
                 .with_columns(pl.col("period_end").cast(pl.Date), year=pl.col("period_end").dt.year().cast(pl.Int64))
                 .join(direction, on="indicator_code"))
    own = (lazy_keys.join(_values(history.lazy()).drop("province_code"), on=["commune_code", "indicator_code"])
           .filter(pl.col("value_end") < pl.col("period_end"))
           .group_by(KEY).agg(*_spread("hist"), hist_last=pl.col("value").sort_by("value_end").last()))
    with_own = lazy_keys.join(own, on=KEY, how="left").collect()
    thin = with_own.filter(pl.col("hist_n").fill_null(0) < MIN_HISTORY).select(*KEY, "province_code")
    pairs = thin.select("indicator_code", "province_code").drop_nulls().unique().rows()
    members = _values((province_history(pairs) if pairs else history.clear()).lazy()).rename({"commune_code": "member"})
    spread = (thin.lazy().join(members, on=["indicator_code", "province_code"])
              .filter(pl.col("value_end") <= pl.col("period_end"))
              .group_by(*KEY, "member").agg(pl.col("value").sort_by("value_end").last())
              .group_by(KEY).agg(*_spread("prov")))
    year = pl.coalesce(pl.col("target_year"), pl.col("year"))
    target = (with_own.lazy().filter(pl.col("commune_code").is_in(list(EVIDENCE_REQUIRED)))
              .join(targets.lazy().rename({"year": "target_year", "comparator": "target_comparator",
                                           "value": "target_value", "value_max": "target_value_max"}),
                    on=["commune_code", "indicator_code"])
              .filter(year >= pl.col("year"))
              .sort(year, pl.col("target_year").is_null())
              .group_by(KEY, maintain_order=True).first()
              .select(*KEY, "target_comparator", "target_value", "target_value_max"))
    return (with_own.lazy().join(spread, on=KEY, how="left").join(target, on=KEY, how="left")
            .select(*KEY, "hist_n", "hist_median", "hist_mad", "hist_last", "prov_n", "prov_median", "prov_mad",
                    "target_comparator", "target_value", "target_value_max", "direction")
            .collect())


def _z(x: pl.Expr, median: str, mad: str) -> pl.Expr:
    """far()'s modified z-score, |z|, over a key's median and MAD (a MAD of zero as 5% of |median|, at least 1e-9)."""
    spread = pl.when(pl.col(mad) != 0).then(pl.col(mad)).otherwise(pl.max_horizontal(0.05 * pl.col(median).abs(), pl.lit(1e-9)))
    return (0.6745 * (x - pl.col(median)) / spread).abs()


def _meets(x: pl.Expr) -> pl.Expr:
    """meets() over the columns target_comparator, target_value, target_value_max, direction."""
    cmp, target = pl.col("target_comparator"), pl.col("target_value")
    lower = cmp.is_in(["<=", "<"]) | (~cmp.is_in([">=", ">"]) & (pl.col("direction") == "lower"))
    return (target.is_not_null() & cmp.is_not_null() & pl.when(cmp == "range")
            .then((x >= target) & (x <= pl.coalesce(pl.col("target_value_max"), target)))
            .when(lower).then(x <= target).otherwise(x >= target)).fill_null(False)


def check_frame(rows: pl.DataFrame, known: pl.DataFrame) -> pl.DataFrame:
    """The jump and evidence rules over every row of an import (rows: commune_code, indicator_code, period_end,
    value, note, has_evidence, and any others), against `known` (known(): each key's history and province
    statistics and next target). Returns the rows with a finding, with `jump` (history /
    province / null) and `unproven` (a met value without its evidence), and the figures their messages cite.
    Bounds are the row model's check (kpi.intake.validate), made before."""
    x = pl.col("value")
    judged = rows.join(known, on=["commune_code", "indicator_code", "period_end"], how="left").with_columns(
        jump=pl.when((pl.col("hist_n") >= MIN_HISTORY) & (_z(x, "hist_median", "hist_mad") > Z_LIMIT)).then(pl.lit("history"))
        .when((pl.col("hist_n").fill_null(0) < MIN_HISTORY) & (pl.col("prov_n") >= MIN_PROVINCE)
              & (_z(x, "prov_median", "prov_mad") > Z_LIMIT)).then(pl.lit("province")),
        unproven=~pl.col("has_evidence") & pl.col("commune_code").is_in(list(EVIDENCE_REQUIRED)) & _meets(x),
    )
    return judged.filter((pl.col("jump").is_not_null() & (pl.col("note").fill_null("").str.strip_chars() == ""))
                         | pl.col("unproven"))


def frame_findings(row: dict) -> list[Finding]:
    """The findings of one row check_frame returned, as the form would say them."""
    value, found = row["value"], []
    if row["jump"] is not None and not (row["note"] or "").strip():
        found.append(Finding("note", "jump", msg("entry_check.far_history", value=_g(value), last=_g(row["hist_last"]))
                             if row["jump"] == "history" else
                             msg("entry_check.far_province", value=_g(value), median=_g(row["prov_median"]))))
    if row["unproven"]:
        found.append(needs_evidence(row["commune_code"], value, row["target_value"]))
    return found

