"""A province on paper: one scorecard PDF per commune and a one-page summary (its index, rank, the
communes ranked, and a map of their index), written into a folder.

Two worker processes (one per core of the 2-core server) typeset the communes; each opens the database
read-only and starts its own chart engine. Queries: overview_headline, ranking, units, build_info.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

import duckdb
import polars as pl

from kpi import geo
from kpi.db import connect, run
from kpi.headline import headline, signed
from kpi.i18n import fmt_number, fmt_period, local_time, msg, t
from kpi.periods import previous_quarter
from kpi.scorecard import model, vega
from kpi.scorecard.pdf import common_data, commune_pdf, today, typeset
from kpi.scorecard.text import moved

WORKERS = max(1, min(2, os.cpu_count() or 1))


@dataclass(frozen=True)
class Written:
    summary: Path
    communes: list[Path]


def commune_file(code: str, period: str, milestone: int | None = None) -> str:
    """A commune's scorecard's file name; one scored against a chosen milestone says so (…-moc-2045.pdf)."""
    return f"ho-so-xa-{code}-{period}{f'-moc-{milestone}' if milestone else ''}.pdf"


def summary_file(province: str, period: str) -> str:
    return f"tong-hop-tinh-{province}-{period}.pdf"


def summary_data(con: duckdb.DuckDBPyConnection, province: str, period: str, lang: str) -> tuple[dict, pl.DataFrame]:
    """The summary's text and figures, and the map frame (commune positions with their index)."""
    units = run(con, "units", province=province)
    if not units.height:
        raise model.ScorecardError(msg("scorecard_error.province", code=repr(province)))
    name = units["province_name"][0]
    info = dict(run(con, "build_info").iter_rows())
    previous = previous_quarter(period)
    head = headline(run(con, "overview_headline", province=province, period=period, previous=previous, group=None), period)
    ranking = run(con, "ranking", period=period, province=province)
    before = run(con, "ranking", period=previous, province=province).select(
        "commune_code", pl.col("rank_province").alias("rank_before"))
    ranking = ranking.join(before, on="commune_code", how="left")
    demo = bool(ranking["is_demo"].any()) if ranking.height else False
    meta = t("scorecard.meta", lang, period=fmt_period(period), milestone=t("scorecard.next_milestone", lang),
             version=info.get("data_version", "?"), published=local_time(info.get("published_at") or info.get("built_at")),
             today=today(lang))
    data = common_data(t("scorecard.province_title", lang, province=name), t("scorecard.subtitle", lang, province=name, code=province),
                   lang, demo, meta)
    figures = []
    if head is not None:
        n = head.now
        index_change, rank_change = head.change("index"), head.change("rank")
        figures = [
            {"label": t("scorecard.province_index", lang), "value": fmt_number(n.index, lang) if n.index is not None else "–",
             "delta": t("scorecard.change", lang, delta=signed(index_change, lang), period=fmt_period(previous)) if index_change is not None else "",
             "colour": "#616161"},
            {"label": t("scorecard.province_rank", lang), "value": f"{n.rank or '–'} / {n.ranked or '–'}",
             "delta": t("scorecard.rank_change", lang, moved=moved(int(rank_change), lang), period=fmt_period(previous))
             if rank_change is not None else "",
             "colour": "#616161"},
            {"label": t("scorecard.communes_ranked", lang), "value": f"{int(ranking['index'].is_not_null().sum())} / {units.height}",
             "delta": "", "colour": "#616161"},
            {"label": t("status.off_track", lang), "value": f"{n.communes_off_track} / {n.communes}",
             "delta": t("headline.off_track", lang, n=n.communes_off_track, communes=n.communes), "colour": "#616161"},
        ]
    data["figures"] = figures
    data["no_data"] = None if ranking.height else t("scorecard.province_no_data", lang, period=fmt_period(period))
    data["map_title"], data["ranking_title"] = t("scorecard.map", lang), t("scorecard.ranking", lang)
    data["ranking_headers"] = [t("col.rank", lang), t("col.commune_name", lang), t("col.index", lang), "±", ""]
    data["ranking"] = [
        {"rank": str(r["rank_province"]) if r["rank_province"] is not None else "–", "name": r["commune_name"],
         "index": fmt_number(r["index"], lang) if r["index"] is not None else "–",
         "gap": signed(r["gap_to_province_average"], lang) if r["gap_to_province_average"] is not None else "",
         "trend": _arrow(r["rank_before"], r["rank_province"])}
        for r in ranking.iter_rows(named=True)
    ]
    placed = run(con, "commune_positions")  # loaded and checked by the build
    return data, geo.map_frame(units, ranking, placed)


def _arrow(before: int | None, now: int | None) -> str:
    if before is None or now is None:
        return ""
    return "↑" if now < before else ("↓" if now > before else "→")


def summary_pdf(con: duckdb.DuckDBPyConnection, province: str, period: str, lang: str = "vi") -> bytes:
    data, frame = summary_data(con, province, period, lang)
    images = {"map.svg": vega.svg(vega.map_spec(frame, lang, width=330, height=440, font=vega.PAPER_FONT))}
    return typeset("province.typ", data, images)


def _one(db: str, code: str, period: str, milestone: int | None, lang: str, out: str) -> str:
    """A worker's job: one commune's PDF written to `out` (opened read-only once per worker)."""
    con = _worker_connection(db)
    card = model.load(con, code, period, milestone)
    Path(out).write_bytes(commune_pdf(card, lang))
    return out


_CONNECTIONS: dict[str, duckdb.DuckDBPyConnection] = {}


def _worker_connection(db: str) -> duckdb.DuckDBPyConnection:
    if db not in _CONNECTIONS:
        _CONNECTIONS[db] = connect(db)
    return _CONNECTIONS[db]


def write_province(db: Path, province: str, out_dir: Path, period: str | None = None, milestone: int | None = None,
                   lang: str = "vi", workers: int = WORKERS) -> Written:
    """Every commune's scorecard and the province summary, as PDFs in out_dir (created if missing)."""
    con = connect(db)
    try:
        period, _ = model.scored_period(con, period)
        codes = run(con, "units", province=province)["commune_code"].to_list()
        if not codes:
            raise model.ScorecardError(msg("scorecard_error.province", code=repr(province)))
        out_dir.mkdir(parents=True, exist_ok=True)
        summary = out_dir / summary_file(province, period)
        summary.write_bytes(summary_pdf(con, province, period, lang))
    finally:
        con.close()
    targets = [(code, str(out_dir / commune_file(code, period, milestone))) for code in codes]
    db_path = str(Path(db).resolve())  # the snapshot itself: every worker reads the same version
    if workers <= 1:
        written = [_one(db_path, code, period, milestone, lang, out) for code, out in targets]
    else:
        with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
            written = list(pool.map(_one, *zip(*[(db_path, c, period, milestone, lang, o) for c, o in targets], strict=True)))
    return Written(summary, [Path(p) for p in written])
