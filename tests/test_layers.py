"""The layers above the communes: national targets from the national documents, the province layer from the
province's own plan, inheritance per indicator and milestone, indicators national in nature kept national, and
a lower layer below a higher one flagged (data/national_targets.csv, data/province_targets.csv)."""

from __future__ import annotations

import re

import polars as pl
import pytest

from kpi.db import run
from tests.test_pages import open_page

NQ03 = "Nghị quyết 03/NQ-CP ngày 09/01/2025"
HP317 = "Kế hoạch số 317 của UBND thành phố Hải Phòng"
VIET_KHE, YA_LY, TAN_LOI, THUY_NGUYEN = "11503", "23548", "25378", "11560"  # Thuỷ Nguyên: Hải Phòng, no plan


@pytest.fixture(scope="module")
def layers(db_path) -> pl.DataFrame:
    from kpi.db import connect

    with connect(db_path) as con:
        return run(con, "plan_targets", flag=None).filter(pl.col("source_level") != "commune")


# (indicator, year, comparator, value, appendix row) read off Phụ lục I of Resolution 03/NQ-CP, the Government's
# action programme for Resolution 57-NQ/TW (the transcription cited in each row's url).
NATIONAL = [
    ("online_public_service_usage_share", 2030, ">=", 80, "11.1"),  # "Tỉ lệ sử dụng dịch vụ công trực tuyến … ≥ 80"
    ("full_online_public_services_share", 2030, "=", 90, "11.2"),
    ("electronic_document_processing_share", 2030, "=", 100, "11.10"),
    ("cashless_transactions_share", 2030, ">=", 80, "12"),
    ("innovative_enterprises_share", 2030, ">=", 40, "13"),
    ("st_budget_share", None, ">=", 3, "17"),  # "Chi ngân sách hàng năm … ≥ 3%": yearly
    ("coverage_5g_population_share", 2030, "=", 99, "23.4"),  # "Phủ sóng 5G cho người dân | % dân số | 99"
    ("bank_account_share", 2030, ">=", 95, "30"),
    ("digital_signature_share", 2030, ">=", 70, "31"),  # adults: the same population as Việt Khê's Phụ lục I 8
    ("e_health_record_share", 2030, ">=", 95, "32"),
    ("digital_economy_gdp_share", 2030, ">=", 30, "10"),
    ("rd_spending_gdp_share", 2030, "=", 2, "15"),
    ("digital_economy_gdp_share", 2045, ">=", 50, "36"),
    ("world_class_digital_enterprises", 2045, ">=", 10, "39"),
]


@pytest.mark.parametrize(("indicator", "year", "comparator", "value", "row"), NATIONAL)
def test_national_rows_are_pinned_to_resolution_03(layers, indicator, year, comparator, value, row):
    found = layers.filter(
        (pl.col("source_level") == "national") & (pl.col("indicator_code") == indicator) & (pl.col("row_ref") == row)
    )
    assert found.height == 1, found
    r = found.row(0, named=True)
    assert (r["year"], r["comparator"], r["value"]) == (year, comparator, value)
    assert r["document"].startswith(NQ03) and r["section"].startswith(("Phụ lục I", "II.3"))


def test_every_layer_row_names_its_document_place_wording_and_address(layers):
    assert set(layers["source_level"]) == {"national", "province"}
    for r in layers.iter_rows(named=True):
        assert r["document"] and r["section"] and r["row_ref"] and r["wording_vi"], r
        assert re.match(r"^https?://", r["url"]), r
        assert r["citation"].startswith(f"{r['document']}, {r['section']}, {r['row_ref']}: “")
        # only what the document states: its number is in its wording ("99", "0,7", "≥ 80")
        assert f"{r['value']:g}".replace(".", ",") in r["wording_vi"], r
        assert r["seed_file"] == ""  # not a commune plan
    national = layers.filter(pl.col("source_level") == "national")
    assert set(national["document"].str.slice(0, len(NQ03))) == {NQ03}
    assert set(national["year"].drop_nulls()) == {2030, 2045}
    # no row is copied from a commune's plan any more (the old layer was Việt Khê's Phụ lục I)
    assert not any("Việt Khê" in n or "001_8aa2a612e45d6613" in n for n in layers["citation"])


def test_the_province_layer_is_hai_phongs_own_plan(layers):
    # Hải Phòng's press-reported plan 317, and Đồng Nai's 179/KH-UBND (tests/test_dongnai_layer.py)
    assert set(layers.filter(pl.col("source_level") == "province")["province_code"]) == {"31", "75"}
    province = layers.filter((pl.col("source_level") == "province") & (pl.col("province_code") == "31"))
    assert set(province["document"].str.slice(0, len(HP317))) == {HP317}
    assert set(province["indicator_code"]) == {
        "fixed_broadband_1gbps_share", "adult_smartphone_share", "adult_citizen_email_share",
        "community_venue_free_wifi_share", "coverage_5g_population_share",
    }
    assert set(province["year"]) == {2030} and set(province["value"]) == {100}


