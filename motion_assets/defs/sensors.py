"""Workflow sensors (stopped by default): each tick requests its workflow's next batch, an unfinished one first.

A tick changes nothing when it is evaluated: the batch partition it needs is asked for in its result
(``dynamic_partitions_requests``), so previewing a tick in the UI ("Test sensor") adds nothing, and launching
from that preview adds the partition and starts the run: the UI's way to run "the next batch" of a workflow.
"""

from __future__ import annotations

from dagster import (
    DagsterRunStatus,
    DefaultSensorStatus,
    RunRequest,
    RunsFilter,
    SensorEvaluationContext,
    SensorResult,
    SkipReason,
    sensor,
)

from motion_assets.defs.jobs import loop_jobs
from motion_assets.defs.partitions import workflow_batch_keys, workflow_batches
from motion_assets.defs.resources import MotionStore
from motion_assets.defs.run_process import abandoned
from motion_assets.loop.batches import next_batch_keys
from motion_assets.loop.records import incomplete_batches
from motion_assets.origins.vocabulary import WORKFLOW_FOCUS, WORKFLOWS

#: Seconds between ticks while a workflow's sensor runs (DEFAULT_INTERVAL for a workflow not listed).
INTERVAL = {"explorer": 600, "exploiter": 600, "balanced": 900, "sound": 1200, "scenes": 900, "interpret": 300}
DEFAULT_INTERVAL = 900
IN_PROGRESS = [DagsterRunStatus.QUEUED, DagsterRunStatus.NOT_STARTED, DagsterRunStatus.STARTING,
               DagsterRunStatus.STARTED]
def runs_in_progress(instance, job_name: str) -> list:
    return [run for run in instance.get_runs(RunsFilter(job_name=job_name, statuses=IN_PROGRESS))
            if not abandoned(run)]


def workflow_run_config(workflow: str) -> dict:
    focus = WORKFLOW_FOCUS[workflow]
    return {"resources": {"loop_settings": {"config": {"extraction_focus": focus}}}} if focus else {}


def build_next_batch_sensor(workflow: str):
    job = loop_jobs[workflow]
    interval = INTERVAL.get(workflow, DEFAULT_INTERVAL)

    @sensor(
        name=f"{workflow}_next_batch_sensor",
        job=job,
        minimum_interval_seconds=interval,
        default_status=DefaultSensorStatus.STOPPED,
        description=f"Every {interval // 60} minutes while running: the next {workflow} batch (extraction "
        f"focus: {WORKFLOW_FOCUS[workflow] or 'none'}), an unfinished one first, never while one runs. To run the "
        "next batch now: Test sensor, then Launch (the batch partition is added then, not by the preview).",
    )
    def next_batch_sensor(context: SensorEvaluationContext, motion_store: MotionStore):
        running = runs_in_progress(context.instance, job.name)
        if running:
            return SkipReason(f"{workflow} batch {running[0].tags.get('dagster/partition', '?')} is still running")
        store = motion_store.tables()
        ours = workflow_batch_keys(context.instance, workflow)
        unfinished = list(incomplete_batches(store, ours))
        # Batches stored but not on the instance (a new instance over old data) are never planned again.
        new = [] if unfinished else next_batch_keys([*ours, *store.partitions("loop_prompts")], workflow, 1)
        (key,) = unfinished[:1] or new
        # One run key per attempt: a repeated tick before the run starts is a no-op, a failed batch is retried.
        attempt = context.instance.get_runs_count(RunsFilter(job_name=job.name, tags={"dagster/partition": key}))
        request = RunRequest(run_key=f"{key}@{attempt}", partition_key=key, run_config=workflow_run_config(workflow),
                             tags={"workflow": workflow})
        return SensorResult(run_requests=[request],
                            dynamic_partitions_requests=[workflow_batches[workflow].build_add_request(new)]
                            if new else [])

    return next_batch_sensor


WORKFLOW_SENSORS = [build_next_batch_sensor(w) for w in WORKFLOWS]
