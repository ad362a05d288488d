"""The database as a whole: build it from data/, publish what people recorded since, export a dataset from
it, serve the dashboard on it (with its publisher and its import service)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kpi import config
from kpi.cli.common import add_db, announce, missing, open_db, tell, tr, wait, waiting
from kpi.i18n import reader


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
    p = sub.add_parser("build", help=tr("cli.help.build"))
    add_db(p, writes=True)
    p.add_argument("--if-missing", action="store_true", help=tr("cli.help.build.if_missing"))
    p.add_argument("--data", type=Path, default=config.DATA_DIR, help=tr("cli.help.build.data"))
    p.add_argument("--demo-scope", choices=("seeds", "provinces", "national"), default="provinces",
                   help=tr("cli.help.build.demo_scope"))
    p.add_argument("--seed", type=int, default=57, help=tr("cli.help.build.seed"))

    p = sub.add_parser("publish", help=tr("cli.help.publish"))
    add_db(p, writes=True)
    p.add_argument("--watch", action="store_true", help=tr("cli.help.publish.watch"))
    p.add_argument("--interval", type=float, default=None, metavar="S", help=tr("cli.help.publish.interval"))

    p = sub.add_parser("export", help=tr("cli.help.export"))
    p.add_argument("dataset").choices = _Datasets()  # set after add_argument, which would list them at once
    add_db(p)
    p.add_argument("--format", choices=("csv", "xlsx", "csv-vn"), default="csv", help=tr("cli.help.export.format"))
    p.add_argument("--lang", choices=("vi", "en"), default=argparse.SUPPRESS, help=tr("cli.help.export.lang"))
    p.add_argument("-o", "--output", type=Path, required=True, help=tr("cli.help.export.output"))
    p = sub.add_parser("serve", help=tr("cli.help.serve"))
    add_db(p)
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--address", default=None, help=tr("cli.help.serve.address"))
    p.add_argument("--secrets", type=Path, default=None, metavar="FILE", help=tr("cli.help.serve.secrets"))
    p.add_argument("--no-publish", action="store_true", help=tr("cli.help.serve.no_publish"))


def cmd_build(args: argparse.Namespace) -> int:
    from kpi.build import DemoSettings, build
    from kpi.sources import SourceErrors

    if args.if_missing and args.db.exists():
        announce("cli.not_rebuilding", db=args.db)
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
        announce("cli.not_rebuilding", db=args.db)
        return 0
    announce("cli.built", db=args.db, provinces=len(src.provinces), communes=len(src.communes),
             indicators=len(src.indicators), targets=len(src.targets), tasks=len(src.tasks), version=src.data_version,
             seconds=f"{src.timings['build_s']:.1f}")
    print(folded_summary(src.folded or {}))
    return 0


def folded_summary(folded: dict[str, int]) -> str:
    """What the store of record held and the new snapshot holds, and what it could not place."""
    held = ", ".join(tr(f"cli.held.{table}", n=folded.get(table, 0))
                     for table in ("app_user", "import_batch", "real_value", "task_report", "value_approval", "audit_log"))
    unmatched = folded.get("unmatched", 0)
    line = tr("cli.store_held", held=held)
    if unmatched:
        line += "; " + tr("cli.to_map_again", n=unmatched)
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
    announce("cli.publishing", db=args.db, interval=f"{interval:g}")
    publisher.watch(args.db, interval, on_publication=lambda done: print(publication(done), flush=True))
    return 0


def publication(done) -> str:
    if done is None:
        return tr("cli.nothing_to_publish")
    return tr("cli.published_compacted" if done.compacted else "cli.published", through=done.through, writes=done.writes,
              communes=done.communes, seconds=f"{done.seconds:.1f}", mb=f"{done.size_bytes / 1e6:.1f}")


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
    announce("cli.wrote_rows", n=frame.height, output=args.output)
    if args.format == "csv-vn":
        announce("cli.export_details", path=export.details_path(args.output))
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
    with publishing(args.db), importing(args.db):
        return serve(args.port, args.address, args.secrets)


def ensure_current(db: Path) -> int:
    """Rebuild the snapshot at db if an older version of the dashboard built it (kpi.build.outdated), with its own
    demo scope and seed, folding the store of record: after an upgrade the pages never read tables they do not
    know. Returns cmd_build's exit code (0 when nothing was needed)."""
    from kpi.build import outdated

    demo = outdated(db)
    if demo is None:
        return 0
    announce("cli.rebuilding", db=db)
    return cmd_build(argparse.Namespace(db=db, data=config.DATA_DIR, if_missing=False, demo_scope=demo.scope,
                                        seed=demo.seed, wait=None))


@contextmanager
def publishing(db: Path) -> Iterator[subprocess.Popen]:
    """The publisher beside the server: a child process `python -m kpi publish --watch` that ends with it. Several
    servers on one store (replicas) each start one; the snapshot lease makes all but one wait."""
    with child(["publish", "--watch", "--db", str(db)]) as running:
        yield running


@contextmanager
def importing(db: Path) -> Iterator[subprocess.Popen]:
    """The import service beside the server (kpi.services.import_service): a child process `python -m kpi
    import-service` that ends with it; `python -m kpi import` goes through it. A second server on the same
    database folder finds it serving already: its own child says so and ends, the first one serves both."""
    with child(["import-service", "--db", str(Path(db).absolute())]) as running:  # the clients' socket, wherever run
        yield running


@contextmanager
def child(command: list[str]) -> Iterator[subprocess.Popen]:
    """`python -m kpi COMMAND` as a child process that ends with this one (on the way out, and at once if this
    process dies: the kernel signals it, PR_SET_PDEATHSIG)."""
    from kpi.replicas import _die_with_parent

    running = subprocess.Popen([sys.executable, "-m", "kpi", "--lang", reader(), *command], cwd=config.ROOT,
                               preexec_fn=_die_with_parent())
    try:
        yield running
    finally:
        running.terminate()
        try:
            running.wait(timeout=10)
        except subprocess.TimeoutExpired:
            running.kill()
            running.wait()


COMMANDS = {"build": cmd_build, "publish": cmd_publish, "export": cmd_export, "serve": cmd_serve}
