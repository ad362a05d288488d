"""Bộ chỉ số 766 (the national portal's published values) on Xếp hạng, Tổng quan, Bản đồ and Hồ sơ xã under AppTest:
labelled with the portal and the snapshot's time in Vietnam, the shipped snapshot's own values (data/published/
dvc766-2025-10-15T0847.xlsx: Phường Bình Đức 92.3 on row 40 of Xã Phường, An Giang 87.88 on row 10 of Điểm năm),
and never a demo value shown as published. The browser's look: tests/test_browser.py."""

import json

import polars as pl
from streamlit.testing.v1 import AppTest

from kpi import config
from kpi.db import run

LABEL = "Số liệu công bố: Cổng DVC quốc gia, chụp ngày 15/10/2025 08:47"
BINH_DUC = "30292"  # Phường Bình Đức, An Giang


def open_page(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=90)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def labelled(at: AppTest, label: str = LABEL) -> bool:
    return any(label in m.value for m in at.markdown)


def frame_with(at: AppTest, column: str):
    return [d.value for d in at.dataframe if column in d.value.columns]


def metrics(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def test_ranking_shows_the_communes_and_the_provinces_on_the_published_index(app_db, con):
    at = open_page("ranking", province="91")
    assert labelled(at)
    assert any("Số liệu thật: chỉ Bộ chỉ số 766" in w.value for w in at.warning), "the demo banner names the real values"
    communes, provinces = frame_with(at, "Tổng điểm")
    assert len(communes) == 102 and len(provinces) == 34
    binh_duc = communes[communes["Đơn vị"] == "Phường Bình Đức"].iloc[0]
    assert (binh_duc["Hạng"], binh_duc["Tổng điểm"], binh_duc["Số hóa hồ sơ"]) == (39, 92.3, 20.12)
    assert provinces[provinces["Đơn vị"] == "▶ An Giang"].iloc[0]["Tổng điểm"] == 87.88
    assert metrics(at)["Hạng trong 34 tỉnh, thành phố"][0] == "10/34"
    # every commune's total is the store's published one (An Giang has no demo values in this build: the page says so)
    stored = run(con, "published_values", latest=True).filter((pl.col("indicator_code") == "dvc766_total")
                                                              & pl.col("commune_code").is_not_null())
    assert sorted(communes["Tổng điểm"]) == sorted(stored["points"])
    assert any("Chưa có số liệu" in i.value for i in at.info) or at.get("plotly_chart")
    # item 5: an earlier snapshot of the same period on request, with the change since the one before it
    at.selectbox(key="pub_at_ranking_year_vi").set_value("2025-10-11 21:32").run()
    assert labelled(at, "Số liệu công bố: Cổng DVC quốc gia, chụp ngày 11/10/2025 21:32")
    assert metrics(at)["Tổng điểm của tỉnh (An Giang)"] == ("87,8", "0")  # as at 11/10 20:51: the portal had not moved
    at.radio(key="pub_kind_ranking_vi").set_value("month").run()  # October to the day, its latest snapshot
    assert labelled(at) and metrics(at)["Tổng điểm của tỉnh (An Giang)"] == ("80,6", "+0,43")  # 80.17 on 11/10


def test_ranking_of_a_province_without_published_communes_lists_none(app_db):
    at = open_page("ranking", province="31", lang="en")
    assert labelled(at, "Published values: national public service portal (Cổng DVC quốc gia), snapshot of 15/10/2025 08:47")
    assert any("No published score of Thành phố Hải Phòng's communes" in c.value for c in at.caption)
    assert [len(f) for f in frame_with(at, "Total (points)")] == [34], "only the provinces: no demo commune as published"
    assert metrics(at)["Province's total (Thành phố Hải Phòng)"] == ("85.7", "+0.88")


def test_overview_shows_the_province_on_the_published_index(app_db):
    at = open_page("overview", province="91")
    assert labelled(at)
    m = metrics(at)
    assert m["Tổng điểm của tỉnh (An Giang)"] == ("87,88", "+0,08")
    assert m["Hạng trong 34 tỉnh, thành phố"][0] == "10/34"
    assert m["Bình quân các xã, phường của tỉnh"][0] == "91,44"
    (parts,) = frame_with(at, "Nhóm chỉ số")
    assert dict(zip(parts["Nhóm chỉ số"], parts["Điểm"], strict=True)) == {
        "Tổng điểm (tối đa 100)": 87.88, "Công khai, minh bạch": 15.45, "Tiến độ giải quyết": 18.74, "Dịch vụ công trực tuyến": 8.39,
        "Thanh toán trực tuyến": 9.05, "Mức độ hài lòng": 17.9, "Số hóa hồ sơ": 18.35}
    assert not any("%" in c for c in parts.columns), "points are never called percentages"


def published_points(at: AppTest) -> dict[str, float]:
    """Bản đồ of the province coloured by the published total: each commune's points, the colour bar's title checked."""
    at.radio(key="map_extent").set_value("province").run()
    at.radio(key="map_colour").set_value("published").run()
    assert not at.exception and labelled(at)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    (coloured,) = [t for t in spec["data"] if isinstance(t["marker"].get("color"), list)]
    assert coloured["marker"]["colorbar"]["title"]["text"] == "Bộ chỉ số 766 (công bố) (điểm)"
    return dict(zip(coloured["customdata"], coloured["marker"]["color"], strict=True))


def test_map_colours_the_communes_by_their_published_total(app_db):
    at = open_page("map", province="91")
    points = published_points(at)
    assert points[BINH_DUC] == 92.3 and len(points) <= 102


def test_profile_shows_the_commune_beside_its_plan(app_db):
    at = open_page("profile", province="91", commune=BINH_DUC)
    assert labelled(at)
    m = metrics(at)
    assert m["Tổng điểm của xã"] == ("92,3", "-0,06")
    assert m["Hạng trong 102 xã, phường của tỉnh"][0] == "39/102"
    assert m["Bình quân các xã, phường của tỉnh"][0] == "91,44"
    (beside,) = frame_with(at, "Điểm công bố của nhóm")
    pairs = dict(zip(beside["Nhóm chỉ số"], beside["Điểm công bố của nhóm"], strict=False))
    assert pairs == {"Dịch vụ công trực tuyến": 8.13, "Thanh toán trực tuyến": 8.57, "Số hóa hồ sơ": 20.12}
    assert beside["Mục tiêu kế hoạch"].str.contains("%").all(), "the plan's targets keep their own unit"
    # no value of the commune in this build: nothing stands in for it (never a published point as a percentage)
    assert "Giá trị xã (%)" not in beside.columns and "Nguồn số liệu" not in beside.columns
    assert any("không quy đổi" in c.value for c in at.caption)


def test_the_sidebars_milestone_and_filters_never_rescore_the_published_index(app_db):
    """Issue 32's one milestone (?year=), group and indicator rescore the demo figures on every page; Bộ chỉ số
    766 stays the portal's points whatever is chosen: Xếp hạng's published tables are the same with a 2045
    milestone and a group, and Bản đồ coloured by it keeps Bình Đức's 92.3 with an indicator chosen (no
    attainment in its place, no caption saying the points show that indicator)."""
    def published_tables(at: AppTest) -> list[pl.DataFrame]:
        return [pl.from_pandas(d.value) for d in at.dataframe if "Tổng điểm" in d.value.columns]

    plain = published_tables(open_page("ranking", province="91"))
    chosen = published_tables(open_page("ranking", province="91", year="2045", group="digital_government"))
    assert len(plain) == 2 and all(a.equals(b) for a, b in zip(plain, chosen, strict=True))
    at = open_page("map", province="91", year="2045", indicator="vneid_share")
    assert published_points(at)[BINH_DUC] == 92.3
    assert not any(c.value.startswith("Điểm trên bản đồ theo") for c in at.caption)
