"""The workflow's subcommands of `python -m kpi` (parsed in kpi.cli): tasks-template, tasks-report,
review, approval. Exit codes as kpi.cli: 0 done, 1 invalid rows or a write the account may not make,
2 usage error or unreadable file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kpi import cli


def cmd_tasks_template(args: argparse.Namespace) -> int:
    from kpi.workflow import progress

    con = cli._open(args.db)
    if con is None:
        return 2
    with con:
        data = progress.template(con, args.commune)
    if data.count(b"\n") <= 1:
        print(f"không có nhiệm vụ nào của xã {', '.join(args.commune)} / no tasks for commune(s) {', '.join(args.commune)}",
              file=sys.stderr)
        return 2
    if args.output:
        args.output.write_bytes(data)
        print(f"wrote {args.output}")
    else:
        sys.stdout.write(data.decode("utf-8-sig"))
    return 0


def cmd_tasks_report(args: argparse.Namespace) -> int:
    from kpi import store
    from kpi.accounts import AccessDenied
    from kpi.importer import ImportFileError
    from kpi.workflow import evidence, progress

    if not args.db.exists():
        return cli._missing(args.db)
    actor = cli._actor(args)
    if actor is None:
        return 2
    folder = args.evidence_dir or args.files[0].parent
    if not folder.is_dir():
        print(f"{folder}: không có thư mục minh chứng / no such evidence folder", file=sys.stderr)
        return 2
    given = progress.EvidenceFolder(folder, exclude={p.name for p in args.files})
    kept = evidence.store_dir(args.db)
    try:
        if args.dry_run:
            with cli._open(args.db) as con:
                result = progress.report_files(con, args.files, actor=actor, evidence=given, store=kept, dry_run=True)
        else:
            with store.edit(args.db, "task report", timeout=cli._wait(args), on_wait=cli._waiting) as con:
                result = progress.report_files(con, args.files, actor=actor, evidence=given, store=kept)
                if not result.ok:
                    raise cli._NothingToWrite
    except cli._NothingToWrite:
        pass
    except ImportFileError as exc:
        print(exc, file=sys.stderr)
        return 2
    except AccessDenied as exc:
        print(f"{exc}; nothing was written / không ghi dữ liệu nào", file=sys.stderr)
        return 1
    for err in result.errors:
        print(err, file=sys.stderr)
    if not result.ok:
        print(f"task report failed: {result.error_count} error(s) in {result.rows} row(s); nothing was written / "
              "báo cáo không hợp lệ: không ghi dữ liệu nào", file=sys.stderr)
        return 1
    where = "dry run, nothing written" if args.dry_run else f"reports {', '.join(map(str, result.report_ids))}"
    print(f"{result.rows} task report(s) valid ({where})")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from kpi import store
    from kpi.accounts import AccessDenied
    from kpi.workflow import review

    if not args.db.exists():
        return cli._missing(args.db)
    actor = cli._actor(args)
    if actor is None:
        return 2
    accept = args.return_reason is None
    try:
        with store.edit(args.db, f"review {args.report}", timeout=cli._wait(args), on_wait=cli._waiting) as con:
            review.review_task(con, args.report, actor=actor, accept=accept, reason=args.return_reason or "")
    except (review.ReviewError, AccessDenied) as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"report {args.report} {'accepted' if accept else 'returned'}")
    return 0


def cmd_approval(args: argparse.Namespace) -> int:
    from kpi import store
    from kpi.accounts import AccessDenied
    from kpi.db import run
    from kpi.workflow import review

    if not args.db.exists():
        return cli._missing(args.db)
    if args.move == "list":
        with cli._open(args.db) as con:
            frame = run(con, "value_approvals", province=args.province)
        print("province_code\tcommune_code\tquarter\tvalues_reported\tstate\tchanged_at\tchanged_by")
        for r in frame.iter_rows(named=True):
            print(f"{r['province_code']}\t{r['commune_code']}\t{r['quarter']}\t{r['values_reported']}\t{r['state']}\t"
                  f"{r['changed_at'] or ''}\t{r['changed_by'] or ''}")
        return 0
    if not (args.commune and args.quarter):
        print(f"approval {args.move}: cần COMMUNE QUARTER / needs COMMUNE QUARTER, e.g. 11503 2026-Q3", file=sys.stderr)
        return 2
    actor = cli._actor(args)
    if actor is None:
        return 2
    try:
        with store.edit(args.db, f"{args.move} {args.commune}", timeout=cli._wait(args), on_wait=cli._waiting) as con:
            state = review.decide(con, args.commune, args.quarter, args.move, actor=actor)
    except (review.ReviewError, AccessDenied) as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{args.commune} {args.quarter}: {state}")
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("tasks-template", help="the task-progress template (CSV) for one or more communes")
    p.add_argument("--commune", action="append", required=True, metavar="CODE")
    p.add_argument("-o", "--output", type=Path, default=None, metavar="FILE", help="write here (default: stdout)")
    cli._add_db(p)

    p = sub.add_parser("tasks-report", help="validate task-progress reports (CSV/XLSX) with their evidence and record them")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--evidence-dir", type=Path, default=None, metavar="DIR",
                   help="where the evidence files the reports name are (default: the first report's folder)")
    p.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
    cli._add_db(p, writes=True)
    cli._add_as(p)

    p = sub.add_parser("review", help="accept a reported task completion, or return it with a reason")
    p.add_argument("report", type=int, metavar="REPORT")
    p.add_argument("--return", dest="return_reason", metavar="REASON", default=None,
                   help="return the report with this reason (default: accept it)")
    cli._add_db(p, writes=True)
    cli._add_as(p)

    p = sub.add_parser("approval", help="values per commune and quarter: list, approve, lock, unlock")
    p.add_argument("move", choices=("list", "approve", "lock", "unlock"))
    p.add_argument("commune", nargs="?", metavar="COMMUNE")
    p.add_argument("quarter", nargs="?", metavar="QUARTER", help="e.g. 2026-Q3")
    p.add_argument("--province", default=None, metavar="CODE", help="list: only this province")
    cli._add_db(p, writes=True)
    cli._add_as(p)


COMMANDS = {"tasks-template": cmd_tasks_template, "tasks-report": cmd_tasks_report, "review": cmd_review,
            "approval": cmd_approval}
