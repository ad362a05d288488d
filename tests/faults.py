"""Faults the tests inject into a child process: kill -9 at a named point of a write, by wrapping the product's
own functions there (the product carries no test hooks).

`python -m tests.faults STAGE ARGS...` runs `python -m kpi ARGS...` with the point armed; a test's own child
script calls `arm(STAGE)` before the write."""

from __future__ import annotations

import functools
import importlib
import os
import signal
import sys
from collections.abc import Callable
from typing import Any


def _named(statement: str) -> Callable[..., bool]:
    return lambda name, *_a, **_k: name == statement


# stage: (module, function, "before" or "after" the call, which calls)
POINTS: dict[str, tuple[str, str, str, Callable[..., bool]]] = {
    # an import (kpi.importer.write), inside its store transaction: the replaced values saved, not yet the new ones
    "after_delete": ("kpi.records", "statement", "before", _named("import_value_upsert")),
    # the values and their quarters written, not yet the audit and change rows
    "after_insert": ("kpi.approvals", "submit", "after", lambda *_a, **_k: True),
    # everything written, not committed
    "before_commit": ("kpi.records.changes", "record", "after", lambda *_a, **_k: True),
    # a plan's save (kpi.services.plans.save_plan): its hidden folder's files written, not its manifest
    "document_written": ("kpi.saved_plans", "write_manifest", "before", lambda *_a, **_k: True),
    # the audit row written in the transaction, the folder not yet renamed into place
    "before_rename": ("kpi.services.plans", "record", "after", lambda *_a, **_k: True),
    # the folder renamed into place, not committed
    "after_rename": ("kpi.services.plans", "_fsync", "after", lambda *_a, **_k: True),
}


def arm(stage: str) -> None:
    """From now on, this process kills itself (SIGKILL) at STAGE."""
    module_name, name, when, matches = POINTS[stage]
    module = importlib.import_module(module_name)
    original = getattr(module, name)

    @functools.wraps(original)
    def killing(*args: Any, **kwargs: Any) -> Any:
        hit = matches(*args, **kwargs)
        if hit and when == "before":
            os.kill(os.getpid(), signal.SIGKILL)
        result = original(*args, **kwargs)
        if hit:
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    setattr(module, name, killing)


if __name__ == "__main__":
    arm(sys.argv[1])
    from kpi.cli import main

    sys.exit(main(sys.argv[2:]))
