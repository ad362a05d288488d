"""Evidence files (minh chứng): checked, then stored beside the database under their sha256.

Seed 003, IV.2.2: reporting a task done requires an evidence file ("văn bản pháp lý đã ký, ảnh chụp
sản phẩm"). Accepted: PDF, PNG and JPEG images, Word/Excel/PowerPoint documents (OOXML without macros,
or the older binary formats without a VBA project) and OpenDocument text and spreadsheets. The type is
decided by the content, and the name's extension must agree with it; anything else (executables,
scripts, HTML, SVG, archives) is refused with a message naming the file. Files are never rendered:
the dashboard offers them only as downloads.

A check is bounded (a zip judged by its directory, no part inflated beyond a small cap, macros found by
declared content types and relationships, XML parsed with no DTD) and the servers run the check of a zip
container in the checker's child process (kpi.intake.sandbox.check_evidence), so a hostile file costs that check
only; PDF, images and the older Office formats are judged by a signature and a byte search, in the process.
Names are kept as their base name (safe_name), made distinct when two are alike (named).

The store is a folder beside the database (`kpi-evidence/` next to `kpi.duckdb`), outside the
snapshots, so a rebuild, an import or a rollback never touches it; the store of record holds which report
cites which file (tables evidence_file, task_report_evidence; kpi.records). Content is written before the
store transaction that cites it: a failed write leaves at most an uncited file, never a citation without
its file.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import tempfile
import time
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from kpi.i18n import Msg, msg

MAX_BYTES = int(os.environ.get("KPI_EVIDENCE_MAX_BYTES", str(20 * 1024 * 1024)))
# An Office or OpenDocument file is a zip: judged by its directory before any part is read, and no part
# is ever inflated whole (only the few kilobytes a type check needs, each read bounded).
MAX_UNZIPPED_BYTES = int(os.environ.get("KPI_EVIDENCE_MAX_UNZIPPED_BYTES", str(256 * 1024 * 1024)))
MAX_RATIO = 100  # inflated / compressed, per part (Apache POI's limit); parts under RATIO_GRACE are not judged
RATIO_GRACE = 1024 * 1024
MAX_PARTS = 10_000
PART_CAP = 1024 * 1024  # the most read from any part a check needs ([Content_Types].xml, *.rels, manifest.xml)
MIMETYPE_CAP = 256
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
ZIP_CONTAINERS = frozenset({"docx", "xlsx", "pptx", "odt", "ods"})  # checked by opening the zip: in the child only


def opens_zip(name: str) -> bool:
    """Whether checking this file opens a zip (by its name's extension; an unknown one is refused anyway): such a
    check runs only in the checker's child. The others read a signature or search the bytes, nothing parsed."""
    shown = safe_name(name)
    return (shown.rsplit(".", 1)[-1].lower() if "." in shown else "") in ZIP_CONTAINERS
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Code an Office program may run, by what the package declares (a part's name proves nothing): VBA
# projects and their data, macro-enabled main parts, Excel 4 macro sheets, ActiveX controls.
_MACRO_CONTENT_TYPES = ("vbaproject", "vbadata", "macroenabled", "macrosheet", "activex")
_MACRO_RELATIONSHIPS = {"vbaproject", "vbaprojectsignature", "wordvbadata", "xlmacrosheet", "xlintlmacrosheet",
                        "activexcontrolbinary", "control"}
_ODF_SCRIPTS = ("basic/", "scripts/")  # StarBasic libraries, and Python/JavaScript/BeanShell scripts


class EvidenceError(ValueError):
    """A file that cannot be evidence (the message, of the catalogue, names it)."""


class _Bad(Exception):
    """Why the content cannot be taken (a message of the catalogue), named by check()."""


@dataclass(frozen=True)
class Evidence:
    name: str  # as the reporter named it, reduced to a plain base name (safe_name)
    sha256: str
    media_type: str
    size_bytes: int


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def _refuse(name: str, said: Msg) -> EvidenceError:
    return EvidenceError(msg("evidence.refused", name=name, said=said))


def safe_name(name: str) -> str:
    """The name a file is kept and offered under: its base name (of a / or \\ path), without control or
    format characters (line breaks, bidi overrides), NFC, never empty; ';' separates names in a report."""
    base = unicodedata.normalize("NFC", str(name)).replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp")).replace(";", ",").strip()
    base = base.lstrip(".").strip()
    if len(base) > 200:
        stem, dot, ext = base.rpartition(".")
        base = f"{stem[:190]}.{ext[:9]}" if dot and len(ext) < 10 else base[:200]
    return base or "minh-chung"


def named(files: Iterable[tuple[str, bytes]]) -> dict[str, bytes]:
    """Files by safe_name, every one kept: a name given twice becomes "anh (2).jpg", "anh (3).jpg"."""
    out: dict[str, bytes] = {}
    taken: set[str] = set()
    for name, content in files:
        base = safe_name(name)
        stem, dot, ext = base.rpartition(".")
        if not dot:
            stem, ext = base, ""
        candidate, n = base, 1
        while candidate.casefold() in taken:
            n += 1
            candidate = f"{stem} ({n}){dot}{ext}"
        taken.add(candidate.casefold())
        out[candidate] = content
    return out


def require_size(name: str, size: int) -> None:
    """EvidenceError if a file of this size is over MAX_BYTES."""
    if size > MAX_BYTES:
        raise _refuse(safe_name(name), msg("evidence.too_big", mb=_mb(MAX_BYTES)))


def read_file(path: Path) -> bytes:
    """A file given as evidence, read only if it is a regular file (not a symbolic link) within the size
    limit: a larger file is refused from its size, unread."""
    shown = safe_name(Path(path).name)
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            raise _refuse(shown, msg("evidence.symlink"))
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(shown, msg("evidence.not_regular"))
        require_size(shown, info.st_size)
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        raise _refuse(shown, msg("evidence.not_found")) from None
    except OSError as exc:
        raise _refuse(shown, msg("evidence.unreadable", why=exc.strerror)) from None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            raise _refuse(shown, msg("evidence.not_regular"))
        content = f.read(MAX_BYTES + 1)  # it may have grown since the lstat
    require_size(shown, len(content))
    return content


def check(name: str, content: bytes) -> Evidence:
    """The file as evidence, or EvidenceError saying why it cannot be. Bounded: no zip part is inflated
    beyond a small cap. The servers run it in the checker's child process (kpi.intake.sandbox)."""
    shown = safe_name(name)
    if not content:
        raise _refuse(shown, msg("intake.empty_file"))
    require_size(shown, len(content))
    ext = shown.rsplit(".", 1)[-1].lower() if "." in shown else ""
    if ext not in EXTENSIONS:
        raise _refuse(shown, msg("evidence.kind", allowed=ALLOWED_WORDS))
    try:
        is_it = _content_is(ext, content)
    except _Bad as bad:
        raise _refuse(shown, bad.args[0]) from None
    if not is_it:
        raise _refuse(shown, msg("evidence.content", ext=ext.upper()))
    return Evidence(shown, hashlib.sha256(content).hexdigest(), EXTENSIONS[ext], len(content))


def _macros(what: str) -> _Bad:
    return _Bad(msg("evidence.macros", what=what))


def _content_is(ext: str, content: bytes) -> bool:
    if ext == "pdf":
        return content.startswith(b"%PDF-")
    if ext == "png":
        return content.startswith(b"\x89PNG\r\n\x1a\n")
    if ext in ("jpg", "jpeg"):
        return content.startswith(b"\xff\xd8\xff")
    if ext in ("doc", "xls"):
        if b"_\x00V\x00B\x00A\x00_\x00P\x00R\x00O\x00J\x00E\x00C\x00T" in content:
            raise _macros("_VBA_PROJECT")
        return content.startswith(_OLE)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            names = _judge_zip(z)
            if ext in _OOXML_PART:
                return _ooxml(z, names, ext)
            return _odf(z, names, ext)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, EOFError, ValueError, NotImplementedError,
            RuntimeError):  # RuntimeError: an encrypted part
        return False


def _judge_zip(z: zipfile.ZipFile) -> list[str]:
    """The parts' names, after refusing a zip whose directory promises too much: too many parts, too
    many bytes once inflated, a part compressed beyond MAX_RATIO, a name given twice."""
    parts = z.infolist()
    if len(parts) > MAX_PARTS:
        raise _Bad(msg("evidence.parts", n=len(parts), limit=MAX_PARTS))
    inflated = sum(p.file_size for p in parts)
    if inflated > MAX_UNZIPPED_BYTES:
        raise _Bad(msg("evidence.unzips_to", size=_mb(inflated), limit=_mb(MAX_UNZIPPED_BYTES)))
    for p in parts:
        if p.file_size > RATIO_GRACE and p.file_size > MAX_RATIO * max(p.compress_size, 1):
            ratio = p.file_size // max(p.compress_size, 1)
            raise _Bad(msg("evidence.ratio", part=p.filename, ratio=ratio, limit=MAX_RATIO))
    names = [p.filename for p in parts]
    if len({n.casefold() for n in names}) != len(names):
        raise _Bad(msg("evidence.same_name"))
    return names


def _part(z: zipfile.ZipFile, name: str, cap: int = PART_CAP) -> bytes:
    """A part read to at most cap bytes (more is refused: a type check needs only a little)."""
    with z.open(name) as f:
        data = f.read(cap + 1)
    if len(data) > cap:
        raise _Bad(msg("evidence.part_too_big", part=name, kb=cap // 1024))
    return data


def _elements(data: bytes, part: str) -> list[tuple[str, dict[str, str]]]:
    """(local name, attributes by local name) of every element, parsed by expat with no DTD: a document
    type or an entity declaration is refused, so nothing is expanded."""
    found: list[tuple[str, dict[str, str]]] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        found.append((tag.rsplit(" ", 1)[-1], {k.rsplit(" ", 1)[-1]: v for k, v in attrs.items()}))

    def no_dtd(*_: object) -> None:
        raise _Bad(msg("evidence.dtd", part=part))

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = no_dtd
    parser.EntityDeclHandler = no_dtd
    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except expat.ExpatError:
        raise _Bad(msg("evidence.xml", part=part)) from None
    return found


def _ooxml(z: zipfile.ZipFile, names: list[str], ext: str) -> bool:
    if "[Content_Types].xml" not in names or not any(n.startswith(_OOXML_PART[ext]) for n in names):
        return False
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise _macros("vbaProject.bin")
    for _, attrs in _elements(_part(z, "[Content_Types].xml"), "[Content_Types].xml"):
        kind = attrs.get("ContentType", "")
        if any(word in kind.lower() for word in _MACRO_CONTENT_TYPES):
            raise _macros(kind)
    for rels in (n for n in names if n.lower().endswith(".rels")):
        for _, attrs in _elements(_part(z, rels), rels):
            kind = attrs.get("Type", "")
            if kind.rstrip("/").rsplit("/", 1)[-1].lower() in _MACRO_RELATIONSHIPS:
                raise _macros(f"{rels}: {kind}")
    return True


def _odf(z: zipfile.ZipFile, names: list[str], ext: str) -> bool:
    if "mimetype" not in names:
        return False
    scripts = [n for n in names if n.lower().startswith(_ODF_SCRIPTS)]
    if "META-INF/manifest.xml" in names:
        entries = _elements(_part(z, "META-INF/manifest.xml"), "META-INF/manifest.xml")
        scripts += [a.get("full-path", "") for tag, a in entries
                    if tag == "file-entry" and a.get("full-path", "").lower().startswith(_ODF_SCRIPTS)]
    if scripts:
        raise _macros(scripts[0])
    return _part(z, "mimetype", MIMETYPE_CAP).decode("ascii", "replace").strip() == EXTENSIONS[ext]


LEFTOVER_AGE = 3600.0  # seconds: a running write's .incoming- file is seconds old, a killed one's stays behind


def clean_leftovers(folder: Path, older_than: float = LEFTOVER_AGE) -> int:
    """Remove the .incoming-* files killed writers left in the store, those last written more than
    `older_than` seconds ago; how many. Writers no longer hold one lock (kpi.records: a short store
    transaction each), so another writer's file may be being written now: it is seconds old, and kept."""
    removed = 0
    cutoff = time.time() - older_than
    for leftover in Path(folder).glob("*/.incoming-*"):
        try:
            if leftover.lstat().st_mtime < cutoff:
                leftover.unlink()
                removed += 1
        except FileNotFoundError:  # renamed into place or removed by another writer meanwhile
            continue
    return removed


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
