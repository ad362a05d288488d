"""Every dashboard page under AppTest: renders, reacts to filters, shows what the queries return."""

import csv
import io
import math

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from kpi import config, labels
from kpi.db import run
from kpi.i18n import fmt_number
from kpi.periods import parse_period

# The import page is only for those who may write: tests/test_import_page.py renders it signed in.
PAGES = ["overview", "ranking", "trajectory", "profile", "tasks", "data_quality", "method", "units", "catalogue"]


def app(**params: str) -> AppTest:
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=90)
    for k, v in params.items():
        at.query_params[k] = v
    return at


def open_page(page: str, **params: str) -> AppTest:
    at = app(**params).run()  # st.navigation registers the pages on the first run
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_with_demo_notice(app_db, page):
    at = open_page(page)
    assert at.title, "every page has a title"
    assert any("Dữ liệu minh họa" in w.value for w in at.warning), "every page says the values are demo data"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_in_english(app_db, page):
    at = open_page(page, lang="en")
    assert any("Demo data" in w.value for w in at.warning)


def test_overview_headline_figures_and_sentence(app_db, con):
    at = open_page("overview", province="31")
    metrics = {m.label: m for m in at.metric}
    everyone = run(con, "ranking", period="2026-Q3", province=None).filter(pl.col("index").is_not_null())
    provinces = everyone.group_by("province_code").agg(pl.col("index").mean()).sort("index", descending=True)
    rank = provinces["province_code"].to_list().index("31") + 1
    mean = provinces.filter(pl.col("province_code") == "31")["index"][0]
    assert metrics["Chỉ số bình quân tỉnh"].value == fmt_number(mean, "vi")
    assert metrics["Hạng của tỉnh"].value == f"{rank}/{provinces.height}"
    statuses = dict(con.execute(
        "SELECT status, count(*) FROM indicator_score s JOIN commune c USING (commune_code) "
        "WHERE c.province_code = '31' AND s.as_of_period = '2026-Q3' GROUP BY status").fetchall())
    pairs = sum(statuses.values())
    assert metrics["✔ Đạt (%)"].value == fmt_number(100 * statuses.get("met", 0) / pairs, "vi")
    assert metrics["↗ Đạt hoặc đúng lộ trình (%)"].value == fmt_number(100 * (statuses.get("met", 0) + statuses["on_track"]) / pairs, "vi")
    shares = [m.label for m in at.metric][3:7]  # the headline's; Bộ chỉ số 766's published figures follow (pages/_published.py)
    assert shares == ["↗ Đạt hoặc đúng lộ trình (%)", "! Có nguy cơ (%)", "✖ Chệch hướng (%)", "✔ Đạt (%)"], \
        "the headline leads with what is decidable now, met (mostly 2030 targets) last"
    assert metrics["✖ Chệch hướng (%)"].value == fmt_number(100 * statuses["off_track"] / pairs, "vi")
    at_risk = 100 * statuses["at_risk"] / pairs
    assert metrics["! Có nguy cơ (%)"].value == fmt_number(at_risk, "vi")
    earlier = dict(con.execute(
        "SELECT status, count(*) FROM indicator_score s JOIN commune c USING (commune_code) "
        "WHERE c.province_code = '31' AND s.as_of_period = '2026-Q2' GROUP BY status").fetchall())
    risk_change = at_risk - 100 * earlier["at_risk"] / sum(earlier.values())
    assert metrics["! Có nguy cơ (%)"].delta == ("+" if risk_change > 0 else "-") + fmt_number(abs(risk_change), "vi")
    from streamlit.proto.Metric_pb2 import Metric

    worse = Metric.MetricColor.RED if risk_change > 0 else Metric.MetricColor.GREEN  # more at risk is worse
    assert metrics["! Có nguy cơ (%)"].proto.color == worse
    before = run(con, "ranking", period="2026-Q2", province="31").filter(pl.col("index").is_not_null())
    change = mean - before["index"].mean()
    assert metrics["Chỉ số bình quân tỉnh"].delta == ("+" if change > 0 else "-") + fmt_number(abs(change), "vi")
    sentence = " ".join(m.value for m in at.markdown)
    assert f"Thành phố Hải Phòng xếp thứ {rank}/{provinces.height} tỉnh, thành phố" in sentence
    good = fmt_number(100 * (statuses.get("met", 0) + statuses["on_track"]) / pairs, "vi", 0)
    assert f"So với mốc kế tiếp của từng chỉ tiêu, {good}% cặp xã × chỉ tiêu đã đạt hoặc đúng lộ trình" in sentence
    assert "so với quý trước). So với mốc" in sentence, "each sentence ends with its full stop"


def test_overview_top_and_bottom_five_with_trend_arrows(app_db, con):
    at = open_page("overview", province="31")
    expected = run(con, "ranking_by_index", province="31", period="2026-Q3", previous="2026-Q2").filter(
        pl.col("value").is_not_null())
    top, bottom = at.dataframe[0].value, at.dataframe[1].value
    assert top["Xã, phường"].tolist() == expected["commune_name"].head(5).to_list()
    assert bottom["Xã, phường"].tolist() == expected["commune_name"].tail(5).to_list()
    for arrow, change in zip(top["Xu hướng"], top["Thay đổi so với quý trước"], strict=True):
        assert arrow == ("↑" if change > 0.5 else "↓" if change < -0.5 else "→")


