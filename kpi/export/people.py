"""A table as people read it: headers and codes in their language, numbers rounded and kept as numbers.

The column registry (columns.yaml) says for every exported column how its values are written; its words are the
catalogue's (kpi/i18n.py): its header `col.<name>`, the words the pages use, and its definition `def.<name>`.
Everything here is polars expressions: no Python callback runs inside polars.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl
import yaml

from kpi import config, labels
from kpi.i18n import VIETNAM, t
from kpi.scoring import GROUP_SCORE

if TYPE_CHECKING:
    from kpi.models import GroupWeight

REGISTRY = Path(__file__).with_name("columns.yaml")
OTHER_DECIMALS = 1  # a value whose indicator the table does not say (no decimals, no indicator_code column)

# The machine CSV's comparator words: plain ASCII, never a formula.
COMPARATOR_CODES = {">=": "at_least", ">": "more_than", "=": "equal", "<=": "at_most", "<": "less_than",
                    "range": "range", "strive": "strive"}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    decimals: int | None = None
    words: str | None = None  # another column whose header words it shares (columns.yaml): one catalogue key
    group: str | None = None  # a group's score (score_<group>): the group of data/groups.yaml

    @property
    def key(self) -> str:
        """Its header's catalogue key: col.<name>, or col.<words>."""
        return f"col.{self.words or self.name}"

    def header(self, lang: str) -> str:
        """The catalogue's `col.<name>` (a group's score: `col.group_score` with the group's short name from
        data/groups.yaml); a column outside the registry keeps its name."""
        if self.group is not None:
            return t(self.key, lang, group=_groups()[self.group].short(lang))
        return t(self.key, lang) if self.name in registry() else self.name

    def definition(self, lang: str) -> str:
        """The catalogue's `def.<name>` (a group's score: `def.score_<group>`); a column outside the registry has none."""
        if self.group is not None:
            return t(f"def.{GROUP_SCORES}", lang)
        return t(f"def.{self.name}", lang) if self.name in registry() else ""


@functools.cache
def registry() -> dict[str, Column]:
    raw = yaml.safe_load(REGISTRY.read_text(encoding="utf-8"))
    return {name: Column(name=name, **spec) for name, spec in raw.items()}


GROUP_SCORES = GROUP_SCORE.format("<group>")  # the registry's entry for every group's score column, score_<group_code>


def _groups() -> dict[str, GroupWeight]:
    """The indicator groups of data/groups.yaml by code (read again when the file changes)."""
    path = config.DATA_DIR / "groups.yaml"
    return _groups_of(path, path.stat().st_mtime_ns)


@functools.cache
def _groups_of(path: Path, _mtime: int) -> dict[str, GroupWeight]:
    from kpi.sources import load_groups

    return {g.group: g for g in load_groups(path)}


def column(name: str) -> Column:
    """The registry's entry; a group's score (score_<group>, a group of data/groups.yaml) the registry's
    score_<group> entry for that group; else a plain text column named as in the frame (tests keep the registry
    whole)."""
    known = registry().get(name)
    if known is not None:
        return known
    prefix = GROUP_SCORE.format("")
    if name.startswith(prefix) and name.removeprefix(prefix) in _groups():
        return replace(registry()[GROUP_SCORES], name=name, group=name.removeprefix(prefix))
    return Column(name, "text")


@dataclass(frozen=True)
class Sheet:
    """A table ready for people: `frame` has the headers in the chosen language; `columns` the registry
    entry of each (same order); `decimals` the number format of each numeric header."""

    frame: pl.DataFrame
    columns: list[Column]
    decimals: dict[str, int]
    lang: str

    def legend(self) -> list[tuple[str, str, str]]:
        """(header, machine name, definition) per column: the Chú thích sheet."""
        return [(h, c.name, c.definition(self.lang)) for h, c in zip(self.frame.columns, self.columns, strict=True)]


def _words(col: str, words: dict[str, str]) -> pl.Expr:
    return pl.col(col).replace_strict(words, default=pl.col(col), return_dtype=pl.String)


def _comparator_words(lang: str) -> dict[str, str]:
    """The screen's comparator words, except that "=" never starts a cell (Excel would read a formula):
    it is written "bằng" / "equal to", so no cell needs an apostrophe."""
    return labels.words("comparator", lang) | {"=": t("export.equal", lang)}


def _status_words(lang: str) -> dict[str, str]:
    """A status column holds an indicator's status, "no_target" (the heatmap's empty cells), or a task's."""
    return labels.words("status", lang) | {"no_target": t("status.no_target", lang)} | labels.words("task", lang)


