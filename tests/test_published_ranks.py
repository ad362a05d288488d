"""Bộ chỉ số 766's ranks (issue 31): equal totals share a rank, marked "đồng hạng", with the portal's own row number
(ROW_STT) beside it, the same on Xếp hạng, Hồ sơ xã and in `export published`. The shipped snapshot of 15/10/2025
08:47 (data/published/dvc766-2025-10-15T0847.xlsx, Xã Phường): Xã Sơn Hải and Xã An Phú both 92.48 (rank 31, the
portal's rows 32 and 33), Phường Bình Đức 92.3 alone (rank 39, the portal's row 40: the portal's list of An Giang's
communes holds its departments too, one of them above every commune)."""

import polars as pl

from kpi.export import dataset_frame
from tests.test_published_pages import BINH_DUC, frame_with, metrics, open_page

SON_HAI = "30811"


def latest_totals(con) -> pl.DataFrame:
    """`export published`'s latest commune totals of An Giang: one row per commune."""
    rows = dataset_frame(con, "published").filter(
        pl.col("is_latest") & (pl.col("indicator_code") == "dvc766_total") & (pl.col("period_kind") == "year")
        & (pl.col("province_code") == "91") & pl.col("commune_code").is_not_null())
    assert rows.height == 102
    return rows


def test_the_export_gives_equal_totals_one_rank_and_the_portals_position_beside(con):
    rows = latest_totals(con)
    by_name = {r["unit_name"]: r for r in rows.iter_rows(named=True)}
    pick = ("rank", "peers", "tied", "portal_position")
    assert [by_name["Xã Sơn Hải"][k] for k in pick] == [31, 102, 2, 32]
    assert [by_name["Xã An Phú"][k] for k in pick] == [31, 102, 2, 33]
    assert [by_name["Phường Bình Đức"][k] for k in pick] == [39, 102, 1, 40]
    assert rows["portal_position"].is_not_null().all() and rows["portal_position"].n_unique() == 102
    # the rank is the competition rank of the points: one more than the communes with more points
    for r in rows.iter_rows(named=True):
        assert r["rank"] == 1 + (rows["points"] > r["points"]).sum()
        assert r["tied"] == (rows["points"] == r["points"]).sum()
    # components have ranks of their own, but no portal position (ROW_STT orders the list by total)
    parts = dataset_frame(con, "published").filter(pl.col("is_latest") & (pl.col("indicator_code") != "dvc766_total"))
    assert parts["rank"].is_not_null().all() and parts["portal_position"].is_null().all()


def test_ranking_marks_ties_and_shows_the_portals_position_as_the_export_does(app_db, con):
    at = open_page("ranking", province="91")
    communes, _provinces = frame_with(at, "Tổng điểm")
    shown = {r["Đơn vị"].removeprefix("▶ "): r for _, r in communes.iterrows()}
    exported = latest_totals(con)
    assert len(shown) == exported.height
    for r in exported.iter_rows(named=True):
        row = shown[r["unit_name"]]
        assert (row["Hạng"], row["Vị trí trên Cổng"]) == (r["rank"], r["portal_position"]), r["unit_name"]
        assert (row["Đồng hạng"] == f"đồng hạng ({r['tied']} đơn vị)") if r["tied"] > 1 else row["Đồng hạng"] == ""
    assert shown["Xã Sơn Hải"]["Đồng hạng"] == shown["Xã An Phú"]["Đồng hạng"] == "đồng hạng (2 đơn vị)"
    assert any("bằng điểm thì đồng hạng" in c.value and "ROW_STT" in c.value for c in at.caption)


def test_a_tied_communes_profile_says_so_and_names_the_portals_position(app_db):
    at = open_page("profile", province="91", commune=SON_HAI, lang="en")
    m = {e.label: e for e in at.metric}
    rank = m["Rank among the province's 102 communes"]
    assert rank.value == "31/102 (tied)" and "32" in rank.proto.help
    (parts,) = frame_with(at, "Rank")
    assert parts["Rank"].iloc[0] == "31/102 (tied)", parts  # the total's row
    alone = metrics(open_page("profile", province="91", commune=BINH_DUC))
    assert alone["Hạng trong 102 xã, phường của tỉnh"][0] == "39/102"
