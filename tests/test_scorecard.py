"""Hồ sơ xã as a scorecard: its figures against the database, the A4 PDF read back with poppler (text,
pages, fonts; pages rendered to test-artifacts/ for a person to look at), the page and the PDF showing
the same numbers, and `python -m kpi report`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from kpi import config, labels, scoring
from kpi.db import run
from kpi.demo import SEED_COMMUNES
from kpi.i18n import fmt_number, fmt_period
from kpi.periods import parse_period
from kpi.scorecard import model, pdf, province, text
from kpi.scoring import tables
from kpi.sources import load_groups

ARTIFACTS = config.ROOT / "test-artifacts" / "scorecards"
VIET_KHE = "11503"


def poppler(tool: str, *args: str) -> str:
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} not found: run `make test`, which installs Debian's poppler-utils")
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True, timeout=60).stdout


def read_pdf(data: bytes, name: str) -> tuple[str, int, str]:
    """Save the PDF and its rendered pages as artifacts; return its text, page count and font list."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.pdf"
    path.write_bytes(data)
    poppler("pdftoppm", "-r", "60", "-png", str(path), str(ARTIFACTS / name))
    info = poppler("pdfinfo", str(path))
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    return poppler("pdftotext", "-layout", str(path), "-"), pages, poppler("pdffonts", str(path))


def inherited_commune(con) -> str:
    rows = con.execute(
        "SELECT commune_code FROM commune_index WHERE province_code = '31' AND as_of_period = '2026-Q3' "
        "AND commune_code <> ? ORDER BY commune_code LIMIT 1", [VIET_KHE]).fetchall()
    return rows[0][0]


# -- the scorecard as data ------------------------------------------------------------------------


def test_standing_is_the_commune_index_with_its_ranks_out_of_the_ranked(con):
    card = model.load(con, VIET_KHE, "2026-Q3")
    rows = {r[0]: r[1:] for r in con.execute(
        """SELECT as_of_period, "index", rank_province, rank_national, province_average FROM commune_index
           WHERE commune_code = ? AND as_of_period IN ('2026-Q3', '2026-Q2')""", [VIET_KHE]).fetchall()}
    ranked = con.execute(
        """SELECT count(*) FILTER (WHERE province_code = '31'), count(*) FROM commune_index
           WHERE as_of_period = '2026-Q3' AND "index" IS NOT NULL""").fetchone()
    index, rank_p, rank_n, average = rows["2026-Q3"]
    assert (card.now.index, card.now.rank_province, card.now.rank_national) == (index, rank_p, rank_n)
    assert (card.now.ranked_province, card.now.ranked_national) == ranked
    assert card.now.gap == pytest.approx(index - average)
    assert card.before.period == "2026-Q2"
    assert card.change("index") == pytest.approx(index - rows["2026-Q2"][0])
    # the first scored quarter has no previous one
    first = model.load(con, VIET_KHE, "2025-Q1")
    assert first.before is None and first.change("index") is None


def test_group_scores_beside_the_province_average(con):
    card = model.load(con, VIET_KHE, "2026-Q3")
    wide = tables.ranking(con, "2026-Q3", "31")  # the ranking's column per group (commune_group_score, widened)
    scores = (wide.filter(pl.col("commune_code") == VIET_KHE)["score_digital_government"][0],
              wide["score_digital_government"].mean())
    row = card.groups.filter(pl.col("group_code") == "digital_government").row(0, named=True)
    assert (row["score"], row["province_average"]) == pytest.approx(scores)
    assert card.groups["group_code"].to_list() == [g.group for g in load_groups()]  # data/groups.yaml's, in order


def test_strongest_and_weakest_are_the_ends_of_attainment(con):
    card = model.load(con, VIET_KHE, "2026-Q3")
    attained = card.indicators.filter(pl.col("attainment").is_not_null())
    strong = attained.filter(pl.col("status") != "off_track")["attainment"].sort()
    assert card.strongest()["attainment"].to_list() == strong.tail(3).reverse().to_list()
    assert card.weakest()["attainment"].to_list() == attained["attainment"].sort().head(3).to_list()


