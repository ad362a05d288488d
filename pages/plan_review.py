"""Trích xuất kế hoạch: a province reviewer (or an administrator) uploads a commune's plan, reviews each
candidate target and task beside its source lines (numbers highlighted), accepts, edits or rejects it,
and saves the accepted ones into data/plans and data/tasks with their citations; the next build includes
them. Extraction runs in a child process (kpi.extract.child); the rules are kpi.extract's."""

import hashlib
import html
import re
import tempfile
from pathlib import Path

import polars as pl
import streamlit as st

from kpi import config
from kpi.extract import ExtractError
from kpi.extract.child import MAX_FILE_BYTES, extract_in_child
from kpi.extract.reasons import in_language
from kpi.i18n import text_of
from kpi.labels import words
from kpi.services.plans import save_plan
from kpi.sources import SourceErrors
from pages._auth import account
from pages._data import q
from pages._display import lang, plain, tr, upload
from pages._scope_notice import write_scope_notice
from pages._writes import NothingWritten, record

DECISIONS = ("pending", "accept", "reject")
STATUSES = ("candidate", "proposed_indicator", "no_year")


NUMBER = re.compile(r"(?:[≥≤><]\s?)?\d+(?:[.,]\d+)?(?:\s?%)?")
ORANGE, BLUE = "rgba(255, 164, 33, 0.1)", "rgba(28, 131, 225, 0.1)"  # Streamlit's orange and blue backgrounds


def highlighted(text: str) -> str:
    """A source line as HTML: the plan's text escaped whole (never a link, markup or script: no markdown either,
    which would make any address a link), its numbers and shares in bold on an orange background."""
    parts, last = [], 0
    for number in NUMBER.finditer(text):
        parts += [html.escape(text[last:number.start()]),
                  f'<strong style="background-color: {ORANGE}">{html.escape(number.group())}</strong>']
        last = number.end()
    return "".join([*parts, html.escape(text[last:])])


def source_view(lines: list[tuple[int, str]], cited: int) -> str:
    """The source lines around a candidate: each with its number, the cited one marked ▶ on a blue background."""
    return "".join(
        f'<div style="white-space: pre-wrap{f"; background-color: {BLUE}" if n == cited else ""}">'
        f"<code>{n:>4}</code>{' ▶' if n == cited else ''} {highlighted(text)}</div>" for n, text in lines)


def run_extraction(document, commune: str):
    """The candidates of this file for this commune, kept in the session (every click is a rerun)."""
    key = hashlib.sha256(commune.encode() + b"\0" + document.name.encode() + b"\0" + document.getvalue()).hexdigest()
    kept = st.session_state.get("plan_extraction")
    if kept and kept[0] == key:
        return kept[1]
    with tempfile.TemporaryDirectory() as tmp, st.spinner(tr("extract.running")):
        path = Path(tmp) / Path(document.name).name
        path.write_bytes(document.getvalue())
        try:
            result = extract_in_child(path, commune)
        except ExtractError as exc:
            result = str(exc)
    st.session_state["plan_extraction"] = (key, result)
    return result


st.title(tr("extract.title"))
st.caption(tr("extract.caption"))
who = account()
if not who.may("review") or who.actor is None:  # not listed for them; a stale link
    st.warning(tr("auth.not_configured" if not who.configured else "auth.no_account"), icon=":material/lock:")
    st.stop()
actor = who.actor
write_scope_notice(actor, "review")
f = st.session_state["filters"]
# a province reviewer brings in their own province's plans; an administrator those of the sidebar's province
province = actor.province if actor.role == "province_reviewer" and actor.province else f.province
units = q("units", province=province)
allowed = [c for c, p in units.select("commune_code", "province_code").iter_rows() if actor.covers(c, p)]
if not allowed:
    st.info(tr("extract.no_commune", province=f.province_name if province == f.province else province))
    st.stop()
names = dict(units.select("commune_code", "commune_name").iter_rows())
if st.session_state.get("extract_commune") not in allowed:  # the sidebar's chosen commune until one is picked here
    st.session_state["extract_commune"] = next((c for c in f.communes if c in allowed), allowed[0])
