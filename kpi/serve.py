"""`python -m kpi serve`: start the dashboard (streamlit run app.py) in this process.

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
SHIPPED = ["--client.showErrorDetails", "none", "--client.toolbarMode", "minimal", "--runner.magicEnabled", "false"]


def serve(port: int, address: str | None = None, secrets: Path | None = None) -> int:
    # Imported here, once, before any session starts: plotly imports pandas lazily on first use, and two
    # pages drawing their first charts at the same moment got a partially initialised pandas.
    import pandas  # noqa: F401
    import plotly.graph_objects  # noqa: F401
    import pyarrow  # noqa: F401
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    args = ["streamlit", "run", str(config.ROOT / "app.py"), "--server.port", str(port), "--server.headless", "true",
            "--browser.gatherUsageStats", "false", *SHIPPED]
    if address:
        args += ["--server.address", address]
    if secrets:
        args += ["--secrets.files", str(secrets)]
    sys.argv = args
    try:
        cli.main()
    except SystemExit as done:
        return int(done.code or 0)
    return 0
