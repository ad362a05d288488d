"""Checks across rows, over the valid rows of an import (a polars frame, no Python callbacks).

* A key (commune, indicator, period) given twice: the later row is refused, naming the first.
* One commune, indicator and period end has one value: a month and a quarter (or a year) that end on
  the same day, in the files or against a value already stored, are refused with both rows named.
  To replace a stored value, report the same period form again (or roll its batch back first).
"""

from __future__ import annotations

import polars as pl

from kpi.i18n import msg
from kpi.intake.validate import RowError

KEY = ["commune_code", "indicator_code", "period"]
END = ["commune_code", "indicator_code", "period_end"]


def _first(frame: pl.DataFrame, by: list[str]) -> pl.DataFrame:
    """Each row with the file and row of the first row sharing its `by` columns."""
    ordered = frame.with_row_index("order")
    firsts = ordered.sort("order").group_by(by, maintain_order=True).agg(
        pl.col("order").first().alias("first_order"), pl.col("file_index").first().alias("first_file"),
        pl.col("source_row").first().alias("first_row"), pl.col("period").first().alias("first_period"),
    )
    return ordered.join(firsts, on=by, how="left").filter(pl.col("order") != pl.col("first_order"))


def across_rows(frame: pl.DataFrame, files: list[str]) -> tuple[list[RowError], pl.DataFrame]:
    """Errors for repeated keys and for two period forms with one end; the rows that remain valid."""
    if not frame.select(pl.struct(END).is_duplicated().any()).item():  # the usual file: nothing repeated (one pass)
        return [], frame
    errors: list[RowError] = []
    bad: set[int] = set()
    ordered = frame.with_row_index("order")
    for r in _first(frame, KEY).iter_rows(named=True):
        bad.add(r["order"])
        errors.append(RowError(files[r["file_index"]], r["source_row"], "period",
                               msg("intake.repeated_row", first=f"{files[r['first_file']]}:{r['first_row']}")))
    for r in _first(frame, END).filter(pl.col("period") != pl.col("first_period")).iter_rows(named=True):
        if r["order"] in bad:
            continue
        bad.add(r["order"])
        errors.append(RowError(
            files[r["file_index"]], r["source_row"], "period",
            msg("intake.same_end", period=r["period"], first_period=r["first_period"], end=f"{r['period_end']:%d/%m/%Y}",
                first=f"{files[r['first_file']]}:{r['first_row']}"),
        ))
    remaining = ordered.filter(~pl.col("order").is_in(sorted(bad))).drop("order")
    return errors, remaining


def against_stored(frame: pl.DataFrame, stored: pl.DataFrame, files: list[str]) -> list[RowError]:
    """Rows whose period end already has a stored (imported) value under another period form."""
    clash = frame.join(stored, on=END, how="inner").filter(pl.col("period") != pl.col("stored_period"))
    return [
        RowError(
            files[r["file_index"]], r["source_row"], "period",
            msg("intake.stored_same_end", period=r["stored_period"], batch=r["stored_batch"], end=f"{r['period_end']:%d/%m/%Y}"),
        )
        for r in clash.iter_rows(named=True)
    ]
