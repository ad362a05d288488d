"""Lộ trình's required path (issue 32 item 4): up to the latest report it is the schedule the status reads (on
track: the latest value at or above it), and from the latest report on it starts from the better of the latest
value and the schedule's value then, never dipping back to a target already passed (mirrored when lower is
better). Hand-computed: 60 by 2025 and 80 by 2030 put the schedule at 62.99 on 30/09/2026 (60 + 20 x 273/1826)."""

from datetime import date

import polars as pl
import pytest

from kpi import charts
from kpi.methodology import method
from kpi.scoring import score_indicators
from tests.test_scoring import AS_OF, QUARTER_ENDS, indicators, obs, targets

SCHEDULE_NOW = 60 + 20 * 273 / 1826  # between 60 (31/12/2025) and 80 (31/12/2030), on 30/09/2026


def drawn_path(values, target_rows, **ind) -> tuple[list[tuple[date, float]], dict]:
    """The dashed line Lộ trình draws for one commune (kpi.charts.trajectory), and the commune's score."""
    scores = score_indicators(obs(values), targets(*target_rows), indicators(**ind), AS_OF).with_columns(
        direction=pl.lit(ind.get("direction", "higher")))
    reported = obs(values).with_columns(commune_name=pl.lit("Xã Một"), province_average=pl.lit(None, pl.Float64))
    marks = targets(*target_rows).select("commune_code", "year", "comparator", "value")
    fig = charts.trajectory(reported, scores, marks, "vi", "%", 2030)
    (path,) = [tr for tr in fig.data if tr.name.endswith("lộ trình bắt buộc")]
    return [(date.fromisoformat(str(x)[:10]), y) for x, y in zip(path.x, path.y, strict=True)], scores.row(0, named=True)


def after(path, day: date) -> list[float]:
    """The path's values from `day` on (its first point at `day` is the schedule, the next where the rest starts)."""
    return [v for d, v in path if d >= day]


@pytest.mark.parametrize(("latest", "start"), [(75.0, 75.0), (85.0, 85.0)])
def test_a_milestone_met_early_the_rest_starts_from_the_value_reached(latest, start):
    path, score = drawn_path([50, 54, 58, 66, 70, 72, latest], [(2025, ">=", 60), (2030, ">=", 80)])
    assert (date(2025, 12, 31), 60.0) in path, "the passed milestone stays on the schedule"
    assert after(path, AS_OF)[0] == pytest.approx(SCHEDULE_NOW) == score["required_path_value"]
    assert after(path, AS_OF)[1] == start and min(after(path, AS_OF)[1:]) >= latest, path  # never back to 60
    assert path[-1] == (date(2030, 12, 31), max(80.0, latest))  # above the 2030 target already: the path keeps 85
    assert score["status"] == ("on_track" if latest < 80 else "met")  # at or above the schedule: as drawn


def test_behind_the_schedule_the_rest_starts_where_the_schedule_is_and_the_status_says_so():
    path, score = drawn_path([50, 55, 58, 61, 61, 61, 61], [(2025, ">=", 60), (2030, ">=", 80)])
    rest = after(path, AS_OF)
    assert rest[0] == pytest.approx(SCHEDULE_NOW) and len(rest) == 2 and rest[1] == 80.0, "no step: the point is below"
    assert score["latest_value"] < rest[0] and score["status"] in ("at_risk", "off_track")
    assert score["pace_needed_per_year"] == pytest.approx((80 - 61) / ((date(2030, 12, 31) - AS_OF).days / 365.25))


def test_lower_is_better_mirrors_the_rule():
    path, score = drawn_path([30, 28, 25, 21, 18, 15, 12], [(2025, "<=", 20), (2030, "<=", 10)], direction="lower")
    rest = after(path, AS_OF)
    assert rest[0] == pytest.approx(20 - 10 * 273 / 1826) and rest[1] == 12.0 and max(rest[1:]) <= 12.0, path
    assert score["status"] == "on_track"


def test_the_methodology_says_how_the_path_is_drawn():
    assert "bắt đầu\n   từ mức cao hơn" in method("vi") and "from 75% to 80%" in method("en")
    assert len(QUARTER_ENDS) == 7  # the hand-computed figures above assume the seven quarters of tests/test_scoring.py


def test_a_passed_target_under_the_baseline_never_pulls_the_path_down():
    """Việt Khê's fixed broadband as the demo draws it: 76 at the start, 60 by 2025, 100 by 2030. The path keeps
    76 to 2025 (it drew 76 → 60 → 100), and the status reads that same path: 72 in Q3/2026 is behind it."""
    path, score = drawn_path([76, 77, 79, 81, 80, 79, 80], [(2025, ">=", 60), (2030, ">=", 100)])
    now = 76 + 24 * 273 / 1826
    assert min(v for _, v in path) == 76.0 and (date(2025, 12, 31), 76.0) in path, path
    assert after(path, AS_OF)[0] == pytest.approx(now) == score["required_path_value"]
    assert score["status"] == "on_track"  # 80 at or above 79.59
    _, behind = drawn_path([76, 77, 79, 81, 76, 74, 72], [(2025, ">=", 60), (2030, ">=", 100)])
    assert behind["required_path_value"] == pytest.approx(now) and behind["status"] != "on_track"
