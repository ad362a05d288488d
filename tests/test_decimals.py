"""How many decimals an indicator's values are shown with: one source, the catalogue's `decimals`
(data/indicators.yaml, OWID's display.numDecimalPlaces), read by the pages, the scorecard and the people's exports."""

from __future__ import annotations

import polars as pl
import pytest

from kpi import config, sources
from kpi.db import run
from kpi.export.people import for_people
from kpi.sources import SourceErrors
from tests.test_pages import shown
from tests.test_published_pages import open_page


def test_every_indicator_says_its_decimals_and_no_target_is_stated_more_precisely(con):
    indicators = {i.code: i for i in sources.load_indicators()}
    by_kind = {"percent": 1, "count": 0, "money": 1, "boolean": 0, "points": 2}  # what the pages and exports showed
    assert {c: i.decimals for c, i in indicators.items() if i.decimals != by_kind[i.kind]} == {  # counts that are not whole
        "hdi": 3, "rd_personnel_per_10k": 1, "cashless_payment_value_grdp_multiple": 1, "digital_enterprises_per_1000": 1,
        "vneid_digital_skills_certified_adults": 1}
    assert indicators["hdi"].decimals == 3 and indicators["coverage_5g_population_share"].decimals == 1
    assert indicators["dvc766_total"].decimals == 2 and indicators["ocop_digital_brand_products"].decimals == 0
    targets = run(con, "plan_targets", flag=None).select("indicator_code", "value", "value_max")
    places = pl.col("indicator_code").replace_strict({c: i.decimals for c, i in indicators.items()})
    finer = targets.filter(
        pl.any_horizontal(
            (pl.col(v) * pl.lit(10.0).pow(places) - (pl.col(v) * pl.lit(10.0).pow(places)).round(0)).abs() > 1e-6
            for v in ("value", "value_max")))
    assert finer.is_empty(), finer  # HDI's 0,7 (71/NQ-CP) needs hdi's 3, not a count's 0
    assert run(con, "indicators", group=None, scope=None).select("indicator_code", "decimals").rows() == [
        (c, indicators[c].decimals) for c in run(con, "indicators", group=None, scope=None)["indicator_code"]]


@pytest.mark.parametrize(("change", "words"), [
    ("  decimals: 1\n", ""),  # left out: required
    ("  decimals: 1\n", "  decimals: 7\n"),
    ("  decimals: 0\n  lower_bound: 0\n  upper_bound: 1\n", "  decimals: 1\n  lower_bound: 0\n  upper_bound: 1\n"),
])
def test_an_indicator_without_sensible_decimals_is_refused(tmp_path, change, words):
    text = (config.DATA_DIR / "indicators.yaml").read_text(encoding="utf-8")
    broken = text.replace(change, words, 1)
    assert broken != text
    (tmp_path / "indicators.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(SourceErrors, match="decimals"):
        sources.load_indicators(tmp_path / "indicators.yaml")


def test_a_download_rounds_each_row_to_its_indicators_decimals():
    frame = pl.DataFrame({"indicator_code": ["hdi", "ocop_digital_brand_products", "vneid_share", "unknown"],
                          "latest_value": [0.7234, 12.46, 57.047272727272706, 3.14159]})
    catalogue = {"hdi": 3, "ocop_digital_brand_products": 0, "vneid_share": 1}
    assert for_people(frame, "vi", places=catalogue).frame["Giá trị mới nhất"].to_list() == [0.723, 12.0, 57.0, 3.1]
    carried = frame.with_columns(decimals=pl.Series([3, 0, 1, 2]))  # a query's own decimals column comes first
    assert for_people(carried, "vi").frame["Giá trị mới nhất"].to_list() == [0.723, 12.0, 57.0, 3.14]
    assert for_people(frame.drop("indicator_code"), "vi").frame["Giá trị mới nhất"].to_list() == [0.7, 12.5, 57.0, 3.1]


def test_each_target_on_the_catalogue_reads_with_its_indicators_decimals(app_db):
    """The layers' targets, a column of many indicators: a rank whole, a share with one decimal, HDI with three."""
    at = open_page("catalogue")
    [layers] = [d for d in at.dataframe if "Mục tiêu" in d.value.columns and "Nguồn mục tiêu" in d.value.columns]
    cells = shown(layers)
    by_name = {}
    for name, target in zip(cells["Chỉ tiêu"], cells["Mục tiêu"], strict=True):
        by_name.setdefault(name, set()).add(target)
    assert by_name["Chỉ số phát triển con người (HDI)"] == {"0,700"}
    assert "30" in by_name["Xếp hạng chỉ số đổi mới sáng tạo toàn cầu (GII)"]
    assert any("," in t and len(t.split(",")[1]) == 1 for t in by_name["Tỷ lệ phủ sóng 5G (% dân số)"])
