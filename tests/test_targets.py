"""The target rules: restated, conflicting and recurring rows; inheritance commune > province > national,
per indicator and milestone; a lower layer below a higher one is flagged; national-only indicators stay national."""

import pytest
from pydantic import ValidationError

from kpi.models import Commune, Target
from kpi.targets import citation, classify, effective_targets, mark_undercuts, resolve_scopes


def target(level="commune", indicator="vneid", year=2030, value=70.0, comparator=">=", row="1", **kw) -> Target:
    codes = {"commune": {"commune_code": "11503"}, "province": {"province_code": "31"}, "national": {}}[level]
    return Target(**{
        "level": level, "indicator_code": indicator, "year": year, "comparator": comparator, "value": value, "unit": "%",
        "seed_file": "001_8aa2a612e45d6613.txt", "section": "Phụ lục I", "row": row, "wording_vi": f"dòng {row}",
        **codes, **kw,
    })


DIRECTIONS = {"vneid": "higher", "time": "lower"}


def test_restated_target_keeps_first_and_cites_both():
    first, again = classify([target(row="1.1"), target(row="5")], DIRECTIONS)
    assert first.is_effective and first.flags == ()
    assert not again.is_effective and again.flags == ("restated",)
    assert first.also_cited == (citation(again.target),)
    assert "Phụ lục I, 5" in first.also_cited[0]


def test_conflict_keeps_both_and_the_more_demanding_wins():
    low, high = classify([target(value=80, row="I.1.1"), target(value=85, row="II.3")], DIRECTIONS)
    assert low.flags == ("conflict",) and high.flags == ("conflict",)
    assert high.is_effective and not low.is_effective


def test_conflict_on_lower_is_better_picks_the_lowest():
    slow, fast = classify([target(indicator="time", value=5, comparator="<="), target(indicator="time", value=3, comparator="<=")], DIRECTIONS)
    assert fast.is_effective and not slow.is_effective


def test_conflict_tie_goes_to_document_order():
    # "≥ 70" and "70-90" are equally demanding (reach 70); a strict "> 70" would win (tests/test_national_layer.py)
    a, b = classify([target(value=70, comparator=">="), target(value=70, comparator="range", value_max=90)], DIRECTIONS)
    assert a.is_effective and not b.is_effective
    assert a.flags == ("conflict",) and b.flags == ("conflict",)


def test_recurring_and_interpreted_flags():
    yearly, aim = classify(
        [target(year=None, recurring=True), target(year=2030, value=100, interpreted=True)], DIRECTIONS
    )
    assert yearly.flags == ("recurring",) and yearly.is_effective
    assert aim.flags == ("interpreted",) and aim.is_effective


def test_different_years_are_not_conflicts():
    a, b = classify([target(year=2025, value=70), target(year=2030, value=85)], DIRECTIONS)
    assert a.flags == b.flags == ()
    assert a.is_effective and b.is_effective


def test_inheritance_commune_then_province_then_national():
    rows = classify(
        [
            target(level="national", year=2030, value=60),
            target(level="national", year=2025, value=50),
            target(level="national", indicator="time", year=2030, value=5, comparator="<="),
            target(level="province", year=2030, value=65),
            target(level="province", year=2025, value=55),
            target(level="commune", year=2030, value=85),
        ],
        DIRECTIONS,
    )
    communes = [
        Commune(commune_code="11503", province_code="31", name="Xã Việt Khê", unit_type="xã"),
        Commune(commune_code="11504", province_code="31", name="Xã Khác", unit_type="xã"),
        Commune(commune_code="23548", province_code="51", name="Xã Ya Ly", unit_type="xã"),
    ]
    eff = {(e.commune_code, e.indicator_code, e.year): e for e in effective_targets(rows, communes)}
    by_id = {r.target_id: r.target for r in rows}

    def got(commune, indicator, year):
        e = eff[(commune, indicator, year)]
        return e.source_level, by_id[e.target_id].value

    assert got("11503", "vneid", 2030) == ("commune", 85)
    assert got("11503", "vneid", 2025) == ("province", 55)
    assert got("11503", "time", 2030) == ("national", 5)
    assert got("11504", "vneid", 2030) == ("province", 65)
    assert got("23548", "vneid", 2030) == ("national", 60)
    assert got("23548", "vneid", 2025) == ("national", 50)
    assert len(eff) == 9  # every commune gets every (indicator, year) some layer defines


