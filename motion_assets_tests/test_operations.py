"""The operator's signals: extraction focus, growth lines, learning and discovery records on every loop job."""

from __future__ import annotations

import json

import pytest
from dagster import materialize

from motion_assets.defs import loop_assets
from motion_assets.defs.workflow_assets import loop_assets_for
from motion_assets.defs.partitions import add_batches
from motion_assets.defs.resources import LoopSettings, MotionStore
from motion_assets.loop.records import FocusConfigError, missing_records, resolve_focus
from motion_assets.storage.tables import TableStore


def run(instance, data_dir, batch, raise_on_error=True, **settings):
    add_batches(instance, [batch])
    return materialize(loop_assets_for(batch), instance=instance, partition_key=batch, raise_on_error=raise_on_error,
                       resources={"motion_store": MotionStore(data_dir=str(data_dir)),
                                  "loop_settings": LoopSettings(videos_per_batch=2, **settings)})


def messages(instance, result) -> list[str]:
    return [record.user_message for record in instance.all_logs(result.run_id)]


def test_focus_comes_from_config_then_environment_and_invalid_means_all():
    assert resolve_focus("window", {"LOOP_EXTRACTION_FOCUS": "frame"}) == ("window", None)
    assert resolve_focus("", {"LOOP_EXTRACTION_FOCUS": "Frame "}) == ("frame", None)
    assert resolve_focus("", {}) == ("all", None)  # the documented default says nothing
    assert resolve_focus("", {"LOOP_EXTRACTION_FOCUS": " "}) == ("all", None)
    focus, note = resolve_focus("", {"LOOP_EXTRACTION_FOCUS": "pixels"})
    assert focus == "all" and "'pixels'" in note and "extracting all" in note
    with pytest.raises(FocusConfigError, match="'everything' is not one of frame, window, all"):
        resolve_focus("everything", {})


def test_missing_records_are_named_by_job():
    assert missing_records(["a", "b"], ["a"], ["a", "b"]) == ["Missing learning (job_id=b)"]
    assert missing_records(["a"], [], []) == ["Missing learning (job_id=a)", "Missing discovery (job_id=a)"]


def test_frame_focus_grows_only_per_frame_registries_and_logs_growth(instance, data_dir, monkeypatch):
    monkeypatch.setenv("LOOP_EXTRACTION_FOCUS", "frame")
    result = run(instance, data_dir, "explorer-000001")
    assert result.success
    store = TableStore(data_dir)
    assert store.read("frame_discoveries", "explorer-000001").num_rows > 0
    assert store.read("window_discoveries", "explorer-000001").num_rows == 0
    growth = [m for m in messages(instance, result) if m.startswith("Growth [")]
    assert len(growth) == 1 and growth[0].startswith("Growth [frame]: static_colors +")
    records = store.read("discovery_records", "explorer-000001").to_pylist()
    assert {r["focus"] for r in records} == {"frame"}
    assert sum(json.loads(r["added"])["static_colors"] for r in records) > 2000  # two sweeping videos
    learning = store.read("learning_records", "explorer-000001").to_pylist()
    assert sorted(r["job_id"] for r in learning) == sorted(r["job_id"] for r in records)
    assert all(json.loads(r["analysis"])["color_cells"] > 0 for r in learning)
    checks = {e.check_name: e for e in result.get_asset_check_evaluations()}
    assert checks["records_complete"].passed
    assert checks["dynamic_recovery"].metadata["checked"].value is False


@pytest.mark.slow
def test_run_config_beats_environment_and_an_invalid_environment_value_is_reported_once(instance, data_dir, monkeypatch):
    monkeypatch.setenv("LOOP_EXTRACTION_FOCUS", "pixels")
    first = run(instance, data_dir, "sound-000001", extraction_focus="window")
    assert first.success
    lines = [m for m in messages(instance, first) if m.startswith("Growth [")]
    assert lines and lines[0].startswith("Growth [window]: dynamic_blends +")
    again = run(instance, data_dir, "explorer-000002", extraction_focus="")
    notes = [m for m in messages(instance, again) if "LOOP_EXTRACTION_FOCUS='pixels'" in m]
    assert len(notes) == 1
    assert any(m.startswith("Growth [all]: static_colors +") for m in messages(instance, again))