def _value_expr(name: str, frame: pl.DataFrame, decimals: Mapping[str, int]) -> pl.Expr:
    """An indicator value rounded to its indicator's precision (data/indicators.yaml `decimals`): the row's
    `decimals` when the table carries them, else its indicator_code's in `decimals` (the catalogue's), else
    OTHER_DECIMALS."""
    col = pl.col(name)
    if "decimals" in frame.columns:
        places = pl.col("decimals")
        known = set(frame["decimals"].drop_nulls().unique().to_list())
    elif "indicator_code" in frame.columns and decimals:
        places = pl.col("indicator_code").replace_strict(decimals, default=OTHER_DECIMALS, return_dtype=pl.Int64)
        known = set(decimals.values())
    else:
        return col.round(OTHER_DECIMALS)
    rounded = col.round(OTHER_DECIMALS)
    for d in sorted(known - {OTHER_DECIMALS}):
        rounded = pl.when(places == d).then(col.round(int(d))).otherwise(rounded)
    return rounded


def for_people(frame: pl.DataFrame, lang: str, unit: str | None = None, places: Mapping[str, int] | None = None) -> Sheet:
    """The frame with headers and codes in `lang` and numbers rounded (still numbers). `unit`: the one
    unit of every indicator value in the table, added to those headers; a table mixing indicators keeps
    its unit column instead. `places`: the catalogue's precision per indicator code (kpi.export.decimals),
    for a table naming its indicators without carrying their decimals (None: the rows' own `decimals`, else
    OTHER_DECIMALS)."""
    if unit is None and "unit" in frame.columns and frame["unit"].n_unique() == 1 and frame.height:
        unit = frame["unit"][0]
    yes, no = t("export.yes", lang), t("export.no", lang)
    exprs, columns, decimals, taken = [], [], {}, set()
    for name in frame.columns:
        c = column(name)
        header = c.header(lang)
        if header in taken:  # two columns the registry names alike: the machine name tells them apart
            header = f"{header} [{name}]"
        taken.add(header)
        dtype = frame[name].dtype
        if c.kind == "value" and dtype.is_numeric():
            if unit:
                header = f"{header} ({unit})"
            expr = _value_expr(name, frame, places or {})  # rounded per row
        elif c.kind in ("number", "integer") and dtype.is_numeric():
            digits = 0 if c.kind == "integer" else (c.decimals if c.decimals is not None else 1)
            expr = pl.col(name).round(digits) if digits or dtype.is_float() else pl.col(name)
            decimals[header] = digits
        elif c.kind == "share" and dtype.is_numeric():
            expr = (pl.col(name) * 100).round(1)
            decimals[header] = 1
        elif c.kind == "bool" and dtype == pl.Boolean:
            expr = pl.when(pl.col(name)).then(pl.lit(yes)).when(pl.col(name).not_()).then(pl.lit(no)).otherwise(None)
        elif c.kind == "status":
            expr = _words(name, _status_words(lang))
        elif c.kind == "task":
            expr = _words(name, labels.words("task", lang))
        elif c.kind == "level":
            expr = _words(name, labels.words("level", lang))
        elif c.kind == "unmatched":
            expr = _words(name, labels.words("unmatched", lang))
        elif c.kind in ("direction", "value_kind"):  # "Càng cao càng tốt", "Tỷ lệ %": not "higher", "percent"
            expr = _words(name, labels.words("direction" if c.kind == "direction" else "kind", lang))
        elif c.kind == "comparator":
            expr = _words(name, _comparator_words(lang))
        elif c.kind == "period" and dtype == pl.String:  # as on screen (kpi.i18n.fmt_period): 2026-Q3 is Q3/2026
            expr = pl.col(name).str.replace(r"^(\d{4})-Q([1-4])$", "Q${2}/${1}")
        elif is_moment(dtype):  # Excel has no time zones: Vietnam's wall-clock time, said in the header
            header = f"{header} ({t('export.local_time', lang)})"
            expr = pl.col(name).dt.convert_time_zone(VIETNAM.key).dt.replace_time_zone(None)
        elif c.kind == "flag":
            expr = pl.col(name).str.split(",").list.eval(
                pl.element().str.strip_chars().replace_strict(labels.words("flag", lang), default=pl.element())
            ).list.join(", ")
        else:  # text, codes and dates as they are
            expr = pl.col(name)
        exprs.append(expr.alias(header))
        columns.append(c)
    return Sheet(frame.select(exprs), columns, decimals, lang)


def is_moment(dtype: pl.DataType) -> bool:
    """A point in time with its time zone (the database's TIMESTAMPTZ: imported_at, reported_at ...)."""
    return isinstance(dtype, pl.Datetime) and dtype.time_zone is not None


def for_machines(frame: pl.DataFrame) -> pl.DataFrame:
    """The machine form: column names and codes as stored, comparators as ASCII words (never a formula),
    points in time in Vietnam time with their offset (ISO 8601, 2026-11-22T17:05:00+07:00)."""
    comparators = [n for n in frame.columns if column(n).kind == "comparator" and frame[n].dtype == pl.String]
    moments = [n for n in frame.columns if is_moment(frame[n].dtype)]
    return frame.with_columns(
        [_words(n, COMPARATOR_CODES) for n in comparators]
        + [pl.col(n).dt.convert_time_zone(VIETNAM.key).dt.strftime("%Y-%m-%dT%H:%M:%S%:z") for n in moments]
    )
