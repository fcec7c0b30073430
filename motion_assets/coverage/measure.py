"""How much of each defined space the registries hold, what is missing, and how coverage grew over time.

Coverage counts registry entries only, and registry entries come only from extraction (never inserted), so a cell
counts once it was rendered and measured. Narrative pairs count per video: the pair of values one video carried.
"""

from __future__ import annotations

import json
from collections import defaultdict

import pyarrow as pa

from motion_assets.coverage.spaces import SPACE_VERSION, narrative_pair_space, registry_space
from motion_assets.keys.canonical import REGISTRY_CATEGORIES
from motion_assets.registry.fold import fold_state
from motion_assets.registry.report import key_field, registry_table
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
        keys[category] = set(table.column(key_field(registry)).to_pylist()) if table is not None else set()
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


def pairs_carried(story: dict[str, str]) -> set[tuple[str, tuple[str, str]]]:
    """The (pair name, (value, value)) pairs one video carries, given its narrative values (category -> value)."""
    carried = set()
    for name in narrative_pair_space():
        first, second = name.split(" x ")
        if first in story and second in story:
            carried.add((name, (story[first], story[second])))
    return carried


PAIRS_STATE = "narrative_pairs"
PAIRS_SCHEMA = pa.schema([("pair", pa.string()), ("first", pa.string()), ("second", pa.string())])


def narrative_pairs_seen(store: TableStore, changes: dict | None = None, full: bool = False,
                         listing: pa.Table | None = None) -> dict[str, set]:
    """pair name -> the (value, value) pairs some video carried: the stored pairs state (registry/fold.py) with the
    narrative batches not folded yet folded in; with ``changes`` the new state goes there to be written.
    ``listing``: the narrative discoveries' batch files as the narrative fold of the same run found them."""
    fold = fold_state(store, PAIRS_STATE, "narrative_discoveries", PAIRS_SCHEMA,
                      lambda state, table, batches: _fold_pairs(store, state, table, batches),
                      {} if changes is None else changes, full=full, listing=listing)
    seen: dict[str, set] = defaultdict(set)
    for name, first, second in zip(*(fold.state.column(c).to_pylist() for c in PAIRS_SCHEMA.names)):
        seen[name].add((first, second))
    return seen


def _fold_pairs(store: TableStore, state: pa.Table, table: str, batches: list[str]) -> pa.Table:
    stories: dict[str, dict[str, str]] = defaultdict(dict)
    rows = store.query("SELECT job_id, category, params FROM d", {"d": table}, partitions={"d": batches})
    for job_id, category, params in zip(*(rows.column(c).to_pylist() for c in ("job_id", "category", "params"))):
        stories[job_id][category] = json.loads(params)["value"]
    seen = set(zip(*(state.column(c).to_pylist() for c in PAIRS_SCHEMA.names)))
    for story in stories.values():
        seen.update((name, *pair) for name, pair in pairs_carried(story))
    return pa.Table.from_pylist([dict(zip(PAIRS_SCHEMA.names, row)) for row in sorted(seen)], schema=PAIRS_SCHEMA)


def narrative_pair_coverage(store: TableStore, changes: dict | None = None, full: bool = False,
                            listing: pa.Table | None = None) -> dict[str, dict]:
    """Per pair of narrative categories: value pairs carried by one video, out of every possible pair (one video
    carries one value per category, so its pairs are read from its narrative discoveries)."""
    seen = narrative_pairs_seen(store, changes, full, listing)
    result = {}
    for name, pairs in narrative_pair_space().items():
        covered = len(seen[name] & pairs)
        result[name] = {"covered": covered, "total": len(pairs),
                        "coverage_pct": round(100.0 * covered / len(pairs), 2),
                        "missing_sample": [" + ".join(p) for p in sorted(pairs - seen[name])[:MISSING_SAMPLE]]}
    return result


def pairs_summary(pairs: dict[str, dict]) -> dict:
    """All narrative pairs as one figure (a "pairs" row beside the narrative categories)."""
    covered, total = sum(p["covered"] for p in pairs.values()), sum(p["total"] for p in pairs.values())
    return {"entries": covered, "covered": covered, "total": total,
            "coverage_pct": round(100.0 * covered / total, 2) if total else 100.0}


def history_figures(store: TableStore, registry: str) -> dict[str, dict]:
    """The figures a registry's coverage history records: its categories, and for narrative all pairs as "pairs"."""
    figures = category_coverage(store, registry)
    if registry == "narrative":
        figures["pairs"] = pairs_summary(narrative_pair_coverage(store))
    return figures


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


def category_growth(history: list[dict]) -> dict[str, int]:
    """Per category: entries (covered cells for defined spaces) gained since the previous recorded state (the
    latest state with fewer loop batches); a category's first state counts from nothing. Negative means it shrank."""
    by_category: dict[str, list[dict]] = defaultdict(list)
    for row in sorted(history, key=lambda r: r["loop_batches"]):
        by_category[row["category"]].append(row)
    return {category: rows[-1]["covered"] - (rows[-2]["covered"] if len(rows) > 1 else 0)
            for category, rows in by_category.items()}


#: Loop batches over which a category with missing cells must grow, or the stagnation check names it.
STAGNATION_BATCHES = 5


def stagnant_categories(history: list[dict], window: int = STAGNATION_BATCHES) -> list[str]:
    """Categories with cells still missing whose coverage did not grow over the last ``window`` loop batches:
    the latest recorded state against the latest one recorded at least ``window`` batches earlier. Too little
    history (no state that old) names nothing."""
    by_category: dict[str, list[dict]] = defaultdict(list)
    for row in sorted(history, key=lambda r: r["loop_batches"]):
        by_category[row["category"]].append(row)
    stagnant = []
    for category, rows in sorted(by_category.items()):
        latest = rows[-1]
        if not latest["total"] or latest["covered"] >= latest["total"]:
            continue
        earlier = [r for r in rows if r["loop_batches"] <= latest["loop_batches"] - window]
        if earlier and latest["covered"] <= earlier[-1]["covered"]:
            stagnant.append(category)
    return stagnant


def recent_growth(store: TableStore, registry: str, window: int = STAGNATION_BATCHES) -> dict[str, dict]:
    """Per category: entries added over the last ``window`` loop batches (the growth an open-ended category reports
    in place of coverage), against the coverage history: the latest state recorded at least ``window`` batches
    before the current one (from nothing while the loop has no more than ``window`` batches; otherwise, with no
    state that old, from the oldest recorded one). ``since_loop_batches`` says which state."""
    batches = len(store.partitions("loop_prompts"))
    history = store.read(HISTORY_TABLE, registry)
    rows = sorted(history.to_pylist() if history is not None else [], key=lambda r: r["loop_batches"])
    current = registry_keys(store, registry)
    result = {}
    for category, keys in current.items():
        states = [r for r in rows if r["category"] == category]
        older = [r for r in states if r["loop_batches"] <= batches - window]
        if older:
            reference = older[-1]
        elif batches <= window or not states:
            reference = {"loop_batches": 0, "entries": 0}
        else:
            reference = states[0]
        result[category] = {"new_entries": max(0, len(keys) - reference["entries"]),
                            "since_loop_batches": reference["loop_batches"], "loop_batches": batches}
    return result
