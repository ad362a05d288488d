"""The XLSX people download: the table (headers in their language, frozen header row, autofilter,
widths that fit, numbers as numbers with their decimals), a Chú thích sheet (each header's machine name
and definition) and a Thông tin sheet (kpi.export.meta). Text is written as text: nothing in a cell is
read as a formula, a link or a number, and nothing is prefixed with an apostrophe."""

from __future__ import annotations

import io

import polars as pl

from kpi.export.meta import Meta
from kpi.export.people import Sheet
from kpi.i18n import t

MAX_WIDTH = 60  # characters: long citations and task texts wrap in the cell rather than span the screen
PIXELS_PER_CHAR = 7


def _widths(frame: pl.DataFrame) -> dict[str, int]:
    """Per column, in pixels: its header or the 90th percentile of its values' lengths, at most MAX_WIDTH."""
    out = {}
    for name in frame.columns:
        lengths = frame[name].cast(pl.String).str.len_chars().drop_nulls()
        typical = int(lengths.quantile(0.9) or 0) if lengths.len() else 0
        out[name] = (min(MAX_WIDTH, max(len(name), typical, 6)) + 2) * PIXELS_PER_CHAR
    return out


def number_format(decimals: int) -> str:
    """Excel's own format, shown with the reader's decimal mark (57,0 in Vietnamese Excel); no thousands
    grouping, so years and ranks read 2030 and 12. Indicator values keep Excel's General format: they are
    already rounded to their indicator's precision (a count shows 1234, a share 73,5)."""
    return "0" if decimals == 0 else "0." + "0" * decimals


def workbook_bytes(sheet: Sheet, meta: Meta) -> bytes:
    import xlsxwriter

    lang = sheet.lang
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with xlsxwriter.Workbook(buffer, options) as book:
        data_name = t("export.sheet.data", lang)
        # an Excel table without a style: its header row carries the filter buttons (autofilter)
        sheet.frame.write_excel(
            book, worksheet=data_name, table_style=None, autofit=False, autofilter=True, freeze_panes=(1, 0),
            header_format={"bold": True, "bg_color": "#EEEEEE", "text_wrap": True, "valign": "top"},
            column_formats={h: number_format(d) for h, d in sheet.decimals.items() if h in sheet.frame.columns},
            dtype_formats={pl.Date: "dd/mm/yyyy", pl.Datetime: "dd/mm/yyyy hh:mm"},
            column_widths=_widths(sheet.frame), include_header=True,
        )
        bold = book.add_format({"bold": True})
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        legend = book.add_worksheet(t("export.sheet.legend", lang))
        legend.write_row(0, 0, [t("export.legend.header", lang), t("export.legend.name", lang), t("export.legend.definition", lang)], bold)
        for n, (header, name, definition) in enumerate(sheet.legend(), start=1):
            legend.write_string(n, 0, header)
            legend.write_string(n, 1, name)
            legend.write_string(n, 2, definition, wrap)
        legend.set_column(0, 0, 36)
        legend.set_column(1, 1, 30)
        legend.set_column(2, 2, 80)
        legend.freeze_panes(1, 0)
        about = book.add_worksheet(t("export.sheet.about", lang))
        for n, (label, value) in enumerate(meta.rows(lang)):
            about.write_string(n, 0, label, bold)
            about.write_string(n, 1, value, wrap)
        about.set_column(0, 0, 34)
        about.set_column(1, 1, 100)
    return buffer.getvalue()
