import re

import pytest

from kpi.i18n import STRINGS, fmt_number, t


def test_vietnamese_uses_decimal_comma_and_dot_thousands():
    assert fmt_number(1234.5, "vi") == "1.234,5"
    assert fmt_number(85.25, "vi", 2) == "85,25"
    assert fmt_number(3321, "vi", 0) == "3.321"


def test_english_uses_decimal_point():
    assert fmt_number(1234.5, "en") == "1,234.5"
    assert fmt_number(85.0, "en") == "85"


def test_missing_values_show_a_dash():
    assert fmt_number(None) == "–"
    assert fmt_number(float("nan")) == "–"


def test_every_string_has_both_languages():
    for key, (vi, en) in STRINGS.items():
        assert vi and en, key
    assert t("nav.units", "vi") == "Đơn vị hành chính"
    assert t("nav.units", "en") == "Administrative units"


def test_publishing_times_are_shown_in_vietnam_time():
    from kpi.i18n import local_time

    assert local_time("2026-11-23T17:30:00+00:00") == "24/11/2026 00:30"
    assert local_time(None) == "–"


def test_signed_changes_use_an_ascii_minus_streamlit_understands():
    from kpi.headline import signed

    assert signed(1.94, "vi") == "+1,9"
    assert signed(-0.94, "vi") == "-0,9"
    assert signed(-0.04, "vi") == "0"  # rounds to nothing: no sign
    assert signed(-1234.5, "en") == "-1,234.5"


def test_numbers_round_before_they_are_formatted_so_zero_has_no_sign():
    assert fmt_number(-0.04, "vi") == "0"
    assert fmt_number(-0.4, "en", 0) == "0"
    assert fmt_number(-1234.56, "vi") == "-1.234,6"
    assert fmt_number(2.05, "en", 2) == "2.05"
    assert fmt_number(1234567, "en", 0) == "1,234,567"


def test_no_ui_string_tells_a_reader_to_run_a_command_or_edit_a_file():
    """Operators' how-tos (secrets.toml, `python -m kpi …`, the README) belong in the README and the server's
    log, never on a page."""
    for key, pair in STRINGS.items():
        if key.startswith("cli."):  # the command line's own messages: read at the server's terminal
            continue
        for text in pair:
            for hint in ("python -m", ".toml", "README", "kpi build", "kpi users"):
                assert hint not in text, (key, text)
    assert t("auth.not_configured", "vi") == "Đăng nhập chưa được bật trên máy chủ này; bạn đang xem ở chế độ chỉ đọc."
    assert t("auth.not_configured", "en") == "Sign-in is not enabled on this server; you are viewing read-only."


def test_quarters_read_q_slash_year_in_both_languages():
    from kpi.i18n import fmt_period

    assert fmt_period("2026-Q3") == "Q3/2026"
    assert fmt_period("2025-Q4") == "Q4/2025"
    assert fmt_period("2026-09") == "2026-09" and fmt_period("2026") == "2026"  # not quarters: as written
    assert fmt_period(None) == "–" and fmt_period("") == "–"


def test_months_in_the_reader_language():
    from kpi.i18n import fmt_month

    assert fmt_month(2025, 7, "vi") == "Tháng 7/2025"
    assert fmt_month(2025, 7, "en") == "Jul 2025"
    assert fmt_month(2026, 1, "en") == "Jan 2026"


def test_every_catalogue_unit_has_its_english():
    """A unit in Vietnamese words (anything beyond digits, %, / and Latin letters) has its own English in the
    catalogue (unit_en, data/indicators.yaml), the same for every indicator sharing it."""
    import re

    from kpi import sources

    indicators = sources.load_indicators()
    english = {i.unit: i.unit_en for i in indicators}
    worded = {u for u in english if not re.fullmatch(r"[%/0-9A-Za-z .]*", u)}
    assert worded and all(english[u] != u and english[u].isascii() for u in worded), {u: english[u] for u in worded}
    assert english["người/vạn dân"] == "per 10,000 people" and english["%"] == "%"
    assert all(i.unit_en == english[i.unit] for i in indicators)


