"""A plan document as numbered lines of text: .txt (UTF-8), .docx (python-docx: paragraphs and table
cells in document order, a cell's paragraphs one line each) or .pdf (pypdf's text layer, page by page, in
layout mode: three or more spaces between words, a table's column gap, read as a tab).
No network, no model: what is not text (a scanned PDF) is refused with a message saying so."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from kpi.i18n import msg

FORMATS = (".txt", ".docx", ".pdf")
MIN_TEXT_CHARS = 200  # fewer letters than this in a whole PDF: a scan without a text layer


class ExtractError(ValueError):
    """A plan that cannot be read or holds no plan; the message (of the catalogue) names the file."""


@dataclass(frozen=True)
class Line:
    number: int  # 1-based, in the text as read (for a .txt, the file's own line numbers)
    text: str  # stripped, NFC


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\u00a0", " ")).strip()


def _docx_lines(path: Path) -> list[str]:
    import docx  # python-docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    out: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                seen: set[int] = set()
                for cell in row.cells:  # a merged cell repeats across the row: once is enough
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    out.extend(p.text for p in cell.paragraphs)
    return out


def _pdf_lines(path: Path) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        # layout mode keeps a table's columns apart: a wide gap between cells becomes a tab, as in a Word table
        pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise ExtractError(msg("extract_error.pdf", name=path.name, why=str(exc))) from None
    text = "\n".join(pages)
    if sum(ch.isalpha() for ch in text) < MIN_TEXT_CHARS:
        raise ExtractError(msg("extract_error.no_text", name=path.name))
    return [re.sub(r" {3,}", "\t", line.strip()) for line in text.splitlines()]


def read_lines(path: Path) -> list[Line]:
    """The plan's non-empty lines, numbered as in the document read; ExtractError if it cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ExtractError(msg("extract_error.format", name=path.name))
    if not path.is_file():
        raise ExtractError(msg("cli.no_file", file=str(path)))
    if suffix == ".txt":
        try:
            raw = path.read_text(encoding="utf-8-sig").splitlines()
        except UnicodeDecodeError:
            raise ExtractError(msg("extract_error.not_utf8", name=path.name)) from None
    elif suffix == ".docx":
        try:
            raw = _docx_lines(path)
        except Exception as exc:  # python-docx raises many kinds on a file that is not a Word document
            raise ExtractError(msg("extract_error.word", name=path.name, why=type(exc).__name__)) from None
    else:
        raw = _pdf_lines(path)
    lines = [Line(n, _clean(text)) for n, text in enumerate(raw, start=1)]
    return [line for line in lines if line.text]
