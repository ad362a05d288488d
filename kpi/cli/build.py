"""The database as a whole: build it from data/, publish what people recorded since, export a dataset from
it, serve the dashboard on it (with its publisher)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kpi import config
from kpi.cli.common import add_db, missing, open_db, tell, wait, waiting
from kpi.i18n import reader, t


class _Datasets:
    """export's datasets as argparse's choices, read from kpi.export only when export's arguments are checked or
    shown: every other command (an import among a hundred at a quarter's end) starts without the export modules."""

    def _names(self) -> list[str]:
        from kpi.export import DATASETS

        return sorted(DATASETS)

    def __contains__(self, name: object) -> bool:
        return name in self._names()

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="build the DuckDB database from data/ (atomically)")
    add_db(p, writes=True)
    p.add_argument("--if-missing", action="store_true", help="do nothing if the database already exists")
    p.add_argument("--data", type=Path, default=config.DATA_DIR, help="source folder (default: data/)")
    p.add_argument("--demo-scope", choices=("seeds", "provinces", "national"), default="provinces",
                   help="communes that get demo reported values (default: provinces, every commune of the five seed provinces)")
    p.add_argument("--seed", type=int, default=57, help="seed of the demo generator (default: 57)")

    p = sub.add_parser("publish", help="fold what people recorded since the published snapshot into a new one")
    add_db(p, writes=True)
    p.add_argument("--watch", action="store_true", help="keep publishing whenever something is recorded (until stopped)")
    p.add_argument("--interval", type=float, default=None, metavar="S",
                   help="--watch: seconds between looks for new writes (default: $KPI_PUBLISH_INTERVAL or 5)")

    p = sub.add_parser("export", help="write a dataset as XLSX, CSV for Excel in Vietnamese, or CSV for machines")
    p.add_argument("dataset").choices = _Datasets()  # set after add_argument, which would list them at once
    add_db(p)
    p.add_argument("--format", choices=("csv", "xlsx", "csv-vn"), default="csv",
                   help="csv: for machines (',' and '.', column names and codes; the default); csv-vn: for Excel set to "
                        "Vietnamese (';', decimal comma, headers in --lang); xlsx: a workbook with headers in --lang, a "
                        "legend sheet and the export's details")
    p.add_argument("--lang", choices=("vi", "en"), default=argparse.SUPPRESS, help="headers and words of xlsx and csv-vn (default: vi)")
    p.add_argument("-o", "--output", type=Path, required=True, help="file to write")
    p = sub.add_parser("serve", help="start the dashboard (builds the database first if it is missing)")
    add_db(p)
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--address", default=None, help="address to listen on (default: Streamlit's)")
    p.add_argument("--secrets", type=Path, default=None, metavar="FILE",
                   help="secrets file (default: .streamlit/secrets.toml), e.g. with the [auth] sign-in settings")
    p.add_argument("--no-publish", action="store_true",
                   help="start no publisher beside the server: one runs on its own (deploy/kpi-publisher.service), or "
                        "this host gets its snapshots by `python -m kpi sync`")


def cmd_build(args: argparse.Namespace) -> int:
    from kpi.build import DemoSettings, build
    from kpi.sources import SourceErrors

    if args.if_missing and args.db.exists():
        print(f"{args.db} exists; not rebuilding")
        return 0
    try:
        src = build(args.db, args.data, DemoSettings(args.demo_scope, args.seed), if_missing=args.if_missing,
                    timeout=args.wait, on_wait=waiting)
    except SourceErrors as exc:
        for err in exc.errors:
            print(err, file=sys.stderr)
        tell("cli.build_failed", n=len(exc.errors), db=args.db)
        return 1
    if src is None:
        print(f"{args.db} exists; not rebuilding")
        return 0
    print(
        f"built {args.db}: {len(src.provinces)} provinces, {len(src.communes)} communes, "
        f"{len(src.indicators)} indicators, {len(src.targets)} target rows, {len(src.tasks)} tasks "
        f"(data version {src.data_version}, {src.timings['build_s']:.1f} s)"
    )
    print(folded_summary(src.folded or {}))
    return 0


def folded_summary(folded: dict[str, int]) -> str:
    """What the store of record held and the new snapshot holds, and what it could not place."""
    held = ", ".join(t(f"cli.held.{table}", reader(), n=folded.get(table, 0))
                     for table in ("app_user", "import_batch", "real_value", "task_report", "value_approval", "audit_log"))
    unmatched = folded.get("unmatched", 0)
    line = t("cli.store_held", reader(), held=held)
    if unmatched:
        line += "; " + t("cli.to_map_again", reader(), n=unmatched)
    return line


def cmd_publish(args: argparse.Namespace) -> int:
    from kpi.store import publisher

    if not args.db.exists():
        return missing(args.db)
    if not args.watch:
        done = publisher.publish_if_pending(args.db, timeout=wait(args), on_wait=waiting)
        print(publication(done))
        return 0
    interval = publisher.INTERVAL if args.interval is None else args.interval
    print(f"publishing {args.db} whenever something is recorded (every {interval:g} s); Ctrl+C stops", flush=True)
    publisher.watch(args.db, interval, on_publication=lambda done: print(publication(done), flush=True))
    return 0


def publication(done) -> str:
    if done is None:
        return "nothing recorded since the published snapshot; nothing published"
    return (f"published through change {done.through}: {done.writes} change(s), {done.communes} commune(s) rescored, "
            f"{done.seconds:.1f} s, {done.size_bytes / 1e6:.1f} MB{', compacted' if done.compacted else ''}")


def cmd_export(args: argparse.Namespace) -> int:
    from kpi import export
    from kpi.db import build_info

    con = open_db(args.db)
    if con is None:
        return 2
    with con:
        frame = export.dataset_frame(con, args.dataset)
        version = build_info(con).get("data_version", "?")
        places = export.decimals(con)
    demo = bool(frame["is_demo"].any()) if "is_demo" in frame.columns else None
    meta = export.Meta(args.dataset, [], version, demo, [f"queries/{export.DATASETS[args.dataset].query}.sql", "data/"])
    try:
        export.write(frame, args.output, args.format, meta, args.lang, places)
    except export.TooLargeForExcel as exc:
        print(exc, file=sys.stderr)
        return 2
    print(f"wrote {frame.height} rows to {args.output}")
    if args.format == "csv-vn":
        print(f"its details (title, data version, time, demo, sources) in {export.details_path(args.output)}")
    if demo:
        tell("cli.demo_note")
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
    elif not args.no_publish and ensure_current(args.db):  # a replica without a publisher reads what it is given
        return 1
    os.environ["KPI_DB"] = str(args.db)
    if args.no_publish:
        return serve(args.port, args.address, args.secrets)
    with publishing(args.db):
        return serve(args.port, args.address, args.secrets)


def ensure_current(db: Path) -> int:
    """Rebuild the snapshot at db if an older version of the dashboard built it (kpi.build.outdated), with its own
    demo scope and seed, folding the store of record: after an upgrade the pages never read tables they do not
    know. Returns cmd_build's exit code (0 when nothing was needed)."""
    from kpi.build import outdated

    demo = outdated(db)
    if demo is None:
        return 0
    print(t("cli.rebuilding", reader(), db=db))
    return cmd_build(argparse.Namespace(db=db, data=config.DATA_DIR, if_missing=False, demo_scope=demo.scope,
                                        seed=demo.seed, wait=None))


@contextmanager
def publishing(db: Path) -> Iterator[subprocess.Popen]:
    """The publisher beside the server: a child process `python -m kpi publish --watch` that ends with it
    (on the way out, and at once if this process dies: the kernel signals it, PR_SET_PDEATHSIG). Several
    servers on one store (replicas) each start one; the snapshot lease makes all but one wait."""
    from kpi.replicas import _die_with_parent

    child = subprocess.Popen([sys.executable, "-m", "kpi", "publish", "--watch", "--db", str(db)],
                             cwd=config.ROOT, preexec_fn=_die_with_parent())
    try:
        yield child
    finally:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


COMMANDS = {"build": cmd_build, "publish": cmd_publish, "export": cmd_export, "serve": cmd_serve}
