"""Reported values per commune and quarter: list their approval states, approve, return with a reason, lock, unlock."""

from __future__ import annotations

import argparse
import sys

from kpi.cli.common import actor, add_as, add_db, missing, tell, tr


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("approval", help=tr("cli.help.approval"))
    p.add_argument("move", choices=("list", "approve", "return", "lock", "unlock"))
    p.add_argument("commune", nargs="?", metavar="COMMUNE")
    p.add_argument("quarter", nargs="?", metavar="QUARTER", help=tr("cli.help.approval.quarter"))
    p.add_argument("--province", default=None, metavar="CODE", help=tr("cli.help.approval.province"))
    p.add_argument("--reason", default="", metavar="TEXT", help=tr("cli.help.approval.reason"))
    add_db(p, records=True)
    add_as(p)


def cmd_approval(args: argparse.Namespace) -> int:
    from kpi.accounts import AccessDenied
    from kpi.approvals import ApprovalError
    from kpi.services import approvals

    if not args.db.exists():
        return missing(args.db)
    if args.move == "list":
        frame = approvals.listing(args.db, args.province)
        print("province_code\tcommune_code\tquarter\tvalues_reported\tstate\tchanged_at\tchanged_by")
        for r in frame.iter_rows(named=True):
            print(f"{r['province_code']}\t{r['commune_code']}\t{r['quarter']}\t{r['values_reported']}\t{r['state']}\t"
                  f"{r['changed_at'] or ''}\t{r['changed_by'] or ''}")
        return 0
    if not (args.commune and args.quarter):
        tell("cli.approval_needs", move=args.move)
        return 2
    who = actor(args)
    if who is None:
        return 2
    try:
        done = approvals.decide(args.db, who, args.commune, args.quarter, args.move, reason=args.reason,
                                 wait=args.wait)
    except (ApprovalError, AccessDenied) as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{args.commune} {args.quarter}: {tr(f'approval.{done.state}')}")  # the state in --lang's words
    return 0


COMMANDS = {"approval": cmd_approval}
