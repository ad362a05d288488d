"""The plans' tasks: the task-progress template, task reports with their evidence, and the province's review
of a reported completion."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kpi.cli.common import add_as, add_db, announce, open_db, tell, tr, write_out, writer


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("tasks-template", help=tr("cli.help.tasks_template"))
    p.add_argument("--commune", action="append", required=True, metavar="CODE")
    p.add_argument("-o", "--output", type=Path, default=None, metavar="FILE", help=tr("cli.help.tasks_template.output"))
    add_db(p)

    p = sub.add_parser("tasks-report", help=tr("cli.help.tasks_report"))
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--evidence-dir", type=Path, default=None, metavar="DIR",
                   help=tr("cli.help.tasks_report.evidence_dir"))
    p.add_argument("--dry-run", action="store_true", help=tr("cli.help.dry_run"))
    add_db(p, writes=True)
    add_as(p)

    p = sub.add_parser("review", help=tr("cli.help.review"))
    p.add_argument("report", type=int, metavar="REPORT")
    p.add_argument("--return", dest="return_reason", metavar="REASON", default=None,
                   help=tr("cli.help.review.return"))
    add_db(p, writes=True)
    add_as(p)


def cmd_tasks_template(args: argparse.Namespace) -> int:
    from kpi.workflow import progress

    con = open_db(args.db)
    if con is None:
        return 2
    with con:
        data = progress.template(con, args.commune)
    if data.count(b"\n") <= 1:
        tell("cli.no_tasks", codes=", ".join(args.commune))
        return 2
    write_out(args.output, data, tr("cli.wrote", output=args.output))
    return 0


def cmd_tasks_report(args: argparse.Namespace) -> int:
    from kpi.accounts import AccessDenied
    from kpi.importer import ImportFileError
    from kpi.services import tasks
    from kpi.workflow import progress

    who = writer(args)
    if who is None:
        return 2
    folder = args.evidence_dir or args.files[0].parent
    if not folder.is_dir():
        tell("cli.no_evidence_folder", folder=folder)
        return 2
    given = progress.EvidenceFolder(folder, exclude={p.name for p in args.files})
    try:
        result = tasks.report_tasks(args.db, who, args.files, given, dry_run=args.dry_run)
    except ImportFileError as exc:
        print(exc, file=sys.stderr)
        return 2
    except AccessDenied as exc:
        tell("cli.nothing_written", why=exc)
        return 1
    for err in result.errors:
        print(err, file=sys.stderr)
    if not result.ok:
        tell("cli.task_report_failed", n=result.error_count, rows=result.rows)
        return 1
    where = tr("cli.dry_run") if args.dry_run else tr("cli.in_reports", ids=", ".join(map(str, result.report_ids)))
    announce("cli.task_reports_valid", n=result.rows, where=where)
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from kpi.accounts import AccessDenied
    from kpi.services import tasks
    from kpi.workflow.review import ReviewError

    who = writer(args)
    if who is None:
        return 2
    accept = args.return_reason is None
    try:
        tasks.review(args.db, who, args.report, accept=accept, reason=args.return_reason or "")
    except (ReviewError, AccessDenied) as exc:
        print(exc, file=sys.stderr)
        return 1
    announce("cli.report_accepted" if accept else "cli.report_returned", report=args.report)
    return 0


COMMANDS = {"tasks-template": cmd_tasks_template, "tasks-report": cmd_tasks_report, "review": cmd_review}
