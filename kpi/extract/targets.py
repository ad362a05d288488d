"""Quantitative targets in a plan's lines: statements (a bullet, a numbered row, a paragraph, with the
lines that continue it) holding a share ("80%", "% 80", "≥ 80"), each given its milestone year (in the
statement, or from the heading above it: "Mục tiêu đến năm 2030"), comparator, value and the catalogue
indicator its wording names (kpi.extract.match). Milestone tables (a header of years "Năm 2025 … Năm
2045", a row's values one per year) give one target per year. Each candidate cites its lines and says
how sure it is and why."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kpi.config import MILESTONES
from kpi.extract.match import SURE_AT, Matcher
from kpi.extract.read import Line

NUMBER = r"\d{1,3}(?:[.,]\d+)?"
# a share as plans write it: "80%", "80 %", "% 80" (a unit cell, then the value), "≥ 80" (a table's value cell)
SHARE = re.compile(rf"(?:(?P<num>{NUMBER})(?:\s*%?\s*[-–]\s*(?P<upper>{NUMBER}))?\s*%|%\s*(?P<after>{NUMBER})(?![\d.,]*\s*%)|(?P<sign>≥|>=|≤|<=)\s*(?P<signed>{NUMBER})(?!\s*[\d.,]))")
YEAR = re.compile(r"(?<!\d)(20[2-4]\d)(?!\d)")
YEAR_PHRASE = re.compile(r"(?:năm|đến|tới|hết|giai đoạn[^,.;]*?)\s+(20[2-4]\d)(?!\d)", re.I)
ROW_START = re.compile(r"^(?:PH[UỤ] L[UỤ]C\b|[-+•*–]\s*|\(?\d{1,2}(?:\.\d{1,2})*[.)]?(?:\s|$)|[a-zđ]\)\s|[IVX]{1,4}[.\s])")
HEADING = re.compile(r"^(?:[IVX]{1,4}|\d{1,2}(?:\.\d{1,2})*)[.\s]\s*\S", re.I)
RECURRING = re.compile(r"\b(?:hằng|hàng|mỗi)\s+năm\b", re.I)
AVERAGE = re.compile(r"bình quân\s+(?:hằng|hàng)\s+năm", re.I)

AT_LEAST = re.compile(r"(?:từ|tối thiểu|ít nhất|không thấp hơn|không dưới|≥|>=)\s*(?:là\s*|đạt\s*)?$", re.I)
MORE_THAN = re.compile(r"(?:trên|hơn|vượt|>)\s*(?:mức\s*)?$", re.I)
AT_MOST = re.compile(r"(?:tối đa|không quá|không vượt quá|≤|<=)\s*$", re.I)
LESS_THAN = re.compile(r"(?:dưới|thấp hơn|<)\s*$", re.I)
TABLE_ROW = re.compile(r"^(\d{1,2})(?![\d%.,])(?:\s+|$)")
# a value cell of a milestone table: "≥60%", "100%", "Đạt trên 3%", "phấn đấu ít nhất 3%", "80-90%", or "-" (none)
CELL = re.compile(
    rf"(?:(?:phấn\s*đấu\s*)?(?:đạt\s*)?(?:ít nhất|tối thiểu|trên|≥|>=|>)?\s*)(?P<value>{NUMBER})"
    rf"(?:\s*[-–]\s*(?P<upper>{NUMBER}))?\s*%|(?<![\w-])-(?![\w-])", re.I)
# words that state a value without a number, as the curated plans read them (their `interpreted` rows)
INTERPRETED = (
    (re.compile(r"không thấp hơn (?:mức )?dự toán", re.I), ">=", 100.0, "'không thấp hơn mức dự toán' read as ≥ 100% of the estimate"),
    (re.compile(r"(?:phủ sóng|bao phủ)[^.;]{0,40}?toàn (?:xã|phường)", re.I), "=", 100.0, "'toàn xã' read as 100%"),
    (re.compile(r"vận hành thông suốt", re.I), "=", 100.0, "'vận hành thông suốt' read as 100%"),
)
STRIVE = re.compile(r"ph[ấầ]n đ[ấầ]u", re.I)


@dataclass
class TargetCandidate:
    indicator_code: str | None  # None: a proposed new indicator (the wording fits none in the catalogue)
    year: int | None
    recurring: bool
    comparator: str
    value: float
    value_max: float | None
    unit: str
    section: str
    row: str
    wording_vi: str
    first_line: int
    last_line: int
    confidence: float
    reasons: list[str] = field(default_factory=list)
    score: float = 0.0
    interpreted: bool = False  # no number in the text: the value is read from its words (INTERPRETED)


def _comparator(before: str, after: str, statement: str) -> tuple[str, str]:
    before = before.rstrip()[-40:]
    if AT_LEAST.search(before) or re.match(r"^\s*%?\s*trở lên", after):
        return ">=", "at least"
    if MORE_THAN.search(before):
        return ">", "more than"
    if AT_MOST.search(before):
        return "<=", "at most"
    if LESS_THAN.search(before):
        return "<", "less than"
    if STRIVE.search(statement):
        return "strive", "'phấn đấu' without a bound"
    return "=", "a plain value"


def _statements(lines: list[Line]) -> list[list[Line]]:
    """Lines grouped into statements: a new one at each bullet, row number, item or heading, and at a
    capital letter after a finished sentence; at most 12 lines each."""
    out: list[list[Line]] = []
    for line in lines:
        starts = ROW_START.match(line.text) or (
            out and out[-1][-1].text.endswith((".", ":", ";")) and line.text[:1].isupper()
        )
        if not out or starts or len(out[-1]) >= 12:
            out.append([line])
        else:
            out[-1].append(line)
    return out


def _table_years(lines: list[Line], i: int) -> list[int] | None:
    """Years of a milestone table whose header starts at lines[i] ("Năm 2025", "Năm 2030", … over a few lines)."""
    window = " ".join(line.text for line in lines[i:i + 16])
    years = [int(y) for y in re.findall(r"Năm\s+(20[2-4]\d)", window)]
    if re.search(r"Năm\s+20[2-4]\d\s*[:,;]", window):  # a sentence naming years, not a header of year columns
        return None
    if len(years) >= 3 and years == sorted(set(years)):
        return years
    return None


def _clause(text: str, share: re.Match, shares: list[re.Match]) -> str:
    """The part of a statement that one of its several shares belongs to: from the previous separator
    (";", ":", or a comma before another share) to the next one ("90% hồ sơ số hóa; 30% sản phẩm OCOP …")."""
    start, end = 0, len(text)
    for other in shares:
        if other.end() <= share.start():
            cut = max(text.rfind(sep, other.end(), share.start()) for sep in (";", ",", ":", "."))
            start = max(start, cut + 1)
        elif other.start() >= share.end():
            cut = [text.find(sep, share.end(), other.start()) for sep in (";", ",", ".")]
            cut = [c for c in cut if c >= 0]
            end = min(end, min(cut) if cut else other.start())
    colon = text.rfind(":", start, share.start())
    if colon > start and share.start() - colon < 8:  # "Đến năm 2030: 90% …": the wording follows the value
        start = colon + 1
    return text[start:end].strip(" ,;.")


def _plan_year(lines: list[Line]) -> int | None:
    """The year a one-year plan is for, from its title ("… trên địa bàn xã năm 2026"): the first "năm
    20xx" of the opening lines that is not a date ("ngày … tháng 7 năm 2025")."""
    for line in lines[:15]:
        if re.match(r"(?:Căn cứ|Thực hiện)\b", line.text) or HEADING.match(line.text):  # the title is over
            break
        if len(line.text) > 120:
            continue
        for found in re.finditer(r"(?<!tháng)(?<!tháng\s)(?<!\d\s)\bnăm\s+(20[2-4]\d)\b", line.text, re.I):
            if not re.search(r"(?:ngày|tháng)[\s\d.]*$", line.text[:found.start()], re.I):
                return int(found.group(1))
    return None