def test_no_off_track_indicator_is_among_the_strongest_and_none_is_both(con):
    """10570 (Hải Phòng): its three highest attainments are off track, so the strongest are the next ones not
    off track; at the 2035 milestone one indicator has a target, named once (it was both strongest and weakest),
    the other list saying there is no other in words; at 2025 every scored indicator is off track: no strongest,
    said in words, and the weakest name them."""
    card = model.load(con, "10570", "2026-Q3")
    attained = card.indicators.filter(pl.col("attainment").is_not_null()).sort("attainment", descending=True)
    assert set(attained.head(3)["status"]) == {"off_track"}, "the data have the case"
    assert card.strongest().height == min(3, attained.filter(pl.col("status") != "off_track").height) > 0
    assert "off_track" not in card.strongest()["status"].to_list()
    late = model.load(con, "10570", "2026-Q3", 2035)
    assert late.indicators["attainment"].is_not_null().sum() == 1
    both = set(late.strongest()["indicator_code"]) | set(late.weakest()["indicator_code"])
    assert len(both) == late.strongest().height + late.weakest().height == 1
    lines = text.highlights(late, "strongest", "vi") + text.highlights(late, "weakest", "vi")
    assert len(lines) == 2 and "Không còn chỉ tiêu nào khác có mục tiêu cho mốc này." in lines
    early = model.load(con, "10570", "2026-Q3", 2025)
    assert set(early.indicators.filter(pl.col("attainment").is_not_null())["status"]) == {"off_track"}, "the data have the case"
    assert text.highlights(early, "strongest", "vi") == ["Mọi chỉ tiêu có mục tiêu cho mốc này đều đang chệch hướng."]
    assert early.weakest().height == 3


def test_every_indicator_has_its_trend_up_to_the_period(con):
    card = model.load(con, VIET_KHE, "2026-Q2")
    row = card.indicators.filter(pl.col("indicator_code") == "vneid_share").row(0, named=True)
    values = con.execute(
        """SELECT value FROM reported WHERE commune_code = ? AND indicator_code = 'vneid_share'
           AND period_end <= DATE '2026-06-30' ORDER BY period_end""", [VIET_KHE]).fetchall()
    assert row["trend"] == [v for (v,) in values] and len(values) >= 4
    assert row["trend"][-1] == row["latest_value"]


SCORED = ["status", "attainment", "required_path_value", "projected_value", "pace_needed_per_year"]


def scored_by_the_method(con, commune: str, period: str, milestone: int | None) -> pl.DataFrame:
    """The commune's indicators scored by kpi.scoring's public function from the build's own inputs."""
    as_of = parse_period(period).end
    mine = pl.col("commune_code") == commune
    return scoring.score_indicators(
        run(con, "scoring_observations", as_of=as_of, approved_only=False).filter(mine),
        run(con, "scoring_targets").filter(mine), run(con, "scoring_indicators"), as_of, milestone,
    ).sort("indicator_code")


def differing_targets(con, commune: str) -> list[str]:
    """The commune's scored indicators whose 2030 and 2045 targets differ (and are not yet met in 2030)."""
    return [code for (code,) in con.execute(
        """SELECT s.indicator_code FROM indicator_score s
           JOIN effective_target a ON a.commune_code = s.commune_code AND a.indicator_code = s.indicator_code AND a.year = 2030
           JOIN plan_target ta ON ta.target_id = a.target_id
           JOIN effective_target b ON b.commune_code = s.commune_code AND b.indicator_code = s.indicator_code AND b.year = 2045
           JOIN plan_target tb ON tb.target_id = b.target_id
           WHERE s.commune_code = ? AND s.as_of_period = '2026-Q3' AND s.basis = 'all'
             AND ta.value <> tb.value AND s.latest_value < ta.value ORDER BY 1""", [commune]).fetchall()]


def test_default_scorecard_keeps_the_stored_scores(con):
    card = model.load(con, VIET_KHE, "2026-Q3")
    stored = pl.read_database(
        f"SELECT indicator_code, {', '.join(SCORED)} FROM indicator_score WHERE commune_code = ? AND as_of_period = '2026-Q3' "
        "AND basis = 'all' ORDER BY indicator_code", con, execute_options={"parameters": [VIET_KHE]})
    assert card.indicators.select("indicator_code", *SCORED).sort("indicator_code").equals(stored)
    assert card.indicators["milestone_pace_needed"].equals(card.indicators["pace_needed_per_year"], check_names=False)


