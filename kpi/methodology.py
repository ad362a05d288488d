"""The scoring method and the data sources in plain language (shown on the Methodology page).

Numbers quoted here come from the code (kpi/scoring/__init__.py, kpi/demo.py), so the text cannot drift
from what is computed.
"""

from __future__ import annotations

from kpi.demo import MISSING_SHARE
from kpi.i18n import t
from kpi.scoring import MAX_MISSING_SHARE, RED_ALERT_SHARE


def _pct(share: float) -> str:
    return f"{share * 100:.0f}%"


def method(lang: str) -> str:
    """The page's text (the catalogue's method.text) with the shares the code uses."""
    return t("method.text", lang, max_missing=_pct(MAX_MISSING_SHARE), demo_missing=_pct(MISSING_SHARE),
             red_alert=_pct(RED_ALERT_SHARE))
