"""Documents out and in: a commune's scorecard as PDF (or a province's), and a plan document read into a
review workbook of candidate targets and tasks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kpi.cli.common import add_db, announce, missing, open_db, tell, tr


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help=tr("cli.help.report"))
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--commune", metavar="CODE", help=tr("cli.help.report.commune"))
    who.add_argument("--province", metavar="CODE", help=tr("cli.help.report.province"))
    p.add_argument("--period", default=None, metavar="P", help=tr("cli.help.report.period"))
    p.add_argument("--year", type=int, default=None, metavar="Y", help=tr("cli.help.report.year"))
    p.add_argument("--lang", choices=("vi", "en"), default=argparse.SUPPRESS, help=tr("cli.help.report.lang"))
    p.add_argument("-o", "--output", type=Path, required=True, help=tr("cli.help.report.output"))
    add_db(p)
    p = sub.add_parser("extract", help=tr("cli.help.extract"))
    p.add_argument("plan", type=Path, metavar="PLAN", help=tr("cli.help.extract.plan"))
    p.add_argument("--commune", required=True, metavar="CODE", help=tr("cli.help.extract.commune"))
    p.add_argument("-o", "--output", type=Path, default=None, metavar="FILE", help=tr("cli.help.extract.output"))


def cmd_report(args: argparse.Namespace) -> int:
    import time

    from kpi.scorecard import model, pdf

    if not args.db.exists():
        return missing(args.db)
    started = time.perf_counter()
    try:
        if args.commune:
            if args.output.suffix.lower() != ".pdf":
                tell("cli.report_pdf", output=args.output)
                return 2
            con = open_db(args.db)
            with con:
                card = model.load(con, args.commune.strip(), args.period, args.year)
            data = pdf.commune_pdf(card, args.lang)
            args.output.parent.mkdir(parents=True, exist_ok=True)
            args.output.write_bytes(data)
            announce("cli.wrote_scorecard", output=args.output, name=card.commune_name, code=card.commune_code,
                     period=card.period, pages=pdf.page_count(data), seconds=f"{time.perf_counter() - started:.1f}")
            return 0
        from kpi.scorecard.province import write_province

        written = write_province(args.db, args.province.strip(), args.output, args.period, args.year, args.lang)
    except model.ScorecardError as exc:
        print(f"report: {exc}", file=sys.stderr)
        return 2
    announce("cli.wrote_scorecards", n=len(written.communes), summary=written.summary.name, output=args.output,
             seconds=f"{time.perf_counter() - started:.1f}")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from kpi.extract import ExtractError
    from kpi.extract.review import extract, write_review
    from kpi.sources import load_units

    code = args.commune.strip()
    names = {c.commune_code: c.name for c in load_units()[1]}
    if code not in names:
        tell("cli.no_commune_code", code=code)
        return 2
    output = args.output or Path(f"{args.plan.stem}-review.xlsx")
    if output.suffix.lower() != ".xlsx":
        tell("cli.review_xlsx", output=output)
        return 2
    try:
        result = extract(args.plan, code)
    except ExtractError as exc:
        print(exc, file=sys.stderr)
        return 1
    write_review(result, output)
    counts = dict(result.targets.group_by("status").len().iter_rows())
    print(tr("cli.extracted", plan=args.plan.name, name=names[code], code=code, targets=counts.get("candidate", 0),
            proposed=counts.get("proposed_indicator", 0), no_year=counts.get("no_year", 0), tasks=result.tasks.height,
            seconds=f"{result.seconds:.1f}", output=output))
    for note in result.notes:
        print(f"  {note}")
    return 0


COMMANDS = {"report": cmd_report, "extract": cmd_extract}