@pytest.mark.parametrize(("change", "field"), [
    ("  unit_en: '%'\n", "unit_en"),  # left out: required
    ("  unit_en: '%'\n", "unit_en: 'phần trăm'\n"),  # Vietnamese
])
def test_a_catalogue_unit_without_its_english_is_refused(tmp_path, change, field):
    from kpi import config, sources
    from kpi.sources import SourceErrors

    text = (config.DATA_DIR / "indicators.yaml").read_text(encoding="utf-8")
    broken = text.replace(change, "" if field == "unit_en" else "  " + field, 1)
    assert broken != text
    (tmp_path / "indicators.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(SourceErrors) as refused:
        sources.load_indicators(tmp_path / "indicators.yaml")
    assert "unit_en" in str(refused.value) and "coverage_5g_population_share" in str(refused.value)


def test_one_unit_has_one_english(tmp_path):
    from kpi import config, sources
    from kpi.sources import SourceErrors

    text = (config.DATA_DIR / "indicators.yaml").read_text(encoding="utf-8")
    broken = text.replace("  unit_en: 'businesses'", "  unit_en: 'companies'", 1)
    assert broken != text
    (tmp_path / "indicators.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(SourceErrors, match="unit_en") as refused:
        sources.load_indicators(tmp_path / "indicators.yaml")
    assert "'doanh nghiệp' is 'companies' in English elsewhere" in str(refused.value)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_headline_sentence_never_breaks(lang):
    """Each sentence ends with its full stop ("…57,8 Trong…" ran two together), and a province without an index
    this quarter says so in words, not "xếp thứ –/– … bình quân –"."""
    from kpi.headline import Figures, Headline

    shares = {"met": 0.0, "on_track": 60.0, "at_risk": 25.0, "off_track": 15.0, "met_or_on_track": 60.0}
    now = Figures("2026-Q3", 57.8, 3, 34, 100, shares, 10, 2)
    alone = Headline(now, None).sentence("Hải Phòng", lang)
    assert ("57,8. So với" if lang == "vi" else "57.8. Against") in alone
    unranked = Headline(Figures("2026-Q3", None, None, None, 100, shares, 10, 2), None).sentence("Hải Phòng", lang)
    assert "–" not in unranked and ("chưa được xếp hạng." if lang == "vi" else "not ranked.") in unranked
    for sentence in (alone, unranked):
        assert sentence.endswith(".") and ".." not in sentence


def test_a_task_file_says_a_status_in_the_catalogue_words_of_either_language():
    """The status words a commune writes (kpi/workflow/template.py) are the catalogue's task.<status>."""
    from kpi.workflow.template import _STATUS_ALIASES, STATUSES

    for status in STATUSES:
        for lang in ("vi", "en"):
            assert _STATUS_ALIASES[t(f"task.{status}", lang).lower()] == status
    assert _STATUS_ALIASES["hoàn thành"] == "done" and _STATUS_ALIASES["in_progress"] == "in_progress"


# --- the catalogue against the code: no key unused, none missing ---------------------------------------------------
# Keys the code builds at run time ("prefix." + a code): prefix -> the codes it is built with (None: any). A new
# f"prefix.{...}" in the code must be listed here, so the test knows those keys are used.
def _dynamic() -> dict[str, frozenset[str] | None]:
    from kpi import grapher, labels
    from kpi.export.people import registry
    from kpi.headline import SHARES
    from kpi.workflow.template import STATUSES

    return {
        "col.": frozenset(c.words or c.name for c in registry().values()),  # kpi/export/people.Column.header
        "def.": frozenset(registry()),  # kpi/export/people.Column.definition
        **{f"{prefix}.": frozenset(codes) for prefix, codes in labels.CODES.items()},  # kpi/labels.words
        "status.": frozenset(labels.CODES["status"]) | set(SHARES),  # and the overview's shares (kpi/headline.py)
        "task.": frozenset(labels.CODES["task"]) | set(STATUSES),  # and a commune's report (kpi/workflow/template.py)
        "approval.": None, "move.": None, "action.": None, "action_kind.": None, "role.": None,
        "timeliness.": None, "outlier.": None, "kind.": None, "scope.": None, "layer.": None,
        "filter.": frozenset({"group", "province"}), "filter.basis_": frozenset({"all", "approved"}),  # load test, sidebar
        "scorecard.": frozenset({"strongest", "weakest"}), "scorecard.no_": frozenset({"strongest", "weakest"}),
        "completeness.": frozenset({"whole", "excerpt", "press_report", "not_found"}),  # pages/method.py
        "map.": frozenset(), "map.extent.": None, "map.colour.": None,  # pages/map.say("key"): see _code's literals
        "map.view.": frozenset(grapher.VIEWS),  # Bản đồ's views: map, chart, table
        "app.published_by.": None, "published.kind.": None, "scorecard.level_short.": None,
        "extract.row.": None, "extract.status.": None, "extract.decision.": None,  # the plan review's codes
        "cli.held.": frozenset({"app_user", "import_batch", "real_value", "task_report", "value_approval", "audit_log"}),
    }


def _code() -> str:
    from kpi import config

    root = config.ROOT
    files = [*(root / "kpi").rglob("*.py"), *(root / "pages").rglob("*.py"), root / "app.py"]
    text = "\n".join(f.read_text(encoding="utf-8") for f in files if f.name != "i18n.py")
    i18n = (root / "kpi" / "i18n.py").read_text(encoding="utf-8")
    return text + i18n[i18n.index("\n}\n", i18n.index("STRINGS: dict")):]  # i18n's own code, not the table


def test_every_catalogue_key_is_used_by_the_code():
    import re

    code = _code()
    literals = set(re.findall(r"""["']([a-z0-9_]+(?:\.[a-z0-9_]+)+)["']""", code))
    literals |= {f"map.{k}" for k in re.findall(r"""\bsay\(\s*["']([a-z0-9_.]+)["']""", code)}
    built = _dynamic()
    unused = [key for key in STRINGS if key not in literals and not any(
        key.startswith(prefix) and (codes is None or key[len(prefix):] in codes) for prefix, codes in built.items())]
    assert unused == [], f"keys no code uses (kpi/i18n.py): {unused}"


def test_every_key_the_code_asks_for_is_in_the_catalogue_in_both_languages():
    import re

    code = _code()
    asked = set(re.findall(r"""\b(?:t|tr|msg|Problem|tell|announce|[A-Z][A-Za-z]*Error)\(\s*["']([a-z0-9_]+(?:\.[a-z0-9_]+)+)["']""", code))
    asked |= {f"map.{k}" for k in re.findall(r"""\bsay\(\s*["']([a-z0-9_.]+)["']""", code)}
    missing = sorted(k for k in asked if k not in STRINGS)
    assert missing == [], f"keys the code uses that kpi/i18n.py lacks: {missing}"
    assert all(vi.strip() and en.strip() for vi, en in STRINGS.values())
    prefixes = set(re.findall(r"""\b(?:t|tr|msg)\(\s*f["']([a-z0-9_.]+)\{""", code))
    prefixes |= {f"map.{p}" for p in re.findall(r"""\bsay\(\s*f["']([a-z0-9_.]+)\{""", code)}
    prefixes |= set(re.findall(r"""\b(?:t|tr)\(\s*["']([a-z0-9_.]+\.)["']\s*\+""", code))  # t("prefix." + code)
    assert prefixes <= set(_dynamic()), f"keys built from these prefixes: list them in _dynamic(): {prefixes - set(_dynamic())}"


def test_a_page_shows_one_language_of_a_kpi_refusal():
    """Issue 32, item 8: 'both languages in one error'. kpi's refusals carry a key and arguments; a page words
    them in the reader's language (pages/_writes.record, the approval screen: text_of)."""
    from kpi.accounts import AccessDenied, Actor
    from kpi.i18n import text_of

    viewer = Actor("a@b.vn", "viewer", None, frozenset())
    with pytest.raises(AccessDenied) as refused:
        viewer.require("import")
    assert text_of(refused.value, "vi") == "a@b.vn (Người xem) không được nhập số liệu"
    assert text_of(refused.value, "en") == "a@b.vn (Viewer) may not import values"
    assert text_of("chỉ một ngôn ngữ", "en") == "chỉ một ngôn ngữ"  # plain text stays as it is


# --- no Vietnamese outside the catalogue ----------------------------------------------------------------------------
VIETNAMESE = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)
# Modules whose Vietnamese is the words of the documents they READ (plans, decrees, unit names): their patterns,
# headings and stop words, never words shown to a reader.
READERS_OF_DOCUMENTS = {
    "kpi/extract/targets.py",  # "năm 2030", "tối thiểu", "trên", "Phụ lục": a plan's targets and their bounds
    "kpi/extract/tasks.py",  # "Chủ trì", "Thời hạn", "Quý III/2026": a plan's task tables
    "kpi/extract/match.py",  # the plans' stop words ("của", "và", "đạt") left out when wordings are matched
    "kpi/tasks.py",  # "thường xuyên", "quý … năm …": a task's deadline as the plan writes it
    "kpi/geo.py",  # "xã ", "phường ", "đặc khu ": the official names' prefixes, taken off to match names
    "kpi/published/match.py",  # "thành phố", "tỉnh": the portal's names of provinces, taken off to match them
}
# Single literals that must stay, each for its reason: file -> the literals.
KEPT = {
    # a file's words: the column and sheet titles of the templates communes fill in (matched when read back)
    "kpi/intake/validate.py": {"Mã xã", "Mã chỉ tiêu", "Kỳ báo cáo", "Giá trị", "Minh chứng", "Ghi chú", "Tên xã",
                               "Tên chỉ tiêu", "Đơn vị", "Kỳ trước", "Giá trị kỳ trước", "Mục tiêu mốc tới"},
    "kpi/workflow/template.py": {"Mã xã", "Mã nhiệm vụ", "Nhiệm vụ", "Tình trạng", "Tiến độ (%)", "Ghi chú", "Minh chứng"},
    "kpi/intake/read.py": {"Báo cáo", "Chỉ tiêu", "Hướng dẫn"},
    "kpi/entry/template.py": {"phấn đấu"},  # the comparator "strive" as a plan writes it
    # the national portal's workbooks: its list (sheet) names, its publisher and the decision (kpi/published)
    "kpi/published/read.py": {"Cổng Dịch vụ công quốc gia", "Quyết định 766/QĐ-TTg", "Điểm năm", "Điểm tháng", "Xã Phường"},
    # data's own values: the unit types of data/units (vietnamese-provinces) and words that tell a plan from other text
    "kpi/models.py": {"xã", "phường", "đặc khu"},
    "kpi/extract/review.py": {"kế hoạch", "chuyển đổi số", "chương trình", "nghị quyết"},
    # records the code stores, not messages: a target's citation (the document's line), audit details, a saved
    # plan's note
    "kpi/targets.py": {", dòng ", "Kế hoạch của "},  # a citation's line; a plan's name as citations store it
    "kpi/build.py": {" to map again (cần đối chiếu)"},
    "kpi/services/remap.py": {": xã ", "» -> nhiệm vụ "},
    "kpi/extract/save.py": {"trích xuất tự động, ", " chấp nhận ngày "},
}


def _vietnamese_literals() -> set[tuple[str, str]]:
    """(file, literal) of every string literal with Vietnamese letters in kpi/, pages/ and app.py, but for the
    catalogue (kpi/i18n.py), docstrings and the modules that read documents; f-strings by their literal parts."""
    import ast

    from kpi import config

    root = config.ROOT
    found = set()
    for path in [*(root / "kpi").rglob("*.py"), *(root / "pages").rglob("*.py"), root / "app.py"]:
        name = path.relative_to(root).as_posix()
        if name == "kpi/i18n.py" or name in READERS_OF_DOCUMENTS:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = {id(node.body[0].value) for node in ast.walk(tree)
                if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body
                and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
        found |= {(name, node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
                  and VIETNAMESE.search(node.value)}
    return found


def test_no_vietnamese_words_outside_the_catalogue():
    """Words for a reader are the catalogue's (kpi/i18n.py), worded in the reader's language; a Vietnamese literal
    anywhere else is a message that bypasses it, or shows both languages at once."""
    found = _vietnamese_literals()
    kept = {(file, text) for file, texts in KEPT.items() for text in texts}
    assert found - kept == set(), f"Vietnamese outside kpi/i18n.py: move it into the catalogue: {sorted(found - kept)}"
    assert kept - found == set(), f"kept literals no longer in the code: drop them from KEPT: {sorted(kept - found)}"
    assert VIETNAMESE.search("“{words}” được hiểu là") and not VIETNAMESE.search("Index 766 (published)")


def test_a_message_is_worded_in_one_language_where_it_is_read():
    """An error carries its key and arguments; str() words it in the language use() chose, text(lang) in any."""
    from kpi.i18n import Msg, Num, Problem, msg, text_of, use

    error = Problem("intake.too_many_rows", n=Num(100_000))
    assert text_of(error, "vi") == "quá 100.000 dòng dữ liệu: chia thành nhiều tệp"
    assert text_of(error, "en") == "more than 100,000 data rows: split the report into several files"
    nested = msg("task_report.hundred_is_done", done=msg("task.done"))
    assert Msg.of(nested.data()) == nested and "“Hoàn thành”" in nested.text("vi")
    try:
        use("en")
        assert str(error) == "more than 100,000 data rows: split the report into several files"
    finally:
        use("vi")
    assert str(error).startswith("quá 100.000 dòng")


@pytest.mark.parametrize(("argv", "said", "not_said"), [
    (["import", "--help"], "kiểm tra và báo kết quả, không ghi gì", "validate and report"),
    (["import", "--help", "--lang", "en"], "validate and report, write nothing", "kiểm tra"),
    (["--lang", "en", "import", "--help"], "validate and report, write nothing", "kiểm tra"),
    (["--help"], "Công cụ của bảng điều khiển KPI cấp xã", "Resolution 57 commune KPI dashboard tools"),
])
def test_the_command_lines_help_is_in_the_language_of_lang_and_its_names_stay(capsys, argv, said, not_said):
    """--help is the catalogue's (cli.help.*) in --lang, wherever --lang stands; subcommands and options are the
    same in both languages (a public interface)."""
    from kpi.cli import main

    with pytest.raises(SystemExit) as done:
        main(argv)
    out = " ".join(capsys.readouterr().out.split())  # argparse wraps the lines
    assert done.value.code == 0 and said in out and not_said not in out
    names = ("--dry-run", "--evidence-dir", "--as EMAIL") if "import" in argv else ("report-template", "tasks-report")
    assert all(name in out for name in names)
