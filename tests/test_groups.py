"""Issue 35: the indicator groups come from data/groups.yaml everywhere. A seventh group added there, and an
indicator moved into it, is built, scored (the long table commune_group_score, by the build and by the
publisher's fold alike), ranked, shown and exported with no code change."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest
import yaml
from polars.testing import assert_frame_equal
from streamlit.testing.v1 import AppTest

from kpi import config, export, sources
from kpi.build import DemoSettings, build
from kpi.db import connect, run
from kpi.scorecard import model
from kpi.scoring import tables
from kpi.sources import SourceErrors
from kpi.store import fold
from tests.commands import kpi_command
from tests.conftest import TODAY

NEW = {"group": "digital_identity", "name_vi": "Định danh số", "name_en": "Digital identity", "weight": 1}
MOVED = "vneid_share"  # from digital_society into the new group
VIET_KHE, PROVINCE = "11503", "31"
SIX = ["digital_infrastructure", "digital_skills", "digital_government", "digital_economy", "digital_society",
       "science_innovation"]


@pytest.fixture(scope="module")
def seven(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """data/ with a seventh group (vneid_share moved into it), and the snapshot built from it (the seed communes'
    demo values)."""
    data = tmp_path_factory.mktemp("seven") / "data"
    shutil.copytree(config.DATA_DIR, data, ignore=shutil.ignore_patterns("*.duckdb*", ".*"))
    groups = data / "groups.yaml"
    groups.write_text(groups.read_text(encoding="utf-8") + yaml.safe_dump([NEW], allow_unicode=True, sort_keys=False),
                      encoding="utf-8")
    indicators = data / "indicators.yaml"
    text = indicators.read_text(encoding="utf-8")
    at = text.index(f"- code: {MOVED}\n")
    line = text.index("  group: digital_society\n", at)
    assert line < text.index("- code: ", at + 1), "the moved indicator's own group line"
    indicators.write_text(text[:line] + f"  group: {NEW['group']}\n" + text[line + len("  group: digital_society\n"):],
                          encoding="utf-8")
    db = data.parent / "kpi.duckdb"
    build(db, data_dir=data, demo=DemoSettings("seeds", 57, TODAY))
    return data, db


@pytest.fixture()
def seven_data(seven: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    """The copy is data/ (export headers name the groups of data/groups.yaml) and its snapshot the app's."""
    data, db = seven
    monkeypatch.setattr(config, "DATA_DIR", data)
    monkeypatch.setenv("KPI_DB", str(db))
    return db


def test_the_seventh_group_is_scored_as_the_mean_attainment_of_its_indicator(seven):
    _, db = seven
    with connect(db) as con:
        assert run(con, "indicator_groups")["group_code"].to_list() == [*SIX, NEW["group"]]
        stored = con.sql(f"""SELECT g.basis, g.as_of_period, g.commune_code, g.score, s.attainment
                             FROM commune_group_score g JOIN indicator_score s USING (basis, as_of_period, commune_code)
                             WHERE g.group_code = '{NEW["group"]}' AND s.indicator_code = '{MOVED}'""").pl()
        moved_group = con.sql(f"SELECT DISTINCT group_code FROM indicator_score WHERE indicator_code = '{MOVED}'").fetchall()
    assert moved_group == [(NEW["group"],)]
    assert stored.height > 0 and VIET_KHE in stored["commune_code"].to_list()
    assert stored["score"].to_list() == pytest.approx(stored["attainment"].to_list())  # its one indicator


def test_the_seventh_group_is_ranked_on_the_scorecard_and_in_the_headline(seven):
    _, db = seven
    with connect(db) as con:
        ranked = run(con, "ranking_by_group", province=PROVINCE, group=NEW["group"], period="2026-Q3", previous="2026-Q2")
        wide = tables.ranking(con, "2026-Q3", PROVINCE)
        card = model.load(con, VIET_KHE, "2026-Q3")
        head = run(con, "overview_headline", province=PROVINCE, period="2026-Q3", previous=None, group=NEW["group"])
    score = f"score_{NEW['group']}"
    mine = wide.filter(pl.col("commune_code") == VIET_KHE)[score][0]
    assert mine is not None
    assert ranked.filter(pl.col("commune_code") == VIET_KHE)["value"][0] == pytest.approx(mine)
    assert card.groups["group_code"].to_list() == [*SIX, NEW["group"]]
    row = card.groups.row(6, named=True)
    assert (row["group_name_vi"], row["score"]) == (NEW["name_vi"], pytest.approx(mine))
    assert row["province_average"] == pytest.approx(wide[score].mean())
    assert head["province_index"][0] == pytest.approx(wide[score].mean())


