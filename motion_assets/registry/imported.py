"""Imported rows on disk: table ``imported_entries``, one Parquet file per ``<registry>.<category>`` partition.

Each stored row is one value as one export file gave it (column ``source``: the file's SHA-256 prefix), so
importing the same file again replaces exactly its own rows (same bytes, no duplicates), and a later export of the
same old database (exports are cumulative snapshots) supersedes an earlier one key by key instead of adding to it.
`imported_rows` serves, per key, the row of the most recent export, in the row shape of
`motion_assets.registry.aggregate` so the registry assets can merge them.
"""

from __future__ import annotations

import json
from contextlib import nullcontext

import pyarrow as pa

from motion_assets.keys.canonical import REGISTRY_CATEGORIES
from motion_assets.registry.schemas import INTERPRETATION_SCHEMA, REGISTRY_SCHEMA
from motion_assets.registry.names import assign_names, key_field, names_lock
from motion_assets.storage.tables import TableStore

TABLE = "imported_entries"
#: Rows an import rejected, one partition per export file (its source id): their legacy names stay findable.
REJECTED_TABLE = "imported_rejections"
REJECTED_SCHEMA = pa.schema([("list", pa.string()), ("key", pa.string()), ("name", pa.string()),
                             ("reason", pa.string()), ("source", pa.string()), ("exported_at", pa.string())])
PROVENANCE = [("aliases", pa.list_(pa.string())), ("legacy", pa.string()), ("source", pa.string()),
              ("exported_at", pa.string())]
IMPORTED_SCHEMA = pa.schema(list(REGISTRY_SCHEMA) + [pa.field(n, t) for n, t in PROVENANCE])
IMPORTED_INTERPRETATION_SCHEMA = pa.schema(list(INTERPRETATION_SCHEMA) + [pa.field(n, t) for n, t in PROVENANCE])


def partition(registry: str, category: str) -> str:
    return f"{registry}.{category}"


def schema_of(registry: str) -> pa.Schema:
    return IMPORTED_INTERPRETATION_SCHEMA if registry == "interpretations" else IMPORTED_SCHEMA


def stored_partitions(store: TableStore) -> list[str]:
    return store.partitions(TABLE)


def partitions_of(store: TableStore, registry: str) -> list[str]:
    """The stored ``<registry>.<category>`` partitions of one registry."""
    return [p for p in stored_partitions(store) if p.split(".", 1)[0] == registry]


def read_partition(store: TableStore, registry: str, category: str) -> list[dict]:
    table = store.read(TABLE, partition(registry, category))
    return table.to_pylist() if table is not None else []


def current(rows: list[dict], registry: str) -> list[dict]:
    """Per key, the row of the most recent export (ties: the larger source id), sorted by key."""
    field = key_field(registry)
    best: dict[str, dict] = {}
    for row in rows:
        held = best.get(row[field])
        if held is None or (row["exported_at"], row["source"]) > (held["exported_at"], held["source"]):
            best[row[field]] = row
    return [best[k] for k in sorted(best)]


def imported_rows(store: TableStore, registry: str, category: str, provenance: bool = False) -> list[dict]:
    """The imported entries of one registry category, in the registry's row shape (aggregate.REGISTRY_SCHEMA, or
    INTERPRETATION_SCHEMA for interpretations), sorted by key. ``provenance`` adds aliases, legacy rows, source."""
    rows = current(read_partition(store, registry, category), registry)
    base = INTERPRETATION_SCHEMA if registry == "interpretations" else REGISTRY_SCHEMA
    keep = base.names + ([n for n, _ in PROVENANCE] if provenance else [])
    return [{name: row[name] for name in keep} for row in rows]


def imported_aliases(store: TableStore, registry: str) -> dict[str, list[str]]:
    """key -> the legacy names it was imported under (kept as aliases for history and lookups)."""
    aliases: dict[str, list[str]] = {}
    for category in _categories(registry):
        for row in current(read_partition(store, registry, category), registry):
            if row["aliases"]:
                aliases[row[key_field(registry)]] = list(row["aliases"])
    return aliases


def _categories(registry: str) -> tuple[str, ...]:
    if registry in REGISTRY_CATEGORIES:
        return REGISTRY_CATEGORIES[registry]
    return ("blended_colors", "blends")  # the legacy holding partitions


