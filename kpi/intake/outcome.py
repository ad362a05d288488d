"""What checking and importing report files comes to: a row's error (file, row, field, message) and an import's
result. Light on purpose (the catalogue only): the import service's client (kpi.services.import_client) reads its
answer into these without loading pydantic, polars or DuckDB."""

from __future__ import annotations

from dataclasses import dataclass, field

from kpi.i18n import Msg, text_of
from kpi.intake.limits import Limits


@dataclass(frozen=True)
class RowError:
    file: str
    row: int
    field: str
    message: Msg | str

    def __str__(self) -> str:
        return self.text()

    def text(self, lang: str | None = None) -> str:
        """FILE:ROW: field: message, in the reader's language."""
        return f"{self.file}:{self.row}: {self.field}: {text_of(self.message, lang)}"

    def data(self) -> list:
        """As JSON can carry it (the file checker's child process answers with it); RowError.of reads it back."""
        return [self.file, self.row, self.field, self.message.data() if isinstance(self.message, Msg) else self.message]

    @classmethod
    def of(cls, data: list) -> RowError:
        file, row, name, message = data
        return cls(file, row, name, Msg.of(message))


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)  # the first Limits.max_errors_listed
    error_count: int = 0
    rows: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    batch_id: int | None = None
    dry_run: bool = False
    checker_peak_rss: int = 0  # bytes: the child process that parsed and validated the files (0: checked in this one)
    valid_rows_bytes: int = 0  # the valid rows held in this process (a polars frame)
    recorded_at: str | None = None  # when the store recorded it (ISO 8601, UTC); None: nothing written

    @property
    def ok(self) -> bool:
        return not self.error_count

    def summary(self) -> str:
        """DHIS2's import summary."""
        return f"imported {self.imported}, updated {self.updated}, unchanged {self.unchanged}, ignored 0"

    def data(self) -> dict:
        """As JSON can carry it (the import service answers with it, kpi.services.import_client); of() reads it back."""
        return {"errors": [e.data() for e in self.errors], **{k: getattr(self, k) for k in _COUNTS}}

    @classmethod
    def of(cls, data: dict) -> ImportResult:
        return cls([RowError.of(e) for e in data["errors"]], **{k: data[k] for k in _COUNTS})

    def add(self, errors: list[RowError], limits: Limits, files: list[str]) -> None:
        """Count these errors, keep the first ones listed, in file and row order."""
        for error in errors:
            self.error_count += 1
            if len(self.errors) < limits.max_errors_listed:
                self.errors.append(error)
        order = {name: n for n, name in enumerate(files)}
        self.errors.sort(key=lambda e: (order.get(e.file, len(files)), e.row))


_COUNTS = ("error_count", "rows", "imported", "updated", "unchanged", "batch_id", "dry_run", "checker_peak_rss",
           "valid_rows_bytes", "recorded_at")