commune = st.selectbox(tr("extract.commune"), allowed, format_func=lambda c: f"{names[c]} ({c})", key="extract_commune")
plan_file = upload(tr("extract.upload"), types=["txt", "docx", "pdf"], key="extract_file",
                   max_mb=MAX_FILE_BYTES // 2**20)  # the uploader shows the real limit (50 MB)
if not plan_file:
    st.stop()
result = run_extraction(plan_file, commune)
if isinstance(result, str):
    st.error(plain(result))  # names the user's file: plain text, never markdown
    st.stop()
for note in result.notes:
    st.info(text_of(note, lang()))
counts = dict(result.targets.group_by("status").len().iter_rows())
c = st.columns(4)
for col, key in zip(c, ("candidate", "proposed_indicator", "no_year"), strict=False):
    col.metric(tr(f"extract.status.{key}"), counts.get(key, 0))
c[3].metric(tr("extract.tasks"), result.tasks.height)

st.subheader(tr("extract.targets"))
# a person may mark every candidate "accept" at once, then reject or edit the few that need it; nothing is saved until they save
preset = st.toggle(tr("extract.preset"), key="extract_preset", help=tr("extract.preset_help"))
catalogue = q("indicators", group=None, scope=None)
indicator_names = dict(catalogue.select("indicator_code", "name_vi" if lang() == "vi" else "name_en").iter_rows())
indicator_names[""] = tr("extract.proposed")
comparators = words("comparator", lang())
flags = {"": "", **words("flag", lang())}
targets = result.targets.with_columns(
    pl.when(pl.lit(preset) & (pl.col("status") == "candidate")).then(pl.lit("accept")).otherwise(pl.lit("pending")).alias("decision"),
    pl.Series("reasons", [in_language(r, lang()) for r in result.targets["reasons"]], dtype=pl.String),
).select(
    "decision", "status", "indicator_code", "year", "recurring", "comparator", "value", "value_max", "unit", "wording_vi",
    "section", "row", "flag", "confidence", "reasons", "line", "interpreted", "seed_file", "note", "commune_code")
decision = st.column_config.SelectboxColumn(tr("extract.decision"), options=list(DECISIONS), required=True,
                                            format_func=lambda d: tr(f"extract.decision.{d}"), help=tr("extract.decision_help"))
edited = st.data_editor(
    targets, key=f"extract_targets_{commune}_{preset}", hide_index=True, width="stretch",
    disabled=["status", "wording_vi", "flag", "confidence", "reasons", "line", "seed_file", "commune_code"],
    column_order=["decision", "status", "indicator_code", "year", "recurring", "comparator", "value", "value_max", "unit",
                  "wording_vi", "flag", "confidence", "reasons", "line"],
    column_config={
        "decision": decision,
        "status": st.column_config.SelectboxColumn(tr("extract.status"), options=list(STATUSES),
                                                   format_func=lambda c: tr(f"extract.row.{c}")),
        "indicator_code": st.column_config.SelectboxColumn(tr("col.name"), options=list(indicator_names),
                                                           format_func=lambda c: indicator_names.get(c, c), width="large"),
        "year": st.column_config.NumberColumn(tr("col.year"), format="%d"), "recurring": tr("extract.recurring"),
        "comparator": st.column_config.SelectboxColumn(tr("col.target_comparator"), options=list(comparators),
                                                       format_func=lambda c: comparators.get(c, c)),
        "value": st.column_config.NumberColumn(tr("col.value")), "value_max": st.column_config.NumberColumn(tr("extract.value_max")),
        "unit": tr("col.unit"), "wording_vi": tr("extract.wording"),
        "flag": st.column_config.SelectboxColumn(tr("col.flag"), options=list(flags), format_func=lambda c: flags.get(c, c)),
        "confidence": st.column_config.ProgressColumn(tr("extract.confidence"), min_value=0.0, max_value=1.0, format="%.2f"),
        "reasons": tr("extract.reasons"), "line": st.column_config.NumberColumn(tr("extract.line"), format="%d"),
    },
)

st.subheader(tr("extract.source"))
rows = edited.with_row_index("_i")
if rows.height:
    pick = st.selectbox(tr("extract.pick"), rows["_i"].to_list(), key="extract_pick",
                        format_func=lambda i: f"{i + 1}. {rows['wording_vi'][i][:90]}")
    line = rows["line"][pick]
    shown = [(n, text) for n, text in result.source if line - 3 <= n <= line + 8]
    st.html(source_view(shown, line))
    st.caption(tr("extract.cited"))

st.subheader(tr("extract.tasks"))
tasks = result.tasks.with_columns(
    pl.lit("accept" if preset else "pending").alias("decision"),
    pl.Series("reasons", [in_language(r, lang()) for r in result.tasks["reasons"]], dtype=pl.String),
).select(
    "decision", "seq", "section", "task", "lead_agency", "partners", "deliverable", "deadline_text", "confidence", "reasons", "line",
    "seed_file", "page_hint", "commune_code", "status", "flag")
edited_tasks = st.data_editor(
    tasks, key=f"extract_tasks_{commune}_{preset}", hide_index=True, width="stretch",
    disabled=["confidence", "reasons", "line", "seed_file", "commune_code", "status", "flag"],
    column_order=["decision", "seq", "task", "lead_agency", "partners", "deliverable", "deadline_text", "section", "confidence",
                  "reasons", "line"],
    column_config={"decision": decision, "seq": tr("col.seq"), "task": tr("col.task"), "lead_agency": tr("tasks.agency"),
                   "partners": tr("extract.partners"), "deliverable": tr("extract.deliverable"), "deadline_text": tr("col.deadline_text"),
                   "section": tr("extract.section"),
                   "confidence": st.column_config.ProgressColumn(tr("extract.confidence"), min_value=0.0, max_value=1.0, format="%.2f"),
                   "reasons": tr("extract.reasons"), "line": st.column_config.NumberColumn(tr("extract.line"), format="%d")},
)

# an invalid row is named by its number in the grid above (1 for the first)
accepted = edited.with_row_index("review_row", offset=1).filter(pl.col("decision") == "accept")
accepted_tasks = edited_tasks.with_row_index("review_row", offset=1).filter(pl.col("decision") == "accept")
st.caption(tr("extract.accepted", targets=accepted.height, tasks=accepted_tasks.height))
if st.button(tr("extract.save"), type="primary", disabled=not (accepted.height or accepted_tasks.height), key="extract_save"):
    def action():
        try:
            return save_plan(config.default_db(), actor, commune=commune, document=plan_file.name, content=plan_file.getvalue(),
                             targets=accepted, tasks=accepted_tasks)
        except SourceErrors as exc:
            raise NothingWritten(exc) from None

    done = record(action)
    if isinstance(done, SourceErrors):
        st.error(tr("extract.invalid"))
        sheets = {"targets": tr("extract.targets"), "tasks": tr("extract.tasks")}
        st.dataframe(pl.DataFrame([(sheets.get(e.file, e.file), str(e.row), e.field, text_of(e.message, lang()))
                                   for e in done.errors],
                                  schema=[tr("col.file"), tr("col.row"), tr("col.field"), tr("col.message")], orient="row"),
                     hide_index=True)
    elif done is not None:
        st.success(tr("extract.saved", targets=done.targets, tasks=done.tasks, commune=names[commune], folder=plain(done.save_id)))
