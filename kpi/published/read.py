"""The portal's rows, read from a workbook or a JSON file and validated. A file holds lists (sheets) of rows as
the portal's API returned them: `Điểm năm` (provinces, the year to the snapshot's day), `Điểm tháng` (provinces,
the month to the day), `Xã Phường` (communes and wards, the year to the day). Other sheets (departments, a
dashboard's own series) are not units of this dashboard and are listed as not read."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from kpi.i18n import Msg, msg

PUBLISHER = "Cổng Dịch vụ công quốc gia"
DOCUMENT = "Quyết định 766/QĐ-TTg"
VIETNAM = timezone(timedelta(hours=7))
# the portal's fields -> the catalogue's indicators (data/indicators.yaml, scope: published, portal_field)
FIELDS = {"TONG_SCORE": "dvc766_total", "CKMB": "dvc766_transparency", "TDGQ": "dvc766_timeliness",
          "CLGQ": "dvc766_online_services", "TTTT": "dvc766_online_payment", "MDHL": "dvc766_satisfaction",
          "MDSH": "dvc766_digitisation"}
COMPONENTS = ("CKMB", "TDGQ", "CLGQ", "TTTT", "MDHL", "MDSH")
SUM_TOLERANCE = 0.05  # the six, each rounded to 0.01, add up to the total within this
SHEETS: dict[str, tuple[Literal["year", "month"], Literal["province", "commune"]]] = {
    "Điểm năm": ("year", "province"), "Điểm tháng": ("month", "province"), "Xã Phường": ("year", "commune")}
LEVELS = {"1": "province", "2": "commune"}  # CAPDONVIID


class PublishedError(ValueError):
    """A file that cannot be loaded: every error of every row (messages of the catalogue, naming file, sheet, row and
    field)."""

    def __init__(self, errors: list[Msg | str]):
        self.errors = errors
        super().__init__(errors)

    def __str__(self) -> str:
        return "\n".join(map(str, self.errors))


def _text(v: object) -> object:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip() if v is not None and not isinstance(v, str) else (v.strip() if isinstance(v, str) else v)


Code = Annotated[str, BeforeValidator(_text), Field(min_length=1)]
Points = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]


class PortalRow(BaseModel):
    """One row as the portal's API returns it (numbers may come as text: the workbooks store them so)."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)
    ID: Code
    TEN: Code
    MA_COQUAN: Code
    CAPDONVIID: Annotated[Literal["1", "2"], BeforeValidator(_text)]
    ROW_STT: Annotated[int | None, BeforeValidator(lambda v: None if v in (None, "") else v)] = None
    TONG_SCORE: Points
    CKMB: Points
    TDGQ: Points
    CLGQ: Points
    TTTT: Points
    MDHL: Points
    MDSH: Points


@dataclass
class Sheet:
    """One list of a snapshot: its rows (with their row numbers as the file counts them) and what it measures."""

    file: str
    name: str
    period_kind: Literal["year", "month"]
    level: Literal["province", "commune"]
    rows: list[tuple[int, PortalRow]] = field(default_factory=list)

    def digest(self) -> str:
        """The sheet's content, whatever file form it came in (a workbook and the same rows as JSON are one)."""
        canon = sorted((r.MA_COQUAN, r.TEN.casefold(), *(round(getattr(r, f), 2) for f in FIELDS)) for _, r in self.rows)
        return hashlib.sha256(json.dumps(canon, ensure_ascii=False).encode()).hexdigest()


def snapshot_time(path: Path, at: datetime | None = None) -> datetime:
    """When the rows were read from the portal: `at`, else the file name's …YYYY-MM-DDTHHMM… (Vietnam's time)."""
    if at is not None:
        return at if at.tzinfo else at.replace(tzinfo=VIETNAM)
    found = re.search(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):?(\d{2})", path.name)
    if not found:
        raise PublishedError([msg("published_error.no_time", name=path.name)])
    y, mo, d, h, mi = map(int, found.groups())
    try:
        return datetime(y, mo, d, h, mi, tzinfo=VIETNAM)
    except ValueError:
        raise PublishedError([msg("published_error.bad_time", name=path.name, time=found.group(0))]) from None


def _raw_sheets(path: Path) -> tuple[dict[str, list[dict]], int]:
    """Sheet name -> rows as dicts, and the row number of the first row (a workbook's header is row 1)."""
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise PublishedError([msg("published_error.json", name=path.name, why=str(exc))]) from None
        if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
            raise PublishedError([msg("published_error.json_shape", name=path.name, lists=", ".join(SHEETS))])
        return {k: [r if isinstance(r, dict) else {} for r in v] for k, v in data.items()}, 1
    if path.suffix.lower() != ".xlsx":
        raise PublishedError([msg("published_error.format", name=path.name)])
    import fastexcel

    try:
        reader = fastexcel.read_excel(str(path))
        sheets = {}
        for name in reader.sheet_names:
            if name in SHEETS:
                frame = reader.load_sheet_by_name(name, dtypes="string").to_polars()
                sheets[name] = frame.to_dicts()
            else:
                sheets[name] = []
    except Exception as exc:  # fastexcel's errors: a file that is not a workbook, a damaged one
        raise PublishedError([msg("published_error.workbook", name=path.name,
                                  why=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)]) from None
    return sheets, 2


def read_file(path: Path) -> tuple[list[Sheet], list[str], list[str]]:
    """The file's sheets of portal rows, the names of the sheets not read, and every error of every row."""
    raw, first = _raw_sheets(path)
    sheets, skipped, errors = [], [], []
    for name, rows in raw.items():
        if name not in SHEETS:
            skipped.append(name)
            continue
        kind, level = SHEETS[name]
        sheet = Sheet(path.name, name, kind, level)
        for n, row in enumerate(rows, first):
            try:
                parsed = PortalRow.model_validate(row)
            except ValidationError as exc:
                for e in exc.errors():
                    where = ".".join(str(p) for p in e["loc"]) or "(row)"
                    got = row.get(where) if isinstance(row, dict) else None
                    errors.append(msg("published_error.value", name=path.name, sheet=name, n=n, where=where, got=repr(got),
                                      said=e["msg"]))
                continue
            if LEVELS[parsed.CAPDONVIID] != level:
                errors.append(msg("published_error.level", name=path.name, sheet=name, n=n, got=parsed.CAPDONVIID, level=level))
                continue
            total = sum(getattr(parsed, c) for c in COMPONENTS)
            if abs(total - parsed.TONG_SCORE) > SUM_TOLERANCE:
                errors.append(msg("published_error.sum", name=path.name, sheet=name, n=n, total=f"{parsed.TONG_SCORE:g}",
                                  sum=f"{total:.2f}"))
                continue
            sheet.rows.append((n, parsed))
        sheets.append(sheet)
    if not sheets and not errors:
        errors.append(msg("published_error.no_list", name=path.name, lists=", ".join(SHEETS)))
    return sheets, skipped, errors


def period_of(kind: str, at: datetime) -> str:
    """The period a list measures, to the snapshot's day: the year (2025) or the month (2025-10), in Vietnam."""
    local = at.astimezone(VIETNAM)
    return f"{local.year}" if kind == "year" else f"{local.year}-{local.month:02d}"
