"""The short notice first on a page with a write form when the sidebar shows units outside the signed-in
person's write scope (issue 33 item 1): "Bạn chỉ xem: Xã An Hòa, Đồng Nai ngoài phạm vi ghi của bạn (Xã Tân Lợi,
Đồng Nai)", so that a form that would refuse is not the first thing they learn it from. What is outside is
kpi.scope's; the scope in words pages/_auth.py (the sidebar's)."""

import streamlit as st

from kpi import scope
from kpi.accounts import Actor
from pages._auth import scope_words
from pages._data import q
from pages._display import tr


def write_scope_notice(actor: Actor | None, *actions: str) -> None:
    """Say so when the sidebar's communes (or, none chosen, its province) lie outside what this actor may write
    with `actions` here; nothing for an administrator, a reader, or a view within their scope."""
    f = st.session_state["filters"]
    units = q("units", province=f.province)
    outside = scope.outside_write(actor, actions, tuple(f.communes), units)
    if outside is None:
        return
    names = dict(units.select("commune_code", "commune_name").iter_rows())
    what = "; ".join(f"{names.get(c, c)}, {f.province_name}" for c in outside) if outside else f.province_name
    st.info(tr("scope.write_outside", what=what, scope=scope_words(actor)), icon=":material/visibility:")
