"""The commune map: positions (data/commune_positions.csv), the figure (kpi.geo) and the page (pages/map.py)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from kpi import config, geo
from kpi.scoring import STATUS_COLOURS, STATUSES
from kpi.sources import SourceErrors, load_units

LABELS = {"status": "Tình trạng", "no_index": "Chưa có chỉ số"}


@pytest.fixture(scope="module")
def official() -> dict[str, str]:
    return {c.commune_code: c.province_code for c in load_units()[1]}


@pytest.fixture(scope="module")
def placed(official) -> pl.DataFrame:
    return geo.positions(communes=official)


# --- positions -----------------------------------------------------------------------------------


def test_positions_load_and_cover_the_official_units(placed, official):
    assert placed.height > 3300, "nearly every one of the 3,321 units has a position"
    assert placed["commune_code"].is_unique().all()
    assert set(placed["commune_code"]) <= set(official), "every row's code is an official commune code"
    assert set(placed["matched_by"]) <= {"code", "name"}
    assert placed["source"].str.starts_with(geo.SOURCE).all()
    unplaced = {u.commune_code for u in geo.load_unplaced(communes=official, placed=set(placed["commune_code"]))}
    assert unplaced | set(placed["commune_code"]) == set(official), "every unit placed or listed"
    assert unplaced == set(), unplaced  # all 3,321, the Hoàng Sa and Trường Sa special zones included
    assert {"20333", "22736"} <= set(placed["commune_code"])


def test_points_inside_vietnam_box(placed):
    assert placed["latitude"].is_between(geo.LAT_MIN, geo.LAT_MAX).all()
    assert placed["longitude"].is_between(geo.LON_MIN, geo.LON_MAX).all()
    assert not placed.select(pl.struct("latitude", "longitude").is_duplicated().any()).item(), "no two units on one spot"


def test_points_are_in_their_province(placed):
    """A unit far from its province's other units is a wrong match (islands are the known exceptions)."""
    centre = placed.group_by("province_code").agg(pl.col("latitude").median().alias("clat"), pl.col("longitude").median().alias("clon"))
    far = placed.join(centre, on="province_code").filter(
        (((pl.col("latitude") - pl.col("clat")) * 111) ** 2 + ((pl.col("longitude") - pl.col("clon")) * 107) ** 2).sqrt() > 250
    )
    offshore = {"20333", "22736"}  # the Hoàng Sa and Trường Sa special zones: archipelagos far out at sea
    assert set(far["commune_code"]) == offshore, far


def write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "positions.csv"
    path.write_text(",".join(geo.POSITION_COLUMNS) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_bad_rows_give_file_row_field_message(tmp_path, official):
    path = write(
        tmp_path,
        "00004,01,21.0386,105.838,code,vietnamadminunits 1.0.4 (MIT)",
        "00008,01,abc,105.816,code,vietnamadminunits 1.0.4 (MIT)",
        "00025,01,21.0275,120.45,code,vietnamadminunits 1.0.4 (MIT)",
        "00070,01,21.032,105.85,guess,vietnamadminunits 1.0.4 (MIT)",
        "99999,01,21.032,105.85,code,vietnamadminunits 1.0.4 (MIT)",
        "00097,02,21.0567,105.845,code,vietnamadminunits 1.0.4 (MIT)",
        "00004,01,21.0386,105.838,code,vietnamadminunits 1.0.4 (MIT)",
    )
    with pytest.raises(SourceErrors) as caught:
        geo.load_positions(path, official)
    lines = [str(e) for e in caught.value.errors]
    file = str(path)
    assert lines[0] == f"{file}:3: latitude: Input should be a valid number, unable to parse string as a number"
    assert f"{file}:4: longitude: Input should be less than or equal to 117.5" in lines
    assert any(line.startswith(f"{file}:5: matched_by: ") for line in lines)
    assert f"{file}:6: commune_code: 99999 is not an official commune code" in lines
    assert f"{file}:7: province_code: commune 00097 belongs to province 01, not 02" in lines
    assert f"{file}:8: commune_code: duplicate of row 2" in lines


def test_the_build_loads_the_positions_into_the_snapshot(con, placed):
    """The pages read the snapshot's table (queries/commune_positions.sql), the rows the build checked."""
    from kpi.db import run

    loaded = run(con, "commune_positions")
    assert loaded.height == placed.height > 3300
    assert loaded.sort("commune_code").equals(placed.select(loaded.columns).sort("commune_code"))
    assert run(con, "commune_unplaced").is_empty()


@pytest.mark.parametrize(("row", "message"), [
    ("99999,01,21.032,105.85,code,x", "commune_positions.csv:2: commune_code: 99999 is not an official commune code"),
    ("00004,01,21.0386,125.838,code,x", "commune_positions.csv:2: longitude: Input should be less than or equal to 117.5"),
    ("00004,01,1.0386,105.838,code,x", "commune_positions.csv:2: latitude: Input should be greater than or equal to 6"),
    ("00097,02,21.0567,105.845,code,x", "commune_positions.csv:2: province_code: commune 00097 belongs to province 01, not 02"),
])
def test_a_build_with_a_position_outside_vietnam_or_of_no_commune_fails_and_names_it(data_copy, tmp_path, row, message):
    from kpi.build import build

    path = data_copy / geo.POSITIONS_FILE
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0], row, *lines[2:]]) + "\n", encoding="utf-8")
    with pytest.raises(SourceErrors) as caught:
        build(tmp_path / "kpi.duckdb", data_copy)
    assert any(str(e).endswith(message) for e in caught.value.errors), caught.value.errors
    assert not (tmp_path / "kpi.duckdb").exists()


