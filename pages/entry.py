"""Nhập số liệu: a commune's values for one period on screen (DHIS2's data entry). The rows and checks are
kpi.entry's; a draft and a submission are kpi.services.values' writes (submit_entry goes through import_files:
the import's checks and its one write). This page only lays them out."""

import streamlit as st

from kpi import config
from kpi.entry import checks, form, template
from kpi.i18n import fmt_number, fmt_period, local_time, text_of
from kpi.periods import last_closed_quarter, quarters
from kpi.services import values
from kpi.workflow import evidence
from pages._auth import account, scope_words
from pages._data import con, q
from pages._display import lang, plain, tr, upload
from pages._scope_notice import write_scope_notice
from pages._writes import NothingWritten, acknowledge, record

st.title(tr("entry.title"))
st.caption(tr("entry.caption"))
who = account()
if who.actor is None or not who.may("import"):
    st.warning(tr("entry.no_write", scope=scope_words(who.actor) if who.actor else tr("auth.reader")), icon=":material/lock:")
    st.stop()
actor = who.actor
write_scope_notice(actor, "import")  # the sidebar's commune, if not theirs, is only read
f = st.session_state["filters"]
units = q("units", province=None if actor.role == "commune_editor" else f.province)
allowed = [c for c, p in units.select("commune_code", "province_code").iter_rows() if actor.covers(c, p)]
if not allowed:
    st.info(tr("entry.no_commune"))
    st.stop()
names = dict(units.select("commune_code", "commune_name").iter_rows())
chosen = next((c for c in f.communes if c in allowed), allowed[0])
left, right = st.columns(2)
commune = left.selectbox(tr("entry.commune"), allowed, index=allowed.index(chosen), key=f"entry_commune_{chosen}",
                         format_func=lambda c: f"{names[c]} ({c})")
last = last_closed_quarter(config.today())
periods = [p.label for p in reversed(quarters("2025-Q1", last.label))]
period = right.selectbox(tr("entry.period"), periods, key="entry_period", format_func=fmt_period)

rows = form.rows(con(), commune, period)
lines = form.lines(con(), commune, period, rows)
one, two = st.columns(2)
blank = template.frame(con(), commune, period)
one.download_button(tr("entry.template_csv"), template.csv_bytes(blank), template.file_name(commune, period), "text/csv",
                    icon=":material/download:", on_click="ignore")
two.download_button(tr("entry.template_xlsx"), template.xlsx_bytes(blank), template.file_name(commune, period, "xlsx"),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon=":material/table_view:",
                    on_click="ignore")

draft = values.draft_of(config.default_db(), actor, commune, period)
kept = {r["indicator_code"]: r for r in draft.iter_rows(named=True)} if draft.height else {}
if kept:
    st.caption(tr("entry.draft_from", when=local_time(draft["saved_at"][0])))
L = lang()


def one_line(r: dict, key: str) -> tuple[values.Entry | None, list[checks.Finding], list]:
    """One indicator's inputs and what its checks say now."""
    code = r["indicator_code"]
    head, value_col, note_col = st.columns([5, 2, 3])
    unit = r["unit_en" if L == "en" else "unit"]
    head.markdown(f"**{plain(r['name_en'] if L == 'en' else r['name_vi'])}** · {plain(unit)}")
    places = r["decimals"]  # the indicator's (data/indicators.yaml)
    facts = [tr("entry.last", period=fmt_period(r["last_period"]), value=fmt_number(r["last_value"], L, places))
             if r["last_value"] is not None else tr("entry.no_last")]
    if r["target_value"] is not None:
        facts.append(tr("entry.target", year=r["target_year"], value=fmt_number(r["target_value"], L, places),
                        comparator=template.COMPARATOR_WORDS.get(r["target_comparator"], r["target_comparator"])))
    facts.append(tr("entry.bounds", lower=fmt_number(r["lower_bound"], L, places), upper=fmt_number(r["upper_bound"], L, places),
                    unit=unit))
    head.caption(" · ".join(facts))
    start = kept.get(code, {}).get("value")
    value = value_col.number_input(tr("entry.value"), value=start, step=None, format="%g", key=f"{key}_value_{code}",
                                   label_visibility="collapsed", placeholder=tr("entry.value"))
    note = note_col.text_input(tr("entry.note"), value=kept.get(code, {}).get("note", ""), key=f"{key}_note_{code}",
                               label_visibility="collapsed", placeholder=tr("entry.note"))
    if value is None:
        return None, [], []
    files = []
    if commune in checks.EVIDENCE_REQUIRED and checks.meets(lines[code], value):
        files = upload(tr("entry.evidence"), types=sorted({"pdf", "png", "jpg", "jpeg", "docx", "xlsx", "doc", "xls", "odt",
                                                            "ods", "pptx"}),
                       multiple=True, key=f"{key}_evidence_{code}", max_mb=evidence.MAX_BYTES // 2**20) or []  # its real limit
    found = checks.check(lines[code], value, commune=commune, reason=note, evidence=bool(files))
    for finding in found:
        (st.error if finding.kind == "bounds" else st.warning)(plain(text_of(finding.message, L)), icon=":material/error:")
    return values.Entry(code, float(value), note.strip(), tuple(file.name for file in files)), found, files


gen = st.session_state.get("entry_gen", 0)  # a submission empties the form (new widget keys): it cannot go twice
key = f"entry_{commune}_{period}" + (f"_{gen}" if gen else "")
entered: list[tuple[values.Entry, list, list]] = []
main = rows.filter(rows["own_plan"] | rows["target_value"].is_not_null())
rest = rows.filter(~(rows["own_plan"] | rows["target_value"].is_not_null()))
for r in main.iter_rows(named=True):
    entry, found, files = one_line(r, key)
    if entry is not None:
        entered.append((entry, found, files))
with st.expander(tr("entry.others", n=rest.height)):
    for r in rest.iter_rows(named=True):
        entry, found, files = one_line(r, key)
        if entry is not None:
            entered.append((entry, found, files))

save_col, submit_col = st.columns(2)
save = save_col.button(tr("entry.save"), icon=":material/save:", key="entry_save")
submit = submit_col.button(tr("entry.submit"), type="primary", icon=":material/send:", key="entry_submit")
entries = [e for e, _, _ in entered]
if (save or submit) and not entries:
    st.info(tr("entry.nothing"))
elif save:
    done = record(lambda: values.save_draft(config.default_db(), actor, commune, period, entries))
    if done is not None:
        st.success(tr("entry.saved", n=done.saved), icon=":material/save:")
elif submit:
    blocked = sum(1 for _, found, _ in entered if found)
    if blocked:
        st.error(tr("entry.blocked", n=blocked))
    else:
        given = {file.name: file.getvalue() for _, _, files in entered for file in files}

        def action() -> object:
            done = values.submit_entry(config.default_db(), actor, commune, period, entries, given)
            if not done.ok:
                raise NothingWritten(done)
            return done

        done = record(action)
        if done is not None and done.ok:
            st.session_state["entry_gen"] = gen + 1
            st.success(tr("entry.submitted", n=done.imported + done.updated + done.unchanged, batch=done.batch_id,
                          period=fmt_period(period)), icon=":material/task_alt:")
            acknowledge(done.recorded_at)
        elif done is not None:
            for error in done.errors:
                st.error(plain(error.text(L)))
