"""`python -m kpi`: build, export and the other subcommands. A public interface: keep it stable.

Exit codes: 0 success, 1 invalid data (every error printed as FILE:ROW: field: message) or a write the
account may not make, 2 usage error or unreadable file.

Writes from the command line are the administrator's (the server machine's user, recorded as
cli:USER@HOST) unless `--as EMAIL` names an account: then that account's role and scope apply.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kpi import config


def _add_db(parser: argparse.ArgumentParser, *, writes: bool = False) -> None:
    parser.add_argument(
        "--db", type=Path, default=config.default_db(), help="database file (default: data/kpi.duckdb, or $KPI_DB)"
    )
    if writes:
        parser.add_argument(
            "--wait", type=float, default=None, metavar="SECONDS",
            help="how long to queue behind another writer (build, import, rollback) before giving up (default: 300)",
        )


def _add_as(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as", dest="as_email", metavar="EMAIL", default=None,
                        help="write as this account, with its role and scope (default: the administrator)")


def _parser() -> argparse.ArgumentParser:
    from kpi.accounts import ROLES
    from kpi.export import DATASETS

    parser = argparse.ArgumentParser(prog="python -m kpi", description="Resolution 57 commune KPI dashboard tools")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="build the DuckDB database from data/ (atomically)")
    _add_db(p, writes=True)
    p.add_argument("--if-missing", action="store_true", help="do nothing if the database already exists")
    p.add_argument("--data", type=Path, default=config.DATA_DIR, help="source folder (default: data/)")
    p.add_argument("--demo-scope", choices=("seeds", "provinces", "national"), default="provinces",
                   help="communes that get demo reported values (default: provinces, every commune of the five seed provinces)")
    p.add_argument("--seed", type=int, default=57, help="seed of the demo generator (default: 57)")

    p = sub.add_parser("export", help="write a dataset as XLSX, CSV for Excel in Vietnamese, or CSV for machines")
    p.add_argument("dataset", choices=sorted(DATASETS))
    _add_db(p)
    p.add_argument("--format", choices=("csv", "xlsx", "csv-vn"), default="csv",
                   help="csv: for machines (',' and '.', column names and codes; the default); csv-vn: for Excel set to "
                        "Vietnamese (';', decimal comma, headers in --lang); xlsx: a workbook with headers in --lang, a "
                        "legend sheet and the export's details")
    p.add_argument("--lang", choices=("vi", "en"), default="vi", help="headers and words of xlsx and csv-vn (default: vi)")
    p.add_argument("-o", "--output", type=Path, required=True, help="file to write")
    p = sub.add_parser("serve", help="start the dashboard (builds the database first if it is missing)")
    _add_db(p)
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--address", default=None, help="address to listen on (default: Streamlit's)")
    p.add_argument("--secrets", type=Path, default=None, metavar="FILE",
                   help="secrets file (default: .streamlit/secrets.toml), e.g. with the [auth] sign-in settings")

    p = sub.add_parser("import", help="validate report files (CSV/XLSX) and import them, all or nothing")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    _add_db(p, writes=True)
    p.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
    _add_as(p)

    p = sub.add_parser("batches", help="list import batches")
    _add_db(p)

    p = sub.add_parser("rollback", help="remove one import batch's values and restore what it replaced")
    p.add_argument("batch", type=int, metavar="BATCH")
    _add_db(p, writes=True)
    _add_as(p)

    p = sub.add_parser("users", help="accounts and roles: add, list, remove (the administrator's tool)")
    users = p.add_subparsers(dest="users_command", required=True)
    u = users.add_parser("add", help="add an account, or change its role and scope")
    u.add_argument("email", metavar="EMAIL", help="the address the identity provider signs people in with")
    u.add_argument("--role", required=True, choices=ROLES)
    u.add_argument("--province", metavar="CODE", default=None, help="a province reviewer's province")
    u.add_argument("--commune", metavar="CODE", action="append", default=[],
                   help="a commune editor's commune (repeat for several)")
    _add_db(u, writes=True)
    u = users.add_parser("list", help="list accounts: email, role, province, communes, added_at, added_by")
    _add_db(u)
    u = users.add_parser("remove", help="remove an account")
    u.add_argument("email", metavar="EMAIL")
    _add_db(u, writes=True)

    p = sub.add_parser("audit", help="the audit log: every write with who, when, what and from which file")
    _add_db(p)

    p = sub.add_parser("bench", help="time the build, the scoring and the pages' queries")
    p.add_argument("--scope", choices=("seeds", "provinces", "national"), default="provinces")
    p.add_argument("--db", type=Path, default=None, help="database to use (default: data/bench-SCOPE.duckdb)")
    p.add_argument("--repeat", type=int, default=20, help="runs per query (default: 20)")
    p.add_argument("--rebuild", action="store_true", help="rebuild even if a database of that scope exists")
    p.add_argument("--pages", action="store_true", help="also time each page's render and rerun after a filter change")
    p.add_argument("--reports", action="store_true",
                   help="also time the PDF scorecards: one commune (in process and from the command line) and all of Hải Phòng (31)")
    p.add_argument("--extract", action="store_true",
                   help="also extract the five seed plans and measure recall and precision against data/plans and data/tasks")
    p.add_argument("--import-rows", type=int, default=0, metavar="N",
                   help="also time validating and importing a generated report of N rows (e.g. 1000000)")

    p = sub.add_parser("loadtest", help="many browser sessions on the dashboard at once (loopback only), optionally with an import")
    p.add_argument("--url", default=None,
                   help="the running dashboard, e.g. http://127.0.0.1:8501 (loopback only; default: start one on a free port)")
    p.add_argument("--sessions", type=int, default=5, metavar="N", help="concurrent browser sessions (default: 5)")
    p.add_argument("--seconds", type=float, default=60, metavar="S", help="how long the sessions run (default: 60)")
    p.add_argument("--import-at", nargs=2, default=None, metavar=("T", "FILE"),
                   help="run `python -m kpi import FILE --db DB` T seconds into the run; every session must then see it")
    p.add_argument("--browsers", type=int, default=None, metavar="K",
                   help="how many of the sessions drive Debian's chromium (default: all); the others speak Streamlit's "
                        "websocket protocol, the same requests without drawing (many sessions on few cores)")
    p.add_argument("--import-through", choices=("cli", "page"), default="cli",
                   help="how --import-at imports: `python -m kpi import` (default), or the import page in a browser")
    p.add_argument("--think", type=float, default=0.5, metavar="S",
                   help="mean pause of a session between steps, in seconds (default: 0.5, a stress test; 5 is a person reading)")
    _add_db(p)

    p = sub.add_parser("report", help="a commune's A4 scorecard as PDF, or every commune of a province plus its summary")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--commune", metavar="CODE", help="one commune: write FILE.pdf")
    who.add_argument("--province", metavar="CODE", help="a province: write one PDF per commune and a summary into DIR")
    p.add_argument("--period", default=None, metavar="P", help="an as-of quarter with scores, e.g. 2026-Q3 (default: the latest)")
    p.add_argument("--year", type=int, default=None, metavar="Y",
                   help="the milestone whose targets are shown (default: each indicator's next milestone)")
    p.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of the PDF (default: vi)")
    p.add_argument("-o", "--output", type=Path, required=True, help="FILE.pdf (--commune) or DIR (--province)")
    _add_db(p)
    p = sub.add_parser("extract", help="read a commune's plan (.txt, .docx, .pdf): its targets and tasks as a review workbook")
    p.add_argument("plan", type=Path, metavar="PLAN", help="the plan document")
    p.add_argument("--commune", required=True, metavar="CODE", help="the commune's official code, e.g. 05851")
    p.add_argument("-o", "--output", type=Path, default=None, metavar="FILE",
                   help="the review workbook, .xlsx (default: PLAN's name with -review.xlsx, in the current folder)")
    from kpi.workflow import commands as workflow

    workflow.add_parsers(sub)
    return parser


def cmd_bench(args: argparse.Namespace) -> int:
    from kpi.bench import bench_import, bench_pages, bench_reports, format_table, run_bench

    timings = run_bench(args.scope, args.db, args.repeat, args.rebuild)
    if args.pages:
        timings += bench_pages(args.scope, args.db, args.repeat)
    if args.reports:
        timings += bench_reports(args.scope, args.db, min(args.repeat, 10))
    if args.import_rows:
        timings += bench_import(args.scope, args.db, args.import_rows)
    print(format_table(timings))
    if args.extract:
        from kpi.extract.evaluate import evaluate_all, format_results

        print()
        print(format_results(evaluate_all()))
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from kpi.extract import ExtractError
    from kpi.extract.review import extract, write_review
    from kpi.sources import load_units

    code = args.commune.strip()
    names = {c.commune_code: c.name for c in load_units()[1]}
    if code not in names:
        print(f"--commune {code}: không có xã/phường mã này / no commune has this code (5 digits, official)", file=sys.stderr)
        return 2
    output = args.output or Path(f"{args.plan.stem}-review.xlsx")
    if output.suffix.lower() != ".xlsx":
        print(f"-o {output}: tệp xem xét là .xlsx / the review file is an .xlsx workbook", file=sys.stderr)
        return 2
    try:
        result = extract(args.plan, code)
    except ExtractError as exc:
        print(exc, file=sys.stderr)
        return 1
    write_review(result, output)
    counts = dict(result.targets.group_by("status").len().iter_rows())
    print(f"{args.plan.name} ({names[code]}, {code}): {counts.get('candidate', 0)} chỉ tiêu / targets, "
          f"{counts.get('proposed_indicator', 0)} đề xuất chỉ tiêu mới / proposed indicators, "
          f"{counts.get('no_year', 0)} không có năm / without a year, {result.tasks.height} nhiệm vụ / tasks "
          f"({result.seconds:.1f} s) -> {output}")
    for note in result.notes:
        print(f"  {note}")
    return 0


def cmd_loadtest(args: argparse.Namespace) -> int:
    from kpi.loadtest import Options, run_loadtest

    at = file = None
    if args.import_at:
        try:
            at = float(args.import_at[0])
        except ValueError:
            print(f"loadtest: --import-at T FILE: {args.import_at[0]!r} is not a number of seconds", file=sys.stderr)
            return 2
        file = Path(args.import_at[1])
    opts = Options(args.url, args.sessions, args.seconds, args.db, at, file, think=args.think, browsers=args.browsers,
                   import_through=args.import_through)
    return run_loadtest(opts)[0]


def cmd_report(args: argparse.Namespace) -> int:
    import time

    from kpi.scorecard import model, pdf

    if not args.db.exists():
        return _missing(args.db)
    started = time.perf_counter()
    try:
        if args.commune:
            if args.output.suffix.lower() != ".pdf":
                print(f"report: -o {args.output}: a commune's scorecard is written to a .pdf file", file=sys.stderr)
                return 2
            con = _open(args.db)
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


def cmd_serve(args: argparse.Namespace) -> int:
    import os

    from kpi.serve import serve

    if not args.db.exists():
        build_args = argparse.Namespace(
            db=args.db, data=config.DATA_DIR, if_missing=True, demo_scope="provinces", seed=57, wait=None
        )
        if cmd_build(build_args):
            return 1
    os.environ["KPI_DB"] = str(args.db)
    return serve(args.port, args.address, args.secrets)


def _waiting(who: str) -> None:
    print(f"đang chờ một tiến trình ghi khác xong / waiting for another writer to finish: {who or 'unknown'}", file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    from kpi.build import DemoSettings, build
    from kpi.carry_over import WouldDrop
    from kpi.sources import SourceErrors

    if args.if_missing and args.db.exists():
        print(f"{args.db} exists; not rebuilding")
        return 0
    try:
        src = build(args.db, args.data, DemoSettings(args.demo_scope, args.seed), if_missing=args.if_missing,
                    timeout=args.wait, on_wait=_waiting)
    except SourceErrors as exc:
        for err in exc.errors:
            print(err, file=sys.stderr)
        print(f"build failed: {len(exc.errors)} invalid source row(s); {args.db} left unchanged", file=sys.stderr)
        return 1
    except WouldDrop as exc:  # nothing stored is dropped silently: every record named
        print(exc, file=sys.stderr)
        return 1
    if src is None:
        print(f"{args.db} exists; not rebuilding")
        return 0
    print(
        f"built {args.db}: {len(src.provinces)} provinces, {len(src.communes)} communes, "
        f"{len(src.indicators)} indicators, {len(src.targets)} target rows, {len(src.tasks)} tasks "
        f"(data version {src.data_version}, {src.timings['build_s']:.1f} s)"
    )
    if src.carried:
        print(src.carried.summary())
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from kpi import export
    from kpi.db import build_info

    con = _open(args.db)
    if con is None:
        return 2
    with con:
        frame = export.dataset_frame(con, args.dataset)
        version = build_info(con).get("data_version", "?")
    demo = bool(frame["is_demo"].any()) if "is_demo" in frame.columns else None
    meta = export.Meta(args.dataset, [], version, demo, [f"queries/{export.DATASETS[args.dataset].query}.sql", "data/"])
    try:
        export.write(frame, args.output, args.format, meta, args.lang)
    except export.TooLargeForExcel as exc:
        print(exc, file=sys.stderr)
        return 2
    print(f"wrote {frame.height} rows to {args.output}")
    if demo:
        print("note: values with is_demo=true are demo data (Dữ liệu minh họa), not reports from communes", file=sys.stderr)
    return 0


class _NothingToWrite(Exception):
    """Leaves a writer block without publishing (the files had errors)."""


def _missing(path: Path) -> int:
    print(f"no database at {path}: run `python -m kpi build` first", file=sys.stderr)
    return 2


def _open(path: Path):
    """The published database, read-only, or None after saying why not (the caller exits 2)."""
    from kpi import db

    if not path.exists():
        _missing(path)
        return None
    return db.connect(path)


def _wait(args: argparse.Namespace) -> float:
    from kpi.store import DEFAULT_WAIT

    return DEFAULT_WAIT if args.wait is None else args.wait


def _actor(args: argparse.Namespace):
    """Who writes: the account --as names, or the administrator at the server; None after saying why not."""
    from kpi.accounts import Actor, users

    if args.as_email is None:
        return Actor.server_admin()
    email = users.normalise(args.as_email, "--as")  # a look-alike address: refused in main() with exit 1
    with _open(args.db) as con:
        found = users.actor(con, email)
    if found is None:
        print(f"--as {args.as_email}: không có tài khoản này / no such account (python -m kpi users list)", file=sys.stderr)
    return found


def cmd_import(args: argparse.Namespace) -> int:
    from kpi import importer, store
    from kpi.accounts import AccessDenied

    if not args.db.exists():
        return _missing(args.db)
    actor = _actor(args)
    if actor is None:
        return 2
    try:
        if args.dry_run:
            with _open(args.db) as con:
                result = importer.import_files(con, args.files, actor=actor, dry_run=True)
        else:
            with store.edit(args.db, "import", timeout=_wait(args), on_wait=_waiting) as con:
                result = importer.import_files(con, args.files, actor=actor)
                if not result.ok:
                    raise _NothingToWrite
    except _NothingToWrite:
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

    con = _open(args.db)
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
        return _missing(args.db)
    actor = _actor(args)
    if actor is None:
        return 2
    try:
        with store.edit(args.db, f"rollback {args.batch}", timeout=_wait(args), on_wait=_waiting) as con:
            removed, restored = importer.rollback(con, args.batch, actor=actor)
    except (importer.RollbackError, AccessDenied) as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"rolled back batch {args.batch}: removed {removed} value(s), restored {restored} replaced value(s)")
    return 0


def cmd_users(args: argparse.Namespace) -> int:
    from kpi import store
    from kpi.accounts import Actor, UserError, identity, users

    if not args.db.exists():
        return _missing(args.db)
    if args.users_command == "list":
        with _open(args.db) as con:
            frame = users.listing(con)
        print("email\trole\tprovince\tcommunes\tadded_at\tadded_by")
        for r in frame.iter_rows(named=True):
            print(f"{r['email']}\t{r['role']}\t{r['province_code'] or ''}\t{r['communes']}\t"
                  f"{r['added_at']:%Y-%m-%d %H:%M:%S}\t{r['added_by']}")
        return 0
    admin = Actor.server_admin()
    try:
        with store.edit(args.db, f"users {args.users_command}", timeout=_wait(args), on_wait=_waiting) as con:
            if args.users_command == "add":
                existed = users.add(con, admin, args.email, args.role, args.province, args.commune)
            elif users.remove(con, admin, args.email):  # its sign-ins end before the removal is published
                identity.revoke(args.db, args.email, "users remove")
            else:
                raise UserError(f"EMAIL: không có tài khoản {args.email} / no account {args.email}")
    except identity.LookAlike as exc:
        print(f"users {args.users_command}: {exc}; nothing was changed", file=sys.stderr)
        return 1
    except UserError as exc:
        print(f"users {args.users_command}: {exc}; nothing was changed", file=sys.stderr)
        return 2
    email = users.normalise(args.email)
    if args.users_command == "add":
        print(f"{'updated' if existed else 'added'} {email}: {args.role}")
    else:
        print(f"removed {email}")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from kpi.accounts import audit

    con = _open(args.db)
    if con is None:
        return 2
    with con:
        frame = audit.log(con)
    print("audit_id\twritten_at\tactor\trole\taction\tdetail\tfiles\tsha256\tbatch_id")
    for r in frame.iter_rows(named=True):  # one record, one line: controls in a reason or a file name escaped
        print("\t".join(audit.one_line(v) for v in (
            r["audit_id"], f"{r['written_at']:%Y-%m-%d %H:%M:%S%z}", r["actor"], r["role"], r["action"], r["detail"],
            r["files"], (r["sha256"] or "")[:12], r["batch_id"])))
    return 0


COMMANDS = {
    "build": cmd_build, "export": cmd_export, "import": cmd_import, "batches": cmd_batches, "rollback": cmd_rollback,
    "bench": cmd_bench, "serve": cmd_serve, "loadtest": cmd_loadtest, "report": cmd_report,
    "users": cmd_users, "audit": cmd_audit, "extract": cmd_extract,
}


def main(argv: list[str] | None = None) -> int:
    """Run a subcommand. Whatever goes wrong ends in a message and exit code 1 or 2, never a traceback:
    an unexpected error's traceback is written to a log file the message names."""
    import duckdb

    from kpi.accounts.identity import LookAlike
    from kpi.store import WriterBusy
    from kpi.workflow import commands as workflow

    args = _parser().parse_args(argv)
    try:
        return (COMMANDS | workflow.COMMANDS)[args.command](args)
    except WriterBusy as exc:  # another writer held the database longer than --wait
        print(exc, file=sys.stderr)
        return 2
    except LookAlike as exc:  # --as or EMAIL could pass for another account
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
    except duckdb.Error as exc:
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