def test_overview_marks_the_chosen_communes_and_the_grid_has_a_legend(app_db, con):
    """Five chosen communes of Thái Nguyên (its top five, of about one index): a star before their names in
    the top-five table and on the status grid's rows (bold), each named on the index strip by a label of its
    own, inside the chart, none covering another's row."""
    import json

    ranked = run(con, "ranking_by_index", province="19", period="2026-Q3", previous="2026-Q2").filter(
        pl.col("value").is_not_null())
    # Thái Nguyên's top five by index, as the demo draws them now (every commune indicator added reshapes the draws,
    # and the session's imports move them): all on the grid's first view, their labels close to one another
    chosen = ranked.head(5)["commune_code"].to_list()
    at = open_page("overview", province="19", communes=",".join(chosen))
    marked = {code: f"★ {name}" for code, name in zip(ranked["commune_code"], ranked["commune_name"], strict=True)
              if code in chosen}
    top, bottom = at.dataframe[0].value, at.dataframe[1].value
    assert top["Xã, phường"].tolist() == [marked.get(c, n) for c, n in ranked.head(5).select("commune_code", "commune_name").iter_rows()]
    assert any(name.startswith("★ ") for name in top["Xã, phường"]), "the test can tell: a chosen commune is in the top five"
    assert not any(name.startswith("★ ") for name in bottom["Xã, phường"])
    assert top["Chỉ số"].dtype.kind == "f" and top["Hạng"].dtype.kind in "iu"  # numbers stay numbers

    strip = json.loads(at.get("plotly_chart")[0].proto.spec)
    index = dict(zip(ranked["commune_name"], ranked["value"], strict=True))
    labels = [a for a in strip["layout"]["annotations"] if a.get("showarrow")]
    names = {marked[c][2:] for c in chosen}
    assert sorted(a["text"] for a in labels) == sorted(names)  # one label per chosen commune
    for a in labels:
        assert a["x"] == index[a["text"]] and a["bgcolor"] == "#ffffff" and a["bordercolor"]
        assert a["xanchor"] == ("left" if a["x"] < 50 else "right")  # extends towards the middle: inside the chart
        assert -1.4 < a["ay"] < 1.6 and a["ayref"] == "y"
    for a in labels:
        for b in labels:
            if a is not b and abs(a["x"] - b["x"]) < 10:
                assert a["ay"] != b["ay"], (a["text"], b["text"])  # near one another: in rows of their own
    assert strip["layout"]["margin"]["autoexpand"] is False and strip["layout"]["height"] == 300
    assert [tr for tr in strip["data"] if tr.get("mode") == "markers" and tr["marker"].get("symbol") == "diamond"]

    bars = json.loads(at.get("plotly_chart")[1].proto.spec)
    groups = bars["data"][0]["y"]  # each group's name above its bar, not beside it (the bars keep a phone's width)
    assert [a["text"] for a in bars["layout"]["annotations"]] == groups and len(groups) >= 5
    assert bars["layout"]["yaxis"]["showticklabels"] is False
    grid = json.loads(at.get("plotly_chart")[2].proto.spec)
    legend = [tr["name"] for tr in grid["data"] if tr["type"] == "scatter"]
    assert legend == ["✔ Đạt", "↗ Đúng lộ trình", "! Có nguy cơ", "✖ Chệch hướng", "○ Không có dữ liệu", "Không có mục tiêu"]
    cells = {c for row in grid["data"][0]["text"] for c in row}
    assert cells <= {"✔", "↗", "!", "✖", "○", "·"} and "·" in cells  # a symbol in every cell; no target apart
    rows, axis = grid["data"][0]["y"], grid["layout"]["yaxis"]
    assert axis["tickvals"] == rows  # the rows stay the communes' names (the hover's %{y})
    starred = {name: f"<b>{label}</b>" for label in marked.values() for name in [label[2:]]}
    assert axis["ticktext"] == [starred.get(name, name) for name in rows]
    assert sum(text.startswith("<b>★ ") for text in axis["ticktext"]) == len(chosen)
    widest = max(len(text) - len("<b></b>") for text in axis["ticktext"])
    assert grid["layout"]["margin"]["l"] >= widest * 7 + 12  # the longer labels keep room (charts.fixed_margins)


def test_overview_grid_opens_on_the_view_holding_the_chosen_commune(app_db, con):
    """Hải Phòng's grid is in views of 40 by rank: the view holding the chosen commune is starred and shown,
    its row starred."""
    import json

    ranked = run(con, "heatmap", province="31", period="2026-Q3", group=None)["commune_code"].unique(maintain_order=True)
    code = ranked[50]  # in the second view
    name = run(con, "ranking", period="2026-Q3", province="31").filter(pl.col("commune_code") == code)["commune_name"][0]
    at = open_page("overview", province="31", communes=code)
    band = at.selectbox(key="heatmap_band_31_communes_vi")
    assert band.options == ["Hạng 1–40", "Hạng 41–80 ★", "Hạng 81–114"] and band.value == 1
    axis = json.loads(at.get("plotly_chart")[2].proto.spec)["layout"]["yaxis"]
    assert [t for t in axis["ticktext"] if t.startswith("<b>")] == [f"<b>★ {name}</b>"]


def test_overview_grid_shows_a_large_province_forty_communes_at_a_time_by_rank(app_db, con):
    """Hải Phòng's 114 communes: the grid in views of 40 by rank (quick to draw, one screen), each cell's
    hover naming the commune (row), the indicator's full name (column) and the status with its values."""
    import json

    at = open_page("overview", province="31")  # its plan commune (Việt Khê) chosen by default: its view is shown
    band = at.selectbox(key="heatmap_band_31_communes_vi")
    grid = run(con, "heatmap", province="31", period="2026-Q3", group=None)
    order = grid["commune_name"].unique(maintain_order=True).to_list()
    view = order.index(grid.filter(pl.col("commune_code") == "11503")["commune_name"][0]) // 40
    bands = ["Hạng 1–40", "Hạng 41–80", "Hạng 81–114"]
    assert band.options == [b + (" ★" if n == view else "") for n, b in enumerate(bands)] and band.value == view
    spec = json.loads(at.get("plotly_chart")[2].proto.spec)["data"][0]
    assert spec["y"] == order[view * 40:view * 40 + 40]
    other = 0 if view else 1
    band.set_value(other).run()
    spec = json.loads(at.get("plotly_chart")[2].proto.spec)["data"][0]
    assert spec["y"] == order[other * 40:other * 40 + 40]
    assert spec["hovertemplate"] == "<b>%{y}</b><br>%{x}<br>%{customdata}<extra></extra>"
    names = grid["indicator_name_vi"].unique(maintain_order=True).to_list()
    assert spec["x"] == names  # full names, shown shortened on the axis
    first = grid.filter(pl.col("commune_name") == order[other * 40]).row(0, named=True)
    cell = spec["customdata"][0][names.index(first["indicator_name_vi"])]
    assert cell.startswith(("✔", "↗", "!", "✖", "○")) and ": " in cell and " / " in cell, cell


