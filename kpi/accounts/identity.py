"""Who a signed-in person is: the one rule, shared by the pages, the evidence route and the command line.

* An address is compared after Unicode NFKC and case folding (`canonical`), and an address that NFKC
  changes is refused: `\u212aim@x.vn` (KELVIN SIGN) would otherwise be kim@x.vn to one check and another
  account to the next.
* A sign-in counts only when the identity provider says the address is verified (`email_verified` true
  in the token), or when the operator has said the provider only issues verified addresses
  (`provider_verifies_email = true` under [kpi] in .streamlit/secrets.toml, README "Accounts and roles").
* A sign-in whose token was issued at or before the address's latest revocation (signed out, account
  removed: kpi.records) carries nothing: a copied cookie does not outlive Đăng xuất.

A refused sign-in reads only and is told why, in the reader's language. No Streamlit here."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kpi import records
from kpi.i18n import Msg, Problem, msg


class LookAlike(Problem):
    """An address that Unicode normalisation changes: it could pass for another account (naming the field)."""

    def __init__(self, field: str, said: Msg) -> None:
        super().__init__("identity.field", field=field, said=said)
        self.said = said


def canonical(email: str, field: str = "EMAIL") -> str:
    """The address as every account check compares it: trimmed, NFKC, case folded. An address that NFKC
    changes (compatibility characters such as the KELVIN SIGN, or decomposed accents) is refused with
    LookAlike, naming FIELD."""
    text = str(email).strip()
    if unicodedata.normalize("NFKC", text) != text:
        raise LookAlike(field, lookalike_words(text))
    return unicodedata.normalize("NFKC", text.casefold())


def lookalike_words(text: str) -> Msg:
    shown = text.encode("ascii", "backslashreplace").decode("ascii")  # the odd character visible as \u212a
    return msg("identity.lookalike", shown=shown, nfkc=unicodedata.normalize("NFKC", text))


UNVERIFIED = msg("identity.unverified")
SIGNED_OUT = msg("identity.signed_out")
UNCHECKED = msg("identity.unchecked")


@dataclass(frozen=True)
class Identity:
    """A sign-in as judged: the address (canonical when accepted, as claimed otherwise) and, when it is
    refused, why (a message of the catalogue). A refused identity reads only."""

    email: str | None
    refused: Msg | None = None

    @property
    def accepted(self) -> bool:
        return self.email is not None and self.refused is None

    def why(self, lang: str = "vi") -> str:
        return "" if self.refused is None else self.refused.text(lang)


def verified(claims: Mapping[str, object], provider_verifies: bool) -> bool:
    """Whether the token vouches for the address: `email_verified` true (a boolean, or the string "true" some
    providers send), or the operator's word that the provider issues only verified addresses."""
    flag = claims.get("email_verified")
    return provider_verifies or flag is True or (isinstance(flag, str) and flag.strip().lower() == "true")


def issued_at(claims: Mapping[str, object]) -> float | None:
    """The token's `iat` (seconds since 1970, UTC), or None if it has none readable."""
    value = claims.get("iat")
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        return float(value)
    except ValueError:
        return None


def judge(claims: Mapping[str, object], db: Path, *, provider_verifies: bool) -> Identity:
    """The identity a signed-in person's token claims (st.user, or the session cookie), by the rules above;
    db: the database whose store of record (kpi.records) holds the revocations."""
    raw = str(claims.get("email") or "").strip()
    if not raw:
        return Identity(None)
    try:
        email = canonical(raw, "email")
    except LookAlike as exc:
        return Identity(raw, msg("identity.read_only", said=exc.said))
    if not verified(claims, provider_verifies):
        return Identity(email, UNVERIFIED)
    try:
        revoked = records.revoked_at(db, email)
    except records.ERRORS:  # the store unreadable (SQLite busy, PostgreSQL down): unchecked, read only
        return Identity(email, UNCHECKED)
    issued = issued_at(claims)
    if revoked is not None and (issued is None or issued <= revoked):
        return Identity(email, SIGNED_OUT)
    return Identity(email)


def revoke(db: Path, email: str, reason: str, claims: Mapping[str, object] | None = None) -> None:
    """End every sign-in of this address issued until now (or until the signing-out token's own `iat`, if later:
    a provider whose clock runs ahead of ours cannot keep the copied cookie alive)."""
    at = datetime.now(UTC).timestamp()
    issued = issued_at(claims or {})
    records.revoke(db, canonical(email), max(at, issued or at), reason)
