"""Incremental registries: folding batch by batch, in chunks, or rebuilding from every batch gives the same bytes as
one DuckDB group-by over every discovery; a rewritten or vanished batch makes the run rebuild; the registry jobs
fold only what is new."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from motion_assets.definitions import defs
from motion_assets.defs.jobs import registry_range_tags
from motion_assets.keys.canonical import REGISTRY_CATEGORIES
from motion_assets.registry.aggregate import grow_registry
from motion_assets.registry.fold import DISCOVERY_TABLE, FOLDS_TABLE, STATE_TABLE, fold_registry
from motion_assets.registry.report import registry_table
from motion_assets.registry.synthetic import batch_tables, write_batches
from motion_assets.storage.tables import TableStore

BATCHES = 5

# The one-statement aggregate the registries were computed with before they were incremental.
REFERENCE = """
    WITH ranked AS (SELECT *, job_order || ' ' || job_id AS seen FROM d WHERE registry = ?)
    SELECT category, key, min(params) AS params, min(depth) AS depth, count(*)::BIGINT AS count,
           count(DISTINCT job_id)::BIGINT AS jobs, arg_min(job_id, seen) AS first_seen,
           arg_max(job_id, seen) AS last_seen, min(seen) AS first_order, max(seen) AS last_order,
           list(DISTINCT job_id ORDER BY job_id)[1:5] AS source_jobs,
           list(DISTINCT prompt ORDER BY prompt)[1:5] AS source_prompts, bool_or(observed) AS observed
    FROM ranked GROUP BY category, key ORDER BY category, key
