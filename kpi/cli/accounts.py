"""Accounts and what they did: users add, list, remove (the administrator's tool) and the audit log."""

from __future__ import annotations

import argparse

from kpi.cli.common import add_db, announce, missing, tell, tr
from kpi.i18n import msg


def add_parsers(sub: argparse._SubParsersAction) -> None:
    from kpi.accounts import ROLES

    p = sub.add_parser("users", help=tr("cli.help.users"))
    users = p.add_subparsers(dest="users_command", required=True)
    u = users.add_parser("add", help=tr("cli.help.users.add"))
    u.add_argument("email", metavar="EMAIL", help=tr("cli.help.users.email"))
    u.add_argument("--role", required=True, choices=ROLES)
    u.add_argument("--province", metavar="CODE", default=None, help=tr("cli.help.users.province"))
    u.add_argument("--commune", metavar="CODE", action="append", default=[], help=tr("cli.help.users.commune"))
    add_db(u, writes=True)
    u = users.add_parser("list", help=tr("cli.help.users.list"))
    add_db(u)
    u = users.add_parser("remove", help=tr("cli.help.users.remove"))
    u.add_argument("email", metavar="EMAIL")
    add_db(u, writes=True)

    p = sub.add_parser("audit", help=tr("cli.help.audit"))
    add_db(p)


def cmd_users(args: argparse.Namespace) -> int:
    from kpi.accounts import AccessDenied, Actor, UserError, identity, users
    from kpi.services import accounts

    if not args.db.exists():
        return missing(args.db)
    if args.users_command == "list":
        frame = users.listing(args.db)
        print("email\trole\tprovince\tcommunes\tadded_at\tadded_by")
        for r in frame.iter_rows(named=True):
            print(f"{r['email']}\t{r['role']}\t{r['province_code'] or ''}\t{r['communes']}\t"
                  f"{_local(r['added_at']):%Y-%m-%d %H:%M:%S}\t{r['added_by']}")
        return 0
    admin = Actor.server_admin()
    try:
        if args.users_command == "add":
            done = accounts.add_user(args.db, admin, args.email, args.role, args.province, args.commune)
        else:  # its sign-ins end in the same transaction (a revocation)
            done = accounts.remove_user(args.db, admin, args.email)
            if not done.existed:
                raise UserError(msg("cli.no_account", email=f"EMAIL {args.email}"))
    except (identity.LookAlike, AccessDenied) as exc:
        tell("cli.nothing_changed", what=f"users {args.users_command}", why=exc)
        return 1
    except UserError as exc:
        tell("cli.nothing_changed", what=f"users {args.users_command}", why=exc)
        return 2
    if args.users_command == "add":
        announce("cli.user_updated" if done.existed else "cli.user_added", email=done.email, role=args.role)
    else:
        announce("cli.user_removed", email=done.email)
    return 0


def _local(stamp: str | None):
    """A time the store keeps (ISO 8601 with its offset) as this machine's local time, as the audit showed it."""
    from datetime import datetime

    return datetime.fromisoformat(stamp).astimezone() if stamp else None


def cmd_audit(args: argparse.Namespace) -> int:
    from kpi.accounts import audit

    if not args.db.exists():
        return missing(args.db)
    frame = audit.log(args.db)
    print("audit_id\twritten_at\tactor\trole\taction\tdetail\tfiles\tsha256\tbatch_id")
    for r in frame.iter_rows(named=True):  # one record, one line: controls in a reason or a file name escaped
        print("\t".join(audit.one_line(v) for v in (
            r["audit_id"], f"{_local(r['written_at']):%Y-%m-%d %H:%M:%S%z}", r["actor"], r["role"], r["action"],
            r["detail"], r["files"], (r["sha256"] or "")[:12], r["batch_id"])))
    return 0


COMMANDS = {"users": cmd_users, "audit": cmd_audit}
