"""Evidence files (minh chứng): checked, then stored beside the database under their sha256.

Seed 003, IV.2.2: reporting a task done requires an evidence file ("văn bản pháp lý đã ký, ảnh chụp
sản phẩm"). Accepted: PDF, PNG and JPEG images, Word/Excel/PowerPoint documents (OOXML without macros,
or the older binary formats without a VBA project) and OpenDocument text and spreadsheets. The type is
decided by the content, and the name's extension must agree with it; anything else (executables,
scripts, HTML, SVG, archives) is refused with a message naming the file. Files are never rendered:
the dashboard offers them only as downloads.

The store is a folder beside the database (`kpi-evidence/` next to `kpi.duckdb`), outside the
snapshots, so a rebuild, an import or a rollback never touches it; the database holds which report
cites which file (tables evidence_file, task_report_evidence) and is carried over by a rebuild.
Content is written before the database transaction that cites it: a failed write leaves at most an
uncited file, never a citation without its file.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = int(os.environ.get("KPI_EVIDENCE_MAX_BYTES", str(20 * 1024 * 1024)))
EXTENSIONS = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
ALLOWED_WORDS = "PDF, PNG, JPG, DOCX, XLSX, PPTX, DOC, XLS, ODT, ODS"
_OOXML_PART = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class EvidenceError(ValueError):
    """A file that cannot be evidence (the message names it, vi / en)."""


@dataclass(frozen=True)
class Evidence:
    name: str  # as the reporter named it
    sha256: str
    media_type: str
    size_bytes: int


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def _refuse(name: str, vi: str, en: str) -> EvidenceError:
    return EvidenceError(f"{name}: {vi} / {en}")


def check(name: str, content: bytes) -> Evidence:
    """The file as evidence, or EvidenceError saying why it cannot be."""
    shown = Path(name).name
    if not content:
        raise _refuse(shown, "tệp rỗng", "empty file")
    if len(content) > MAX_BYTES:
        raise _refuse(shown, f"tệp lớn hơn {_mb(MAX_BYTES)}", f"larger than {_mb(MAX_BYTES)}")
    ext = shown.rsplit(".", 1)[-1].lower() if "." in shown else ""
    if ext not in EXTENSIONS:
        raise _refuse(shown, f"loại tệp không được nhận làm minh chứng (chỉ nhận {ALLOWED_WORDS})",
                      f"not accepted as evidence (accepted: {ALLOWED_WORDS})")
    if not _content_is(ext, content):
        raise _refuse(shown, f"nội dung không phải là tệp {ext.upper()} như tên tệp (hoặc có macro)",
                      f"the content is not a {ext.upper()} file as its name says (or it holds macros)")
    return Evidence(shown, hashlib.sha256(content).hexdigest(), EXTENSIONS[ext], len(content))


def _content_is(ext: str, content: bytes) -> bool:
    if ext == "pdf":
        return content.startswith(b"%PDF-")
    if ext == "png":
        return content.startswith(b"\x89PNG\r\n\x1a\n")
    if ext in ("jpg", "jpeg"):
        return content.startswith(b"\xff\xd8\xff")
    if ext in ("doc", "xls"):
        return content.startswith(_OLE) and b"_\x00V\x00B\x00A\x00_\x00P\x00R\x00O\x00J\x00E\x00C\x00T" not in content
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            names = z.namelist()
            if ext in _OOXML_PART:
                return ("[Content_Types].xml" in names and any(n.startswith(_OOXML_PART[ext]) for n in names)
                        and not any(n.lower().endswith("vbaproject.bin") for n in names))
            mimetype = z.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
            return mimetype == EXTENSIONS[ext] and not any(n.lower().startswith("basic/") for n in names)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return False


def store_dir(db: Path) -> Path:
    """The evidence folder beside a database: data/kpi.duckdb keeps its evidence in data/kpi-evidence/."""
    db = Path(db)
    return db.with_name(f"{db.stem}-evidence")


def path_of(folder: Path, sha256: str) -> Path:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError(f"not a sha256: {sha256!r}")
    return Path(folder) / sha256[:2] / sha256


def save(folder: Path, evidence: Evidence, content: bytes) -> Path:
    """Write the content under its sha256 in the store folder (once: the same content is the same file),
    atomically."""
    target = path_of(folder, evidence.sha256)
    if target.is_file() and target.stat().st_size == evidence.size_bytes:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target


def read(folder: Path, sha256: str) -> bytes:
    return path_of(folder, sha256).read_bytes()
