"""Discoveries -> registry entries.

An entry is one canonical key within one registry category, with its true occurrence count (every observation:
a colour cell seen in 3 frames counts 3), the number of distinct jobs, the first and last job that saw it (ordered
by batch number, then workflow, then video), a sample of source jobs and prompts (the full provenance stays in the
discovery tables), its depth breakdown and its name. Rows are sorted by key so the same discoveries always give
byte-identical registry files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from motion_assets.keys.canonical import REGISTRY_CATEGORIES
from motion_assets.registry.fold import DISCOVERY_TABLE, FULL_REBUILD_CHUNK, SOURCE_SAMPLE, Fold, fold_registry, \
    written_categories
from motion_assets.registry.imported import imported_aliases, imported_rows
from motion_assets.registry.names import NAMES_TABLE, assign_names, current_ledger, name_verdicts, names_lock, \
    names_of
from motion_assets.registry.report import registry_table
from motion_assets.registry.schemas import INTERPRETATION_SCHEMA, REGISTRY_SCHEMA
from motion_assets.storage.tables import TableStore

__all__ = ["DISCOVERY_TABLE", "INTERPRETATION_SCHEMA", "REGISTRY_SCHEMA", "Growth", "aggregate_categories",
           "grow_registry", "interpretation_tables"]


@dataclass(frozen=True)
class Growth:
    """One registry run: the fold it made, (category, entries, observations) per category written, and the names
    that fail the naming rules after it (for backfill-names)."""

    fold: Fold
    summary: list[tuple[str, int, int]]
    failing: list


def grow_registry(store: TableStore, registry: str, categories: list[str], full: bool = False,
                  chunk: int = FULL_REBUILD_CHUNK) -> Growth:
    """A registry run: fold the batches not folded yet (every batch when ``full``), name new keys, and write the
    requested categories' tables with the state, the ledgers and (narrative) the pairs state as one change, under
    the registry's names lock."""
    from motion_assets.coverage.measure import narrative_pair_coverage
    from motion_assets.registry.backfill import name_failures

    with names_lock(store, registry):
        changes: dict = {}
        fold = fold_registry(store, registry, changes, full=full, chunk=chunk)
        if registry == "interpretations":
            tables = interpretation_tables(store, categories, changes, fold=fold)
        else:
            tables = aggregate_categories(store, registry, categories, changes, fold=fold)
        if registry == "narrative":  # the pairs of values one video carried, folded the same way
            narrative_pair_coverage(store, changes, full=full, listing=fold.listing)
        written_categories(store, registry, categories, changes)  # the others stay behind this fold
        summary = []
        for category, entries in tables.items():
            changes[(registry_table(registry), category)] = entries
            summary.append((category, entries.num_rows,
                            sum(entries.column("count").to_pylist()) if entries.num_rows else 0))
        # The rules' verdict on every current name, judging only names new since the last run, written with it.
        ledger = current_ledger(store, registry, changes)
        verdicts = name_verdicts(store, registry, ledger.column("name").to_pylist(), changes)
        store.write_all(changes)
        failing = name_failures(store, registry, ledger, verdicts)
    return Growth(fold, summary, failing)


def aggregate_categories(store: TableStore, registry: str, categories: list[str],
                         changes: dict | None = None, full: bool = False, fold: Fold | None = None
                         ) -> dict[str, pa.Table]:
    """The named registry entries of each requested category, sorted by key: discoveries merged with imports.

    The discoveries come from the registry's stored state, into which the batches not folded yet are folded
    first (registry/fold.py; ``full`` rebuilds it from every batch, to the same bytes). Names come from the name
    ledger (registry/names.py); keys new to the registry are named there, over the whole registry at once, so the
    same discoveries get the same names whichever categories a run covers. The caller holds `names_lock` for the
    registry until the tables are written; the state, the fold ledger and a name-ledger change go into
    ``changes`` (see `assign_names`) to be written with them. ``fold``: the fold this run already made.
    """
    unknown = [c for c in categories if c not in REGISTRY_CATEGORIES[registry]]
    if unknown:
        raise ValueError(f"{unknown} are not categories of {registry}")
    changes = {} if changes is None else changes
    state = (fold or fold_registry(store, registry, changes, full=full)).state
    imported = {category: imported_rows(store, registry, category) for category in REGISTRY_CATEGORIES[registry]}
    ledger = _named(store, registry, state, "key", imported, changes)
    named = state.append_column("name", names_of(ledger, state.column("key")))  # one lookup for every category
    tables = {}
    for category in categories:
        # The category's discovered entries, column by column (a registry holds up to the whole space).
        part = named.filter(pc.equal(named.column("category"), category)).sort_by("key").combine_chunks()
        if imported[category]:  # merged with the imported entries row by row
            rows = {row["key"]: row for row in part.to_pylist()}
            for row in imported[category]:
                rows[row["key"]] = _merged(rows[row["key"]], row) if row["key"] in rows else dict(row)
            keys = sorted(rows)
            tables[category] = pa.Table.from_pylist(
                [{**rows[key], "registry": registry, "name": name} for key, name in zip(keys, names_of(ledger, keys))],
                schema=REGISTRY_SCHEMA)
            continue
        columns = {"registry": pa.array([registry] * part.num_rows, pa.string()),
                   "name": part.column("name")}
        tables[category] = pa.Table.from_arrays(
            [columns[field.name] if field.name in columns else part.column(field.name).cast(field.type)
             for field in REGISTRY_SCHEMA], schema=REGISTRY_SCHEMA)
    return tables


