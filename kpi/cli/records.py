"""The store of record: move an existing database's people's data into it, list what the published snapshot
cannot place (cần đối chiếu), map a record again."""

from __future__ import annotations

import argparse
import sys

from kpi.cli.common import actor, add_as, add_db, announce, missing, open_db, tell, tr
from kpi.i18n import reader


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("records", help=tr("cli.help.records"))
    moves = p.add_subparsers(dest="records_command", required=True)
    m = moves.add_parser("migrate", help=tr("cli.help.records.migrate"))
    add_db(m)
    m = moves.add_parser("unmatched", help=tr("cli.help.records.unmatched"))
    add_db(m)
    m = moves.add_parser("remap", help=tr("cli.help.records.remap"))
    m.add_argument("--report", type=int, metavar="ID", help=tr("cli.help.records.report"))
    m.add_argument("--task", metavar="SEQ", help=tr("cli.help.records.task"))
    m.add_argument("--batch", type=int, metavar="B", help=tr("cli.help.records.batch"))
    m.add_argument("--indicator", nargs=2, metavar=("OLD", "NEW"), help=tr("cli.help.records.indicator"))
    add_db(m)
    add_as(m)


def cmd_records(args: argparse.Namespace) -> int:
    from kpi import records
    from kpi.accounts import AccessDenied, Actor
    from kpi.services import migration, remap

    if not args.db.exists():
        return missing(args.db)
    if args.records_command == "unmatched":
        from kpi.accounts.audit import one_line
        from kpi.db import run
        from kpi.labels import words

        with open_db(args.db) as con:
            frame = run(con, "record_unmatched")
        why = words("unmatched", reader())  # the reason in --lang's words
        print("kind\trecord_id\tcommune_code\twhat\twhy")
        for kind, record_id, commune, what, code in frame.rows():
            print("\t".join(one_line(v) for v in (kind, record_id, commune, what, why.get(code, code))))
        return 0
    if args.records_command == "migrate":
        try:  # with KPI_RECORDS_URL set and the SQLite store beside the database: that store, every table, into PostgreSQL
            if records.url() is not None and records.path_for(args.db).is_file():
                done = migration.move_store(args.db, Actor.server_admin())
            else:
                done = migration.migrate(args.db, Actor.server_admin())
        except migration.MigrationError as exc:
            print(f"records migrate: {exc}", file=sys.stderr)
            return 1
        announce("cli.migrated", store=records.where(args.db), counts=", ".join(f"{n} {t}" for t, n in done.counts.items()))
        return 0
    by_report = args.report is not None and args.task is not None and args.batch is None and args.indicator is None
    by_batch = args.batch is not None and args.indicator is not None and args.report is None and args.task is None
    if not (by_report or by_batch):
        tell("cli.remap_needs")
        return 2
    who = actor(args)
    if who is None:
        return 2
    try:
        if by_report:
            done = remap.remap_report(args.db, who, args.report, args.task)
        else:
            done = remap.remap_values(args.db, who, args.batch, *args.indicator)
    except (remap.RemapError, AccessDenied) as exc:
        print(f"records remap: {exc}", file=sys.stderr)
        return 1
    announce("cli.remapped", detail=done.detail)
    return 0


COMMANDS = {"records": cmd_records}
