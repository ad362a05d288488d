"""Who a signed-in person is (kpi.accounts.identity), in kpi, the command line and the pages (AppTest):
only an address the provider says is verified signs in (or the operator says the provider issues only
verified ones); addresses compare after NFKC and case folding, and one that NFKC changes (KELVIN SIGN) is
refused everywhere; a sign-in issued before its address's revocation (Đăng xuất, `users remove`) carries
nothing. The same in a real browser, with the evidence route: test_identity_browser.py."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kpi import config, records
from kpi.accounts import Actor, identity, users
from kpi.cli import main
from kpi.services import accounts
from kpi.web import content_disposition, safe_name
from tests.test_import_page import AUTH

KELVIN = "\u212aim@vietkhe.gov.vn"  # KELVIN SIGN: "kim@vietkhe.gov.vn" to str.lower()


@pytest.fixture()
def site_db(db_path, tmp_path, monkeypatch) -> Path:
    path = tmp_path / "kpi.duckdb"
    shutil.copy(db_path, path)
    monkeypatch.setenv("KPI_DB", str(path))
    accounts.add_user(path, Actor.server_admin(), "kim@vietkhe.gov.vn", "commune_editor", communes=["11503"])
    return path


def test_addresses_compare_after_nfkc_and_case_folding():
    assert identity.canonical("  Kim@VietKhe.gov.VN ") == "kim@vietkhe.gov.vn"
    with pytest.raises(identity.LookAlike, match=r"^EMAIL: \\u212aim@vietkhe.gov.vn .*NFKC.*Kim@vietkhe.gov.vn"):
        identity.canonical(KELVIN)
    with pytest.raises(identity.LookAlike, match=r"^--as: "):
        users.normalise("ki\u0301m@x.vn", "--as")  # a decomposed accent: NFKC composes it


def test_the_verified_rule(tmp_path):
    db = tmp_path / "kpi.duckdb"
    claims = {"email": "Kim@vietkhe.gov.vn", "iat": time.time()}
    assert identity.judge(claims, db, provider_verifies=False).refused == identity.UNVERIFIED
    assert identity.judge({**claims, "email_verified": False}, db, provider_verifies=False).refused == identity.UNVERIFIED
    assert identity.judge({**claims, "email_verified": "false"}, db, provider_verifies=False).refused == identity.UNVERIFIED
    assert identity.judge({**claims, "email_verified": True}, db, provider_verifies=False) == identity.Identity("kim@vietkhe.gov.vn")
    assert identity.judge(claims, db, provider_verifies=True).accepted
    kelvin = identity.judge({**claims, "email": KELVIN, "email_verified": True}, db, provider_verifies=True)
    assert not kelvin.accepted and "NFKC" in kelvin.why("en")
    assert not records.path_for(db).exists(), "a reader creates no store of record"


def test_a_revocation_ends_every_sign_in_issued_until_then(tmp_path):
    db = tmp_path / "kpi.duckdb"
    before = {"email": "kim@vietkhe.gov.vn", "email_verified": True, "iat": int(time.time()) - 60}
    identity.revoke(db, "KIM@vietkhe.gov.vn", "sign-out", before)
    assert records.path_for(db) == tmp_path / "kpi.records.sqlite3"
    assert identity.judge(before, db, provider_verifies=False).refused == identity.SIGNED_OUT
    assert identity.judge({**before, "iat": None}, db, provider_verifies=False).refused == identity.SIGNED_OUT
    after = {**before, "iat": records.revoked_at(db, "kim@vietkhe.gov.vn") + 1}
    assert identity.judge(after, db, provider_verifies=False).accepted
    # a provider whose clock runs ahead: the signing-out token's own iat is revoked too
    ahead = {**before, "iat": int(time.time()) + 600}
    identity.revoke(db, "kim@vietkhe.gov.vn", "sign-out", ahead)
    assert identity.judge(ahead, db, provider_verifies=False).refused == identity.SIGNED_OUT


def test_the_command_line_refuses_look_alikes(site_db, tmp_path, capsys):
    assert main(["users", "add", KELVIN, "--role", "admin", "--db", str(site_db)]) == 1
    assert "EMAIL: \\u212aim@vietkhe.gov.vn" in capsys.readouterr().err
    assert users.listing(site_db)["email"].to_list() == ["kim@vietkhe.gov.vn"]
    own = tmp_path / "own.csv"
    own.write_text("commune_code,indicator_code,period,value,note\n11503,vneid_share,2026-Q3,74,số liệu kiểm thử\n", encoding="utf-8")
    assert main(["import", str(own), "--as", KELVIN, "--db", str(site_db)]) == 1
    assert "--as: \\u212aim@vietkhe.gov.vn" in capsys.readouterr().err
    assert main(["users", "remove", KELVIN, "--db", str(site_db)]) == 1
    assert main(["import", str(own), "--as", "KIM@VietKhe.gov.vn", "--db", str(site_db)]) == 0  # the account itself


def test_users_remove_ends_the_accounts_sign_ins(site_db):
    claims = {"email": "kim@vietkhe.gov.vn", "email_verified": True, "iat": int(time.time()) - 5}
    assert identity.judge(claims, site_db, provider_verifies=False).accepted
    assert main(["users", "remove", "kim@vietkhe.gov.vn", "--db", str(site_db)]) == 0
    assert identity.judge(claims, site_db, provider_verifies=False).refused == identity.SIGNED_OUT


def page(user: dict, secrets: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=90)
    at.secrets["auth"] = AUTH
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    at.user = {"is_logged_in": True, **user}
    at.query_params["province"] = "31"
    at.run()
    assert not at.exception, at.exception
    return at


def sidebar_words(at: AppTest) -> str:
    return " ".join([*(t.value for t in at.sidebar.text), *(c.value for c in at.sidebar.caption),
                     *(w.value for w in at.sidebar.warning)])


def report_form_shown(at: AppTest) -> bool:
    at.switch_page("pages/tasks.py").run()
    assert not at.exception, at.exception
    return any(u.key == "report_evidence" for u in at.get("file_uploader"))


def test_a_sign_in_without_a_verified_address_reads_only(site_db):
    unverified = page({"email": "kim@vietkhe.gov.vn", "iat": int(time.time())})
    words = sidebar_words(unverified)
    assert "chưa xác minh địa chỉ thư điện tử này; bạn chỉ được xem" in words and "Vai trò" not in words
    assert not report_form_shown(unverified)
    verified = page({"email": "kim@vietkhe.gov.vn", "email_verified": True, "iat": int(time.time())})
    assert "Vai trò: Cán bộ nhập liệu xã · Phạm vi: Xã Việt Khê, Thành phố Hải Phòng" in sidebar_words(verified)
    assert report_form_shown(verified)
    trusted = page({"email": "kim@vietkhe.gov.vn", "iat": int(time.time())}, {"kpi": {"provider_verifies_email": True}})
    assert "Vai trò: Cán bộ nhập liệu xã" in sidebar_words(trusted)


def test_a_role_changed_in_the_store_applies_at_the_next_rerun(site_db):
    """The page reads the account from the store of record at every rerun, not from the published snapshot:
    a role changed or an account removed applies at once, before any publication."""
    at = page({"email": "kim@vietkhe.gov.vn", "email_verified": True, "iat": int(time.time())})
    assert "Vai trò: Cán bộ nhập liệu xã · Phạm vi: Xã Việt Khê, Thành phố Hải Phòng" in sidebar_words(at)
    accounts.add_user(site_db, Actor.server_admin(), "kim@vietkhe.gov.vn", "province_reviewer", province="31")
    at.run()
    assert "Vai trò: Cán bộ thẩm định tỉnh" in sidebar_words(at)
    accounts.remove_user(site_db, Actor.server_admin(), "kim@vietkhe.gov.vn")
    at.run()
    assert "Vai trò" not in sidebar_words(at)
    assert not report_form_shown(at)


def test_a_look_alike_sign_in_reads_only_and_is_told_why(site_db):
    at = page({"email": KELVIN, "email_verified": True, "iat": int(time.time())})
    words = sidebar_words(at)
    assert "ký tự Unicode không chuẩn" in words and "Vai trò" not in words
    assert not report_form_shown(at)


def test_a_signed_out_sign_in_counts_as_not_signed_in(site_db):
    claims = {"email": "kim@vietkhe.gov.vn", "email_verified": True, "iat": int(time.time()) - 5}
    identity.revoke(site_db, "kim@vietkhe.gov.vn", "sign-out", claims)
    at = page(claims)
    words = sidebar_words(at)
    assert "phiên đăng nhập này đã kết thúc" in words.lower() and "Đã đăng nhập" not in words
    assert any(b.label == "Đăng nhập" for b in at.sidebar.button)


def test_a_download_name_is_the_base_name_without_control_characters():
    assert safe_name("../../etc/x.pdf") == "x.pdf"
    assert safe_name("..\\..\\boot.ini\r\nSet-Cookie: a=b.pdf") == "boot.iniSet-Cookie: a=b.pdf"
    assert safe_name("\u202egpj.exe") == "gpj.exe"  # no right-to-left override
    assert safe_name("/") == "minh-chung"
    header = content_disposition('biên bản "ký".pdf')
    assert header == "attachment; filename=\"bi_n b_n _k__.pdf\"; filename*=UTF-8''bi%C3%AAn%20b%E1%BA%A3n%20%22k%C3%BD%22.pdf"
    assert "\n" not in content_disposition("a\nb.pdf") and "\r" not in content_disposition("a\rb.pdf")