def test_indicators_national_in_nature_are_never_inherited(con):
    catalogue = run(con, "indicators", group=None, scope=None)
    national_only = set(catalogue.filter(pl.col("scope") == "national")["indicator_code"])
    assert {"digital_economy_gdp_share", "rd_spending_gdp_share", "gii_rank_world"} <= national_only
    inherited = set(run(con, "effective_targets", province=None, commune=None)["indicator_code"])
    assert not inherited & national_only
    assert not set(run(con, "indicators", group=None)["indicator_code"]) & national_only  # not in the pickers


def eff(con, commune: str) -> dict[tuple[str, int | None], dict]:
    rows = run(con, "effective_targets", province=None, commune=commune)
    return {(r["indicator_code"], r["year"]): r for r in rows.iter_rows(named=True)}


def test_inheritance_is_per_indicator_and_milestone(con):
    tan_loi = eff(con, TAN_LOI)  # a one-year plan: its own 2026 targets, its province's 2030 ones (179/KH-UBND)
    assert tan_loi[("bank_account_share", 2026)]["source_level"] == "commune"
    assert (tan_loi[("bank_account_share", 2030)]["source_level"], tan_loi[("bank_account_share", 2030)]["value"]) == ("province", 95)
    assert tan_loi[("cashless_transactions_share", 2030)]["source_level"] == "national"  # a slot 179 does not fill
    thuy_nguyen = eff(con, THUY_NGUYEN)  # no plan: the city's plan first, then the nation's
    five_g = thuy_nguyen[("coverage_5g_population_share", 2030)]
    assert (five_g["source_level"], five_g["value"]) == ("province", 100) and five_g["document"].startswith(HP317)
    assert thuy_nguyen[("community_venue_free_wifi_share", 2030)]["source_level"] == "province"
    online = thuy_nguyen[("online_public_service_usage_share", 2030)]
    assert (online["source_level"], online["comparator"], online["value"]) == ("national", ">=", 80)
    assert online["document"].startswith(NQ03) and online["url"].startswith("https://")
    viet_khe = eff(con, VIET_KHE)  # its own plan wins where it has one; 2045 from its own Phụ lục II
    assert viet_khe[("coverage_5g_population_share", 2030)]["source_level"] == "commune"
    assert viet_khe[("coverage_5g_population_share", 2045)]["source_level"] == "commune"
    assert viet_khe[("community_venue_free_wifi_share", 2030)]["source_level"] == "province"
    # a 2045 trajectory wherever a layer gives one: the national documents give no 2045 target with a commune
    # meaning (their 2045 targets are shares of GDP and rankings), so only the plans that state one have it
    with_2045 = set(run(con, "effective_targets", province=None, commune=None).filter(pl.col("year") == 2045)["commune_code"])
    assert with_2045 == {VIET_KHE, "21697"}


def test_a_target_below_the_layer_above_is_flagged(con):
    undercut = run(con, "plan_targets", flag="undercut")
    assert undercut.height >= 1
    ya_ly = undercut.filter(pl.col("commune_code") == YA_LY).row(0, named=True)
    # Ya Ly I.3: 70% of documents processed electronically by 2030; Resolution 03, Phụ lục I 11.10: 100%
    assert (ya_ly["indicator_code"], ya_ly["value"]) == ("electronic_document_processing_share", 70)
    assert ya_ly["undercuts"].startswith(NQ03) and "11.10" in ya_ly["undercuts"]
    assert ya_ly["is_effective"]  # the commune's own plan still applies, and the page says it is lower


def test_pages_show_the_layer_and_document(app_db, con):
    at = open_page("data_quality")
    assert {m.label: m.value for m in at.metric}["Thấp hơn cấp trên"] == str(run(con, "plan_targets", flag="undercut").height)
    at.segmented_control(key="q_flag_vi").set_value("undercut").run()
    table = at.dataframe[0].value
    assert set(table["Thấp hơn chỉ tiêu cấp trên"].str.slice(0, len(NQ03))) == {NQ03}
    unplaced = at.dataframe[1].value
    assert len(unplaced) == run(con, "unplaced_targets").height and "Lý do" in unplaced.columns

    at = open_page("catalogue")
    scopes = at.dataframe[0].value["Áp dụng cho"]
    assert {"Xã, phường", "Cả nước (không áp cho xã)", "Cấp tỉnh (không áp cho xã)", "Số liệu công bố (Bộ chỉ số 766)"} == set(scopes)
    layers = at.dataframe[1].value
    assert set(layers["Nguồn mục tiêu"]) == {"Kế thừa từ Trung ương", "Kế thừa từ tỉnh"}
    assert all(u.startswith("http") for u in layers["Địa chỉ công bố"])

    at = open_page("trajectory", province="31", communes=THUY_NGUYEN, indicator="coverage_5g_population_share")
    milestones = next(d.value for d in at.dataframe if "Trích dẫn kế hoạch" in d.value.columns)
    assert milestones["Nguồn mục tiêu"].tolist() == ["Kế thừa từ tỉnh"]
    assert milestones["Trích dẫn kế hoạch"].iloc[0].startswith(HP317)
