"""`python -m kpi serve`: start the dashboard in this process: app.py under Streamlit's own server (st.App,
built by kpi.web with the evidence route), on uvicorn as `streamlit run` would run it.

Streamlit treats a folder named pages/ beside the entry script as a "v1" multipage app until
st.navigation has run once in the process, so the very first visit to a deep link would show
"Page not found" before app.py routes it. The customer fixed the folder name, so the server is
started here with that legacy behaviour switched off up front. This module imports Streamlit
only to launch it; the dashboard's logic stays in kpi/ and pages/.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kpi import config

# As in .streamlit/config.toml: no traceback or server path ever reaches a user; no Deploy button.
SHIPPED = {"client.showErrorDetails": "none", "client.toolbarMode": "minimal", "runner.magicEnabled": False}


def serve(port: int, address: str | None = None, secrets: Path | None = None) -> int:
    # Imported here, once, before any session starts: plotly imports pandas lazily on first use, and two
    # pages drawing their first charts at the same moment got a partially initialised pandas.
    import pandas  # noqa: F401
    import plotly.graph_objects  # noqa: F401
    import pyarrow  # noqa: F401
    from streamlit.runtime.pages_manager import PagesManager

    from kpi import web

    PagesManager.uses_pages_directory = False
    from kpi.intake.limits import Limits

    # the largest file any form takes, a report import's (300 MB): Streamlit refuses bodies past it, its uploaders
    # say their own smaller limits (max_upload_size), and nginx's client_max_body_size follows (kpi.replicas)
    options: dict[str, object] = {"server.port": port, "server.headless": True, "browser.gatherUsageStats": False,
                                  "server.maxUploadSize": Limits.from_env().max_file_bytes // 2**20, **SHIPPED}
    if address:
        options["server.address"] = address
    if secrets:
        options["secrets.files"] = [str(secrets)]
    script = config.ROOT / "app.py"
    app = web.app(script)
    # st.App.run takes the launcher from sys.argv[0]: app.py itself, so its folder's .streamlit/ (config.toml,
    # secrets.toml) applies as with `streamlit run app.py`
    sys.argv = [str(script)]
    try:
        app.run(config=options)
    except SystemExit as done:
        return int(done.code or 0)
    return 0
