"""backfill-names: find names that fail the rules, give each a good name, and change it everywhere at once.

A name fails when it breaks a naming rule (gibberish, digits, a legacy category prefix, over 60 characters ...; see
`name_problems`), when another key of the same registry holds the same name (the first key in key order keeps it),
when it is a name retired by an earlier backfill, or when it comes from an older naming version.

Every place that shows a registry name takes it from the name ledger: the ledger itself, the registry tables and
the imported entries. Loop tables (prompts, instructions, specs, discoveries, records) refer to values by
canonical key, never by name, so a rename cannot leave them stale, and nothing rewrites their text (the older
system's substring replacement rewrote history). One backfill writes all of its changed files through
`TableStore.write_all`: all of them or, after a failure, none. The renames go to table ``name_renames``, one
partition per backfill, so every rename (registry, key, old name, new name, why) can be browsed later.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass

import pyarrow as pa
import pyarrow.compute as pc

from motion_assets.keys.canonical import REGISTRY_CATEGORIES
from motion_assets.registry.imported import TABLE as IMPORTED_TABLE
from motion_assets.registry.imported import partitions_of as imported_partitions_of
from motion_assets.naming.dictionary import name_problems
from motion_assets.registry.names import (
    NAMED_REGISTRIES,
    NAMES_TABLE,
    current_ledger,
    key_field,
    ledger_retired_names,
    ledger_table,
    name_verdicts,
    read_ledger,
    retired_names,
)
from motion_assets.registry.naming import NAMING_VERSION, names_for
from motion_assets.registry.report import registry_table
from motion_assets.storage.tables import TableStore

RENAMES_TABLE = "name_renames"
RENAMES_SCHEMA = pa.schema(
    [
        ("backfill", pa.string()),
        ("registry", pa.string()),
        ("key", pa.string()),
        ("old_name", pa.string()),
        ("new_name", pa.string()),
        ("reasons", pa.list_(pa.string())),
    ]
)


@dataclass(frozen=True)
class NameFailure:
    registry: str
    key: str
    name: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Rename:
    registry: str
    key: str
    old_name: str
    new_name: str
    reasons: tuple[str, ...]


@dataclass
class BackfillPlan:
    renames: list[Rename]
    #: Keys whose old-version name is what the current rules give anyway: only their naming version moves on.
    restamped: list[NameFailure]
    failing_before: dict[str, int]
    #: Failing names left for a later run by ``limit``.
    deferred: int

    @property
    def renamed_registries(self) -> list[str]:
        return sorted({r.registry for r in self.renames} | {f.registry for f in self.restamped})

    def summary(self) -> dict:
        return {"renamed": len(self.renames), "restamped": len(self.restamped), "deferred": self.deferred,
                "failing_before": self.failing_before, "renames": [asdict(r) for r in self.renames]}


def name_failures(store: TableStore, registry: str, ledger: dict[str, dict] | pa.Table | None = None,
                  verdicts: dict[str, list[str]] | None = None) -> list[NameFailure]:
    """The keys of one registry whose names fail, in key order, with every reason. ``ledger``: key -> ledger row
    (`read_ledger`) or a ledger table sorted by key (`current_ledger`, read column by column); the stored one when
    omitted. The rules' verdicts come from ``verdicts`` (name -> problems) or the stored ones (`name_verdicts`),
    names without one judged here."""
    if ledger is None:
        ledger = current_ledger(store, registry)
    if isinstance(ledger, pa.Table):
        # Column-wise: only the rows that may fail (a name with problems, held twice or retired, an older naming
        # version) are looked at one by one; every row of a name held twice is among them, so the first key in key
        # order still keeps it.
        names_column = pc.fill_null(ledger.column("name"), "").combine_chunks()
        retired = ledger_retired_names(ledger)
        if verdicts is None:
            verdicts = name_verdicts(store, registry, names_column.to_pylist())
        counts = pc.value_counts(names_column)
        doubled = counts.field("values").filter(pc.greater(counts.field("counts"), 1)).to_pylist()
        suspect = {name for name, problems in verdicts.items() if problems} | set(doubled) | retired
        suspect |= {name for name in counts.field("values").to_pylist() if name not in verdicts}  # not judged yet
        mask = pc.or_(pc.is_in(names_column, value_set=pa.array(sorted(suspect), pa.string())),
                      pc.less(pc.fill_null(ledger.column("naming_version"), 0), NAMING_VERSION))
        chosen = ledger.filter(mask)
        keys, names, versions = (chosen.column(c).to_pylist() for c in ("key", "name", "naming_version"))
    else:
        ordered = sorted(ledger.items())
        keys, names, versions = [k for k, _ in ordered], [r["name"] for _, r in ordered], \
            [r["naming_version"] for _, r in ordered]
        retired = retired_names(ledger)
        if verdicts is None:
            verdicts = name_verdicts(store, registry, names)
    holder: dict[str, str] = {}
    failures = []
    for key, name, version in zip(keys, names, versions):
        name = name or ""
        problems = verdicts.get(name)
        if problems is None:
            problems = name_problems(name)
        first = holder.setdefault(name, key)
        if not problems and first == key and version >= NAMING_VERSION and name not in retired:
            continue  # the common case, without a list of reasons per name
        reasons = list(problems)
        if first != key:
            reasons.append(f"duplicate of the name of {first}")
        if name in retired:
            reasons.append("a retired name")
        if version < NAMING_VERSION:
            reasons.append(f"naming version {version} (current {NAMING_VERSION})")
        failures.append(NameFailure(registry, key, name, tuple(reasons)))
    return failures


def failing_counts(store: TableStore, registries: tuple[str, ...] = NAMED_REGISTRIES) -> dict[str, int]:
    return {registry: len(name_failures(store, registry)) for registry in registries}


def plan_backfill(store: TableStore, registries: list[str] | tuple[str, ...] = NAMED_REGISTRIES,
                  limit: int | None = None) -> BackfillPlan:
    """What a backfill would change. At most ``limit`` failing names are handled (in registry, then key order)."""
    unknown = [r for r in registries if r not in NAMED_REGISTRIES]
    if unknown:
        raise ValueError(f"unknown registries {unknown}; choose from {', '.join(NAMED_REGISTRIES)}")
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be at least 1 (got {limit})")
    renames, restamped, failing_before, deferred = [], [], {}, 0
    for registry in sorted(registries, key=NAMED_REGISTRIES.index):
        ledger = read_ledger(store, registry)
        failures = name_failures(store, registry, ledger)
        failing_before[registry] = len(failures)
        room = len(failures) if limit is None else max(0, limit - len(renames) - len(restamped))
        chosen, deferred = failures[:room], deferred + len(failures[room:])
        if not chosen:
            continue
        chosen_keys = {f.key for f in chosen}
        params = key_params(store, registry)
        missing = sorted(chosen_keys - set(params))
        if missing:
            raise LookupError(f"{registry}: no stored value for keys {missing[:5]} (cannot derive their names)")
        # Names that stay are reserved, and so is every retired name: a name never comes back for another value.
        # That includes the names this backfill retires, which are known only once the new names are: repeat until
        # no key is given a name another key gives up (the reserved set only grows, so this ends).
        taken = {row["name"] for key, row in ledger.items() if key not in chosen_keys} | retired_names(ledger)
        entries = [(f.key, params[f.key]) for f in chosen]
        while True:
            new = names_for(registry, entries, taken=taken)
            given_up = {f.name for f in chosen if new[f.key] != f.name}
            reused = {name for key, name in new.items() if name in given_up and name != ledger[key]["name"]}
            if not reused:
                break
            taken |= reused
        for failure in chosen:
            if new[failure.key] == failure.name:
                restamped.append(failure)
            else:
                renames.append(Rename(registry, failure.key, failure.name, new[failure.key], failure.reasons))
    return BackfillPlan(renames, restamped, failing_before, deferred)


def key_params(store: TableStore, registry: str) -> dict[str, dict]:
    """key -> the value's parameters, from the registry tables and the imported entries (names derive from them)."""
    params: dict[str, dict] = {}
    if registry == "interpretations":
        keys = set(read_ledger(store, registry))
        return {key: {"prompt": key} for key in keys}
    for category in REGISTRY_CATEGORIES.get(registry, ()):
        table = store.read(registry_table(registry), category)
        if table is not None:
            params.update((k, json.loads(p)) for k, p in zip(table.column("key").to_pylist(),
                                                              table.column("params").to_pylist()))
    for part in imported_partitions_of(store, registry):
        table = store.read(IMPORTED_TABLE, part)
        for k, p in zip(table.column("key").to_pylist(), table.column("params").to_pylist()):
            params.setdefault(k, json.loads(p))
    return params