def test_every_indicator_has_a_trend_arrow_from_its_pace_for_the_milestone(con):
    """↑ met or on track, ➚ at risk, → progress slower than half the pace needed, ↓ moving away (SDG
    dashboards); the pace needed is the chosen milestone's, so the arrows follow it."""
    stored = run(con, "scores", period="2026-Q3", province=None, commune=VIET_KHE, group=None)
    pace = dict(zip(stored["indicator_code"], stored["pace_per_year"], strict=True))
    for milestone in (None, 2045):
        card = model.load(con, VIET_KHE, "2026-Q3", milestone)
        for row in card.indicators.iter_rows(named=True):
            progress = (pace[row["indicator_code"]] or 0) * (row["milestone_pace_needed"] or 0)
            want = {"met": "↑", "on_track": "↑", "at_risk": "➚"}.get(row["status"]) or (
                "" if row["status"] in (None, "no_data") or pace[row["indicator_code"]] is None else "→" if progress > 0 else "↓")
            assert row["pace_trend"] == want, (milestone, row["indicator_code"], row["status"])
        assert set(card.indicators["pace_trend"]) - {""}


def test_a_chosen_milestone_scores_status_and_attainment_against_it(con):
    codes = differing_targets(con, VIET_KHE)
    assert len(codes) >= 5, codes
    default = model.load(con, VIET_KHE, "2026-Q3")
    later = model.load(con, VIET_KHE, "2026-Q3", 2045)
    expected = scored_by_the_method(con, VIET_KHE, "2026-Q3", 2045)
    shown = later.indicators.join(expected.select("indicator_code", *SCORED), on="indicator_code", how="left", suffix="_method")
    for column in SCORED:  # the scorecard's figures for 2045 are the scoring method's, from the raw reports
        mine, method = shown[column].to_list(), shown[f"{column}_method"].to_list()
        if column == "status":
            assert mine == method
        else:
            assert [m if m is None else pytest.approx(m, rel=1e-9) for m in method] == mine, column
    assert shown.filter(pl.col("milestone_value").is_null())["status"].null_count() == shown.filter(
        pl.col("milestone_value").is_null()).height, "no target for 2045: no status"
    # the indicators whose 2045 target is above the 2030 one attain less of it, and some change status
    before = default.indicators.filter(pl.col("indicator_code").is_in(codes)).sort("indicator_code")
    after = later.indicators.filter(pl.col("indicator_code").is_in(codes)).sort("indicator_code")
    assert all(a < b for a, b in zip(after["attainment"], before["attainment"], strict=True))
    assert after["status"].to_list() != before["status"].to_list()
    # … as the method gives for 2030 (these indicators' next milestone), which is the stored default
    assert before.select("indicator_code", *SCORED).equals(
        scored_by_the_method(con, VIET_KHE, "2026-Q3", 2030).filter(pl.col("indicator_code").is_in(codes)).select(
            "indicator_code", *SCORED))
    # the highlights rank the same attainment as the table
    attained = later.indicators["attainment"].drop_nulls().sort()
    assert later.strongest()["attainment"].to_list() == attained.tail(3).reverse().to_list()
    assert later.weakest()["attainment"].to_list() == attained.head(3).to_list()
    # the headline figures stay the stored comparison with the province and the country
    assert (later.now, later.groups.to_dicts()) == (default.now, default.groups.to_dicts())


