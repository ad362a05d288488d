"""`python -m kpi ARGS` run inside the test process: kpi.cli.main, as kpi/__main__.py runs it, with its standard
output, standard error and exit code. Starting a Python for each call cost about 2 s (polars, DuckDB and the
package imported again); the tests that are about the process itself (a killed import, a hostile file's memory
limit, no traceback ever) still start one."""

from __future__ import annotations

import io
import os
import subprocess
from contextlib import redirect_stderr, redirect_stdout
from unittest import mock

from kpi.cli import main


def kpi_command(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The command's outcome as subprocess.run(..., capture_output=True, text=True) would give it."""
    out, err = io.StringIO(), io.StringIO()
    with mock.patch.dict(os.environ, env or {}), redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's usage errors (2) and --help (0)
            code = exc.code if isinstance(exc.code, int) else 1
    return subprocess.CompletedProcess(["python", "-m", "kpi", *args], code, out.getvalue(), err.getvalue())
