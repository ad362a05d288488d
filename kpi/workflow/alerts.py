"""Red alerts by the plan's three rules, and the "cần xử lý" (needs action) list of a province.

Seed 003, IV.2.3: the system raises a red alert for a task that is overdue ("đã quá hạn so với mục
tiêu"), whose completion is below 50% of its elapsed schedule ("tỷ lệ hoàn thành thấp hơn 50% so với lộ
trình thời gian"), or whose evidence failed review ("bị đánh giá là thiếu chất lượng sau khi thẩm định
minh chứng"). The rules themselves are computed in queries/task_board.sql (alert_overdue, alert_behind,
alert_returned); this module names them and gathers what a province has to act on.
"""

from __future__ import annotations

import polars as pl

from kpi import labels
from kpi.i18n import fmt_period, number_symbols, t
from kpi.tasks import deadlines

RULES = ("alert_overdue", "alert_behind", "alert_returned")
# What a province acts on, most urgent first; each in words as the catalogue's action_kind.<kind> (kpi/i18n.py).
KINDS = ("alert_overdue", "alert_returned", "alert_behind", "awaiting_review", "off_track", "not_reported",
         "values_submitted")
_SCHEMA = {"action": pl.String, "commune_code": pl.String, "commune_name": pl.String, "subject": pl.String,
           "detail": pl.String, "is_demo": pl.Boolean}


def reasons(lang: str) -> pl.Expr:
    """The red-alert reasons of each task_board row, in words ("Quá hạn; Minh chứng bị trả lại")."""
    return pl.concat_str(
        [pl.when(pl.col(rule)).then(pl.lit(t(f"action_kind.{rule}", lang))) for rule in RULES], separator="; ", ignore_nulls=True,
    ).fill_null("")


def alerts_per_commune(board: pl.DataFrame) -> pl.DataFrame:
    """Red alerts per commune, by rule (task_board rows)."""
    return board.group_by("commune_code", "commune_name").agg(
        pl.col("red_alert").sum().alias("red_alerts"), *(pl.col(r).sum() for r in RULES), pl.len().alias("tasks"),
        (~pl.col("is_demo")).sum().alias("tasks_reported"),  # the others show demo statuses
    ).sort("red_alerts", "commune_code", descending=[True, False])


def action_list(board: pl.DataFrame, off_track: pl.DataFrame, not_reported: pl.DataFrame,
                approvals: pl.DataFrame, lang: str) -> pl.DataFrame:
    """One row per thing to act on: action (one of KINDS), commune, subject (a task or an indicator), detail, is_demo.

    board: task_board rows; off_track: action_off_track; not_reported: action_not_reported;
    approvals: value_approvals (only "submitted" ones are listed)."""
    name = "indicator_name_vi" if lang == "vi" else "indicator_name_en"
    deadline = deadlines(board["deadline_text"], lang)
    tasks = [
        board.filter(pl.col(rule)).select(
            pl.lit(rule).alias("action"), "commune_code", "commune_name", (pl.col("seq") + ". " + pl.col("task")).alias("subject"),
            pl.col("review_reason").fill_null(deadline).alias("detail"), "is_demo",
        )
        for rule in RULES
    ]
    waiting = board.filter(pl.col("status") == "done_awaiting_review").select(
        pl.lit("awaiting_review").alias("action"), "commune_code", "commune_name",
        (pl.col("seq") + ". " + pl.col("task")).alias("subject"), pl.col("evidence").alias("detail"), "is_demo",
    )
    decimal = number_symbols(lang)[0]

    def shown(column: str) -> pl.Expr:  # a number as the reader writes it (decimal comma in Vietnamese)
        return pl.col(column).round(1).cast(pl.String).str.replace(r"\.0$", "").str.replace(".", decimal, literal=True)

    indicators = off_track.select(
        pl.lit("off_track").alias("action"), "commune_code", "commune_name", pl.col(name).alias("subject"),
        pl.format("{} / {} {} ({})", shown("latest_value").fill_null("–"),
                  pl.col("target_comparator").replace_strict(labels.words("comparator", lang), default=pl.col("target_comparator")),
                  pl.when(pl.col("target_value_max").is_null()).then(shown("target_value"))
                  .otherwise(shown("target_value") + "–" + shown("target_value_max")),
                  pl.col("next_milestone_year")).alias("detail"),
        pl.lit(None, pl.Boolean).alias("is_demo"),
    )
    silent = not_reported.select(pl.lit("not_reported").alias("action"), "commune_code", "commune_name",
                                 pl.lit("").alias("subject"), pl.lit("").alias("detail"), pl.lit(None, pl.Boolean).alias("is_demo"))
    pending = approvals.filter(pl.col("state") == "submitted").select(
        pl.lit("values_submitted").alias("action"), "commune_code", "commune_name",
        pl.col("quarter").replace({p: fmt_period(p) for p in approvals["quarter"].unique()}).alias("subject"),
        pl.col("values_reported").cast(pl.String).alias("detail"), pl.lit(False).alias("is_demo"),
    )
    frames = [f.cast(_SCHEMA) for f in (*tasks, waiting, indicators, silent, pending)]
    out = pl.concat(frames, how="vertical") if frames else pl.DataFrame(schema=_SCHEMA)
    order = pl.col("action").replace_strict({k: n for n, k in enumerate(KINDS)}, return_dtype=pl.Int32)
    return out.sort(order, "commune_code")


def counts(actions: pl.DataFrame) -> dict[str, int]:
    """How many of each kind (every kind, zero included), for the headline of the list."""
    found = dict(actions.group_by("action").len().iter_rows())
    return {kind: int(found.get(kind, 0)) for kind in KINDS}
