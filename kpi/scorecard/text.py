"""The scorecard's words and formatted figures, shared by the page and the PDF so both say the same."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kpi.headline import signed
from kpi.i18n import fmt_number, fmt_period, t
from kpi.scorecard.model import Scorecard

ARROWS = {"up": "↑", "down": "↓", "same": "→"}
STEADY = 0.05  # a change or gap this small (in index points) reads as no change


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    delta: str  # the change since the previous quarter, or where the value stands, in words ("" if none)
    arrow: str | None  # up, down, same: which way it went (up is always the good way); None without a change
    good: bool | None  # None: no change, or unknown

    @property
    def colour(self) -> str:
        """One rule for the page's card and the PDF: good news green, bad news red, no change grey, however the
        words run ("↓ giảm 3 bậc" is a fall in rank, so red, though it has no minus sign)."""
        return "gray" if self.good is None else ("green" if self.good else "red")

    @property
    def delta_text(self) -> str:
        """The delta with its arrow, for paper (the page's metric draws its own arrow)."""
        return f"{ARROWS[self.arrow]} {self.delta}" if self.arrow else self.delta


def _way(delta: float, steady: float = STEADY) -> tuple[str, bool | None]:
    """Which way a change went where more is better: ('up', True), ('down', False) or ('same', None)."""
    if delta > steady:
        return "up", True
    if delta < -steady:
        return "down", False
    return "same", None


def figures(card: Scorecard, lang: str) -> list[Figure]:
    """Index, rank in the province, rank nationally, gap to the province average: with their changes."""
    now, before = card.now, card.before
    if now is None:
        return []
    since = fmt_period(before.period) if before else None

    def index_change() -> Figure:
        value = fmt_number(now.index, lang) if now.index is not None else "–"
        delta = card.change("index")
        if now.index is None:
            return Figure(t("scorecard.index", lang), value, t("scorecard.no_index", lang), None, None)
        if delta is None:
            return Figure(t("scorecard.index", lang), value, t("scorecard.no_change", lang), None, None)
        arrow, good = _way(delta)
        return Figure(t("scorecard.index", lang), value, t("scorecard.change", lang, delta=signed(delta, lang), period=since), arrow, good)

    def rank_change(key: str, rank: int | None, ranked: int, field: str) -> Figure:
        value = f"{fmt_number(rank, lang, 0)} / {fmt_number(ranked, lang, 0)}" if rank is not None else "–"  # 1.924 / 3.321
        delta = card.change(field)
        if delta is None:
            return Figure(t(key, lang), value, t("scorecard.no_change", lang) if since is None else "", None, None)
        arrow, good = _way(-delta, 0)  # a smaller rank is better
        return Figure(t(key, lang), value, t("scorecard.rank_change", lang, moved=moved(int(delta), lang), period=since), arrow, good)

    gap = now.gap
    if gap is None:
        gap_figure = Figure(t("scorecard.gap_label", lang), "–", "", None, None)
    else:
        arrow, good = _way(gap)
        where = {"up": "scorecard.above", "down": "scorecard.below", "same": "scorecard.level_with"}[arrow]
        gap_figure = Figure(t("scorecard.gap_label", lang), signed(gap, lang),
                            t(where, lang, average=fmt_number(now.province_average, lang)), arrow, good)
    return [
        index_change(),
        rank_change("scorecard.rank_province", now.rank_province, now.ranked_province, "rank_province"),
        rank_change("scorecard.rank_national", now.rank_national, now.ranked_national, "rank_national"),
        gap_figure,
    ]


def moved(change: int, lang: str) -> str:
    """A rank change (negative: moved up) in words."""
    if change < 0:
        return t("headline.up", lang, n=-change)
    if change > 0:
        return t("headline.down", lang, n=change)
    return t("headline.same", lang)


def target_text(comparator: str | None, value: float | None, value_max: float | None, lang: str, decimals: int) -> str:
    """'≥ 90', '60–80', 'phấn đấu 25', 'phấn đấu 0,7' (no unit: the indicator's name carries it): as a document writes
    it, no trailing zeros, at most the indicator's decimals (no target is stated more precisely: tests/test_decimals.py)."""
    if comparator is None or value is None:
        return ""
    if comparator == "range" and value_max is not None:
        return f"{fmt_number(value, lang, decimals)}–{fmt_number(value_max, lang, decimals)}"
    return f"{t(f'comparator.{comparator}', lang)} {fmt_number(value, lang, decimals)}"


def target_label(row: dict, milestone: int | None, lang: str) -> str:
    """An indicator row's target for the chosen milestone: '≥ 90 (2030)', or 'no target for 2045'."""
    target = target_text(row["milestone_comparator"], row["milestone_value"], row["milestone_value_max"], lang, row["decimals"])
    return f"{target} ({row['milestone_year']})" if target else t("scorecard.no_target", lang, year=milestone)


def carries_unit(name: str, unit: str) -> bool:
    """Whether an indicator's name already says its unit: it contains it ("Kinh phí chi cho nghiên cứu phát
    triển (% GDP)", unit "% GDP") or ends with a parenthesis that starts with it ("5G coverage (% of
    population)", unit "%"). A trailing acronym ("(VNeID)") is no unit."""
    unit = (unit or "").strip().casefold()
    if not unit:
        return True
    name = name.casefold()
    if unit in name:
        return True
    last = re.search(r"\(([^()]*)\)\s*$", name)
    return bool(last) and last.group(1).strip().startswith(unit.split()[0])


def indicator_name(row: dict, lang: str) -> str:
    """The indicator's name with its unit, said once: 'Tỷ lệ người dân có chữ ký số (%)', but 'Tỷ lệ phủ
    sóng 5G (% dân số)'."""
    name = row["indicator_name_en" if lang == "en" else "indicator_name_vi"]
    unit = row["unit_en" if lang == "en" else "unit"]  # the catalogue's (data/indicators.yaml)
    return name if carries_unit(name, unit) else f"{name} ({unit})"


def highlight(row: dict, lang: str) -> str:
    """'Tỷ lệ … (%): đạt 78,2%'."""
    return f"{indicator_name(row, lang)}: {t('scorecard.attained', lang, value=fmt_number(row['attainment'], lang))}"


def highlights(card: Scorecard, which: str, lang: str) -> list[str]:
    """The strongest or weakest indicators as lines (kpi.scorecard.model: none off track among the strongest, none
    in both), or one line saying there are none."""
    rows = card.strongest() if which == "strongest" else card.weakest()
    return [highlight(r, lang) for r in rows.iter_rows(named=True)] or [t(f"scorecard.no_{which}", lang)]


def level_short(level: str | None, lang: str) -> str:
    return t(f"scorecard.level_short.{level}", lang) if level else ""


def milestone_label(card: Scorecard, lang: str) -> str:
    return str(card.milestone) if card.milestone else t("scorecard.next_milestone", lang)


def plan_note(card: Scorecard, lang: str) -> str | None:
    """Where the shown targets come from when none is the commune's own: 'no plan of its own' only for a commune
    without one; a commune whose plan sets no target for the chosen milestone (Tân Lợi's plan: 2026 only) is
    told so, not that it has no plan."""
    rows = card.targeted()
    if not rows.height or (rows["milestone_level"] == "commune").any():
        return None
    if card.own_plan:
        return t("scorecard.milestone_inherited", lang, year=card.milestone or "")
    return t("profile.inherited", lang)


def untargeted_line(card: Scorecard, lang: str) -> str | None:
    """Once, the indicators without a target for the chosen milestone (they are not listed row by row)."""
    rows = card.untargeted()
    if not rows.height:
        return None
    names = [r["indicator_name_en" if lang == "en" else "indicator_name_vi"] for r in rows.iter_rows(named=True)]
    return t("scorecard.untargeted", lang, year=card.milestone, n=len(names), names="; ".join(names))