def test_an_unplaced_unit_must_be_official_and_without_a_position(tmp_path, official):
    path = tmp_path / "unplaced.csv"
    path.write_text(",".join(geo.UNPLACED_COLUMNS) + "\n99999,01,Hà Nội,Xã Không Có,không tìm thấy\n"
                    "00004,01,Hà Nội,Phường Ba Đình,trùng\n", encoding="utf-8")
    with pytest.raises(SourceErrors) as caught:
        geo.load_unplaced(path, official, {"00004"})
    assert [(e.row, e.field) for e in caught.value.errors] == [(2, "commune_code"), (3, "commune_code")]
    assert "00004 has a position" in str(caught.value.errors[1])


def test_missing_file(tmp_path):
    with pytest.raises(SourceErrors, match=r"nowhere.csv:0: \(file\): file not found"):
        geo.load_positions(tmp_path / "nowhere.csv")


@pytest.mark.parametrize(("name", "folded"), [
    ("Xã  Đàm Thuỷ", "dam thuy"),
    ("xã Đàm Thủy", "dam thuy"),
    ("Phường Văn Miếu - Quốc Tử Giám", "van mieu - quoc tu giam"),
    ("Xã Chân Mây – Lăng Cô", "chan may - lang co"),
    ("Xã Ea M’Droh", "ea m'droh"),
    ("Đặc khu Phú Quốc", "phu quoc"),
    ("Phường Hoà Bình", "hoa binh"),
])
def test_fold_name(name, folded):
    assert geo.fold_name(name) == folded


# --- the figure ----------------------------------------------------------------------------------


def sample() -> pl.DataFrame:
    return pl.DataFrame({
        "commune_code": ["00004", "00008", "00025", "00070", "00097", "11503"],
        "commune_name": ["Phường Ba Đình", "Phường Ngọc Hà", "Phường Giảng Võ", "Phường Hoàn Kiếm", "Phường Hồng Hà", "Xã Việt Khê"],
        "province_code": ["01", "01", "01", "01", "01", "31"],
        "province_name": ["Thành phố Hà Nội"] * 5 + ["Thành phố Hải Phòng"],
        "index": [72.04, 55.56, None, 40.0, 90.0, 61.26],
        "latitude": [21.04, 21.04, 21.03, 21.03, 21.06, 20.9],
        "longitude": [105.84, 105.82, 105.81, 105.85, 105.85, 106.6],
        "status": ["met", "on_track", "no_data", "off_track", "at_risk", "on_track"],
    })


def test_figure_draws_no_base_map_or_boundary():
    for colour_by in ("index", "status"):
        fig = geo.map_figure(sample(), "vi", LABELS, colour_by)
        layout = fig.to_plotly_json()["layout"]
        assert {trace.type for trace in fig.data} == {"scatter"}, "plain x/y points: no geo, map or tile trace"
        for key in ("geo", "mapbox", "map", "shapes", "images"):
            assert not layout.get(key), f"nothing drawn under layout.{key}"
        assert layout["yaxis"]["scaleanchor"] == "x", "equal ground scale"


