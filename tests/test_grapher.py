"""kpi.grapher: one indicator as a map, a chart and a table; the images carry their title and source line."""

from __future__ import annotations

import polars as pl

from kpi import grapher

FRAME = pl.DataFrame({
    "commune_code": ["1", "2", "3", "4"], "commune_name": ["Xã A", "Xã B", "Xã C", "Xã D"],
    "province_code": ["01", "01", "02", "02"], "province_name": ["Tỉnh Một", "Tỉnh Một", "Tỉnh Hai", "Tỉnh Hai"],
    "index": [80.0, 60.0, 40.0, None], "latitude": [21.0, 21.1, 10.0, 10.1], "longitude": [105.0, 105.1, 106.0, 106.1],
})
SOURCE = "Nguồn: bảng điều khiển NQ57 – KPI xã, phiên bản dữ liệu abc; Dữ liệu minh họa"


def test_the_table_names_its_value_for_what_it_holds_and_says_whose_values():
    out = grapher.rows(FRAME, "attainment", demo=True)
    assert out.columns == ["province_code", "province_name", "commune_code", "commune_name", "attainment", "latitude",
                           "longitude", "is_demo"]
    assert out["attainment"].to_list() == [80.0, 60.0, 40.0, None] and out["is_demo"].all()


def test_the_chart_draws_a_provinces_communes_or_each_provinces_average_the_chosen_marked():
    one = grapher.bars(FRAME.filter(pl.col("province_code") == "01"), "01", ("2",), "01")
    assert one.rows() == [("Xã A", 80.0, False), ("Xã B", 60.0, True)]
    country = grapher.bars(FRAME, None, ("2",), "01")
    assert country.rows() == [("Tỉnh Một", 70.0, True), ("Tỉnh Hai", 40.0, False)]  # Xã D has no value: not counted


def test_the_images_carry_title_subtitle_and_source_line_as_png_and_svg():
    spec = grapher.chart_spec(grapher.bars(FRAME, None, (), "01"), "Chỉ số", "vi", title="Chỉ số tổng hợp",
                              subtitle="Cả nước · Q3/2026", source=SOURCE, chosen_word="Tỉnh đang chọn",
                              others_word="Các tỉnh khác")
    drawn = grapher.svg(spec).decode("utf-8")
    for text in ("Chỉ số tổng hợp", "Cả nước · Q3/2026", "phiên bản dữ liệu abc", "Tỉnh Một", "70"):
        assert text in drawn, text
    assert grapher.png(spec).startswith(b"\x89PNG\r\n\x1a\n")
    shown = grapher.map_spec(FRAME, "Chỉ số", "vi", colour_by="index", chosen=("3",), title="Chỉ số tổng hợp",
                             subtitle="Cả nước", source=SOURCE, height=300)
    drawn = grapher.svg(shown).decode("utf-8")
    assert "Xã C" in drawn and "phiên bản dữ liệu abc" in drawn  # the chosen commune named; the source line


def test_the_maps_download_has_every_header_in_the_readers_language():
    from kpi.export.people import for_people

    rows = grapher.rows(FRAME, "attainment", demo=True)
    assert for_people(rows, "vi").frame.columns == ["Mã tỉnh", "Tỉnh, thành phố", "Mã xã", "Xã, phường", "Mức đạt (%)",
                                                    "Vĩ độ", "Kinh độ", "Số liệu minh họa"]


def test_coloured_by_status_the_chart_colours_its_bars_by_status_a_province_by_its_communes_majority():
    """Issue 32, item 6: the map's 'colour by status' does something in the chart too."""
    frame = FRAME.with_columns(status=pl.Series(["on_track", "off_track", "off_track", "no_data"]))
    one = grapher.bars(frame.filter(pl.col("province_code") == "01"), "01", ("2",), "01")
    assert one.rows() == [("Xã A", 80.0, False, "on_track"), ("Xã B", 60.0, True, "off_track")]
    country = grapher.bars(frame, None, (), "01")
    assert dict(zip(country["name"], country["status"], strict=True)) == {"Tỉnh Một": "at_risk", "Tỉnh Hai": "off_track"}  # one of two without data: not a majority
    view = grapher.chart_view(one, "Chỉ số", "vi", chosen_word="Xã đang chọn", others_word="Các xã khác")
    colour = view["layer"][0]["encoding"]["color"]
    assert colour["field"] == "status" and colour["scale"]["domain"] == ["↗ Đúng lộ trình", "✖ Chệch hướng"]
