"""A page's write: one call of a kpi/services function, its refusal shown as the message it carries, its
acknowledgement ("Đã ghi nhận lúc …"), and the count of recorded writes not yet published.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from kpi import config, records, store
from kpi.accounts import AccessDenied
from kpi.approvals import ApprovalError
from kpi.i18n import fmt_number, local_time, text_of
from kpi.importer import RollbackError
from kpi.records import changes
from kpi.store import publisher
from kpi.workflow.review import ReviewError
from pages._data import info
from pages._display import lang, plain, tr


class NothingWritten(Exception):
    """Raised inside record()'s action with a result that has row errors: nothing is written, and
    record() returns that result for the page to show."""


T = TypeVar("T")


REFUSALS = (AccessDenied, RollbackError, ReviewError, ApprovalError)  # the writers' refusals: each message is for the user


def record(action: Callable[[], T]) -> T | None:
    """Run one write from a page: a kpi.services function, one short transaction in the store of record
    (its role and scope checked there, at the write). A refusal (no right, out of scope, a move not allowed
    now) or a store busy for too long is said in the user's language and returns None; NothingWritten
    returns the result it carries (row errors: nothing was written)."""
    try:
        return action()
    except NothingWritten as stop:
        return stop.args[0]
    except REFUSALS as exc:
        st.error(tr("import.refused", reason=plain(text_of(exc, lang()))))
    except records.Unavailable:  # PostgreSQL down or unreachable: the write rolled back
        logging.getLogger("kpi.pages").warning("a write from a page found the store of record down", exc_info=True)
        st.error(tr("records.unavailable"))
    except (store.WriterBusy, sqlite3.OperationalError, records.Busy):  # the store's write lock held past its wait
        logging.getLogger("kpi.pages").warning("a write from a page found the store busy", exc_info=True)
        st.error(tr("import.busy"))
    return None


def acknowledge(recorded_at: str | None) -> None:
    """Tell the person their write is recorded, when, and that the dashboard shows it after the next
    publication (kpi.store.publisher, every few seconds beside the server)."""
    st.success(tr("write.recorded", when=local_time(recorded_at), seconds=fmt_number(publisher.INTERVAL * 2, lang(), 0)),
               icon=":material/task_alt:")


def pending_writes() -> int:
    """How many recorded writes the snapshot this rerun reads does not hold yet."""
    through = int(info().get("published_through", "0"))
    try:
        return changes.waiting(config.default_db(), through)
    except records.ERRORS:  # the store unreadable for a moment: say nothing rather than fail the page
        return 0
