"""The import page under AppTest, signed in as each role: the dry-run preview with every error, rows
outside the editor's scope refused by row, a write only for those whose role and scope allow it (checked
again at the write), rollback for reviewers within their province, and who did it in the batch list."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kpi import config
from kpi.accounts import AccessDenied, Actor
from kpi.db import connect
from kpi.services import values
from kpi.services.accounts import add_user, remove_user
from kpi.store.publisher import publish_if_pending

CORPUS = Path(__file__).parent / "corpus" / "imports"
# Sign-in settings as a province would put them in .streamlit/secrets.toml; AppTest never calls the
# provider (the browser tests in test_accounts_browser.py do, with a real one).
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test-only-not-a-secret",
        "client_id": "kpi", "client_secret": "test-only", "server_metadata_url": "http://localhost:1/.well-known/openid-configuration"}
# Each row with its reason (Ghi chú): a value far from the commune's demo history needs one (kpi.entry.checks).
OWN = ("own.csv", "commune_code,indicator_code,period,value,note\n11503,vneid_share,2026-Q3,72.5,đợt cấp tập trung\n"
       "11503,online_public_service_usage_share,2026-Q2,81,cổng mới\n")
HAI_PHONG_OTHER = ("other.csv", "commune_code,indicator_code,period,value,note\n10510,vneid_share,2026-Q3,70,đợt cấp tập trung\n")


@pytest.fixture()
def import_db(db_path, tmp_path, monkeypatch) -> Path:
    """A private copy of the session database with one account of each role: this page writes."""
    path = tmp_path / "kpi.duckdb"
    shutil.copy(db_path, path)
    monkeypatch.setenv("KPI_DB", str(path))
    monkeypatch.setenv("KPI_TODAY", "2026-11-22")
    admin = Actor.server_admin()
    add_user(path, admin, "editor@vietkhe.gov.vn", "commune_editor", communes=["11503"])
    add_user(path, admin, "reviewer@haiphong.gov.vn", "province_reviewer", province="31")
    add_user(path, admin, "reviewer@thainguyen.gov.vn", "province_reviewer", province="19")
    add_user(path, admin, "viewer@haiphong.gov.vn", "viewer")
    add_user(path, admin, "admin@haiphong.gov.vn", "admin")
    return path


def signed_in(email: str | None, *, configured: bool = True, timeout: float = 90) -> AppTest:
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=timeout)
    if configured:
        at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": email is not None, **({"email": email, "email_verified": True} if email else {})}
    at.run()
    assert not at.exception, at.exception
    return at


def open_import(email: str) -> AppTest:
    at = signed_in(email)
    at.switch_page("pages/import_reports.py").run()
    assert not at.exception, at.exception
    return at


def upload(at: AppTest, *files: str | tuple[str, str]) -> AppTest:
    given = [(f, (CORPUS / f).read_bytes(), "text/csv") if isinstance(f, str) else (f[0], f[1].encode(), "text/csv")
             for f in files]
    at.file_uploader(key="import_files").set_value(given).run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> str:
    """The page's messages as displayed (markdown escapes removed)."""
    return shown(" | ".join([e.value for e in at.error] + [s.value for s in at.success] + [w.value for w in at.warning]))


def real_values(db: Path) -> list[tuple]:
    """The imported values on the dashboard, once what is recorded is published (kpi.store.publisher)."""
    publish_if_pending(db)
    with connect(db) as con:
        return con.sql(
            "SELECT commune_code, indicator_code, period, value, source FROM observation WHERE NOT is_demo ORDER BY ALL"
        ).fetchall()


def import_page_listed(at: AppTest) -> bool:
    """Whether the navigation registers the import page for this session (AppTest refuses to switch to
    a page the app did not register, as the browser shows "Page not found")."""
    registered = [str(p) for p in at.get_registered_pages()] if hasattr(at, "get_registered_pages") else None
    try:
        at.switch_page("pages/import_reports.py").run()
    except ValueError as exc:
        assert "Could not find a navigation page" in str(exc)
        return False
    return registered is None or any("import_reports" in p for p in registered)


def test_without_sign_in_configured_nobody_can_write(import_db):
    at = signed_in(None, configured=False)
    captions = [c.value for c in at.sidebar.caption]
    assert "Đăng nhập chưa được bật trên máy chủ này; bạn đang xem ở chế độ chỉ đọc." in captions
    assert not any("[auth]" in c or "secrets.toml" in c for c in captions), "the how-to is the operator's (README, log)"
    assert not at.sidebar.button, "no sign-in button when sign-in is not configured"
    assert not import_page_listed(at)


