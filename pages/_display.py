"""How the pages show things: the language, the catalogue's words, numbers and tables formatted in the chosen
language (Babel separators), labels, the demo banner, downloads (CSV for Excel in Vietnamese, XLSX).
"""

from __future__ import annotations

import functools
import json
import re

import polars as pl
import streamlit as st

from kpi import export, labels
from kpi.i18n import DEFAULT_LANG, LANGS, fmt_number, separators, t
from pages._data import basis, info, q


def lang() -> str:
    value = st.query_params.get("lang", DEFAULT_LANG)
    return value if value in LANGS else DEFAULT_LANG


def tr(key: str, **fields: object) -> str:
    return t(key, lang(), **fields)


def downloads(frame: pl.DataFrame, stem: str, title: str, filters: dict[str, str], sources: list[str],
              unit: str | None = None) -> None:
    """Excel (the main download), CSV for Excel in Vietnamese and CSV for machines, of exactly the rows
    the table or chart shows (kpi.export). `filters`: only those that shaped these rows, page filters
    included; `sources`: the queries (queries/NAME.sql) and data behind them.

    The workbook is built when clicked (Streamlit's deferred download: it takes far longer than the rest
    of a rerun). A click that races a rerun fails visibly under the button and works when clicked again;
    the CSVs are built with the page and never race."""
    demo = bool(frame["is_demo"].any()) if "is_demo" in frame.columns and frame.height else (
        is_demo() if {"latest_value", "value", "status"} & set(frame.columns) else None)
    meta = export.Meta(title, list(filters.items()), info().get("data_version", "?"), demo, sources)
    L = lang()
    places = indicator_decimals()  # each indicator's values rounded to its catalogue precision
    first, second, third = st.columns(3)
    if export.fits_excel(frame):
        first.download_button(
            tr("export.xlsx"), functools.partial(export.xlsx_bytes, frame, meta, L, unit, places), f"{stem}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"xlsx-{stem}",
            help=tr("export.xlsx_help"), type="primary", icon=":material/table_view:", on_click="ignore",
        )
    else:
        first.caption(tr("export.too_large"))
    second.download_button(tr("export.csv_vn"), export.csv_vn(frame, L, unit, places), f"{stem}.csv", "text/csv",
                           key=f"csv-vn-{stem}", help=tr("export.csv_vn_help"), on_click="ignore")
    third.download_button(tr("export.csv_machine"), export.machine_csv(frame), f"{stem}-data.csv", "text/csv",
                          key=f"csv-{stem}", help=tr("export.csv_machine_help"), on_click="ignore")


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def upload(label: str, *, types: list[str], key: str, max_mb: int, multiple: bool = False) -> object:
    """st.file_uploader with its words in the reader's language: Streamlit writes its button ("Upload") and its
    limit ("300MB per file • CSV, XLSX") in English whatever the page's language, so a style scoped to this
    uploader (its key's class, as Streamlit forms it) shows the catalogue's words there instead."""
    scope = ".st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())
    limits = tr("upload.limits", mb=fmt_number(max_mb, lang(), 0), types=", ".join(t.upper() for t in types))
    box, button = f"{scope} [data-testid='stFileUploaderDropzoneInstructions']", f"{scope} [data-testid='stFileUploaderDropzone'] button"
    st.html(f"<style>{box} *, {button} *:not([data-testid='stIconMaterial']) {{font-size: 0}} "
            f"{box}::after {{content: {json.dumps(limits, ensure_ascii=False)}; font-size: 0.875rem; opacity: 0.6}} "
            f"{button}::after {{content: {json.dumps(tr('upload.button'), ensure_ascii=False)}; font-size: 0.875rem}}</style>")
    return st.file_uploader(label, type=types, accept_multiple_files=multiple, key=key, max_upload_size=max_mb)


def plain(text: str) -> str:
    """User-supplied text (file names, notes, evidence) for a markdown element: shown as typed, never
    as a link, an image, emphasis or HTML."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def demo_banner() -> None:
    if basis() == "approved":  # scores from approved values only; task statuses and histories may still be demo
        st.info(tr("demo.approved_only", quarters=fmt_number(int(q("approved_quarters")["quarters"][0]), lang(), 0)),
                icon=":material/verified:")
    share = q("demo_share")
    if not share["any_demo"][0]:
        return
    real = int(share["real_values"][0])
    published = " " + tr("demo.banner_published") if q("published_snapshots", province=None).height else ""  # Bộ chỉ số 766
    if real:
        st.warning(tr("demo.banner_mixed", real=fmt_number(real, lang(), 0)) + published, icon="⚠️")
    else:
        st.warning(tr("demo.banner") + published, icon="⚠️")


def is_demo() -> bool:
    return bool(q("demo_share")["any_demo"][0])


def status_label(status: str | None) -> str:
    return tr(f"status.{status}") if status else "–"


def num(value: float | None, decimals: int = 1) -> str:
    return fmt_number(value, lang(), decimals)


# Display: frames keep numbers as numbers and codes as codes; labels are mapped by polars' own
# expressions and numbers formatted by Streamlit's column configuration. Python functions inside
# polars (map_elements and the like) are never used on the page path: polars runs them on its
# thread pool, which deadlocked the server under concurrent sessions.
def label(column: str, prefix: str) -> pl.Expr:
    """The column's codes (status, task status, target level, flag, comparator) as words in the user's
    language (kpi.labels); a status with its symbol first, so colour is never the only signal."""
    return pl.col(column).replace_strict(labels.words(prefix, lang()), default=pl.lit("–"), return_dtype=pl.String)


def number(title: str, decimals: int = 1, help: str | None = None, width: int | str | None = None) -> st.column_config.NumberColumn:
    """A numeric column: no format of Streamlit's here (its "localized" follows the browser's locale, "76.2" beside
    "66,2" in Vietnamese with an en-US browser); the cells' text comes from `styled`, in the chosen language."""
    return st.column_config.NumberColumn(title, help=help, width=width)


