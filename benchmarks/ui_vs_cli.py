"""UI against CLI: one loop batch launched as the Dagster UI launches it (GraphQL `launchRun` on a running
`motion-assets ui`: queued, then a run worker process started by the daemon) against one launched by the command
line (`run_loop_batch`, in this process), on the same instance, same workflow and same batch size.

Reported per path: the run's own duration (the instance's run stats: first to last step event) and the wall time
from launch to success; then the ratio UI / CLI (issue 16 asks for at most 1.5 per batch).

    python benchmarks/ui_vs_cli.py [--videos-per-batch K] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

LAUNCH = """
mutation($params: ExecutionParams!) {
  launchRun(executionParams: $params) {
    __typename
    ... on LaunchRunSuccess { run { runId } }
    ... on PythonError { message }
    ... on RunConfigValidationInvalid { errors { message } }
  }
}
"""
STATUS = """query($id: ID!) { runOrError(runId: $id) { ... on Run { status } } }"""
LOADED = """{ locationStatusesOrError { ... on WorkspaceLocationStatusEntries { entries { loadStatus } } } }"""


def graphql(port: int, query: str, variables: dict | None = None) -> dict:
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=body,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())["data"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--videos-per-batch", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="ui-vs-cli-"))
    os.environ.update(DAGSTER_HOME=str(root / "dagster_home"), MOTION_DATA_DIR=str(root / "data"))
    from motion_assets.cli import prepare_dagster_home

    prepare_dagster_home()
    from motion_assets.defs.partitions import add_batches
    from motion_assets.defs.runs import persistent_instance, run_loop_batch

    port = free_port()
    ui = subprocess.Popen([sys.executable, "-m", "motion_assets.cli", "ui", "--port", str(port)], cwd=REPO_ROOT,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    figures = {}
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                entries = graphql(port, LOADED)["locationStatusesOrError"]["entries"]
                if entries and all(e["loadStatus"] == "LOADED" for e in entries):
                    break
            except OSError:
                pass
            time.sleep(1)
        with persistent_instance() as instance:
            add_batches(instance, ["explorer-000001", "explorer-000002"])
            settings = {"resources": {"loop_settings": {"config": {"videos_per_batch": args.videos_per_batch}}}}
            started = time.monotonic()
            launched = graphql(port, LAUNCH, {"params": {
                "selector": {"repositoryLocationName": "motion_assets", "repositoryName": "__repository__",
                             "jobName": "explorer_loop_job"},
                "runConfigData": settings,
                "executionMetadata": {"tags": [{"key": "dagster/partition", "value": "explorer-000001"}]}}})
            result = launched["launchRun"]
            if result["__typename"] != "LaunchRunSuccess":
                raise SystemExit(f"launch failed: {result}")
            run_id = result["run"]["runId"]
            while True:
                status = graphql(port, STATUS, {"id": run_id})["runOrError"]["status"]
                if status in ("SUCCESS", "FAILURE", "CANCELED"):
                    break
                time.sleep(0.5)
            if status != "SUCCESS":
                raise SystemExit(f"the UI run ended {status}")
            stats = instance.get_run_stats(run_id)
            figures["ui"] = {"run_s": round(stats.end_time - stats.start_time, 2),
                             "wall_s": round(time.monotonic() - started, 2)}
            started = time.monotonic()
            cli_run = run_loop_batch(instance, "explorer", "explorer-000002", args.videos_per_batch)["run_id"]
            stats = instance.get_run_stats(cli_run)
            figures["cli"] = {"run_s": round(stats.end_time - stats.start_time, 2),
                              "wall_s": round(time.monotonic() - started, 2)}
    finally:
        ui.send_signal(signal.SIGTERM)
        try:
            ui.wait(timeout=90)
        except subprocess.TimeoutExpired:
            os.killpg(ui.pid, signal.SIGKILL)
    figures["ratio_run"] = round(figures["ui"]["run_s"] / figures["cli"]["run_s"], 2)
    figures["ratio_wall"] = round(figures["ui"]["wall_s"] / figures["cli"]["wall_s"], 2)
    if args.json:
        print(json.dumps(figures))
    else:
        for path in ("ui", "cli"):
            print(f"{path:>4}: run {figures[path]['run_s']:6.2f} s, launch to success {figures[path]['wall_s']:6.2f} s")
        print(f"UI / CLI: run {figures['ratio_run']}x, launch to success {figures['ratio_wall']}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
