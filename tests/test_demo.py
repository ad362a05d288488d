"""The demo generator: deterministic, within bounds, the promised coverage, flagged everywhere."""

import hashlib
from pathlib import Path

import polars as pl

from kpi.build import DemoSettings, build
from kpi.db import connect, run
from kpi.demo import MISSING_SHARE, SEED_PROVINCES
from kpi.export import csv_bytes, dataset_frame
from tests.conftest import TODAY  # last closed quarter 2026-Q3: 7 quarters from 2025-Q1


def export_hash(db: Path) -> str:
    with connect(db) as con:
        digest = hashlib.sha256()
        for name in ("observations", "units", "targets"):
            digest.update(csv_bytes(dataset_frame(con, name)))
        digest.update(csv_bytes(con.sql("SELECT * FROM task_status ORDER BY task_id").pl()))
    return digest.hexdigest()


def test_same_seed_gives_identical_contents(seeds_db, tmp_path):
    again = tmp_path / "again.duckdb"
    build(again, demo=DemoSettings("seeds", 57, TODAY))
    assert export_hash(again) == export_hash(seeds_db)


def test_other_seed_gives_other_values(seeds_db, tmp_path):
    other = tmp_path / "other.duckdb"
    build(other, demo=DemoSettings("seeds", 58, TODAY))
    assert export_hash(other) != export_hash(seeds_db)


def test_values_within_indicator_bounds(db_path):
    with connect(db_path) as con:
        outside = con.execute(
            "SELECT count(*) FROM observation o JOIN indicator i USING (indicator_code) "
            "WHERE o.value < i.lower_bound OR o.value > i.upper_bound"
        ).fetchall()[0][0]
        yes_no = con.sql(
            "SELECT DISTINCT o.value FROM observation o JOIN indicator i USING (indicator_code) WHERE i.kind = 'boolean'"
        ).fetchall()
    assert outside == 0
    assert {v for (v,) in yes_no} <= {0.0, 1.0}


def coverage(db: Path) -> tuple[int, int, int, int, set[str]]:
    with connect(db) as con:
        rows, communes = con.execute("SELECT count(*), count(DISTINCT commune_code) FROM observation").fetchall()[0]
        # communes report on the commune indicators, never on those national in nature
        indicators = con.execute("SELECT count(*) FROM indicator WHERE scope = 'commune'").fetchall()[0][0]
        quarters = con.execute("SELECT count(DISTINCT period) FROM observation").fetchall()[0][0]
        provinces = {p for (p,) in con.sql("SELECT DISTINCT province_code FROM observation JOIN commune USING (commune_code)").fetchall()}
    return rows, communes, indicators, quarters, provinces


def assert_coverage(rows: int, communes: int, indicators: int, quarters: int) -> None:
    expected = communes * indicators * quarters
    assert quarters == 7  # 2025-Q1 .. 2026-Q3
    assert expected * (1 - MISSING_SHARE - 0.02) <= rows <= expected * (1 - MISSING_SHARE + 0.02)
    assert rows < expected  # some reports are missing


def test_seeds_scope_covers_the_five_communes(seeds_db):
    rows, communes, indicators, quarters, _ = coverage(seeds_db)
    assert communes == 5
    assert_coverage(rows, communes, indicators, quarters)


def test_provinces_scope_covers_every_commune_of_the_seed_provinces(db_path):
    rows, communes, indicators, quarters, provinces = coverage(db_path)
    with connect(db_path) as con:
        expected_communes = run(con, "units", province=None).filter(pl.col("province_code").is_in(SEED_PROVINCES)).height
    assert provinces == set(SEED_PROVINCES)
    assert communes == expected_communes
    assert_coverage(rows, communes, indicators, quarters)


def test_trajectories_mostly_rise_some_fall(db_path):
    with connect(db_path) as con:
        change = con.sql(
            """
            SELECT f.commune_code,
                   avg(CASE WHEN i.direction = 'higher' THEN l.value - f.value ELSE f.value - l.value END
                       / (i.upper_bound - i.lower_bound)) AS gain
            FROM observation f
            JOIN observation l ON l.commune_code = f.commune_code AND l.indicator_code = f.indicator_code
            JOIN indicator i ON i.indicator_code = f.indicator_code
            WHERE f.period = '2025-Q1' AND l.period = '2026-Q3' AND i.kind <> 'boolean'
            GROUP BY ALL
            """
        ).pl()
    improving = (change["gain"] > 0).mean()
    falling = (change["gain"] < 0).mean()
    assert improving > 0.7
    assert 0 < falling < 0.2


def test_demo_flag_in_database_and_exports(db_path, tmp_path):
    with connect(db_path) as con:
        flags = con.sql("SELECT DISTINCT is_demo, source FROM observation").fetchall()
        info = dict(con.sql("SELECT key, value FROM build_info").fetchall())
        statuses = con.sql("SELECT DISTINCT status FROM task_status").fetchall()
        task_demo = con.execute("SELECT bool_and(is_demo) FROM task_status").fetchall()[0][0]
    assert flags == [(True, "demo")]
    assert info["demo_scope"] == "provinces"
    assert {s for (s,) in statuses} == {"done_verified", "done_awaiting_evidence", "in_progress", "not_started"}
    assert task_demo
    import subprocess
    import sys

    from kpi import config

    out = tmp_path / "obs.csv"
    proc = subprocess.run(
        [sys.executable, "-m", "kpi", "export", "observations", "--db", str(db_path), "--format", "csv", "-o", str(out)],
        capture_output=True, text=True, cwd=config.ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    assert "là dữ liệu minh họa, không phải báo cáo của xã" in proc.stderr
    frame = pl.read_csv(out, schema_overrides={"commune_code": pl.String, "province_code": pl.String})
    assert frame.columns == ["province_code", "commune_code", "indicator_code", "period", "value", "is_demo", "source"]
    assert frame["is_demo"].all()


def test_demo_levels_follow_the_plans_targets_not_the_bounds(db_path):
    """An indicator only one plan targets still gets plausible demo values everywhere: communes aim
    at the typical target of the plans (Ân Hảo's 72 million income, Ya Ly's 6,5%/yr productivity,
    Ân Hảo's 1–2 OCOP brands a year), not at a level set by the indicator's generous bounds."""
    from kpi.db import connect

    with connect(db_path) as con:
        top = dict(con.sql("SELECT indicator_code, max(value) FROM observation GROUP BY 1").fetchall())
    # a commune may beat its target a little, never by a factor set by the bounds (1000, 100, 50, 20)
    assert top["average_income_per_capita"] <= 1.5 * 72
    assert top["labour_productivity_growth"] <= 1.5 * 6.5
    assert top["ocop_digital_brand_products"] <= 1.5 * 2


def test_no_demo_reports_for_indicators_national_in_nature(db_path):
    from kpi.db import connect

    with connect(db_path) as con:
        scopes = dict(con.sql("SELECT i.scope, count(o.indicator_code) FROM indicator i "
                              "LEFT JOIN observation o USING (indicator_code) GROUP BY 1").fetchall())
    assert scopes["national"] == 0 and scopes["commune"] > 0