def test_the_ranking_export_has_a_column_per_group_named_from_groups_yaml(seven_data, tmp_path):
    with connect(seven_data) as con:
        frame = export.dataset_frame(con, "ranking")
    scores = [f"score_{g}" for g in [*SIX, NEW["group"]]]
    assert frame.columns[frame.columns.index("gap_to_province_average") + 1:] == [*scores, "is_demo"]
    sheet = export.for_people(frame, "vi")
    assert sheet.frame.columns[-2] == "Điểm Định danh số" and sheet.frame.columns[-8] == "Điểm Hạ tầng số"
    assert export.for_people(frame, "en").frame.columns[-2] == "Digital identity score"
    out = tmp_path / "ranking.csv"
    done = kpi_command("export", "ranking", "--db", str(seven_data), "--format", "csv-vn", "-o", str(out))
    assert done.returncode == 0, done.stderr
    header = next(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert header.index("Điểm Định danh số") == header.index("Điểm KH, CN và ĐMST") + 1, header


def test_the_publishers_fold_writes_the_seventh_groups_scores_as_the_build_does(seven, tmp_path):
    _, db = seven
    copy = tmp_path / "fold.duckdb"
    shutil.copy(db.resolve(), copy)
    with duckdb.connect(str(copy)) as con:
        built = con.sql("SELECT * FROM commune_group_score ORDER BY ALL").pl()
        con.execute("DELETE FROM commune_group_score")
        con.execute("BEGIN")
        fold.rescore(con, [VIET_KHE])  # as a publication touching one commune: every commune's group scores again
        con.execute("COMMIT")
        folded = con.sql("SELECT * FROM commune_group_score ORDER BY ALL").pl()
    assert NEW["group"] in built["group_code"].to_list()
    assert_frame_equal(folded, built, check_exact=False, rel_tol=1e-9)


def test_the_ranking_page_ranks_on_the_seventh_group_and_the_overview_exports_it(seven_data, monkeypatch):
    served: dict[str, bytes] = {}
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    original = MemoryMediaFileStorage.load_and_get_id

    def spy(self, path_or_data, mimetype, kind, filename=None):
        if filename and isinstance(path_or_data, bytes):
            served[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", spy)
    with connect(seven_data) as con:
        ranked = run(con, "ranking_by_group", province=PROVINCE, group=NEW["group"], period="2026-Q3", previous="2026-Q2")

    def page(name: str) -> AppTest:
        at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=90)
        at.query_params.update({"province": PROVINCE, "group": NEW["group"]})
        at.run()
        at.switch_page(f"pages/{name}.py").run()
        assert not at.exception, at.exception
        return at

    at = page("ranking")
    [chosen] = [s for s in at.sidebar.selectbox if s.label == "Nhóm chỉ tiêu"]
    assert chosen.value == NEW["group"] and chosen.options[-1] == NEW["name_vi"]
    table = at.dataframe[0].value
    assert table["Giá trị"].tolist() == pytest.approx(ranked["value"].round(1).to_list())
    page("overview")
    people = next(v for k, v in served.items() if k.startswith("xep-hang-chi-so-") and not k.endswith("-data.csv"))
    header = next(csv.reader(io.StringIO(people.decode("utf-8-sig")), delimiter=";"))
    assert "Điểm Định danh số" in header and header.index("Điểm Định danh số") == header.index("Điểm KH, CN và ĐMST") + 1


def test_an_indicator_of_a_group_groups_yaml_lacks_or_a_group_twice_is_refused(data_copy):
    groups = data_copy / "groups.yaml"
    entries = yaml.safe_load(groups.read_text(encoding="utf-8"))
    groups.write_text(yaml.safe_dump([e for e in entries if e["group"] != "digital_society"], allow_unicode=True),
                      encoding="utf-8")
    codes = [g.group for g in sources.load_groups(groups)]
    with pytest.raises(SourceErrors) as refused:
        sources.load_indicators(data_copy / "indicators.yaml", codes)
    assert {e.field for e in refused.value.errors} == {"group"}
    assert "no group 'digital_society' in groups.yaml" in str(refused.value)
    groups.write_text(yaml.safe_dump([*entries, entries[0]], allow_unicode=True), encoding="utf-8")
    with pytest.raises(SourceErrors, match="duplicate group 'digital_infrastructure'"):
        sources.load_groups(groups)
