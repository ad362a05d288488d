"""Reported values: import report files (all or nothing), list the import batches, roll one back: each write one
short transaction in the store of record (kpi.services.values), on the dashboard after the next publication."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kpi.cli.common import add_as, add_db, announce, missing, open_db, tell, tr, write_out, writer


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help=tr("cli.help.import"))
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    add_db(p, records=True)
    p.add_argument("--dry-run", action="store_true", help=tr("cli.help.dry_run"))
    p.add_argument("--evidence", type=Path, nargs="+", default=[], metavar="FILE", help=tr("cli.help.import.evidence"))
    p.add_argument("--evidence-dir", type=Path, default=None, metavar="DIR", help=tr("cli.help.import.evidence_dir"))
    add_as(p)

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
    from kpi.accounts import AccessDenied
    from kpi.importer import ImportFileError
    from kpi.services import values

    who = writer(args)
    if who is None:
        return 2
    try:
        given = evidence_files(args.evidence_dir, args.evidence)
        if given is None:
            return 2
        result = values.import_files(args.db, who, args.files, dry_run=args.dry_run, wait=args.wait, evidence=given)
    except ImportFileError as exc:
        print(exc, file=sys.stderr)
        return 2
    except AccessDenied as exc:
        tell("cli.nothing_written", why=exc)
        return 1
    for err in result.errors:
        print(err, file=sys.stderr)
    if result.error_count > len(result.errors):
        tell("cli.more_errors", n=result.error_count - len(result.errors))
    if not result.ok:
        tell("cli.import_failed", n=result.error_count, rows=result.rows)
        return 1
    announce("cli.imported", imported=result.imported, updated=result.updated, unchanged=result.unchanged,
             rows=result.rows, where=tr("cli.dry_run") if args.dry_run else tr("cli.in_batch", batch=result.batch_id))
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


COMMANDS = {"import": cmd_import, "report-template": cmd_report_template, "batches": cmd_batches, "rollback": cmd_rollback}
