"""The scoring method, rule by rule, on hand-computed cases; and properties that must always hold."""

from datetime import date

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpi.scoring import MAX_MISSING_SHARE, composite_index, group_scores, score_indicators, widen_groups

AS_OF = date(2026, 9, 30)  # 2026-Q3
QUARTER_ENDS = [date(2025, 3, 31), date(2025, 6, 30), date(2025, 9, 30), date(2025, 12, 31),
                date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30)]


def indicators(**over) -> pl.DataFrame:
    base = {"indicator_code": "x", "group_code": "digital_society", "direction": "higher", "kind": "percent",
            "lower_bound": 0.0, "upper_bound": 100.0}
    return pl.DataFrame([{**base, **over}])


def obs(values, commune="c1", indicator="x", ends=QUARTER_ENDS) -> pl.DataFrame:
    rows = [(commune, indicator, e, float(v)) for e, v in zip(ends, values, strict=False) if v is not None]
    return pl.DataFrame(rows, schema={"commune_code": pl.String, "indicator_code": pl.String, "period_end": pl.Date, "value": pl.Float64}, orient="row")


def targets(*rows, commune="c1", indicator="x") -> pl.DataFrame:
    """rows: (year or None, comparator, value[, value_max])"""
    data = [(commune, indicator, r[0], r[1], float(r[2]), float(r[3]) if len(r) > 3 else None) for r in rows]
    return pl.DataFrame(data, schema={"commune_code": pl.String, "indicator_code": pl.String, "year": pl.Int32,
                                      "comparator": pl.String, "value": pl.Float64, "value_max": pl.Float64}, orient="row")


def score(values, target_rows, **ind) -> dict:
    frame = score_indicators(obs(values), targets(*target_rows), indicators(**ind), AS_OF)
    assert frame.height == 1
    return frame.row(0, named=True)


def test_target_already_met():
    row = score([60, 70, 80, 82, 84, 85, 86], [(2030, ">=", 85)])
    assert row["status"] == "met"
    assert row["attainment"] == 100
    assert row["pace_needed_per_year"] == 0
    assert row["next_milestone_year"] == 2030


def test_attainment_is_value_over_target():
    row = score([40, 42, 44, 46, 48, 50, 51], [(2030, ">=", 85)])
    assert row["attainment"] == pytest.approx(100 * 51 / 85)


def test_baseline_above_target_is_met():
    row = score([90, 90, 91, 91, 92, 92, 92], [(2026, ">=", 80)])
    assert row["status"] == "met" and row["attainment"] == 100


def test_next_milestone_is_the_first_not_yet_past():
    row = score([40, 42, 44, 46, 48, 50, 52], [(2025, ">=", 45), (2026, ">=", 60), (2030, ">=", 85)])
    assert (row["next_milestone_year"], row["target_value"]) == (2026, 60)


def test_required_path_is_piecewise_linear_from_baseline():
    # baseline 40 on 2025-03-31; 2030 target 85 on 2030-12-31
    row = score([40, None, None, None, None, None, 50], [(2030, ">=", 85)])
    t0, t1, t = date(2025, 3, 31), date(2030, 12, 31), AS_OF
    expected = 40 + (85 - 40) * (t - t0).days / (t1 - t0).days
    assert row["required_path_value"] == pytest.approx(expected, rel=1e-3)


def test_path_runs_from_previous_milestone_after_baseline():
    # milestones 2025 (=50) then 2030 (=85): in 2026 the path runs from (2025-12-31, 50) to (2030-12-31, 85)
    row = score([40, 42, 44, 46, 48, 50, 52], [(2025, ">=", 50), (2030, ">=", 85)])
    t0, t1 = date(2025, 12, 31), date(2030, 12, 31)
    expected = 50 + 35 * (AS_OF - t0).days / (t1 - t0).days
    assert row["required_path_value"] == pytest.approx(expected, rel=1e-3)


def test_lower_is_better():
    row = score([20, 18, 16, 14, 12, 11, 10], [(2030, "<=", 5)], direction="lower")
    assert row["attainment"] == pytest.approx(50)
    assert row["pace"] < 0  # falling values: progress for a lower-is-better indicator
    assert row["status"] in ("on_track", "at_risk")
    met = score([20, 18, 16, 14, 12, 8, 4], [(2030, "<=", 5)], direction="lower")
    assert met["status"] == "met" and met["attainment"] == 100


