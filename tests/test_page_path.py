"""The page path: no Python callbacks inside polars, and a new snapshot is picked up without restart.

Polars runs Python callbacks (map_elements and the like) on its own thread pool; under concurrent
sessions that deadlocked the server against a thread converting a frame while holding the GIL."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kpi import config
from kpi.accounts import Actor
from kpi.services import values
from kpi.store import publisher
from tests.conftest import CALLBACKS

# The import and plan review pages are only for those who may write: tests/test_import_page.py and
# tests/test_plan_review_page.py render them signed in, with this check; the approval and reporting pages are for
# reviewers (and viewers): tests/test_scope_pages.py renders them as each role, with this check; the entry form is for
# those who may import: tests/test_entry.py renders it signed in.
SIGNED_IN_ONLY = {"import_reports", "plan_review", "approval", "completeness", "entry"}
PAGES = sorted(p.stem for p in (config.ROOT / "pages").glob("*.py") if not p.stem.startswith("_") and p.stem not in SIGNED_IN_ONLY)


def page_path_modules() -> list[Path]:
    """app.py, pages/*.py and every kpi/ module they import, transitively."""
    todo = [config.ROOT / "app.py", *sorted((config.ROOT / "pages").glob("*.py"))]
    seen: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in getattr(node, "names", [])]
            if isinstance(node, ast.ImportFrom) and node.module in ("kpi", "pages"):
                names = [f"{node.module}.{a.name}" for a in node.names]
            for name in names if isinstance(node, ast.Import | ast.ImportFrom) else []:
                if name.split(".")[0] in ("kpi", "pages"):
                    base = config.ROOT.joinpath(*name.split("."))
                    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
                        if candidate.is_file():
                            todo.append(candidate)
    return sorted(seen)


def test_no_python_callbacks_in_polars_in_the_page_path_source():
    modules = page_path_modules()
    assert config.ROOT / "kpi" / "export" / "people.py" in modules and config.ROOT / "pages" / "_filters.py" in modules
    found = [
        f"{path.relative_to(config.ROOT)}:{node.lineno}: .{node.func.attr}(…)"
        for path in modules
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in CALLBACKS
    ]
    assert found == []


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_python_callbacks_in_polars(app_db, no_callbacks, page):
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=90)
    at.query_params["province"] = "31"
    at.query_params["communes"] = "11503"
    at.query_params["indicator"] = "vneid_share" if page == "trajectory" else ""
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    # a filter change reruns the page: the province, else the group where the page shows only that (Danh mục chỉ
    # tiêu), else a plain rerun where it shows none (Phương pháp, Chất lượng dữ liệu: pages._filters.PAGE_FILTERS)
    shown = {box.key for box in at.sidebar.selectbox}
    if "f_province_vi" in shown:
        at.sidebar.selectbox(key="f_province_vi").set_value("51").run()
    elif "f_group_vi" in shown:
        at.sidebar.selectbox(key="f_group_vi").set_value("digital_government").run()
    else:
        at.run()
    assert not at.exception, at.exception
    assert no_callbacks == []


def test_a_running_server_picks_up_a_new_snapshot_at_its_next_rerun(db_path, tmp_path, monkeypatch):
    db = tmp_path / "kpi.duckdb"
    shutil.copy(db_path, db)
    monkeypatch.setenv("KPI_DB", str(db))
    monkeypatch.setenv("KPI_TODAY", "2026-11-22")
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=90)
    at.query_params["province"] = "31"
    at.run()
    assert not at.exception, at.exception
    assert any("chưa xã nào công bố số liệu" in w.value for w in at.warning)
    assert any("(dựng lại dữ liệu)" in c.value for c in at.sidebar.caption)

    report = tmp_path / "a.csv"
    report.write_text("commune_code,indicator_code,period,value,note\n11503,vneid_share,2026-Q3,71,số liệu kiểm thử\n", encoding="utf-8")
    assert values.import_files(db, Actor.server_admin(), [report]).ok  # as `python -m kpi import` or another replica would
    assert publisher.publish_if_pending(db) is not None  # as the publisher beside the server would

    at.run()  # the next rerun of the same, still running session
    assert not at.exception, at.exception
    assert any("xen lẫn số liệu báo cáo" in w.value and "1 giá trị" in w.value for w in at.warning)
    assert any("(công bố số liệu mới ghi nhận)" in c.value for c in at.sidebar.caption)  # which snapshot the page shows
