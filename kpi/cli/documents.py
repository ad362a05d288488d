"""Documents out and in: a commune's scorecard as PDF (or a province's), and a plan document read into a
review workbook of candidate targets and tasks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kpi.cli.common import add_db, missing, open_db, tell
from kpi.i18n import reader, t


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="a commune's A4 scorecard as PDF, or every commune of a province plus its summary")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--commune", metavar="CODE", help="one commune: write FILE.pdf")
    who.add_argument("--province", metavar="CODE", help="a province: write one PDF per commune and a summary into DIR")
    p.add_argument("--period", default=None, metavar="P", help="an as-of quarter with scores, e.g. 2026-Q3 (default: the latest)")
    p.add_argument("--year", type=int, default=None, metavar="Y",
                   help="the milestone whose targets are shown (default: each indicator's next milestone)")
    p.add_argument("--lang", choices=("vi", "en"), default=argparse.SUPPRESS, help="language of the PDF (default: vi)")
    p.add_argument("-o", "--output", type=Path, required=True, help="FILE.pdf (--commune) or DIR (--province)")
    add_db(p)
    p = sub.add_parser("extract", help="read a commune's plan (.txt, .docx, .pdf): its targets and tasks as a review workbook")
    p.add_argument("plan", type=Path, metavar="PLAN", help="the plan document")
    p.add_argument("--commune", required=True, metavar="CODE", help="the commune's official code, e.g. 05851")
    p.add_argument("-o", "--output", type=Path, default=None, metavar="FILE",
                   help="the review workbook, .xlsx (default: PLAN's name with -review.xlsx, in the current folder)")


def cmd_report(args: argparse.Namespace) -> int:
    import time

    from kpi.scorecard import model, pdf

    if not args.db.exists():
        return missing(args.db)
    started = time.perf_counter()
    try:
        if args.commune:
            if args.output.suffix.lower() != ".pdf":
                print(f"report: -o {args.output}: a commune's scorecard is written to a .pdf file", file=sys.stderr)
                return 2
            con = open_db(args.db)
            with con:
                card = model.load(con, args.commune.strip(), args.period, args.year)
            data = pdf.commune_pdf(card, args.lang)
            args.output.parent.mkdir(parents=True, exist_ok=True)
            args.output.write_bytes(data)
            print(f"wrote {args.output}: {card.commune_name} ({card.commune_code}), {card.period}, "
                  f"{pdf.page_count(data)} page(s), {time.perf_counter() - started:.1f} s")
            return 0
        from kpi.scorecard.province import write_province

        written = write_province(args.db, args.province.strip(), args.output, args.period, args.year, args.lang)
    except model.ScorecardError as exc:
        print(f"report: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {len(written.communes)} commune scorecard(s) and {written.summary.name} to {args.output} "
          f"({time.perf_counter() - started:.1f} s)")
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
    print(t("cli.extracted", reader(), plan=args.plan.name, name=names[code], code=code, targets=counts.get("candidate", 0),
            proposed=counts.get("proposed_indicator", 0), no_year=counts.get("no_year", 0), tasks=result.tasks.height,
            seconds=f"{result.seconds:.1f}", output=output))
    for note in result.notes:
        print(f"  {note}")
    return 0


COMMANDS = {"report": cmd_report, "extract": cmd_extract}