class TargetFinder:
    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher

    def find(self, lines: list[Line]) -> list[TargetCandidate]:
        out: list[TargetCandidate] = []
        plan_year = _plan_year(lines)
        context_year: int | None = None
        section = ""
        statements = _statements(lines)
        index = {line.number: i for i, line in enumerate(lines)}
        skip_to = 0
        for statement in statements:
            first = statement[0].text
            text = " ".join(line.text for line in statement)
            if re.match(r"^PH[UỤ] L[UỤ]C", first, re.I):
                section, context_year = first.split(":")[0].strip().title(), None
            if statement[0].number < skip_to:
                continue
            years = _table_years(lines, index[statement[0].number]) if len(re.findall(r"\bNăm\b", text)) >= 2 else None
            if years:
                start = index[statement[0].number]
                end = next((j for j in range(start + 1, len(lines)) if re.match(r"^PH[UỤ] L[UỤ]C", lines[j].text, re.I)), len(lines))
                out.extend(self._table(lines[start:end], years, section))
                skip_to = lines[end].number if end < len(lines) else 10**9
                continue
            if HEADING.match(first) and not SHARE.search(text):
                found = YEAR_PHRASE.search(text)
                if re.match(r"^[IVX]{1,4}[.\s]", first):
                    section = first[:60]
                    context_year = int(found.group(1)) if found else None
                elif found and len(text) < 160:
                    context_year = int(found.group(1))
                continue
            if not SHARE.search(text):
                out.extend(self._interpreted(statement, text, context_year or plan_year, section))
                found = YEAR_PHRASE.search(text)
                if found and len(text) < 100 and text.rstrip().endswith(":"):  # "Đến năm 2030:"
                    context_year = int(found.group(1))
                continue
            out.extend(self._prose(statement, text, context_year or plan_year, section))
        return out

    def _match(self, text: str) -> tuple[str | None, float, list[str]]:
        wording = SHARE.sub(" ", text)
        m = self.matcher.match(wording)
        reasons = [f"wording matches {m.indicator_code} ({m.score:.2f})" if m.indicator_code else
                   f"no catalogue indicator fits (closest {m.best} {m.score:.2f}): proposed new"]
        if m.indicator_code and m.score - m.runner_up_score < 0.1:
            reasons.append(f"close to {m.runner_up} ({m.runner_up_score:.2f}): check the indicator")
        return m.indicator_code, m.score, reasons

    def _candidate(self, statement, text, code, score, reasons, year, recurring, comparator, value, section, row):
        confidence = 0.35 + 0.4 * min(1.0, score / SURE_AT) + (0.15 if year else 0) + (0.1 if comparator != "=" else 0.05)
        return TargetCandidate(
            indicator_code=code, year=year, recurring=recurring, comparator=comparator, value=value, value_max=None,
            unit=self.matcher.units.get(code, "%") if code else "%", section=section, row=row, wording_vi=text[:400],
            first_line=statement[0].number, last_line=statement[-1].number, confidence=round(min(confidence, 1.0), 2),
            reasons=reasons, score=score,
        )

    def _prose(self, statement, text, context_year, section) -> list[TargetCandidate]:
        out = []
        shares = [m for m in SHARE.finditer(text) if float((m.group("num") or m.group("after") or m.group("signed")).replace(",", ".")) <= 100]
        inline_years = [(m.start(), int(m.group(1))) for m in YEAR_PHRASE.finditer(text)]
        for share in shares:
            clause = _clause(text, share, shares)
            code, score, reasons = self._match(clause if len(shares) > 1 else text)
            raw = share.group("num") or share.group("after") or share.group("signed")
            before, after = text[:share.start()], text[share.end():]
            if share.group("sign"):
                before += share.group("sign")
            comparator, why = _comparator(before, after, clause)
            years_before = [y for pos, y in inline_years if pos < share.start()]
            year = years_before[-1] if years_before else (inline_years[0][1] if inline_years else context_year)
            why_year = "year in the statement" if inline_years else ("year from the heading above" if year else "no year")
            recurring = bool(RECURRING.search(text)) and not AVERAGE.search(text) and not inline_years
            if recurring:
                year, why_year = None, "every year ('hằng năm')"
            elif year not in MILESTONES:
                year = None
            candidate = self._candidate(statement, clause if len(shares) > 1 else text, code, score, [*reasons, why, why_year],
                                        year, recurring, comparator, float(raw.replace(",", ".")), section,
                                        statement[0].text.split()[0][:12])
            if share.group("upper"):
                candidate.comparator, candidate.value_max = "range", float(share.group("upper").replace(",", "."))
                candidate.reasons.append("a range")
            out.append(candidate)
        return out

    def _interpreted(self, statement, text, context_year, section) -> list[TargetCandidate]:
        out = []
        for pattern, comparator, value, why in INTERPRETED:
            found = pattern.search(text)
            if not found:
                continue
            code, score, reasons = self._match(text)
            inline = YEAR_PHRASE.search(text)
            year = int(inline.group(1)) if inline else context_year
            recurring = bool(RECURRING.search(text)) and not inline
            candidate = self._candidate(statement, text, code, score, [*reasons, why, "interpreted: check the value"],
                                        None if recurring or year not in MILESTONES else year, recurring, comparator, value,
                                        section, statement[0].text.split()[0][:12])
            candidate.interpreted = True
            candidate.confidence = round(candidate.confidence - 0.2, 2)
            if code and "dự toán" in found.group(0):
                candidate.unit = "% dự toán được giao"
            out.append(candidate)
        return out

    def _table(self, rows: list[Line], years: list[int], section: str) -> list[TargetCandidate]:
        """A milestone table's rows: a row starts at a line that begins with its number; its text up to the
        first value is the indicator's wording, then one value per year column ("-" for none)."""
        out: list[TargetCandidate] = []
        current: list[Line] = []
        for line in [*rows, None]:
            if line is None or TABLE_ROW.match(line.text) or re.match(r"^[IVX]{1,4}\s", line.text):
                if current and TABLE_ROW.match(current[0].text):
                    out.extend(self._table_row(current, years, section))
                current = [] if line is None else [line]
            else:
                current.append(line)
        return out

    def _table_row(self, row: list[Line], years: list[int], section: str) -> list[TargetCandidate]:
        text = " ".join(line.text for line in row)
        head = TABLE_ROW.match(text)
        tokens = list(CELL.finditer(text, head.end()))
        if len(tokens) < 2:
            return []
        name = text[head.end():tokens[0].start()].strip()
        code, score, reasons = self._match(name)
        out = []
        for year, token in zip(years, tokens, strict=False):
            cell = token.group(0).strip()
            if cell == "-" or year not in MILESTONES:
                continue
            numbers = [float(n.replace(",", ".")) for n in re.findall(NUMBER, cell)]
            comparator, why = _comparator(cell[:token.start("value") - token.start()], "", cell)
            value_max = None
            if token.group("upper"):
                comparator, value_max, why = "range", numbers[1], "a range"
            candidate = self._candidate(row, f"{name}: {cell} (Năm {year})", code, score,
                                        [*reasons, f"milestone table, column Năm {year}", why], year, False, comparator,
                                        numbers[0], section, head.group(1))
            candidate.value_max = value_max
            out.append(candidate)
        return out