def apply_backfill(store: TableStore, plan: BackfillPlan, backfill: str, before_each_replace=None) -> list[str]:
    """Write the plan: ledger, registry tables, imported entries and the renames record, as one change.

    Returns the files replaced. An empty plan writes nothing (re-running a finished backfill changes nothing).
    """
    if not plan.renames and not plan.restamped:
        return []
    new_name = {(r.registry, r.key): r.new_name for r in plan.renames}
    touched = {(f.registry, f.key) for f in plan.restamped} | set(new_name)
    changes: dict[tuple[str, str], pa.Table] = {}
    for registry in plan.renamed_registries:
        ledger = read_ledger(store, registry)
        # A duplicate's old name stays with the key that keeps it: it is not retired.
        kept = {row["name"] for key, row in ledger.items() if (registry, key) not in new_name}
        for key, row in ledger.items():
            if (registry, key) not in touched:
                continue
            if (registry, key) in new_name:
                if row["name"] not in kept:
                    row["retired_names"] = sorted(set(row["retired_names"]) | {row["name"]})
                row["name"] = new_name[(registry, key)]
            row["naming_version"] = NAMING_VERSION
        changes[(NAMES_TABLE, registry)] = ledger_table(ledger.values())
        field = key_field(registry)
        for table_name, part in name_places(store, registry):
            table = store.read(table_name, part)
            if table is None or not table.num_rows:
                continue
            keys, names = table.column(field).to_pylist(), table.column("name").to_pylist()
            renamed = [new_name.get((registry, k), n) for k, n in zip(keys, names)]
            if renamed != names:
                changes[(table_name, part)] = table.set_column(table.schema.get_field_index("name"),
                                                               table.schema.field("name"), pa.array(renamed, pa.string()))
    rows = [{"backfill": backfill, **asdict(r), "reasons": list(r.reasons)} for r in plan.renames]
    changes[(RENAMES_TABLE, backfill)] = pa.Table.from_pylist(rows, schema=RENAMES_SCHEMA)
    return [str(p) for p in store.write_all(changes, before_each_replace=before_each_replace)]


