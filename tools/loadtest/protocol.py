"""A light client that speaks Streamlit's websocket protocol, for load tests with many sessions.

A browser session costs a Chromium renderer several CPU-seconds to start and more to draw every
rerun; on a 2-core machine twenty of them starve the server they are meant to load. This client
asks the server for exactly what the browser asks for (a run of a page with the address's query
string; a rerun with a changed sidebar widget; a switch to another page) over the same websocket,
with the same protobuf messages, and reads back what the server sends: the elements of the page,
the address it writes back, and the end of the run. The server does the same work; nothing is drawn.

    session = ProtocolSession("http://127.0.0.1:8501")
    run = await session.open("/xep-hang", "province=31")       # a page load
    run = await session.choose("Nhóm chỉ tiêu", "Xã hội số")   # a filter change in the sidebar
    run = await session.switch("/ho-so-xa")                     # a page switch through the sidebar
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


@dataclass
class Run:
    """What one script run showed, as the server sent it."""

    ms: float = 0.0  # from sending the request to the server's "script finished"
    status: int | None = None  # ForwardMsg.ScriptFinishedStatus; None: the run never finished
    headings: list[str] = field(default_factory=list)
    alerts: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    selectboxes: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # label -> (widget id, options)
    query_string: str = ""

    @property
    def finished(self) -> bool:
        return self.status == ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY


class ProtocolError(Exception):
    pass


class ProtocolSession:
    def __init__(self, url: str, timeout: float = 30.0) -> None:
        self.ws_url = url.replace("http://", "ws://", 1).replace("https://", "wss://", 1).rstrip("/") + "/_stcore/stream"
        self.timeout = timeout
        self.ws = None
        self.pages: dict[str, str] = {}  # url path ("" for the default page) -> page script hash
        self.page_hash = ""
        self.query_string = ""
        self.selectboxes: dict[str, tuple[str, list[str]]] = {}

    async def connect(self) -> None:
        from websockets.asyncio.client import connect

        self.ws = await asyncio.wait_for(
            connect(self.ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=self.timeout), self.timeout
        )

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    async def open(self, path: str, query_string: str) -> Run:
        """A page load: a new session asks for the page at `path` with the address's query string."""
        await self.close()
        await self.connect()
        self.query_string, self.page_hash = query_string, ""
        return await self._rerun(page_name=path.strip("/"))

    async def switch(self, path: str) -> Run:
        """Open another page of the app, as a click on its sidebar link does (no new session)."""
        name = path.strip("/")
        if name not in self.pages:
            raise ProtocolError(f"no page at /{name} in the app's navigation ({sorted(self.pages)})")
        self.page_hash = self.pages[name]
        return await self._rerun()

    async def choose(self, label: str, option: str) -> Run:
        """Pick `option` in the selectbox labelled `label`, as a click in the sidebar does."""
        if label not in self.selectboxes:
            raise ProtocolError(f"no selectbox {label!r} on the page ({sorted(self.selectboxes)})")
        widget, options = self.selectboxes[label]
        if option not in options:
            raise ProtocolError(f"{option!r} is not an option of {label!r}")
        return await self._rerun(widgets={widget: option})

    async def _rerun(self, page_name: str = "", widgets: dict[str, str] | None = None) -> Run:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query_string
        state.page_script_hash = self.page_hash
        state.page_name = page_name
        for widget, value in (widgets or {}).items():
            w = state.widget_states.widgets.add()
            w.id = widget
            w.string_value = value
        run = Run()
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        deadline = time.monotonic() + self.timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"the run did not finish in {self.timeout:.0f} s")
            raw = await asyncio.wait_for(self.ws.recv(), left)
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "script_finished":
                if fwd.script_finished == ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN:
                    continue  # the server restarted the run with our request; wait for that one
                run.status = fwd.script_finished
                run.ms = (time.perf_counter() - started) * 1000
                break
            self._read(fwd, kind, run)
        run.query_string = self.query_string
        self.selectboxes = run.selectboxes
        return run

    def _read(self, fwd: ForwardMsg, kind: str | None, run: Run) -> None:
        if kind == "new_session":
            self.page_hash = fwd.new_session.page_script_hash
        elif kind == "navigation":
            self.pages = {p.url_pathname: p.page_script_hash for p in fwd.navigation.app_pages}
            self.pages.setdefault("", next((p.page_script_hash for p in fwd.navigation.app_pages if p.is_default), ""))
            self.page_hash = fwd.navigation.page_script_hash or self.page_hash
        elif kind == "page_info_changed":
            self.query_string = fwd.page_info_changed.query_string  # the address the app writes back
        elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
            element = fwd.delta.new_element
            which = element.WhichOneof("type")
            if which == "heading":
                run.headings.append(element.heading.body)
            elif which == "alert":
                run.alerts.append(element.alert.body)
            elif which == "exception":
                run.exceptions.append(f"{element.exception.type}: {element.exception.message}"[:300])
            elif which == "selectbox":
                box = element.selectbox
                run.selectboxes[box.label] = (box.id, list(box.options))
