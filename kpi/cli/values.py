"""Reported values: import report files (all or nothing), list the import batches, roll one back: each write one
short transaction in the store of record (kpi.services.values), on the dashboard after the next publication."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kpi.cli.common import add_as, add_db, announce, missing, open_db, tell, tr, write_out, writer

if TYPE_CHECKING:
    from kpi.intake.outcome import ImportResult


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help=tr("cli.help.import"))
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    add_db(p, records=True)
    p.add_argument("--dry-run", action="store_true", help=tr("cli.help.dry_run"))
    p.add_argument("--evidence", type=Path, nargs="+", default=[], metavar="FILE", help=tr("cli.help.import.evidence"))
    p.add_argument("--evidence-dir", type=Path, default=None, metavar="DIR", help=tr("cli.help.import.evidence_dir"))
    add_as(p)

    p = sub.add_parser("import-service", help=tr("cli.help.import_service"))
    add_db(p)

    p = sub.add_parser("report-template", help=tr("cli.help.report_template"))
    p.add_argument("--commune", required=True, metavar="CODE")
    p.add_argument("--period", default=None, metavar="P", help=tr("cli.help.report_template.period"))
    p.add_argument("-o", "--output", type=Path, default=None, metavar="FILE", help=tr("cli.help.report_template.output"))
    add_db(p)

    p = sub.add_parser("batches", help=tr("cli.help.batches"))
    add_db(p)

    p = sub.add_parser("rollback", help=tr("cli.help.rollback"))
    p.add_argument("batch", type=int, metavar="BATCH")
    add_db(p, records=True)
    add_as(p)


def cmd_import(args: argparse.Namespace) -> int:
    """Through the import service when one answers beside the database (kpi.services.import_service: this process
    loads neither polars nor DuckDB), else in this process; the same words and exit codes either way."""
    from kpi.services import import_client

    if not args.db.exists():
        return missing(args.db)
    given = evidence_files(args.evidence_dir, args.evidence)
    if given is None:
        return 2
    request = import_client.request_of(args.as_email, args.files, dry_run=args.dry_run, evidence=given, wait=args.wait)
    try:
        answer = import_client.send(args.db, request)
    except import_client.ServiceGone:
        tell("cli.import_service_gone", files=", ".join(f.name for f in args.files))
        return 2
    if answer is None:
        return import_here(args, given)
    from kpi.i18n import Msg

    status = answer.get("status")
    if status == "done":
        return said(import_client.ImportResult.of(answer["result"]), args.dry_run)
    if status == "denied":
        tell("cli.nothing_written", why=Msg.of(answer["message"]))
        return 1
    if status == "file_error":
        print(Msg.of(answer["message"]), file=sys.stderr)
        return 2
    if status == "no_account":
        tell("cli.no_account", email=f"--as {args.as_email}")
        return 2
    if status == "busy":
        tell("cli.store_busy", waited=answer["waited"], store=answer["store"])
        return 2
    tell("cli.store_error", why=answer.get("why", "?"))
    return 2


def import_here(args: argparse.Namespace, given: dict[str, bytes]) -> int:
    """The import in this process (no import service answers)."""
    from kpi.accounts import AccessDenied
    from kpi.importer import ImportFileError
    from kpi.services import values

    who = writer(args)
    if who is None:
        return 2
    try:
        result = values.import_files(args.db, who, args.files, dry_run=args.dry_run, wait=args.wait, evidence=given)
    except ImportFileError as exc:
        print(exc, file=sys.stderr)
        return 2
    except AccessDenied as exc:
        tell("cli.nothing_written", why=exc)
        return 1
    return said(result, args.dry_run)


def said(result: ImportResult, dry_run: bool) -> int:
    """An import's result (in this process or the service's answer) as the command prints it."""
    for err in result.errors:
        print(err, file=sys.stderr)
    if result.error_count > len(result.errors):
        tell("cli.more_errors", n=result.error_count - len(result.errors))
    if not result.ok:
        tell("cli.import_failed", n=result.error_count, rows=result.rows)
        return 1
    announce("cli.imported", imported=result.imported, updated=result.updated, unchanged=result.unchanged,
             rows=result.rows, where=tr("cli.dry_run") if dry_run else tr("cli.in_batch", batch=result.batch_id))
    return 0


def cmd_import_service(args: argparse.Namespace) -> int:
    """Serve imports for --db until stopped (kpi.services.import_service)."""
    from kpi.services import import_service

    if not args.db.exists():
        return missing(args.db)
    try:
        import_service.serve(args.db, on_ready=lambda path: announce("cli.import_service_ready", socket=path, db=args.db))
    except import_service.AlreadyServed as exc:
        tell("cli.import_service_running", socket=exc)
        return 2
    return 0


def evidence_files(folder: Path | None, files: Sequence[Path] = ()) -> dict[str, bytes] | None:
    """The files of --evidence-dir and --evidence by name (None, said, when the folder is not there or a file
    cannot be read: kpi.workflow.evidence.read_file refuses a link, a folder, an oversized file)."""
    from kpi.workflow import evidence

    if folder is not None and not folder.is_dir():
        tell("cli.no_evidence_folder", folder=folder)
        return None
    paths = [*(sorted(p for p in folder.iterdir() if p.is_file()) if folder is not None else []), *files]
    try:
        return {p.name: evidence.read_file(p) for p in paths}
    except evidence.EvidenceError as exc:
        print(exc, file=sys.stderr)
        return None


def cmd_report_template(args: argparse.Namespace) -> int:
    from kpi import config
    from kpi.entry import template
    from kpi.periods import last_closed_quarter, parse_period

    con = open_db(args.db)
    if con is None:
        return 2
    try:
        period = parse_period(args.period).label if args.period else last_closed_quarter(config.today()).label
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    with con:
        rows = template.frame(con, args.commune, period)
    if rows["commune_name"].is_null().all():
        tell("cli.no_commune", code=args.commune)
        return 2
    data = template.encode(rows, args.output.name if args.output else "stdout.csv")
    write_out(args.output, data, tr("cli.wrote_template", output=args.output, n=rows.height, commune=args.commune,
                                    period=period))
    return 0


def cmd_batches(args: argparse.Namespace) -> int:
    from kpi.accounts import audit
    from kpi.services import values

    if not args.db.exists():
        return missing(args.db)
    frame = values.batches(args.db)
    if frame.height == 0:
        announce("cli.no_batches")
        return 0
    print("batch_id\timported_at\tfiles\tsha256\trows\timported\tupdated\tunchanged\tvalues_live\trolled_back_at\timported_by\trolled_back_by")
    for r in frame.iter_rows(named=True):  # one batch, one line: a file's name may hold a newline or a tab
        print(
            f"{r['batch_id']}\t{r['imported_at']:%Y-%m-%d %H:%M:%S}\t{audit.one_line(r['file_names'])}\t{r['sha256'][:12]}\t"
            f"{r['rows_read']}\t{r['imported']}\t{r['updated']}\t{r['unchanged']}\t{r['values_live']}\t"
            f"{r['rolled_back_at'] or ''}\t{audit.one_line(r['imported_by'])}\t{audit.one_line(r['rolled_back_by'])}"
        )
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    from kpi.accounts import AccessDenied
    from kpi.importer import RollbackError
    from kpi.services import values

    who = writer(args)
    if who is None:
        return 2
    try:
        done = values.rollback(args.db, who, args.batch, wait=args.wait)
    except (RollbackError, AccessDenied) as exc:
        print(exc, file=sys.stderr)
        return 1
    announce("cli.rolled_back", batch=args.batch, removed=done.removed, restored=done.restored)
    return 0


COMMANDS = {"import": cmd_import, "import-service": cmd_import_service, "report-template": cmd_report_template, "batches": cmd_batches, "rollback": cmd_rollback}