def test_a_chosen_milestone_changes_target_citation_and_pace(con):
    later = model.load(con, VIET_KHE, "2026-Q3", 2045)
    row = later.indicators.filter(pl.col("indicator_code") == "coverage_5g_population_share").row(0, named=True)
    stated = con.execute(
        """SELECT t.value, t.citation FROM effective_target e JOIN plan_target t USING (target_id)
           WHERE e.commune_code = ? AND e.indicator_code = 'coverage_5g_population_share' AND e.year = 2045""",
        [VIET_KHE]).fetchone()
    assert (row["milestone_value"], row["milestone_citation"], row["milestone_year"]) == (*stated, 2045)
    years_left = ((date(2045, 12, 31) - row["latest_date"]).days) / 365.25
    assert row["milestone_pace_needed"] == pytest.approx((stated[0] - row["latest_value"]) / years_left, rel=1e-6)
    # an inherited commune: the national layer has no 2045 target with a commune meaning, only the yearly budget
    # floor (Resolution 03, Phụ lục I 17: "Chi ngân sách hàng năm … ≥ 3%"), and the scorecard says so
    other = model.load(con, inherited_commune(con), "2026-Q3", 2045)
    with_target = other.indicators.filter(pl.col("milestone_value").is_not_null())
    assert with_target["indicator_code"].to_list() == ["st_budget_share"]
    assert with_target["status"].to_list() == scored_by_the_method(con, other.commune_code, "2026-Q3", 2045)["status"].to_list()
    without = other.indicators.filter(pl.col("milestone_value").is_null()).row(0, named=True)
    assert text.target_label(without, 2045, "vi") == "không có mục tiêu cho mốc 2045"


def test_pdf_shows_the_chosen_milestones_status(con):
    default = model.load(con, VIET_KHE, "2026-Q3")
    later = model.load(con, VIET_KHE, "2026-Q3", 2045)
    changed = default.indicators.join(later.indicators, on="indicator_code", suffix="_2045").filter(
        pl.col("status_2045").is_not_null() & (pl.col("status") != pl.col("status_2045")))
    assert changed.height
    for card, name in ((default, "default"), (later, "2045")):
        body, _, _ = read_pdf(pdf.commune_pdf(card, "vi"), f"ho-so-xa-11503-milestone-{name}")
        words = labels.words("status", "vi")
        table_lines = [line.strip() for line in body.splitlines() if line.strip().startswith(tuple(words.values()))]
        for code in changed["indicator_code"]:
            row = card.indicators.filter(pl.col("indicator_code") == code).row(0, named=True)
            start = row["indicator_name_vi"][:25]
            target = text.target_text(row["milestone_comparator"], row["milestone_value"], row["milestone_value_max"], "vi", row["decimals"])
            lines = [line for line in table_lines if start in line and target in line]  # the indicator's row of the table
            assert len(lines) == 1, (name, code, lines)
            assert lines[0].split(start)[0].strip() == words[row["status"]], (name, lines[0])
        assert "Chỉ số tổng hợp, thứ hạng và điểm nhóm giữ nguyên" in " ".join(body.split())


@pytest.mark.parametrize(("args", "words"), [
    (("99999", None, None), "không có xã/phường mã '99999'"),
    ((VIET_KHE, "2019-Q1", None), "kỳ '2019-Q1' chưa có điểm"),
    ((VIET_KHE, None, 2031), "mốc 2031 không hợp lệ"),
])
def test_a_scorecard_that_cannot_be_made_says_why(con, args, words):
    with pytest.raises(model.ScorecardError, match=words):
        model.load(con, *args)


def test_an_indicator_name_says_its_unit_once():
    def name(vi: str, en: str, unit: str) -> tuple[str, str]:
        row = {"indicator_name_vi": vi, "indicator_name_en": en, "unit": unit, "unit_en": unit}
        return text.indicator_name(row, "vi"), text.indicator_name(row, "en")

    assert name("Tỷ lệ phủ sóng 5G (% dân số)", "5G coverage (% of population)", "%") == (
        "Tỷ lệ phủ sóng 5G (% dân số)", "5G coverage (% of population)")
    assert name("Quy mô kinh tế số (% GDP)", "Digital economy (% of GDP)", "% GDP") == (
        "Quy mô kinh tế số (% GDP)", "Digital economy (% of GDP)")
    assert name("Tỷ lệ người dân có chữ ký số", "Residents with a digital signature", "%") == (
        "Tỷ lệ người dân có chữ ký số (%)", "Residents with a digital signature (%)")
    # an acronym in brackets is no unit
    assert name("Tỷ lệ người dân có tài khoản định danh điện tử (VNeID)", "Residents with an e-identity account (VNeID)",
                "%") == ("Tỷ lệ người dân có tài khoản định danh điện tử (VNeID) (%)", "Residents with an e-identity account (VNeID) (%)")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_pdf_and_its_highlights_say_a_unit_once(con, lang):
    card = model.load(con, VIET_KHE)
    names = [r["name"] for r in pdf.indicator_rows(card, lang) if "name" in r]
    five_g = "Tỷ lệ phủ sóng 5G (% dân số)" if lang == "vi" else "5G coverage (% of population)"
    assert five_g in names and not any(n.endswith(") (%)") and "(% " in n for n in names), names
    assert all(text.indicator_name(r, lang) in names for r in card.indicators.iter_rows(named=True))
    assert not any(") (%)" in text.highlight(r, lang) and "(% " in text.highlight(r, lang)
                   for r in card.indicators.iter_rows(named=True))


