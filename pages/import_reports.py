"""Nhập báo cáo: upload report files, see the dry-run check with every error, then confirm; roll a
batch back (each reader sees the batches of their scope: kpi.scope); the reviewers' words to an editor first
(pages/_reviews.py); reviewers find the approval screen on its own page (pages/approval.py). Shown only to those who may import or
roll back (app.py); the checks of role and scope are kpi's (kpi.services.values, kpi.services.approvals),
made again at the write. A write is recorded in the store of record at once (acknowledged with when) and
reaches the dashboard at the next publication; the batches and the approval states are read from the store,
a batch the dashboard does not show yet marked "chờ cập nhật". This page only lays them out."""

import hashlib
import tempfile
from pathlib import Path

import polars as pl
import streamlit as st

from kpi import config, scope
from kpi.accounts import AccessDenied, Actor
from kpi.export import people
from kpi.i18n import VIETNAM, fmt_number, text_of
from kpi.importer import ImportFileError, ImportResult
from kpi.intake.limits import Limits
from kpi.services import values
from kpi.workflow import evidence
from pages import _reviews as reviews
from pages._auth import account
from pages._data import snapshot
from pages._display import downloads, lang, plain, tr, upload
from pages._scope_notice import write_scope_notice
from pages._task_forms import EVIDENCE_TYPES
from pages._writes import NothingWritten, acknowledge, pending_writes, record


def write_import(paths: list[Path], actor: Actor, given: dict[str, bytes]) -> ImportResult | None:
    """Record an import (with its evidence files) in the store; None if it did not happen (record() said why)."""

    def action() -> ImportResult:
        done = values.import_files(config.default_db(), actor, paths, evidence=given)
        if not done.ok:  # the stored values or the role changed since the check: nothing written
            raise NothingWritten(done)
        return done

    return record(action)


def write_rollback(batch: int, actor: Actor) -> None:
    done = record(lambda: values.rollback(config.default_db(), actor, batch))
    if done is not None:
        st.success(tr("import.rolled_back", batch=batch, removed=done.removed, restored=done.restored))
        acknowledge(done.recorded_at)


def dry_run(paths: list[Path], uploads: list, actor: Actor, given: dict[str, bytes]) -> ImportResult | str:
    """The check of these files against the published snapshot, the store's values and the actor's scope (or
    why they cannot be read). Kept in the session for the same files, snapshot, recorded writes and actor: the
    check runs in a child process, and every click on the page is a rerun."""
    digest = hashlib.sha256(f"{snapshot()}\0{pending_writes()}\0{actor}".encode())
    for upload in uploads:
        digest.update(upload.name.encode() + b"\0" + upload.getvalue())
    for name, content in sorted(given.items()):
        digest.update(b"evidence\0" + name.encode() + b"\0" + content)
    key = digest.hexdigest()
    kept = st.session_state.get("import_check")
    if kept and kept[0] == key:
        return kept[1]
    try:
        checked: ImportResult | str = values.import_files(config.default_db(), actor, paths, dry_run=True, evidence=given)
    except (ImportFileError, AccessDenied) as exc:
        checked = str(exc)
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

who = account()
if not (who.may("import") or who.may("rollback")) or who.actor is None:  # not listed for them; a stale link
    st.warning(tr("auth.not_configured" if not who.configured else "auth.no_account"), icon=":material/lock:")
    st.stop()