def test_changing_province_changes_the_numbers(app_db):
    at = open_page("overview", province="31")
    first = {m.label: m.value for m in at.metric}
    at.sidebar.selectbox(key="f_province_vi").set_value("52").run()
    assert not at.exception
    second = {m.label: m.value for m in at.metric}
    assert first != second
    assert at.title[0].value == "Tổng quan: Gia Lai"


def test_filter_state_lives_in_the_url(app_db):
    at = open_page("overview", province="51", group="digital_government", year="2026")
    assert at.sidebar.selectbox(key="f_province_vi").value == "51"
    assert at.sidebar.selectbox(key="f_group_vi").value == "digital_government"
    at.sidebar.selectbox(key="f_group_vi").set_value("digital_society").run()
    assert at.query_params["group"] in (["digital_society"], "digital_society")
    # the sidebar's milestone (issue 32, item 5): a link's ?year= is kept and shown
    assert at.query_params["year"] in (["2026"], "2026")
    assert at.sidebar.selectbox(key="f_year_vi").value == "2026"


def test_province_without_data_shows_a_clear_empty_state(app_db):
    at = open_page("overview", province="01")  # Hà Nội: outside the demo scope "provinces"
    assert any("chưa có số liệu" in i.value for i in at.info)
    # no figure of reported or demo values; only Bộ chỉ số 766's, published for every province and labelled so
    assert {m.label for m in at.metric} == {"Tổng điểm của tỉnh (Thành phố Hà Nội)", "Hạng trong 34 tỉnh, thành phố", "Bình quân các tỉnh"}
    assert any(m.value.startswith("**Số liệu công bố: Cổng DVC quốc gia, chụp ngày") for m in at.markdown)


def test_ranking_by_indicator_matches_query(app_db, con):
    indicator = run(con, "heatmap", province="31", period="2026-Q3", group=None)["indicator_code"][0]
    at = open_page("ranking", province="31", indicator=indicator)
    table = at.dataframe[0].value
    expected = run(con, "ranking_by_indicator", province="31", indicator=indicator, period="2026-Q3", previous="2026-Q2")
    assert len(table) == expected.height
    assert table.iloc[0, 1] == expected["commune_name"][0]
    assert table.iloc[0, 0] == 1
    # the trend arrow from the pace (SDG dashboards): ↑ met or on track, ➚ at risk, → too slow, ↓ moving away
    for row, arrow in zip(expected.iter_rows(named=True), table["Xu hướng theo tốc độ"], strict=True):
        progress = (row["pace_per_year"] or 0) * (row["pace_needed_per_year"] or 0)
        want = {"met": "↑", "on_track": "↑", "at_risk": "➚", "no_data": ""}.get(row["status"]) or (
            "→" if progress > 0 else "↓" if row["pace_per_year"] is not None else "")
        assert arrow == want, row
    assert set(table["Xu hướng theo tốc độ"]) & {"↑", "➚"}


def test_ranking_of_index_shows_rank_change(app_db, con):
    at = open_page("ranking", province="52")
    expected = run(con, "ranking_by_index", province="52", period="2026-Q3", previous="2026-Q2")
    table = at.dataframe[0].value
    assert len(table) == expected.height
    assert "Thay đổi hạng" in table.columns


def test_trajectory_opens_on_an_indicator_with_data_and_runs_to_the_next_milestone(app_db, con):
    import json

    at = open_page("trajectory", province="31", communes="11503")
    assert any("chỉ tiêu đầu tiên có số liệu" in c.value for c in at.caption)
    scores = run(con, "scores", period="2026-Q3", province="31", commune="11503", group=None).filter(
        pl.col("latest_value").is_not_null())
    catalogue = run(con, "indicators", group=None)["indicator_code"].to_list()
    first = next(c for c in catalogue if c in set(scores["indicator_code"]))
    name = run(con, "indicators", group=None).filter(pl.col("indicator_code") == first)["name_vi"][0]
    assert at.subheader[0].value.startswith(name)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    milestone = scores.filter(pl.col("indicator_code") == first)["next_milestone_year"][0]
    end = spec["layout"]["xaxis"]["range"][1]
    assert end > f"{milestone}-12-31"  # the next milestone's marker is inside the axis, never cut
    assert any(f"mốc kế tiếp, {milestone}" in c.value for c in at.caption)


def test_trajectory_lists_every_milestone_with_its_citation(app_db):
    at = open_page("trajectory", province="31", indicator="vneid_share", communes="11503")
    table = at.dataframe[-1].value
    # Việt Khê, Phụ lục II row 27: ≥ 70% (2025), 85% (2030), ≥ 95% (2035), 100% (2040, 2045)
    assert table["Mốc"].tolist() == [2025, 2030, 2035, 2040, 2045]
    assert table["So sánh"].tolist() == ["≥", "=", "≥", "=", "="]  # comparators as symbols
    assert table["Mục tiêu"].tolist() == [70, 85, 95, 100, 100]
    assert all(c.startswith("Kế hoạch của xã Việt Khê, Phụ lục II, 27") for c in table["Trích dẫn kế hoạch"])  # not its file


def test_profile_of_a_plan_commune_cites_its_plan(app_db, con):
    at = open_page("profile", province="31", commune="11503")
    assert at.title[0].value == "Hồ sơ xã: Xã Việt Khê"
    card = at.dataframe[0].value
    expected = run(con, "commune_profile", commune="11503", period=None)
    assert len(card) == expected.height
    assert any(str(c).startswith("Kế hoạch của xã Việt Khê, ") for c in card["Trích dẫn kế hoạch"])  # by name, not its file
    # the trend arrow from the pace beside the status (kpi.scoring.pace_arrow, tested with the scorecard)
    assert set(card["Tốc độ"]) <= {"↑", "➚", "→", "↓", ""} and set(card["Tốc độ"]) & {"↑", "➚", "→", "↓"}
    assert all(arrow == "↑" for arrow, status in zip(card["Tốc độ"], card["Tình trạng"], strict=True) if "Đúng lộ trình" in status)


def test_profile_of_a_commune_without_plan_says_targets_are_inherited(app_db, con):
    others = run(con, "ranking", period=None, province="31").filter(pl.col("commune_code") != "11503")
    at = open_page("profile", province="31", commune=others["commune_code"][0])
    assert any("kế thừa" in i.value for i in at.info)


