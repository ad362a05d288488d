"""What a reviewer reads before approving or returning a commune's quarter (DHIS2's data approval screen):
each value the commune reported for the quarter beside its previous value, the target of the next milestone
and the province's spread of the same indicator and quarter, with outliers flagged and the reasons in words.

The values come from the store of record as they are now (kpi.services.approvals.quarter_values: what is
approved is what was recorded, published or not); the context from the published snapshot
(queries/approval_context.sql). No Streamlit here."""

from __future__ import annotations

from datetime import date

import polars as pl

from kpi.i18n import Problem, fmt_number, t
from kpi.periods import parse_period

FENCE = 1.5  # Tukey's fences: below Q1 - 1.5 IQR or above Q3 + 1.5 IQR of the province's communes
MIN_SPREAD = 4  # communes with a value in the quarter before the province's spread flags anything
JUMP = 0.5  # a change from the previous value larger than half the indicator's range (upper - lower bound)

# Why a value stands out, in words: the catalogue's outlier.<flag> (kpi/i18n.py).


def quarter_span(quarter: str) -> tuple[date, date, int]:
    """(first day, last day, year) of a quarter ("2026-Q3")."""
    p = parse_period(quarter)
    if p.kind != "quarter":
        raise Problem("period.not_a_quarter", text=repr(quarter))
    return date(p.end.year, p.end.month - 2, 1), p.end, p.end.year


def screen(values: pl.DataFrame, context: pl.DataFrame, quarter: str, lang: str = "vi") -> pl.DataFrame:
    """The commune's values of the quarter (values: the store's indicator_code, period, period_end, value,
    evidence, note; the latest period of the quarter per indicator) joined to their context (approval_context),
    in the catalogue's order, with `change` (from the previous value), `outlier` (any flag) and `flags` (why,
    in `lang`)."""
    start, end, _ = quarter_span(quarter)
    day = pl.col("period_end")
    if values.height and values.schema["period_end"] != pl.Date:
        values = values.with_columns(day.cast(pl.String).str.to_date())
    mine = (values.filter(day.is_between(start, end)).sort("period_end", descending=True)
            .unique("indicator_code", keep="first", maintain_order=True))
    joined = mine.join(context, on="indicator_code", how="left")
    iqr = pl.col("province_q3") - pl.col("province_q1")
    value = pl.col("value")
    flags = {
        "bounds": (value < pl.col("lower_bound")) | (value > pl.col("upper_bound")),
        "province": (pl.col("province_communes") >= MIN_SPREAD)
                    & ((value < pl.col("province_q1") - FENCE * iqr) | (value > pl.col("province_q3") + FENCE * iqr)),
        "jump": (value - pl.col("previous_value")).abs() > JUMP * (pl.col("upper_bound") - pl.col("lower_bound")),
    }
    words = pl.concat_list([pl.when(test.fill_null(False)).then(pl.lit(t(f"outlier.{k}", lang))).otherwise(pl.lit(None))
                            for k, test in flags.items()]).list.drop_nulls().list.join("; ")
    return (joined.with_columns(change=value - pl.col("previous_value"), flags=words)
            .with_columns(outlier=pl.col("flags") != "")
            .sort("sort_order", nulls_last=True))


def target_words(view: pl.DataFrame, lang: str = "vi") -> list[str]:
    """Each row's next-milestone target as read, to its indicator's decimals: "≥ 80 (2026)", "70–90 (2030)", "" without one."""
    words = []
    for comparator, value, most, year, places in view.select("target_comparator", "target_value", "target_value_max",
                                                             "target_year", "decimals").iter_rows():
        if value is None:
            words.append("")
            continue
        sign = {">=": "≥", "<=": "≤", "=": "=", ">": ">", "<": "<"}.get(comparator or "", comparator or "")
        amount = (f"{fmt_number(value, lang, places)}–{fmt_number(most, lang, places)}" if comparator == "range" and most is not None
                  else f"{sign} {fmt_number(value, lang, places)}".strip())
        words.append(f"{amount} ({year})")
    return words


def evidence_files(view: pl.DataFrame, files: pl.DataFrame) -> pl.DataFrame:
    """The evidence files of each value on the screen (view: indicator_code, period, batch_id), newest batch first:
    those cited for the same indicator and period by the batch that recorded the value or a later one not rolled
    back (a value resubmitted unchanged with its evidence keeps its first batch). files: value_evidence_of's rows
    (batch_id, indicator_code, period, file_name, sha256, rolled_back_at). Returns indicator_code, period,
    batch_id (the citing batch, the route's), file_name, sha256."""
    columns = ["indicator_code", "period", "batch_id", "file_name", "sha256"]
    if not view.height or not files.height:
        return pl.DataFrame(schema={c: pl.Int64 if c == "batch_id" else pl.String for c in columns})
    cited = files.filter(pl.col("rolled_back_at").is_null()).select(
        "indicator_code", "period", pl.col("batch_id").cast(pl.Int64).alias("cited_by"), "file_name", "sha256")
    return (view.select("indicator_code", "period", pl.col("batch_id").cast(pl.Int64))
            .join(cited, on=["indicator_code", "period"])
            .filter(pl.col("cited_by") >= pl.col("batch_id"))
            .select("indicator_code", "period", pl.col("cited_by").alias("batch_id"), "file_name", "sha256")
            .sort(["indicator_code", "batch_id", "file_name"], descending=[False, True, False]))
