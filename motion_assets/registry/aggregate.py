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
from motion_assets.registry.naming import names_for
from motion_assets.registry.report import registry_table
from motion_assets.storage.tables import TableStore

SOURCE_SAMPLE = 5

REGISTRY_SCHEMA = pa.schema(
    [
        ("registry", pa.string()),
        ("category", pa.string()),
        ("key", pa.string()),
        ("name", pa.string()),
        ("params", pa.string()),
        ("depth", pa.string()),
        ("count", pa.int64()),
        ("jobs", pa.int64()),
        ("first_seen", pa.string()),
        ("last_seen", pa.string()),
        ("source_jobs", pa.list_(pa.string())),
        ("source_prompts", pa.list_(pa.string())),
        ("observed", pa.bool_()),
    ]
)

#: Which discovery table feeds which registry.
DISCOVERY_TABLE = {
    "static_colors": "frame_discoveries",
    "static_sound": "frame_discoveries",
    "dynamic_blends": "window_discoveries",
    "narrative": "narrative_discoveries",
    "linguistic": "linguistic_discoveries",
}


def stored_names(store: TableStore, registry: str, categories: list[str] | None = None) -> dict[str, str]:
    """key -> name of the entries the registry holds now (normalised prompt -> name for interpretations)."""
    column = "normalised" if registry == "interpretations" else "key"
    names: dict[str, str] = {}
    for category in categories or REGISTRY_CATEGORIES[registry]:
        table = store.read(registry_table(registry), category)
        if table is not None and table.num_rows:
            names.update(zip(table.column(column).to_pylist(), table.column("name").to_pylist()))
    return names


def aggregate_categories(store: TableStore, registry: str, categories: list[str]) -> dict[str, pa.Table]:
    """The named registry entries of each requested category, sorted by key.

    Names are chosen over the whole registry at once, so they are unique across categories, and the same
    discoveries always give the same names whichever categories a run covers.
    """
    unknown = [c for c in categories if c not in REGISTRY_CATEGORIES[registry]]
    if unknown:
        raise ValueError(f"{unknown} are not categories of {registry}")
    table = DISCOVERY_TABLE[registry]
    if not store.files(table):
        return {category: REGISTRY_SCHEMA.empty_table() for category in categories}
    everything = store.query(
        "SELECT key, min(params) AS params FROM d WHERE registry = ? GROUP BY key ORDER BY key",
        {"d": table}, [registry],
    ).to_pylist()
    categories_of = {}
    # Names once given stay (only backfill-names changes them): the stored registry's names are kept.
    names = names_for(registry, [(row["key"], json.loads(row["params"])) for row in everything],
                      given=stored_names(store, registry))
    result = store.query(
        f"""
        WITH ranked AS (
            SELECT *, job_order || ' ' || job_id AS seen FROM d WHERE registry = ?
        )
        SELECT registry, category, key, min(params) AS params, min(depth) AS depth,
               count(*)::BIGINT AS count, count(DISTINCT job_id)::BIGINT AS jobs,
               arg_min(job_id, seen) AS first_seen, arg_max(job_id, seen) AS last_seen,
               list(DISTINCT job_id ORDER BY job_id)[1:{SOURCE_SAMPLE}] AS source_jobs,
               list(DISTINCT prompt ORDER BY prompt)[1:{SOURCE_SAMPLE}] AS source_prompts,
               bool_and(observed) AS observed
        FROM ranked GROUP BY registry, category, key ORDER BY category, key
        """,
        {"d": table},
        [registry],
    )
    for row in result.to_pylist():
        row["name"] = names[row["key"]]
        categories_of.setdefault(row["category"], []).append(row)
    return {
        category: pa.Table.from_pylist(categories_of.get(category, []), schema=REGISTRY_SCHEMA)
        for category in categories
    }


def interpretation_entries(store: TableStore, mood: str) -> pa.Table:
    """Each distinct normalised prompt once, with its instruction and how often it was seen."""
    if not store.files("loop_interpretations"):
        return INTERPRETATION_SCHEMA.empty_table()
    result = store.query(
        """
        SELECT normalised, arg_min(instruction, job_order) AS instruction, count(*)::BIGINT AS count,
               arg_min(job_id, job_order) AS first_seen, arg_max(job_id, job_order) AS last_seen
        FROM i WHERE mood = ? GROUP BY normalised ORDER BY normalised
        """,
        {"i": "loop_interpretations"},
        [mood],
    )
    rows = result.to_pylist()
    names = names_for("interpretations", [(r["normalised"], {"prompt": r["normalised"]}) for r in rows],
                      given=stored_names(store, "interpretations", [mood]))
    for row in rows:
        row["mood"] = mood
        row["name"] = names[row["normalised"]]
    return pa.Table.from_pylist(rows, schema=INTERPRETATION_SCHEMA)


INTERPRETATION_SCHEMA = pa.schema(
    [
        ("mood", pa.string()),
        ("normalised", pa.string()),
        ("name", pa.string()),
        ("instruction", pa.string()),
        ("count", pa.int64()),
        ("first_seen", pa.string()),
        ("last_seen", pa.string()),
    ]
)