def test_a_reader_signs_in_and_a_viewer_sees_no_write_page(import_db):
    at = signed_in(None)
    assert [b.label for b in at.sidebar.button] == ["Đăng nhập"]
    assert not import_page_listed(at)

    at = signed_in("viewer@haiphong.gov.vn")
    assert "Đã đăng nhập: viewer@haiphong.gov.vn" in [t.value for t in at.sidebar.text]
    assert any("Người xem" in c.value for c in at.sidebar.caption)
    assert [b.label for b in at.sidebar.button] == ["Đăng xuất"]
    assert not import_page_listed(at)

    at = signed_in("stranger@example.org")  # signed in, but no account: reads only
    assert any("chưa được cấp quyền" in c.value for c in at.sidebar.caption)
    assert not import_page_listed(at)


def test_a_commune_editor_imports_their_own_commune_and_is_refused_another(import_db):
    at = open_import("editor@vietkhe.gov.vn")
    assert any("Cán bộ nhập liệu xã" in c.value and "Xã Việt Khê, Thành phố Hải Phòng" in c.value for c in at.sidebar.caption)
    upload(at, "good_utf8_bom.csv")  # 11503 (theirs) and 05851 (Quân Chu's)
    assert "1 lỗi" in texts(at)
    assert at.dataframe[0].value.to_dict("records") == [
        {"Tệp": "good_utf8_bom.csv", "Dòng": 3, "Trường": "commune_code",
         "Lỗi": "xã 05851 nằm ngoài phạm vi của bạn"},
    ]
    assert not [b for b in at.button if b.label.startswith("Xác nhận")], "a file with rows outside the scope cannot be confirmed"

    upload(at, OWN)
    assert "Tất cả các dòng hợp lệ" in texts(at)
    next(b for b in at.button if b.label.startswith("Xác nhận")).click().run()
    assert "Đã nhập lô 1: 2 giá trị mới, 0 giá trị cập nhật, 0 giá trị không đổi." in texts(at)  # not the CLI's English
    assert "Đã ghi nhận lúc" in texts(at) and "bảng điều khiển cập nhật sau khoảng" in texts(at)
    batches = at.dataframe[-1].value  # their batch at once, from the store, not on the dashboard yet
    assert list(batches["Người nhập"]) == ["editor@vietkhe.gov.vn"]
    assert list(batches["Trên bảng điều khiển"]) == ["chờ cập nhật"]
    assert "rollback_batch" not in [s.key for s in at.selectbox], "an editor rolls nothing back"
    assert [v[0] for v in real_values(import_db)] == ["11503", "11503"]
    at.run()
    assert list(at.dataframe[-1].value["Trên bảng điều khiển"]) == ["đã cập nhật"]
    with connect(import_db) as con:
        assert con.sql("SELECT actor, role, action, files, batch_id FROM audit_log WHERE action = 'import'").fetchall() == [
            ("editor@vietkhe.gov.vn", "commune_editor", "import", "own.csv", 1)]


def test_an_editor_removed_meanwhile_writes_nothing(import_db):
    """Removed after the page checked the file: the confirmation finds no write page any more (and kpi
    refuses a stale role at the write itself: tests/test_accounts.py)."""
    at = upload(open_import("editor@vietkhe.gov.vn"), OWN)
    assert "Tất cả các dòng hợp lệ" in texts(at)
    remove_user(import_db, Actor.server_admin(), "editor@vietkhe.gov.vn")
    next(b for b in at.button if b.label.startswith("Xác nhận")).click().run()
    assert not at.exception, at.exception
    assert not any(t.value == "Nhập số liệu báo cáo của xã" for t in at.title)
    assert any("phiên đăng nhập này đã kết thúc" in w.value for w in at.sidebar.warning)  # the removal ended it
    assert real_values(import_db) == [] and values.batches(import_db).height == 0


def rollback_button(at: AppTest):
    return next(b for b in at.button if b.label == "Hoàn tác lô này")


