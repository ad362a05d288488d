"""Phương pháp: the scoring method and the data sources in plain language."""

import streamlit as st

from kpi.methodology import method
from pages._shared import lang, tr

st.title(tr("method.title"))
st.markdown(method(lang()))
