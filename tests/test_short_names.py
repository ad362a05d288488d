"""The status grid's column labels (issue 32 item 7): the catalogue's short names (short_vi / short_en, at most
SHORT_NAME characters, given where the full name is longer), the full name on hover. Hải Phòng's grid in views of
40 communes has its indicators in columns."""

import json

import polars as pl
import pytest

from kpi import config
from kpi.db import run
from kpi.models import SHORT_NAME
from kpi.sources import SourceErrors, load_indicators
from tests.test_published_pages import open_page


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_commune_indicator_has_a_label_that_fits(con, lang):
    catalogue = run(con, "indicators", group=None)  # the commune indicators: the only ones the grid scores
    labels = dict(catalogue.select("indicator_code", f"short_{lang}").iter_rows())
    assert len(labels) == 71 and max(len(v) for v in labels.values()) <= SHORT_NAME == 28, [
        v for v in labels.values() if len(v) > SHORT_NAME]
    names = dict(catalogue.select("indicator_code", f"name_{lang}").iter_rows())
    # additive: a name that fits is its own label, and no short name is longer than its full name
    assert all(labels[c] == n for c, n in names.items() if len(n) <= SHORT_NAME)
    assert all(len(labels[c]) <= len(n) for c, n in names.items())
    assert labels["online_payment_public_services_share"] == {"vi": "Thanh toán trực tuyến TTHC",
                                                              "en": "Online payment (procedures)"}[lang]


def test_a_short_name_longer_than_the_room_is_refused_naming_its_entry(tmp_path):
    text = (config.DATA_DIR / "indicators.yaml").read_text(encoding="utf-8")
    broken = text.replace('short_vi: "Phủ sóng 5G khu trung tâm"', 'short_vi: "Phủ sóng 5G tại khu vực trung tâm, đông dân cư"')
    assert broken != text
    (tmp_path / "indicators.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(SourceErrors) as refused:
        load_indicators(tmp_path / "indicators.yaml")
    assert "coverage_5g_central_areas_share" in str(refused.value) and "short_vi" in str(refused.value)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_grids_columns_carry_short_labels_and_the_full_name_on_hover(app_db, con, lang):
    at = open_page("overview", province="31", lang=lang)
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    (grid,) = [s for s in specs if s["data"] and s["data"][0].get("type") == "heatmap"]
    cells, axis = grid["data"][0], grid["layout"]["xaxis"]
    catalogue = run(con, "indicators", group=None)
    full = dict(catalogue.select(f"name_{lang}", f"short_{lang}").iter_rows())
    assert len(cells["x"]) == run(con, "heatmap", province="31", period="2026-Q3", group=None)["indicator_code"].n_unique()
    assert axis["tickvals"] == cells["x"] and axis["ticktext"] == [full[name] for name in cells["x"]]
    assert max(len(t) for t in axis["ticktext"]) <= SHORT_NAME and not any(t.endswith("…") for t in axis["ticktext"])
    assert "%{x}" in cells["hovertemplate"] and set(cells["x"]) <= set(full), "the hover names the indicator in full"
    assert any(len(name) > SHORT_NAME for name in cells["x"])
    assert pl.Series(axis["ticktext"]).n_unique() == len(axis["ticktext"]), "two columns never share a label"
