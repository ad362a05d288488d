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


def _importers(package: str, names: tuple[str, ...]) -> list[str]:
    """The modules under PACKAGE that import any of NAMES (or a module below one)."""
    importers = []
    for path in sorted((config.ROOT / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            found = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n == name or n.startswith(f"{name}.") for n in found for name in names):
                importers.append(str(path.relative_to(config.ROOT)))
    return sorted(set(importers))


def test_nothing_in_kpi_imports_the_pages_playwright_or_the_tools():
    """The runtime package knows neither the pages nor the browser; the load test and the bench live in tools/,
    reached only by the two commands that run them."""
    assert _importers("kpi", ("pages", "playwright", "streamlit.proto", "streamlit.testing")) == []
    assert _importers("kpi", ("tools",)) == ["kpi/cli/tools.py"]


def test_the_layers_contract_holds():
    done = subprocess.run([str(Path(sys.executable).with_name("lint-imports"))], cwd=config.ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
