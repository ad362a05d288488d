"""Reported values: import report files (all or nothing), list the import batches, roll one back: each write one
short transaction in the store of record (kpi.services.values), on the dashboard after the next publication."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kpi.cli.common import actor, add_as, add_db, missing


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="validate report files (CSV/XLSX) and import them, all or nothing")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    add_db(p, records=True)
    p.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
    add_as(p)

    p = sub.add_parser("batches", help="list import batches (as recorded, published or not)")
    add_db(p)

    p = sub.add_parser("rollback", help="remove one import batch's values and restore what it replaced")
    p.add_argument("batch", type=int, metavar="BATCH")
    add_db(p, records=True)
    add_as(p)


def cmd_import(args: argparse.Namespace) -> int:
    from kpi.accounts import AccessDenied
    from kpi.importer import ImportFileError
    from kpi.services import values

    if not args.db.exists():
        return missing(args.db)
    who = actor(args)
    if who is None:
        return 2
    try:
        result = values.import_files(args.db, who, args.files, dry_run=args.dry_run, wait=args.wait)
    except ImportFileError as exc:
        print(exc, file=sys.stderr)
        return 2
    except AccessDenied as exc:
        print(f"{exc}; nothing was written / không ghi dữ liệu nào", file=sys.stderr)
        return 1
    for err in result.errors:
        print(err, file=sys.stderr)
    if result.error_count > len(result.errors):
        print(f"… {result.error_count - len(result.errors)} more error(s) not listed / còn lỗi khác không liệt kê", file=sys.stderr)
    if not result.ok:
        print(
            f"import failed: {result.error_count} error(s) in {result.rows} row(s); nothing was written / "
            f"nhập thất bại: không ghi dữ liệu nào",
            file=sys.stderr,
        )
        return 1
    where = "dry run, nothing written" if args.dry_run else f"batch {result.batch_id}"
    print(f"{result.summary()} ({result.rows} rows read; {where})")
    return 0


def cmd_batches(args: argparse.Namespace) -> int:
    from kpi.accounts import audit
    from kpi.services import values

    if not args.db.exists():
        return missing(args.db)
    frame = values.batches(args.db)
    if frame.height == 0:
        print("no import batches")
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

    if not args.db.exists():
        return missing(args.db)
    who = actor(args)
    if who is None:
        return 2
    try:
        done = values.rollback(args.db, who, args.batch, wait=args.wait)
    except (RollbackError, AccessDenied) as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"rolled back batch {args.batch}: removed {done.removed} value(s), restored {done.restored} replaced value(s)")
    return 0


COMMANDS = {"import": cmd_import, "batches": cmd_batches, "rollback": cmd_rollback}