"""


def grow(store: TableStore, registry: str, full: bool = False, chunk: int = 500) -> dict[str, bytes]:
    """One registry run over every category (as the asset makes it); the stored bytes."""
    grow_registry(store, registry, list(REGISTRY_CATEGORIES[registry]), full=full, chunk=chunk)
    return stored(store, registry)


def stored(store: TableStore, registry: str) -> dict[str, bytes]:
    paths = [store.table_path(registry_table(registry), c) for c in store.partitions(registry_table(registry))]
    paths += [store.table_path(STATE_TABLE, registry), store.table_path(FOLDS_TABLE, registry)]
    return {p.rsplit("/", 2)[-2] + "/" + p.rsplit("/", 1)[-1]: Path(p).read_bytes() for p in paths}


@pytest.mark.parametrize("registry", ["static_sound", "dynamic_blends", "narrative", "linguistic",
                                      "interpretations", "static_colors"])
def test_batch_by_batch_equals_a_full_rebuild_and_one_group_by(tmp_path, registry):
    growing, rebuilt = TableStore(tmp_path / "growing"), TableStore(tmp_path / "rebuilt")
    for number in range(1, BATCHES + 1):
        write_batches(growing, "balanced", number, number)
        incremental = grow(growing, registry)
        assert fold_registry(growing, registry, {}).folded == 0  # nothing left to fold
    write_batches(rebuilt, "balanced", 1, BATCHES)
    # The rebuilt store names its keys in one run rather than five: same names only when given the same ledger.
    (tmp_path / "rebuilt" / "tables" / "registry_names").mkdir(parents=True)
    ledger = growing.table_path("registry_names", registry)
    Path(rebuilt.table_path("registry_names", registry)).write_bytes(Path(ledger).read_bytes())
    full = grow(rebuilt, registry, full=True, chunk=2)  # three chunks of batches
    assert {k: v for k, v in full.items() if not k.startswith(FOLDS_TABLE)} == \
        {k: v for k, v in incremental.items() if not k.startswith(FOLDS_TABLE)}
    again = grow(growing, registry, full=True)
    assert {k: v for k, v in again.items() if not k.startswith(FOLDS_TABLE)} == \
        {k: v for k, v in incremental.items() if not k.startswith(FOLDS_TABLE)}
    if registry != "interpretations":
        state = growing.read(STATE_TABLE, registry)
        reference = growing.query(REFERENCE, {"d": DISCOVERY_TABLE[registry]}, [registry])
        assert state.num_rows and state.equals(reference.cast(state.schema))


def test_a_rewritten_or_vanished_batch_makes_the_run_rebuild(tmp_path):
    store = TableStore(tmp_path / "data")
    write_batches(store, "explorer", 1, 3)
    grow(store, "static_sound")
    before = stored(store, "static_sound")
    # Re-materialized with other content (say, another extraction focus): its rows must leave the state.
    store.write("frame_discoveries", "explorer-000002", batch_tables("explorer-000009", 9, 2)["frame_discoveries"])
    fold = fold_registry(store, "static_sound", {})
    assert fold.rebuilt and "rewritten" in fold.reason and "explorer-000002" in fold.reason
    after = grow(store, "static_sound")
    assert after != before
    os.remove(store.table_path("frame_discoveries", "explorer-000002"))
    fold = fold_registry(store, "static_sound", {})
    assert fold.rebuilt and "vanished" in fold.reason
    grow(store, "static_sound")
    fresh = TableStore(tmp_path / "fresh")
    for batch in ("explorer-000001", "explorer-000003"):
        for table in ("frame_discoveries",):
            fresh.write(table, batch, store.read(table, batch))
    (tmp_path / "fresh" / "tables" / "registry_names").mkdir(parents=True)
    Path(fresh.table_path("registry_names", "static_sound")).write_bytes(
        Path(store.table_path("registry_names", "static_sound")).read_bytes())
    assert {k: v for k, v in grow(fresh, "static_sound").items() if not k.startswith(FOLDS_TABLE)} == \
        {k: v for k, v in stored(store, "static_sound").items() if not k.startswith(FOLDS_TABLE)}


def test_registry_jobs_fold_only_new_batches_and_full_rebuild_gives_the_same_bytes(tmp_path, instance, monkeypatch):
    monkeypatch.setenv("MOTION_DATA_DIR", str(tmp_path / "data"))
    store = TableStore(tmp_path / "data")
    job = defs.resolve_job_def("grow_narrative_job")

    def run(full: bool = False):
        config = {"ops": {"narrative": {"config": {"full_rebuild": full}}}}
        result = job.execute_in_process(instance=instance, run_config=config, tags=registry_range_tags("narrative"))
        assert result.success
        # One event per category partition; the registry-wide figures are on the run's first category.
        materialization = next(m for m in result.asset_materializations_for_node("narrative")
                               if "batches_folded" in m.metadata)
        return {k: v.value for k, v in materialization.metadata.items()}

    write_batches(store, "balanced", 1, 3)
    assert run()["batches_folded"] == 3
    write_batches(store, "balanced", 4, 4)
    grown = run()
    assert grown["batches_folded"] == 1 and grown["rebuilt"] is False
    incremental = stored(store, "narrative")
    pairs = Path(store.table_path(STATE_TABLE, "narrative_pairs")).read_bytes()
    rebuilt = run(full=True)
    assert rebuilt["batches_folded"] == 4 and rebuilt["rebuilt"] is True
    assert stored(store, "narrative") == incremental
    assert Path(store.table_path(STATE_TABLE, "narrative_pairs")).read_bytes() == pairs
    assert grown["pairs_coverage_pct"] == rebuilt["pairs_coverage_pct"] > 0


def test_a_run_over_some_categories_leaves_the_others_behind(tmp_path):
    """A registry run folds every new batch but writes only its own categories: the others show as behind (the
    `<registry>_up_to_date` check stays stale for them) until a run covers them."""
    from motion_assets.registry.fold import categories_behind, unfolded_batches

    store = TableStore(tmp_path / "data")
    categories = list(REGISTRY_CATEGORIES["static_sound"])
    write_batches(store, "balanced", 1, 1)
    assert categories_behind(store, "static_sound", categories) == []  # never grown: the batch waits instead
    grow_registry(store, "static_sound", categories[:1])
    assert unfolded_batches(store, "static_sound") == []
    assert categories_behind(store, "static_sound", categories) == categories[1:]
    grow_registry(store, "static_sound", categories)
    assert categories_behind(store, "static_sound", categories) == []
    write_batches(store, "balanced", 2, 2)
    grow_registry(store, "static_sound", categories[1:])
    assert categories_behind(store, "static_sound", categories) == categories[:1]
    grow_registry(store, "static_sound", categories[:1])  # nothing new to fold: it catches up with the fold
    assert categories_behind(store, "static_sound", categories) == []
