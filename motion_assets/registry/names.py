"""The name ledger: the one place a registry key's name is decided (table ``registry_names``, one file per registry).

Registry tables, imported entries and exports show the ledger's names. A key is named once, when it first reaches
its registry (from a discovery or an import), and keeps that name; only backfill-names (registry/backfill.py)
changes it, and then the old name moves to ``retired_names`` and is never given again in that registry. Legacy
names that came with an import stay as ``aliases`` for lookups and history.

Writers of one registry's names hold ``names_lock(store, registry)`` from reading the ledger until every table that
shows the names is written, so a backfill and a registry run never interleave.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from contextlib import contextmanager

import pyarrow as pa
import pyarrow.compute as pc

from motion_assets.keys.canonical import REGISTRY_CATEGORIES
from motion_assets.naming.dictionary import name_problems, rules_fingerprint
from motion_assets.registry.naming import NAMING_VERSION, names_for
from motion_assets.registry.report import key_field, registry_table
from motion_assets.storage.tables import TableStore

NAMES_TABLE = "registry_names"
#: The registries whose names the ledger holds: every registry, plus the imported legacy values that have no
#: registry category here (held under "legacy").
NAMED_REGISTRIES = (*REGISTRY_CATEGORIES, "legacy")

LEDGER_SCHEMA = pa.schema(
    [
        ("key", pa.string()),
        ("name", pa.string()),
        ("naming_version", pa.int64()),
        ("aliases", pa.list_(pa.string())),
        ("retired_names", pa.list_(pa.string())),
    ]
)


#: The name rules' verdict on each name of a registry's ledger (table ``name_checks``, one file per registry), kept
#: so a registry run judges only the names that are new to it; each row records the rules it was judged under
#: (`rules_fingerprint`, the same in every row), and a change of the rules judges every name again.
CHECKS_TABLE = "name_checks"
CHECKS_SCHEMA = pa.schema([("name", pa.string()), ("problems", pa.list_(pa.string())), ("rules", pa.string())])


@contextmanager
def names_lock(store: TableStore, *registries: str):
    with store.lock(*(f"names-{registry}" for registry in registries)):
        yield


def read_ledger(store: TableStore, registry: str) -> dict[str, dict]:
    """key -> ledger row (name, naming_version, aliases, retired_names) for one registry.

    A registry written before the ledger existed has its names only in its registry tables: they are read from
    there with naming version 0 (unknown), which backfill-names treats as an older naming version.
    """
    table = store.read(NAMES_TABLE, registry)
    if table is not None:
        return ledger_rows(table)
    rows = {}
    for category in REGISTRY_CATEGORIES.get(registry, ()):
        stored = store.read(registry_table(registry), category)
        if stored is not None and stored.num_rows:
            for key, name in zip(stored.column(key_field(registry)).to_pylist(), stored.column("name").to_pylist()):
                rows[key] = {"key": key, "name": name, "naming_version": 0, "aliases": [], "retired_names": []}
    return rows


def ledger_rows(table: pa.Table) -> dict[str, dict]:
    """key -> ledger row of a stored ledger table (column by column: a ledger holds a row per key ever named)."""
    fields = LEDGER_SCHEMA.names
    columns = [table.column(field).to_pylist() for field in fields]
    return {values[0]: dict(zip(fields, values)) for values in zip(*columns)}


def ledger_table(rows: Iterable[dict]) -> pa.Table:
    ordered = sorted(rows, key=lambda r: r["key"])
    return pa.Table.from_pydict({field: [row[field] for row in ordered] for field in LEDGER_SCHEMA.names},
                                schema=LEDGER_SCHEMA)


def retired_names(ledger: Mapping[str, dict]) -> set[str]:
    return {name for row in ledger.values() for name in row["retired_names"] or ()}


def assign_names(store: TableStore, registry: str, entries: Sequence[tuple[str, dict]],
                 given: Mapping[str, str] | None = None, aliases: Mapping[str, Sequence[str]] | None = None,
                 changes: dict | None = None, history: Mapping[str, dict] | None = None,
                 ledger: pa.Table | None = None) -> dict[str, str]:
    """key -> name for ``entries`` ((key, params) pairs; params a dict or its JSON text): the ledger's name where the
    key has one, else a new one.

    New names follow the naming rules, unique in the registry and never a retired name. ``given`` proposes names
    for new keys (an import of our own export keeps its names when they are free). ``aliases`` (key -> legacy
    names) are added to the keys' aliases. The caller holds `names_lock` for the registry.

    With ``changes`` (a `TableStore.write_all` change set) the new ledger goes into it, to be written together
    with the tables that show the names, and a ledger already pending there is the one read; without it the
    ledger is written at once. ``ledger``: the registry's current ledger (`current_ledger`) when the caller has
    read it already. The ledger is looked up column by column and only new or changed rows are built, so the cost
    follows the entries asked about and the keys new to the ledger (the taken names are gathered only when a key
    needs a new name).
    """
    pending = (changes or {}).get((NAMES_TABLE, registry))
    stored = None
    if pending is not None:
        table = pending
    elif ledger is not None:
        table, stored = ledger, ledger
    else:
        stored = store.read(NAMES_TABLE, registry)
        table = stored.cast(LEDGER_SCHEMA) if stored is not None else \
            ledger_table(read_ledger(store, registry).values())
    if pending is None and ledger is not None and not store.exists(store.table_path(NAMES_TABLE, registry)):
        stored = None  # the caller's ledger came from the registry tables: the ledger file is still to be written
    held_keys = _array(table, "key")
    history = history or {}

    def known(keys: list[str]) -> list[bool]:
        return pc.is_in(pa.array(keys, pa.string()), value_set=held_keys).to_pylist() if keys else []

    given_keys = sorted(given or {})
    unknown_given = [key for key, held in zip(given_keys, known(given_keys)) if not held]
    entry_keys = [key for key, _ in entries]
    entry_known = known(entry_keys)
    unnamed = [(key, params) for (key, params), held in zip(entries, entry_known) if not held]
    proposed: dict[str, str] = {}
    if unknown_given or unnamed:
        taken = set(table.column("name").to_pylist()) | ledger_retired_names(table) | retired_names(history)
        for key in unknown_given:
            name = given[key]
            if name and name not in taken:
                proposed[key] = name
                taken.add(name)
        new = [(key, json.loads(params) if isinstance(params, str) else params)  # JSON read only when needed
               for key, params in unnamed if key not in proposed]
        if new:
            proposed.update(names_for(registry, new, taken=taken))
    rows: dict[str, dict] = {}  # the ledger rows this call adds or changes
    for key, name in proposed.items():
        before = history.get(key) if history.get(key, {}).get("name") == name else None
        rows[key] = {"key": key, "name": name, "aliases": [],
                     "naming_version": before["naming_version"] if before else NAMING_VERSION,
                     "retired_names": sorted(before["retired_names"] or []) if before else []}
    alias_keys = list(aliases or {})
    held = [key for key, is_held in zip(alias_keys, known(alias_keys)) if is_held]
    if held:  # an import's legacy names join the aliases of keys the ledger already holds
        chosen = table.filter(pc.is_in(table.column("key"), pa.array(held, pa.string())))
        existing = ledger_rows(chosen)
        for key in held:
            legacy = aliases[key]
            if not set(legacy) <= set(existing[key]["aliases"] or []):
                rows[key] = {**existing[key], "aliases": sorted(set(existing[key]["aliases"] or []) | set(legacy))}
    for key, legacy in (aliases or {}).items():
        if key in proposed and not set(legacy) <= set(rows[key]["aliases"]):
            rows[key]["aliases"] = sorted(set(rows[key]["aliases"]) | set(legacy))
    if rows or (pending is None and stored is None and table.num_rows):
        changed = [key for key in rows if key not in proposed]
        kept = table.filter(pc.invert(pc.is_in(table.column("key"), pa.array(changed, pa.string())))) \
            if changed else table
        updated = pa.concat_tables([kept, ledger_table(rows.values())]).sort_by("key").combine_chunks() \
            if rows else table
        if changes is None:
            store.write(NAMES_TABLE, registry, updated)
        else:
            changes[(NAMES_TABLE, registry)] = updated
    held_names = names_of(table, [key for key, is_held in zip(entry_keys, entry_known) if is_held])
    names = dict(zip((key for key, is_held in zip(entry_keys, entry_known) if is_held), held_names))
    names.update(proposed)
    return {key: names[key] for key in entry_keys}


def _array(table: pa.Table, column: str) -> pa.Array:
    """One column as a single array (a value set for `pc.is_in` and `pc.index_in`)."""
    return table.column(column).combine_chunks()


def names_of(ledger: pa.Table, keys: Sequence[str] | pa.Array) -> list[str] | pa.Array:
    """The names ``ledger`` gives ``keys`` (each must be in it), looked up column-wise: a list for a list, an
    array for an array."""
    array = keys if isinstance(keys, (pa.Array, pa.ChunkedArray)) else pa.array(list(keys), pa.string())
    positions = pc.index_in(array, value_set=_array(ledger, "key"))
    if positions.null_count:
        missing = array.filter(pc.is_null(positions))[0]
        raise KeyError(f"the name ledger has no name for {missing}")
    found = ledger.column("name").take(positions)
    return found if isinstance(keys, (pa.Array, pa.ChunkedArray)) else found.to_pylist()


def ledger_retired_names(table: pa.Table) -> set[str]:
    """Every name a ledger table lists as retired."""
    return set(pc.list_flatten(table.column("retired_names")).to_pylist()) if table.num_rows else set()


def current_ledger(store: TableStore, registry: str, changes: dict | None = None) -> pa.Table:
    """One registry's ledger as a table sorted by key: the one pending in ``changes``, else the stored one, else
    the names its registry tables hold (see `read_ledger`)."""
    pending = (changes or {}).get((NAMES_TABLE, registry))
    if pending is not None:
        return pending
    stored = store.read(NAMES_TABLE, registry)
    return stored.cast(LEDGER_SCHEMA) if stored is not None else ledger_table(read_ledger(store, registry).values())


def find_name(store: TableStore, text: str, registries: Sequence[str] = NAMED_REGISTRIES) -> list[dict]:
    """Every key whose current name, legacy alias or retired name is ``text`` (case and spacing ignored), with
    how it matched: lookups by an old name keep working after an import or a backfill."""
    wanted = " ".join(text.split()).casefold()
    found = []
    for registry in registries:
        for key, row in sorted(read_ledger(store, registry).items()):
            for how, names in (("current name", [row["name"]]), ("legacy alias", row["aliases"] or []),
                               ("retired name", row["retired_names"] or [])):
                if any(" ".join((name or "").split()).casefold() == wanted for name in names):
                    found.append({"registry": registry, "key": key, "name": row["name"], "matched": how})
    return found


#: The verdict on a good name, shared by every good name of a `name_verdicts` answer (read it, never change it):
#: a fresh empty list per name would cost a registry's worth of objects (and of garbage collection) every run.
NO_PROBLEMS: list[str] = []


def name_verdicts(store: TableStore, registry: str, names: Iterable[str], changes: dict | None = None
                  ) -> dict[str, list[str]]:
    """name -> `name_problems(name)` for ``names`` (a registry's current names), judging only the names the stored
    verdicts lack (all of them when the rules changed since). With ``changes`` (a `TableStore.write_all` change set)
    the verdicts of exactly these names go into it when they differ from the stored ones.

    The stored verdicts are read column by column (only the failing ones as lists), so a run that adds a few names
    costs about a set of the registry's names, not a row per name. Good names share one empty list (`NO_PROBLEMS`)."""
    rules = rules_fingerprint()
    stored = store.read(CHECKS_TABLE, registry)
    fresh = stored is not None and (not stored.num_rows or stored.column("rules")[0].as_py() == rules)
    wanted = list({name or "" for name in names})
    verdicts: dict[str, list[str]] = dict.fromkeys(wanted, NO_PROBLEMS)
    if fresh:
        stored = stored.cast(CHECKS_SCHEMA)
        known = pc.is_in(pa.array(wanted, pa.string()), value_set=stored.column("name"))
        new = [name for name, held in zip(wanted, known.to_pylist()) if not held]
        failing = stored.filter(pc.greater(pc.list_value_length(stored.column("problems")), 0))
        for name, problems in zip(failing.column("name").to_pylist(), failing.column("problems").to_pylist()):
            if name in verdicts:
                verdicts[name] = problems
    else:
        new = wanted
    for name in new:
        verdicts[name] = name_problems(name) or NO_PROBLEMS
    if changes is not None and (not fresh or new or stored.num_rows != len(wanted)):
        judged = pa.Table.from_pydict({"name": new, "problems": [verdicts[name] for name in new],
                                       "rules": [rules] * len(new)}, schema=CHECKS_SCHEMA)
        if fresh:
            kept = stored.filter(pc.is_in(stored.column("name"), value_set=pa.array(wanted, pa.string())))
            judged = pa.concat_tables([kept, judged])
        changes[(CHECKS_TABLE, registry)] = judged.sort_by("name").combine_chunks()
    return verdicts