def test_invalid_focus_in_run_config_fails_the_run_with_the_reason(instance, data_dir):
    result = run(instance, data_dir, "explorer-000003", raise_on_error=False, extraction_focus="everything")
    assert not result.success
    failures = [e for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
    assert "'everything' is not one of frame, window, all" in str(failures[0].event_specific_data.error)


def test_the_loop_never_succeeds_without_both_records(instance, data_dir, monkeypatch):
    real = loop_assets.learning_record

    def loses_one(job_id, *args):
        record = real(job_id, *args)
        return {**record, "job_id": "lost"} if job_id.endswith("v01") else record

    monkeypatch.setattr(loop_assets, "learning_record", loses_one)
    result = run(instance, data_dir, "explorer-000004", raise_on_error=False)
    assert not result.success
    checks = {e.check_name: e for e in result.get_asset_check_evaluations()}
    assert not checks["records_complete"].passed
    assert "Missing learning (job_id=explorer-000004-v01)" in checks["records_complete"].metadata["problems"].value


def test_the_data_location_may_be_a_file_url(instance, tmp_path):
    from motion_assets.storage.tables import local_path

    target = tmp_path / "shared data"
    url = target.as_uri()  # file:///.../shared%20data
    assert local_path(url) == target.resolve()
    add_batches(instance, ["explorer-000001"])
    result = materialize(loop_assets_for("explorer-000001"), instance=instance, partition_key="explorer-000001",
                         resources={"motion_store": MotionStore(data_dir=url),
                                    "loop_settings": LoopSettings(videos_per_batch=1)})
    assert result.success
    assert TableStore(url).read("frame_discoveries", "explorer-000001").num_rows > 0
    assert (target / "media" / "explorer-000001" / "explorer-000001-v00.mp4").is_file()
    with pytest.raises(ValueError, match="cannot be opened"):
        TableStore("nosuchscheme://bucket/motion")


def test_candidate_words_are_computed_from_every_stored_interpretation(instance, data_dir):
    from motion_assets.defs.learning_assets import linguistic_candidates

    run(instance, data_dir, "interpret-000001")
    result = materialize([linguistic_candidates], instance=instance,
                         resources={"motion_store": MotionStore(data_dir=str(data_dir))})
    assert result.success
    metadata = result.asset_materializations_for_node("linguistic_candidates")[0].metadata
    assert metadata["interpretations_read"].value == 2
    table = TableStore(data_dir).read("linguistic_candidates", "all")
    assert table is not None and table.num_rows == metadata["candidates"].value


def test_unfinished_batches_are_holes_or_started_and_the_tail_waits():
    from motion_assets.loop.batches import unfinished_batches

    never = ["missing loop_prompts", "missing loop_interpretations"]
    gaps = {"explorer-000002": ["missing frame_discoveries"], "explorer-000003": never,
            "explorer-000005": never, "sound-000001": never}
    batches = ["explorer-000001", "explorer-000002", "explorer-000003", "explorer-000004", "explorer-000005",
               "sound-000001"]
    # 2 was started, 3 is a hole before the finished 4; 5 and sound-1 were added and not run yet.
    assert unfinished_batches(batches, gaps) == (["explorer-000002", "explorer-000003"],
                                                 ["explorer-000005", "sound-000001"])


def test_cli_runs_use_the_workflow_focus_unless_the_environment_sets_one(monkeypatch):
    from motion_assets.defs.runs import workflow_focus

    monkeypatch.delenv("LOOP_EXTRACTION_FOCUS", raising=False)
    assert workflow_focus("sound") == "frame" and workflow_focus("explorer") == "all"
    monkeypatch.setenv("LOOP_EXTRACTION_FOCUS", "window")
    assert workflow_focus("sound") == ""  # the asset reads the environment


def test_only_batches_that_follow_from_their_keys_run_at_once():
    """A loop call runs batches at once only where that cannot change a stored byte: the explorer's jobs and specs
    are the same whatever the earlier batches discovered; every other workflow is steered by them."""
    from motion_assets.creation.build import RegistryState, RenderSettings
    from motion_assets.interpretation import interpret
    from motion_assets.loop.batches import INDEPENDENT_WORKFLOWS, plan_batch
    from motion_assets.loop.jobs import make_spec
    from motion_assets.defs.runs import loop_parallelism
    from motion_assets.origins.vocabulary import WORKFLOWS

    from motion_assets.keys.canonical import color_cell_key
    from motion_assets.keys.color_space import all_color_cells

    # Real registry keys with uneven counts: enough to steer the workflows that are steered.
    usage = {color_cell_key(rgb, opacity): 1 + i % 5 for i, (rgb, opacity) in enumerate(all_color_cells())}
    settings = RenderSettings(duration_s=0.25)
    job = plan_batch("exploiter-000004", 1)[0]
    instruction = interpret(job.prompt).to_dict()
    assert make_spec(job, instruction, RegistryState(), settings).to_json() != \
        make_spec(job, instruction, RegistryState(usage), settings).to_json()  # the usage steers the exploiter
    for workflow in INDEPENDENT_WORKFLOWS:
        plain, steered = plan_batch(f"{workflow}-000004", 3), plan_batch(f"{workflow}-000004", 3, usage=usage)
        assert plain == steered, workflow
        for job in plain:
            instruction = interpret(job.prompt).to_dict()
            assert make_spec(job, instruction, RegistryState(), settings).to_json() == \
                make_spec(job, instruction, RegistryState(usage), settings).to_json(), job.job_id
        assert loop_parallelism(workflow, 4) == 4
    for workflow in set(WORKFLOWS) - set(INDEPENDENT_WORKFLOWS):
        assert loop_parallelism(workflow, 4) == 1, workflow
