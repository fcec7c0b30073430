"""The instance's run launcher (the one the UI, schedules and sensors launch through): a run starts in a worker
forked from the warm forkserver, succeeds there, and a terminate request ends a running one canceled."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from dagster import DagsterEventType, DagsterInstance, DagsterRunStatus

from motion_assets.definitions import defs
from motion_assets.defs.partitions import add_batches
from motion_assets.defs import run_launcher
from motion_assets.defs.run_launcher import WarmQueuedRunCoordinator, WarmRunLauncher, started_as_dagster_daemon
from motion_assets.defs.run_process import PID_TAG, abandoned
from motion_assets.defs.runs import create_location_run

pytestmark = pytest.mark.slow


def wait_for(instance: DagsterInstance, run_id: str, statuses, timeout: float = 240.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = instance.get_run_by_id(run_id)
        if run.status in statuses:
            return run
        time.sleep(0.2)
    raise AssertionError(f"run {run_id} still {run.status} after {timeout} s")


def engine_messages(instance: DagsterInstance, run_id: str) -> list[str]:
    return [record.message for record in instance.all_logs(run_id, of_type=DagsterEventType.ENGINE_EVENT)]


def test_a_run_starts_in_a_warm_worker_and_a_terminated_run_ends_canceled(tmp_path, monkeypatch):
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))
    monkeypatch.setenv("MOTION_DATA_DIR", str(tmp_path / "data"))
    from motion_assets.cli import prepare_dagster_home

    prepare_dagster_home()
    finished = (DagsterRunStatus.SUCCESS, DagsterRunStatus.FAILURE, DagsterRunStatus.CANCELED)
    with DagsterInstance.get() as instance:
        assert isinstance(instance.run_launcher, WarmRunLauncher)
        # The run queue is Dagster's, read every second; only the daemon starts the forkserver when it loads it.
        assert isinstance(instance.run_coordinator, WarmQueuedRunCoordinator)
        assert instance.run_coordinator.dequeue_interval_seconds == 1
        assert not started_as_dagster_daemon()
        _, run = create_location_run(instance, "learn_words_job", {})
        instance.launch_run(run.run_id, workspace=None)
        done = wait_for(instance, run.run_id, finished)
        assert done.status == DagsterRunStatus.SUCCESS, engine_messages(instance, run.run_id)
        worker = int(done.tags[PID_TAG])
        assert worker != os.getpid()
        assert f"Started process for run (pid: {worker})." in engine_messages(instance, run.run_id)
        # The worker exits once the run is done (and is reaped): a run still "started" whose worker is gone reads
        # as abandoned.
        deadline = time.monotonic() + 60
        while not abandoned(done):
            assert time.monotonic() < deadline, f"worker {worker} still alive a minute after its run ended"
            time.sleep(0.2)

        # The forkserver holds the code it imported: after an edit (here a source file's modification time) the
        # next run is forked from a new one.
        from multiprocessing import forkserver

        first_forkserver = forkserver._forkserver._forkserver_pid
        source = Path(run_launcher.__file__)
        status = source.stat()
        os.utime(source, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))
        try:
            add_batches(instance, ["explorer-000001"])
            _, batch = create_location_run(instance, "explorer_loop_job", {}, partition_key="explorer-000001")
            instance.launch_run(batch.run_id, workspace=None)
        finally:
            os.utime(source, ns=(status.st_atime_ns, status.st_mtime_ns))
        assert forkserver._forkserver._forkserver_pid not in (None, first_forkserver)
        deadline = time.monotonic() + 240
        while not instance.all_logs(batch.run_id, of_type=DagsterEventType.STEP_START):
            assert time.monotonic() < deadline, "the batch's first step never started"
            time.sleep(0.2)
        assert instance.run_launcher.terminate(batch.run_id)
        ended = wait_for(instance, batch.run_id, finished)
        assert ended.status == DagsterRunStatus.CANCELED
        assert not instance.run_launcher.terminate(batch.run_id)  # a finished run has nothing to stop

        # A lost interrupt (Python drops a handler's exception raised inside a garbage collector's callback) still
        # cancels: the worker interrupts itself again while its run reads "canceling".
        add_batches(instance, ["explorer-000002"])
        _, lost = create_location_run(instance, "explorer_loop_job", {}, partition_key="explorer-000002")
        instance.launch_run(lost.run_id, workspace=None)
        while not instance.all_logs(lost.run_id, of_type=DagsterEventType.STEP_START):
            assert time.monotonic() < deadline, "the second batch's first step never started"
            time.sleep(0.2)
        instance.report_run_canceling(instance.get_run_by_id(lost.run_id))
        assert wait_for(instance, lost.run_id, finished).status == DagsterRunStatus.CANCELED

        # A worker whose code cannot be imported fails its run with the reason instead of leaving it "starting".
        origin = run.job_code_origin
        pointer = origin.repository_origin.code_pointer._replace(module="motion_assets.no_such_module")
        broken_origin = origin._replace(repository_origin=origin.repository_origin._replace(code_pointer=pointer))
        broken = instance.create_run_for_job(defs.resolve_job_def("learn_words_job"), run_config={},
                                             remote_job_origin=run.remote_job_origin, job_code_origin=broken_origin)
        instance.launch_run(broken.run_id, workspace=None)
        assert wait_for(instance, broken.run_id, finished).status == DagsterRunStatus.FAILURE
        messages = [record.message + str(record.dagster_event.event_specific_data if record.dagster_event else "")
                    for record in instance.all_logs(broken.run_id)]
        assert any("motion_assets.no_such_module" in message for message in messages), messages
