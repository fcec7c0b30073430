"""Workflow sensors: stopped by default; a tick asks for the next batch partition in its result (so evaluating it
changes nothing), an unfinished batch comes first, and no batch starts while one of the workflow runs."""

from __future__ import annotations

from dagster import DagsterRunStatus, DefaultSensorStatus, build_sensor_context

from motion_assets.definitions import defs
from motion_assets.defs.partitions import loop_batches
from motion_assets.defs.resources import MotionStore
from motion_assets.defs.sensors import WORKFLOW_SENSORS


def sensor_named(name):
    return next(s for s in WORKFLOW_SENSORS if s.name == name)


def tick(instance, data_dir, name):
    context = build_sensor_context(instance=instance, instance_ref=instance.get_ref(),
                                   repository_def=defs.get_repository_def(),
                                   resources={"motion_store": MotionStore(data_dir=str(data_dir))})
    return sensor_named(name).evaluate_tick(context)


def test_sensors_are_stopped_by_default_and_target_their_workflow_job():
    for sensor in WORKFLOW_SENSORS:
        workflow = sensor.name.removesuffix("_next_batch_sensor")
        assert sensor.default_status == DefaultSensorStatus.STOPPED
        assert sensor.job_name == f"{workflow}_loop_job"
    growth = next(s for s in defs.sensors if s.name == "registry_growth_sensor")
    assert growth.default_status == DefaultSensorStatus.RUNNING  # UI runs grow the registries too


def test_a_tick_requests_the_next_batch_without_adding_it(instance, data_dir):
    instance.add_dynamic_partitions(loop_batches.name, ["explorer-000004"])
    for _ in range(2):  # a preview, then another: neither adds a partition
        data = tick(instance, data_dir, "sound_next_batch_sensor")
        (request,) = data.run_requests
        assert request.partition_key == "sound-000001" and request.run_key == "sound-000001@0"
        assert request.run_config == {"resources": {"loop_settings": {"config": {"extraction_focus": "frame"}}}}
        (add,) = data.dynamic_partitions_requests
        assert add.partitions_def_name == loop_batches.name and list(add.partition_keys) == ["sound-000001"]
    assert instance.get_dynamic_partitions(loop_batches.name) == ["explorer-000004"]


def test_an_unfinished_batch_comes_first_and_a_running_one_blocks(instance, data_dir):
    from motion_assets.defs.jobs import loop_jobs

    # explorer-000004 was added and never run: it is the next batch, and nothing new is added.
    instance.add_dynamic_partitions(loop_batches.name, ["explorer-000004"])
    data = tick(instance, data_dir, "explorer_next_batch_sensor")
    assert [r.partition_key for r in data.run_requests] == ["explorer-000004"]
    assert not data.dynamic_partitions_requests
    job = defs.resolve_job_def(loop_jobs["explorer"].name)
    instance.create_run_for_job(job, status=DagsterRunStatus.STARTED, tags={"dagster/partition": "explorer-000004"})
    data = tick(instance, data_dir, "explorer_next_batch_sensor")
    assert not data.run_requests and "explorer-000004 is still running" in data.skip_message


def test_every_workflow_has_a_sensor_and_interpret_renders_nothing(instance, data_dir):
    from motion_assets.defs.jobs import loop_jobs
    from motion_assets.defs.resources import LoopSettings
    from motion_assets.origins.vocabulary import WORKFLOWS
    from motion_assets.storage.tables import TableStore

    assert {s.name for s in WORKFLOW_SENSORS} == {f"{w}_next_batch_sensor" for w in WORKFLOWS}
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