def _named(store: TableStore, registry: str, state: pa.Table, field: str, imported: dict[str, list[dict]],
           changes: dict) -> pa.Table:
    """The registry's name ledger after naming the keys it lacks: the state's keys (column ``field``) and the
    imported ones, named over the whole registry at once in key order (so the same discoveries get the same names
    whichever categories a run covers). Keys are compared with the ledger column-wise; only the keys new to it are
    gathered with their params (a discovered key's measured params over an imported row's; a prompt is its own)."""
    ledger = current_ledger(store, registry, changes)
    keys = pc.unique(pa.chunked_array([state.column(field).combine_chunks(), pa.array(
        [row[field] for rows in imported.values() for row in rows], pa.string())]).combine_chunks())
    new = keys.filter(pc.invert(pc.is_in(keys, value_set=ledger.column("key").combine_chunks())))
    entries = []
    if len(new):
        if registry == "interpretations":
            params = {key: {"prompt": key} for key in new.to_pylist()}
        else:
            new_keys = set(new.to_pylist())
            params = {row[field]: row["params"] for rows in imported.values() for row in rows
                      if row[field] in new_keys}
            wanted = state.filter(pc.is_in(state.column(field), value_set=new))
            params.update(zip(wanted.column(field).to_pylist(), wanted.column("params").to_pylist()))
        entries = sorted(params.items())
    given = {row[field]: row["name"] for rows in imported.values() for row in rows if row["name"]}
    aliases = imported_aliases(store, registry)
    if entries or given or aliases or not store.exists(store.table_path(NAMES_TABLE, registry)):
        assign_names(store, registry, entries, given=given, aliases=aliases, changes=changes, ledger=ledger)
        ledger = current_ledger(store, registry, changes)
    return ledger


def _merged(discovered: dict, imported: dict) -> dict:
    """One key both discovered here and imported: counts add up; the imported history comes first (it was
    recorded elsewhere, before this registry saw the value), the measured params, depth and sources are ours."""
    merged = dict(discovered)
    merged["count"] = discovered["count"] + imported["count"]
    merged["first_seen"] = imported["first_seen"]
    if "jobs" in imported:
        merged["jobs"] = discovered["jobs"] + imported["jobs"]
        merged["observed"] = discovered["observed"] or imported["observed"]
        for field in ("source_jobs", "source_prompts"):
            merged[field] = sorted(set(discovered[field]) | set(imported[field]))[:SOURCE_SAMPLE]
    return merged


def interpretation_tables(store: TableStore, moods: list[str], changes: dict | None = None,
                          full: bool = False, fold: Fold | None = None) -> dict[str, pa.Table]:
    """Per mood: each distinct normalised prompt once, with its instruction and how often it was seen (imports
    merged), from the interpretations state with the batches not folded yet folded in (``full``: rebuilt).

    Prompts new to the registry are named in one pass over every mood (as `aggregate_categories` names a whole
    registry at once), so the names do not depend on which moods a run covers, and a run reads the name ledger
    once whatever the number of moods. The tables are built column by column (a mood holds a row per distinct
    prompt ever seen); only moods with imported entries are merged row by row."""
    unknown = [m for m in moods if m not in REGISTRY_CATEGORIES["interpretations"]]
    if unknown:
        raise ValueError(f"{unknown} are not categories of interpretations")
    changes = {} if changes is None else changes
    state = (fold or fold_registry(store, "interpretations", changes, full=full)).state
    imported = {mood: imported_rows(store, "interpretations", mood) for mood in REGISTRY_CATEGORIES["interpretations"]}
    ledger = _named(store, "interpretations", state, "normalised", imported, changes)
    named = state.append_column("name", names_of(ledger, state.column("normalised")))  # one lookup for every mood
    tables = {}
    for mood in moods:
        part = named.filter(pc.equal(named.column("mood"), mood)).sort_by("normalised").combine_chunks()
        if imported[mood]:
            rows = {row["normalised"]: row for row in part.to_pylist()}
            for row in imported[mood]:
                key = row["normalised"]
                rows[key] = _merged(rows[key], row) if key in rows else dict(row)
            keys = sorted(rows)
            tables[mood] = pa.Table.from_pylist(
                [{**rows[key], "mood": mood, "name": name} for key, name in zip(keys, names_of(ledger, keys))],
                schema=INTERPRETATION_SCHEMA)
            continue
        columns = {"name": part.column("name")}
        tables[mood] = pa.Table.from_arrays(
            [columns[field.name] if field.name in columns else part.column(field.name).cast(field.type)
             for field in INTERPRETATION_SCHEMA], schema=INTERPRETATION_SCHEMA)
    return tables
