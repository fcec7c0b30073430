"""UI against CLI: one loop batch launched as the Dagster UI launches it (GraphQL `launchRun` on a running
`motion-assets ui`: queued, then a run worker process started by the daemon) against one launched by the command
line, on the same instance, same workflow and same batch size. The command line is measured two ways: as a user
runs it (`motion-assets loop --batches 1`, a new process: from its start to the batch run's success, the
registry growth that follows left out since a UI batch leaves it to the automation), and as a batch started in
this benchmark's own process (`run_loop_batch`: imports done and caches warm, a lower bound no user sees).

Reported per path: the run's own duration (the instance's run stats: first to last step event) and the wall time
from launch to success; then the ratios UI / command and UI / in-process batch (issue 16 asks for at most 1.5
per batch).

    python benchmarks/ui_vs_cli.py [--videos-per-batch K] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
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


#: Where a UI run's launch-to-success time goes, from its event log: waiting in the run queue for the daemon,
#: the run worker process starting (a fresh interpreter loading the code location), the run itself.
PHASES = ("queued_s", "worker_start_s", "steps_s")


def ui_batch_figures(port: int, instance, batch: str, videos_per_batch: int) -> dict:
    from dagster import DagsterEventType

    settings = {"resources": {"loop_settings": {"config": {"videos_per_batch": videos_per_batch}}}}
    started = time.time()
    launched = graphql(port, LAUNCH, {"params": {
        "selector": {"repositoryLocationName": "motion_assets", "repositoryName": "__repository__",
                     "jobName": "explorer_loop_job"},
        "runConfigData": settings,
        "executionMetadata": {"tags": [{"key": "dagster/partition", "value": batch}]}}})
    result = launched["launchRun"]
    if result["__typename"] != "LaunchRunSuccess":
        raise SystemExit(f"launch failed: {result}")
    run_id = result["run"]["runId"]
    while True:
        status = graphql(port, STATUS, {"id": run_id})["runOrError"]["status"]
        if status in ("SUCCESS", "FAILURE", "CANCELED"):
            break
        # As often as the UI's run page asks; the end is read from the run's own success event, not from the poll.
        time.sleep(1.0)
    if status != "SUCCESS":
        raise SystemExit(f"the UI run ended {status}")
    stats = instance.get_run_stats(run_id)
    moments = {}
    for record in instance.all_logs(run_id):
        event = record.dagster_event
        if event is not None and event.event_type not in moments:
            moments[event.event_type] = record.timestamp
    enqueued = moments[DagsterEventType.PIPELINE_ENQUEUED]
    starting = moments[DagsterEventType.PIPELINE_STARTING]
    start = moments[DagsterEventType.PIPELINE_START]
    wall = moments[DagsterEventType.PIPELINE_SUCCESS] - started
    return {"run_s": round(stats.end_time - stats.start_time, 2), "wall_s": round(wall, 2),
            "queued_s": round(starting - enqueued, 2), "worker_start_s": round(start - starting, 2),
            "steps_s": round(moments[DagsterEventType.PIPELINE_SUCCESS] - start, 2)}


def command_batch_figures(instance, batch: str, videos_per_batch: int) -> dict:
    """`motion-assets loop --batches 1` as a user runs it; ``batch`` is the one it adds. The wall time runs from the
    command's start to its batch run's success event; the command is then left to finish its registry growth."""
    from dagster import DagsterEventType, RunsFilter

    started = time.time()
    command = subprocess.run([sys.executable, "-m", "motion_assets.cli", "loop", "--batches", "1",
                              "--videos-per-batch", str(videos_per_batch)], cwd=REPO_ROOT, capture_output=True,
                             text=True, timeout=900)
    if command.returncode != 0:
        raise SystemExit(f"motion-assets loop failed: {command.stderr[-2000:]}")
    (run,) = instance.get_runs(RunsFilter(job_name="explorer_loop_job", tags={"dagster/partition": batch}))
    stats = instance.get_run_stats(run.run_id)
    (success,) = instance.all_logs(run.run_id, of_type=DagsterEventType.PIPELINE_SUCCESS)
    return {"run_s": round(stats.end_time - stats.start_time, 2), "wall_s": round(success.timestamp - started, 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--videos-per-batch", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
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
    figures = {"ui": [], "command": [], "cli": []}
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
            # The three paths alternate, so a change in the machine's load falls on all of them alike. Batches are
            # added as they run: the command completes every batch added and not run before it adds its own.
            for repeat in range(args.repeats):
                ui_batch, cli_batch = f"explorer-{3 * repeat + 1:06d}", f"explorer-{3 * repeat + 2:06d}"
                add_batches(instance, [ui_batch])
                figures["ui"].append(ui_batch_figures(port, instance, ui_batch, args.videos_per_batch))
                add_batches(instance, [cli_batch])
                started = time.monotonic()
                cli_run = run_loop_batch(instance, "explorer", cli_batch, args.videos_per_batch)["run_id"]
                stats = instance.get_run_stats(cli_run)
                figures["cli"].append({"run_s": round(stats.end_time - stats.start_time, 2),
                                       "wall_s": round(time.monotonic() - started, 2)})
                figures["command"].append(command_batch_figures(instance, f"explorer-{3 * repeat + 3:06d}",
                                                                args.videos_per_batch))
    finally:
        ui.send_signal(signal.SIGTERM)
        try:
            ui.wait(timeout=90)
        except subprocess.TimeoutExpired:
            os.killpg(ui.pid, signal.SIGKILL)
    for path in ("ui", "command", "cli"):
        figures[path + "_median"] = {field: round(statistics.median(run[field] for run in figures[path]), 2)
                                     for field in figures[path][0]}
    for path in ("command", "cli"):
        figures[f"ratio_run_{path}"] = round(figures["ui_median"]["run_s"] / figures[path + "_median"]["run_s"], 2)
        figures[f"ratio_wall_{path}"] = round(figures["ui_median"]["wall_s"] / figures[path + "_median"]["wall_s"],
                                              2)
    if args.json:
        print(json.dumps(figures))
    else:
        for path in ("ui", "command", "cli"):
            for run in figures[path]:
                phases = ", ".join(f"{name} {run[name]:.2f} s" for name in PHASES if name in run)
                print(f"{path:>7}: run {run['run_s']:6.2f} s, launch to success {run['wall_s']:6.2f} s"
                      + (f"  ({phases})" if phases else ""))
        for path, label in (("command", "`motion-assets loop --batches 1`"), ("cli", "in-process batch")):
            print(f"median UI / {label} over {args.repeats}: run {figures[f'ratio_run_{path}']}x, "
                  f"launch to success {figures[f'ratio_wall_{path}']}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
