"""Discoveries -> registry entries.

An entry is one canonical key within one registry category, with its true occurrence count (every observation:
a colour cell seen in 3 frames counts 3), the number of distinct jobs, the first and last job that saw it (ordered
by batch number, then workflow, then video), a sample of source jobs and prompts (the full provenance stays in the
discovery tables), its depth breakdown and its name. Rows are sorted by key so the same discoveries always give
byte-identical registry files.
"""

from __future__ import annotations

import json

import pyarrow as pa

from motion_assets.keys.canonical import REGISTRY_CATEGORIES
from motion_assets.registry.imported import imported_aliases, imported_rows
from motion_assets.registry.names import assign_names
from motion_assets.registry.schemas import INTERPRETATION_SCHEMA, REGISTRY_SCHEMA
from motion_assets.storage.tables import TableStore

__all__ = ["DISCOVERY_TABLE", "INTERPRETATION_SCHEMA", "REGISTRY_SCHEMA", "aggregate_categories",
           "interpretation_entries"]

SOURCE_SAMPLE = 5

#: Which discovery table feeds which registry.
DISCOVERY_TABLE = {
    "static_colors": "frame_discoveries",
    "static_sound": "frame_discoveries",
    "dynamic_blends": "window_discoveries",
    "narrative": "narrative_discoveries",
    "linguistic": "linguistic_discoveries",
}


def aggregate_categories(store: TableStore, registry: str, categories: list[str],
                         changes: dict | None = None) -> dict[str, pa.Table]:
    """The named registry entries of each requested category, sorted by key: discoveries merged with imports.

    Names come from the name ledger (registry/names.py); keys new to the registry are named there, over the whole
    registry at once, so the same discoveries get the same names whichever categories a run covers. The caller
    holds `names_lock` for the registry until the tables are written; a ledger change goes into ``changes`` (see
    `assign_names`) to be written with them.
    """
    unknown = [c for c in categories if c not in REGISTRY_CATEGORIES[registry]]
    if unknown:
        raise ValueError(f"{unknown} are not categories of {registry}")
    table = DISCOVERY_TABLE[registry]
    discovered = _discovered_rows(store, registry, table) if store.files(table) else []
    imported = {category: imported_rows(store, registry, category) for category in REGISTRY_CATEGORIES[registry]}
    params = {row["key"]: json.loads(row["params"]) for rows in imported.values() for row in rows}
    params.update((row["key"], json.loads(row["params"])) for row in discovered)
    given = {row["key"]: row["name"] for rows in imported.values() for row in rows if row["name"]}
    names = assign_names(store, registry, sorted(params.items()), given=given,
                         aliases=imported_aliases(store, registry), changes=changes)
    categories_of: dict[str, dict[str, dict]] = {}
    for row in discovered:
        categories_of.setdefault(row["category"], {})[row["key"]] = row
    for category in categories:
        rows = categories_of.setdefault(category, {})
        for row in imported[category]:
            rows[row["key"]] = _merged(rows[row["key"]], row) if row["key"] in rows else dict(row)
    return {
        category: pa.Table.from_pylist(
            [{**row, "name": names[key]} for key, row in sorted(categories_of[category].items())],
            schema=REGISTRY_SCHEMA)
        for category in categories
    }


def _discovered_rows(store: TableStore, registry: str, table: str) -> list[dict]:
    return store.query(
        f"""
        WITH ranked AS (
            SELECT *, job_order || ' ' || job_id AS seen FROM d WHERE registry = ?
        )
        SELECT registry, category, key, NULL AS name, min(params) AS params, min(depth) AS depth,
               count(*)::BIGINT AS count, count(DISTINCT job_id)::BIGINT AS jobs,
               arg_min(job_id, seen) AS first_seen, arg_max(job_id, seen) AS last_seen,
               list(DISTINCT job_id ORDER BY job_id)[1:{SOURCE_SAMPLE}] AS source_jobs,
               list(DISTINCT prompt ORDER BY prompt)[1:{SOURCE_SAMPLE}] AS source_prompts,
               bool_and(observed) AS observed
        FROM ranked GROUP BY registry, category, key ORDER BY category, key
        """,
        {"d": table},
        [registry],
    ).to_pylist()


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


def interpretation_entries(store: TableStore, mood: str, changes: dict | None = None) -> pa.Table:
    """Each distinct normalised prompt once, with its instruction and how often it was seen (imports merged)."""
    rows = {}
    if store.files("loop_interpretations"):
        rows = {row["normalised"]: row for row in store.query(
            """
            SELECT normalised, arg_min(instruction, job_order) AS instruction, count(*)::BIGINT AS count,
                   arg_min(job_id, job_order) AS first_seen, arg_max(job_id, job_order) AS last_seen
            FROM i WHERE mood = ? GROUP BY normalised ORDER BY normalised
            """,
            {"i": "loop_interpretations"},
            [mood],
        ).to_pylist()}
    imported = imported_rows(store, "interpretations", mood)
    for row in imported:
        rows[row["normalised"]] = _merged(rows[row["normalised"]], row) if row["normalised"] in rows else dict(row)
    names = assign_names(store, "interpretations", [(key, {"prompt": key}) for key in sorted(rows)],
                         given={row["normalised"]: row["name"] for row in imported if row["name"]},
                         aliases=imported_aliases(store, "interpretations"), changes=changes)
    return pa.Table.from_pylist([{**row, "mood": mood, "name": names[key]} for key, row in sorted(rows.items())],
                                schema=INTERPRETATION_SCHEMA)