# A number column's decimals: one for every row, or each row's (a column of several indicators' values: `decimals_by_row`)
Places = int | pl.Series


def indicator_decimals() -> dict[str, int]:
    """The catalogue's precision of each indicator (data/indicators.yaml `decimals`): the one source for how many
    decimals an indicator's values are shown with, on the pages and in their downloads."""
    return dict(q("indicators", group=None, scope=None).select("indicator_code", "decimals").iter_rows())


def decimals_of(code: str | None) -> int:
    """The decimals an indicator's values are shown with."""
    return indicator_decimals().get(code or "", export.OTHER_DECIMALS)


def decimals_by_row(codes: pl.Series) -> pl.Series:
    """Each row's decimals, its indicator's (a column of indicator codes): for a column of several indicators' values."""
    return codes.replace_strict(indicator_decimals(), default=export.OTHER_DECIMALS, return_dtype=pl.Int64)


def styled(frame: pl.DataFrame, numbers: dict[str, Places]) -> object:
    """The frame for st.dataframe with its `numbers` columns (column: decimals) written in the chosen language
    (kpi.i18n.separators, Babel's: 1.924,5 in Vietnamese, 1,924.5 in English, whatever the browser's locale). A
    pandas Styler gives each cell its text while the cell keeps its number, so the column still sorts by value."""
    decimal, thousands = separators(lang())
    frame = frame.to_pandas()
    style = frame.style
    for name, places in numbers.items():
        if name not in frame.columns:
            continue
        per_row = places.to_list() if isinstance(places, pl.Series) else [places] * len(frame)
        for decimals in sorted(set(per_row)):
            rows = [n for n, p in enumerate(per_row) if p == decimals]
            style = style.format(precision=decimals, decimal=decimal, thousands=thousands, subset=(rows, [name]), na_rep="")
    return style


def _round(name: str, places: Places) -> pl.Expr:
    if isinstance(places, int):
        return pl.col(name).round(places)
    out = pl.col(name)
    for decimals in places.unique().drop_nulls().to_list():
        out = pl.when(pl.lit(places) == decimals).then(pl.col(name).round(decimals)).otherwise(out)
    return out


def unit_words(column: str) -> pl.Expr:
    """A column of units in the reader's language: in English, a unit the catalogue knows reads as its `unit_en`
    (data/indicators.yaml); a unit a document wrote otherwise ('% dân số') is shown as written."""
    if lang() != "en":
        return pl.col(column)
    english = q("indicators", group=None, scope=None).select("unit", "unit_en").unique()
    return pl.col(column).replace(dict(english.iter_rows()))


def target_columns(names: dict[str, str]) -> list[pl.Expr]:
    """A target row's indicator (by its name), milestone, comparator, value and unit, as the pages show them
    (the rows of queries/plan_targets.sql)."""
    return [
        pl.col("indicator_code").replace_strict(names, default=pl.col("indicator_code")).alias(tr("col.name")),
        pl.col("year").cast(pl.String).fill_null(tr("flag.recurring")).alias(tr("col.year")),
        label("comparator", "comparator").alias(tr("col.target_comparator")),
        pl.col("value").alias(tr("col.target_value")),
        pl.col("value_max").alias(tr("col.target_value_max")),
        unit_words("unit").alias(tr("col.unit")),
    ]


def table(frame: pl.DataFrame, numbers: dict[str, Places] | None = None, dates: tuple[str, ...] = (), **kw: object) -> object:
    """st.dataframe with the named columns formatted as numbers (column: decimals, or each row's: `decimals_by_row`)
    and dates (dd/mm/yyyy);
    each sorts by value. A number column with no value at all (e.g. no target has an upper end) is left
    out rather than shown full of empty cells."""
    empty = [name for name in (numbers or {}) if name in frame.columns and frame[name].null_count() == frame.height]
    frame = frame.drop(empty) if frame.height else frame
    config = {name: number(name) for name in (numbers or {}) if name not in empty}
    # rounded to what is shown, and a zero without its sign: a change of -0.03 reads 0,0, not -0,0
    rounded = {name: _round(name, numbers[name]) for name in config if name in frame.columns and frame.schema[name].is_float()}
    frame = frame.with_columns(pl.when(value == 0).then(0.0).otherwise(value).alias(name) for name, value in rounded.items())
    config |= {name: st.column_config.DateColumn(name, format="DD/MM/YYYY") for name in dates}
    config |= kw.pop("column_config", None) or {}
    return st.dataframe(styled(frame, {name: numbers[name] for name in config if name in (numbers or {})}), hide_index=True,
                        width="stretch", column_config=config, **kw)