actor = who.actor
write_scope_notice(actor, "import", "rollback")
reviews.value_words(actor)  # a returned quarter's reason, first, where the editor reports (pages/_reviews.py)
uploads = upload(tr("import.upload"), types=["csv", "xlsx"], multiple=True, key="import_files",
                 max_mb=Limits.from_env().max_file_bytes // 2**20) if actor.may("import") else None  # the importer's limit
proofs = upload(tr("import.evidence_files"), types=EVIDENCE_TYPES, multiple=True, key="import_evidence",
                max_mb=evidence.MAX_BYTES // 2**20) if uploads else None
given = {Path(proof.name).name: proof.getvalue() for proof in proofs or []}  # checked as task evidence is, by the import
if uploads:
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for upload in uploads:  # keep the user's file names: every error names its file
            path = Path(tmp) / Path(upload.name).name
            path.write_bytes(upload.getvalue())
            paths.append(path)
        checked = dry_run(paths, uploads, actor, given)
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
                [(e.file, int(e.row), e.field, text_of(e.message, lang())) for e in result.errors],
                schema={"file": pl.String, "row": pl.Int64, "field": pl.String, "message": pl.String}, orient="row",
            )
            st.dataframe(errors.rename({"file": tr("col.file"), "row": tr("col.row"), "field": tr("col.field"),
                                        "message": tr("col.message")}), hide_index=True, width="stretch")
            # the list to send back to the commune that made the file
            downloads(errors, "loi-bao-cao", tr("import.errors", n=result.error_count),
                      {tr("col.file"): ", ".join(sorted({e.file for e in result.errors}))}, ["kpi/intake (the report checks)"])
        else:
            st.success(tr("import.valid"))
            if st.button(tr("import.confirm"), type="primary", key="confirm_import"):
                done = write_import(paths, actor, given)
                if done is not None and done.ok:
                    st.success(tr("import.done", batch=done.batch_id, summary=tr(  # the reader's words, not the CLI's
                        "import.summary", imported=fmt_number(done.imported, lang(), 0),
                        updated=fmt_number(done.updated, lang(), 0), unchanged=fmt_number(done.unchanged, lang(), 0))))
                    acknowledge(done.recorded_at)
                elif done is not None:
                    st.error(tr("import.errors", n=done.error_count))

st.subheader(tr("import.batches"))
batches = scope.batches(actor, values.batches(config.default_db()),  # the store: a batch shows the moment it is recorded
                        values.batch_communes(config.default_db()), values.reference_units(config.default_db()))
if batches.height:
    on_screen = batches.select(  # who and when first; the file hashes are in the export
        "batch_id", pl.col("imported_at").dt.convert_time_zone(VIETNAM.key), "imported_by", "file_names", "imported",
        "updated", "unchanged", "values_live", pl.col("rolled_back_at").dt.convert_time_zone(VIETNAM.key), "rolled_back_by",
    )
    on_screen = on_screen.rename({c: people.column(c).header(lang()) for c in on_screen.columns}).with_columns(
        pl.when(batches["pending"]).then(pl.lit(tr("import.pending"))).otherwise(pl.lit(tr("import.published")))
        .alias(tr("import.on_dashboard")))
    st.dataframe(on_screen, hide_index=True, width="stretch", column_config={
        people.column(c).header(lang()): st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm")
        for c in ("imported_at", "rolled_back_at")})
    downloads(batches.drop("pending"), "lo-nhap", tr("import.batches"), {}, ["queries/records/import_batches.sql"])
else:
    st.caption(tr("import.no_batches"))

if actor.may("rollback"):
    st.subheader(tr("import.rollback"))
    live = batches.filter(pl.col("rolled_back_at").is_null() & (pl.col("values_live") > 0)) if batches.height else batches
    if not live.height:
        st.caption(tr("import.rollback_none"))
    else:
        with st.form("rollback"):
            choice = st.selectbox(tr("import.rollback_pick"), live["batch_id"].to_list(), key="rollback_batch",
                                  format_func=dict(zip(live["batch_id"], live["file_names"], strict=True)).get)
            go = st.form_submit_button(tr("import.rollback_confirm"))
        if go and choice is not None:
            write_rollback(int(choice), actor)

if actor.may("review"):  # the approval screen has a page of its own (pages/approval.py)
    st.subheader(tr("approval.title"))
    st.page_link("pages/approval.py", label=tr("approval.moved_to_page"), icon=":material/fact_check:")
