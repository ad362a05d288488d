"""Write the report templates in data/templates/ from the catalogue (run after changing indicators.yaml).

    python scripts/make_templates.py

report_template.csv: the header row (UTF-8 with BOM, so Excel shows Vietnamese).
report_template.xlsx: sheet "Báo cáo" with the header; sheet "Chỉ tiêu" listing every commune indicator
code with its name, unit and allowed range; sheet "Hướng dẫn" with the rules the import applies.
"""

from __future__ import annotations

import sys
from pathlib import Path

import xlsxwriter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kpi import config
from kpi.importer import COLUMNS, HEADER_VI
from kpi.sources import load_indicators

GUIDE = [
    ("Cột", "Bắt buộc", "Ý nghĩa / meaning"),
    ("commune_code (Mã xã)", "có", "Mã xã 5 chữ số theo danh mục hành chính 2025, ví dụ 11503 (Xã Việt Khê)."),
    ("indicator_code (Mã chỉ tiêu)", "có", "Mã chỉ tiêu trong sheet “Chỉ tiêu”, ví dụ vneid_share."),
    ("period (Kỳ báo cáo)", "có", "Quý 2026-Q3, tháng 2026-09 hoặc năm 2026; không được ở tương lai."),
    ("value (Giá trị)", "có", "Số trong miền cho phép của chỉ tiêu: 85, 85,5, 85.5 hoặc 85%."),
    ("evidence (Minh chứng)", "không", "Đường dẫn hoặc số hiệu văn bản minh chứng."),
    ("note (Ghi chú)", "không", "Ghi chú."),
    ("", "", ""),
    ("Quy tắc", "", "Tệp có bất kỳ dòng lỗi nào thì không dòng nào được ghi (all or nothing). "
     "Mỗi (xã, chỉ tiêu, kỳ) chỉ xuất hiện một lần. Tiêu đề có thể bằng tiếng Anh hoặc tiếng Việt."),
]


def main() -> None:
    out = config.DATA_DIR / "templates"
    out.mkdir(exist_ok=True)
    (out / "report_template.csv").write_bytes(("\ufeff" + ",".join(COLUMNS) + "\r\n").encode("utf-8"))

    book = xlsxwriter.Workbook(str(out / "report_template.xlsx"))
    bold = book.add_format({"bold": True})
    text = book.add_format({"num_format": "@"})
    sheet = book.add_worksheet("Báo cáo")
    for col, name in enumerate(COLUMNS):
        sheet.write_string(0, col, name, bold)
        sheet.write_comment(0, col, HEADER_VI[name])
    sheet.set_column(0, 0, 14, text)  # commune codes keep their leading zero
    sheet.set_column(1, 1, 40, text)
    sheet.set_column(2, 2, 12, text)
    sheet.set_column(3, 3, 10)
    sheet.set_column(4, 5, 40)
    sheet.freeze_panes(1, 0)

    codes = book.add_worksheet("Chỉ tiêu")
    header = ("indicator_code", "name_vi", "name_en", "unit", "lower_bound", "upper_bound")
    for col, name in enumerate(header):
        codes.write_string(0, col, name, bold)
    # the indicators a commune reports: not those national in nature (scope: national)
    for row, ind in enumerate((i for i in load_indicators() if i.scope == "commune"), 1):
        for col, value in enumerate((ind.code, ind.name_vi, ind.name_en, ind.unit, ind.lower_bound, ind.upper_bound)):
            codes.write(row, col, value)
    codes.set_column(0, 0, 40)
    codes.set_column(1, 2, 60)

    guide = book.add_worksheet("Hướng dẫn")
    for row, cells in enumerate(GUIDE):
        for col, value in enumerate(cells):
            guide.write_string(row, col, value, bold if row == 0 else None)
    guide.set_column(0, 0, 30)
    guide.set_column(2, 2, 100)
    book.close()
    print(f"wrote {out / 'report_template.csv'} and {out / 'report_template.xlsx'}")


if __name__ == "__main__":
    main()
