"""Workflow schedules: stopped by default; a tick registers the next batch partition and requests its run."""

from __future__ import annotations

from datetime import datetime, timezone

from dagster import DefaultScheduleStatus, build_schedule_context

from motion_assets.definitions import defs
from motion_assets.defs.partitions import loop_batches
from motion_assets.defs.schedules import WORKFLOW_SCHEDULES


def test_schedules_are_stopped_by_default_and_target_their_workflow_job():
    for schedule in WORKFLOW_SCHEDULES:
        workflow = schedule.name.removesuffix("_schedule")
        assert schedule.default_status == DefaultScheduleStatus.STOPPED
        assert schedule.job_name == f"{workflow}_loop_job"


def test_a_tick_adds_the_next_batch_and_requests_it(instance):
    schedule = next(s for s in WORKFLOW_SCHEDULES if s.name == "sound_schedule")
    instance.add_dynamic_partitions(loop_batches.name, ["sound-000001", "explorer-000004"])
    context = build_schedule_context(
        instance=instance,
        scheduled_execution_time=datetime(2026, 11, 25, 6, 20, tzinfo=timezone.utc),
        repository_def=defs.get_repository_def(),
    )
    data = schedule.evaluate_tick(context)
    (request,) = data.run_requests
    assert request.partition_key == "sound-000002"
    assert request.run_key == "sound-20261125T0620"
    assert instance.has_dynamic_partition(loop_batches.name, "sound-000002")
