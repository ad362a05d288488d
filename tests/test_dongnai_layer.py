"""Đồng Nai's province layer from Kế hoạch 179/KH-UBND (issue 34 items 4-6) and the sources register.

Every row is pinned to the document's line and read back from the text; inheritance is checked per indicator and
milestone for a Đồng Nai commune without a plan and for Tân Lợi (its own 2026 targets win); the undercut rule runs
against the province's rows; the register is on Phương pháp."""

import csv
import re

import pytest

from kpi import config
from kpi.db import run
from kpi.models import Target
from kpi.targets import classify, effective_targets, mark_undercuts
from tests.test_pages import open_page

DOC = config.SEEDS_DIR.parent / "documents" / "DongNai-179-KH-UBND-2025.txt"
TAN_LOI = "25378"

# (first line, section's item, indicator, comparator, value, scope): extracted from the text, one row per target
EXPECTED = [
    (79, "(1)", "digital_economy_gdp_share", ">=", 30, "province"),
    (80, "(2)", "digital_economy_share", ">=", 20, "province"),
    (82, "(3)", "digital_economy_workforce_share", ">=", 20, "province"),
    (84, "(4)", "cashless_payment_value_grdp_multiple", "=", 30, "province"),
    (86, "(5)", "province_data_exchanges", ">=", 1, "province"),
    (88, "(6)", "new_digital_tech_exporters", ">=", 10, "province"),
    (92, "(1)", "enterprises_digital_management_share", ">=", 90, "province"),
    (95, "(2)", "enterprises_ecommerce_share", ">", 70, "province"),
    (97, "(3)", "ecommerce_einvoice_share", "=", 100, "province"),
    (99, "(4)", "ecommerce_retail_share", ">=", 20, "province"),
    (101, "(5)", "farms_coops_digital_platform_share", ">=", 50, "province"),
    (104, "(6)", "tourism_digital_platform_share", ">=", 70, "province"),
    (106, "(7)", "seaports_digital_platform_share", ">=", 70, "province"),
    (108, "(8)", "border_gates_digital_platform_share", ">=", 70, "province"),
    (110, "(9)", "factories_mes_share", ">=", 50, "province"),
    (114, "(1)", "adult_smartphone_share", ">=", 95, "commune"),
    (116, "(2)", "bank_account_share", "=", 95, "commune"),
    (118, "(3)", "digital_signature_share", ">", 70, "commune"),
    (120, "(4)", "working_age_digital_skills_trained_share", ">", 80, "commune"),
    (122, "(5)", "household_fibre_access_share", "=", 100, "commune"),
    (124, "(6)", "basic_cyber_protection_share", ">", 80, "commune"),
    (126, "(7)", "online_public_service_usage_share", ">=", 80, "commune"),
    (128, "(8)", "online_public_service_usage_share", ">=", 80, "province"),
    (130, "(9)", "enterprises_online_conformity_share", "=", 100, "province"),
    (132, "(10)", "hospitals_emr_share", "=", 100, "province"),
    (134, "(11)", "e_health_record_share", "=", 100, "commune"),
    (136, "(12)", "higher_vocational_digital_governance_share", "=", 100, "province"),
    (139, "(13)", "schools_digital_governance_share", ">=", 95, "commune"),
    (142, "(14)", "e_learning_record_share", "=", 100, "commune"),
]


