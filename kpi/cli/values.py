"""Reported values: import report files (all or nothing), list the import batches, roll one back."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kpi.cli.common import NothingToWrite, actor, add_as, add_db, missing, open_db, wait, waiting


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="validate report files (CSV/XLSX) and import them, all or nothing")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    add_db(p, writes=True)
    p.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
    add_as(p)

    p = sub.add_parser("batches", help="list import batches")
    add_db(p)

    p = sub.add_parser("rollback", help="remove one import batch's values and restore what it replaced")
    p.add_argument("batch", type=int, metavar="BATCH")
    add_db(p, writes=True)
    add_as(p)


def cmd_import(args: argparse.Namespace) -> int:
    from kpi import importer, store
    from kpi.accounts import AccessDenied

    if not args.db.exists():
        return missing(args.db)
    who = actor(args)
    if who is None:
        return 2
    try:
        if args.dry_run:
            with open_db(args.db) as con:
                result = importer.import_files(con, args.files, actor=who, dry_run=True)
        else:
            with store.edit(args.db, "import", timeout=wait(args), on_wait=waiting) as con:
                result = importer.import_files(con, args.files, actor=who)
                if not result.ok:
                    raise NothingToWrite
    except NothingToWrite:
        pass
    except importer.ImportFileError as exc:
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
    from kpi.db import run

    con = open_db(args.db)
    if con is None:
        return 2
    with con:
        frame = run(con, "import_batches")
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
    from kpi import importer, store
    from kpi.accounts import AccessDenied

    if not args.db.exists():
        return missing(args.db)
    who = actor(args)
    if who is None:
        return 2
    try:
        with store.edit(args.db, f"rollback {args.batch}", timeout=wait(args), on_wait=waiting) as con:
            removed, restored = importer.rollback(con, args.batch, actor=who)
    except (importer.RollbackError, AccessDenied) as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"rolled back batch {args.batch}: removed {removed} value(s), restored {restored} replaced value(s)")
    return 0


COMMANDS = {"import": cmd_import, "batches": cmd_batches, "rollback": cmd_rollback}