@pytest.mark.parametrize(("latest", "attainment", "status"), [(50, 100, "met"), (30, 75, None), (80, 75, None)])
def test_range_target_is_met_inside_the_range(latest, attainment, status):
    row = score([latest] * 7, [(2030, "range", 40, 60)])
    assert row["attainment"] == pytest.approx(attainment)
    if status:
        assert row["status"] == status
    else:
        assert row["status"] != "met"


def test_yes_no_indicator_scores_0_or_100():
    assert score([0, 0, 0, 0, 0, 0, 0], [(2030, "=", 1)], kind="boolean", upper_bound=1.0)["attainment"] == 0
    assert score([0, 0, 0, 1, 1, 1, 1], [(2030, "=", 1)], kind="boolean", upper_bound=1.0)["status"] == "met"


def test_no_report_in_last_two_quarters_is_no_data():
    row = score([40, 42, 44, 46, 48, None, None], [(2030, ">=", 85)])
    assert row["status"] == "no_data"
    assert row["attainment"] is None
    one_quarter_gap = score([40, 42, 44, 46, 48, 50, None], [(2030, ">=", 85)])
    assert one_quarter_gap["status"] != "no_data"


def test_single_observation_is_on_its_own_path():
    row = score([None, None, None, None, None, None, 50], [(2030, ">=", 85)])
    assert row["baseline"] == row["latest_value"] == 50
    assert row["pace"] is None
    assert row["status"] == "on_track"


def test_pace_and_projection():
    # +2 points a quarter = about +8 a year; 2030 target 85
    row = score([40, 42, 44, 46, 48, 50, 52], [(2030, ">=", 85)])
    assert row["pace"] == pytest.approx(8, rel=0.02)
    years_left = (date(2030, 12, 31) - AS_OF).days / 365.25
    assert row["projected_value"] == pytest.approx(52 + row["pace"] * years_left, rel=1e-3)
    assert row["pace_needed_per_year"] == pytest.approx((85 - 52) / years_left, rel=1e-3)
    assert row["status"] == "on_track"  # projected 52 + 8 * 4.25 = 86 >= 85


def test_at_risk_when_pace_at_least_half_of_needed():
    # needed about (85 - 46) / 4.25 = 9.2 a year; pace 4 * 1.2 = 4.8 a year: >= half, so at risk
    row = score([40, 41, 42, 43.2, 44.4, 45.6, 46.8], [(2030, ">=", 85)])
    assert row["status"] == "at_risk"


def test_off_track_when_pace_below_half_or_falling():
    slow = score([40, 40.5, 41, 41.5, 42, 42.5, 43], [(2030, ">=", 85)])
    assert slow["status"] == "off_track"
    falling = score([50, 49, 48, 47, 46, 45, 44], [(2030, ">=", 85)])
    assert falling["status"] == "off_track"


def test_recurring_target_applies_to_this_year():
    row = score([40, 42, 44, 46, 48, 50, 52], [(None, ">=", 60)])
    assert row["next_milestone_year"] == 2026 and row["target_value"] == 60
    explicit = score([40, 42, 44, 46, 48, 50, 52], [(None, ">=", 60), (2026, ">=", 70)])
    assert explicit["target_value"] == 70


# --- composite index and ranking -------------------------------------------------------------

GROUPS = pl.DataFrame({"group_code": ["a", "b"], "weight": [1.0, 1.0]})


def scores_frame(rows) -> pl.DataFrame:
    """rows: (commune, group, attainment or None)"""
    return pl.DataFrame(
        [(c, f"{c}-{n}", g, a, "no_data" if a is None else "on_track") for n, (c, g, a) in enumerate(rows)],
        schema={"commune_code": pl.String, "indicator_code": pl.String, "group_code": pl.String,
                "attainment": pl.Float64, "status": pl.String}, orient="row",
    )


def communes(*codes, province="p") -> pl.DataFrame:
    return pl.DataFrame({"commune_code": list(codes), "province_code": [province] * len(codes)})


def test_index_is_mean_of_group_means():
    s = scores_frame([("c1", "a", 100), ("c1", "a", 50), ("c1", "b", 20)])
    out = composite_index(s, GROUPS, communes("c1")).row(0, named=True)
    assert group_scores(s, GROUPS, communes("c1")).rows() == [("c1", "a", 75), ("c1", "b", 20)]
    assert out["index"] == pytest.approx(47.5)


