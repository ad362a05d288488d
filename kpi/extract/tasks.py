"""Tasks in a plan's task appendix ("Phụ lục ... danh mục nhiệm vụ"): one candidate per numbered row.

The appendix is found by its table header: a line "TT"/"STT" naming the task column ("Tên nhiệm vụ",
"Nội dung") with a lead-agency column ("Cơ quan chủ trì") just below; the header's words say which other
columns follow (lead agency, partners, deliverable, deadline). Roman-numeral rows are section headings;
when numbering restarts in each section, seq is "II.3". A tab-separated table is read cell by cell. A
table flattened from PDF/Word (cells on lines of their own, a cell wrapped over several lines, neighbouring
cells run together on one line, the header repeated at each page break) is read row by row: a row starts
at the next row number; its task runs until an agency phrase ("Phòng ...", "UBND xã", "Các cơ quan ...");
the rest is cut into cells where a new one starts (a capitalised line, an agency or a deadline phrase)
and the cells go to the columns in order, the deadline being the last. Standard library only."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kpi.extract.read import Line

U = "[" + re.escape("".join(c for c in map(chr, range(0x41, 0x1F00)) if c.isalpha() and c.isupper())) + "]"  # a capital

HEADER_WORDS = frozenset(
    "tt stt số tên nhiệm vụ nội dung công việc cơ quan đơn vị chủ trì thực hiện tham mưu phối hợp kết quả sản phẩm "  # noqa: SIM905
    "dự kiến đầu ra thời gian hạn hoàn thành tiến độ mục tiêu chính tư ghi chú kinh phí nguồn vốn lộ trình".split()
)
COLUMN_WORDS = (  # a header cell's wording -> its column, tried in this order
    ("seq", re.compile(r"^(?:số\s*)?s?tt\b")),
    ("task", re.compile(r"nhiệm vụ|nội dung|công việc")),
    ("lead", re.compile(r"chủ trì|(?:đơn vị|cơ quan) thực hiện")),
    ("partners", re.compile(r"phối hợp")),
    ("deliverable", re.compile(r"kết quả|sản phẩm|đầu ra")),
    ("deadline", re.compile(r"thời gian|thời hạn|tiến độ|hoàn thành")),
)
HEADER = re.compile(r"(?:Số\s*)?S?TT\b", re.I)
ROW = re.compile(rf"^(?P<num>\d{{1,3}})\.?(?:\s+(?P<text>(?:{U}|\d).*))?$")
ROMAN = re.compile(rf"^(?P<num>X{{0,3}}(?:IX|IV|V?I{{0,3}}))\.?(?:\s+(?P<text>{U}.*))?$")
AGENCY = re.compile(
    rf"(?:Phòng {U}|Văn phòng|UBND|Ủy ban|Uỷ ban|HĐND|Trung tâm|Công an|Đảng [uủ]y|Ban {U}|Sở {U}|Mặt trận|MTTQ|Hội {U}|"
    rf"Đoàn {U}|Bộ phận|Chi bộ|Các (?:cơ quan|phòng|ban|đơn vị|ngành|trường|doanh nghiệp|tổ chức|sở|hội|đoàn thể))"
)
# agency phrases sure enough to end a cell mid-line ("... lĩnh vực quan trọng Phòng Văn hóa - Xã hội")
AGENCY_MID = re.compile(rf"(?:Phòng {U}|Văn phòng {U}|UBND xã|Công an xã|Các (?:cơ quan|phòng|đơn vị|ban|ngành)\b)")
COMPLETE_AGENCY = re.compile(  # how an agency's name ends: after this, a capital starts the next cell
    r"(?:xã|hội|Kinh tế|Nội vụ|Tư pháp|đơn vị|liên quan|chuyên môn|[Đđ]ảng [uủ]y|thôn|ấp|tỉnh|thành phố|Công nghệ|"
    r"Thông tin|doanh nghiệp|viễn thông|trường học|[A-ZĐ&]{2,})\W*$"
)
DEADLINE = re.compile(
    r"(?:Tháng\b|Năm \d{4}|Năm$|Quý\b|Thường xuyên|Thường$|Hằng năm|Hàng năm|Hằng$|Hàng$|Định kỳ|Sau khi|Theo tiến độ|Trước\b|"
    r"Trong (?:năm|quý|tháng)|Giai đoạn|Nhiệm vụ thường|Liên tục|Đến (?:năm|tháng|\d)|Từ (?:năm|\d)|\d{4}\s*[-–]|\d{4}$|\d{1,2}/\d{4})"
)
DEADLINE_MID = re.compile(r"(?:Tháng \d|Năm \d{4}|Quý [IVX]|Thường xuyên|Hằng năm|Hàng năm)")
DATE = re.compile(r"(?:tháng|năm|quý)\s+[\dIVX]|\d{1,2}/\d{4}", re.I)
FINISHED_DEADLINE = re.compile(r"(?:\d{4}|xuyên|năm)$")
CONNECTORS = frozenset(("và", "với", "của", "cho", "tại", "thuộc", "do", "giao", "các", "hoặc"))  # a name may follow these
ENDS_CONNECTOR = re.compile(rf"(?:^|\s)(?:{'|'.join(CONNECTORS)})$", re.I)  # "... phối hợp với" + "Phòng ..."
ENDS_DATE_WORD = re.compile(r"(?:^|\s)(?:giai đoạn|năm|tháng|quý|đến|từ|trong|[-–])$", re.I)  # "... giai đoạn" + "2026-2030"
STOP = re.compile(r"^(?:PH[UỤ] L[UỤ]C\b|Nơi nhận|TM\.|KT\.)", re.I)  # the next appendix, the signature block
FULL_LINE = 0.85  # a task line this long (share of the column's width) wrapped: the cell goes on somewhere below


@dataclass(frozen=True)
class TaskCandidate:
    seq: str
    section: str
    task: str
    lead_agency: str
    partners: str
    deliverable: str
    deadline_text: str
    first_line: int
    last_line: int
    confidence: float
    reasons: tuple[str, ...]


@dataclass
class _Row:
    """A table row as read: its number and section, and its cells (tab-separated) or lines (flattened)."""

    num: int
    section: str
    section_num: str
    first_line: int
    last_line: int
    cells: dict[str, list[str]] = field(default_factory=dict)
    lines: list[tuple[str, bool]] = field(default_factory=list)  # (text, read after a repeated header)


def _clean(parts: list[str]) -> str:
    return " ".join(" ".join(parts).split())


def _is_header(lines: list[Line], i: int) -> bool:
    """A task table's header starts here: "TT"/"STT" with the task column named on this line or the next two."""
    return bool(HEADER.match(lines[i].text)) and bool(
        re.search(r"nhiệm vụ|nội dung", " ".join(x.text for x in lines[i : i + 3]), re.I)
    )