# -- on paper -----------------------------------------------------------------------------------


@pytest.mark.parametrize("commune", [*SEED_COMMUNES, "inherited"])
def test_pdf_is_one_or_two_a4_pages_with_name_index_rank_and_a_citation(con, commune):
    code = inherited_commune(con) if commune == "inherited" else commune
    card = model.load(con, code)
    body, pages, fonts = read_pdf(pdf.commune_pdf(card, "vi"), f"ho-so-xa-{code}")
    assert 1 <= pages <= 2
    assert f"Hồ sơ xã: {card.commune_name}" in body  # diacritics as typed, read back from the PDF
    assert fmt_number(card.now.index, "vi") in body
    assert f"{fmt_number(card.now.rank_province, 'vi', 0)} / {fmt_number(card.now.ranked_province, 'vi', 0)}" in body
    assert f"{fmt_number(card.now.rank_national, 'vi', 0)} / {fmt_number(card.now.ranked_national, 'vi', 0)}" in body  # 1.924 / 3.321
    assert "SỐ LIỆU MINH HỌA (DEMO)" in body and fmt_period(card.period) in body and card.data_version in body
    cited = card.indicators["milestone_citation"].drop_nulls()
    assert any(c.split(",")[0] in body for c in cited), "at least one target citation (its source file)"
    # only Typst's own embedded fonts: the PDF looks the same on any machine
    families = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:] if line.strip()}
    assert families and all(f.startswith(("LibertinusSerif", "DejaVuSansMono")) for f in families), families
    if card.tasks.height:
        assert "Nhiệm vụ của kế hoạch" in body


def test_pdf_in_english(con):
    card = model.load(con, VIET_KHE)
    body, pages, _ = read_pdf(pdf.commune_pdf(card, "en"), "ho-so-xa-11503-en")
    assert "Commune scorecard: Xã Việt Khê" in body and "Three weakest indicators" in body and pages <= 2
    assert fmt_number(card.now.index, "en") in body


def test_long_task_lists_give_way_to_a_count_not_a_third_page(con):
    """Quân Chu's plan has 48 tasks: what does not fit on two pages is counted, red alerts kept first."""
    card = model.load(con, "05851")
    data = pdf.commune_pdf(card, "vi")
    body, pages, _ = read_pdf(data, "ho-so-xa-05851-tasks")
    assert pages == 2
    shown = card.tasks.height
    if "nhiệm vụ khác" in body:
        hidden = int(body.split("… và ")[1].split(" nhiệm vụ khác")[0])
        shown = card.tasks.height - hidden
        assert 0 < hidden < card.tasks.height
    assert shown >= int(card.tasks["red_alert"].sum()), "every red alert is printed"


# -- the page and the PDF show the same numbers -------------------------------------------------------


