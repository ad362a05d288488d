"""Read and validate everything the database is built from.

Each loader returns typed records or raises SourceErrors listing every bad row as
FILE:ROW: field: message. Rows are numbered as a spreadsheet shows them (the header is row 1).
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from kpi import config, saved_plans
from kpi.i18n import Msg, msg, text_of
from kpi.models import (
    Commune,
    FieldError,
    GroupWeight,
    Indicator,
    Province,
    SourceDocument,
    Target,
    Task,
    UnplacedTarget,
)

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class SourceError:
    file: str
    row: int | str
    field: str
    message: Msg | str

    def __str__(self) -> str:
        return self.text()

    def text(self, lang: str | None = None) -> str:
        """FILE:ROW: field: message, in the reader's language."""
        return f"{self.file}:{self.row}: {self.field}: {text_of(self.message, lang)}"


class SourceErrors(Exception):
    def __init__(self, errors: list[SourceError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(config.ROOT))
    except ValueError:
        return str(path)


def _errors_from(exc: ValidationError, file: str, row: int | str) -> list[SourceError]:
    found = []
    for err in exc.errors():
        field = ".".join(str(part) for part in err["loc"])
        cause = (err.get("ctx") or {}).get("error")
        if isinstance(cause, FieldError):
            field = cause.field
        message: Msg | str = err["msg"].removeprefix("Value error, ")
        if isinstance(cause, ValueError) and cause.args and isinstance(cause.args[0], Msg):
            message = cause.args[0]
        if err["type"] == "extra_forbidden":
            message = "unknown column"
        found.append(SourceError(file, row, field or "(row)", message))
    return found


def validate_rows(model: type[M], rows: Iterable[tuple[int | str, dict]], file: str) -> tuple[list[M], list[SourceError]]:
    records: list[M] = []
    errors: list[SourceError] = []
    for row_no, raw in rows:
        try:
            records.append(model.model_validate(raw))
        except ValidationError as exc:
            errors.extend(_errors_from(exc, file, row_no))
    return records, errors


def read_csv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a UTF-8 source CSV with their spreadsheet row numbers."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            if None in row:
                raise SourceErrors([SourceError(_display(path), reader.line_num, "(row)", "more cells than header columns")])
            yield reader.line_num, row


def _raise_if(errors: list[SourceError]) -> None:
    if errors:
        raise SourceErrors(errors)


# --- administrative units --------------------------------------------------------------------


def load_units() -> tuple[list[Province], list[Commune]]:
    """All provinces and communes/wards after the 2025 reorganisation, from vietnam-provinces."""
    from vietnam_provinces import Province as VPProvince
    from vietnam_provinces import Ward as VPWard

    provinces = [
        Province(province_code=f"{p.code.value:02d}", name=p.name, unit_type=p.division_type.value) for p in VPProvince.iter_all()
    ]
    communes = [
        Commune(
            commune_code=f"{w.code.value:05d}",
            province_code=f"{w.province_code.value:02d}",
            name=w.name,
            unit_type=w.division_type.value,
        )
        for w in VPWard.iter_all()
    ]
    return provinces, communes


# --- catalogue -------------------------------------------------------------------------------


def _load_yaml_list(path: Path) -> list[dict]:
    file = _display(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourceErrors([SourceError(file, 0, "(file)", "file not found")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise SourceErrors([SourceError(file, mark.line + 1 if mark else 0, "(yaml)", str(exc).splitlines()[0])]) from None
    if not isinstance(data, list):
        raise SourceErrors([SourceError(file, 0, "(file)", "expected a list of entries")])
    return data


def load_indicators(path: Path | None = None, groups: Iterable[str] | None = None) -> list[Indicator]:
    """data/indicators.yaml; `groups` (data/groups.yaml's codes, load_groups): the groups an indicator may be in,
    checked when given (the build gives them)."""
    path = path or config.DATA_DIR / "indicators.yaml"
    known_groups = None if groups is None else set(groups)
    file = _display(path)
    entries = _load_yaml_list(path)
    rows = [(f"entry {i} ({e.get('code', '?') if isinstance(e, dict) else '?'})", e) for i, e in enumerate(entries, 1)]
    indicators, errors = validate_rows(Indicator, rows, file)
    seen: set[str] = set()
    english: dict[str, str] = {}  # a unit's English, the first indicator's: one unit, one English everywhere
    for (row_no, _), ind in zip(rows, indicators, strict=False):
        if ind.code in seen:
            errors.append(SourceError(file, row_no, "code", f"duplicate indicator code {ind.code!r}"))
        seen.add(ind.code)
        if known_groups is not None and ind.group not in known_groups:
            errors.append(SourceError(file, row_no, "group", f"no group {ind.group!r} in groups.yaml"))
        if english.setdefault(ind.unit, ind.unit_en) != ind.unit_en:
            errors.append(SourceError(file, row_no, "unit_en", f"unit {ind.unit!r} is {english[ind.unit]!r} in English elsewhere"))
    _raise_if(errors)
    return indicators


def load_groups(path: Path | None = None) -> list[GroupWeight]:
    path = path or config.DATA_DIR / "groups.yaml"
    file = _display(path)
    entries = _load_yaml_list(path)
    groups, errors = validate_rows(GroupWeight, [(f"entry {i}", e) for i, e in enumerate(entries, 1)], file)
    seen: set[str] = set()
    for n, g in enumerate(groups, 1):
        if g.group in seen:
            errors.append(SourceError(file, f"entry {n}", "group", f"duplicate group {g.group!r}"))
        seen.add(g.group)
    if not groups and not errors:
        errors.append(SourceError(file, 0, "(file)", "no group: the indicators need at least one"))
    _raise_if(errors)
    return groups


# --- targets and tasks -----------------------------------------------------------------------


def _check_refs(
    file: str,
    row_no: int | str,
    *,
    indicator: str | None = None,
    commune: str | None = None,
    province: str | None = None,
    seed_file: str | None = None,
    doc_file: str | None = None,
    doc_line: int | None = None,
    known: dict[str, set[str]],
    saved: Path | None = None,
) -> list[SourceError]:
    """saved: the row is in a saved plan's folder, whose kept document is the one plan it may cite.
    doc_file/doc_line: a document in ../shared/documents and a line it has (checked when the folder is at hand)."""
    errors = []
    lines = known.get("documents", {})
    if doc_file and lines:
        if doc_file not in lines:
            errors.append(SourceError(file, row_no, "doc_file", f"no document named {doc_file!r} in {config.DOCUMENTS_DIR}"))
        elif not 1 <= (doc_line or 0) <= lines[doc_file]:
            errors.append(SourceError(file, row_no, "doc_line", f"{doc_file} has no line {doc_line} (it has {lines[doc_file]})"))
    if indicator is not None and indicator not in known["indicators"]:
        errors.append(
            SourceError(file, row_no, "indicator_code", f"unknown indicator {indicator!r} (not in data/indicators.yaml)")
        )
    if commune is not None and commune not in known["communes"]:
        errors.append(SourceError(file, row_no, "commune_code", f"unknown commune code {commune!r}"))
    if province is not None and province not in known["provinces"]:
        errors.append(SourceError(file, row_no, "province_code", f"unknown province code {province!r}"))
    if saved is not None:
        if seed_file not in saved_plans.documents(saved):
            errors.append(SourceError(file, row_no, "seed_file", f"no plan named {seed_file!r} in {_display(saved)}"))
    elif seed_file is not None and known["seeds"] and seed_file not in known["seeds"]:
        errors.append(SourceError(file, row_no, "seed_file", f"no plan named {seed_file!r} in {config.SEEDS_DIR}"))
    return errors


def known_refs(indicators: list[Indicator], provinces: list[Province], communes: list[Commune]) -> dict[str, set[str]]:
    seeds = {p.name for p in config.SEEDS_DIR.glob("*.txt")} if config.SEEDS_DIR.is_dir() else set()
    documents = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in config.DOCUMENTS_DIR.glob("*.txt")} \
        if config.DOCUMENTS_DIR.is_dir() else {}
    return {
        "documents": documents,  # type: ignore[dict-item]  # file name -> its number of lines
        "indicators": {i.code for i in indicators},
        "provinces": {p.province_code for p in provinces},
        "communes": {c.commune_code for c in communes},
        "seeds": seeds,
    }


def load_saved_plans(data_dir: Path | None = None) -> list[saved_plans.Manifest]:
    """The saved plans' records (data/saved_plans/*/plan.json), each kept document checked against its sha256."""
    found, errors = [], []
    for folder in saved_plans.folders(data_dir):
        file = _display(folder / saved_plans.MANIFEST)
        try:
            manifest = saved_plans.read_manifest(folder)
        except ValueError as exc:
            errors.append(SourceError(file, 0, "(file)", exc.args[0] if exc.args and isinstance(exc.args[0], Msg) else str(exc)))
            continue
        document = folder / manifest.kept
        if not document.is_file() or hashlib.sha256(document.read_bytes()).hexdigest() != manifest.sha256:
            errors.append(SourceError(file, 0, "sha256", msg("saved_plan.document", name=manifest.kept)))
        found.append(manifest)
    _raise_if(errors)
    return found


def _commune_files(data_dir: Path, folder: str, saved: str) -> list[tuple[Path, Path | None]]:
    """A commune layer's files: data/FOLDER/*.csv, then each saved plan's SAVED file (with its folder)."""
    return [(p, None) for p in sorted((data_dir / folder).glob("*.csv"))] + [
        (f / saved, f) for f in saved_plans.folders(data_dir) if (f / saved).is_file()]


def load_targets(known: dict[str, set[str]], data_dir: Path | None = None) -> list[Target]:
    """Every target row: the national layer, the province layer, each plan's own and each saved plan's."""
    data_dir = data_dir or config.DATA_DIR
    sources: list[tuple[Path, str, Path | None]] = [
        (data_dir / "national_targets.csv", "national", None),
        (data_dir / "province_targets.csv", "province", None),
    ] + [(p, "commune", saved) for p, saved in _commune_files(data_dir, "plans", saved_plans.TARGETS)]
    targets: list[Target] = []
    errors: list[SourceError] = []
    for path, level, saved in sources:
        if not path.exists():
            continue
        file = _display(path)
        rows = [(n, {"level": level, **row, "data_file": file, "data_row": n}) for n, row in read_csv(path)]
        found, bad = validate_rows(Target, rows, file)
        errors.extend(bad)
        good_rows = [r for r in rows if not any(e.row == r[0] for e in bad)]
        for (row_no, _), target in zip(good_rows, found, strict=True):
            errors.extend(
                _check_refs(
                    file,
                    row_no,
                    indicator=target.indicator_code,
                    commune=target.commune_code,
                    province=target.province_code,
                    seed_file=target.seed_file or None,
                    doc_file=target.doc_file or None,
                    doc_line=target.doc_line,
                    known=known,
                    saved=saved,
                )
            )
        targets.extend(found)
    _raise_if(errors)
    return targets


def load_unplaced(known: dict[str, set[str]], data_dir: Path | None = None) -> list[UnplacedTarget]:
    """Numbers the plans state without a milestone year (data/unplaced_targets.csv), checked like a plan row."""
    path = (data_dir or config.DATA_DIR) / "unplaced_targets.csv"
    if not path.exists():
        return []
    file = _display(path)
    rows = [(n, {**row, "data_file": file, "data_row": n}) for n, row in read_csv(path)]
    found, errors = validate_rows(UnplacedTarget, rows, file)
    good_rows = [r for r in rows if not any(e.row == r[0] for e in errors)]
    for (row_no, _), u in zip(good_rows, found, strict=True):
        errors.extend(_check_refs(file, row_no, commune=u.commune_code, province=u.province_code, seed_file=u.seed_file or None,
                                  doc_file=u.doc_file or None, doc_line=u.doc_line, known=known))
        for code in filter(None, (c.strip() for c in u.candidate_indicator.split(";"))):
            errors.extend(_check_refs(file, row_no, indicator=code, known=known))
    _raise_if(errors)
    return found


def load_tasks(known: dict[str, set[str]], data_dir: Path | None = None) -> list[Task]:
    data_dir = data_dir or config.DATA_DIR
    tasks: list[Task] = []
    errors: list[SourceError] = []
    for path, saved in _commune_files(data_dir, "tasks", saved_plans.TASKS):
        file = _display(path)
        rows = [(n, {**row, "data_file": file, "data_row": n}) for n, row in read_csv(path)]
        found, bad = validate_rows(Task, rows, file)
        errors.extend(bad)
        good_rows = [r for r in rows if not any(e.row == r[0] for e in bad)]
        for (row_no, _), task in zip(good_rows, found, strict=True):
            errors.extend(_check_refs(file, row_no, commune=task.commune_code, seed_file=task.seed_file, known=known,
                                      saved=saved))
        tasks.extend(found)
    _raise_if(errors)
    return tasks


def load_documents(data_dir: Path | None = None) -> list[SourceDocument]:
    """The sources register (data/documents.csv): each document a target layer is read from, and how complete."""
    path = (data_dir or config.DATA_DIR) / "documents.csv"
    if not path.exists():
        return []
    file = _display(path)
    found, errors = validate_rows(SourceDocument, [(n, {**row, "data_file": file, "data_row": n}) for n, row in read_csv(path)], file)
    _raise_if(errors)
    return found
