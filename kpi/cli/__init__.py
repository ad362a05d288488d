"""`python -m kpi`: build, export and the other subcommands. A public interface: keep it stable.

Messages and --help are in the language --lang names (vi, the default, or en), given before or after the
subcommand; subcommands, options and the columns commands print stay as they are in both.

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

from kpi import i18n
from kpi.cli import accounts, approval, build, documents, published, records, sync, tasks, tools, values
from kpi.cli.common import tell, tr
from kpi.i18n import DEFAULT_LANG, LANGS

GROUPS = (build, values, accounts, tools, documents, tasks, approval, records, sync, published)  # `--help` lists them so
COMMANDS = {name: command for group in GROUPS for name, command in group.COMMANDS.items()}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m kpi", description=tr("cli.help.description"))
    parser.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help=tr("cli.help.lang"))
    sub = parser.add_subparsers(dest="command", required=True)
    for group in GROUPS:
        group.add_parsers(sub)
    _lang_everywhere(sub)
    return parser


def _lang_everywhere(sub: argparse._SubParsersAction) -> None:
    """--lang after the subcommand too (`python -m kpi import --lang en FILE`); export and report have their own,
    which also words their files. Not given there, the one before the subcommand (or the default) stands."""
    for parser in set(sub.choices.values()):
        if "--lang" not in parser._option_string_actions:
            parser.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help=tr("cli.help.lang"))
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                _lang_everywhere(action)


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
    with i18n.reading(_asked_language(argv)):  # --help is worded in it too
        args = _parser().parse_args(argv)
    with i18n.reading(args.lang):  # every message of the command in --lang
        return _run(args)


def _asked_language(argv: list[str] | None) -> str:
    """The --lang of the command line wherever it stands, read before the parser is built (its help texts are
    the catalogue's, in that language); the default when none or an unknown one (the parser then refuses it)."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang", default=DEFAULT_LANG)
    known, _ = early.parse_known_args(argv)
    return known.lang if known.lang in LANGS else DEFAULT_LANG


def _run(args: argparse.Namespace) -> int:
    try:
        return COMMANDS[args.command](args)
    except _error("kpi.store.lease", "WriterBusy") as exc:  # another writer held the database longer than --wait
        print(exc, file=sys.stderr)
        return 2
    except _error("kpi.accounts.identity", "LookAlike") as exc:  # --as or EMAIL could pass for another account
        tell("cli.nothing_written", why=exc)
        return 1
    except KeyboardInterrupt:
        tell("cli.interrupted")
        return 2
    except OSError as exc:  # disk full, permissions, a file that vanished
        tell("cli.os_error", where=f" {exc.filename}" if exc.filename else "", why=exc.strerror or exc)
        return 2
    except _error("kpi.records.store", "Unavailable") as exc:  # PostgreSQL down or unreachable: what was in flight rolled back
        print(exc, file=sys.stderr)
        return 2
    except _error("kpi.records.store", "ERRORS") as exc:  # the store of record could not write: its transaction rolled back
        from kpi.cli.common import busy, store_busy

        if busy(exc):  # another write held the store's lock past --wait
            return store_busy(args)
        tell("cli.store_error", why=exc)
        return 2
    except _error("duckdb", "Error") as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        tell("cli.database_error", why=first)
        return 2
    except Exception:
        import tempfile
        import traceback

        fd, log = tempfile.mkstemp(prefix=f"kpi-{args.command}-", suffix=".log")
        with open(fd, "w", encoding="utf-8") as f:
            traceback.print_exc(file=f)
        tell("cli.internal_error", log=log)
        return 2