def test_profile_scores_status_and_attainment_against_the_chosen_milestone(app_db, con, downloads):
    from kpi import labels
    from kpi.scorecard import model

    default, later = (model.load(con, "11503", "2026-Q3", m) for m in (None, 2045))
    words = labels.words("status", "vi")
    for card, params in ((default, {}), (later, {"milestone": "2045"})):  # Hồ sơ xã's former ?milestone= still opens
        downloads.clear()
        at = open_page("profile", province="31", commune="11503", **params)
        table = at.dataframe[0].value
        # the rows: the indicators with a target for the milestone (the others named once above the table)
        assert table["Tình trạng"].tolist() == [words.get(s, "–") for s in card.targeted()["status"]]
        exported = pl.read_csv(downloads["ho-so-xa-11503-2026-Q3-data.csv"], infer_schema_length=None)
        assert exported["status"].to_list() == card.indicators["status"].to_list()
        assert exported["attainment"].to_list() == pytest.approx(card.indicators["attainment"].to_list(), nan_ok=True)
        best = " ".join(m.value for m in at.markdown).replace("\\", "")
        assert all(fmt_number(v, "vi") in best for v in card.strongest()["attainment"])
        assert any("Chỉ số tổng hợp, thứ hạng và điểm nhóm giữ nguyên" in c.value for c in at.caption)
    assert later.indicators["status"].to_list() != default.indicators["status"].to_list()


def test_tasks_page_filters_by_status(app_db, con):
    at = open_page("tasks", province="19", communes="05851")
    total = {m.label: m.value for m in at.metric}["Số nhiệm vụ"]
    at.selectbox(key="t_status_vi").set_value("not_started").run()
    after = {m.label: m.value for m in at.metric}["Số nhiệm vụ"]
    assert int(after) < int(total)


def test_methodology_states_the_rules(app_db):
    at = open_page("method")
    text = " ".join(m.value for m in at.markdown)
    assert "20%" in text and "50%" in text and "31/12" in text


@pytest.fixture()
def downloads(monkeypatch) -> dict[str, bytes]:
    """What the page's download buttons would serve, by file name."""
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    served: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id
    original_deferred = MediaFileManager.add_deferred

    def spy(self, path_or_data, mimetype, kind, filename=None):
        if filename and isinstance(path_or_data, bytes):
            served[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    def spy_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kw):
        if file_name:  # built on click in the browser; here, built as the click would
            served[file_name] = data_callable()
        return original_deferred(self, data_callable, mimetype, coordinates, file_name, **kw)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", spy)
    monkeypatch.setattr(MediaFileManager, "add_deferred", spy_deferred)
    return served


def about(workbook: bytes) -> dict[str, str]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(workbook))
    return dict(tuple(c.value for c in row) for row in book.worksheets[2].iter_rows())


def test_exports_equal_the_query_and_say_what_they_are(app_db, con, downloads):
    open_page("overview", province="31", group="digital_society")
    expected = run(con, "ranking", period="2026-Q3", province="31")
    machine = downloads["xep-hang-chi-so-31-2026-Q3-data.csv"]
    assert machine.startswith(b"\xef\xbb\xbf")
    exported = pl.read_csv(machine, schema_overrides={"commune_code": pl.String, "province_code": pl.String})
    assert exported["commune_code"].to_list() == expected["commune_code"].to_list()
    assert exported["index"].fill_null(-1).to_list() == pytest.approx(expected["index"].fill_null(-1).to_list())
    people = downloads["xep-hang-chi-so-31-2026-Q3.csv"].decode("utf-8-sig")
    assert not people.startswith("#") and "\n#" not in people, "a table alone: Excel would read detail lines as rows"
    rows = list(csv.DictReader(io.StringIO(people), delimiter=";"))
    assert [r["Mã xã"] for r in rows] == expected["commune_code"].to_list()
    facts = about(downloads["xep-hang-chi-so-31-2026-Q3.xlsx"])  # the details are the workbook's
    assert facts["Số liệu"] == "Dữ liệu minh họa (không phải số liệu báo cáo thật)"
    assert facts["Bộ lọc: Tỉnh, thành phố"] == "Thành phố Hải Phòng"
    assert not any("Nhóm chỉ tiêu" in label for label in facts), "the group does not shape the ranking: not stamped"
    assert facts["Bộ lọc: Kỳ đánh giá"] == "Q3/2026" and "Bộ lọc: Nhóm chỉ tiêu" not in facts
    assert "giờ Việt Nam" in facts["Thời điểm xuất"] and facts["Nguồn"] == "queries/ranking.sql"
    back = pl.read_excel(downloads["xep-hang-chi-so-31-2026-Q3.xlsx"], sheet_name="Dữ liệu")
    assert back.height == expected.height
    heat = about(downloads["ban-do-nhiet-31-2026-Q3.xlsx"])
    assert heat["Bộ lọc: Nhóm chỉ tiêu"] == "Xã hội số"  # the grid is of the chosen group: stamped


def test_tasks_export_is_stamped_with_the_page_filters(app_db, downloads):
    at = open_page("tasks", province="19", communes="05851")
    at.selectbox(key="t_status_vi").set_value("in_progress").run()
    facts = about(downloads["nhiem-vu-19.xlsx"])
    assert facts["Bộ lọc: Tình trạng"] == "Đang thực hiện"
    assert facts["Bộ lọc: Cơ quan chủ trì"] == "Tất cả"
    assert facts["Bộ lọc: Xã, phường"] == "Xã Quân Chu"
    assert not any(k.startswith("Bộ lọc: Chỉ tiêu") for k in facts), "no indicator filter on the tasks page"
    tasks = pl.read_excel(downloads["nhiem-vu-19.xlsx"], sheet_name="Dữ liệu")
    assert set(tasks["Tình trạng"]) == {"Đang thực hiện"}


