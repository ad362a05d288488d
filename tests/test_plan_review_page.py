"""Trích xuất kế hoạch under AppTest: only reviewers and administrators see it; a plan uploaded for a
commune of the reviewer's province shows its candidates beside their source lines (plain text: a link in the
plan is never one on the page); nothing is saved until a person accepts and saves; what is saved is a saved
plan in data/saved_plans with its document, audited, in the next build; saved twice, it is refused; an account
removed before the write saves nothing."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from kpi import config, saved_plans
from kpi.accounts import Actor, audit
from kpi.db import connect
from kpi.services import accounts
from tests.test_import_page import AUTH, shown, signed_in

SEED = config.SEEDS_DIR / "000_ed387def56e3d433.txt"  # Ya Ly's plan, brought in as if for another commune
COMMUNE = "10510"  # a commune of Hải Phòng (31) without a plan in data/plans
NAME = "ke-hoach-chuyen-doi-so-thanh-dong-2025.txt"  # as the commune named it: no seed has this name
LINKS = ("Xem thêm tại https://evil.example/phish và [bấm vào đây](https://evil.example/x), www.evil.example, "
         "<a href='https://evil.example/a'>liên kết</a> hoặc <https://evil.example/b>")


def plan_with_links() -> bytes:
    """The seed plan with a line of links and markdown right after its first target's line (so the source
    view of the first candidate shows it)."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    first = next(n for n, line in enumerate(lines) if line.strip().startswith("- 100% cán bộ, công chức của xã"))
    return "\n".join([*lines[:first + 1], LINKS, *lines[first + 1:]]).encode()


@pytest.fixture()
def import_db(db_path, tmp_path, monkeypatch) -> Path:
    """A private copy of the session database with one account of each role (in its store of record)."""
    path = tmp_path / "kpi.duckdb"
    shutil.copy(db_path, path)
    monkeypatch.setenv("KPI_DB", str(path))
    monkeypatch.setenv("KPI_TODAY", "2026-11-22")
    for email, scope in {"editor@vietkhe.gov.vn": dict(role="commune_editor", communes=["11503"]),
                         "reviewer@haiphong.gov.vn": dict(role="province_reviewer", province="31"),
                         "viewer@haiphong.gov.vn": dict(role="viewer"), "admin@haiphong.gov.vn": dict(role="admin")}.items():
        accounts.add_user(path, Actor.server_admin(), email, **scope)
    return path


def plan_audits() -> list[tuple]:
    """The plan saves' audit rows in the store of record."""
    return audit.log(config.default_db()).filter(action="plan_extract").select("actor", "action", "files", "sha256").rows()


@pytest.fixture()
def data_copy_env(import_db, tmp_path, monkeypatch) -> Path:
    target = tmp_path / "data"
    shutil.copytree(config.DATA_DIR, target, ignore=shutil.ignore_patterns("*.duckdb*", ".*"))
    monkeypatch.setattr(config, "DATA_DIR", target)
    monkeypatch.setenv("KPI_DATA", str(target))
    return target


def open_review(email: str, province: str = "31"):
    at = signed_in(email)
    at.query_params["province"] = province
    at.switch_page("pages/plan_review.py").run()
    assert not at.exception, at.exception
    return at


def test_only_reviewers_and_administrators_have_the_page(import_db):
    for email in ("editor@vietkhe.gov.vn", "viewer@haiphong.gov.vn"):
        at = signed_in(email)
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page("pages/plan_review.py").run()


def test_a_reviewer_reviews_and_saves_and_the_next_build_includes_them(data_copy_env, tmp_path, no_callbacks):
    at = open_review("reviewer@haiphong.gov.vn")
    box = at.selectbox(key="extract_commune")
    assert "Xã Việt Khê (11503)" in box.options and len(box.options) == 114  # Hải Phòng's communes (the reviewer's province)
    box.set_value(COMMUNE).run()
    at.file_uploader(key="extract_file").set_value([(NAME, SEED.read_bytes(), "text/plain")]).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Chỉ tiêu tìm được"]) >= 14 and int(metrics["Nhiệm vụ"]) >= 30
    source = " ".join(h.value for h in at.html)
    assert "<strong style=\"background-color: rgba(255, 164, 33, 0.1)\">" in source  # the source lines, numbers highlighted
    save = at.button(key="extract_save")
    assert save.disabled  # nothing accepted yet: nothing can be saved
    assert saved_plans.folders(data_copy_env) == []

    at.toggle(key="extract_preset").set_value(True).run()
    at.button(key="extract_save").click().run()
    assert not at.exception, at.exception
    assert any("Đã lưu" in s.value for s in at.success), [s.value for s in at.success] + [e.value for e in at.error]
    assert no_callbacks == []  # the page path (extraction runs in a child process) calls no Python inside polars
    [folder] = saved_plans.folders(data_copy_env)
    manifest = saved_plans.read_manifest(folder)
    assert (manifest.document, manifest.saved_by, manifest.commune_code) == (NAME, "reviewer@haiphong.gov.vn", COMMUNE)
    assert (folder / manifest.kept).read_bytes() == SEED.read_bytes()  # the plan itself, kept by its sha256
    saved = pl.read_csv(folder / "targets.csv", infer_schema_length=0)
    assert saved["commune_code"].unique().to_list() == [COMMUNE] and saved.height >= 14
    assert saved["seed_file"].unique().to_list() == [manifest.kept] and saved["wording_vi"].str.len_chars().min() > 0
    assert saved["note"].str.contains("reviewer@haiphong.gov.vn").all()
    tasks = pl.read_csv(folder / "tasks.csv", infer_schema_length=0)
    assert tasks.height >= 30 and tasks["seq"].n_unique() == tasks.height
    assert not (data_copy_env / "plans" / f"{COMMUNE}.csv").exists()  # the curated plans are left as they were
    assert plan_audits() == [("reviewer@haiphong.gov.vn", "plan_extract", f"saved_plans/{folder.name}", manifest.sha256)]

    # saved again: refused, every row named with when and by whom it was saved; nothing more written
    at.button(key="extract_save").click().run()
    assert not at.exception and not at.success
    assert any("Chưa lưu gì" in e.value for e in at.error)
    refused = at.dataframe[-1].value
    assert refused.shape[0] == saved.height + tasks.height
    assert refused.iloc[:, 3].str.contains(f"đã được lưu lúc {manifest.when('vi')} \\(giờ Việt Nam\\) bởi "
                                          "reviewer@haiphong.gov.vn").all()
    assert saved_plans.folders(data_copy_env) == [folder]

    db = tmp_path / "next.duckdb"
    env = {"KPI_DATA": str(data_copy_env), "PATH": "/usr/bin:/bin"}
    built = subprocess.run([sys.executable, "-m", "kpi", "build", "--db", str(db)], capture_output=True, text=True,
                           cwd=config.ROOT, env=env, timeout=300)
    assert built.returncode == 0, built.stderr  # a plan not among the seeds no longer stops the build
    with connect(db) as con:
        n = con.sql(f"SELECT count(*) FROM plan_target WHERE commune_code = '{COMMUNE}' AND seed_file = '{manifest.kept}'").fetchall()[0][0]
        m = con.sql(f"SELECT count(*) FROM task WHERE commune_code = '{COMMUNE}'").fetchall()[0][0]
    assert (n, m) == (saved.height, tasks.height)


