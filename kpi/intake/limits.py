"""Every limit a report file is judged against, in one place (each can be set from the environment).

A file over a limit is refused before it is parsed, with a message naming the file and the limit."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields


def _env(name: str, default: int) -> int:
    value = os.environ.get(f"KPI_IMPORT_{name.upper()}")
    return int(value) if value else default


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 300 * 2**20  # a 3-million-row CSV is about 200 MB
    max_rows: int = 3_500_000  # data rows across the files of one import
    max_columns: int = 20  # the template has 6
    max_field_chars: int = 2_000  # one cell (notes and evidence are the long ones)
    max_sheets: int = 20  # sheets in a workbook (the template has 3)
    max_unzipped_bytes: int = 2 * 2**30  # what a workbook's parts add up to once decompressed
    parser_memory_bytes: int = 1 * 2**30  # address space of the process that parses the files
    parser_seconds: int = 900  # wall-clock time that process may take
    max_errors_listed: int = 1_000  # errors kept for display; all are counted
    in_process_bytes: int = 2**20  # CSV files up to this much in all (about 15,000 rows) are checked without a child

    @classmethod
    def from_env(cls) -> Limits:
        """Defaults, overridden by $KPI_IMPORT_MAX_ROWS, $KPI_IMPORT_MAX_FILE_BYTES and so on."""
        return cls(**{f.name: _env(f.name, f.default) for f in fields(cls)})
