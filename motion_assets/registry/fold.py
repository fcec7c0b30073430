"""Incremental registry state: each registry run folds only the batches it has not folded yet into a stored state.

The state of a registry (table ``growth_state``, one file per registry) is the aggregate of every discovery it
has folded, per (category, key): count, distinct jobs, first and last job seen (with the order strings that rank
them), a sample of source jobs and prompts, the depth breakdown, params and whether every row was measured. The
fold ledger (table ``growth_ledger``, one file per registry) lists each folded batch partition with the size and
modification time its file had when it was read.

Every aggregate is one that two disjoint sets of batches combine into exactly (sums, minima and maxima, the
smallest distinct values of a sorted sample; distinct jobs add up because a job belongs to one batch), so folding
batch by batch, in chunks, or all at once gives the same state to the byte. A full rebuild is the same fold from
an empty state over every batch. Every fold reads at most ``FULL_REBUILD_CHUNK`` batch files per query, so memory
stays flat in the number of videos however many batches wait. A batch whose file changed or vanished since it was folded cannot be taken out of a minimum or a
sample, so it makes the run rebuild fully (the reason is returned).

The state is what was discovered; imports and names are merged on top of it by `registry.aggregate`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from motion_assets.registry.admission import held_back
from motion_assets.storage.tables import TableStore

STATE_TABLE = "growth_state"
FOLDS_TABLE = "growth_ledger"
#: Which fold each registry category's table was last written from (table ``growth_written``, one file per
#: registry): a run over some categories leaves the others showing an older fold (`categories_behind`).
WRITTEN_TABLE = "growth_written"
WRITTEN_SCHEMA = pa.schema([("category", pa.string()), ("fold", pa.string())])
#: Batch files per DuckDB query when rebuilding from every batch (memory grows with the chunk, not the history).
FULL_REBUILD_CHUNK = 500
SOURCE_SAMPLE = 5

FOLDS_SCHEMA = pa.schema([("batch", pa.string()), ("size", pa.int64()), ("mtime_ns", pa.int64())])

DISCOVERED_STATE_SCHEMA = pa.schema(
    [
        ("category", pa.string()),
        ("key", pa.string()),
        ("params", pa.string()),
        ("depth", pa.string()),
        ("count", pa.int64()),
        ("jobs", pa.int64()),
        ("first_seen", pa.string()),
        ("last_seen", pa.string()),
        ("first_order", pa.string()),
        ("last_order", pa.string()),
        ("source_jobs", pa.list_(pa.string())),
        ("source_prompts", pa.list_(pa.string())),
        ("observed", pa.bool_()),
    ]
)

INTERPRETATION_STATE_SCHEMA = pa.schema(
    [
        ("mood", pa.string()),
        ("normalised", pa.string()),
        ("instruction", pa.string()),
        ("count", pa.int64()),
        ("first_seen", pa.string()),
        ("last_seen", pa.string()),
        ("first_order", pa.string()),
        ("last_order", pa.string()),
    ]
)

# One batch's (or chunk's) discoveries of one registry, aggregated; a job's rows rank by "job_order job_id".
_DISCOVERED_NEW = f"""
    SELECT category, key, min(params) AS params, min(depth) AS depth, count(*)::BIGINT AS count,
           count(DISTINCT job_id)::BIGINT AS jobs, arg_min(job_id, seen) AS first_seen,
           arg_max(job_id, seen) AS last_seen, min(seen) AS first_order, max(seen) AS last_order,
           list(DISTINCT job_id ORDER BY job_id)[1:{SOURCE_SAMPLE}] AS source_jobs,
           list(DISTINCT prompt ORDER BY prompt)[1:{SOURCE_SAMPLE}] AS source_prompts,
           bool_or(observed) AS observed
    FROM (SELECT *, job_order || ' ' || job_id AS seen FROM d WHERE registry = ?)
    GROUP BY category, key
