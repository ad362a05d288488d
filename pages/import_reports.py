"""Nhập báo cáo: upload report files, see the dry-run check with every error, then confirm with the
editor password. The checking and writing are kpi.importer's; this page only lays them out."""

import hashlib
import hmac
import math
import secrets
import tempfile
from pathlib import Path

import polars as pl
import streamlit as st

from kpi import config
from kpi.i18n import fmt_number
from kpi.importer import ImportFileError, ImportResult, import_files
from kpi.ratelimit import EDITOR_SECRET
from kpi.store import WriterBusy
from pages._shared import con, downloads, lang, plain, q, snapshot, tr, writer


def editor_password() -> str | None:
    try:
        value = st.secrets.get("editor_password")
    except (FileNotFoundError, KeyError):  # no secrets file at all
        return None
    return str(value) if value else None


def write_import(paths: list[Path]) -> ImportResult | None:
    """Import under the writer lock (queued behind other writers, saying so); None if it timed out."""
    waiting = st.empty()
    try:
        with writer("import", on_wait=lambda who: waiting.info(tr("import.waiting", who=plain(who)))) as rw:
            done = import_files(rw, paths)
            if not done.ok:  # the data changed since the check: publish nothing
                raise NothingWritten(done)
    except NothingWritten as stop:
        return stop.args[0]
    except WriterBusy:
        st.error(tr("import.busy"))
        return None
    finally:
        waiting.empty()
    return done


class NothingWritten(Exception):
    pass


def client_keys() -> tuple[str, str]:
    """Who is trying the password: this browser session and its client address (behind our nginx,
    the address it forwarded; a forwarded header from anywhere else is not trusted)."""
    if "secret_session" not in st.session_state:
        st.session_state["secret_session"] = secrets.token_hex(8)
    address = st.context.ip_address or "unknown"
    forwarded = st.context.headers.get("X-Forwarded-For")
    if forwarded and address in ("127.0.0.1", "::1"):
        address = forwarded.split(",")[-1].strip()
    return f"session:{st.session_state['secret_session']}", f"address:{address}"


def dry_run(paths: list[Path], uploads: list) -> ImportResult | str:
    """The check of these files against the published snapshot (or why they cannot be read). Kept in
    the session for the same files and snapshot: the check runs in a child process, and every click
    on the page (the password, the confirmation) is a rerun."""
    digest = hashlib.sha256(snapshot().encode())
    for upload in uploads:
        digest.update(upload.name.encode() + b"\0" + upload.getvalue())
    key = digest.hexdigest()
    kept = st.session_state.get("import_check")
    if kept and kept[0] == key:
        return kept[1]
    cursor = con().cursor()
    try:
        checked: ImportResult | str = import_files(cursor, paths, dry_run=True)
    except ImportFileError as exc:
        checked = str(exc)
    finally:
        cursor.close()
    st.session_state["import_check"] = (key, checked)
    return checked


st.title(tr("import.title"))
st.caption(tr("import.caption"))
templates = config.DATA_DIR / "templates"
left, right = st.columns(2)
left.download_button(tr("import.template_csv"), (templates / "report_template.csv").read_bytes(), "mau-bao-cao.csv", "text/csv")
right.download_button(
    tr("import.template_xlsx"), (templates / "report_template.xlsx").read_bytes(), "mau-bao-cao.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)

password = editor_password()
if password is None:
    st.warning(tr("import.read_only"), icon=":material/lock:")

uploads = st.file_uploader(tr("import.upload"), type=["csv", "xlsx"], accept_multiple_files=True, key="import_files")
if uploads:
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for upload in uploads:  # keep the user's file names: every error names its file
            path = Path(tmp) / Path(upload.name).name
            path.write_bytes(upload.getvalue())
            paths.append(path)
        checked = dry_run(paths, uploads)
        if isinstance(checked, str):
            st.error(plain(checked))  # names the user's file: plain text, never markdown
            st.stop()
        result = checked

        st.subheader(tr("import.preview"))
        cols = st.columns(4)
        for col, key, value in zip(
            cols, ("import.rows", "import.new", "import.updated", "import.unchanged"),
            (result.rows, result.imported, result.updated, result.unchanged), strict=True,
        ):
            col.metric(tr(key), fmt_number(value, lang(), 0))
        if result.errors:
            st.error(tr("import.errors", n=result.error_count))
            errors = pl.DataFrame(
                [(e.file, int(e.row), e.field, e.message) for e in result.errors],
                schema={"file": pl.String, "row": pl.Int64, "field": pl.String, "message": pl.String}, orient="row",
            )
            st.dataframe(errors.rename({"file": tr("col.file"), "row": tr("col.row"), "field": tr("col.field"),
                                        "message": tr("col.message")}), hide_index=True, width="stretch")
            # the list to send back to the commune that made the file
            downloads(errors, "loi-bao-cao", tr("import.errors", n=result.error_count),
                      {tr("col.file"): ", ".join(sorted({e.file for e in result.errors}))}, ["kpi/reports (the report checks)"])
        else:
            st.success(tr("import.valid"))
            if password is not None:
                with st.form("confirm_import"):
                    given = st.text_input(tr("import.password"), type="password")
                    confirmed = st.form_submit_button(tr("import.confirm"), type="primary")
                if confirmed:
                    keys = client_keys()
                    wait, locked = EDITOR_SECRET.wait(*keys)
                    if wait:
                        st.error(tr("import.locked" if locked else "import.slow_down", seconds=math.ceil(wait)))
                    elif not hmac.compare_digest(given.encode(), password.encode()):
                        EDITOR_SECRET.failed(*keys)
                        st.error(tr("import.wrong_password"))
                    else:
                        EDITOR_SECRET.succeeded(*keys)
                        done = write_import(paths)
                        if done is not None and done.ok:
                            st.success(tr("import.done", batch=done.batch_id, summary=done.summary()))
                        elif done is not None:
                            st.error(tr("import.errors", n=done.error_count))

st.subheader(tr("import.batches"))
batches = q("import_batches")
if batches.height:
    st.dataframe(batches, hide_index=True, width="stretch")
    downloads(batches, "lo-nhap", tr("import.batches"), {}, ["queries/import_batches.sql"])
else:
    st.caption(tr("import.no_batches"))