def test_data_quality_lists_every_conflict_with_citations(app_db, con):
    at = open_page("data_quality")
    conflicts = run(con, "plan_targets", flag="conflict")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Mâu thuẫn"] == str(conflicts.height)
    table = at.dataframe[0].value
    assert len(table) == conflicts.height
    assert set(table["Trích dẫn kế hoạch"]) == set(conflicts["citation"])
    assert table["Áp dụng"].sum() == conflicts.height // 2  # one effective row per conflicting pair
    at.segmented_control(key="q_flag_vi").set_value("restated").run()
    assert len(at.dataframe[0].value) == run(con, "plan_targets", flag="restated").height


def shown(element):
    """A table's cells as the reader sees them (the text the page gave each cell)."""
    from streamlit import dataframe_util

    return dataframe_util.convert_arrow_bytes_to_pandas_df(element.proto.arrow_data.styler.display_values)


def test_table_numbers_stay_numbers_and_read_in_the_chosen_language_whatever_the_browser(app_db):
    """Numbers reach the table as numbers (so they sort by value) and each cell's text is written in the chosen
    language (Babel's separators), not by Streamlit's "localized" format, which follows the browser's locale
    ("76.2" beside "66,2" in Vietnamese with an en-US browser); the same values in both languages."""
    import json

    vi = open_page("ranking", province="31").dataframe[0]
    en = open_page("ranking", province="31", lang="en").dataframe[0]
    for element, value, gap, lang in ((vi, "Giá trị", "Chênh lệch với bình quân tỉnh", "vi"), (en, "Value", "Gap to province average", "en")):
        frame = element.value
        assert frame[value].dtype.kind == "f" and frame[gap].dtype.kind == "f"
        config = json.loads(element.proto.columns)
        assert "format" not in config[value].get("type_config", {}), "no format that follows the browser"
        column = list(frame.columns).index(value)
        cells = shown(element).iloc[:, column].tolist()
        numbers = frame[value].tolist()
        english = ["" if v != v else f"{v:,.1f}" for v in numbers]  # 1,924.5; NaN: empty
        assert cells == (english if lang == "en" else [c.translate(str.maketrans(",.", ".,")) for c in english])
        assert any(("," if lang == "vi" else ".") in c for c in cells), "the test can tell: some value has decimals"
    assert vi.value["Giá trị"].tolist() == en.value["Value"].tolist()
    ordered = vi.value.sort_values("Chênh lệch với bình quân tỉnh")["Chênh lệch với bình quân tỉnh"].dropna().tolist()
    assert ordered == sorted(ordered) and ordered[0] < -1 < 0 < ordered[-1]  # -12 before -1,9: by value


def test_provinces_without_data_are_marked_in_the_picker_and_say_so_plainly(app_db, con):
    at = open_page("overview", province="01")  # Hà Nội: outside the demo scope "provinces"
    labels = at.sidebar.selectbox(key="f_province_vi").options  # as shown
    reporting = set(run(con, "ranking", period=None, province=None)["province_code"])
    with_data = set(run(con, "provinces_with_data")["province_code"])
    marked = [label for label in labels if label.endswith("(chưa có số liệu)")]
    assert len(labels) == 34 and len(marked) == 34 - len(with_data), labels
    assert "Thành phố Hải Phòng" in labels and "Thành phố Hà Nội (chưa có số liệu)" in labels
    # issue 31: An Giang has no reported or demo value here, but its 102 communes' published Bộ chỉ số 766: data
    assert "91" not in reporting and with_data == reporting | {"91"}
    assert "An Giang" in labels and "An Giang (chưa có số liệu)" not in labels
    info = " ".join(i.value for i in at.info)
    assert "chưa có số liệu" in info and "python -m kpi" not in info  # no developer instructions on a page


def test_flags_and_columns_are_in_the_users_language(app_db):
    at = open_page("data_quality")
    table = at.dataframe[0].value
    assert set(table["Đánh dấu"]) == {"Mâu thuẫn"}
    at = open_page("tasks", province="51")
    tasks = next(d.value for d in at.dataframe if "Cơ quan chủ trì" in d.value.columns)
    assert "STT" in tasks.columns and "seq" not in tasks.columns


def test_the_period_picker_offers_every_quarter_with_data(app_db):
    at = open_page("overview", province="31")
    assert at.sidebar.selectbox(key="f_period_vi").options == [  # shown as people read quarters; the value stays the code
        "Q3/2026", "Q2/2026", "Q1/2026", "Q4/2025", "Q3/2025", "Q2/2025", "Q1/2025"]
    assert at.sidebar.selectbox(key="f_period_vi").value == "2026-Q3"
    at.sidebar.selectbox(key="f_period_vi").set_value("2025-Q1").run()  # the first quarter: no previous one
    assert not at.exception, at.exception
    assert at.title[0].value == "Tổng quan: Thành phố Hải Phòng"


def test_many_communes_are_small_multiples_with_shared_axes(app_db, con):
    import json

    codes = run(con, "ranking", period=None, province="31")["commune_code"].head(5).to_list()
    at = open_page("trajectory", province="31", indicator="vneid_share", communes=",".join(codes))
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    names = dict(run(con, "units", province="31").select("commune_code", "commune_name").iter_rows())
    titles = [a["text"] for a in spec["layout"]["annotations"]]
    assert titles == [names[c] for c in sorted(codes)]  # panels in code order, each titled with its commune
    assert {f"xaxis{n}" if n > 1 else "xaxis" for n in range(1, 6)} <= set(spec["layout"])  # a panel each
    legend = [d["name"] for d in spec["data"] if d.get("showlegend") is not False]
    assert len(legend) == len(set(legend))  # each kind of line named once, not once per commune
    at = open_page("trajectory", province="31", indicator="vneid_share", communes=",".join(codes[:2]))
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert "annotations" not in spec["layout"] or not spec["layout"]["annotations"]  # two communes: one chart


def test_sidebar_follows_an_address_changed_from_outside_and_keeps_a_choice_made_in_it(app_db):
    """The map's click switches to Hồ sơ xã with another province in the address: the sidebar follows it;
    a province then chosen in the sidebar stays chosen (the address catches up)."""
    at = open_page("overview", province="31")
    assert at.selectbox(key="f_province_vi").value == "31"
    at.query_params["province"] = "19"
    at.query_params["commune"] = "05851"
    at.switch_page("pages/profile.py").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="f_province_vi").value == "19"
    assert at.title[0].value == "Hồ sơ xã: Xã Quân Chu"
    at.selectbox(key="f_province_vi").set_value("51").run()
    assert at.selectbox(key="f_province_vi").value == "51"
    assert at.query_params["province"] in ("51", ["51"])
    assert not at.sidebar.warning, "the person's own choice is not an invalid address"


