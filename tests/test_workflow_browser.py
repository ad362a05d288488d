"""The task-progress workflow on "Nhiệm vụ" in a real browser (seed 003, IV.2): a commune editor reports
a task done with an evidence file, the province reviewer returns it (red alert "Minh chứng bị trả lại",
status "Chờ hoàn thiện"), the editor reports it again, the reviewer accepts it (done, no alert).

Two accounts in two browser contexts, signed in through a real OpenID Connect provider as in
tests/test_accounts_browser.py; every step is checked on the page and in the database (task_board,
audit_log). Screenshots in test-artifacts/workflow/."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest
from playwright.sync_api import expect

from kpi import config, records
from kpi.accounts import audit
from kpi.db import connect, run
from kpi.i18n import t
from kpi.store import publisher
from kpi.tasks import PLAN_START, numbers, shorten
from kpi.workflow import evidence
from tests.app_runs import RUN_TIMEOUT, finished, loaded, rerun
from tests.conftest import TODAY
from tests.oidc_site import serve, sign_in

pytestmark = pytest.mark.browser
ARTIFACTS = config.ROOT / "test-artifacts" / "workflow"
TITLE = "Nhiệm vụ và cảnh báo đỏ"
EDITOR, REVIEWER = "editor@tanloi.gov.vn", "reviewer@dongnai.gov.vn"
ACCOUNTS = {
    EDITOR: dict(role="commune_editor", communes=["25378"]),  # Xã Tân Lợi, Đồng Nai
    REVIEWER: dict(role="province_reviewer", province="75"),
}
COMMUNE, PROVINCE = "25378", "75"
TASK_START = "Mua sắm thiết bị"  # Tân Lợi's task 1: in progress (demo), no red alert before the journey
REASON = "Biên bản nghiệm thu chưa có chữ ký và dấu của UBND xã"
RETURNED = "Minh chứng bị trả lại"  # the red alert's reason, and its count in "Cần xử lý"
AWAITING = t("action_kind.awaiting_review", "vi")  # the count of completions awaiting review in "Cần xử lý"


@pytest.fixture(scope="module")
def site(db_path, tmp_path_factory):
    """(dashboard address, provider address, database, as_of): a private database with the two accounts.

    The server and the test run as of the test database's day (KPI_TODAY, never the machine's clock): the
    reports made through the page are dated that day (kpi.config.now), and the test reads task_board as of
    it. Its file watcher is off, so the journey runs the code as it was when the server started even while
    the repository is being edited."""
    as_of = TODAY
    env = {"KPI_TODAY": as_of.isoformat(), "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}
    with serve(db_path, tmp_path_factory.mktemp("workflow"), ACCOUNTS, ARTIFACTS, env) as (url, issuer, db):
        yield url, issuer, db, as_of


@pytest.fixture()
def signed_in(site, browser, request):
    """sign_in(email) -> a page signed in through the provider's own sign-in form, on province 75. If the
    test fails, each page is saved as it was (test-artifacts/workflow/failed-*.png)."""
    url, issuer, _, _ = site
    contexts = []
    failed_before = request.session.testsfailed

    def sign_in_as(email: str):
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="vi-VN")
        contexts.append(context)
        return sign_in(context, url, issuer, email, PROVINCE)

    yield sign_in_as
    for n, context in enumerate(contexts):
        if request.session.testsfailed > failed_before:
            for page in context.pages:
                shot(page, f"failed-{n}")
        context.close()


HEIGHTS = """() => ['stMain', 'stSidebarContent'].map(id => document.querySelector(`[data-testid='${id}']`))
    .filter(Boolean).map(e => e.scrollHeight)"""
FRAME = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def shot(page, name: str) -> None:
    """A full-page screenshot. Streamlit scrolls inside its main area and sidebar, not the document, so
    full_page alone saves one screen: the window is made as tall as the page for the shot, then put back."""
    size = page.viewport_size
    for _ in range(5):  # the page may still grow a little as it is laid out again
        tall = min(max([*page.evaluate(HEIGHTS), size["height"]]), 8000)
        if tall == page.viewport_size["height"]:
            break
        page.set_viewport_size({"width": size["width"], "height": tall})
        page.evaluate(FRAME)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    page.set_viewport_size(size)


def open_tasks(page, url: str, email: str) -> None:
    """The dashboard on province 75 (signing in comes back to the default province), then Nhiệm vụ through the
    sidebar."""
    page.goto(f"{url}/?province={PROVINCE}")
    loaded(page)
    page.get_by_text(f"Đã đăng nhập: {email}").wait_for(timeout=RUN_TIMEOUT)
    expect(selectbox(page, "Tỉnh, thành phố")).to_have_value("Đồng Nai", timeout=RUN_TIMEOUT)
    with rerun(page):
        page.locator("[data-testid='stSidebarNav']").get_by_role("link", name="Nhiệm vụ", exact=True).click()
    page.get_by_role("heading", name=TITLE).wait_for(timeout=RUN_TIMEOUT)
    page.get_by_role("heading", name="Cần xử lý: Đồng Nai").wait_for(timeout=RUN_TIMEOUT)
    finished(page)


def metric(page, label: str) -> str:
    """The value of the st.metric with exactly this label."""
    box = page.locator("[data-testid='stMetric']").filter(
        has=page.locator("[data-testid='stMetricLabel']").get_by_text(label, exact=True))
    return box.locator("[data-testid='stMetricValue']").inner_text().strip()


def wait_metric(page, label: str, value: str) -> None:
    box = page.locator("[data-testid='stMetric']").filter(
        has=page.locator("[data-testid='stMetricLabel']").get_by_text(label, exact=True))
    box.locator("[data-testid='stMetricValue']").filter(has_text=re.compile(rf"^\s*{re.escape(value)}\s*$")).wait_for(
        timeout=RUN_TIMEOUT)


def selectbox(page, label: str):
    """A Streamlit selectbox by its label: a combobox whose value is the option shown."""
    return page.get_by_role("combobox", name=label, exact=True)


def choose(page, box, typed: str, option: str) -> None:
    """Pick an option of a Streamlit selectbox (filtered by what is typed first)."""
    finished(page)
    ident = box.get_attribute("id")  # the box typed into: another of the same name may show up after the choice
    box.click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(typed)
    if box.locator("xpath=ancestor::*[@data-testid='stForm']").count():  # a form's choice waits for its submission
        page.get_by_role("option", name=option, exact=True).click()
    else:
        with rerun(page):
            page.get_by_role("option", name=option, exact=True).click()
    same = page.locator(f"[id='{ident}']")
    expect(same if same.count() else box).to_have_value(option)


def scroll_right(page, grid) -> None:
    """Scroll a dataframe (glide grid: only the columns in view are in the DOM) to its last columns."""
    grid.locator(".dvn-scroller").evaluate("e => { e.scrollLeft = e.scrollWidth; }")


def published(page, db) -> None:
    """What was recorded, published (as the publisher beside the server does), and the page read again: the
    board and its counts show a write after the next publication."""
    publisher.publish_if_pending(db)
    page.reload()
    loaded(page)
    page.get_by_role("heading", name=TITLE).wait_for(timeout=RUN_TIMEOUT)
    finished(page)


def recorded(page) -> None:
    """The acknowledgement of a write: recorded, and when the dashboard shows it; the run that shows it over."""
    page.locator("[data-testid='stAlert']").filter(has_text="Đã ghi nhận lúc").wait_for(timeout=RUN_TIMEOUT)
    finished(page)


def board(db, as_of) -> pl.DataFrame:
    publisher.publish_if_pending(db)
    with connect(db) as con:
        return run(con, "task_board", province=PROVINCE, commune=None, agency=None, status=None, as_of=as_of,
                   plan_start=PLAN_START)


def the_task(db, as_of) -> dict:
    rows = board(db, as_of).filter((pl.col("commune_code") == COMMUNE) & pl.col("task").str.starts_with(TASK_START))
    assert rows.height == 1, rows
    return rows.row(0, named=True)


def task_audit(db) -> list[tuple[str, str, str]]:
    """The task writes of the audit log, as the store of record holds it (published or not)."""
    log = audit.log(db)
    if not log.height:
        return []
    return list(log.filter(pl.col("action").str.starts_with("task_")).sort("audit_id")
                .select("action", "actor", "role").iter_rows())


def report_done(page, option: str, file: Path | None = None) -> None:
    """Fill "Báo cáo tiến độ nhiệm vụ": the task, "Hoàn thành", the evidence file (if any); send it."""
    form = page.locator("[data-testid='stForm']")
    page.get_by_role("heading", name="Báo cáo tiến độ nhiệm vụ").wait_for(timeout=RUN_TIMEOUT)
    finished(page)
    choose(page, form.get_by_role("combobox", name="Nhiệm vụ", exact=True), TASK_START, option)
    form.locator("[data-testid='stRadio']").get_by_text("Hoàn thành", exact=True).click()
    form.get_by_role("radio", name="Hoàn thành").wait_for(state="attached")
    assert form.get_by_role("radio", name="Hoàn thành").is_checked()
    if file is not None:
        form.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(file))
        form.get_by_role("button", name=f"Remove {file.name}").wait_for(timeout=RUN_TIMEOUT)  # uploaded, not uploading
    with rerun(page):
        form.get_by_role("button", name="Gửi báo cáo").click()


def sent(page, seq: str) -> int:
    """The flash after a report is written: "Đã ghi báo cáo nhiệm vụ SEQ (báo cáo số N)." -> N."""
    message = page.locator("[data-testid='stAlert']").filter(has_text="Đã ghi báo cáo nhiệm vụ")
    message.wait_for(timeout=60_000)
    finished(page)
    found = re.search(rf"Đã ghi báo cáo nhiệm vụ {re.escape(seq)} \(báo cáo số (\d+)\)\.", message.inner_text())
    assert found, message.inner_text()
    return int(found.group(1))


def pdf(path: Path, words: str) -> Path:
    """A small valid PDF (one page saying `words`)."""
    text = f"BT /F1 18 Tf 72 720 Td ({words}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def test_a_completion_is_returned_reported_again_and_accepted(site, signed_in, tmp_path):
    url, _, db, as_of = site
    before = the_task(db, as_of)
    assert before["is_demo"] and before["status"] == "in_progress" and not before["red_alert"], before
    number = numbers(board(db, as_of))[before["task_id"]]  # "I.1": Tân Lợi numbers each section from 1
    option = f"Xã Tân Lợi – {number}. {shorten(before['task'])}"  # as pages/_task_forms.py words it
    first = pdf(tmp_path / "bien-ban-nghiem-thu.pdf", "Bien ban nghiem thu thiet bi")
    second = pdf(tmp_path / "bien-ban-nghiem-thu-co-dau.pdf", "Bien ban nghiem thu thiet bi - da ky, dong dau")
    assert first.read_bytes().startswith(b"%PDF-1.4")

    # 1. The editor reports the task done: refused without evidence, written with it.
    editor = signed_in(EDITOR)
    editor.get_by_text("Vai trò: Cán bộ nhập liệu xã · Phạm vi: Xã Tân Lợi, Đồng Nai").wait_for(timeout=RUN_TIMEOUT)
    open_tasks(editor, url, EDITOR)
    assert editor.get_by_role("heading", name="Thẩm định minh chứng").count() == 0, "an editor reviews nothing"
    report_done(editor, option)
    editor.get_by_text("Báo cáo có lỗi, chưa ghi gì:").wait_for(timeout=60_000)
    editor.locator("[data-testid='stText']").filter(has_text="báo cáo hoàn thành phải kèm tệp minh chứng").wait_for(
        timeout=RUN_TIMEOUT)  # the row's error (the caption above the form says the same with a capital B)
    shot(editor, "1-editor-done-without-evidence-refused")
    with records.read_only(db) as con:
        assert con is None or con.execute("SELECT count(*) FROM task_report").fetchall() == [(0,)]
    assert task_audit(db) == []
    assert not any(p.is_file() for p in evidence.store_dir(db).rglob("*")), "no evidence file kept either"

    report_done(editor, option, first)  # the form kept the task and the status
    first_report = sent(editor, number)
    recorded(editor)
    editor.get_by_text("Báo cáo của bạn đã ghi nhận, chưa có trên bảng").wait_for(timeout=RUN_TIMEOUT)  # pending, at once
    published(editor, db)
    wait_metric(editor, AWAITING, "1")
    shot(editor, "2-editor-reported-done")
    row = the_task(db, as_of)
    assert (row["report_id"], row["status"], row["red_alert"], row["evidence"], row["reported_by"]) == (
        first_report, "done_awaiting_review", False, first.name, EDITOR)

    # 2. The reviewer returns it, with a reason (required).
    reviewer = signed_in(REVIEWER)
    reviewer.get_by_text("Vai trò: Cán bộ thẩm định tỉnh · Phạm vi: Đồng Nai").wait_for(timeout=RUN_TIMEOUT)
    open_tasks(reviewer, url, REVIEWER)
    reviewer.get_by_role("heading", name="Thẩm định minh chứng").wait_for(timeout=RUN_TIMEOUT)
    assert reviewer.get_by_role("heading", name="Báo cáo tiến độ nhiệm vụ").count() == 0, "a reviewer reports nothing"
    expect(selectbox(reviewer, "Báo cáo chờ thẩm định")).to_have_value(f"#{first_report} · {option}")
    reviewer.get_by_text(f"{EDITOR} ·").wait_for(timeout=RUN_TIMEOUT)  # who reported it (no note)
    # the evidence, linked to the checked evidence route (kpi.web) and sent as an attachment, never rendered
    href = reviewer.get_by_role("link", name=first.name).get_attribute("href")
    got = reviewer.context.request.get(f"{url}{href}")
    assert got.status == 200 and got.body() == first.read_bytes()
    assert got.headers["content-disposition"].startswith(f'attachment; filename="{first.name}"')
    with rerun(reviewer):
        reviewer.get_by_role("button", name="Trả lại").click()  # no reason: refused
    reviewer.get_by_text("trả lại phải nêu lý do").wait_for(timeout=60_000)
    assert the_task(db, as_of)["status"] == "done_awaiting_review"
    reviewer.get_by_label("Lý do trả lại (bắt buộc khi trả lại)").fill(REASON)
    shot(reviewer, "3-reviewer-about-to-return")
    with rerun(reviewer):
        reviewer.get_by_role("button", name="Trả lại").click()
    reviewer.locator("[data-testid='stAlert']").filter(has_text=f"Đã trả lại báo cáo số {first_report}").wait_for(
        timeout=60_000)
    recorded(reviewer)
    finished(reviewer)
    reviewer.get_by_text("Không có báo cáo hoàn thành nào chờ thẩm định trong phạm vi của bạn.").wait_for(timeout=RUN_TIMEOUT)
    published(reviewer, db)

    # 3. The red alert: "Chờ hoàn thiện", "Minh chứng bị trả lại", on the page and in the database.
    wait_metric(reviewer, RETURNED, "1")
    shot(reviewer, "4-reviewer-returned")
    assert metric(reviewer, AWAITING) == "0"
    reviewer.get_by_text("Không có báo cáo hoàn thành nào chờ thẩm định trong phạm vi của bạn.").wait_for(timeout=RUN_TIMEOUT)
    row = the_task(db, as_of)
    assert (row["status"], row["red_alert"], row["alert_returned"], row["review_reason"], row["reviewed_by"]) == (
        "done_awaiting_evidence", True, True, REASON, REVIEWER)
    choose(reviewer, selectbox(reviewer, "Tình trạng"), "Chờ", "Chờ hoàn thiện")  # the tasks table: only this task
    wait_metric(reviewer, "Số nhiệm vụ", "1")
    assert metric(reviewer, "Cảnh báo đỏ") == "1"
    tasks = reviewer.locator("[data-testid='stDataFrame']").last  # the tasks (the first one: "Cần xử lý", folded)
    # in view: the page was read again at the top (published), and a grid below the fold keeps the DOM copy of
    # the rows it drew before the choice until it draws again
    tasks.scroll_into_view_if_needed()
    tasks.get_by_text("Lý do cảnh báo", exact=True).wait_for(state="attached", timeout=RUN_TIMEOUT)
    for cell in (RETURNED, "Xã Tân Lợi", before["task"]):  # grid cells (drawn on a canvas; the grid's DOM copy)
        expect(tasks.get_by_text(cell, exact=True)).to_have_count(1, timeout=RUN_TIMEOUT)  # one row: this task
    scroll_right(reviewer, tasks)
    for cell in ("Chờ hoàn thiện", first.name, REASON, "Báo cáo"):
        tasks.get_by_text(cell, exact=True).wait_for(state="attached", timeout=RUN_TIMEOUT)
    shot(reviewer, "5-reviewer-red-alert-row")

    editor.reload()  # the editor sees it too: the reason first, above the page (pages/_reviews.py), and in "Cần xử lý"
    loaded(editor)
    first_word = editor.locator("[data-testid='stAlert']").filter(has_text=f"Báo cáo nhiệm vụ Xã Tân Lợi – {number} bị trả lại")
    expect(first_word).to_contain_text(REASON, timeout=RUN_TIMEOUT)
    assert first_word.bounding_box()["y"] < editor.get_by_role("heading", name="Cần xử lý: Đồng Nai").bounding_box()["y"]
    wait_metric(editor, RETURNED, "1")
    editor.get_by_role("heading", name="Cần xử lý: Đồng Nai").wait_for()
    finished(editor)
    editor.locator("[data-testid='stExpander']").filter(has_text="Cần xử lý: Đồng Nai").locator("summary").click()
    todo = editor.locator("[data-testid='stExpander']").filter(has_text="Cần xử lý: Đồng Nai")
    todo.get_by_text(REASON).first.wait_for(state="attached", timeout=RUN_TIMEOUT)  # the detail of the returned task
    todo.get_by_text(RETURNED, exact=True).first.wait_for(state="attached", timeout=RUN_TIMEOUT)
    shot(editor, "6-editor-sees-the-return")

    # 4. The editor reports it done again, with better evidence: awaiting review, no alert.
    editor.reload()
    loaded(editor)
    report_done(editor, option, second)
    second_report = sent(editor, number)
    assert second_report > first_report
    recorded(editor)
    published(editor, db)
    wait_metric(editor, RETURNED, "0")
    assert metric(editor, AWAITING) == "1"
    shot(editor, "7-editor-reported-again")
    row = the_task(db, as_of)
    assert (row["report_id"], row["status"], row["red_alert"], row["alert_returned"], row["evidence"]) == (
        second_report, "done_awaiting_review", False, False, second.name)

    # 5. The reviewer accepts it: done with evidence, counted, no red alert.
    reviewer.reload()
    loaded(reviewer)
    reviewer.get_by_role("heading", name="Thẩm định minh chứng").wait_for(timeout=RUN_TIMEOUT)
    finished(reviewer)
    expect(selectbox(reviewer, "Báo cáo chờ thẩm định")).to_have_value(f"#{second_report} · {option}")
    reviewer.get_by_role("link", name=second.name).wait_for(timeout=RUN_TIMEOUT)
    with rerun(reviewer):
        reviewer.get_by_role("button", name="Chấp nhận").click()
    reviewer.locator("[data-testid='stAlert']").filter(has_text=f"Đã chấp nhận báo cáo số {second_report}").wait_for(
        timeout=60_000)
    recorded(reviewer)
    published(reviewer, db)
    wait_metric(reviewer, RETURNED, "0")
    assert metric(reviewer, AWAITING) == "0"
    shot(reviewer, "8-reviewer-accepted")
    choose(reviewer, selectbox(reviewer, "Tình trạng"), "Hoàn thành, có", "Hoàn thành, có minh chứng")
    wait_metric(reviewer, "Số nhiệm vụ", "1")
    assert metric(reviewer, "Đã hoàn thành") == "1"  # only accepted completions count
    assert metric(reviewer, "Cảnh báo đỏ") == "0"
    tasks.get_by_text("Lý do cảnh báo", exact=True).wait_for(state="attached", timeout=RUN_TIMEOUT)
    tasks.get_by_text(before["task"], exact=True).wait_for(state="attached", timeout=RUN_TIMEOUT)
    scroll_right(reviewer, tasks)
    for cell in ("Hoàn thành, có minh chứng", second.name, "Báo cáo"):
        tasks.get_by_text(cell, exact=True).wait_for(state="attached", timeout=RUN_TIMEOUT)
    shot(reviewer, "9-reviewer-done-verified-row")

    row = the_task(db, as_of)
    assert (row["report_id"], row["status"], row["red_alert"], row["reviewed_by"], row["review_reason"]) == (
        second_report, "done_verified", False, REVIEWER, None)
    assert not (row["alert_overdue"] or row["alert_behind"] or row["alert_returned"])
    assert task_audit(db) == [
        ("task_report", EDITOR, "commune_editor"), ("task_return", REVIEWER, "province_reviewer"),
        ("task_report", EDITOR, "commune_editor"), ("task_accept", REVIEWER, "province_reviewer"),
    ]
    with connect(db) as con:
        assert con.sql("SELECT report_id, status, review, reviewed_by FROM task_report ORDER BY report_id").fetchall() == [
            (first_report, "done", "returned", REVIEWER), (second_report, "done", "accepted", REVIEWER)]
        assert con.sql("SELECT r.report_id, e.file_name FROM task_report_evidence e JOIN task_report r USING (report_id) "
                       "ORDER BY 1").fetchall() == [(first_report, first.name), (second_report, second.name)]
    for page in (editor, reviewer):
        assert page.locator("[data-testid='stException']").count() == 0


VALUES_REASON = "Tỷ lệ dịch vụ công trực tuyến 3% thấp bất thường so với quý trước: đề nghị kiểm tra lại"


def open_page(page, url: str, email: str, title: str) -> None:
    """The dashboard on province 75, then a page through the sidebar by its title."""
    page.goto(f"{url}/?province={PROVINCE}")
    loaded(page)
    page.get_by_text(f"Đã đăng nhập: {email}").wait_for(timeout=RUN_TIMEOUT)
    with rerun(page):
        page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=title, exact=True).click()


def test_a_reviewer_returns_a_quarter_with_its_values_in_view_and_the_editor_reads_why_first(site, signed_in, tmp_path):
    """Issue 33 items 4 and 5: Tân Lợi's editor imports 2026-Q3 (one value far below Đồng Nai's communes); the
    province reviewer opens Phê duyệt số liệu, sees each value beside the previous period, the target and the
    province's spread with the outlier flagged, and returns the quarter with a reason; the editor signs in and
    reads the reason first on Nhập báo cáo, above the upload. Screenshots test-artifacts/workflow/approval-*.png."""
    from kpi.accounts import Actor
    from kpi.services import approvals as approval_service
    from kpi.services import values

    url, _, db, _ = site
    report = tmp_path / "tan-loi-q3.csv"
    report.write_text("commune_code,indicator_code,period,value,evidence,note\n"  # a reason for the far one, the met one's file
                      "25378,online_public_service_usage_share,2026-Q3,3,,cổng dịch vụ công gián đoạn\n"
                      "25378,coverage_5g_population_share,2026-Q3,80,qd-5g.pdf,trạm 5G mới\n", encoding="utf-8")
    assert values.import_files(db, Actor(EDITOR, "commune_editor", communes=frozenset({COMMUNE})), [report],
                               evidence={"qd-5g.pdf": b"%PDF-1.4\n% 5G\n"}).ok
    publisher.publish_if_pending(db)

    reviewer = signed_in(REVIEWER)
    open_page(reviewer, url, REVIEWER, "Phê duyệt số liệu")
    reviewer.get_by_role("heading", name="Phê duyệt số liệu").wait_for(timeout=RUN_TIMEOUT)
    expect(selectbox(reviewer, "Xã và quý")).to_have_value("Xã Tân Lợi · Q3/2026", timeout=RUN_TIMEOUT)
    reviewer.get_by_role("heading", name="Số liệu của kỳ: Xã Tân Lợi, Q3/2026 · Đã nộp, chờ duyệt").wait_for(timeout=RUN_TIMEOUT)
    reviewer.locator("[data-testid='stAlert']").filter(has_text="1 giá trị bất thường").wait_for(timeout=RUN_TIMEOUT)
    grid = reviewer.locator("[data-testid='stDataFrame']").nth(1)  # the quarter's values (the first: the quarters)
    grid.scroll_into_view_if_needed()
    for header in ("Bất thường", "Giá trị", "Kỳ trước", "Mục tiêu mốc kế tiếp"):
        grid.get_by_text(header, exact=True).wait_for(state="attached", timeout=RUN_TIMEOUT)
    shot(reviewer, "approval-1-values-in-view")
    scroll_right(reviewer, grid)
    for header in ("Tỉnh: trung vị", "Tỉnh: Q3", "Vì sao"):
        grid.get_by_text(header, exact=True).wait_for(state="attached", timeout=RUN_TIMEOUT)
    grid.get_by_text("xa phân bố của tỉnh", exact=False).first.wait_for(state="attached", timeout=RUN_TIMEOUT)
    shot(reviewer, "approval-2-spread-and-outlier")

    with rerun(reviewer):
        reviewer.get_by_role("button", name="Trả lại", exact=True).click()  # no reason: refused, nothing written
    reviewer.get_by_text("trả lại số liệu phải nêu lý do").wait_for(timeout=60_000)
    reviewer.get_by_label("Lý do trả lại (bắt buộc khi trả lại; xã sẽ thấy)").fill(VALUES_REASON)
    with rerun(reviewer):
        reviewer.get_by_role("button", name="Trả lại", exact=True).click()
    reviewer.locator("[data-testid='stAlert']").filter(has_text="Bị trả lại, chờ xã sửa").first.wait_for(timeout=60_000)
    recorded(reviewer)
    reviewer.get_by_role("heading", name="Số liệu của kỳ: Xã Tân Lợi, Q3/2026 · Bị trả lại, chờ xã sửa").wait_for(timeout=RUN_TIMEOUT)
    reason_box = reviewer.get_by_label("Lý do trả lại (bắt buộc khi trả lại; xã sẽ thấy)")
    expect(reason_box).to_have_count(1)  # the rerun's stale copy of the box gone (the event, not a pause)
    expect(reason_box).to_have_value("")  # cannot go twice
    shot(reviewer, "approval-3-returned")
    assert approval_service.listing(db, PROVINCE).filter(quarter="2026-Q3")["state"].to_list() == ["returned"]

    editor = signed_in(EDITOR)
    open_page(editor, url, EDITOR, "Nhập báo cáo")
    why = editor.locator("[data-testid='stAlert']").filter(has_text="Số liệu kỳ Q3/2026 của Xã Tân Lợi bị trả lại")
    expect(why).to_contain_text(VALUES_REASON, timeout=RUN_TIMEOUT)
    expect(why).to_contain_text(REVIEWER)
    upload = editor.locator("[data-testid='stFileUploader']").first
    assert why.bounding_box()["y"] < upload.bounding_box()["y"], "the reason first, above the upload"
    shot(editor, "approval-4-editor-reads-why")
    for page in (editor, reviewer):
        assert page.locator("[data-testid='stException']").count() == 0


ONLINE = "Tỷ lệ sử dụng dịch vụ công trực tuyến của người dân và doanh nghiệp"  # a target (≥ 80): on the form's first part


def test_an_editor_enters_a_value_checked_as_typed_saves_a_draft_and_submits(site, signed_in):
    """Issue 33 item 2 in the browser: Tân Lợi's editor signs in (the sidebar names their scope), opens Nhập số
    liệu on their own commune and the last closed quarter, types a value outside the indicator's bounds and is
    told so at once, corrects it with a reason, saves a draft (in the store, theirs), submits it and reads that it
    is recorded and awaits the province's approval. Screenshots test-artifacts/workflow/entry-*.png."""
    from kpi.accounts import Actor
    from kpi.i18n import fmt_period
    from kpi.periods import last_closed_quarter
    from kpi.services import values

    _, _, db, as_of = site
    period = last_closed_quarter(as_of).label
    editor = signed_in(EDITOR)
    editor.get_by_text("Xã Tân Lợi, Đồng Nai").first.wait_for(timeout=RUN_TIMEOUT)  # their scope in words, in the sidebar
    finished(editor)
    editor.locator("[data-testid='stSidebarNav']").get_by_role("link", name="Nhập số liệu", exact=True).click()
    editor.get_by_role("heading", name="Nhập số liệu của xã").wait_for(timeout=RUN_TIMEOUT)
    expect(selectbox(editor, "Xã")).to_have_value("Xã Tân Lợi (25378)", timeout=RUN_TIMEOUT)  # their commune, first
    expect(selectbox(editor, "Kỳ báo cáo")).to_have_value(fmt_period(period))
    finished(editor)
    row = editor.locator("[data-testid='stHorizontalBlock']").filter(has_text=ONLINE)
    value = row.get_by_placeholder("Giá trị")
    value.fill("140")
    value.press("Enter")
    out = editor.locator("[data-testid='stAlert']").filter(has_text="giá trị 140 ngoài miền")
    out.wait_for(timeout=RUN_TIMEOUT)  # said as they type, before anything is sent
    finished(editor)
    shot(editor, "entry-1-checked-as-typed")

    value.fill("50")
    value.press("Enter")
    expect(out).to_have_count(0, timeout=RUN_TIMEOUT)
    note = row.get_by_placeholder("Lý do / ghi chú")
    note.fill("Cổng dịch vụ công gián đoạn tháng 8")
    note.press("Enter")
    finished(editor)
    editor.get_by_role("button", name="Lưu nháp").click()
    editor.locator("[data-testid='stAlert']").filter(has_text="Đã lưu nháp 1 giá trị").wait_for(timeout=RUN_TIMEOUT)
    actor = Actor(EDITOR, "commune_editor", communes=frozenset({COMMUNE}))
    draft = values.draft_of(db, actor, COMMUNE, period)
    assert draft.select("indicator_code", "value").rows() == [("online_public_service_usage_share", 50.0)]
    shot(editor, "entry-2-draft-saved")

    finished(editor)
    editor.get_by_role("button", name="Gửi báo cáo").click()
    done = editor.locator("[data-testid='stAlert']").filter(has_text="Đã ghi 1 giá trị")
    expect(done).to_contain_text(f"kỳ {fmt_period(period)} của xã chờ tỉnh phê duyệt", timeout=60_000)
    recorded(editor)
    shot(editor, "entry-3-submitted")
    with records.read_only(db) as con:
        stored = records.run(con, "import_stored_values", commune=COMMUNE)
        state = records.run(con, "value_approval_of", commune=COMMUNE, quarter=period)
    assert stored.filter(indicator_code="online_public_service_usage_share", period=period)["old_value"].to_list() == [50.0]
    assert state["state"].to_list() == ["submitted"] and values.draft_of(db, actor, COMMUNE, period).height == 0
    assert editor.locator("[data-testid='stException']").count() == 0
