"""The reasons a candidate gives for its confidence, in the reader's language. kpi.extract writes them in
English, joined by "; " (the review workbook's `reasons` column and the tests read them so); the review
page shows them in Vietnamese through this table. A phrase not in the table is shown as written."""

from __future__ import annotations

import re

from kpi.i18n import t

# The reasons' keys in the catalogue (kpi/i18n.py, reason.*): its English is the phrase as kpi.extract.targets and
# kpi.extract.tasks write it, {…} the phrase's values
PHRASES: tuple[str, ...] = (
    "reason.wording_matches",
    "reason.proposed_new",
    "reason.close_to",
    "reason.at_least",
    "reason.more_than",
    "reason.at_most",
    "reason.less_than",
    "reason.strive",
    "reason.plain_value",
    "reason.range",
    "reason.year_in_statement",
    "reason.year_from_heading",
    "reason.no_year",
    "reason.every_year",
    "reason.milestone_table",
    "reason.estimate",
    "reason.read_as",
    "reason.interpreted",
    "reason.row_number",
    "reason.tabs",
    "reason.lead_agency",
    "reason.no_lead_agency",
    "reason.no_deadline_column",
    "reason.deadline",
    "reason.no_deadline",
    "reason.resumed",
    "reason.short_text",
)


def _pattern(english: str) -> re.Pattern[str]:
    parts = re.split(r"(\{\w+\})", english)
    return re.compile("".join(f"(?P<{p[1:-1]}>.+?)" if p.startswith("{") else re.escape(p) for p in parts) + "$")


_TABLE = tuple((_pattern(t(key, "en")), t(key, "vi")) for key in PHRASES)


def phrase(reason: str, lang: str) -> str | None:
    """One reason in `lang` ("vi" or "en"); None when the table does not know it."""
    if lang != "vi":
        return reason
    for pattern, vi in _TABLE:
        found = pattern.match(reason)
        if found:
            return vi.format(**found.groupdict())
    return None


def in_language(reasons: str, lang: str) -> str:
    """A candidate's reasons ("a; b; c") in `lang`; a phrase the table does not know is kept as written."""
    return "; ".join(phrase(r, lang) or r for r in reasons.split("; ")) if reasons else reasons
