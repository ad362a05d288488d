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
NQ71 = "Nghị quyết 71/NQ-CP ngày 01/4/2025"
NQ57 = "Nghị quyết 57-NQ/TW ngày 22/12/2024"
KH01 = "Kế hoạch 01-KH/BCĐTW năm 2025"
TB624 = "Thông báo 624/TB-VPCP ngày 16/11/2025"
NATIONAL_DOCUMENTS = (NQ71, NQ03, NQ57, KH01, TB624)
HP317 = "Kế hoạch số 317 của UBND thành phố Hải Phòng"
VIET_KHE, YA_LY, TAN_LOI, THUY_NGUYEN = "11503", "23548", "25378", "11560"  # Thuỷ Nguyên: Hải Phòng, no plan


@pytest.fixture(scope="module")
def layers(db_path) -> pl.DataFrame:
    from kpi.db import connect

    with connect(db_path) as con:
        return run(con, "plan_targets", flag=None).filter(pl.col("source_level") != "commune")


# (indicator, year, comparator, value, appendix row, document) read off Phụ lục I of the Government's action programme
# for Resolution 57-NQ/TW: Resolution 71/NQ-CP's rows where its excerpt has them (../shared/documents/71-NQ-CP.txt),
# else Resolution 03/NQ-CP's (the transcription cited in each row's url); tests/test_national_layer.py pins the rest.
NATIONAL = [
    ("online_public_service_usage_share", 2030, ">=", 80, "11.1", NQ71),  # "… ≥ 80"
    ("full_online_public_services_share", 2030, "=", 90, "11.2", NQ71),
    ("electronic_document_processing_share", 2030, "=", 100, "11.7", NQ71),  # 03 numbered it 11.10
    ("cashless_transactions_share", 2030, ">=", 80, "12", NQ71),
    ("innovative_enterprises_share", 2030, ">=", 40, "13", NQ71),
    ("st_budget_share", None, ">=", 3, "17", NQ03),  # "Chi ngân sách hàng năm … ≥ 3%": yearly
    ("coverage_5g_population_share", 2030, "=", 99, "23.4", NQ03),  # "Phủ sóng 5G cho người dân | % dân số | 99"
    ("bank_account_share", 2030, ">=", 95, "30", NQ03),
    ("digital_signature_share", 2030, ">=", 70, "31", NQ03),  # adults: the same population as Việt Khê's Phụ lục I 8
    ("e_health_record_share", 2030, ">=", 95, "32", NQ03),
    ("digital_economy_gdp_share", 2030, ">=", 30, "10", NQ71),
    ("rd_spending_gdp_share", 2030, "=", 2, "15", NQ71),
    ("digital_economy_gdp_share", 2045, ">=", 50, "36", NQ03),
    ("world_class_digital_enterprises", 2045, ">=", 10, "39", NQ71),
]


@pytest.mark.parametrize(("indicator", "year", "comparator", "value", "row", "document"), NATIONAL)
def test_national_rows_are_pinned_to_the_programme(layers, indicator, year, comparator, value, row, document):
    found = layers.filter(
        (pl.col("source_level") == "national") & (pl.col("indicator_code") == indicator) & (pl.col("row_ref") == row)
        & pl.col("document").str.starts_with(document)
    )
    assert found.height == 1, found
    r = found.row(0, named=True)
    assert (r["year"], r["comparator"], r["value"]) == (year, comparator, value)
    assert r["section"].startswith(("Phụ lục I", "II.3"))


def test_every_layer_row_names_its_document_place_wording_and_address(layers):
    assert set(layers["source_level"]) == {"national", "province"}
    for r in layers.iter_rows(named=True):
        assert r["document"] and r["section"] and r["row_ref"] and r["wording_vi"], r
        assert re.match(r"^https?://", r["url"]), r
        assert r["citation"].startswith(f"{r['document']}, {r['section']}, {r['row_ref']}: “")
        # only what the document states: its number is in its wording ("99", "0,7", "≥ 80", "500.000")
        assert any(n in r["wording_vi"] for n in (f"{r['value']:g}".replace(".", ","), f"{r['value']:,.0f}".replace(",", "."))), r
        assert r["seed_file"] == ""  # not a commune plan
    national = layers.filter(pl.col("source_level") == "national")
    assert {next(d for d in NATIONAL_DOCUMENTS if n.startswith(d)) for n in national["document"]} == set(NATIONAL_DOCUMENTS)
    assert set(national["year"].drop_nulls()) == {2025, 2026, 2030, 2045}
    # no row is copied from a commune's plan any more (the old layer was Việt Khê's Phụ lục I)
    assert not any("Việt Khê" in n or "001_8aa2a612e45d6613" in n for n in layers["citation"])


def test_the_province_layer_is_hai_phongs_own_plan(layers):
    # Hải Phòng's press-reported plan 317, and Đồng Nai's 179/KH-UBND (tests/test_dongnai_layer.py)
    assert set(layers.filter(pl.col("source_level") == "province")["province_code"]) == {"31", "75"}
    province = layers.filter((pl.col("source_level") == "province") & (pl.col("province_code") == "31"))
    assert set(province["document"].str.slice(0, len(HP317))) == {HP317}
    # marked press-reported on every row (the plan's own text was not found: no file, no line to read it at)
    assert province["document"].str.contains("như báo chí đưa tin", literal=True).all()
    assert (province["doc_file"] == "").all() and province["doc_line"].is_null().all()
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
    # Resolution 57-NQ/TW's "trên 80%", stricter than its programme's "≥ 80" (tests/test_national_layer.py)
    assert (online["source_level"], online["comparator"], online["value"]) == ("national", ">", 80)
    assert online["document"].startswith(NQ57) and online["url"].startswith("https://")
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
    # Ya Ly I.3: 70% of documents processed electronically by 2030; Resolution 71, Phụ lục I 11.7 (03's 11.10): 100%
    assert (ya_ly["indicator_code"], ya_ly["value"]) == ("electronic_document_processing_share", 70)
    assert ya_ly["undercuts"].startswith(NQ71) and ", 11.7: “" in ya_ly["undercuts"]
    assert ya_ly["is_effective"]  # the commune's own plan still applies, and the page says it is lower


def test_pages_show_the_layer_and_document(app_db, con):
    at = open_page("data_quality")
    assert {m.label: m.value for m in at.metric}["Thấp hơn cấp trên"] == str(run(con, "plan_targets", flag="undercut").height)
    at.segmented_control(key="q_flag_vi").set_value("undercut").run()
    table = at.dataframe[0].value
    assert all(u.startswith(NATIONAL_DOCUMENTS) for u in table["Thấp hơn chỉ tiêu cấp trên"])
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
    # 2025: Thông báo 624/TB-VPCP's 90% (national); 2030: the city's plan
    assert milestones["Nguồn mục tiêu"].tolist() == ["Kế thừa từ Trung ương", "Kế thừa từ tỉnh"]
    assert milestones["Trích dẫn kế hoạch"].iloc[0].startswith(TB624)
    assert milestones["Trích dẫn kế hoạch"].iloc[1].startswith(HP317)