def test_page_shows_the_scorecard_and_the_pdf_the_same_figures(app_db, con):
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=90)
    at.query_params["province"] = "31"
    at.query_params["commune"] = VIET_KHE
    at.run()
    at.switch_page("pages/profile.py").run()
    assert not at.exception, at.exception
    card = model.load(con, VIET_KHE)
    metrics = {m.label: (m.value, m.delta) for m in at.metric}
    body, _, _ = read_pdf(pdf.commune_pdf(card, "vi"), "ho-so-xa-11503-vs-page")
    flat = " ".join(body.split())
    for figure in text.figures(card, "vi"):
        value, delta = metrics[figure.label]
        assert value == figure.value and figure.value in flat
        assert (delta or "") == figure.delta and figure.delta in flat
    assert metrics["Chỉ số tổng hợp"][0] == fmt_number(card.now.index, "vi")
    assert metrics["Hạng trong tỉnh"][0] == f"{card.now.rank_province} / {card.now.ranked_province}"
    national = {m.label: m.value for m in at.metric}["Hạng toàn quốc"]
    assert national == f"{fmt_number(card.now.rank_national, 'vi', 0)} / {fmt_number(card.now.ranked_national, 'vi', 0)}"
    strongest = [text.highlight(r, "vi") for r in card.strongest().iter_rows(named=True)]
    page_text = " ".join(m.value for m in at.markdown).replace("\\", "")  # markdown escapes (pages._display.plain)
    for line in strongest:
        # the PDF's text runs a long name on beside the group chart's labels: its first words are compared there
        assert line.split(":")[0] in page_text and line.split(":")[0][:30] in flat
    table = at.dataframe[0].value
    assert len(table) == card.indicators.height
    assert table["Giá trị mới nhất"].tolist() == card.indicators["latest_value"].to_list()
    assert table["Mục tiêu"].tolist()[0] == text.target_label(card.indicators.row(0, named=True), None, "vi")
    assert set(table["Nguồn mục tiêu"]) <= {"Xã", "Tỉnh", "Trung ương"}
    tasks = at.dataframe[1].value
    assert len(tasks) == card.tasks.height
    red = [bool(reason) for reason in tasks["Cảnh báo đỏ"]]  # the reasons of a red alert, empty without one
    assert red == sorted(red, reverse=True) and True in red, "red alerts first"


def test_page_milestone_choice_goes_to_the_address(app_db, con):
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=90)
    at.query_params["province"] = "31"
    at.query_params["commune"] = VIET_KHE
    at.run()
    at.switch_page("pages/profile.py").run()
    at.selectbox(key="f_year_vi").set_value("2045").run()  # the sidebar's milestone, shared with every page
    assert not at.exception, at.exception
    assert at.query_params["year"] in (["2045"], "2045")
    card = model.load(con, VIET_KHE, None, 2045)
    # only the indicators with a 2045 target are rows; the others are named once above the table
    assert at.dataframe[0].value["Mục tiêu"].str.endswith("(2045)").all()
    assert len(at.dataframe[0].value) == card.targeted().height < card.indicators.height
    assert any(c.value.startswith("Không có mục tiêu cho mốc 2045") for c in at.caption)


def test_a_plan_without_a_target_for_the_milestone_is_still_the_communes_own(con):
    tan_loi = model.load(con, "25378", "2026-Q3", 2025)  # Tân Lợi's plan (seed 003) sets 2026 targets only
    note = text.plan_note(tan_loi, "vi")
    assert note.startswith("Kế hoạch của xã không đặt mục tiêu cho mốc 2025") and "chưa có kế hoạch riêng" not in note
    assert text.plan_note(model.load(con, "25378", "2026-Q3", 2026), "vi") is None  # its own targets
    assert "chưa có kế hoạch riêng" in text.plan_note(model.load(con, inherited_commune(con), "2026-Q3", 2025), "vi")


def test_the_pdf_of_a_far_milestone_names_the_indicators_without_a_target_once(con):
    card = model.load(con, VIET_KHE, "2026-Q3", 2045)
    missing = card.untargeted()
    assert missing.height and card.targeted().height
    body, pages, _ = read_pdf(pdf.commune_pdf(card, "vi"), "ho-so-xa-11503-milestone-2045-untargeted")
    assert pages <= 2
    flat = " ".join(body.split())
    assert "không có mục tiêu cho mốc 2045" not in flat, "no row per indicator without a target"
    assert flat.count("Không có mục tiêu cho mốc 2045") == 1
    assert f"({missing.height} chỉ tiêu" in flat


# -- python -m kpi report -------------------------------------------------------------------------------


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kpi", "report", *args], capture_output=True, text=True,
                          cwd=config.ROOT, timeout=600)


def test_cli_writes_one_commune(db_path, tmp_path):
    out = tmp_path / "a" / "viet-khe.pdf"
    done = cli("--commune", VIET_KHE, "--period", "2026-Q2", "--year", "2030", "-o", str(out), "--db", str(db_path))
    assert done.returncode == 0, done.stderr
    assert "Xã Việt Khê (11503), 2026-Q2" in done.stdout
    body, pages, _ = read_pdf(out.read_bytes(), "cli-viet-khe")
    assert "Kỳ Q2/2026 · Mốc: 2030" in " ".join(body.split()) and pages <= 2


