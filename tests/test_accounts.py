"""Accounts and roles (kpi.accounts): every role against every write, checked in kpi at the write; the
CLI's --as and `users`; the audit of every write; accounts kept across rebuilds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kpi import records
from kpi.accounts import AccessDenied, Actor, UserError, audit, users
from kpi.cli import main
from kpi.db import connect
from kpi.importer import check_rollback
from kpi.services import accounts, values
from kpi.services.accounts import add_user
from kpi.store.publisher import publish_if_pending
from tests.pg import both_engines

ADMIN = Actor.server_admin()
# 11503 Việt Khê and 10510 Thành Đông are in Hải Phòng (31); 05851 Quân Chu is in Thái Nguyên (19).
FILES = {
    "own": "11503,vneid_share,2026-Q3,72.5,số liệu kiểm thử\n",  # each with its reason: far from the demo history
    "same_province": "10510,vneid_share,2026-Q3,70,số liệu kiểm thử\n",
    "other_province": "05851,vneid_share,2026-Q3,60,số liệu kiểm thử\n",
}
ACCOUNTS = {
    "viewer": dict(role="viewer"),
    "commune_editor": dict(role="commune_editor", communes=["11503"]),
    "province_reviewer": dict(role="province_reviewer", province="31"),
    "admin": dict(role="admin"),
}
# What each role may import: a commune editor their commune, an admin anything, nobody else anything.
MAY_IMPORT = {
    "viewer": set(), "commune_editor": {"own"}, "province_reviewer": set(), "admin": {"own", "same_province", "other_province"},
}
# What each role may roll back: a reviewer batches wholly in their province, an admin any.
MAY_ROLL_BACK = {
    "viewer": set(), "commune_editor": set(), "province_reviewer": {"own", "same_province"},
    "admin": {"own", "same_province", "other_province"},
}


@pytest.fixture()
def db(db_path, tmp_path, monkeypatch, records_engine) -> Path:
    path = tmp_path / "kpi.duckdb"
    shutil.copy(db_path, path)
    monkeypatch.setenv("KPI_TODAY", "2026-11-22")
    for role, scope in ACCOUNTS.items():
        add_user(path, ADMIN, f"{role}@example.vn", **scope)
    return path


def report(tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.csv"
    path.write_text("commune_code,indicator_code,period,value,note\n" + FILES[name], encoding="utf-8")
    return path


def actor(db: Path, role: str) -> Actor:
    return users.actor_of(db, f"{role}@example.vn")


def real_count(db: Path) -> int:
    """The imported values recorded (the store of record)."""
    with records.read_only(db) as rec:
        return rec.execute("SELECT count(*) FROM real_value").fetchone()[0] if rec is not None else 0


def as_(role: str) -> list[str]:
    """The command line's --as for a role's account (the administrator at the server: none)."""
    return [] if role == "admin" else ["--as", f"{role}@example.vn"]


def imported(db: Path, tmp_path: Path, name: str, *who: str) -> int:
    """Import one file through the command line; its batch id."""
    assert main(["import", str(report(tmp_path, name)), *who, "--db", str(db)]) == 0
    return int(audit.log(db)["batch_id"][0])


def test_every_role_against_every_import(db, tmp_path):
    """The check an import makes before writing (a dry run checks the same), for each role and unit."""
    for role in ACCOUNTS:
        who = actor(db, role)
        for name in FILES:
            if not who.may("import"):
                with pytest.raises(AccessDenied, match=r"^[^ ]+ \([^)]+\) không được nhập số liệu$"):
                    values.import_files(db, who, [report(tmp_path, name)], dry_run=True)
                assert not MAY_IMPORT[role]
                continue
            result = values.import_files(db, who, [report(tmp_path, name)], dry_run=True)
            if name in MAY_IMPORT[role]:
                assert result.ok and result.imported == 1, (role, name, result.errors)
            else:
                assert [str(e) for e in result.errors] == [
                    f"{name}.csv:2: commune_code: xã {FILES[name][:5]} nằm ngoài phạm vi của bạn"], (role, name)
                assert [e.text("en") for e in result.errors] == [
                    f"{name}.csv:2: commune_code: commune {FILES[name][:5]} is outside your scope"], (role, name)


def test_an_editor_writes_only_their_own(db, tmp_path):
    editor = actor(db, "commune_editor")
    assert values.import_files(db, editor, [report(tmp_path, "same_province")]).error_count == 1
    assert real_count(db) == 0, "nothing written"
    done = values.import_files(db, editor, [report(tmp_path, "own")])
    assert done.ok and real_count(db) == 1


@both_engines
def test_every_role_against_every_rollback(db, tmp_path):
    batches = {name: values.import_files(db, ADMIN, [report(tmp_path, name)]).batch_id for name in FILES}
    units = values.reference_units(db)
    with records.read_only(db) as con:
        for role in ACCOUNTS:
            who = actor(db, role)
            for name, batch in batches.items():
                if name in MAY_ROLL_BACK[role]:
                    assert check_rollback(con, units, batch, who)[:2] == (1, 0), (role, name)
                    continue
                with pytest.raises(AccessDenied):
                    check_rollback(con, units, batch, who)
    reviewer = actor(db, "province_reviewer")  # and a real one, by a reviewer in their province
    done = values.rollback(db, reviewer, batches["same_province"])
    assert (done.removed, done.restored) == (1, 0)
    with pytest.raises(AccessDenied, match="ngoài phạm vi của bạn: 05851"):
        values.rollback(db, reviewer, batches["other_province"])
    assert real_count(db) == 2


@pytest.mark.parametrize("role", list(ACCOUNTS))
def test_only_the_administrator_manages_accounts(db, role):
    who = actor(db, role)
    if role == "admin":
        accounts.add_user(db, who, "new@example.vn", "viewer")
        assert users.actor_of(db, "new@example.vn") == Actor("new@example.vn", "viewer")
        return
    before = audit.log(db).height
    with pytest.raises(AccessDenied, match="quản lý tài khoản"):
        accounts.add_user(db, who, "new@example.vn", "admin")
    with pytest.raises(AccessDenied):
        accounts.remove_user(db, who, "admin@example.vn")
    assert users.actor_of(db, "new@example.vn") is None and users.actor_of(db, "admin@example.vn") is not None
    assert audit.log(db).height == before, "nothing written, nothing audited"


@both_engines
def test_a_stale_actor_gets_the_role_the_store_says_at_the_write(db, tmp_path, capsys):
    """The page drew the administrator's form; the account was removed before the click: refused at the write."""
    stale = actor(db, "admin")
    assert accounts.remove_user(db, ADMIN, "admin@example.vn").existed
    with pytest.raises(AccessDenied, match=r"\(Người xem\) không được quản lý tài khoản"):
        accounts.add_user(db, stale, "new@example.vn", "admin")
    forged = Actor("viewer@example.vn", "admin")  # an Actor claiming more than the store gives
    with pytest.raises(AccessDenied):
        accounts.add_user(db, forged, "new@example.vn", "admin")
    assert users.actor_of(db, "new@example.vn") is None
    assert accounts.remove_user(db, ADMIN, "commune_editor@example.vn").existed  # --as reads the store too
    assert main(["import", str(report(tmp_path, "own")), *as_("commune_editor"), "--db", str(db)]) == 2
    assert "không có tài khoản này" in capsys.readouterr().err
    assert real_count(db) == 0


