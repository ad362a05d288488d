"""Phê duyệt số liệu (DHIS2's data approval screen), for province reviewers and administrators: per commune
and quarter, each value the commune reported beside its previous value, the next milestone's target and the
province's spread of the same indicator and quarter, outliers flagged (kpi.value_review); the commune's
evidence one click away (the /evidence/ route, checked there); the reviewers' words so far; approve, return
with a reason, lock, unlock (kpi.services.approvals, role and scope checked again at the write). This page only
lays them out."""

import polars as pl
import streamlit as st

from kpi import approvals, config, value_review
from kpi.accounts import AccessDenied
from kpi.i18n import fmt_period, local_time, text_of
from kpi.services import approvals as approval_service
from kpi.services import values as value_service
from kpi.tasks import PLAN_START
from kpi.web import evidence_url
from pages import _task_forms as task_forms
from pages._auth import account
from pages._data import q
from pages._display import decimals_by_row, downloads, lang, plain, table, tr
from pages._scope_notice import write_scope_notice
from pages._writes import record

L = lang()
st.title(tr("nav.approval"))
task_forms.show_flash()  # what this session's last decision recorded (the page is drawn again after it)
st.caption(tr("approval.caption"))
who = account()
if not who.may("review") or who.actor is None:  # not listed for them; a stale link
    st.warning(tr("auth.not_configured" if not who.configured else "auth.no_account"), icon=":material/lock:")
    st.stop()
actor = who.actor
write_scope_notice(actor, "review")  # the listing below is of their own scope
states = approval_service.listing(config.default_db(), None if actor.role == "admin" else actor.province)
if not states.height:
    st.caption(tr("approval.none"))
    st.stop()
words = {s: tr(f"approval.{s}") for s in approvals.STATES}
st.dataframe(states.select(
    pl.col("commune_name").alias(tr("col.commune_name")),
    pl.col("quarter").replace({p: fmt_period(p) for p in states["quarter"].unique()}).alias(tr("filter.period")),
    pl.col("values_reported").alias(tr("import.rows")),
    pl.col("state").replace_strict(words, return_dtype=pl.String).alias(tr("approval.state")),
    pl.col("changed_by").alias(tr("col.reviewed_by")),
), hide_index=True, width="stretch", key="approvals")
keys = [f"{c}|{p}" for c, p in states.select("commune_code", "quarter").iter_rows()]
shown_as = {k: f"{n} · {fmt_period(p)}" for k, n, p in zip(keys, states["commune_name"], states["quarter"], strict=True)}
state_of = dict(zip(keys, states["state"], strict=True))
picked = st.selectbox(tr("approval.pick"), keys, format_func=shown_as.get, key="approval_pick")
commune, quarter = picked.split("|")
name = shown_as[picked].split(" · ")[0]

# --- the quarter's values in view -----------------------------------------------------------------
st.subheader(f"{tr('approval.values')}: {name}, {fmt_period(quarter)} · {words[state_of[picked]]}")
st.caption(tr("approval.screen_caption"))
start, end, year = value_review.quarter_span(quarter)
try:
    recorded = approval_service.quarter_values(config.default_db(), actor, commune)
except (AccessDenied, approvals.ApprovalError) as exc:
    st.error(plain(text_of(exc, L)))
    st.stop()
view = value_review.screen(recorded, q("approval_context", commune=commune, start=start, end=end, year=year), quarter, L)
files = value_review.evidence_files(view, pl.concat(  # the values' own evidence files, as recorded
    [value_service.value_evidence(config.default_db(), commune, p) for p in view["period"].unique().sort()],
    how="diagonal_relaxed")) if view.height else value_review.evidence_files(view, pl.DataFrame())
if not view.height:
    st.info(tr("approval.no_values"))