def _skip_header(lines: list[Line], i: int) -> int:
    """The index just past the header starting at i (its cells' words spread over the lines below)."""
    i += 1
    while i < len(lines) and (words := re.findall(r"\w+", lines[i].text.lower())) and all(w in HEADER_WORDS for w in words):
        i += 1
    return i


def _column_of(cell: str) -> str | None:
    return next((name for name, words in COLUMN_WORDS if words.search(cell.lower().strip())), None)


def _columns(header: str) -> list[str]:
    """The columns after the task, in the order the header names them."""
    found = {name: hit.start() for name, words in COLUMN_WORDS[2:] if (hit := words.search(header.lower()))}
    return sorted(found, key=found.__getitem__)


def _rows(lines: list[Line], start: int, tabbed: bool) -> list[_Row]:
    """The rows of the table whose header is at `start`, up to the document's end or the next appendix."""
    tab_columns = [_column_of(c) for c in lines[start].text.split("\t")]
    rows: list[_Row] = []
    section = section_num = ""
    new_section = in_heading = after_break = False
    i = _skip_header(lines, start)
    while i < len(lines) and not STOP.match(lines[i].text):
        if _is_header(lines, i):  # repeated at a page break
            i, after_break = _skip_header(lines, i), True
            continue
        line, cells = lines[i], lines[i].text.split("\t") if tabbed else [lines[i].text]
        roman, row = ROMAN.match(cells[0].strip()), ROW.match(cells[0].strip())
        page_number = bool(row) and not tabbed and not row["text"] and i + 1 < len(lines) and _is_header(lines, i + 1)
        expected = rows[-1].num + 1 if rows else 1
        if row and not page_number and (int(row["num"]) == expected or (int(row["num"]) == 1 and new_section)):
            rows.append(_Row(int(row["num"]), section, section_num, line.number, line.number))
            new_section = in_heading = after_break = False
            if tabbed:
                rows[-1].cells = {col: [c] for col, c in zip(tab_columns[1:], cells[1:], strict=False) if col}
            elif row["text"]:
                rows[-1].lines.append((row["text"], False))
        elif roman and roman["num"] and (tabbed or roman["text"] or len(line.text) <= 5):
            section, section_num = " ".join(c.strip() for c in cells if c.strip()), roman["num"]
            new_section, in_heading = True, not tabbed
        elif in_heading:
            section = f"{section} {line.text}"
        elif rows and tabbed:  # cells run on from the row above; the empty number cell was stripped off
            for col, c in zip(tab_columns[1:] if len(cells) < len(tab_columns) else tab_columns, cells, strict=False):
                if col and c.strip():
                    rows[-1].cells.setdefault(col, []).append(c)
            rows[-1].last_line = line.number
        elif rows and not page_number:
            rows[-1].lines.append((line.text, after_break))
            rows[-1].last_line = line.number
        i += 1
    return rows


