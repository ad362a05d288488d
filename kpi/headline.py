"""Tổng quan's headline: a province's figures this quarter, their change since the previous one, and the
same in one sentence (queries/overview_headline.sql gives the figures; nothing here knows Streamlit)."""

from __future__ import annotations

from dataclasses import dataclass

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