def test_accounts_are_validated_field_by_field(db):
    cases = [
        (dict(email="not-an-address", role="viewer"), "EMAIL: 'not-an-address' không phải địa chỉ thư điện tử"),
        (dict(email="a@b.vn", role="commune_editor"), "--commune: cán bộ nhập liệu xã cần ít nhất một xã"),
        (dict(email="a@b.vn", role="commune_editor", communes=["99999"]), "--commune: không có xã mã 99999"),
        (dict(email="a@b.vn", role="commune_editor", communes=["05851"], province="31"), "--commune: 05851 không thuộc tỉnh 31"),
        (dict(email="a@b.vn", role="province_reviewer"), "--province: cán bộ thẩm định tỉnh cần một tỉnh"),
        (dict(email="a@b.vn", role="province_reviewer", province="99"), "--province: không có tỉnh mã 99"),
        (dict(email="a@b.vn", role="viewer", communes=["11503"]), "--commune: chỉ dành cho commune_editor"),
        (dict(email="a@b.vn", role="admin", province="31"), "--province: chỉ dành cho province_reviewer"),
        (dict(email="a@b.vn", role="owner"), "--role: 'owner' không hợp lệ"),
    ]
    for given, message in cases:
        with pytest.raises(UserError) as caught:
            accounts.add_user(db, ADMIN, **given)
        assert str(caught.value).startswith(message), (given, str(caught.value))
    assert not accounts.add_user(db, ADMIN, " Editor@Example.VN ", "commune_editor", communes=["11503", "10510", "11503"]).existed
    assert users.actor_of(db, "EDITOR@example.vn") == Actor(
        "editor@example.vn", "commune_editor", None, frozenset({"11503", "10510"}))
    assert users.actor_of(db, "commune_editor@example.vn").communes == frozenset({"11503"})
    assert users.actor_of(db, "nobody@example.vn") is None


