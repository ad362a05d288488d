"""`python -m kpi`: build, export and the other subcommands. A public interface: keep it stable.

Exit codes: 0 success, 1 invalid data (every error printed as FILE:ROW: field: message) or a write the
account may not make, 2 usage error or unreadable file.

Writes from the command line are the administrator's (the server machine's user, recorded as
cli:USER@HOST) unless `--as EMAIL` names an account: then that account's role and scope apply.

One module per command group, each with its `add_parsers(sub)` and its `COMMANDS`:

    common.py     --db, --wait, --as; opening the database; who writes
    build.py      build, publish, export, serve
    values.py     import, batches, rollback
    accounts.py   users, audit
    tools.py      bench, loadtest
    documents.py  report (scorecard PDFs), extract (a plan into a review workbook)
    tasks.py      tasks-template, tasks-report, review
    approval.py   approval
    records.py    records migrate, unmatched, remap (the store of record)
    sync.py       sync (snapshots from another host)
    published.py  published load (Bộ chỉ số 766 snapshots of the national portal)
"""

from __future__ import annotations

import argparse
import sys

from kpi.cli import accounts, approval, build, documents, published, records, sync, tasks, tools, values

GROUPS = (build, values, accounts, tools, documents, tasks, approval, records, sync, published)  # `--help` lists them so
COMMANDS = {name: command for group in GROUPS for name, command in group.COMMANDS.items()}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m kpi", description="Resolution 57 commune KPI dashboard tools")
    sub = parser.add_subparsers(dest="command", required=True)
    for group in GROUPS:
        group.add_parsers(sub)
    return parser


class _NotLoaded(Exception):
    """Stands for an error class of a module this process has not loaded: nothing can have raised it."""


def _error(module: str, name: str) -> type[BaseException] | tuple[type[BaseException], ...]:
    """The exception class `name` of `module` if this process loaded the module, else _NotLoaded: main's handlers
    look them up as an error arrives, so that a command (an import: a clerk's file, a hundred at once at a
    quarter's end) loads only the modules it uses, not DuckDB, the snapshots or the accounts for the handlers."""
    loaded = sys.modules.get(module)
    return getattr(loaded, name) if loaded is not None else _NotLoaded


def main(argv: list[str] | None = None) -> int:
    """Run a subcommand. Whatever goes wrong ends in a message and exit code 1 or 2, never a traceback:
    an unexpected error's traceback is written to a log file the message names."""
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except _error("kpi.store.lease", "WriterBusy") as exc:  # another writer held the database longer than --wait
        print(exc, file=sys.stderr)
        return 2
    except _error("kpi.accounts.identity", "LookAlike") as exc:  # --as or EMAIL could pass for another account
        print(f"{exc}; nothing was written / không ghi dữ liệu nào", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted / đã dừng; nothing half-written is ever published", file=sys.stderr)
        return 2
    except OSError as exc:  # disk full, permissions, a file that vanished
        where = f" {exc.filename}" if exc.filename else ""
        print(f"không đọc/ghi được{where}: {exc.strerror or exc} / could not read or write{where}: {exc.strerror or exc}; "
              "nothing was published", file=sys.stderr)
        return 2
    except _error("kpi.records.store", "Unavailable") as exc:  # PostgreSQL down or unreachable: what was in flight rolled back
        print(exc, file=sys.stderr)
        return 2
    except _error("kpi.records.store", "ERRORS") as exc:  # the store of record could not write: its transaction rolled back
        from kpi.cli.common import busy, store_busy

        if busy(exc):  # another write held the store's lock past --wait
            return store_busy(args)
        print(f"lỗi kho dữ liệu / store of record error: {exc}; nothing was written / không ghi dữ liệu nào",
              file=sys.stderr)
        return 2
    except _error("duckdb", "Error") as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"lỗi cơ sở dữ liệu / database error: {first}; nothing was published", file=sys.stderr)
        return 2
    except Exception:
        import tempfile
        import traceback

        fd, log = tempfile.mkstemp(prefix=f"kpi-{args.command}-", suffix=".log")
        with open(fd, "w", encoding="utf-8") as f:
            traceback.print_exc(file=f)
        print(f"lỗi nội bộ; chi tiết trong {log} / internal error, details in {log}; nothing was published", file=sys.stderr)
        return 2
