"""Codes as words: statuses, task statuses, target levels, flags and comparators in the reader's language,
a status with its symbol first so colour is never the only signal ("↗ Đúng lộ trình"). The pages
(pages/_display.label) and the exports (kpi.export.people) both use these."""

from __future__ import annotations

from kpi.i18n import t
from kpi.scoring import STATUS_SYMBOLS

CODES = {
    "status": ("met", "on_track", "at_risk", "off_track", "no_data"),
    "task": ("done_verified", "done_awaiting_review", "done_awaiting_evidence", "in_progress", "not_started"),
    "level": ("commune", "province", "national"),
    "flag": ("conflict", "restated", "recurring", "interpreted", "undercut"),
    "comparator": ("=", ">", ">=", "<", "<=", "range", "strive"),
    "record": ("value", "task_report", "approval", "account"),  # record_unmatched.kind
    "unmatched": ("commune_gone", "indicator_gone", "task_gone"),  # record_unmatched.why
    "direction": ("higher", "lower"),  # an indicator's better direction
    "kind": ("percent", "count", "money", "boolean", "points"),  # an indicator's kind of value
}


def words(prefix: str, lang: str) -> dict[str, str]:
    """code -> words for one kind of code (a key of CODES)."""
    symbols = STATUS_SYMBOLS if prefix == "status" else {}
    return {code: f"{symbols[code]} {t(f'{prefix}.{code}', lang)}" if code in symbols else t(f"{prefix}.{code}", lang)
            for code in CODES[prefix]}