def test_an_account_removed_just_before_the_write_saves_nothing(data_copy_env, monkeypatch):
    """The page checked the role when it was drawn; the account is removed in the store of record just before
    the save's transaction: the save reads the role again there and refuses."""
    at = open_review("reviewer@haiphong.gov.vn")
    at.selectbox(key="extract_commune").set_value(COMMUNE).run()
    at.file_uploader(key="extract_file").set_value([(NAME, SEED.read_bytes(), "text/plain")]).run()
    assert not at.exception and not at.error, [e.value for e in at.error]  # extracted (CI once: not, unsaid)
    at.toggle(key="extract_preset").set_value(True).run()
    real = saved_plans.start

    def removed_first(data_dir, save_id):  # the folder is about to be written; the transaction comes after
        accounts.remove_user(config.default_db(), Actor.server_admin(), "reviewer@haiphong.gov.vn")
        return real(data_dir, save_id)

    monkeypatch.setattr(saved_plans, "start", removed_first)
    at.button(key="extract_save").click().run()
    assert not at.exception and not at.success
    assert any("Không ghi: reviewer@haiphong.gov.vn (Người xem) không được" in shown(e.value) for e in at.error), \
        [e.value for e in at.error]
    assert not any("may not" in shown(e.value) for e in at.error), "one language: the reader's (issue 32, item 8)"
    assert saved_plans.folders(data_copy_env) == [] and not (data_copy_env / "plans" / f"{COMMUNE}.csv").exists()
    assert not (data_copy_env / "tasks" / f"{COMMUNE}.csv").exists()
    assert plan_audits() == [] and list(saved_plans.root(data_copy_env).glob(".*")) == []


def test_the_source_view_shows_links_in_the_plan_as_plain_text(data_copy_env):
    """A plan's URLs, markdown links and HTML reach the page as text: escaped HTML, no markdown (which makes any
    address a link, escaped or not: the browser test shows the page itself), the numbers still highlighted."""
    at = open_review("reviewer@haiphong.gov.vn")
    at.selectbox(key="extract_commune").set_value(COMMUNE).run()
    at.file_uploader(key="extract_file").set_value([(NAME, plan_with_links(), "text/plain")]).run()
    assert not at.exception and not at.error
    assert not [m.value for m in at.markdown if "evil" in m.value]  # never markdown
    [source] = [h.value for h in at.html if "evil" in h.value]
    assert ">100%</strong>" in source and "▶" in source
    assert re.findall(r"<(?!/?(?:div|code|strong)\b)", source) == []  # no tag but the view's own
    assert html.unescape(re.sub(r"<[^>]+>", "", source)).count(LINKS) == 1  # the line as the plan writes it


def test_a_file_that_cannot_be_read_is_named_and_nothing_is_saved(data_copy_env):
    at = open_review("admin@haiphong.gov.vn")
    at.selectbox(key="extract_commune").set_value(COMMUNE).run()
    at.file_uploader(key="extract_file").set_value([("ke-hoach.pdf", b"%PDF-1.4 broken", "application/pdf")]).run()
    assert not at.exception
    assert any("ke-hoach.pdf: không đọc được tệp PDF" in shown(e.value) for e in at.error)
    assert not (data_copy_env / "plans" / f"{COMMUNE}.csv").exists()


def test_the_page_in_english(data_copy_env):
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=90)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email_verified": True, "email": "reviewer@haiphong.gov.vn"}
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/plan_review.py").run()
    assert [t.value for t in at.title] == ["Targets and tasks from a commune's plan"]
    at.selectbox(key="extract_commune").set_value(COMMUNE).run()
    at.file_uploader(key="extract_file").set_value([(SEED.name, SEED.read_bytes(), "text/plain")]).run()
    assert not at.exception and not at.error
    assert {m.label for m in at.metric} == {"Targets found", "Proposed new indicators", "Without a year", "Tasks"}
    assert [s.value for s in at.subheader] == ["Targets", "Source lines", "Tasks"]
    assert any("the cited line" in c.value for c in at.caption)