def test_a_table_rounds_its_numbers_to_what_it_shows_and_zero_has_no_sign():
    """A change of -0.03 shown with one decimal reads 0,0, not -0,0; values stay numbers."""
    def script():
        import polars as pl

        from pages._display import table
        table(pl.DataFrame({"x": [-0.03, 1.26, None], "n": [3, 4, 5]}), {"x": 1, "n": 0})

    at = AppTest.from_function(script).run()
    assert not at.exception, at.exception
    shown = at.dataframe[0].value
    assert shown["x"].tolist()[:2] == [0.0, 1.3] and math.copysign(1.0, shown["x"][0]) == 1.0
    assert shown["n"].tolist() == [3, 4, 5]


# -- words people read: no operator's how-to, quarters as Q3/2026, English deadlines, a unit said once --------


def every_text(at: AppTest) -> list[str]:
    """The text of every caption, notice and markdown block on the page and in its sidebar."""
    return [e.value for kind in ("caption", "markdown", "info", "warning", "error", "success")
            for e in (*getattr(at, kind), *getattr(at.sidebar, kind))]


@pytest.mark.parametrize(("lang", "words"), [
    ("vi", "Đăng nhập chưa được bật trên máy chủ này; bạn đang xem ở chế độ chỉ đọc."),
    ("en", "Sign-in is not enabled on this server; you are viewing read-only."),
])
def test_without_sign_in_the_sidebar_says_so_in_plain_words(app_db, lang, words):
    at = open_page("overview", lang=lang)
    assert words in [c.value for c in at.sidebar.caption]
    for text in every_text(at):
        for hint in ("secrets.toml", "python -m", "README", "users add"):
            assert hint not in text, text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_quarters_read_q3_slash_2026_and_the_address_keeps_the_code(app_db, lang):
    period = "Kỳ đánh giá" if lang == "vi" else "Period"
    at = open_page("ranking", province="31", lang=lang)
    picker = at.sidebar.selectbox(key=f"f_period_{lang}")
    assert picker.value == "2026-Q3" and picker.options[0] == "Q3/2026"
    assert at.query_params["period"] in ("2026-Q3", ["2026-Q3"])
    assert any(f"{period}: Q3/2026" in c.value for c in at.sidebar.caption)  # the data version's line
    assert at.caption[0].value.endswith(" · Q3/2026")  # Xếp hạng's subtitle
    shown = every_text(at)
    at = open_page("profile", province="31", commune="11503", lang=lang)
    deltas = [m.delta for m in at.metric if m.delta]
    assert any(d.endswith(("so với Q2/2026", "since Q2/2026")) for d in deltas), deltas
    shown += [*every_text(at), *deltas]
    at = open_page("tasks", province="31", lang=lang)
    assert any(("kỳ Q3/2026" if lang == "vi" else "in Q3/2026") in c.value for c in at.caption)
    for text in (*shown, *every_text(at)):
        assert "2026-Q" not in text and "2025-Q" not in text, text


@pytest.mark.parametrize(("lang", "month", "column"), [("vi", "Tháng 9/2025", "Thời hạn"), ("en", "Sep 2025", "Deadline")])
def test_profile_task_deadlines_in_the_reader_language(app_db, lang, month, column):
    at = open_page("profile", province="31", commune="11503", lang=lang)
    tasks = next(d.value for d in at.dataframe if column in d.value.columns)
    deadlines = set(tasks[column])
    assert month in deadlines
    if lang == "en":
        assert not any(d.startswith(("Tháng", "Năm", "Thường xuyên")) for d in deadlines), deadlines
        assert "Ongoing" in deadlines


@pytest.mark.parametrize(("lang", "name", "column"), [
    ("vi", "Tỷ lệ phủ sóng 5G (% dân số)", "Chỉ tiêu"), ("en", "5G coverage (% of population)", "Indicator"),
])
def test_profile_says_an_indicator_unit_once(app_db, lang, name, column):
    at = open_page("profile", province="31", commune="11503", lang=lang)
    names = list(at.dataframe[0].value[column])
    assert name in names, names
    assert not any(n.endswith(") (%)") and "(% " in n for n in names), names
    assert any(n.endswith("(VNeID) (%)") for n in names), "an acronym in brackets is no unit: the unit follows it"
    highlights = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "(% dân số) (%)" not in highlights and "(% of population) (%)" not in highlights


def test_units_in_english_on_the_catalogue_and_the_profile(app_db):
    at = open_page("catalogue", lang="en")
    units = set(at.dataframe[0].value["Unit"])
    assert "per 10,000 people" in units and "rank" in units and not units & {"người/vạn dân", "thứ hạng", "có/không"}
    at = open_page("profile", province="31", commune="11503", lang="en")
    names = list(at.dataframe[0].value["Indicator"])
    assert not any(word in n for n in names for word in ("(thứ hạng)", "(doanh nghiệp", "(người/", "(có/không)")), names


def test_trajectory_ticks_stand_under_the_quarter_end_their_values_are_plotted_at(app_db):
    """A value reported for Q3/2026 is plotted at 30/09/2026; the axis names that day 'Q3/2026' (plotly's own
    quarter ticks put 'Q4/2026' at 1 October, right beside it). Every tick is a quarter's last day."""
    import json
    from datetime import date

    from kpi.charts import quarter_of, quarter_ticks

    assert quarter_of(date(2026, 9, 30)) == "Q3/2026"
    assert quarter_ticks(date(2026, 1, 1), date(2026, 12, 31)) == [date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30),
                                                                   date(2026, 12, 31)]
    long = quarter_ticks(date(2025, 1, 1), date(2031, 1, 1))
    assert len(long) <= 12 and date(2030, 12, 31) in long  # every Q4 on a long axis: the milestones' days
    at = open_page("trajectory", province="31", indicator="vneid_share", communes="11503")
    axis = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["xaxis"]
    ticks = [date.fromisoformat(v[:10]) for v in axis["tickvals"]]
    assert ticks and all(d.month in (3, 6, 9, 12) and (d.day == 31 or (d.month in (6, 9) and d.day == 30)) for d in ticks)
    assert axis["ticktext"] == [quarter_of(d) for d in ticks]


