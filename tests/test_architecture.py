"""The layers of a write: pages and the command line parse, call and show; kpi.services owns each write; the
store of record and the snapshots lie below; the core below all. import-linter holds kpi's own layers
(pyproject.toml, run by `make lint`); this test holds what it cannot see: pages/ and app.py."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from kpi import config

# What only a service may call: a store transaction or statement, a snapshot writer.
WRITE_CALLS = {("records", "transaction"), ("records", "execute"), ("store", "edit"), ("store", "writing"),
               ("db", "transaction"), ("db", "execute")}


def _calls(path: Path) -> set[tuple[str, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {(node.func.value.id, node.func.attr) for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)}


def test_pages_write_only_through_the_services():
    offenders = {path.name: sorted(_calls(path) & WRITE_CALLS)
                 for path in [config.ROOT / "app.py", *sorted((config.ROOT / "pages").glob("*.py"))]}
    assert {name: calls for name, calls in offenders.items() if calls} == {}


def test_nothing_in_kpi_imports_the_pages():
    importers = []
    for path in sorted((config.ROOT / "kpi").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n == "pages" or n.startswith("pages.") for n in names):
                importers.append(str(path.relative_to(config.ROOT)))
    # the bench harness times the pages themselves (a tool in the runtime package: issue 35 moves it out)
    assert importers == ["kpi/bench.py"]


def test_the_layers_contract_holds():
    done = subprocess.run([str(Path(sys.executable).with_name("lint-imports"))], cwd=config.ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