def test_a_province_reviewer_rolls_back_within_their_province_only(import_db):
    admin = open_import("admin@haiphong.gov.vn")
    for file in (OWN, HAI_PHONG_OTHER):
        upload(admin, file)
        next(b for b in admin.button if b.label.startswith("Xác nhận")).click().run()
    assert len(real_values(import_db)) == 3

    elsewhere = open_import("reviewer@thainguyen.gov.vn")
    assert not [u for u in elsewhere.get("file_uploader")], "a reviewer imports nothing"
    assert "rollback_batch" not in [s.key for s in elsewhere.selectbox], "Hải Phòng's batches: not listed (kpi.scope)"
    assert any(c.value == "Chưa có lô nào." for c in elsewhere.caption)
    with pytest.raises(AccessDenied, match="lô 1 có số liệu của xã ngoài phạm vi của bạn: 11503"):  # and refused at the write
        values.rollback(import_db, Actor("reviewer@thainguyen.gov.vn", "province_reviewer", province="19"), 1)
    assert len(real_values(import_db)) == 3

    reviewer = open_import("reviewer@haiphong.gov.vn")
    reviewer.selectbox(key="rollback_batch").set_value(2)
    rollback_button(reviewer).click().run()
    assert "Đã hoàn tác lô 2: bỏ 1 giá trị, khôi phục 0 giá trị cũ." in texts(reviewer)
    assert [v[0] for v in real_values(import_db)] == ["11503", "11503"]
    with connect(import_db) as con:
        assert con.sql("SELECT imported_by, rolled_back_by FROM import_batch ORDER BY batch_id").fetchall() == [
            ("admin@haiphong.gov.vn", None), ("admin@haiphong.gov.vn", "reviewer@haiphong.gov.vn")]


def test_the_page_in_english_without_python_callbacks_in_polars(import_db, no_callbacks):
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=90)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email_verified": True, "email": "admin@haiphong.gov.vn"}
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/import_reports.py").run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Import communes' reported values"]
    assert any("Demo data" in w.value for w in at.warning)
    assert any("Role: Administrator · Scope: all units" in c.value for c in at.sidebar.caption)
    upload(at, "good_utf8_bom.csv")
    assert any("Every row is valid." in s.value for s in at.success)
    assert no_callbacks == []
    upload(at, "bad_future_period.csv")  # an error made in the checker, worded in the page's language only
    assert [r["Error"] for r in at.dataframe[0].value.to_dict("records")] == [
        "period 2027-Q1 has not ended yet (it ends 31/03/2027)"]


def test_errors_are_listed_file_row_field(import_db):
    at = upload(open_import("admin@haiphong.gov.vn"), "bad_repeated_rows.csv", "bad_future_period.csv")
    assert any("2 lỗi" in e.value for e in at.error)
    table = at.dataframe[0].value
    assert table.to_dict("records") == [
        {"Tệp": "bad_repeated_rows.csv", "Dòng": 4, "Trường": "period",
         "Lỗi": "dòng lặp lại: cùng khóa với bad_repeated_rows.csv:2"},
        {"Tệp": "bad_future_period.csv", "Dòng": 2, "Trường": "period",
         "Lỗi": "kỳ báo cáo chưa kết thúc: 2027-Q1 kết thúc ngày 31/03/2027"},
    ]
    assert not [b for b in at.button if b.label.startswith("Xác nhận")], "a file set with errors cannot be confirmed"


def shown(markdown: str) -> str:
    """What a markdown element displays for text escaped with pages._display.plain."""
    return re.sub(r"\\(.)", r"\1", markdown)


def test_unreadable_file_is_named(import_db):
    at = upload(open_import("admin@haiphong.gov.vn"), "bad_encoding_utf32.csv")
    assert any(shown(e.value).startswith("bad_encoding_utf32.csv: mã hóa ký tự không hỗ trợ") for e in at.error)
    assert any(e.value.startswith("bad\\_encoding\\_utf32\\.csv") for e in at.error)  # escaped: never markdown


