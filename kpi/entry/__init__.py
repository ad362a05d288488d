"""Entering a commune's values on screen (DHIS2's data entry) and the pre-filled report template. No Streamlit.

* checks: the checks of one entered value (bounds, a jump needing a reason, evidence for a met target);
* form: the form's rows for a commune and period from the published snapshot, and the checks over many rows;
* template: the report template pre-filled for a commune (CSV for Excel in Vietnamese, or XLSX).

Drafts and submissions are writes of kpi.services.values (save_draft, submit_entry: the import's own path)."""