def test_group_scores_are_long_and_widened_in_the_groups_order_with_every_group_a_column():
    """The long table commune_group_score holds the groups that have a score; pages and exports see a column per
    group of data/groups.yaml, in its order, whatever the groups are (a new one included)."""
    s = scores_frame([("c1", "b", 40), ("c1", "a", None), ("c2", "a", 90), ("c2", "z", 10)])
    groups = pl.DataFrame({"group_code": ["b", "a", "new"], "weight": [1.0, 1.0, 1.0]})
    long = group_scores(s, groups, communes("c1", "c2"))
    assert long.rows() == [("c1", "b", 40), ("c2", "a", 90)]  # no score, no row; "z" is no group of `groups`
    frame = pl.DataFrame({"commune_code": ["c2", "c1", "c3"], "index": [90.0, 40.0, None], "is_demo": [True] * 3})
    wide = widen_groups(frame, long, groups, after="index")
    assert wide.columns == ["commune_code", "index", "score_b", "score_a", "score_new", "is_demo"]
    assert wide.rows() == [("c2", 90.0, None, 90.0, None, True), ("c1", 40.0, 40.0, None, None, True),
                           ("c3", None, None, None, None, True)]
    assert widen_groups(frame.clear(), long.clear(), groups, after="index").columns == wide.columns


def test_group_weights_apply():
    s = scores_frame([("c1", "a", 100), ("c1", "b", 40)])
    out = composite_index(s, GROUPS.with_columns(weight=pl.Series([3.0, 1.0])), communes("c1")).row(0, named=True)
    assert out["index"] == pytest.approx((3 * 100 + 40) / 4)


def test_missing_share_rule_just_under_and_just_over():
    at_limit = [("c1", "a", 80)] * 4 + [("c1", "b", None)]  # 1 of 5 missing: 20%, index kept
    over = [("c2", "a", 80)] * 3 + [("c2", "b", None)]  # 1 of 4 missing: 25%, no index
    out = composite_index(scores_frame(at_limit + over), GROUPS, communes("c1", "c2"))
    by = {r["commune_code"]: r for r in out.iter_rows(named=True)}
    assert by["c1"]["missing_share"] == pytest.approx(0.2) and by["c1"]["index"] == pytest.approx(80)
    assert by["c2"]["missing_share"] == pytest.approx(0.25) and by["c2"]["index"] is None
    assert by["c2"]["rank_province"] is None
    assert MAX_MISSING_SHARE == 0.2


def test_ties_share_a_rank_and_gap_to_province_average():
    s = scores_frame([("c1", "a", 90), ("c2", "a", 70), ("c3", "a", 70), ("c4", "a", 50)])
    out = composite_index(s, GROUPS, communes("c1", "c2", "c3", "c4"))
    by = {r["commune_code"]: r for r in out.iter_rows(named=True)}
    assert [by[c]["rank_province"] for c in ("c1", "c2", "c3", "c4")] == [1, 2, 2, 4]
    assert by["c1"]["province_average"] == pytest.approx(70)
    assert by["c1"]["gap_to_province_average"] == pytest.approx(20)
    assert by["c4"]["gap_to_province_average"] == pytest.approx(-20)


def test_national_rank_spans_provinces():
    s = scores_frame([("c1", "a", 90), ("c2", "a", 60), ("c3", "a", 80)])
    cs = pl.concat([communes("c1", "c2", province="p1"), communes("c3", province="p2")])
    by = {r["commune_code"]: r for r in composite_index(s, GROUPS, cs).iter_rows(named=True)}
    assert (by["c1"]["rank_national"], by["c3"]["rank_national"], by["c2"]["rank_national"]) == (1, 2, 3)
    assert by["c3"]["rank_province"] == 1 and by["c2"]["rank_province"] == 2


# --- properties ------------------------------------------------------------------------------

values = st.floats(min_value=0, max_value=100, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(
    series=st.lists(st.one_of(st.none(), values), min_size=7, max_size=7),
    target=st.floats(min_value=0, max_value=100, allow_nan=False),
    comparator=st.sampled_from([">=", ">", "=", "<=", "<", "strive"]),
    direction=st.sampled_from(["higher", "lower"]),
)
def test_attainment_always_between_0_and_100(series, target, comparator, direction):
    frame = score_indicators(obs(series), targets((2030, comparator, target)), indicators(direction=direction), AS_OF)
    if frame.height and frame["attainment"][0] is not None:
        assert 0 <= frame["attainment"][0] <= 100
    if frame.height:
        assert frame["status"][0] in ("met", "on_track", "at_risk", "off_track", "no_data")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=100, allow_nan=False), min_size=2, max_size=30))