# -- issue 32, items 5-7: one milestone for every page, every filter shown does something, views in the address --


def test_the_sidebar_milestone_lives_in_the_address_and_scores_every_page(app_db, con, downloads):
    from kpi.scorecard import model

    stored = run(con, "scores", period="2026-Q3", province="31", commune=None, group=None)
    later = model.at_milestone(stored, run(con, "milestone_province_targets", province="31"), run(con, "scoring_indicators"),
                               parse_period("2026-Q3").end, 2045)
    assert 0 < later.height < stored.height  # pairs without a 2045 target are left out
    at = open_page("overview", province="31", year="2045")
    assert at.query_params["year"] in ("2045", ["2045"]), "?year= is kept, never dropped"
    metrics = {m.label: m.value for m in at.metric}
    off = 100 * (later["status"] == "off_track").sum() / later.height
    assert metrics["✖ Chệch hướng (%)"] == fmt_number(off, "vi")
    assert any("Tình trạng tính theo mốc 2045" in c.value for c in at.caption)
    grid = pl.read_csv(downloads["ban-do-nhiet-31-2026-Q3-data.csv"], infer_schema_length=None)  # the grid's cells
    assert grid.filter(pl.col("status") != "no_target").height == later.height
    assert about(downloads["ban-do-nhiet-31-2026-Q3.xlsx"])["Bộ lọc: Mốc mục tiêu"] == "2045"  # the export says so

    indicator = later.group_by("indicator_code").len().sort("len", descending=True)["indicator_code"][0]
    at = open_page("ranking", province="31", indicator=indicator, year="2045")
    words = {v: k for k, v in labels.words("status", "vi").items()}
    shown = at.dataframe[0].value
    expected = dict(later.filter(pl.col("indicator_code") == indicator).select("commune_code", "status").iter_rows())
    ranked = run(con, "ranking_by_indicator", province="31", indicator=indicator, period="2026-Q3", previous="2026-Q2")
    assert [words.get(s) for s in shown["Tình trạng"]] == [expected.get(c) for c in ranked["commune_code"]]

    at = open_page("trajectory", province="31", communes="11503", year="2045")
    assert any("mốc đã chọn, 2045" in c.value for c in at.caption)
    at = app(province="31", year="2031").run()  # the link as opened: its first run
    assert any("year" in w.value and "2031" in w.value for w in at.sidebar.warning), "an unknown year is said"


def test_the_group_shapes_overview_and_ranking(app_db, con):
    group = "digital_government"
    ranked = run(con, "ranking_by_group", province="31", group=group, period="2026-Q3", previous="2026-Q2")
    at = open_page("overview", province="31", group=group)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Điểm nhóm bình quân tỉnh: Chính quyền số"] == fmt_number(ranked["value"].mean(), "vi")
    pairs = dict(con.execute(
        "SELECT status, count(*) FROM indicator_score s JOIN commune c USING (commune_code) WHERE c.province_code = '31' "
        "AND s.as_of_period = '2026-Q3' AND s.basis = 'all' AND s.group_code = ? GROUP BY status", [group]).fetchall())
    assert metrics["✖ Chệch hướng (%)"] == fmt_number(100 * pairs["off_track"] / sum(pairs.values()), "vi")
    top = at.dataframe[0].value
    assert top["Chính quyền số"].tolist() == pytest.approx(ranked["value"].head(5).round(1).to_list())
    import json

    strip = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    assert sorted(strip["x"], reverse=True) == pytest.approx(ranked["value"].to_list())

    at = open_page("ranking", province="31", group=group)
    table = at.dataframe[0].value
    assert table["Giá trị"].tolist() == pytest.approx(ranked["value"].round(1).to_list())
    assert table["Hạng"].tolist() == ranked["rank_province"].to_list()
    assert "★ Xã Việt Khê" in table["Xã, phường"].tolist(), "the chosen commune is marked"


@pytest.mark.parametrize(("page", "shown"), [("method", []), ("catalogue", ["Nhóm chỉ tiêu"]),
                                             ("units", ["Tỉnh, thành phố"]), ("data_quality", [])])
def test_reference_pages_show_only_the_filters_they_use_and_keep_the_others_in_the_address(app_db, page, shown):
    at = open_page(page, province="31", year="2045", indicator="vneid_share")
    assert [s.label for s in at.sidebar.selectbox] == shown
    assert not at.sidebar.multiselect and not at.sidebar.toggle
    assert at.query_params["year"] in ("2045", ["2045"]) and at.query_params["indicator"] in ("vneid_share", ["vneid_share"])


def test_page_view_settings_round_trip_through_the_address(app_db):
    def params(at: AppTest) -> dict[str, str]:
        return {k: (v[0] if isinstance(v, list) else v) for k, v in dict(at.query_params).items()}

    at = open_page("map", province="31")
    at.radio(key="map_extent").set_value("province").run()
    at.radio(key="map_colour").set_value("status").run()
    assert params(at)["scope"] == "province" and params(at)["colour"] == "status"
    again = open_page("map", **params(at))  # the shared link
    assert again.radio(key="map_extent").value == "province" and again.radio(key="map_colour").value == "status"
    assert again.title[0].value == "Bản đồ các xã: Thành phố Hải Phòng"

    at = open_page("tasks", province="19", communes="05851")
    agency = at.selectbox(key="t_agency_vi").options[1]
    at.selectbox(key="t_agency_vi").set_value(agency).run()
    at.selectbox(key="t_status_vi").set_value("not_started").run()
    at.toggle(key="t_alerts").set_value(True).run()
    link = params(at)
    assert link["agency"] == agency and link["task_status"] == "not_started" and link["alerts"] == "1"
    counts = {m.label: m.value for m in at.metric}
    again = open_page("tasks", **link)
    assert again.selectbox(key="t_agency_vi").value == agency and again.selectbox(key="t_status_vi").value == "not_started"
    assert again.toggle(key="t_alerts").value is True
    assert {m.label: m.value for m in again.metric} == counts

    at = open_page("overview", province="31")
    at.selectbox(key="heatmap_band_31_communes_vi").set_value(2).run()
    assert params(at)["band"] == "2"
    assert open_page("overview", **params(at)).selectbox(key="heatmap_band_31_communes_vi").value == 2