"""


def _sample(field: str) -> str:
    """The smallest SOURCE_SAMPLE distinct values of a stored and a new sample (each sorted, distinct): the stored
    sample as it is when it is full and all its values come before the new ones (the common case: later batches'
    jobs sort after earlier ones), else the two merged."""
    return (f"CASE WHEN len(s.{field}) >= {SOURCE_SAMPLE} AND s.{field}[{SOURCE_SAMPLE}] < n.{field}[1] "
            f"THEN s.{field} ELSE list_sort(list_distinct(list_concat(s.{field}, n.{field})))[1:{SOURCE_SAMPLE}] END")


# The stored state and the new aggregate combined: the state's rows of keys the new batches did not touch pass
# through as they are, and each touched key's stored row (if any) is combined with its new row in one join, so the
# cost follows what is new. Two rows combine as the new aggregate's functions would over both: min/max (NULLs
# ignored, as least/greatest do), sums, the first and last job by their order strings (a job belongs to one batch,
# so the stored and the new orders never tie), the samples, and bool_or (observed when any row was).
_DISCOVERED_MERGE = f"""
    SELECT * FROM state ANTI JOIN new USING (category, key)
    UNION ALL BY NAME
    SELECT category, key, least(s.params, n.params) AS params, least(s.depth, n.depth) AS depth,
           (coalesce(s.count, 0) + n.count)::BIGINT AS count, (coalesce(s.jobs, 0) + n.jobs)::BIGINT AS jobs,
           CASE WHEN s.first_order < n.first_order THEN s.first_seen ELSE n.first_seen END AS first_seen,
           CASE WHEN s.last_order > n.last_order THEN s.last_seen ELSE n.last_seen END AS last_seen,
           least(s.first_order, n.first_order) AS first_order, greatest(s.last_order, n.last_order) AS last_order,
           {_sample("source_jobs")} AS source_jobs, {_sample("source_prompts")} AS source_prompts,
           coalesce(s.observed OR n.observed, s.observed, n.observed) AS observed
    FROM new AS n LEFT JOIN state AS s USING (category, key)
    ORDER BY category, key
"""
_INTERPRETATION_NEW = """
    SELECT mood, normalised, arg_min(instruction, job_order) AS instruction, count(*)::BIGINT AS count,
           arg_min(job_id, job_order) AS first_seen, arg_max(job_id, job_order) AS last_seen,
           min(job_order) AS first_order, max(job_order) AS last_order
    FROM d GROUP BY mood, normalised
"""
_INTERPRETATION_MERGE = """
    SELECT * FROM state ANTI JOIN new USING (mood, normalised)
    UNION ALL BY NAME
    SELECT mood, normalised, arg_min(instruction, first_order) AS instruction, sum(count)::BIGINT AS count,
           arg_min(first_seen, first_order) AS first_seen, arg_max(last_seen, last_order) AS last_seen,
           min(first_order) AS first_order, max(last_order) AS last_order
    FROM (SELECT * FROM state SEMI JOIN new USING (mood, normalised) UNION ALL BY NAME SELECT * FROM new)
    GROUP BY mood, normalised ORDER BY mood, normalised