@pytest.mark.parametrize(("args", "message"), [
    (("--commune", "99999", "-o", "x.pdf"), "no commune with code '99999'"),
    (("--commune", VIET_KHE, "-o", "x.png"), "is written to a .pdf file"),
    (("--province", "99", "-o", "dir"), "no province with code '99'"),
])
def test_cli_refuses_with_a_message(db_path, tmp_path, args, message):
    done = cli(*[str(tmp_path / a) if a in ("x.pdf", "x.png", "dir") else a for a in args], "--db", str(db_path), "--lang", "en")
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr


def test_cli_writes_a_province(db_path, tmp_path, con):
    """Every commune of Thái Nguyên (19) and its one-page summary, typeset by two worker processes."""
    done = cli("--province", "19", "-o", str(tmp_path / "19"), "--db", str(db_path))
    assert done.returncode == 0, done.stderr
    communes = con.execute("SELECT count(*) FROM commune WHERE province_code = '19'").fetchone()[0]
    files = sorted((tmp_path / "19").glob("*.pdf"))
    assert len(files) == communes + 1
    assert (tmp_path / "19" / province.commune_file("05851", "2026-Q3")).exists()
    body, pages, _ = read_pdf((tmp_path / "19" / province.summary_file("19", "2026-Q3")).read_bytes(), "tong-hop-tinh-19")
    assert pages == 1 and "Tổng hợp tỉnh: Thái Nguyên" in body
    leader = con.execute(
        """SELECT c.name FROM commune_index x JOIN commune c USING (commune_code)
           WHERE x.province_code = '19' AND x.as_of_period = '2026-Q3' AND x.rank_province = 1""").fetchone()[0]
    assert leader in body
    quan_chu, _, _ = read_pdf((tmp_path / "19" / province.commune_file("05851", "2026-Q3")).read_bytes(), "province-05851")
    assert "Hồ sơ xã: Xã Quân Chu" in quan_chu


def test_report_needs_a_database(tmp_path):
    done = cli("--commune", VIET_KHE, "-o", str(tmp_path / "x.pdf"), "--db", str(tmp_path / "none.duckdb"))
    assert done.returncode == 2 and "không có cơ sở dữ liệu" in done.stderr


def test_pdf_bytes_are_a_pdf_and_page_count_agrees_with_poppler(con):
    data = pdf.commune_pdf(model.load(con, "05851"), "vi")
    _, pages, _ = read_pdf(data, "ho-so-xa-05851-count")
    assert data.startswith(b"%PDF-") and pdf.page_count(data) == pages


def test_bad_news_is_red_on_the_card_and_in_the_pdf_however_it_is_worded(app_db, con):
    """11542 (Hải Phòng) fell 1 place in its province and stands below the province average: the words
    ("↓ giảm 1 bậc", "dưới bình quân tỉnh") carry no minus sign, yet both are bad news, red on the page's
    cards as in the PDF; good news green, no change grey, from one rule (text.Figure.colour)."""
    from streamlit.proto.Metric_pb2 import Metric

    commune = "11542"
    card = model.load(con, commune)
    figures = {f.label: f for f in text.figures(card, "vi")}
    assert figures["Hạng trong tỉnh"].good is False and "giảm 1 bậc" in figures["Hạng trong tỉnh"].delta
    assert figures["Chênh lệch với bình quân tỉnh"].good is False
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=90)
    at.query_params["province"] = "31"
    at.query_params["commune"] = commune
    at.run().switch_page("pages/profile.py").run()
    assert not at.exception, at.exception
    proto = {"green": Metric.MetricColor.GREEN, "red": Metric.MetricColor.RED, "gray": Metric.MetricColor.GRAY}
    colours = {m.label: m.proto.color for m in at.metric if m.label in figures}
    assert colours == {label: proto[f.colour] for label, f in figures.items()}
    assert colours["Hạng trong tỉnh"] == colours["Chênh lệch với bình quân tỉnh"] == Metric.MetricColor.RED
    paper = {f["label"]: f["colour"] for f in pdf.commune_data(card, "vi")["figures"]}
    assert paper["Hạng trong tỉnh"] == paper["Chênh lệch với bình quân tỉnh"] == pdf.COLOURS["red"]