def test_status_colours_symbols_and_customdata():
    frame = sample()
    fig = geo.map_figure(frame, "vi", LABELS, "status")
    seen = {}
    for trace in fig.data:
        status = frame.filter(pl.col("commune_code") == trace.customdata[0])["status"][0]
        assert trace.marker.color == STATUS_COLOURS[status]
        assert trace.marker.symbol == geo.STATUS_MARKERS[status]
        assert (frame.filter(pl.col("status") == status)["commune_code"].to_list()) == list(trace.customdata)
        seen[status] = trace.marker.symbol
    assert set(seen) == set(STATUSES)
    assert len(set(seen.values())) == len(seen), "each status has its own marker shape"
    assert sorted(c for t in fig.data for c in t.customdata) == frame["commune_code"].sort().to_list()


def test_index_colouring_hover_and_missing_index():
    frame = sample()
    fig = geo.map_figure(frame, "vi", LABELS, "index")
    scored, missing = fig.data
    assert list(scored.customdata) == frame.filter(pl.col("index").is_not_null())["commune_code"].to_list()
    assert list(missing.customdata) == ["00025"] and missing.marker.symbol == "circle-open"
    assert missing.name == "Chưa có chỉ số"
    assert scored.hovertext[0] == "<b>Phường Ba Đình</b><br>Thành phố Hà Nội<br>Chỉ số: 72,0<br>Tình trạng: Đạt"
    english = geo.map_figure(frame, "en", {"status": "Status", "no_index": "No index"}, "status")
    texts = [h for t in english.data for h in t.hovertext]
    assert "<b>Phường Ngọc Hà</b><br>Thành phố Hà Nội<br>Index: 55.6<br>Status: On track" in texts


def test_province_extent_zooms_to_its_points():
    fig = geo.map_figure(sample(), "vi", LABELS, "index", province="31")
    assert [c for t in fig.data for c in t.customdata] == ["11503"]


def test_overall_status_combines_by_majority_and_a_tie_is_not_the_worse():
    """The rule of kpi.scoring.combined_status (stated on Phương pháp): one off-track indicator beside one on
    track is at risk (the former rule, most frequent with ties to the worse, made it off track)."""
    scores = pl.DataFrame({
        "commune_code": ["a", "a", "a", "b", "b", "c", "d", "d", "e", "e", "e", "f", "f", "f", "g", "g"],
        "status": ["met", "met", "off_track", "met", "at_risk", "no_data", "off_track", "on_track",
                   "off_track", "off_track", "met", "on_track", "met", "off_track", "no_data", "off_track"],
    })
    got = dict(geo.overall_status(scores).iter_rows())
    assert got == {"a": "met", "b": "at_risk", "c": "no_data", "d": "at_risk", "e": "off_track", "f": "on_track",
                   "g": "off_track"}


def test_click_to_profile():
    assert geo.clicked([{"customdata": "11503", "x": 1}]) == "11503"
    assert geo.clicked([{"customdata": ["11503"]}]) == "11503"
    assert geo.clicked([]) is None
    current = {"province": "01", "communes": "00004", "lang": "en"}
    assert geo.profile_params(current, "00008", "01") == {"province": "01", "communes": "00004", "lang": "en", "commune": "00008"}
    assert geo.profile_params(current, "11503", "31") == {"province": "31", "lang": "en", "commune": "11503"}


# --- the page ------------------------------------------------------------------------------------

APP = config.ROOT / "app.py"


@pytest.mark.parametrize(("extent", "colour", "lang"), [("national", "index", "vi"), ("province", "status", "en")])
def test_map_page(app_db, extent, colour, lang, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("the page read the positions file: it reads the snapshot")

    monkeypatch.setattr(geo, "load_positions", never)
    monkeypatch.setattr(geo, "load_unplaced", never)
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.query_params["province"] = "31"
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/map.py").run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    at.radio(key="map_extent").set_value(extent).run()
    at.radio(key="map_colour").set_value(colour).run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    captions = " ".join(c.value for c in at.caption)
    assert "vietnamadminunits" in captions
    if extent == "national":  # the units counted, grouped as the language groups them
        assert "/3.321 " in captions
