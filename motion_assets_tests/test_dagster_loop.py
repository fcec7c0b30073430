"""The asset graph materialized on a temporary Dagster instance, asserting on what it stored."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from dagster import AssetKey, materialize
from dagster._core.storage.tags import ASSET_PARTITION_RANGE_END_TAG, ASSET_PARTITION_RANGE_START_TAG

from motion_assets.definitions import defs
from motion_assets.defs.workflow_assets import loop_assets_for
from motion_assets.defs.partitions import add_batches
from motion_assets.defs.registry_assets import REGISTRY_ASSETS, REGISTRY_CHECKS, read_registry
from motion_assets.defs.resources import LoopSettings, MotionStore
from motion_assets.defs.sensors import WORKFLOW_SENSORS
from motion_assets.keys.canonical import REGISTRY_CATEGORIES
from motion_assets.registry.names import LEDGER_SCHEMA
from motion_assets.storage.tables import TableStore


def resources(data_dir: Path) -> dict:
    return {"motion_store": MotionStore(data_dir=str(data_dir)), "loop_settings": LoopSettings(videos_per_batch=2)}


def run_batch(instance, data_dir: Path, batch: str) -> None:
    add_batches(instance, [batch])
    result = materialize(loop_assets_for(batch), instance=instance, partition_key=batch, resources=resources(data_dir))
    assert result.success
    checks = {e.check_name: e for e in result.get_asset_check_evaluations()}
    for name in ("frame_colors_precision", "frame_sound_precision", "depth_and_keys", "rerender_identical"):
        assert checks[name].passed, checks[name].metadata
    assert checks["frame_colors_precision"].metadata["recall"].value == 1.0
    assert "dynamic_recovery" in checks


def grow(instance, data_dir: Path) -> None:
    for asset_def, check in zip(REGISTRY_ASSETS, REGISTRY_CHECKS):
        registry = asset_def.key.path[-1]
        categories = REGISTRY_CATEGORIES[registry]
        result = materialize([asset_def, check], instance=instance, resources=resources(data_dir),
                             tags={ASSET_PARTITION_RANGE_START_TAG: categories[0],
                                   ASSET_PARTITION_RANGE_END_TAG: categories[-1]})
        assert result.success, registry
        # The integrity check passes (the registry's other checks judge the loop's progress, not this growth).
        (integrity,) = [e for e in result.get_asset_check_evaluations() if e.check_name == f"{registry}_integrity"]
        assert integrity.passed, integrity.metadata


def registry_bytes(data_dir: Path) -> dict[str, bytes]:
    tables = data_dir / "tables"
    return {str(p.relative_to(tables)): p.read_bytes() for p in sorted(tables.glob("registry_*/*.parquet"))}


@pytest.mark.slow
def test_loop_batch_grows_every_registry_and_rerun_is_byte_identical(instance, data_dir):
    run_batch(instance, data_dir, "explorer-000001")
    store = TableStore(data_dir)
    videos = store.read("loop_videos", "explorer-000001").to_pylist()
    assert len(videos) == 2 and all(Path(v["mp4_path"]).stat().st_size > 10_000 for v in videos)
    grow(instance, data_dir)
    for registry in REGISTRY_CATEGORIES:
        assert read_registry(store, registry), f"{registry} is empty"
    colours = read_registry(store, "static_colors")
    assert sum(r["count"] for r in colours) == 2 * 24 * 224 // 2  # every swatch cell of every frame observed
    first = registry_bytes(data_dir)

    # The same partition again: identical stored registry data, no duplicates.
    run_batch(instance, data_dir, "explorer-000001")
    grow(instance, data_dir)
    assert registry_bytes(data_dir) == first

    # A batch that fails a blocking check contributes nothing to any registry: explorer-000002's two MP4s are
    # swapped after rendering, so what is extracted is not what the specs rendered.
    failing = "explorer-000002"
    add_batches(instance, [failing])
    assets = loop_assets_for(failing)
    rendered = [k for a in assets for k in a.keys
                if k.path[-1] in ("loop_prompts", "loop_interpretations", "loop_specs", "loop_videos")]
    assert materialize(assets, selection=rendered, instance=instance, partition_key=failing,
                       resources=resources(data_dir)).success
    first_mp4, second_mp4 = (Path(v["mp4_path"]) for v in store.read("loop_videos", failing).to_pylist())
    swap = first_mp4.with_name("swap.mp4")
    first_mp4.rename(swap), second_mp4.rename(first_mp4), swap.rename(second_mp4)
    result = materialize(assets, selection=[k for a in assets for k in a.keys if k not in rendered],
                         instance=instance, partition_key=failing, resources=resources(data_dir),
                         raise_on_error=False)
    checks = {e.check_name: e for e in result.get_asset_check_evaluations()}
    assert not result.success and not checks["frame_colors_precision"].passed
    assert store.read("frame_discoveries", failing).num_rows > 0  # written, but held back
    verdicts = {r["check"]: r["status"] for r in store.read("batch_checks", failing).to_pylist()}
    assert verdicts["frame_colors_precision"] == "failed" and verdicts["depth_and_keys"] == "passed"
    grow(instance, data_dir)
    assert registry_bytes(data_dir) == first

    # Materializations recorded with UI metadata.
    event = instance.get_latest_materialization_event(AssetKey(["explorer", "loop_videos"]))
    metadata = event.asset_materialization.metadata
    assert metadata["videos"].value == 2 and metadata["contact_sheets"].value.count("data:image/jpeg;base64") == 2


def test_definitions_hold_the_whole_lineage():
    from motion_assets.origins.vocabulary import RENDER_WORKFLOWS, WORKFLOWS

    graph = defs.resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    chain = ("loop_prompts", "loop_interpretations", "loop_specs", "loop_videos", "frame_discoveries",
             "window_discoveries", "narrative_discoveries", "linguistic_discoveries")
    # Every workflow runs its own copy of the loop assets, partitioned by its own batches.
    expected = {f"{w}/{name}" for w in RENDER_WORKFLOWS for name in chain}
    expected |= {"interpret/loop_prompts", "interpret/loop_interpretations", "interpret/linguistic_discoveries",
                 "static_colors", "static_sound", "dynamic_blends", "narrative", "linguistic", "interpretations"}
    assert expected <= keys and not {k for k in keys if k.startswith("interpret/loop_videos")}
    parents = {k: {p.to_user_string() for p in graph.get(AssetKey.from_user_string(k)).parent_keys} for k in expected}
    assert parents["static_colors"] == {f"{w}/frame_discoveries" for w in RENDER_WORKFLOWS}
    assert parents["dynamic_blends"] == {f"{w}/window_discoveries" for w in RENDER_WORKFLOWS}
    assert parents["interpretations"] == {f"{w}/loop_interpretations" for w in WORKFLOWS}
    assert parents["explorer/frame_discoveries"] == {"explorer/loop_videos"}
    for workflow in WORKFLOWS:
        job = defs.resolve_job_def(f"{workflow}_loop_job")
        assert job.partitions_def.name == f"{workflow}_batches"
        assert {k.path[0] for k in job.asset_layer.executable_asset_keys} == {workflow}
    assert {s.name for s in defs.sensors} >= {"explorer_next_batch_sensor", "exploiter_next_batch_sensor",
                                              "balanced_next_batch_sensor", "sound_next_batch_sensor",
                                              "interpret_next_batch_sensor"}
    # Per registry, in one step: integrity, coverage, density, stagnation, name quality, batches complete; the
    # registries' up-to-date checks (one step for all); and the backfill's three name checks.
    checks = list(defs.asset_checks)
    assert len(checks) == len(REGISTRY_CATEGORIES) + 1 + 3
    assert sum(len(c.check_keys) for c in checks) == 6 * len(REGISTRY_CATEGORIES) + len(REGISTRY_CATEGORIES) + 3
    assert {s.name for s in defs.sensors} - {s.name for s in WORKFLOW_SENSORS} == {
        "registry_growth_sensor", "names_needing_backfill_sensor"}
    assert "backfill_names" in {job.name for job in defs.jobs}
    # The writers of names share one pool, which deploy/ limits to one step at a time across machines.
    writers = {k: graph.get(AssetKey(k)).pools for k in (*REGISTRY_CATEGORIES, "name_renames")}
    assert all(pools == {"registry_names"} for pools in writers.values()), writers


@pytest.mark.slow
def test_names_once_given_stay_when_the_registry_grows(instance, data_dir):
    """Only backfill-names may change a name: a registry rebuilt with more discoveries keeps every stored name."""
    from motion_assets.storage.tables import TableStore

    run_batch(instance, data_dir, "sound-000001")
    grow(instance, data_dir)
    store = TableStore(data_dir)
    hum = store.read("registry_static_sound", "hum").to_pylist()
    ledger = store.read("registry_names", "static_sound").to_pylist()
    assert {row["key"]: row["name"] for row in ledger}[hum[0]["key"]] == hum[0]["name"]
    for row in ledger:
        if row["key"] == hum[0]["key"]:
            row["name"] = "steady kitchen hum"  # a name an earlier run gave
    store.write("registry_names", "static_sound", pa.Table.from_pylist(ledger, schema=LEDGER_SCHEMA))
    run_batch(instance, data_dir, "sound-000002")
    grow(instance, data_dir)
    again = {row["key"]: row["name"] for row in store.read("registry_static_sound", "hum").to_pylist()}
    assert again[hum[0]["key"]] == "steady kitchen hum"
    assert len(store.read("registry_names", "static_sound")) == sum(
        len(store.read("registry_static_sound", c)) for c in store.partitions("registry_static_sound"))