def retired_names_in_use(store: TableStore, registries: tuple[str, ...] = NAMED_REGISTRIES) -> list[dict]:
    """Every place a retired name is still shown: the ledger, the registry tables and the imported entries."""
    found = []
    for registry in registries:
        ledger = read_ledger(store, registry)
        retired = retired_names(ledger)
        if not retired:
            continue
        places = [(NAMES_TABLE, registry, "key")]
        places += [(table, part, key_field(registry)) for table, part in name_places(store, registry)]
        for table_name, part, field in places:
            table = store.read(table_name, part)
            if table is None:
                continue
            for key, name in zip(table.column(field).to_pylist(), table.column("name").to_pylist()):
                if name in retired:
                    found.append({"registry": registry, "table": table_name, "partition": part, "key": key,
                                  "name": name})
    return found


def duplicate_names(store: TableStore, registries: tuple[str, ...] = NAMED_REGISTRIES) -> dict[str, list[str]]:
    """registry -> names that more than one key holds (in the ledger or in any registry table)."""
    duplicates = {}
    for registry in registries:
        names = Counter(row["name"] for row in read_ledger(store, registry).values())
        shown: dict[str, set[str]] = {}
        for category in REGISTRY_CATEGORIES.get(registry, ()):
            table = store.read(registry_table(registry), category)
            if table is not None:
                for key, name in zip(table.column(key_field(registry)).to_pylist(), table.column("name").to_pylist()):
                    shown.setdefault(name, set()).add(key)
        repeated = sorted({n for n, c in names.items() if c > 1} | {n for n, keys in shown.items() if len(keys) > 1})
        if repeated:
            duplicates[registry] = repeated
    return duplicates


def name_places(store: TableStore, registry: str) -> list[tuple[str, str]]:
    """(table, partition) of every stored table besides the ledger that shows the registry's names."""
    places = [(registry_table(registry), c) for c in REGISTRY_CATEGORIES.get(registry, ())]
    return places + [(IMPORTED_TABLE, p) for p in imported_partitions_of(store, registry)]
