"""Page timings for `python -m kpi bench --pages`: each page run headless (Streamlit's AppTest),
then rerun after province-filter changes, timing the server side of every rerun.

Lives beside the pages because it drives Streamlit; tools/bench.py calls it only when asked.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from kpi import config

PAGES = ("overview", "ranking", "trajectory", "map", "profile", "tasks")


def page_timings(db: Path, provinces: list[str], repeat: int) -> list[tuple[str, list[float], list[float]]]:
    """For each page: (page, first-render ms, filter-change rerun ms over `repeat` changes).

    The province filter cycles through `provinces`, so the first visit to each is uncached and the
    later ones hit the cache, as a user switching back and forth would."""
    os.environ["KPI_DB"] = str(db)
    out = []
    for page in PAGES:
        at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=120)
        # the trajectory page charts one indicator; the others show the composite index
        at.query_params["indicator"] = "online_dossier_processing_share" if page == "trajectory" else ""
        at.run()
        started = time.perf_counter()
        at.switch_page(f"pages/{page}.py").run()
        first = [(time.perf_counter() - started) * 1000]
        if at.exception:
            raise RuntimeError(f"page {page} failed: {at.exception}")
        reruns = []
        for i in range(repeat):
            province = provinces[i % len(provinces)]
            started = time.perf_counter()
            at.sidebar.selectbox(key="f_province_vi").set_value(province).run()
            reruns.append((time.perf_counter() - started) * 1000)
            if at.exception:
                raise RuntimeError(f"page {page} failed after choosing {province}: {at.exception}")
        out.append((page, first, reruns))
    return out
