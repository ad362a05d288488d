"""deploy/: the systemd units and the compose file supervise the same commands, and they are well-formed
(`systemd-analyze verify` where systemd is installed, a parse of the keys everywhere)."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from kpi import config
from kpi.cli import _parser

DEPLOY = config.ROOT / "deploy"
UNITS = {  # unit: what it runs after `python -m`
    "kpi-replica@.service": "kpi serve --no-publish --port %i --address 127.0.0.1",
    "kpi-publisher.service": "kpi publish --watch",
    "kpi-sync.service": "kpi sync --from ${KPI_SYNC_FROM} --watch",
    "kpi-nginx.service": None,  # nginx itself, its configuration from kpi.replicas --nginx-config
}


def unit(name: str) -> dict[str, dict[str, list[str]]]:
    """A unit file's sections and keys (a key may repeat); anything else on a line is an error."""
    sections: dict[str, dict[str, list[str]]] = {}
    section = None
    for number, line in enumerate((DEPLOY / name).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = sections.setdefault(line[1:-1], {})
            continue
        key, equals, value = line.partition("=")
        assert equals and section is not None and key.strip() == key and key.isalnum(), f"{name}:{number}: {line!r}"
        section.setdefault(key, []).append(value)
    return sections


def python_m(command: str) -> list[str]:
    """The arguments after `python -m` in a command line."""
    words = shlex.split(command)
    return words[words.index("-m") + 1:]


@pytest.mark.parametrize("name", UNITS)
def test_each_unit_restarts_its_command_on_failure(name):
    keys = unit(name)
    assert set(keys) == {"Unit", "Service", "Install"}
    service = keys["Service"]
    assert service["Restart"] == ["on-failure"] and service["User"] == ["kpi"]
    [start] = service["ExecStart"]
    if UNITS[name] is None:
        assert start.startswith("/usr/sbin/nginx ") and "kpi.replicas --nginx-config" in service["ExecStartPre"][0]
        return
    assert start.startswith("/opt/kpi/.venv/bin/python -m ") and python_m(start) == UNITS[name].split()
    argv = [a.replace("%i", "8501").replace("${KPI_SYNC_FROM}", "/srv/a/data") for a in python_m(start)[1:]]
    _parser().parse_args(argv)  # options `python -m kpi` knows


def test_systemd_accepts_the_units(tmp_path):
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed; the keys are checked above")
    names = []
    for name in UNITS:  # the checkout here instead of /opt/kpi: verify checks that the commands exist
        text = (DEPLOY / name).read_text(encoding="utf-8").replace("/opt/kpi", str(config.ROOT))
        name = name.replace("@.", "@8501.")
        (tmp_path / name).write_text(text, encoding="utf-8")
        names.append(str(tmp_path / name))
    done = subprocess.run(["systemd-analyze", "verify", "--man=no", *names], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr


def test_compose_runs_the_units_commands_with_restart_policies():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"replica", "publisher", "nginx"} <= set(services)
    for name in ("replica", "publisher", "nginx"):
        assert services[name]["restart"] == "on-failure", name
    assert services["publisher"]["command"][2:] == python_m(unit("kpi-publisher.service")["Service"]["ExecStart"][0])
    replica = services["replica"]["command"][2:]
    assert replica[:4] == python_m(unit("kpi-replica@.service")["Service"]["ExecStart"][0])[:4]  # kpi serve --no-publish --port
    _parser().parse_args(replica[1:])
    nginx = services["nginx"]["command"][-1]
    assert "python -m kpi.replicas --nginx-config" in nginx and "exec nginx -p" in nginx
    assert unit("kpi-nginx.service")["Service"]["ExecStart"][0].split()[1:3] == ["-p", "/run/kpi-nginx/"]
    assert services["replica"]["environment"]["STREAMLIT_SERVER_COOKIE_SECRET"].startswith("${KPI_COOKIE_SECRET:?")
    assert (DEPLOY / services["replica"]["build"]["context"] / services["replica"]["build"]["dockerfile"]).is_file()


def test_the_nginx_unit_renders_a_configuration_nginx_accepts(tmp_path):
    from kpi.replicas import main, nginx_binary

    conf = tmp_path / "nginx.conf"
    for upstreams in (["replica:8501", "10.0.0.2:8501"], ["127.0.0.1:8501", "127.0.0.1:8502"]):
        argv = ["--nginx-config", str(conf), "--address", "127.0.0.1", "--port", "8080"]
        assert main([*argv, *(a for u in upstreams for a in ("--upstream", u))]) == 0
        assert all(f"server {u};" in conf.read_text(encoding="utf-8") for u in upstreams)
    if Path(nginx_binary()).exists():  # the last one (nginx -t resolves names: addresses only)
        done = subprocess.run([nginx_binary(), "-p", f"{tmp_path}/", "-c", str(conf), "-e", str(tmp_path / "e.log"),
                               "-t", "-q"], capture_output=True, text=True, timeout=30)
        assert done.returncode == 0, done.stderr
