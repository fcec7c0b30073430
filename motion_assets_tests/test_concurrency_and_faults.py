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
@pytest.mark.xdist_group("sequential_batches")  # one worker builds the shared sequential result once
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
@pytest.mark.xdist_group("sequential_batches")
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
    from motion_assets.defs.workflow_assets import loop_assets_for
    from motion_assets.defs.partitions import add_batches
    from motion_assets.defs.resources import LoopSettings, MotionStore

    real, calls = loop_assets.measure_video, []

    def fails_once_midway(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:  # the first video's rows are computed, the second fails
            raise OSError("transient: ffmpeg was killed")
        return real(*args, **kwargs)

    monkeypatch.setattr(loop_assets, "measure_video", fails_once_midway)
    add_batches(instance, ["explorer-000001"])
    result = materialize(loop_assets_for("explorer-000001"), instance=instance, partition_key="explorer-000001",
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


# --- `motion-assets loop` killed at several points of a batch, then run again -----------------------------------

def cli(env: dict[str, str], batches: int, parallel: int = 1, **popen) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "motion_assets.cli", "loop", "--batches", str(batches),
                             "--videos-per-batch", "1", "--parallel", str(parallel)], env=env, cwd=REPO_ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            **popen)


def cli_done(process: subprocess.Popen) -> str:
    output, errors = process.communicate(timeout=600)
    assert process.returncode == 0, errors[-3000:]
    return output + errors


def registry_files(env: dict[str, str]) -> dict[str, bytes]:
    tables = Path(env["MOTION_DATA_DIR"]) / "tables"
    return {str(p.relative_to(tables)): p.read_bytes() for p in sorted(tables.glob("registry_*/*.parquet"))}


def without_names(files: dict[str, bytes]) -> dict[str, list[dict]]:
    import io

    import pyarrow.parquet as pq

    tables = {path: pq.read_table(io.BytesIO(body)) for path, body in files.items()}
    for path, table in tables.items():
        names = table.column("name").to_pylist() if "name" in table.column_names else []
        assert len(names) == len(set(names)), path
    return {path: table.drop_columns([c for c in ("name",) if c in table.column_names]).to_pylist()
            for path, table in tables.items()}


#: Where a batch can be when the machine goes: the test kills `loop --batches 2` (its whole process group, ffmpeg
#: included) the moment the condition holds, then runs `loop --batches 1`.
KILL_POINTS = {
    # Batch 1 mid-encode: batch 2 has been added and never run.
    "batch 1 encoding its video": lambda data: any((data / "media" / "explorer-000001").glob(".encode-*")),
    "batch 2 prompts stored": lambda data: (data / "tables" / "loop_prompts" / "explorer-000002.parquet").exists(),
    "batch 2 videos stored, no discoveries": lambda data: (
        data / "tables" / "loop_videos" / "explorer-000002.parquet").exists(),
    "registries growing": lambda data: any((data / "tables").glob("registry_*/*.parquet")),
}


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory) -> dict[str, bytes]:
    """`loop --batches 3` with its three batches at once; the killed loops below run theirs one after another
    (and complete them as the default --parallel decides), so equal registries also say that batches run at once
    store what batches run in order store."""
    from dagster import RunsFilter

    env = environment(tmp_path_factory.mktemp("uninterrupted"))
    output = cli_done(cli(env, 3, parallel=3))
    assert "running up to 3 explorer batches at once" in output
    with DagsterInstance.from_config(env["DAGSTER_HOME"]) as instance:
        runs = instance.get_run_records(RunsFilter(job_name="explorer_loop_job"))
    assert len(runs) == 3 and all(r.start_time and r.end_time for r in runs)
    # The three runs were under way together: each started before any of them ended.
    assert max(r.start_time for r in runs) < min(r.end_time for r in runs), "the batches ran one after another"
    return registry_files(env)


@pytest.mark.slow
@pytest.mark.xdist_group("uninterrupted_loop")  # one worker runs the shared uninterrupted loop once
@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_a_killed_loop_loses_nothing(tmp_path, uninterrupted, point):
    from dagster import AssetCheckKey, AssetKey

    from motion_assets.loop.batches import unfinished_batches
    from motion_assets.loop.records import incomplete_batches

    env = environment(tmp_path)
    data = Path(env["MOTION_DATA_DIR"])
    process = cli(env, 2)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None and not KILL_POINTS[point](data):
        time.sleep(0.005)
    assert process.poll() is None, f"the loop ended before {point}: {process.communicate()[1][-2000:]}"
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
    store = TableStore(data)
    batches = ["explorer-000001", "explorer-000002"]
    gaps = incomplete_batches(store, batches)
    broken, waiting = unfinished_batches(batches, gaps)
    if point == "registries growing":
        assert not gaps  # both batches finished before the registries grew
    else:
        assert gaps, "the kill left every batch complete"
        # What the batches_complete check names: a started batch is broken; a batch never run waits.
        assert broken and set(broken) | set(waiting) == set(gaps)

    output = cli_done(cli(env, 1, parallel=2))  # the unfinished batches and the new one, two at a time
    if gaps:
        assert f"completing {len(gaps)} unfinished explorer batch(es) first: {', '.join(gaps)}" in output
    assert "explorer-000003" in output
    if point == "registries growing":
        # Names once given are kept (only backfill-names renames): a registry the killed run had grown named its
        # keys from two batches, so where two keys competed for a name the holder may differ. Everything else is
        # equal, and every name is unique.
        assert without_names(registry_files(env)) == without_names(uninterrupted)
    else:
        assert registry_files(env) == uninterrupted
    assert not incomplete_batches(store, [*batches, "explorer-000003"])
    with DagsterInstance.from_config(env["DAGSTER_HOME"]) as instance:
        for registry in ("static_colors", "dynamic_blends"):
            evaluation = instance.event_log_storage.get_latest_asset_check_execution_by_key(
                [AssetCheckKey(AssetKey(registry), "batches_complete")])
            record = evaluation[AssetCheckKey(AssetKey(registry), "batches_complete")]
            assert record.event.dagster_event.event_specific_data.passed, registry