KH01, TB624 = "01-KH-BCDTW.txt", "TB-624-VPCP-2025.txt"
# (indicator, milestone) -> (layer it comes from, file, line) for a Đồng Nai commune without a plan of its own
MILESTONES = {
    ("officials_basic_digital_skills_share", 2025): ("national", KH01, 28),  # 01-KH/BCĐTW, 80% in 2025
    ("adult_basic_digital_skills_share", 2025): ("national", KH01, 30),
    ("adult_basic_digital_skills_share", 2026): ("national", KH01, 36),
    ("enterprise_workers_digital_skills_share", 2026): ("national", KH01, 38),
    ("coverage_5g_population_share", 2025): ("national", TB624, 182),  # 624/TB-VPCP, 90% in 2025
    ("coverage_5g_population_share", 2030): ("national", "", None),  # 03/NQ-CP 23.4 (99% dân số), not a file at hand
    ("e_health_record_share", 2030): ("province", DOC.name, 134),  # 179's 100% over 03/NQ-CP's ≥ 95
    ("online_public_service_usage_share", 2030): ("province", DOC.name, 126),  # 179's ≥ 80, flagged undercut
    ("household_fibre_access_share", 2030): ("province", DOC.name, 122),
}
# Tân Lợi's own 2026 targets, where the commune without a plan inherits the national 2026 one
TAN_LOI_OWN = {
    ("officials_basic_digital_skills_share", 2026): ("commune", "", None),
    ("pupils_digital_skills_share", 2026): ("commune", "", None),
    ("coverage_5g_population_share", 2026): ("commune", "", None),
    ("e_health_record_share", 2026): ("commune", "", None),
}


def document_lines() -> list[str]:
    return DOC.read_text(encoding="utf-8").split("\n")


def dongnai_rows() -> list[dict[str, str]]:
    with (config.DATA_DIR / "province_targets.csv").open(encoding="utf-8") as handle:
        return [r for r in csv.DictReader(handle) if r["province_code"] == "75"]


def comparator_of(wording: str) -> str:
    """The rule of issue 34: "trên" (before a number) is >, "tối thiểu"/"ít nhất" >=, a bare value =."""
    if "tối thiểu" in wording or "ít nhất" in wording:
        return ">="
    return ">" if re.search(r"trên \d", wording) else "="


def test_every_row_is_read_back_from_its_line():
    lines = document_lines()
    rows = dongnai_rows()
    assert [(int(r["doc_line"]), r["row"], r["indicator_code"], r["comparator"], float(r["value"]), r["scope"])
            for r in rows] == [(a, b, c, d, float(e), f) for a, b, c, d, e, f in EXPECTED]
    for r in rows:
        line = int(r["doc_line"])
        assert r["doc_file"] == DOC.name and r["year"] == "2030" and r["recurring"] == "false"
        # the item starts at its line with its own number, and its wording (wrapped over up to 3 lines) is the text's
        assert lines[line - 1].startswith(f"{r['row']} "), (line, lines[line - 1])
        text = " ".join(x.strip() for x in lines[line - 1:line + 2])
        assert f"{r['row']} {r['wording_vi']}" in text, (line, r["wording_vi"])
        number = f"{float(r['value']):g}"
        assert f"{number}%" in r["wording_vi"] or f"0{number} " in r["wording_vi"] or f" {number} " in r["wording_vi"]
        assert r["comparator"] == comparator_of(r["wording_vi"]), r["wording_vi"]
        assert "179/KH-UBND" in r["document"] and "18/11/2025" in r["document"] and "682614" in r["url"]
    # its heading sets the milestone: "đến năm 2030" for II.1 and II.2
    assert "năm 2030 (16 mục tiêu)" in lines[76] and "2030 với các mục tiêu (14 mục tiêu)" in lines[112]


