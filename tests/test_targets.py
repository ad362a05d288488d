"""The target rules: restated, conflicting and recurring rows; inheritance commune > province > national."""

from kpi.models import Commune, Target
from kpi.targets import citation, classify, effective_targets


def target(level="commune", indicator="vneid", year=2030, value=70.0, comparator=">=", row="1", **kw) -> Target:
    codes = {"commune": {"commune_code": "11503"}, "province": {"province_code": "31"}, "national": {}}[level]
    return Target(
        level=level, indicator_code=indicator, year=year, comparator=comparator, value=value, unit="%",
        seed_file="001_8aa2a612e45d6613.txt", section="Phụ lục I", row=row, wording_vi=f"dòng {row}",
        **codes, **kw,
    )


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
    a, b = classify([target(value=70, comparator=">="), target(value=70, comparator=">")], DIRECTIONS)
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
