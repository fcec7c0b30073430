"""The code location served by a real dagster-webserver: asset keys and lineage over GraphQL."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from motion_assets_tests.conftest import REPO_ROOT

QUERY = """
{
  locationStatusesOrError { ... on WorkspaceLocationStatusEntries { entries { name loadStatus } } }
  assetNodes { assetKey { path } dependencyKeys { path } hasAssetChecks groupName }
}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def graphql(port: int, query: str) -> dict:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=json.dumps({"query": query}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())["data"]


@contextmanager
def running_webserver(tmp_path: Path, env: dict[str, str] | None = None):
    """dagster-webserver on a free loopback port over the repository's workspace; yields (port, first answer)."""
    if env is None:
        home = tmp_path / "dagster_home"
        home.mkdir()
        (home / "dagster.yaml").write_text((REPO_ROOT / "dagster.yaml").read_text())
        env = dict(os.environ, DAGSTER_HOME=str(home), MOTION_DATA_DIR=str(tmp_path / "data"))
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "dagster_webserver", "-w", str(REPO_ROOT / "workspace.yaml"), "-h", "127.0.0.1",
         "-p", str(port)],
        cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 120
        data = None
        while time.monotonic() < deadline:
            try:
                data = graphql(port, QUERY)
                entries = data["locationStatusesOrError"]["entries"]
                if entries and all(e["loadStatus"] == "LOADED" for e in entries) and data["assetNodes"]:
                    break
            except OSError:
                pass
            assert server.poll() is None, server.stderr.read().decode(errors="replace")[-2000:]
            time.sleep(1)
        assert data, "webserver never answered"
        yield port, data
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def test_webserver_serves_assets_and_lineage(tmp_path):
    from motion_assets.origins.vocabulary import RENDER_WORKFLOWS

    with running_webserver(tmp_path) as (_, data):
        assert [e["name"] for e in data["locationStatusesOrError"]["entries"]] == ["motion_assets"]
        nodes = {"/".join(n["assetKey"]["path"]): n for n in data["assetNodes"]}
        for registry in ("static_colors", "static_sound", "dynamic_blends", "narrative", "linguistic",
                         "interpretations"):
            assert registry in nodes and nodes[registry]["hasAssetChecks"]
        deps = {name: {"/".join(d["path"]) for d in node["dependencyKeys"]} for name, node in nodes.items()}
        assert deps["static_colors"] == {f"{w}/frame_discoveries" for w in RENDER_WORKFLOWS}
        assert deps["explorer/frame_discoveries"] == {"explorer/loop_videos"}
        assert deps["sound/loop_videos"] == {"sound/loop_specs"}
        assert nodes["sound/loop_videos"]["groupName"] == "sound_loop"


@pytest.mark.slow
@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_motion_assets_ui_in_the_background_is_quiet_and_stops_on_a_signal(tmp_path, stop_signal):
    env = dict(os.environ, DAGSTER_HOME=str(tmp_path / "dagster_home"), MOTION_DATA_DIR=str(tmp_path / "data"))
    errors = ""
    port = free_port()
    # As `motion-assets ui &` from a script: SIGINT ignored in the process, its own process group.
    ui = subprocess.Popen([sys.executable, "-m", "motion_assets.cli", "ui", "--port", str(port)], cwd=REPO_ROOT,
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                entries = graphql(port, QUERY)["locationStatusesOrError"]["entries"]
                if entries and all(e["loadStatus"] == "LOADED" for e in entries):
                    break
            except OSError:
                pass
            assert ui.poll() is None, ui.stdout.read()[-2000:]
            time.sleep(1)
        else:
            pytest.fail("motion-assets ui never served the code location")
        ui.send_signal(stop_signal)
        errors, _ = ui.communicate(timeout=90)
    finally:
        if ui.poll() is None:
            os.killpg(ui.pid, signal.SIGKILL)
            ui.wait()
    assert ui.returncode == 0, errors[-2000:]
    assert "Dagster services shut down" in errors
    with pytest.raises(OSError):  # nothing listens any more
        graphql(port, QUERY)
    # Quiet: no dagster.yaml warning, no superseded-command or beta warnings.
    assert "WARNING" not in errors and "Warning" not in errors, errors[-3000:]