def test_the_documents_own_defects_are_recorded():
    lines = document_lines()
    rows = dongnai_rows()
    economy = [r for r in rows if r["section"].startswith("II.1")]
    assert "(16 mục tiêu)" in lines[76] and "(10 mục tiêu)" in lines[90] and len(economy) == 15
    assert all("16 targets" in r["note"] and "lists 9" in r["note"] for r in economy)
    readme = (config.DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert "16 mục tiêu" in readme and "80%" in readme and "50%" in readme
    with (config.DATA_DIR / "unplaced_targets.csv").open(encoding="utf-8") as handle:
        unplaced = [r for r in csv.DictReader(handle) if r.get("province_code") == "75"]
    assert [(r["doc_line"], r["comparator"], r["value"], r["doc_file"], r["seed_file"]) for r in unplaced] == [
        ("151", ">=", "80", DOC.name, ""), ("1274", ">=", "50", DOC.name, "")]
    for r in unplaced:
        line = int(r["doc_line"])
        assert r["wording_vi"] in " ".join(x.strip() for x in lines[line - 1:line + 2])
        assert ("50%" if r["value"] == "80" else "80%") in r["reason_vi"]  # each names the other statement
    assert lines[1278] == "2026 - 2030"  # the task's time: a period, not a milestone year


@pytest.fixture(scope="module")
def dongnai(sources):
    """The effective targets of Tân Lợi and of a Đồng Nai commune with no plan of its own."""
    planned = {c.target.commune_code for c in sources.targets if c.target.level == "commune"}
    other = next(c.commune_code for c in sources.communes if c.province_code == "75" and c.commune_code not in planned)
    by = {}
    for e in sources.effective:
        if e.commune_code in (TAN_LOI, other):
            by[(e.commune_code, e.indicator_code, e.year)] = (e.source_level, sources.targets[e.target_id - 1].target)
    return other, by


def test_a_dongnai_commune_without_a_plan_inherits_the_province_per_milestone(dongnai):
    other, by = dongnai
    inherited = sorted(k[1] for k, (level, _) in by.items() if k[0] == other and level == "province")
    assert inherited == sorted({e[2] for e in EXPECTED if e[5] == "commune"}) and len(inherited) == 10
    level, target = by[(other, "e_learning_record_share", 2030)]
    assert level == "province" and target.doc_line == 142 and target.value == 100
    # a row provincial in nature is never inherited, neither the province's nor the national one of that indicator
    for indicator in ("digital_economy_gdp_share", "digital_economy_share", "hospitals_emr_share", "enterprises_ecommerce_share"):
        assert not any(k[0] == other and k[1] == indicator for k in by), indicator
    # a slot the province does not fill comes from the national layer
    assert by[(other, "cashless_transactions_share", 2030)][0] == "national"
    # per milestone: the province's 2030 rows beside the national 2025 and 2026 ones, each read where it is cited
    for slot, (level, file, line) in MILESTONES.items():
        source, target = by[(other, *slot)]
        assert (source, target.doc_file or "", target.doc_line) == (level, file, line), slot


def test_tan_loi_per_milestone_own_province_and_national(dongnai):
    """Tân Lợi: its own 2026 targets win; 2030 comes from the province where 179 has a commune meaning, else from the
    national layer; 2025 (which its plan does not set) from the national layer."""
    _, by = dongnai
    own = {k[1:] for k, (level, _) in by.items() if k[0] == TAN_LOI and level == "commune"}
    assert own and {year for _, year in own} == {2026}
    for slot, expected in {**MILESTONES, **TAN_LOI_OWN}.items():
        source, target = by[(TAN_LOI, *slot)]
        if expected[0] == "commune":
            assert source == "commune" and target.commune_code == TAN_LOI, slot
        else:
            assert (source, target.doc_file or "", target.doc_line) == expected, slot


def test_tan_loi_keeps_its_own_targets_and_inherits_the_province_where_it_has_none(dongnai):
    _, by = dongnai
    for indicator in ("bank_account_share", "e_health_record_share", "online_public_service_usage_share",
                      "digital_signature_share"):
        own, own_target = by[(TAN_LOI, indicator, 2026)]
        assert own == "commune" and own_target.commune_code == TAN_LOI
        level, target = by[(TAN_LOI, indicator, 2030)]
        assert level == "province" and target.province_code == "75" and target.doc_file == DOC.name


def test_tan_loi_own_2030_target_wins_over_the_province(sources):
    """Tân Lợi's plan has 2026 targets only: were it to state a 2030 one, it would win over the province's."""
    targets = [c.target for c in sources.targets]
    own = Target(level="commune", commune_code=TAN_LOI, indicator_code="bank_account_share", year=2030, comparator=">=",
                 value=97, unit="%", seed_file="003_789da594ec5d15c9.txt", section="II.2", wording_vi="(thử)")
    directions = {i.code: i.direction for i in sources.indicators}
    classified = mark_undercuts(classify([*targets, own], directions), sources.communes, directions)
    tan_loi = [c for c in sources.communes if c.commune_code == TAN_LOI]
    slots = {(e.indicator_code, e.year): e for e in effective_targets(classified, tan_loi)}
    assert slots[("bank_account_share", 2030)].source_level == "commune"
    assert slots[("bank_account_share", 2026)].source_level == "commune"
    assert slots[("e_health_record_share", 2030)].source_level == "province"


def test_undercut_against_the_province_layer(sources):
    directions = {i.code: i.direction for i in sources.indicators}
    targets = [c.target for c in sources.targets]
    planned = {t.commune_code for t in targets if t.level == "commune"}
    commune = next(c.commune_code for c in sources.communes if c.province_code == "75" and c.commune_code not in planned)
    base = Target(level="commune", commune_code=commune, indicator_code="e_learning_record_share", year=2030,
                  comparator=">=", value=90, unit="%", seed_file="003_789da594ec5d15c9.txt", section="test", wording_vi="(thử)")
    softer = base  # below the province's 100%
    provincial = base.model_copy(update={"indicator_code": "digital_economy_share", "value": 10})  # the province's 20% is not a commune's
    stricter = base.model_copy(update={"indicator_code": "household_fibre_access_share", "value": 100})
    classified = mark_undercuts(classify([*targets, softer, provincial, stricter], directions), sources.communes, directions)
    softer_c, provincial_c, stricter_c = classified[-3:]
    assert "undercut" in softer_c.flags and f"{DOC.name}, dòng 142" in softer_c.undercuts
    assert "undercut" not in provincial_c.flags and "undercut" not in stricter_c.flags
    # the province's own rows answer to the national layer in force: one of 179's is less demanding, its (7) online
    # public services "tối thiểu 80%" (>= 80) against 57-NQ/TW's "trên 80%" (> 80, stricter at the same value)
    dongnai = [c for c in sources.targets if c.target.province_code == "75"]
    undercut = [(c.target.row, c.target.comparator, c.target.value, c.undercuts) for c in dongnai if "undercut" in c.flags]
    assert len(dongnai) == 29 and [u[:3] for u in undercut] == [("(7)", ">=", 80)]
    assert undercut[0][3].startswith("Nghị quyết 57-NQ/TW") and "trên 80%" in undercut[0][3] and "(57-NQ-TW.txt, dòng 33)" in undercut[0][3]
    assert [c.target.row for c in dongnai if "restated" in c.flags] == ["(8)"]


def test_the_sources_register_is_on_the_methodology_page(app_db, con):
    documents = run(con, "source_documents")
    assert documents.height == 11
    by_number = {r["number"]: r for r in documents.iter_rows(named=True)}
    assert by_number["179/KH-UBND"]["completeness"] == "whole" and by_number["179/KH-UBND"]["issued"] == "18/11/2025"
    assert by_number["71/NQ-CP"]["completeness"] == "excerpt" and "17-36" in by_number["71/NQ-CP"]["extent_vi"]
    assert by_number["317 (Hải Phòng)"]["completeness"] == "press_report"
    assert by_number["317 (Hải Phòng)"]["province_name"] == "Thành phố Hải Phòng"
    for row in documents.iter_rows(named=True):  # a file named is a text at hand
        assert not row["file"] or (DOC.parent / row["file"]).is_file()
    # the two whole texts with their own header carry the register's number, date and title as they print them
    for number, file, day in (("624/TB-VPCP", "TB-624-VPCP-2025.txt", "16"), ("179/KH-UBND", DOC.name, "18")):
        row = by_number[number]
        text = re.sub(r"\s+", " ", (DOC.parent / row["file"]).read_text(encoding="utf-8").replace("*", "")).lower()
        assert row["file"] == file and f"số: {number.lower()}" in text and f"ngày {day} tháng 11 năm 2025" in text
        assert row["issued"] == f"{day}/11/2025" and re.sub(r"\s+", " ", row["title_vi"]).lower() in text, row["title_vi"]
    at = open_page("method")
    shown = at.dataframe[0].value
    assert shown.shape[0] == 11
    flat = shown.astype(str).to_numpy().ravel().tolist()
    assert "179/KH-UBND" in flat and "Chỉ có tin báo chí" in flat and "Trích đoạn" in flat and "Toàn văn" in flat
    assert any("Văn bản nguồn" in s.value for s in at.subheader)
