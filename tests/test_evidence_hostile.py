"""Hostile evidence files (issue 28, holes 6, 7 and 9), through the CLI, kpi and the page as each was
found: a zip part that inflates to gigabytes is refused in the checker's child process without the
server growing; a huge file named as evidence is refused from its size, unread; macros are found by
content type and relationship, not by name; same-named photos are both kept; a symbolic link is refused;
a path in a name is reduced to its base name; a killed writer's leftovers (over an hour old) are cleaned by the next writer, a running one's kept.
The hostile files are built here (nothing big is committed)."""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from kpi import config
from kpi.cli import main
from kpi.db import connect
from kpi.i18n import text_of
from kpi.store import publisher
from kpi.workflow import evidence
from tests.test_workflow import PDF, report, task, template_rows
from tests.test_workflow import db as db  # the workflow tests' fixtures, used by name
from tests.test_workflow_page import report as report_on_page
from tests.test_workflow_page import task_row, tasks_page
from tests.test_workflow_page import wf_db as wf_db

ODT = "application/vnd.oasis.opendocument.text"
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 16
MB = 2**20
GIB = 2**30
VBA_TYPE = "application/vnd.ms-office.vbaProject"
VBA_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"


# --- hostile files -------------------------------------------------------------------------------------


def _deflated_zeros(size: int) -> tuple[bytes, int]:
    """Raw deflate of `size` zero bytes (a multiple of 1 MiB), made without inflating them: after a full
    flush every MiB compresses to the same bytes. (data, crc32)"""
    chunk = bytes(MB)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(size // MB):
        crc = zlib.crc32(chunk, crc)
    return block * (size // MB) + packer.flush(), crc


def _zip_raw(parts: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip from already compressed parts: (name, data, method, crc32, inflated size)."""
    out, central = io.BytesIO(), io.BytesIO()
    for name, data, method, crc, size in parts:
        offset, encoded = out.tell(), name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(data), size, len(encoded), 0))
        out.write(encoded + data)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc, len(data), size,
                                  len(encoded), 0, 0, 0, 0, 0, offset))
        central.write(encoded)
    start, directory = out.tell(), central.getvalue()
    out.write(directory)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(directory), start, 0))
    return out.getvalue()


def _stored(name: str, data: bytes) -> tuple[str, bytes, int, int, int]:
    return name, data, zipfile.ZIP_STORED, zlib.crc32(data), len(data)


def inflating_odt(inflated: int = 2 * GIB) -> bytes:
    """A 2 MB .odt whose `mimetype` part inflates to 2 GiB of zeros (the file of hole 6)."""
    bomb, crc = _deflated_zeros(inflated)
    return _zip_raw([("mimetype", bomb, zipfile.ZIP_DEFLATED, crc, inflated),
                     _stored("content.xml", b"<office:document-content/>")])


def _zip(entries: dict[str, bytes | str]) -> bytes:
    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return sink.getvalue()


def docx(content_types: str = "", document_rels: str = "", extra: dict | None = None) -> bytes:
    return _zip({
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               'content-types"><Default Extension="xml" ContentType="application/xml"/>'
                               f'{content_types}</Types>',
        "word/document.xml": "<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'/>",
        "word/_rels/document.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                        f"{document_rels}</Relationships>",
        **(extra or {}),
    })


def odt(extra: dict | None = None, manifest: str = "") -> bytes:
    return _zip({
        "mimetype": ODT, "content.xml": "<office:document-content/>",
        "META-INF/manifest.xml": '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                                 f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODT}"/>{manifest}'
                                 "</manifest:manifest>",
        **(extra or {}),
    })


RENAMED_VBA = docx(f'<Override PartName="/word/notes.dat" ContentType="{VBA_TYPE}"/>',
                   f'<Relationship Id="rId9" Type="{VBA_REL}" Target="notes.dat"/>', {"word/notes.dat": b"\x00VBA"})


# --- hole 7: macros by content type and relationship ------------------------------------------------


@pytest.mark.parametrize(("name", "content", "what"), [
    ("bao-cao.docx", RENAMED_VBA, VBA_TYPE),  # the file of hole 7: vbaProject.bin renamed notes.dat
    ("kieu.docx", docx(f'<Override PartName="/word/x.bin" ContentType="{VBA_TYPE}"/>', extra={"word/x.bin": b"x"}), VBA_TYPE),
    ("quanhe.docx", docx(document_rels=f'<Relationship Id="r1" Type="{VBA_REL}" Target="x.bin"/>', extra={"word/x.bin": b"x"}),
     VBA_REL),
    ("docm.docx", docx('<Override PartName="/word/document.xml" '
                       'ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/>'), "macroEnabled"),
    ("activex.docx", docx('<Override PartName="/word/activeX/activeX1.xml" ContentType="application/vnd.ms-office.activeX+xml"/>'),
     "activeX"),
    ("python.odt", odt({"Scripts/python/tai.py": "import os\nos.system('id')\n"}), "Scripts/python/tai.py"),
    ("basic.odt", odt({"Basic/Standard/Module1.xml": "<x/>"}), "Basic/Standard/Module1.xml"),
    ("manifest.odt", odt(manifest='<manifest:file-entry manifest:full-path="Scripts/python/" manifest:media-type=""/>'),
     "Scripts/python/"),
])
def test_macros_are_found_by_content_type_and_relationship_not_by_name(name, content, what):
    with pytest.raises(evidence.EvidenceError) as refused:
        evidence.check(name, content)
    message = str(refused.value)
    assert message.startswith(f"{name}: tệp có macro (") and what in message
    assert text_of(refused.value, "en").startswith(f"{name}: the file holds macros (")


def test_a_document_type_or_entity_in_a_package_part_is_refused_unexpanded():
    laughs = ('<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
              '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="b" '
              'ContentType="&b;"/></Types>')
    content = _zip({"[Content_Types].xml": laughs, "word/document.xml": "<w/>"})
    with pytest.raises(evidence.EvidenceError, match=r"^laughs\.docx: phần \[Content_Types\]\.xml khai báo DTD"):
        evidence.check("laughs.docx", content)
    assert evidence.check("clean.docx", docx()).media_type == evidence.EXTENSIONS["docx"]
    assert evidence.check("clean.odt", odt()).media_type == ODT


def test_the_renamed_vba_docx_and_a_python_odt_are_refused_through_the_cli(db, tmp_path, capsys):
    rows = template_rows(db, "05851")
    rows[1][4], rows[1][7] = "Hoàn thành", "bao-cao.docx"
    rows[2][4], rows[2][7] = "Hoàn thành", "tai.odt"
    report_file = tmp_path / "tien-do.csv"
    report_file.write_text("\n".join(";".join(f'"{c}"' for c in r) for r in rows[:3]), encoding="utf-8")
    (tmp_path / "bao-cao.docx").write_bytes(RENAMED_VBA)
    (tmp_path / "tai.odt").write_bytes(odt({"Scripts/python/tai.py": "import os\n"}))
    assert main(["tasks-report", str(report_file), "--db", str(db), "--as", "editor@quanchu.gov.vn"]) == 1
    err = capsys.readouterr().err
    assert "tien-do.csv:2: evidence: bao-cao.docx: tệp có macro (application/vnd.ms-office.vbaProject)" in err
    assert "tien-do.csv:3: evidence: tai.odt: tệp có macro (Scripts/python/tai.py)" in err
    assert not evidence.store_dir(db).exists() or not any(evidence.store_dir(db).rglob("*"))


# --- hole 6: an inflating zip part costs the checker only; a huge file is refused unread ---------------


def test_a_part_compressed_like_a_bomb_is_refused_under_the_total_limit():
    with pytest.raises(evidence.EvidenceError) as refused:
        evidence.check("nho.odt", inflating_odt(64 * MB))
    assert str(refused.value) == "nho.odt: phần mimetype nén với tỉ lệ 1011:1, vượt giới hạn 100:1 (nghi là bom nén)", refused.value
    assert text_of(refused.value, "en").startswith("nho.odt: part mimetype is compressed 1011:1")


def _cli_with_peak_memory(*args: str) -> tuple[subprocess.CompletedProcess, int]:
    """`python -m kpi ARGS` in a fresh process, with that process's peak resident memory (VmHWM, bytes)."""
    script = ("import sys\nfrom pathlib import Path\nfrom kpi.cli import main\ncode = main(sys.argv[1:])\n"
              "peak = [l for l in Path('/proc/self/status').read_text().splitlines() if l.startswith('VmHWM:')]\n"
              "print('PEAK', int(peak[0].split()[1]) * 1024)\nsys.exit(code)\n")
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=config.ROOT,
                          timeout=600, env={**os.environ, "PYTHONPATH": str(config.ROOT)})
    peak = next(int(line.split()[1]) for line in done.stdout.splitlines() if line.startswith("PEAK "))
    return done, peak


def _peak_rss() -> int:
    line = next(x for x in Path("/proc/self/status").read_text().splitlines() if x.startswith("VmHWM:"))
    return int(line.split()[1]) * 1024


def test_an_odt_inflating_to_2_gib_is_refused_by_the_cli_without_the_process_growing(db, tmp_path):
    rows = template_rows(db, "05851")
    rows[1][4], rows[1][7] = "Hoàn thành", "bom.odt"
    report_file = tmp_path / "tien-do.csv"
    report_file.write_text("\n".join(";".join(f'"{c}"' for c in r) for r in rows[:2]), encoding="utf-8")
    (tmp_path / "bom.odt").write_bytes(inflating_odt())
    assert (tmp_path / "bom.odt").stat().st_size < 3 * MB
    done, peak = _cli_with_peak_memory("tasks-report", str(report_file), "--db", str(db), "--as", "editor@quanchu.gov.vn")
    assert peak < 1 * GIB, f"the CLI process peaked at {peak / MB:.0f} MB: it inflated the part itself"
    assert done.returncode == 1, done.stderr
    assert "tien-do.csv:2: evidence: bom.odt: tệp nén giải ra 2048 MB, vượt giới hạn 256 MB\n" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_an_inflating_odt_from_the_form_is_checked_in_the_child_and_the_server_does_not_grow(db, monkeypatch):
    def in_the_server(*_):
        raise AssertionError("an evidence file was checked in the server's process")

    monkeypatch.setattr(evidence, "check", in_the_server)  # the child imports its own, unpatched
    bomb = inflating_odt()
    before = _peak_rss()
    done = report(db, "editor@quanchu.gov.vn", task(db, "05851", seq="1"), "done", files={"bom.odt": bomb})
    grew = _peak_rss() - before
    assert not done.ok and [(e.file, e.row, e.field) for e in done.errors] == [("form", 1, "evidence")]
    assert str(done.errors[0].message).startswith("bom.odt: tệp nén giải ra 2048 MB"), str(done.errors[0].message)
    assert grew < 512 * MB, f"the server's peak memory grew by {grew / MB:.0f} MB"


def test_the_inflating_odt_uploaded_on_the_page_is_refused_with_its_name(wf_db):
    at = tasks_page("editor@tanloi.gov.vn")
    before = _peak_rss()
    report_on_page(at, task_row(wf_db)["task_id"], "done", [("bom.odt", inflating_odt(), ODT)])
    assert _peak_rss() - before < 512 * MB
    assert "bom.odt: tệp nén giải ra 2048 MB" in " ".join(t.value for t in at.text)


def test_a_huge_file_named_as_evidence_is_refused_from_its_size_unread(db, tmp_path, capsys):
    rows = template_rows(db, "05851")
    rows[1][4], rows[1][7] = "Hoàn thành", "bien-ban.pdf"
    report_file = tmp_path / "tien-do.csv"
    report_file.write_text("\n".join(";".join(f'"{c}"' for c in r) for r in rows[:2]), encoding="utf-8")
    huge = tmp_path / "bien-ban.pdf"
    with huge.open("wb") as f:
        f.write(PDF)
        f.truncate(1536 * MB)  # sparse: no disk used, 1.5 GB to whoever reads it

    def bytes_read() -> int:
        return next(int(x.split()[1]) for x in Path("/proc/self/io").read_text().splitlines() if x.startswith("rchar:"))

    before = bytes_read()
    assert main(["tasks-report", str(report_file), "--db", str(db), "--as", "editor@quanchu.gov.vn"]) == 1
    read = bytes_read() - before
    assert "tien-do.csv:2: evidence: bien-ban.pdf: tệp lớn hơn 20 MB\n" in capsys.readouterr().err
    assert read < 512 * MB, f"{read / MB:.0f} MB read to refuse a 1536 MB file"


# --- hole 9: names, symbolic links, leftovers --------------------------------------------------------


def test_two_photos_of_the_same_name_on_the_page_are_both_kept(wf_db):
    at = tasks_page("editor@tanloi.gov.vn")
    tid = task_row(wf_db)["task_id"]
    report_on_page(at, tid, "done", [("anh.jpg", JPEG + b"truoc", "image/jpeg"), ("anh.jpg", JPEG + b"sau", "image/jpeg"),
                                     ("../../etc/x.pdf", PDF, "application/pdf")])
    assert any("Đã ghi báo cáo nhiệm vụ" in s.value for s in at.success), [t.value for t in at.text]
    publisher.publish_if_pending(wf_db)
    with connect(wf_db) as con:
        names = con.sql("SELECT file_name FROM task_report_evidence ORDER BY file_name").fetchall()
    assert names == [("anh (2).jpg",), ("anh.jpg",), ("x.pdf",)]


def test_names_are_reduced_to_their_base_name_and_made_distinct():
    assert evidence.safe_name("../../etc/x.pdf") == evidence.safe_name("..\\..\\Windows\\x.pdf") == "x.pdf"
    assert evidence.safe_name("bien\nban\u202egpj.pdf") == "bienbangpj.pdf"
    assert evidence.safe_name("../..") == evidence.safe_name("") == "minh-chung"
    assert list(evidence.named([("anh.jpg", b"1"), ("a/ANH.jpg", b"2"), ("anh.jpg", b"3"), ("ghi-chu", b"4"),
                                ("ghi-chu", b"5")])) == ["anh.jpg", "ANH (2).jpg", "anh (3).jpg", "ghi-chu", "ghi-chu (2)"]


def test_a_path_in_an_uploaded_name_is_stored_as_its_base_name(db):
    done = report(db, "editor@quanchu.gov.vn", task(db, "05851", seq="1"), "done", files={"../../etc/x.pdf": PDF})
    assert done.ok, done.errors
    publisher.publish_if_pending(db)
    with connect(db) as con:
        assert con.sql("SELECT file_name FROM task_report_evidence").fetchall() == [("x.pdf",)]


def test_a_symbolic_link_in_the_evidence_folder_is_refused(db, tmp_path, capsys):
    outside = tmp_path / "ngoai"
    outside.mkdir()
    (outside / "mat.pdf").write_bytes(PDF + b"secret")
    folder = tmp_path / "minh-chung"
    folder.mkdir()
    (folder / "bien-ban.pdf").symlink_to(outside / "mat.pdf")
    rows = template_rows(db, "05851")
    rows[1][4], rows[1][7] = "Hoàn thành", "bien-ban.pdf"
    report_file = tmp_path / "tien-do.csv"
    report_file.write_text("\n".join(";".join(f'"{c}"' for c in r) for r in rows[:2]), encoding="utf-8")
    code = main(["tasks-report", str(report_file), "--evidence-dir", str(folder), "--db", str(db), "--as",
                 "editor@quanchu.gov.vn"])
    assert code == 1
    assert "tien-do.csv:2: evidence: bien-ban.pdf: là liên kết tượng trưng (symlink)" in capsys.readouterr().err
    assert not evidence.store_dir(db).exists() or not any(p.is_file() for p in evidence.store_dir(db).rglob("*"))


def test_a_killed_writer_s_incoming_files_are_cleaned_by_the_next_writer_a_running_one_s_kept(db):
    """No writer lock any more: the next report removes the .incoming- files over an hour old (a killed
    writer's), and keeps a fresh one (another report writing its evidence right now)."""
    store = evidence.store_dir(db)
    (store / "ab").mkdir(parents=True)
    left = store / "ab" / ".incoming-k1ll3d"
    left.write_bytes(PDF[:10])  # a task report killed while writing its evidence, two hours ago
    two_hours_ago = left.stat().st_mtime - 2 * 3600
    os.utime(left, (two_hours_ago, two_hours_ago))
    running = store / "ab" / ".incoming-wr1t1ng"
    running.write_bytes(PDF[:5])  # another report's, being written now
    done = report(db, "editor@quanchu.gov.vn", task(db, "05851", seq="1"), "done", files={"bien-ban.pdf": PDF})
    assert done.ok
    assert not left.exists() and running.exists()
    assert sorted(p.name for p in store.rglob("*") if p.is_file()) == sorted(
        [evidence.check("bien-ban.pdf", PDF).sha256, running.name])


def test_only_zip_containers_go_to_the_child_the_others_are_judged_here(monkeypatch):
    """A PDF or a photo is judged in the process (a signature: no Python start for a task report's PDF); a DOCX or
    an ODT only in the child, which never opens a zip in the server."""
    from kpi.intake import sandbox
    from kpi.intake.limits import Limits

    sent: list[list[str]] = []
    real = sandbox._run

    def child(job, names, limits, advice):
        sent.append([name for name, _ in job["files"]])
        return real(job, names, limits, advice)

    monkeypatch.setattr(sandbox, "_run", child)
    files = {"bien-ban.pdf": PDF, "anh.jpg": JPEG, "gia.pdf": b"MZ\x90\x00", "bao-cao.docx": RENAMED_VBA, "ok.odt": odt()}
    accepted, refused, _ = sandbox.check_evidence(files, Limits.from_env())
    assert sent == [["bao-cao.docx", "ok.odt"]]
    assert sorted(accepted) == ["anh.jpg", "bien-ban.pdf", "ok.odt"]
    assert sorted(refused) == ["bao-cao.docx", "gia.pdf"] and "không phải là tệp PDF" in str(refused["gia.pdf"])
    sent.clear()
    assert sorted(sandbox.check_evidence({"bien-ban.pdf": PDF}, Limits.from_env())[0]) == ["bien-ban.pdf"]
    assert sent == []  # no child at all