def rejected_table(rejected: list[dict], source: str, exported_at: str) -> pa.Table:
    rows = [{"list": str(r["list"]), "key": None if r.get("key") is None else str(r["key"]),
             "name": None if r.get("name") is None else str(r["name"]), "reason": str(r["reason"]),
             "source": source, "exported_at": exported_at} for r in rejected]
    return pa.Table.from_pylist(sorted(rows, key=lambda r: (r["list"], r["key"] or "", r["name"] or "")),
                                schema=REJECTED_SCHEMA)


def find_rejected(store: TableStore, text: str) -> list[dict]:
    """Every rejected import row whose legacy name or legacy key is ``text`` (case and spacing ignored), with the
    reason it was rejected: a value the import refused is still findable by the name the old system gave it."""
    wanted = " ".join(text.split()).casefold()
    found = []
    for part in store.partitions(REJECTED_TABLE):
        table = store.read(REJECTED_TABLE, part)
        for row in table.to_pylist() if table is not None else []:
            for how, value in (("rejected legacy name", row["name"]), ("rejected legacy key", row["key"])):
                if value is not None and " ".join(value.split()).casefold() == wanted:
                    found.append({"registry": "rejected", "key": row["key"], "name": row["name"], "matched": how,
                                  "list": row["list"], "reason": row["reason"], "source": row["source"]})
                    break
    return found


def write_import(store: TableStore, new_rows: list[dict], source: str, dry_run: bool = False,
                 history: dict[str, dict[str, dict]] | None = None,
                 rejected: pa.Table | None = None) -> dict[str, int]:
    """Store the rows of one import (all from ``source``), replacing that source's earlier rows.

    Every row shows the name ledger's name for its key (registry/names.py): a key already named keeps its name, a
    new key takes the name its row gives (our own export) when it is free, else the registry naming; legacy names
    become aliases; ``history`` (registry -> key -> ledger row, from our own export) keeps naming versions and
    retired names. Everything is written as one change (`TableStore.write_all`): the imported partitions and the
    ledgers. Returns the rows per partition; ``dry_run`` computes everything and writes nothing.
    """
    touched: dict[tuple[str, str], list[dict]] = {}
    for row in new_rows:
        registry = row.get("registry", "interpretations")
        category = row["mood"] if registry == "interpretations" else row["category"]
        touched.setdefault((registry, category), []).append(row)
    registries = sorted({r for r, _ in touched})
    written: dict[str, int] = {}
    changes: dict = {}
    with names_lock(store, *registries) if not dry_run else nullcontext():  # a dry run writes nothing, not even a lock
        for registry in registries:
            field = key_field(registry)
            categories = {c for r, c in touched if r == registry} | {
                p.split(".", 1)[1] for p in partitions_of(store, registry)}
            stored = {}
            for category in sorted(categories):
                rows = read_partition(store, registry, category)
                if (registry, category) in touched:
                    rows = [r for r in rows if r["source"] != source] + [dict(r) for r in touched[(registry, category)]]
                stored[category] = rows
            everything = sorted((r for rows in stored.values() for r in rows),
                                key=lambda r: (r["exported_at"], r["source"]))
            values = {r[field]: {"prompt": r[field]} if registry == "interpretations" else json.loads(r["params"])
                      for r in everything}
            names = assign_names(store, registry, sorted(values.items()),
                                 given={r[field]: r["name"] for r in everything if r.get("name")},
                                 aliases={r[field]: r["aliases"] for r in everything if r["aliases"]},
                                 changes=changes, history=(history or {}).get(registry))
            for r in everything:
                r["name"] = names[r[field]]
            for (reg, category) in sorted(touched):
                if reg == registry:
                    rows = sorted(stored[category], key=lambda r: (r[field], r["exported_at"], r["source"]))
                    written[partition(registry, category)] = len(rows)
                    changes[(TABLE, partition(registry, category))] = pa.Table.from_pylist(
                        rows, schema=schema_of(registry))
        if rejected is not None and (rejected.num_rows or store.read(REJECTED_TABLE, source) is not None):
            changes[(REJECTED_TABLE, source)] = rejected
            written[f"{REJECTED_TABLE}.{source}"] = rejected.num_rows
        if not dry_run and changes:
            store.write_all(changes)
    return written
