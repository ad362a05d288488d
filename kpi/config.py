"""Where things live. Every path the code uses is derived from here."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("KPI_DATA", ROOT / "data"))
QUERIES_DIR = ROOT / "queries"
DEFAULT_DB = DATA_DIR / "kpi.duckdb"


def default_db() -> Path:
    """The database the app and the CLI use: data/kpi.duckdb unless KPI_DB says otherwise."""
    return Path(os.environ.get("KPI_DB", DEFAULT_DB))


# The plans themselves live beside the repository (../shared/seeds); citations name these files.
SEEDS_DIR = Path(os.environ.get("KPI_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))
# The national and province documents as read (../shared/documents); a layer's target cites a file and line there.
DOCUMENTS_DIR = Path(os.environ.get("KPI_DOCUMENTS_DIR", ROOT.parent / "shared" / "documents"))

# The milestone years of the plans, the one list: targets (kpi.models), the snapshot's milestone table every target
# row refers to (kpi.build), the extraction, the scorecard and the sidebar's milestone all read it.
MILESTONES: tuple[int, ...] = (2025, 2026, 2030, 2035, 2040, 2045)


def today() -> date:
    """Today's date, or $KPI_TODAY (ISO) so a build or an import can be reproduced as of a given day."""
    fixed = os.environ.get("KPI_TODAY")
    return date.fromisoformat(fixed) if fixed else date.today()


def now() -> datetime:
    """The current time (UTC) on today()'s date: what a task report is stamped with, so that the task board,
    which reads the reports made by today(), shows a report as soon as it is made, $KPI_TODAY or not."""
    current = datetime.now(UTC)
    return datetime.combine(today(), current.timetz()) if os.environ.get("KPI_TODAY") else current
