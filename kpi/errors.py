"""FieldError, on its own: the report checkers (kpi.intake, kpi.workflow.template) raise it without loading the
source models of kpi.models (about 35 ms of pydantic schema building that an import process does not need)."""

from __future__ import annotations


class FieldError(ValueError):
    """A cross-field check that knows which field is wrong, so errors can name it."""

    def __init__(self, field: str, message: object) -> None:  # text, or a kpi.i18n.Msg
        super().__init__(message)
        self.field = field