def test_the_map_shows_the_chosen_indicator_and_marks_the_chosen_communes(app_db, con):
    import json

    at = open_page("map", province="31", scope="province", indicator="vneid_share", communes="11503")
    data = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    assert any("Mức đạt (%)" in (h or "") for trace in data for h in (trace.get("hovertext") or [])), "the indicator's attainment"
    chosen = [trace for trace in data if trace.get("name") == "Xã, phường"]
    assert chosen and chosen[0]["customdata"] == ["11503"]


def test_the_status_grid_reads_across_with_few_communes_and_keeps_its_layout_in_the_address(app_db, con):
    """Issue 32, item 8: one commune's 48 indicators are rows with their full names wrapped and level (not 48
    tilted, overlapping columns); a province's view can be switched to that layout, and a link keeps it."""
    import json

    from kpi import charts

    grid = run(con, "heatmap", province="31", period="2026-Q3", group=None)
    one = grid.filter(pl.col("commune_code") == "11503")
    assert charts.grid_by_indicator(one) and not charts.grid_by_indicator(grid)
    fig = charts.heatmap(one, "vi", ("11503",))
    names = one["indicator_name_vi"].to_list()
    assert list(fig.data[0].y) == names and list(fig.data[0].x) == ["Xã Việt Khê"]
    ticks = list(fig.layout.yaxis.ticktext)
    assert all(len(line) <= charts.WRAP_CHARS for tick in ticks for line in tick.split("<br>"))
    assert any("<br>" in tick for tick in ticks) and fig.layout.xaxis.tickangle in (0, None)
    assert "%{y}" in fig.data[0].hovertemplate  # the full name on hover

    at = open_page("overview", province="31")
    spec = json.loads(at.get("plotly_chart")[2].proto.spec)["data"][0]
    assert spec["x"] == grid["indicator_name_vi"].unique(maintain_order=True).to_list()  # 40 communes: names in columns
    at.button_group(key="grid_layout_communes").set_value("indicators").run()
    link = {k: (v[0] if isinstance(v, list) else v) for k, v in dict(at.query_params).items()}
    assert link["grid"] == "indicators"
    again = open_page("overview", **link)
    spec = json.loads(again.get("plotly_chart")[2].proto.spec)["data"][0]
    assert spec["y"] == grid["indicator_name_vi"].unique(maintain_order=True).to_list()
    # in rows, the indicators leave room for fewer communes: views of ten, so a phone reads each column
    assert len(spec["x"]) == charts.LIST_FROM and len(again.selectbox(key="heatmap_band_31_indicators_vi").options) == 12


def test_the_map_is_a_grapher_map_chart_and_table_of_one_indicator_with_its_data_and_images(app_db, con, downloads):
    """Issue 32, items 9 and 10: Bản đồ shows the same indicator, period and milestone as a map, a chart or a table
    (`?view=`, one click apart, kept by a shared link); each view downloads the rows (workbook, CSVs) and the map
    or the chart as PNG and SVG with its title and source line."""
    at = open_page("map", province="31", scope="province", indicator="vneid_share", year="2030", communes="11503")
    assert at.button_group(key="map_view").value == "map"
    placed = downloads["ban-do-vneid_share-31-2026-Q3-data.csv"].decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(placed)))
    assert {"commune_code", "attainment", "latitude", "longitude", "is_demo"} <= set(rows[0])
    assert len(rows) == run(con, "units", province="31").height  # every placed commune of the province
    facts = about(downloads["ban-do-vneid_share-31-2026-Q3.xlsx"])
    assert facts["Bộ lọc: Mốc mục tiêu"] == "2030" and facts["Bộ lọc: Kỳ đánh giá"] == "Q3/2026"
    assert downloads["ban-do-vneid_share-31-2026-Q3.png"].startswith(b"\x89PNG")
    image = downloads["ban-do-vneid_share-31-2026-Q3.svg"].decode("utf-8")
    assert "Nguồn: bảng điều khiển NQ57 – KPI xã" in image and "Q3/2026 · 2030" in image and "Xã Việt Khê" in image

    at.button_group(key="map_view").set_value("chart").run()
    assert not at.exception and dict(at.query_params)["view"] in ("chart", ["chart"])
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart"), "the chart of the same rows"
    link = {k: (v[0] if isinstance(v, list) else v) for k, v in dict(at.query_params).items()}
    again = open_page("map", **link)
    assert again.button_group(key="map_view").value == "chart" and not again.get("plotly_chart")

    at.button_group(key="map_view").set_value("table").run()
    shown = at.dataframe[0].value
    assert "Mức đạt (%)" in shown.columns and len(shown) == sum(1 for r in rows if r["attainment"]), "the rows downloaded"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_method_page_names_no_file_of_the_repository(app_db, lang):
    """Issue 32, item 8: nothing for developers on reader pages (Phương pháp named data/groups.yaml and
    data/documents.csv)."""
    at = open_page("method", lang=lang)
    words = " ".join(every_text(at))
    assert "data/" not in words and ".yaml" not in words and ".csv" not in words


def test_ranking_and_trajectory_link_to_the_grapher_of_the_same_indicator(app_db):
    """Issue 32, item 10: from Xếp hạng's table and Lộ trình's chart, one click to Bản đồ's map, chart and table of
    the same indicator, period and milestone."""
    for page in ("ranking", "trajectory"):
        at = open_page(page, province="31", indicator="vneid_share", year="2030")
        links = [e.proto for e in at.get("page_link")]
        grapher = [p for p in links if p.label == "Cùng chỉ tiêu, kỳ và mốc trên bản đồ, biểu đồ và bảng"]
        assert grapher, (page, [p.label for p in links])
        address = f"{grapher[0].page}?{grapher[0].query_string}"  # the map page with this view's choices
        assert address.startswith("ban-do?") and "indicator=vneid_share" in address and "year=2030" in address, address
        assert "scope=province" in address and "province=31" in address
