"""Write tests/corpus/hostile/: odd and hostile report files, one per case the import must survive.

Run from the repository root: `.venv/bin/python scripts/make_hostile_corpus.py`. The files are
committed; this script says how each was made. tests/test_hostile_files.py says what each must do.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import xlsxwriter

OUT = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "hostile"
HEADER = ["commune_code", "indicator_code", "period", "value", "note"]
# Every row's reason (Ghi chú): the import refuses a value far from the commune's history without one, and these
# values (85.5, 64.5 …) are far from the smooth demo history; what each file tests is its number or its form.
R = "số liệu kiểm thử"


def csv(name: str, lines: list[str]) -> None:
    (OUT / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def workbook(name: str, build) -> None:
    book = xlsxwriter.Workbook(str(OUT / name))
    build(book)
    book.close()


def sparse(book) -> None:
    """Only A1 and XFD1048576: the sheet declares 16,384 columns × 1,048,576 rows (a reader that
    allocates the declared range asks for hundreds of GiB)."""
    sheet = book.add_worksheet("Báo cáo")
    sheet.write(0, 0, "commune_code")
    sheet.write(1048575, 16383, "x")


def percent(book) -> None:
    """0.855 formatted as a percent: Excel shows 85.5%, which is what the commune reported."""
    sheet = book.add_worksheet("Báo cáo")
    pct = book.add_format({"num_format": "0.0%"})
    sheet.write_row(0, 0, HEADER)
    sheet.write_row(1, 0, ["11503", "vneid_share", "2026-Q3"])
    sheet.write_number(1, 3, 0.855, pct)
    sheet.write(1, 4, R)


def percent_for_a_count(book) -> None:
    sheet = book.add_worksheet("Báo cáo")
    pct = book.add_format({"num_format": "0%"})
    sheet.write_row(0, 0, HEADER)
    sheet.write_row(1, 0, ["11503", "ocop_digital_brand_products", "2026-Q3"])
    sheet.write_number(1, 3, 0.4, pct)
    sheet.write(1, 4, R)


def formula_with_result(book) -> None:
    sheet = book.add_worksheet("Báo cáo")
    sheet.write_row(0, 0, HEADER)
    sheet.write_row(1, 0, ["11503", "vneid_share", "2026-Q3"])
    sheet.write_formula(1, 3, "=60+4.5", None, 64.5)  # saved with its result, as Excel does
    sheet.write(1, 4, R)


def formula_recalculated_on_load(book) -> None:
    """=40+2 stored with the result 0 (xlsxwriter's default) in a workbook that asks to be recalculated on
    load: Excel shows 42, a reader of stored results sees 0."""
    sheet = book.add_worksheet("Báo cáo")
    sheet.write_row(0, 0, HEADER)
    sheet.write_row(1, 0, ["11503", "vneid_share", "2026-Q3"])
    sheet.write_formula(1, 3, "=40+2")
    sheet.write(1, 4, R)


def as_excel_saves(name: str) -> None:
    """Drop fullCalcOnLoad="1" (xlsxwriter's and openpyxl's default) from the workbook: Excel saves its
    results and no such request."""
    path = OUT / name
    with zipfile.ZipFile(path) as z:
        parts = [(item, z.read(item.filename)) for item in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for item, data in parts:
            z.writestr(item, data.replace(b' fullCalcOnLoad="1"', b"") if item.filename == "xl/workbook.xml" else data)


def two_sheets(book) -> None:
    sheet = book.add_worksheet("Báo cáo")
    sheet.write_row(0, 0, HEADER)
    sheet.write_row(1, 0, ["11503", "vneid_share", "2026-Q3", 70, R])
    other = book.add_worksheet("Quý 2")
    other.write_row(0, 0, HEADER)
    other.write_row(1, 0, ["11503", "vneid_share", "2026-Q2", 66, R])


def formula_without_result() -> None:
    """A formula saved by software that does not calculate: there is no result to import."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Báo cáo"
    sheet.append(HEADER)
    sheet.append(["11503", "vneid_share", "2026-Q3", "=60+5", R])
    book.save(OUT / "formula_without_result.xlsx")


def zip_bomb() -> None:
    """A workbook whose sheet decompresses to far more than the limit (2 GiB by default; the test lowers it)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        with zipfile.ZipFile(OUT / "percent.xlsx") as good:
            for item in good.infolist():
                z.writestr(item, good.read(item.filename))
        z.writestr("xl/padding.bin", b"\0" * (64 * 2**20))
    (OUT / "zip_bomb.xlsx").write_bytes(buffer.getvalue())


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    workbook("sparse_dimension.xlsx", sparse)
    workbook("percent.xlsx", percent)
    workbook("percent_for_a_count.xlsx", percent_for_a_count)
    workbook("formula_with_result.xlsx", formula_with_result)
    as_excel_saves("formula_with_result.xlsx")
    workbook("formula_recalculated_on_load.xlsx", formula_recalculated_on_load)
    workbook("two_sheets.xlsx", two_sheets)
    formula_without_result()
    zip_bomb()
    (OUT / "old_binary.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    csv("month_and_quarter.csv", [",".join(HEADER), f"11503,vneid_share,2026-Q3,70,{R}", f"11503,vneid_share,2026-09,71,{R}"])
    csv("quarter_not_ended.csv", [",".join(HEADER), f"11503,vneid_share,2026-Q4,70,{R}"])
    csv("ambiguous_thousands.csv", [",".join(HEADER), f"11503,average_income_per_capita,2026-Q3,1.234,{R}"])
    csv("decimal_point_settled_by_the_file.csv", [
        ",".join(HEADER), f"11503,average_income_per_capita,2026-Q3,1.234,{R}", f"11503,vneid_share,2026-Q3,85.5,{R}",
    ])
    csv("long_field.csv", [",".join(HEADER), "11503,vneid_share,2026-Q3,70," + "x" * 200_000])
    csv("too_many_columns.csv", [",".join(HEADER[:4] + [f"c{n}" for n in range(30)])])
    csv("markdown_**name**_[link](http___x)_![img](x).csv", [",".join(HEADER), f"11503,vneid_share,2030-Q3,70,{R}"])


if __name__ == "__main__":
    main()