def test_rank_order_follows_index_order(attainments):
    codes = [f"c{n}" for n in range(len(attainments))]
    s = scores_frame([(c, "a", a) for c, a in zip(codes, attainments, strict=True)])
    out = composite_index(s, GROUPS, communes(*codes))
    rows = out.iter_rows(named=True)
    pairs = [(r["index"], r["rank_province"]) for r in rows]
    for ia, ra in pairs:
        for ib, rb in pairs:
            if ia > ib:
                assert ra < rb
            elif ia == ib:
                assert ra == rb


def test_pace_arrows_follow_the_sdg_dashboards():
    from kpi.scoring import pace_arrow

    frame = pl.DataFrame({
        "status": ["met", "on_track", "at_risk", "off_track", "off_track", "off_track", "no_data", "off_track"],
        "pace": [0.0, 5.0, 3.0, 1.0, -1.0, 2.0, None, None],
        "needed": [None, 4.0, 5.0, 6.0, 6.0, -3.0, 4.0, 4.0],  # -3: a lower-is-better target, pace 2 moves away
    })
    arrows = frame.select(pace_arrow(pl.col("status"), pl.col("pace"), pl.col("needed")).alias("a"))["a"].to_list()
    assert arrows == ["↑", "↑", "➚", "→", "↓", "↓", "", ""]


def test_a_chosen_milestone_is_scored_as_if_it_were_the_next():
    values, rows = [40, 42, 44, 46, 48, 50, 52], [(2025, ">=", 45), (2030, ">=", 85), (2045, ">=", 100)]
    default = score_indicators(obs(values), targets(*rows), indicators(), AS_OF).row(0, named=True)
    assert score_indicators(obs(values), targets(*rows), indicators(), AS_OF, 2030).row(0, named=True) == default
    later = score_indicators(obs(values), targets(*rows), indicators(), AS_OF, 2045).row(0, named=True)
    # the same rules against the 2045 target, the path from the 2025 milestone straight to 2045 (2030 skipped)
    assert (later["next_milestone_year"], later["target_value"]) == (2045, 100)
    assert later["attainment"] == pytest.approx(52.0) and later["attainment"] < default["attainment"]
    years_left = ((date(2045, 12, 31) - date(2026, 9, 30)).days) / 365.25
    assert later["pace_needed_per_year"] == pytest.approx((100 - 52) / years_left)
    share = ((date(2026, 9, 30) - date(2025, 12, 31)).days) / ((date(2045, 12, 31) - date(2025, 12, 31)).days)
    assert later["required_path_value"] == pytest.approx(45 + (100 - 45) * share, rel=1e-6)
    # a milestone with only the recurring yearly target: that target, as for any year
    yearly = score_indicators(obs(values), targets(*rows, (None, ">=", 30)), indicators(), AS_OF, 2040).row(0, named=True)
    assert (yearly["next_milestone_year"], yearly["target_value"], yearly["status"]) == (2040, 30, "met")
    assert score_indicators(obs(values), targets((2030, ">=", 85)), indicators(), AS_OF, 2045).height == 0


def test_the_overview_queries_combine_statuses_by_the_stated_rule(con):
    """queries/overview_status.sql (a commune's status per group) and overview_headline.sql (communes off track
    overall) follow kpi.scoring.combined_status, as the map does (kpi.geo.overall_status): in Hải Phòng a group
    of two indicators, one off track and one on track, is at risk, where the former rule (a tie to the worse)
    made it off track."""
    from kpi.db import run
    from kpi.scoring import combined_statuses

    scores = run(con, "scores", period="2026-Q3", province="31", commune=None, group=None)
    per_group = combined_statuses(scores, ["commune_code", "group_code"])
    expected = per_group.group_by("group_code", "status").len("communes")
    got = run(con, "overview_status", province="31", period="2026-Q3", group=None).select("group_code", "status", "communes")
    assert sorted(got.iter_rows()) == sorted(expected.select("group_code", "status", pl.col("communes").cast(got["communes"].dtype)).iter_rows())
    pairs = scores.group_by("commune_code", "group_code").agg(pl.col("status").sort())
    ties = pairs.filter(pl.col("status") == ["off_track", "on_track"])
    assert ties.height, "the data have the case: a two-indicator group split off track / on track"
    shown = per_group.join(ties.select("commune_code", "group_code"), on=["commune_code", "group_code"])
    assert set(shown["status"]) == {"at_risk"}
    overall = combined_statuses(scores, ["commune_code"])
    head = run(con, "overview_headline", province="31", period="2026-Q3", previous=None, group=None).row(0, named=True)
    assert head["communes_off_track"] == overall.filter(pl.col("status") == "off_track").height
