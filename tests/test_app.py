"""Pages rendered headless with streamlit.testing.v1.AppTest."""

from streamlit.testing.v1 import AppTest

from kpi import config


def app() -> AppTest:
    return AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=60)


def test_units_page_shows_real_counts(app_db):
    at = app().run()
    at.switch_page("pages/units.py").run()
    assert not at.exception
    assert at.title[0].value == "Đơn vị hành chính sau sắp xếp 2025"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Tỉnh, thành phố"] == "34"
    assert metrics["Xã, phường, đặc khu"] == "3.321"  # Vietnamese thousands separator


def test_choosing_a_province_changes_the_commune_table(app_db):
    at = app().run()
    at.switch_page("pages/units.py").run()
    first = at.dataframe[1].value
    at.sidebar.selectbox(key="f_province_vi").set_value("31").run()
    assert not at.exception
    assert at.query_params["province"] in (["31"], "31")
    communes = at.dataframe[1].value
    assert not communes.equals(first)
    assert "Xã Việt Khê" in communes.iloc[:, 1].tolist()


def test_catalogue_page_filters_by_group(app_db, sources):
    at = app().run()
    at.switch_page("pages/catalogue.py").run()
    assert not at.exception
    assert at.metric[0].value == str(len(sources.indicators))
    at.sidebar.selectbox(key="f_group_vi").set_value("digital_society").run()
    expected = sum(1 for i in sources.indicators if i.group == "digital_society")
    assert at.metric[0].value == str(expected)
    assert at.dataframe[0].value.shape[0] == expected


def test_english_switch(app_db):
    at = app()
    at.query_params["lang"] = "en"
    at.run().switch_page("pages/units.py").run()
    assert not at.exception
    assert at.title[0].value == "Administrative units after the 2025 reorganisation"
    assert {m.label: m.value for m in at.metric}["Communes and wards"] == "3,321"
