"""Task deadlines as the plans write them, parsed into something a schedule can use.

Forms found in the plans: "Năm 2025", "2025", "Tháng 01/2026", "Quý I/2026", "30/6/2026",
"2025 - 2026" (a span: due at its end), "Thường xuyên" (ongoing), "Hằng năm" / "Hàng năm"
(yearly), "Năm 2025 và những năm tiếp theo" (from 2025 on, yearly), and conditional ones with no
date: "Sau khi thành phố ban hành kế hoạch" (after the city issues its plan), "Theo tiến độ của
UBND thành phố" (on the city's schedule).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Literal

import polars as pl

from kpi.i18n import fmt_month, fmt_period

DeadlineKind = Literal["date", "year_end", "recurring", "conditional", "implied", "none"]

PLAN_START = date(2025, 7, 1)  # the plans were issued in mid-2025: task schedules run from here


@dataclass(frozen=True)
class Deadline:
    text: str
    kind: DeadlineKind
    due: date | None  # for recurring: the first due date, when the text names one
    recurring: bool

    @property
    def schedule_start(self) -> date | None:
        """Where the task's schedule starts when it is not PLAN_START: a one-year plan's year start."""
        return date(self.due.year, 1, 1) if self.kind == "implied" and self.due else None


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_RECURRING_WORDS = (
    "thường xuyên", "hằng năm", "hàng năm", "mỗi năm", "định kỳ", "liên tục", "những năm tiếp theo",
    "của năm trước",  # "Tháng 11 của năm trước": every year, in November of the year before
)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_deadline(text: str, heading: str = "") -> Deadline:
    """The deadline a task's text states. heading: the appendix heading the task sits under; a task with
    no deadline under a heading naming one year ("Nhiệm vụ chuyển đổi số năm 2026": a one-year plan) is
    due at that year's end, an implied deadline (kind "implied")."""
    stated = _stated(text)
    if stated.kind == "none" and len(years := set(re.findall(r"\b(20\d{2})\b", heading))) == 1:
        return Deadline(stated.text, "implied", date(int(years.pop()), 12, 31), False)
    return stated


def _stated(text: str) -> Deadline:
    raw = text.strip()
    t = unicodedata.normalize("NFC", raw).lower()
    t = re.sub(r"\s+", " ", t)
    if not t:
        return Deadline(raw, "none", None, False)

    years = [int(y) for y in re.findall(r"\b(20\d{2})\b", t)]
    recurring = any(word in t for word in _RECURRING_WORDS)
    if recurring:
        first = date(min(years), 12, 31) if years else None
        return Deadline(raw, "recurring", first, True)

    if m := re.search(r"\b(\d{1,2})/(\d{1,2})/(20\d{2})\b", t):
        day, month, year = map(int, m.groups())
        return Deadline(raw, "date", date(year, month, day), False)
    if m := re.search(r"quý\s*(iv|iii|ii|i|[1-4])\s*(?:/|năm)?\s*(20\d{2})", t):
        q = _ROMAN.get(m.group(1)) or int(m.group(1))
        return Deadline(raw, "date", _month_end(int(m.group(2)), q * 3), False)
    if m := re.search(r"tháng\s*(\d{1,2})\s*(?:/|năm)\s*(20\d{2})", t):
        return Deadline(raw, "date", _month_end(int(m.group(2)), int(m.group(1))), False)
    if m := re.search(r"\b(\d{1,2})/(20\d{2})\b", t):
        return Deadline(raw, "date", _month_end(int(m.group(2)), int(m.group(1))), False)
    if years:
        # "Năm 2025", "2025", or a span "2025 - 2026": due at the end of the last year named.
        return Deadline(raw, "year_end", date(max(years), 12, 31), False)
    if t.startswith(("sau khi", "theo tiến độ")):
        return Deadline(raw, "conditional", None, False)
    return Deadline(raw, "none", None, False)


_ONGOING = ("thường xuyên", "nhiệm vụ thường xuyên")
_YEARLY = ("hằng năm", "hàng năm")


def deadline_words(text: str, lang: str) -> str:
    """A plan's deadline in the reader's language. In Vietnamese, as the plan wrote it; in English, its usual
    forms translated ("Tháng 7/2025" -> "Jul 2025", "Năm 2025" -> "2025", "Quý I/2026" -> "Q1/2026",
    "Thường xuyên" -> "Ongoing", "Hằng năm" -> "Yearly"), dates (30/6/2026) as the dashboard writes them in
    both languages, and anything else (a condition: "Sau khi thành phố ban hành kế hoạch") as written."""
    if lang != "en":
        return text
    t = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).strip().lower())
    if t in _ONGOING:
        return "Ongoing"
    if t in _YEARLY:
        return "Yearly"
    if m := re.fullmatch(r"tháng (\d{1,2}) ?(?:/|năm) ?(20\d{2})", t):
        month, year = int(m.group(1)), int(m.group(2))
        return fmt_month(year, month, "en") if 1 <= month <= 12 else text
    if m := re.fullmatch(r"tháng (\d{1,2}) của năm trước", t):
        month = int(m.group(1))
        return f"{fmt_month(2000, month, 'en').split()[0]} of the year before" if 1 <= month <= 12 else text
    if m := re.fullmatch(r"quý (iv|iii|ii|i|[1-4]) ?(?:/|năm) ?(20\d{2})", t):
        return fmt_period(f"{m.group(2)}-Q{_ROMAN.get(m.group(1)) or m.group(1)}")
    if m := re.fullmatch(r"(?:năm )?(20\d{2})", t):
        return m.group(1)
    if m := re.fullmatch(r"(?:năm )?(20\d{2}) ?[-–] ?(20\d{2})", t):
        return f"{m.group(1)}–{m.group(2)}"
    if m := re.fullmatch(r"(?:năm )?(20\d{2}) và những năm tiếp theo", t):
        return f"{m.group(1)}, then yearly"
    return text


def deadlines(texts: pl.Series, lang: str) -> pl.Expr:
    """deadline_text in the reader's language (deadline_words), for a frame holding these texts: a mapping
    of its few distinct texts, not a Python function per row."""
    return pl.col("deadline_text").replace({x: deadline_words(x, lang) for x in texts.unique().to_list() if x is not None})


def shorten(text: str, n: int = 90) -> str:
    """A task's wording cut at a word for a one-line list ("…" where it was cut)."""
    return text if len(text) <= n else text[:n].rsplit(" ", 1)[0] + "…"


def numbers(board: pl.DataFrame) -> dict[int, str]:
    """Each task's number as a person names it (board: task_id, commune_code, seq, section): the plan's own,
    with its section's numeral where the plan repeats a number (Tân Lợi numbers the tasks of each section
    from 1: "II.1")."""
    repeated = board.select(pl.struct("commune_code", "seq").is_duplicated().alias("r"))["r"]
    numeral = board["section"].str.extract(r"^([IVX]+)\.", 1)
    return {tid: (f"{n}.{seq}" if again and n else seq) for tid, seq, n, again in
            zip(board["task_id"], board["seq"], numeral, repeated, strict=True)}