"""


@dataclass(frozen=True)
class Fold:
    """What one registry run folded: the state after it, how many batches were folded, whether it rebuilt from
    every batch and why."""

    state: pa.Table
    folded: int
    rebuilt: bool
    reason: str
    #: The loop table's batch files as this fold found them (`batch_listing`), for another fold of the same table
    #: in the same run.
    listing: pa.Table | None = None


#: Which discovery table feeds which registry.
DISCOVERY_TABLE = {
    "static_colors": "frame_discoveries",
    "static_sound": "frame_discoveries",
    "dynamic_blends": "window_discoveries",
    "narrative": "narrative_discoveries",
    "linguistic": "linguistic_discoveries",
}


def source_table(registry: str) -> str:
    """The loop table a registry folds."""
    return "loop_interpretations" if registry == "interpretations" else DISCOVERY_TABLE[registry]


def state_schema(registry: str) -> pa.Schema:
    return INTERPRETATION_STATE_SCHEMA if registry == "interpretations" else DISCOVERED_STATE_SCHEMA


def fold_registry(store: TableStore, registry: str, changes: dict, full: bool = False,
                  chunk: int = FULL_REBUILD_CHUNK) -> Fold:
    """Fold the batches ``registry`` has not folded yet into its stored state (every batch, from an empty state,
    when ``full`` or when a folded batch changed); the new state and ledger go into ``changes`` (a
    `TableStore.write_all` change set) when they changed. The caller holds the registry's `names_lock`."""
    return fold_state(store, registry, source_table(registry), state_schema(registry),
                      lambda state, table, batches: _fold_sql(store, registry, table, state, batches),
                      changes, full=full, chunk=chunk)


Folder = Callable[[pa.Table, str, list[str]], pa.Table]


def fold_state(store: TableStore, name: str, table: str, schema: pa.Schema, folder: Folder, changes: dict,
               full: bool = False, chunk: int = FULL_REBUILD_CHUNK, listing: pa.Table | None = None) -> Fold:
    """The fold of any state kept beside the registries (partition ``name`` of the state and ledger tables) over
    the partitions of loop table ``table``: ``folder(state, table, batches)`` returns the state with those
    batches folded in, and must not depend on how the batches are split. ``listing``: `batch_listing` of
    ``table`` when the caller has just taken it.

    The table's files are compared with the fold ledger column-wise (a join on batch, size and modification
    time), so a run that folds a few new batches costs one listing of the table's files, not a row per batch."""
    listing = batch_listing(store, table) if listing is None else listing
    present = listing
    ledger_table = store.read(FOLDS_TABLE, name)
    stored = store.read(STATE_TABLE, name)
    ledger = FOLDS_SCHEMA.empty_table() if ledger_table is None else ledger_table.cast(FOLDS_SCHEMA)
    # A batch whose blocking checks failed or are still running is not there for the registries (admission.py);
    # only batches new or rewritten since the last fold can have changed their verdict, so only they are read.
    held = held_back(store, _batches(_unmatched(present, ledger)))
    if held:
        present = present.filter(pc.invert(pc.is_in(present.column("batch"), pa.array(sorted(held), pa.string()))))
    reason = "full rebuild asked" if full else ""
    if not reason and (stored is None) != (ledger_table is None):
        reason = "the state and its fold ledger disagree (one of them is missing)"
    if not reason:
        changed = _batches(_unmatched(ledger, present))
        if changed:
            names = set(present.column("batch").to_pylist())
            gone = [b for b in changed if b not in names]
            failed = [b for b in gone if b in held]
            reason = (f"{len(failed)} folded batch(es) failed a blocking check since, e.g. {failed[0]}" if failed else
                      f"{len(gone)} folded batch(es) vanished, e.g. {gone[0]}" if gone else
                      f"{len(changed)} folded batch(es) were rewritten, e.g. {changed[0]}")
    if reason:
        ledger, state = FOLDS_SCHEMA.empty_table(), schema.empty_table()
    else:
        state = stored if stored is not None else schema.empty_table()
    added = _unmatched(present, ledger).sort_by("batch")  # the batches to fold (their fingerprints), in order
    pending = added.column("batch").to_pylist()
    size = max(1, chunk)  # memory follows the chunk, however many batches wait
    for start in range(0, len(pending), size):
        state = folder(state, table, pending[start:start + size])
    if pending or reason:
        changes[(STATE_TABLE, name)] = state
        # The ledger as it was (emptied by a rebuild) with the folded batches added, in batch order.
        changes[(FOLDS_TABLE, name)] = pa.concat_tables([ledger, added]).sort_by("batch").combine_chunks() \
            if ledger.num_rows else added.combine_chunks()
    return Fold(state, len(pending), bool(reason), reason, listing)


