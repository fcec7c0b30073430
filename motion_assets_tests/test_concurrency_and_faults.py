"""Several runs at once on one data directory and one instance, a run killed mid-write, and retried steps: the
registries always equal those of a clean sequential run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from dagster import DagsterInstance

from motion_assets.defs.runs import grow_registries
from motion_assets.storage.tables import TableStore
from motion_assets_tests.conftest import REPO_ROOT

BATCHES = ["explorer-000001", "exploiter-000001", "balanced-000001", "sound-000001"]


def environment(root: Path) -> dict[str, str]:
    home = root / "dagster_home"
    home.mkdir(parents=True, exist_ok=True)
    (home / "dagster.yaml").write_text((REPO_ROOT / "dagster.yaml").read_text())
    return {**os.environ, "DAGSTER_HOME": str(home), "MOTION_DATA_DIR": str(root / "data")}


def start(env: dict[str, str], *batches: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "motion_assets_tests.materialize_batch", *batches], env=env,
                            cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish(process: subprocess.Popen) -> None:
    output, _ = process.communicate(timeout=600)
    assert process.returncode == 0, output[-3000:]


def grown_registries(env: dict[str, str], monkeypatch) -> dict[str, bytes]:
    monkeypatch.setenv("DAGSTER_HOME", env["DAGSTER_HOME"])
    monkeypatch.setenv("MOTION_DATA_DIR", env["MOTION_DATA_DIR"])
    with DagsterInstance.get() as instance:
        grow_registries(instance)
    tables = Path(env["MOTION_DATA_DIR"]) / "tables"
    return {str(p.relative_to(tables)): p.read_bytes() for p in sorted(tables.glob("registry_*/*.parquet"))}


@pytest.fixture(scope="module")
def sequential(tmp_path_factory) -> dict[str, str]:
    env = environment(tmp_path_factory.mktemp("sequential"))
    finish(start(env, *BATCHES))
    return env


@pytest.mark.slow
def test_four_concurrent_runs_equal_a_sequential_run(tmp_path, sequential, monkeypatch):
    env = environment(tmp_path)
    processes = [start(env, batch) for batch in BATCHES]
    for process in processes:
        finish(process)
    concurrent = grown_registries(env, monkeypatch)
    expected = grown_registries(sequential, monkeypatch)
    assert concurrent and concurrent == expected
    assert not list(Path(env["MOTION_DATA_DIR"]).rglob("*.tmp"))


@pytest.mark.slow
def test_a_run_killed_mid_write_then_rerun_leaves_the_clean_result(tmp_path, sequential, monkeypatch):
    env = environment(tmp_path)
    data = Path(env["MOTION_DATA_DIR"])
    process = start(env, *BATCHES)
    deadline = time.monotonic() + 300
    # Kill the moment a temporary file exists: a write is under way (an MP4, a WAV or a Parquet table).
    while time.monotonic() < deadline and process.poll() is None:
        if any(data.rglob(".*tmp")) and any(data.rglob("*.parquet")):
            break
        time.sleep(0.005)
    assert process.poll() is None, "the run ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    for path in (data / "tables").rglob("*.parquet"):  # whatever is visible is whole
        import pyarrow.parquet as pq

        pq.read_table(path)
    finish(start(env, *BATCHES))
    assert grown_registries(env, monkeypatch) == grown_registries(sequential, monkeypatch)
    assert not [p for p in (data / "media").rglob(".*")]  # no partial media left beside the videos


def test_a_retried_step_counts_nothing_twice(instance, data_dir, monkeypatch):
    from dagster import materialize

    from motion_assets.defs import loop_assets
    from motion_assets.defs.loop_assets import LOOP_ASSETS
    from motion_assets.defs.partitions import loop_batches
    from motion_assets.defs.resources import LoopSettings, MotionStore

    real, calls = loop_assets.measure_video, []

    def fails_once_midway(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:  # the first video's rows are computed, the second fails
            raise OSError("transient: ffmpeg was killed")
        return real(*args, **kwargs)

    monkeypatch.setattr(loop_assets, "measure_video", fails_once_midway)
    instance.add_dynamic_partitions(loop_batches.name, ["explorer-000001"])
    result = materialize(LOOP_ASSETS, instance=instance, partition_key="explorer-000001",
                         resources={"motion_store": MotionStore(data_dir=str(data_dir)),
                                    "loop_settings": LoopSettings(videos_per_batch=2)})
    assert result.success and len(calls) == 4
    assert any(e.event_type_value == "STEP_UP_FOR_RETRY" for e in result.all_events)
    store = TableStore(data_dir)
    rows = store.read("frame_discoveries", "explorer-000001").to_pylist()
    per_job = {}
    for row in rows:
        per_job[row["job_id"]] = per_job.get(row["job_id"], 0) + 1
    # Each video contributes its cells once: 112 colour cells and 1 sound cell per frame, 24 frames.
    assert per_job == {"explorer-000001-v00": 24 * 113, "explorer-000001-v01": 24 * 113}
    assert len(store.read("discovery_records", "explorer-000001")) == 2
