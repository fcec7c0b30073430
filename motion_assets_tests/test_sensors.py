"""Workflow sensors: stopped by default; a tick asks for the next batch partition in its result (so evaluating it
changes nothing), an unfinished batch comes first, and no batch starts while one of the workflow runs."""

from __future__ import annotations

from dagster import DagsterRunStatus, DefaultSensorStatus, build_sensor_context

from motion_assets.definitions import defs
from motion_assets.defs.partitions import add_batches, all_batch_keys, workflow_batches
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
    add_batches(instance, ["explorer-000004"])
    for _ in range(2):  # a preview, then another: neither adds a partition
        data = tick(instance, data_dir, "sound_next_batch_sensor")
        (request,) = data.run_requests
        assert request.partition_key == "sound-000001" and request.run_key == "sound-000001@0"
        assert request.run_config == {"resources": {"loop_settings": {"config": {"extraction_focus": "frame"}}}}
        (add,) = data.dynamic_partitions_requests
        assert add.partitions_def_name == workflow_batches["sound"].name == "sound_batches"
        assert list(add.partition_keys) == ["sound-000001"]
    assert all_batch_keys(instance) == ["explorer-000004"]


def test_an_unfinished_batch_comes_first_and_a_running_one_blocks(instance, data_dir):
    from motion_assets.defs.jobs import loop_jobs

    # explorer-000004 was added and never run: it is the next batch, and nothing new is added.
    add_batches(instance, ["explorer-000004"])
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
    assert {key.to_user_string() for key in job.asset_layer.executable_asset_keys} == {
        "interpret/loop_prompts", "interpret/loop_interpretations", "interpret/linguistic_discoveries"}
    add_batches(instance, ["interpret-000001"])
    result = job.execute_in_process(
        instance=instance, partition_key="interpret-000001",
        resources={"motion_store": MotionStore(data_dir=str(data_dir)), "loop_settings": LoopSettings()})
    assert result.success
    store = TableStore(data_dir)
    assert store.read("loop_interpretations", "interpret-000001").num_rows == 2
    assert store.read("loop_videos", "interpret-000001") is None


def test_a_loop_batch_marks_the_registries_stale_until_they_grow(instance, data_dir):
    """The registries' up-to-date checks run in every loop job (after its discoveries) and with every registry run:
    a batch marks the registries it feeds stale, naming the batch; growing one clears its mark."""
    from dagster import AssetCheckKey, AssetKey

    from motion_assets.defs.jobs import grow_jobs, loop_jobs, registry_range_tags
    from motion_assets.defs.resources import LoopSettings

    resources = {"motion_store": MotionStore(data_dir=str(data_dir)), "loop_settings": LoopSettings()}
    add_batches(instance, ["interpret-000001"])
    result = defs.resolve_job_def(loop_jobs["interpret"].name).execute_in_process(
        instance=instance, partition_key="interpret-000001", resources=resources)
    checks = {e.check_name: e for e in result.get_asset_check_evaluations()}
    stale = checks["interpretations_up_to_date"]
    assert not stale.passed and stale.severity.value == "WARN"
    assert stale.description == "stale: 1 of 1 stored batch(es) not grown into it yet: interpret-000001"
    assert not checks["linguistic_up_to_date"].passed
    assert checks["static_colors_up_to_date"].passed  # nothing it grows from was stored

    grown = defs.resolve_job_def(grow_jobs["interpretations"].name).execute_in_process(
        instance=instance, resources=resources, tags=registry_range_tags("interpretations"))
    assert grown.success
    key = AssetCheckKey(AssetKey("interpretations"), "interpretations_up_to_date")
    latest = instance.event_log_storage.get_latest_asset_check_execution_by_key([key])[key]
    assert latest.event.dagster_event.event_specific_data.passed
    assert latest.event.dagster_event.event_specific_data.description == \
        "up to date: grown from all 1 stored batch(es)"


def test_batches_stored_before_the_instance_are_never_planned_again(instance, data_dir):
    """A new instance over old data, or one holding its batches under the old single definition: the next batch
    comes after the stored ones, and the old definition's batches move to their workflows'."""
    import pyarrow as pa

    from motion_assets.defs.partitions import adopt_legacy_batches, loop_batches
    from motion_assets.storage.tables import TableStore

    TableStore(data_dir).write("loop_prompts", "explorer-000002", pa.table({"job_id": ["explorer-000002-v00"]}))
    data = tick(instance, data_dir, "explorer_next_batch_sensor")
    assert [r.partition_key for r in data.run_requests] == ["explorer-000003"]
    instance.add_dynamic_partitions(loop_batches.name, ["explorer-000001", "sound-000001"])
    assert adopt_legacy_batches(instance) == ["explorer-000001", "sound-000001"]
    assert adopt_legacy_batches(instance) == []
    assert all_batch_keys(instance) == ["explorer-000001", "sound-000001"]
    assert instance.get_dynamic_partitions(loop_batches.name) == []
