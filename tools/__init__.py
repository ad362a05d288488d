"""Tools that measure and test the dashboard, outside its runtime package: the load test (tools/loadtest: browser
and protocol sessions, the test identity provider, a server on the loopback), the bench harness (tools/bench.py,
tools/bench_writes.py, tools/bench_pages.py). `python -m kpi loadtest|bench` stay their entry points; nothing in
kpi/ but those two commands imports them."""
