"""Tổng quan's headline: a province's figures this quarter, their change since the previous one, and the
same in one sentence (queries/overview_headline.sql gives the figures; nothing here knows Streamlit)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import polars as pl

from kpi.i18n import fmt_number, t

STATUSES = ("met", "on_track", "at_risk", "off_track")
# the shares a leader reads first: what is decidable now against each indicator's next milestone (most are for
# 2030, so "met" alone is near 0 for years); "met" follows as a detail
SHARES = ("met_or_on_track", "at_risk", "off_track", "met")


@dataclass(frozen=True)
class Figures:
    period: str
    index: float | None
    rank: int | None
    ranked: int | None
    pairs: int
    shares: dict[str, float]  # status -> percent of the commune × indicator pairs
    communes: int
    communes_off_track: int


@dataclass(frozen=True)
class Headline:
    now: Figures
    before: Figures | None

    def change(self, field: str, status: str | None = None) -> float | None:
        """This quarter minus the previous one (None without a previous quarter or a value)."""
        if self.before is None:
            return None
        a = self.now.shares[status] if status else getattr(self.now, field)
        b = self.before.shares[status] if status else getattr(self.before, field)
        return None if a is None or b is None else a - b

    def sentence(self, province: str, lang: str) -> str:
        """The headline in whole sentences, each ending with its full stop; a missing rank or index is said in
        words ("… chưa được xếp hạng."), never as a dash inside a sentence."""
        n, rank_change = self.now, self.change("rank")
        index_change = self.change("index")
        if n.rank is None or n.index is None:
            parts = [t("headline.unranked", lang, province=province)]
        else:
            rank = t("headline.rank", lang, province=province, rank=fmt_number(n.rank, lang, 0),
                     ranked=fmt_number(n.ranked, lang, 0), index=fmt_number(n.index, lang))
            if rank_change is not None and index_change is not None:
                moved = t("headline.up", lang, n=-rank_change) if rank_change < 0 else (
                    t("headline.down", lang, n=rank_change) if rank_change > 0 else t("headline.same", lang))
                rank += f" ({t('headline.change', lang, moved=moved, delta=signed(index_change, lang))})"
            parts = [rank + "."]
        parts.append(t("headline.pairs", lang, **{s: fmt_number(n.shares[s], lang, 0) for s in SHARES}))
        parts.append(t("headline.off_track", lang, n=n.communes_off_track, communes=n.communes))
        return " ".join(parts)


def signed(value: float, lang: str, decimals: int = 1) -> str:
    """+1,9 / -0,9 (an ASCII minus: Streamlit's metric reads the sign of its delta from it)."""
    text = fmt_number(abs(value), lang, decimals)
    return f"+{text}" if value > 0 else (f"-{text}" if value < 0 and text.strip("0,.") else text)


def _figures(row: dict) -> Figures:
    pairs = int(row["pairs"])
    return Figures(
        period=row["period"], index=row["province_index"], rank=row["province_rank"], ranked=row["provinces_ranked"],
        pairs=pairs, shares={s: 100 * row[s] / pairs if pairs else 0.0 for s in STATUSES}
        | {"met_or_on_track": 100 * (row["met"] + row["on_track"]) / pairs if pairs else 0.0},
        communes=int(row["communes"]), communes_off_track=int(row["communes_off_track"]),
    )


def headline(frame: pl.DataFrame, period: str) -> Headline | None:
    """From the query's rows (one per period): this quarter's figures and the previous quarter's."""
    rows = {r["period"]: r for r in frame.iter_rows(named=True)}
    if period not in rows:
        return None
    before = [p for p in rows if p != period]
    return Headline(_figures(rows[period]), _figures(rows[before[0]]) if before else None)


def trend(change: pl.Expr, threshold: float = 0.5) -> pl.Expr:
    """↑, ↓ or → for a change since the previous quarter (native polars: no Python callbacks)."""
    return (pl.when(change > threshold).then(pl.lit("↑"))
            .when(change < -threshold).then(pl.lit("↓"))
            .when(change.is_not_null()).then(pl.lit("→"))
            .otherwise(pl.lit("")))


def at_milestone(figures: Figures, scores: pl.DataFrame) -> Figures:
    """The figures with their shares of pairs by status and communes off track taken from `scores` (scores.sql's
    rows scored against a chosen milestone: kpi.scorecard.model.at_milestone), by the query's own rules; the
    index and the rank stay the stored ones."""
    from kpi.scoring import combined_statuses

    pairs = scores.height
    counts = {s: int((scores["status"] == s).sum()) for s in STATUSES}
    shares = {s: 100 * counts[s] / pairs if pairs else 0.0 for s in STATUSES}
    shares["met_or_on_track"] = 100 * (counts["met"] + counts["on_track"]) / pairs if pairs else 0.0
    overall = combined_statuses(scores, ["commune_code"]) if pairs else pl.DataFrame({"status": []}, schema={"status": pl.String})
    return replace(figures, pairs=pairs, shares=shares, communes=overall.height,
                   communes_off_track=int((overall["status"] == "off_track").sum()))


def group_statuses(scores: pl.DataFrame, groups: pl.DataFrame) -> pl.DataFrame:
    """queries/overview_status.sql's rows from scores.sql's (scored against a chosen milestone): per group and
    status, how many communes have it (a commune's status in a group combined by majority)."""
    from kpi.scoring import combined_statuses

    per = combined_statuses(scores, ["commune_code", "group_code"]) if scores.height else scores.select("commune_code", "group_code", "status")
    counted = per.group_by("group_code", "status").agg(communes=pl.len().cast(pl.Int64))
    order = groups.rename({"name_vi": "group_name_vi", "name_en": "group_name_en"}).with_row_index("order")  # indicator_groups.sql
    return (counted.join(order, on="group_code").sort("order", "status")
            .select("group_code", "group_name_vi", "group_name_en", "status", "communes"))


def grid_rows(scores: pl.DataFrame, ranking: pl.DataFrame) -> pl.DataFrame:
    """queries/heatmap.sql's rows from scores.sql's (scored against a chosen milestone), communes by rank."""
    ranks = ranking.select("commune_code", "rank_province")
    return (scores.join(ranks, on="commune_code", how="left", maintain_order="left")
            .with_row_index("order").sort("rank_province", "commune_code", "order", nulls_last=True)
            .select("province_code", "commune_code", "commune_name", "indicator_code", "indicator_name_vi", "indicator_name_en",
                    "group_code", "status", "latest_value", "target_value", "attainment", "rank_province"))