else:
    if n := int(view["outlier"].sum()):
        st.warning(tr("approval.outliers", n=n), icon=":material/warning:")
    target = pl.Series(tr("col.target_next"), value_review.target_words(view, L), pl.String)
    # beside each value its newest evidence file, named after the '#' (the /evidence/value/ route checks scope again)
    newest = {(i, p): f"{evidence_url(b, h, value=True)}#{n}" for i, p, b, n, h in
              files.unique(["indicator_code", "period"], keep="first", maintain_order=True).iter_rows()}
    links = pl.Series(tr("col.evidence_file"), [newest.get(k) for k in view.select("indicator_code", "period").iter_rows()],
                      pl.String)
    table(view.select(
        pl.col("outlier").alias(tr("col.outlier")),
        pl.col("indicator_name_en" if L == "en" else "indicator_name_vi").alias(tr("filter.indicator")),
        pl.col("unit").alias(tr("col.unit")),
        pl.col("value").alias(tr("col.value")),
        pl.col("previous_value").alias(tr("col.previous")),
        pl.col("previous_period").alias(tr("col.period")),
        pl.col("change").alias(tr("col.change_since_previous")),
        target,
        pl.col("province_q1").alias(tr("col.province_q1")),
        pl.col("province_median").alias(tr("col.province_median")),
        pl.col("province_q3").alias(tr("col.province_q3")),
        pl.col("province_communes").alias(tr("col.province_n")),
        pl.col("flags").alias(tr("col.flags")),
        pl.col("evidence").fill_null("").alias(tr("col.evidence_text")),
        links,
    ), dict.fromkeys((tr(c) for c in ("col.value", "col.previous", "col.change_since_previous", "col.province_q1", "col.province_median",
                                     "col.province_q3")), decimals_by_row(view["indicator_code"])) | {tr("col.province_n"): 0},
        key="approval_values",
        column_config={tr("col.outlier"): st.column_config.CheckboxColumn(tr("col.outlier"), width=80),
                       tr("col.flags"): st.column_config.TextColumn(width=260),
                       tr("col.evidence_file"): st.column_config.LinkColumn(display_text="#(.+)$")})
    downloads(view, f"phe-duyet-{commune}-{quarter}", f"{tr('approval.values')}: {name}, {fmt_period(quarter)}",
              {tr("approval.pick"): shown_as[picked]}, ["queries/records/quarter_values.sql", "queries/approval_context.sql"])

with st.expander(tr("approval.evidence"), icon=":material/attach_file:"):  # the /evidence/ route checks scope again
    board = q("task_board", province=None, commune=commune, agency=None, status=None, as_of=config.today(),
              plan_start=PLAN_START)
    sent = board.filter(pl.col("report_id").is_not_null() & (pl.col("evidence_files") > 0))
    if not sent.height and not files.height:
        st.caption(tr("approval.evidence_none"))
    names = dict(zip(view["indicator_code"], view["indicator_name_en" if L == "en" else "indicator_name_vi"], strict=True)) \
        if view.height else {}
    for code, batch, file_name, sha256 in files.select("indicator_code", "batch_id", "file_name", "sha256").iter_rows():
        st.link_button(plain(f"{names.get(code, code)}: {file_name}"), evidence_url(batch, sha256, value=True),
                       icon=":material/download:")
    for seq, report in sent.select("seq", "report_id").iter_rows():
        st.caption(f"{seq}")
        task_forms.evidence_links(int(report))

# --- the reviewers' words, and the decision -------------------------------------------------------
st.subheader(tr("approval.history"))
said = approval_service.reviews(config.default_db(), actor).filter(
    (pl.col("commune_code") == commune) & (pl.col("quarter") == quarter))
if not said.height:
    st.caption(tr("approval.history_none"))
else:
    table(said.select(
        pl.Series(tr("col.reviewed_at"), [local_time(at) for at in said["reviewed_at"]], pl.String),
        pl.col("reviewed_by").alias(tr("col.reviewed_by")),
        pl.col("move").replace_strict({m: tr(f"move.{m}") for m in approvals.MOVES}, return_dtype=pl.String)
        .alias(tr("col.move")),
        pl.col("reason").alias(tr("col.reason")),
    ), key="approval_history")

gen = st.session_state.get("approval_gen", 0)  # a decision empties the reason (new key): it cannot be sent twice
reason = st.text_input(tr("approval.reason"), key=f"approval_reason_{picked}_{gen}", max_chars=approvals.MAX_REASON)
cols = st.columns(len(approvals.MOVES))
clicked = [move for col, move in zip(cols, approvals.MOVES, strict=True)
           if col.button(tr(f"approval.{move}"), key=f"approval_{move}", type="primary" if move == "approve" else "secondary")]
if clicked:
    done = record(lambda: approval_service.decide(config.default_db(), actor, commune, quarter, clicked[0], reason=reason))
    if done is not None:
        st.session_state["approval_gen"] = gen + 1
        task_forms.flash(tr("approval.done", commune=name, quarter=fmt_period(quarter), state=words[done.state]),
                         done.recorded_at)