def batch_listing(store: TableStore, table: str) -> pa.Table:
    """The stored batch files of a loop table as fold-ledger rows (batch, size, mtime_ns), in no particular
    order."""
    return store.listing(table).rename_columns(FOLDS_SCHEMA.names).cast(FOLDS_SCHEMA)


def _unmatched(rows: pa.Table, other: pa.Table) -> pa.Table:
    """The ``rows`` (batch, size, mtime_ns) that ``other`` lacks: the same batch with the same fingerprint."""
    if not rows.num_rows or not other.num_rows:
        return rows
    return rows.join(other, keys=FOLDS_SCHEMA.names, join_type="left anti").select(FOLDS_SCHEMA.names)


def _batches(rows: pa.Table) -> list[str]:
    return sorted(rows.column("batch").to_pylist())


def _fold_sql(store: TableStore, registry: str, table: str, state: pa.Table, batches: list[str]) -> pa.Table:
    if registry == "interpretations":
        new, merge, params = _INTERPRETATION_NEW, _INTERPRETATION_MERGE, []
    else:
        new, merge, params = _DISCOVERED_NEW, _DISCOVERED_MERGE, [registry]
    # MATERIALIZED: the new batches' aggregate is read twice by the merge, and computed once.
    merged = store.query(f"WITH new AS MATERIALIZED ({new}) {merge}", {"d": table}, params,
                         partitions={"d": batches}, arrow={"state": state})
    return merged.cast(state_schema(registry))


def unfolded_batches(store: TableStore, registry: str) -> list[str]:
    """The batches of ``registry``'s loop table its stored state lacks: stored since its last run, or rewritten
    since it folded them (the batches its next run folds). Reads file listings and the ledger only."""
    ledger = store.read(FOLDS_TABLE, registry)
    return _batches(_unmatched(batch_listing(store, source_table(registry)),
                               FOLDS_SCHEMA.empty_table() if ledger is None else ledger.cast(FOLDS_SCHEMA)))


def fold_digest(ledger: pa.Table | None) -> str:
    """What a fold ledger holds, in a few characters: the same batches with the same fingerprints give the same
    digest."""
    if ledger is None or not ledger.num_rows:
        return "nothing folded"
    digest = hashlib.sha256()
    for column in ("batch", "size", "mtime_ns"):
        digest.update("\n".join(map(str, ledger.column(column).to_pylist())).encode())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def written_categories(store: TableStore, registry: str, categories: list[str], changes: dict) -> None:
    """Record in ``changes`` that ``categories`` of ``registry`` are written from its fold as it stands in
    ``changes`` (else as stored); the other categories keep the fold they were last written from."""
    ledger = changes.get((FOLDS_TABLE, registry))
    digest = fold_digest(ledger if ledger is not None else store.read(FOLDS_TABLE, registry))
    stored = store.read(WRITTEN_TABLE, registry)
    rows = {} if stored is None else dict(zip(stored.column("category").to_pylist(),
                                              stored.column("fold").to_pylist()))
    updated = {**rows, **{category: digest for category in categories}}
    if updated != rows or stored is None:
        changes[(WRITTEN_TABLE, registry)] = pa.Table.from_pydict(
            {"category": sorted(updated), "fold": [updated[c] for c in sorted(updated)]}, schema=WRITTEN_SCHEMA)


def categories_behind(store: TableStore, registry: str, categories: list[str]) -> list[str]:
    """The ``categories`` whose tables were written from an older fold than the registry's current one (a run
    over other categories folded batches since), or never written although other categories were. A registry
    written before these records were kept has none behind."""
    stored = store.read(WRITTEN_TABLE, registry)
    if stored is None:
        return []
    digest = fold_digest(store.read(FOLDS_TABLE, registry))
    written = dict(zip(stored.column("category").to_pylist(), stored.column("fold").to_pylist()))
    return [category for category in categories if written.get(category) != digest]