def _split_mid(text: str, in_task: bool) -> list[str]:
    """Cut a line where another cell starts inside it: an agency (in a task, only then), a deadline, or a
    capitalised word after a complete agency name ("Các cơ quan, đơn vị Kế hoạch")."""
    cuts = []
    for m in re.finditer(rf"(?<=\S) +(?={U})", text):
        before, after = text[: m.start()], text[m.end() :]
        if before[-1] in ",;-–&/(" or before.split()[-1].lower() in CONNECTORS:
            continue
        next_cell = DEADLINE_MID.match(after) or (
            AGENCY.match(before) and COMPLETE_AGENCY.search(before) and not after.split()[0].isupper()
        )
        if AGENCY_MID.match(after) or (not in_task and next_cell):
            cuts.append(m.end())
    if in_task:
        cuts = cuts[:1]
    return [text[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]


def _is_deadline(text: str) -> bool:
    return bool(DEADLINE.match(text)) or (bool(DATE.search(text)) and len(text.split()) <= 8)


def _continues(cell: str, text: str) -> bool:
    """Does this text carry on the cell before it rather than start a new one?"""
    if cell[-1] in ",;-–&/" or ENDS_CONNECTOR.search(cell) or ENDS_DATE_WORD.search(cell):
        return True
    if DEADLINE.match(text):  # "Tháng" + "01/2026", but "Hoàn thành kết nối" + "2025 -" starts the deadline
        return bool(DEADLINE.match(cell)) and not _is_deadline(cell)
    if not text[0].isupper():
        return True
    complete = bool(AGENCY.match(cell)) and bool(COMPLETE_AGENCY.search(cell))
    first = text.split()[0].rstrip(",;.").replace("&", "")
    if len(first) > 1 and first.isupper():  # an acronym goes on a name: "Trung tâm phục vụ" + "HCC"
        return not (AGENCY.match(text) and complete)
    # a short capitalised end of a name: "Ban Xây dựng" + "Đảng"
    return bool(AGENCY.match(cell)) and not complete and len(text.split()) <= 2 and not AGENCY.match(text)


def _split_task(lines: list[tuple[str, bool]], columns: list[str]) -> tuple[list[str], list[tuple[str, bool]]]:
    """A flattened row's task lines (up to the first agency or deadline phrase) and the lines after them."""
    task: list[str] = []
    rest = list(lines)
    while rest:
        text, after_break = rest[0]
        if task and (
            (AGENCY.match(text) and not ENDS_CONNECTOR.search(task[-1]))
            or ("deadline" in columns and DEADLINE.match(text) and not ENDS_DATE_WORD.search(task[-1]))
        ):
            break
        rest.pop(0)
        first, *others = _split_mid(text, in_task=True)
        task.append(first)
        if others:
            rest.insert(0, (others[0], after_break))
            break
    return task, rest


def _cut_cells(task: list[str], rest: list[tuple[str, bool]], width: float) -> list[tuple[str, bool]]:
    """The cells after the task as (text, begun after a page break). Lines carrying on a wrapped task (its
    last line full) go to `task`: lowercase lines after a page break, or a full line after a short one."""
    task_open = bool(task) and len(task[-1]) >= FULL_LINE * width and task[-1][-1] not in ".;"
    cells: list[list[str]] = []
    broken: list[bool] = []
    late_task = task_done = False
    prev_len = width
    for text, after_break in rest:
        late_task = not text[0].isupper() and (
            late_task
            or (after_break and not task_done and (task_open or len(text) >= 0.5 * width))
            or (task_open and prev_len < FULL_LINE * width <= len(text))
        )
        task_done = task_done or (after_break and not late_task)
        prev_len = len(text)
        if late_task:
            task.append(text)
            continue
        for k, segment in enumerate(_split_mid(text, in_task=False)):
            if k == 0 and cells and _continues(_clean(cells[-1]), segment):
                finished = after_break and len(cells) > 1 and FINISHED_DEADLINE.search(_clean(cells[-1]))
                cells[-2 if finished else -1].append(segment)  # a cell cut by the page break, not the deadline
            else:
                cells.append([segment])
                broken.append(after_break)
    return [(_clean(c), b) for c, b in zip(cells, broken, strict=True)]


def _assign(cells: list[tuple[str, bool]], columns: list[str]) -> dict[str, str]:
    """Give the cells to the columns: the deadline is the last (or the last before cells begun after a page
    break), the lead agency the first, partners the next if it names an agency, the deliverable the rest."""
    texts = [t for t, _ in cells]
    out: dict[str, str] = {}
    if "deadline" in columns and texts:
        found = [k for k, t in enumerate(texts) if _is_deadline(t)]
        if found and all(b for _, b in cells[found[-1] + 1 :]):
            out["deadline"] = texts.pop(found[-1])
        elif "deliverable" not in columns and len(texts) > 1 and not AGENCY.match(texts[-1]):
            out["deadline"] = texts.pop()
    if "lead" in columns and texts:
        out["lead"] = texts.pop(0)
    if "partners" in columns and texts and (AGENCY.match(texts[0]) or "deliverable" not in columns):
        out["partners"] = texts.pop(0)
    if texts:
        column = "deliverable" if "deliverable" in columns else "partners"
        out[column] = _clean([out.get(column, ""), *texts])
    return out


def _score(cells: dict[str, str], columns: list[str], tabbed: bool, late_task: bool) -> tuple[float, tuple[str, ...]]:
    """How sure the candidate is, and why."""
    score, reasons = 0.45, ["row number found"]
    if tabbed:
        score += 0.15
        reasons.append("tab-separated cells")
    if cells.get("lead") and (tabbed or AGENCY.search(cells["lead"])):
        score += 0.2
        reasons.append("lead agency recognised")
    else:
        reasons.append("no lead agency found")
    if "deadline" not in columns:
        score += 0.1
        reasons.append("table has no deadline column")
    elif _is_deadline(cells.get("deadline", "")):
        score += 0.15
        reasons.append("deadline recognised")
    else:
        reasons.append("no deadline recognised")
    if late_task:
        score -= 0.1
        reasons.append("task text resumed after other cells")
    if len(cells.get("task", "").split()) < 4:
        score -= 0.3
        reasons.append("very short task text")
    return round(max(0.0, min(1.0, score)), 2), tuple(reasons)


def find_tasks(lines: list[Line]) -> list[TaskCandidate]:
    """One candidate per row of the plan's task appendix; [] when the plan has no task table."""
    start = next(
        (
            i
            for i in range(len(lines))
            if _is_header(lines, i) and re.search("chủ trì|thực hiện", " ".join(x.text for x in lines[i : i + 12]), re.I)
        ),
        None,
    )
    if start is None:
        return []
    tabbed = "\t" in lines[start].text
    columns = _columns(" ".join(x.text for x in lines[start : _skip_header(lines, start)]))
    rows = _rows(lines, start, tabbed)
    first_lines = sorted(len(r.lines[0][0]) for r in rows if r.lines)  # the task column's width: a 90th percentile
    width = float(first_lines[int(0.9 * (len(first_lines) - 1))]) if first_lines else 60.0
    restarts = len({r.num for r in rows}) < len(rows)  # numbering starts again in each section
    out = []
    for row in rows:
        late_task = False
        if tabbed:
            cells = {k: _clean(v) for k, v in row.cells.items()}
        else:
            task, rest = _split_task(row.lines, columns)
            before = len(task)
            cells = _assign(_cut_cells(task, rest, width), columns)
            cells["task"], late_task = _clean(task), len(task) > before
        confidence, reasons = _score(cells, columns, tabbed, late_task)
        out.append(
            TaskCandidate(
                seq=f"{row.section_num}.{row.num}" if restarts and row.section_num else str(row.num),
                section=" ".join(row.section.split()),
                task=cells.get("task", ""),
                lead_agency=cells.get("lead", ""),
                partners=cells.get("partners", ""),
                deliverable=cells.get("deliverable", ""),
                deadline_text=cells.get("deadline", ""),
                first_line=row.first_line,
                last_line=row.last_line,
                confidence=confidence,
                reasons=reasons,
            )
        )
    return out
