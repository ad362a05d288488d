"""The page an address asks for (pages._navigation.asked_slug), read before st.navigation resolves it."""

from pages._navigation import asked_slug


def test_the_slug_is_the_path_after_the_servers_base_path():
    assert asked_slug("http://127.0.0.1:8501/xep-hang") == "xep-hang"
    assert asked_slug("http://127.0.0.1:8501/") == ""
    assert asked_slug("http://127.0.0.1:8501") == ""
    assert asked_slug(None) == ""  # no browser (AppTest)
    assert asked_slug("https://kpi.example.vn/nq57/ban-do", "/nq57/") == "ban-do"
    assert asked_slug("https://kpi.example.vn/nq57", "nq57") == ""
    assert asked_slug("http://h/x%C3%A3-l%E1%BA%A1") == "xã-lạ"
    assert asked_slug("http://h/a/b") == "a/b"  # nested: no page can be registered there (not_found gives None)