@both_engines
def test_the_command_line(db, tmp_path, capsys):
    own, other = report(tmp_path, "own"), report(tmp_path, "other_province")
    assert main(["users", "add", "Nguyen.Van.A@HaiPhong.gov.vn", "--role", "commune_editor", "--commune", "11503",
                 "--db", str(db)]) == 0
    assert capsys.readouterr().out == "đã thêm nguyen.van.a@haiphong.gov.vn: commune_editor\n"
    assert main(["users", "add", "x@y.vn", "--role", "province_reviewer", "--db", str(db)]) == 2
    assert "--province: cán bộ thẩm định tỉnh cần một tỉnh" in capsys.readouterr().err

    assert main(["import", str(other), "--as", "nguyen.van.a@haiphong.gov.vn", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "other_province.csv:2: commune_code: xã 05851 nằm ngoài phạm vi của bạn\n" in err and "không ghi dữ liệu nào" in err
    assert main(["--lang", "en", "import", str(other), "--as", "nguyen.van.a@haiphong.gov.vn", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "other_province.csv:2: commune_code: commune 05851 is outside your scope\n" in err and "nothing was written" in err
    assert main(["import", str(own), "--as", "nobody@example.vn", "--db", str(db), "--lang", "en"]) == 2
    assert "no such account" in capsys.readouterr().err
    assert main(["import", str(own), "--as", "viewer@example.vn", "--db", str(db), "--lang", "en"]) == 1
    assert "may not import values" in capsys.readouterr().err
    assert main(["import", str(own), "--as", "nguyen.van.a@haiphong.gov.vn", "--db", str(db)]) == 0
    assert main(["import", str(other), "--db", str(db)]) == 0  # the administrator at the server
    assert main(["rollback", "2", "--as", "province_reviewer@example.vn", "--db", str(db), "--lang", "en"]) == 1
    assert "outside your scope: 05851" in capsys.readouterr().err
    assert main(["rollback", "1", "--as", "province_reviewer@example.vn", "--db", str(db)]) == 0

    capsys.readouterr()
    assert main(["users", "list", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "email\trole\tprovince\tcommunes\tadded_at\tadded_by"
    assert [line.split("\t")[:4] for line in lines[1:]] == [
        ["admin@example.vn", "admin", "", ""], ["commune_editor@example.vn", "commune_editor", "", "11503"],
        ["nguyen.van.a@haiphong.gov.vn", "commune_editor", "", "11503"], ["province_reviewer@example.vn", "province_reviewer", "31", ""],
        ["viewer@example.vn", "viewer", "", ""]]
    assert main(["users", "remove", "viewer@example.vn", "--db", str(db)]) == 0
    assert main(["users", "remove", "viewer@example.vn", "--db", str(db)]) == 2

    capsys.readouterr()
    assert main(["audit", "--db", str(db)]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert rows[0] == ["audit_id", "written_at", "actor", "role", "action", "detail", "files", "sha256", "batch_id"]
    latest = [(r[2], r[3], r[4], r[6], r[8]) for r in rows[1:5]]
    assert latest == [
        (ADMIN.email, "admin", "user_remove", "", ""),
        ("province_reviewer@example.vn", "province_reviewer", "rollback", "", "1"),
        (ADMIN.email, "admin", "import", "other_province.csv", "2"),
        ("nguyen.van.a@haiphong.gov.vn", "commune_editor", "import", "own.csv", "1"),
    ]
    assert rows[1][5] == "viewer@example.vn" and rows[3][5].startswith("imported 1, updated 0")
    assert len(rows[4][7]) == 12  # the file's sha256, shortened


def test_accounts_and_audit_survive_a_rebuild(db, tmp_path):
    from kpi.build import build

    imported(db, tmp_path, "own", *as_("commune_editor"))
    publish_if_pending(db)
    with connect(db) as con:
        before_users = con.sql("SELECT email, role, province_code FROM app_user ORDER BY email").fetchall()
        before_audit = con.sql("SELECT * FROM audit_log ORDER BY audit_id").pl()
    assert before_audit.height == len(ACCOUNTS) + 1  # the accounts and the import, published
    build(db)
    with connect(db) as con:
        assert con.sql("SELECT email, role, province_code FROM app_user ORDER BY email").fetchall() == before_users
        after = con.sql("SELECT * FROM audit_log ORDER BY audit_id").pl()
        assert after.head(before_audit.height).equals(before_audit)
        assert con.sql("SELECT imported_by FROM import_batch").fetchall() == [("commune_editor@example.vn",)]
    log = audit.log(db)
    # the build audits itself, in the store, after loading data/published/'s snapshots, which this store (made
    # beside a copied snapshot) did not hold yet: that load is a write of its own, audited (kpi.services.published)
    assert log["action"].head(2).to_list() == ["build", "published_load"] and log.height == before_audit.height + 2
    accounts.add_user(db, ADMIN, "later@example.vn", "viewer")  # the audit goes on numbering in the store
    publish_if_pending(db)
    with connect(db) as con:
        assert con.sql("SELECT max(audit_id) FROM audit_log").fetchall() == [(before_audit.height + 3,)]
        assert con.sql("SELECT count(*) FROM app_user").fetchall() == [(len(ACCOUNTS) + 1,)]