def test_pages_show_which_values_are_reports_and_their_history(import_db):
    result = values.import_files(import_db, Actor.server_admin(), [CORPUS / "good_utf8_bom.csv"])
    assert result.ok
    publish_if_pending(import_db)
    publish_if_pending(import_db)  # the accounts too
    anyone = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=90)
    anyone.query_params["province"] = "31"
    anyone.query_params["commune"] = "11503"
    anyone.run()
    anyone.switch_page("pages/profile.py").run()
    assert not anyone.exception, anyone.exception
    assert "history_11503" not in [s.key for s in anyone.selectbox], "who imported what: for the commune's own people"
    assert any("chỉ hiện với biên tập viên của xã" in c.value for c in anyone.caption)
    at = signed_in("editor@vietkhe.gov.vn")  # the commune's editor reads its history (kpi.scope)
    at.query_params["province"] = "31"
    at.query_params["commune"] = "11503"
    at.run()
    at.switch_page("pages/profile.py").run()
    assert not at.exception, at.exception
    assert any("xen lẫn số liệu báo cáo" in w.value and "2 giá trị" in w.value for w in at.warning)
    card = at.dataframe[0].value
    vneid = card[card["Chỉ tiêu"] == "Tỷ lệ người dân có tài khoản định danh điện tử (VNeID) (%)"]  # the name carries its unit
    assert vneid["Nguồn số liệu"].tolist() == ["Báo cáo"]
    assert vneid["Giá trị mới nhất"].tolist() == [72.5]
    assert set(card["Nguồn số liệu"]) == {"Báo cáo", "Minh họa"}

    at.selectbox(key="history_11503").set_value("vneid_share").run()  # who set the value, when, replacing what
    history = at.dataframe[1].value  # indicators, this history, tasks
    assert len(history) == 1
    row = history.iloc[0]
    assert (row["Kỳ"], row["Giá trị"], row["Người nhập"], row["Các tệp"], row["Dòng trong tệp"]) == (
        "2026-Q3", 72.5, Actor.server_admin().email, "good_utf8_bom.csv", 2)
    assert row["Loại giá trị bị thay"] == "demo" and row["Giá trị bị thay"] > 0


def test_the_file_check_runs_once_per_upload_not_on_every_click(import_db, monkeypatch):
    import kpi.importer

    calls = []
    real = kpi.importer.check_rows
    monkeypatch.setattr(kpi.importer, "check_rows", lambda *a, **kw: calls.append(1) or real(*a, **kw))
    at = upload(open_import("editor@vietkhe.gov.vn"), OWN)
    at.run()
    at.run()
    assert len(calls) == 1  # three reruns, one check
    next(b for b in at.button if b.label.startswith("Xác nhận")).click().run()
    assert "Đã nhập lô 1" in texts(at)
    assert len(calls) == 2  # the write checks the files again (then the stored values in its transaction)


def test_a_reviewer_approves_a_quarter_and_sees_its_state_at_once(import_db):
    assert values.import_files(import_db, Actor.server_admin(), [CORPUS / "good_utf8_bom.csv"]).ok  # 11503 and 05851
    at = signed_in("reviewer@haiphong.gov.vn")  # Hải Phòng: 11503 only; the approval screen has its own page
    at.switch_page("pages/approval.py").run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    assert list(table["Trạng thái"]) == ["Đã nộp, chờ duyệt"], "the store's quarters, before any publication"
    at.selectbox(key="approval_pick").set_value("11503|2026-Q3")
    next(b for b in at.button if b.label == "Phê duyệt").click().run()
    assert not at.exception, at.exception
    assert "Đã phê duyệt" in texts(at) and "Đã ghi nhận lúc" in texts(at)
    assert list(at.dataframe[0].value["Trạng thái"]) == ["Đã phê duyệt"], "drawn again after the write"
    next(b for b in at.button if b.label == "Mở khóa").click().run()
    assert "Không ghi: số liệu kỳ 2026-Q3 của xã 11503 đang ở trạng thái “Đã phê duyệt”" in texts(at)
    publish_if_pending(import_db)
    with connect(import_db) as con:
        assert con.sql("SELECT commune_code, quarter, state FROM value_approval ORDER BY ALL").fetchall() == [
            ("05851", "2026-Q2", "submitted"), ("11503", "2026-Q3", "approved")]


def test_the_uploaders_say_the_projects_real_limits_and_the_server_takes_them(import_db):
    """Issue 32, item 8: Streamlit's uploader said 'Limit 200MB per file' where the importer takes 300 MB; each form's
    uploader now shows its own limit (reports 300 MB, kpi.intake.limits), and the server accepts that much."""
    from kpi import replicas
    from kpi.intake.limits import Limits

    at = open_import("editor@vietkhe.gov.vn")
    uploader = at.get("file_uploader")[0]
    assert uploader.proto.max_upload_size_mb == Limits().max_file_bytes // 2**20 == 300
    assert replicas.max_upload_mb() == 300  # .streamlit/config.toml (kpi serve passes the same): nginx's body limit follows
