"""kpi.charts: figures as a reader sees them."""

import polars as pl

from kpi.charts import status_by_group


def test_status_bars_of_a_few_communes_have_whole_ticks():
    """Issue 32: Tổng quan's status bars with one commune showed ticks 0,2 0,4 … (a count of communes is whole)."""
    one = pl.DataFrame({"group_name_vi": ["Hạ tầng số", "Chính quyền số"], "group_name_en": ["Digital infrastructure", "Digital government"],
                        "status": ["off_track", "on_track"], "communes": [1, 1]})
    axis = status_by_group(one, "vi").layout.xaxis
    assert axis.dtick == 1 and axis.tickformat == ",d"
    many = one.with_columns(communes=pl.lit(126))
    assert status_by_group(many, "vi").layout.xaxis.dtick is None  # plotly's own steps for a province's communes
