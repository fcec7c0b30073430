"""How much of each defined space the registries hold, what is missing, and how coverage grew over time.

Coverage counts registry entries only, and registry entries come only from extraction (never inserted), so a cell
counts once it was rendered and measured. Narrative pairs count per video: the pair of values one video carried.
"""

from __future__ import annotations

from collections import defaultdict

import pyarrow as pa

from motion_assets.coverage.spaces import SPACE_VERSION, narrative_pair_space, registry_space
from motion_assets.keys.canonical import REGISTRY_CATEGORIES
from motion_assets.registry.report import registry_table
from motion_assets.storage.tables import TableStore

MISSING_SAMPLE = 10
HISTORY_TABLE = "coverage_history"
HISTORY_SCHEMA = pa.schema([("registry", pa.string()), ("category", pa.string()), ("loop_batches", pa.int64()),
                            ("entries", pa.int64()), ("covered", pa.int64()), ("total", pa.int64()),
                            ("space_version", pa.int64())])


def registry_keys(store: TableStore, registry: str) -> dict[str, set[str]]:
    keys: dict[str, set[str]] = {}
    for category in REGISTRY_CATEGORIES[registry]:
        table = store.read(registry_table(registry), category)
        column = "normalised" if registry == "interpretations" else "key"
        keys[category] = set(table.column(column).to_pylist()) if table is not None else set()
    return keys


def category_coverage(store: TableStore, registry: str) -> dict[str, dict]:
    """Per category: entries, and for defined spaces covered, total, coverage_pct and a sample of missing keys."""
    held = registry_keys(store, registry)
    space = registry_space(registry)
    result = {}
    for category, keys in held.items():
        figures: dict = {"entries": len(keys)}
        if space is not None:
            wanted = space[category]
            covered = len(keys & wanted)
            figures.update(covered=covered, total=len(wanted),
                           coverage_pct=round(100.0 * covered / len(wanted), 2) if wanted else 100.0,
                           missing_sample=sorted(wanted - keys)[:MISSING_SAMPLE])
        result[category] = figures
    return result


def narrative_pair_coverage(store: TableStore) -> dict[str, dict]:
    """Per pair of narrative categories: value pairs carried by one video, out of every possible pair."""
    carried: dict[str, dict[str, str]] = defaultdict(dict)
    if store.files("narrative_discoveries"):
        table = store.query("SELECT job_id, category, params FROM d", {"d": "narrative_discoveries"})
        import json

        for row in table.to_pylist():
            carried[row["job_id"]][row["category"]] = json.loads(row["params"])["value"]
    result = {}
    for name, pairs in narrative_pair_space().items():
        first, second = name.split(" x ")
        seen = {(values[first], values[second]) for values in carried.values() if first in values and second in values}
        covered = len(seen & pairs)
        result[name] = {"covered": covered, "total": len(pairs),
                        "coverage_pct": round(100.0 * covered / len(pairs), 2)}
    return result


def record_history(store: TableStore, registry: str, figures: dict[str, dict]) -> pa.Table:
    """Add this state to the registry's coverage history, keyed by how many loop batches existed (so a re-run
    with the same batches replaces its row rather than adding one)."""
    batches = len(store.partitions("loop_prompts"))
    previous = store.read(HISTORY_TABLE, registry)
    rows = [r for r in (previous.to_pylist() if previous is not None else []) if r["loop_batches"] != batches]
    rows += [{"registry": registry, "category": category, "loop_batches": batches, "entries": f["entries"],
              "covered": f.get("covered", f["entries"]), "total": f.get("total", 0), "space_version": SPACE_VERSION}
             for category, f in figures.items()]
    rows.sort(key=lambda r: (r["loop_batches"], r["category"]))
    table = pa.Table.from_pylist(rows, schema=HISTORY_SCHEMA)
    store.write(HISTORY_TABLE, registry, table)
    return table


def stagnant_categories(history: list[dict], window: int = 5) -> list[str]:
    """Categories with cells still missing whose coverage did not grow over the last ``window`` recorded states."""
    by_category: dict[str, list[dict]] = defaultdict(list)
    for row in sorted(history, key=lambda r: r["loop_batches"]):
        by_category[row["category"]].append(row)
    stagnant = []
    for category, rows in sorted(by_category.items()):
        recent = rows[-window:]
        missing = recent[-1]["total"] - recent[-1]["covered"] if recent[-1]["total"] else 0
        if len(recent) == window and missing > 0 and recent[-1]["covered"] <= recent[0]["covered"]:
            stagnant.append(category)
    return stagnant
