"""Administrative units come from vietnam-provinces: 34 provinces, 3,321 communes and wards."""

import pytest

from kpi.db import run

SEED_COMMUNES = {
    # commune code: (name, province code, province name) as the seed README states them
    "23548": ("Xã Ya Ly", "51", "Quảng Ngãi"),
    "11503": ("Xã Việt Khê", "31", "Thành phố Hải Phòng"),
    "05851": ("Xã Quân Chu", "19", "Thái Nguyên"),
    "25378": ("Xã Tân Lợi", "75", "Đồng Nai"),
    "21697": ("Xã Ân Hảo", "52", "Gia Lai"),
}


def test_database_holds_every_province_and_unit(con):
    provinces = run(con, "provinces")
    assert provinces.height == 34
    assert provinces["units"].sum() == 3321
    units = run(con, "units", province=None)
    assert units.height == 3321
    assert units["commune_code"].n_unique() == 3321
    assert set(units["unit_type"]) == {"xã", "phường", "đặc khu"}


@pytest.mark.parametrize("code", sorted(SEED_COMMUNES))
def test_seed_communes_resolve_to_official_codes(con, code):
    name, province_code, province_name = SEED_COMMUNES[code]
    row = run(con, "units", province=province_code).filter(commune_code=code)
    assert row.height == 1
    assert row["commune_name"][0] == name
    assert row["province_name"][0] == province_name
    assert row["unit_type"][0] == "xã"


def test_units_filter_by_province(con):
    hai_phong = run(con, "units", province="31")
    assert hai_phong.height > 0
    assert set(hai_phong["province_code"]) == {"31"}
    assert "11503" in set(hai_phong["commune_code"])
