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
    assert request.run_config == {"resources": {"loop_settings": {"config": {"extraction_focus": "frame"}}}}


def test_every_workflow_has_a_schedule_and_interpret_renders_nothing(instance, data_dir):
    from motion_assets.defs.jobs import loop_jobs
    from motion_assets.defs.resources import LoopSettings, MotionStore
    from motion_assets.origins.vocabulary import WORKFLOWS
    from motion_assets.storage.tables import TableStore

    assert {s.name for s in WORKFLOW_SCHEDULES} == {f"{w}_schedule" for w in WORKFLOWS}
    job = defs.resolve_job_def(loop_jobs["interpret"].name)
    assert {key.path[-1] for key in job.asset_layer.executable_asset_keys} == {
        "loop_prompts", "loop_interpretations", "linguistic_discoveries"}
    instance.add_dynamic_partitions(loop_batches.name, ["interpret-000001"])
    result = job.execute_in_process(
        instance=instance, partition_key="interpret-000001",
        resources={"motion_store": MotionStore(data_dir=str(data_dir)), "loop_settings": LoopSettings()})
    assert result.success
    store = TableStore(data_dir)
    assert store.read("loop_interpretations", "interpret-000001").num_rows == 2
    assert store.read("loop_videos", "interpret-000001") is None
