"""Resolution 57 commune KPI dashboard: domain logic (no Streamlit here)."""
