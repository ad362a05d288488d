"""Roles and scopes: who may do which write, for which units. Pure logic, no database.

    viewer             reads every page, writes nothing
    commune_editor     imports values and reports task progress for their own commune(s)
    province_reviewer  rolls back, reviews task evidence, approves and locks values within their province; loads
                       published values (Bộ chỉ số 766) of their province and its communes
    admin              everything, everywhere; manages accounts; maps records again (records remap)

Reading is the same for everyone: the dashboard's figures are the committees' shared picture. A write
is allowed when the role has the action and every unit it touches is in the actor's scope.
"""

from __future__ import annotations

import getpass
import socket
from dataclasses import dataclass, field

from kpi.i18n import Msg, msg, t

ROLES = ("viewer", "commune_editor", "province_reviewer", "admin")
ACTIONS: dict[str, frozenset[str]] = {
    "viewer": frozenset(),
    "commune_editor": frozenset({"import", "report_tasks"}),
    "province_reviewer": frozenset({"rollback", "review", "published"}),
    "admin": frozenset({"import", "report_tasks", "rollback", "review", "users", "remap", "published"}),
}
# A role's and an action's words: the catalogue's role.<role> and action.<action> (kpi/i18n.py).


def role_words(role: str, lang: str) -> str:
    """A role in words ("Cán bộ thẩm định tỉnh"); an unknown role as stored."""
    return t(f"role.{role}", lang) if role in ACTIONS else role


class AccessDenied(Exception):
    """A write the actor may not make (its message a catalogue key and arguments, kpi.i18n.Msg)."""


@dataclass(frozen=True)
class Actor:
    """Someone writing: a signed-in account, or the administrator at the server's command line."""

    email: str
    role: str
    province: str | None = None  # a province reviewer's province
    communes: frozenset[str] = field(default_factory=frozenset)  # a commune editor's communes
    at_server: bool = False  # the command line on the server machine (no account: the administrator)

    @classmethod
    def server_admin(cls) -> Actor:
        """The command line on the server machine: the administrator's tool (recorded as cli:USER@HOST)."""
        try:
            user = getpass.getuser()
        except (KeyError, OSError):
            user = "unknown"
        return cls(f"cli:{user}@{socket.gethostname()}", "admin", at_server=True)

    def may(self, action: str) -> bool:
        return action in ACTIONS.get(self.role, frozenset())

    @property
    def covers_all(self) -> bool:
        """Whether every commune is within this actor's scope (an administrator's)."""
        return self.role == "admin"

    def covers(self, commune_code: str, province_code: str | None) -> bool:
        """Whether a commune (in that province) is within this actor's scope."""
        if self.covers_all:
            return True
        if self.role == "province_reviewer":
            return province_code is not None and province_code == self.province
        if self.role == "commune_editor":
            return commune_code in self.communes
        return False

    def require(self, action: str) -> None:
        if not self.may(action):
            role = msg(f"role.{self.role}") if self.role in ACTIONS else self.role
            raise AccessDenied(msg("access.may_not", email=self.email, role=role, action=msg(f"action.{action}")))

    def scope_words(self, lang: str = "vi") -> str:
        """The scope in words for the sidebar and messages: communes by code, a province by code."""
        if self.role == "admin":
            return t("scope.words.all", lang)
        if self.role == "province_reviewer":
            return t("scope.words.province", lang, code=self.province)
        if self.role == "commune_editor":
            return t("scope.words.communes", lang, codes=", ".join(sorted(self.communes)))
        return t("scope.words.read_only", lang)


def outside_scope(commune_code: str) -> Msg:
    """The row error for a value of a unit the actor may not write."""
    return msg("access.outside_scope", code=commune_code)