COMMUNES = [
    Commune(commune_code="11503", province_code="31", name="Xã Việt Khê", unit_type="xã"),
    Commune(commune_code="23548", province_code="51", name="Xã Ya Ly", unit_type="xã"),
]
LAW = {"seed_file": "", "document": "Nghị quyết 57-NQ/TW", "url": "https://example.gov.vn/57"}


def test_own_2030_target_still_inherits_the_national_2045_one():
    rows = classify(
        [
            target(level="national", year=2030, value=80, **LAW),
            target(level="national", year=2045, value=95, **LAW),
            target(level="commune", year=2030, value=90),
        ],
        DIRECTIONS,
    )
    eff = {(e.commune_code, e.year): e.source_level for e in effective_targets(rows, COMMUNES)}
    assert eff == {("11503", 2030): "commune", ("11503", 2045): "national", ("23548", 2030): "national", ("23548", 2045): "national"}


def test_a_national_only_indicator_is_never_inherited():
    scoped = resolve_scopes([target(level="national", indicator="rd_gdp", year=2030, value=2, **LAW),
                             target(level="national", year=2030, value=80, **LAW)], {"rd_gdp": "national", "vneid": "commune"})
    assert [t.scope for t in scoped] == ["national", "commune"]  # the indicator's scope, as the row gives none
    eff = effective_targets(classify(scoped, DIRECTIONS | {"rd_gdp": "higher"}), COMMUNES)
    assert {e.indicator_code for e in eff} == {"vneid"} and len(eff) == 2


def test_a_rows_own_scope_wins_over_its_indicators():
    # a province's row provincial in nature on a commune indicator (Đồng Nai's scope column), and a national row
    # given a commune meaning on an indicator national in nature: the row decides
    rows = [target(level="province", year=2030, value=90, scope="province", **LAW),
            target(level="national", indicator="rd_gdp", year=2030, value=2, scope="commune", **LAW)]
    scoped = resolve_scopes(rows, {"rd_gdp": "national", "vneid": "commune"})
    assert [t.scope for t in scoped] == ["province", "commune"]
    eff = effective_targets(classify(scoped, DIRECTIONS | {"rd_gdp": "higher"}), COMMUNES)
    assert {(e.indicator_code, e.source_level) for e in eff} == {("rd_gdp", "national")} and len(eff) == 2


def test_a_commune_or_province_below_the_layer_above_is_flagged_with_its_citation():
    rows = mark_undercuts(
        classify(
            [
                target(level="national", year=2030, value=80, **LAW),
                target(level="province", year=2030, value=70, row="P"),
                target(level="commune", year=2030, value=75, row="C"),
                target(level="commune", commune_code="23548", year=2030, value=85, row="Y"),
                target(level="commune", indicator="time", year=2030, value=6, comparator="<=", row="T"),
                target(level="national", indicator="time", year=2030, value=5, comparator="<=", **LAW),
            ],
            DIRECTIONS,
        ),
        COMMUNES,
        DIRECTIONS,
    )
    national, province, viet_khe, ya_ly, slow, _ = rows
    assert "undercut" in province.flags and province.undercuts == citation(national.target)
    # Việt Khê's 75 is above its province's 70: the province, the layer directly above, is what it is held to
    assert "undercut" not in viet_khe.flags
    assert "undercut" not in ya_ly.flags and "undercut" not in national.flags
    assert "undercut" in slow.flags  # lower is better: 6 days allowed where the nation allows 5
    assert citation(national.target).startswith("Nghị quyết 57-NQ/TW, Phụ lục I, 1:")


def test_a_target_cites_a_plan_or_a_published_document_with_its_address():
    with pytest.raises(ValidationError, match="phải dẫn nguồn: kế hoạch"):
        target(level="national", seed_file="", document="")
    with pytest.raises(ValidationError, match="cần địa chỉ công khai"):
        target(level="national", seed_file="", document="Nghị quyết 57-NQ/TW", url="")
