"""backfill-names: the name ledger, the all-or-nothing file change, the job, the sensor, the CLI."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest
from dagster import AssetKey, RunRequest, build_sensor_context

from motion_assets.definitions import defs
from motion_assets.defs.jobs import registry_range_tags
from motion_assets.defs.names_assets import names_needing_backfill_sensor
from motion_assets.keys.canonical import REGISTRY_CATEGORIES
from motion_assets.legacy import import_export, imported_rows, write_export
from motion_assets.naming.dictionary import name_problems
from motion_assets.registry.backfill import (
    RENAMES_TABLE,
    apply_backfill,
    failing_counts,
    plan_backfill,
    retired_names_in_use,
)
from motion_assets.registry.names import NAMES_TABLE, read_ledger
from motion_assets.registry.naming import NAMING_VERSION, names_for
from motion_assets.registry.report import registry_table
from motion_assets.registry.schemas import INTERPRETATION_SCHEMA, REGISTRY_SCHEMA
from motion_assets.storage import tables
from motion_assets.storage.tables import TableStore

#: Names the older system gave (ORIGINAL_FACTS.md): letter soup, a category prefix, word-plus-digits.
BAD = {"color@1:r=0;g=0;b=255;opacity=50": "Qitudaterara",
       "sound_cell@1:noise=hiss;strength=20": "sound_tarn",
       "genre@1:documentary": "Novel04211"}


def _row(registry, category, key, name, params, depth, count=3):
    return {"registry": registry, "category": category, "key": key, "name": name,
            "params": json.dumps(params, sort_keys=True), "depth": json.dumps(depth, sort_keys=True),
            "count": count, "jobs": 1, "first_seen": "explorer-000001-v01", "last_seen": "explorer-000001-v02",
            "source_jobs": ["explorer-000001-v01"], "source_prompts": ["a teal drift"], "observed": True}


def _rows_with_bad_names() -> dict[tuple[str, str], list[dict]]:
    return {
        ("static_colors", "blue"): [_row("static_colors", "blue", "color@1:r=0;g=0;b=255;opacity=50", "Qitudaterara",
                                         {"r": 0, "g": 0, "b": 255, "opacity": 50}, {"blue": 100})],
        ("static_colors", "neutral"): [_row("static_colors", "neutral", "color@1:r=128;g=128;b=128;opacity=100",
                                            "grey", {"r": 128, "g": 128, "b": 128, "opacity": 100},
                                            {"black": 50, "white": 50})],
        ("static_sound", "hiss"): [_row("static_sound", "hiss", "sound_cell@1:noise=hiss;strength=20", "sound_tarn",
                                        {"noise": "hiss", "strength": 20}, {"hiss": 100})],
        ("narrative", "genre"): [_row("narrative", "genre", "genre@1:documentary", "Novel04211",
                                      {"value": "documentary"}, {"documentary": 100})],
    }


def _export_with_bad_names(tmp_path: Path) -> Path:
    """Our own export format (v3) carrying old, bad names: an import keeps given names, so they arrive."""
    source = TableStore(tmp_path / "source")
    for (registry, category), rows in _rows_with_bad_names().items():
        source.write(registry_table(registry), category, pa.Table.from_pylist(rows, schema=REGISTRY_SCHEMA))
    source.write(registry_table("interpretations"), "calm", pa.Table.from_pylist(
        [{"mood": "calm", "normalised": "a teal drift calm", "name": "Lokofacixofa", "instruction": "{}",
          "count": 1, "first_seen": "interpret-000001-v01", "last_seen": "interpret-000001-v01"}],
        schema=INTERPRETATION_SCHEMA))
    out = tmp_path / "old_names.json"
    write_export(source, out, exported_at="2026-05-01T00:00:00.000Z")
    return out


def _files(store: TableStore) -> dict[str, bytes]:
    root = store.root / "tables"
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
            and ".locks" not in p.parts}


# --- the all-or-nothing change -----------------------------------------------------------------------------------


def _table(value: str) -> pa.Table:
    return pa.table({"value": [value]})


def test_write_all_puts_every_file_back_when_a_replace_fails(tmp_path):
    store = TableStore(tmp_path)
    store.write("a", "one", _table("old one"))
    store.write("b", "two", _table("old two"))
    before = _files(store)

    def fail_at_second(index: int) -> None:
        if index == 2:
            raise OSError("disk full (injected)")

    with pytest.raises(OSError, match="injected"):
        store.write_all({("a", "one"): _table("new one"), ("b", "two"): _table("new two"),
                         ("c", "three"): _table("new three")}, before_each_replace=fail_at_second)
    assert _files(store) == before  # the new partition c/three is gone too, and no journal or staged file is left
    store.write_all({("a", "one"): _table("new one"), ("c", "three"): _table("new three")})
    assert store.read("a", "one").column("value").to_pylist() == ["new one"]
    assert store.read("c", "three") is not None and not list((tmp_path / "tables" / "_journal").iterdir())


KILLED_WRITER = """
import os, signal, sys
import pyarrow as pa
from motion_assets.storage.tables import TableStore

def kill_at_second(index):
    if index == 1:
        os.kill(os.getpid(), signal.SIGKILL)

TableStore(sys.argv[1]).write_all({("a", "one"): pa.table({"value": ["new one"]}),
                                   ("b", "two"): pa.table({"value": ["new two"]})}, before_each_replace=kill_at_second)
"""


def test_a_killed_change_is_undone_before_the_next_write(tmp_path):
    store = TableStore(tmp_path)
    store.write("a", "one", _table("old one"))
    store.write("b", "two", _table("old two"))
    before = _files(store)
    killed = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(tmp_path)])
    assert killed.returncode == -signal.SIGKILL
    assert store.read("a", "one").column("value").to_pylist() == ["new one"]  # half done: a replaced, b not
    assert store.recover() and _files(store) == before


# --- the domain backfill -----------------------------------------------------------------------------------------


@pytest.fixture
def imported_store(tmp_path) -> TableStore:
    store = TableStore(tmp_path / "data")
    import_export(store, _export_with_bad_names(tmp_path))
    return store


def test_an_import_keeps_given_names_and_the_backfill_replaces_the_bad_ones(imported_store):
    store = imported_store
    assert {k: read_ledger(store, "static_colors")[k]["name"] for k in read_ledger(store, "static_colors")}[
        "color@1:r=0;g=0;b=255;opacity=50"] == "Qitudaterara"
    # The export came from a store without a name ledger: its names are of an unknown (older) naming version, so
    # the good name "grey" fails too (it is restamped, or renamed if the current rules name that grey otherwise).
    assert failing_counts(store) == {"static_colors": 2, "static_sound": 1, "dynamic_blends": 0, "narrative": 1,
                                     "linguistic": 0, "interpretations": 1, "legacy": 0}
    plan = plan_backfill(store)
    renamed = {r.key: r for r in plan.renames}
    assert {renamed[k].old_name for k in BAD} == set(BAD.values())
    blue = names_for("static_colors", [("color@1:r=0;g=0;b=255;opacity=50", {"r": 0, "g": 0, "b": 255, "opacity": 50})])
    assert renamed["color@1:r=0;g=0;b=255;opacity=50"].new_name == blue["color@1:r=0;g=0;b=255;opacity=50"]
    assert renamed["sound_cell@1:noise=hiss;strength=20"].new_name == "faint high hiss"
    assert renamed["genre@1:documentary"].new_name == "documentary genre"
    assert any("not a dictionary word" in reason for reason in renamed["color@1:r=0;g=0;b=255;opacity=50"].reasons)
    assert all(not name_problems(r.new_name) for r in plan.renames)

    apply_backfill(store, plan, backfill="first")
    assert failing_counts(store) == dict.fromkeys(failing_counts(store), 0)
    ledger = read_ledger(store, "static_colors")["color@1:r=0;g=0;b=255;opacity=50"]
    assert ledger["name"] == "brighter primary blue, half sheer" and ledger["retired_names"] == ["Qitudaterara"]
    assert imported_rows(store, "static_colors", "blue")[0]["name"] == "brighter primary blue, half sheer"
    assert imported_rows(store, "interpretations", "calm")[0]["name"] == "calm teal drift"
    renames = store.read(RENAMES_TABLE, "first").to_pylist()
    assert {(r["registry"], r["old_name"], r["new_name"]) for r in renames} >= {
        ("static_sound", "sound_tarn", "faint high hiss"), ("interpretations", "Lokofacixofa", "calm teal drift")}
    assert retired_names_in_use(store) == []

    before = _files(store)  # idempotent: a second backfill finds nothing and writes nothing
    again = plan_backfill(store)
    assert not again.renames and not again.restamped and apply_backfill(store, again, backfill="second") == []
    assert _files(store) == before


def test_limit_and_registry_choice(imported_store):
    plan = plan_backfill(imported_store, ["static_sound", "narrative"], limit=1)
    assert [(r.registry, r.old_name) for r in plan.renames] == [("static_sound", "sound_tarn")]
    assert plan.deferred == 1
    with pytest.raises(ValueError, match="unknown registries"):
        plan_backfill(imported_store, ["colours"])


def test_duplicates_and_older_naming_versions_from_tables_written_before_the_ledger(tmp_path):
    """Registry tables written before the ledger existed: their names are read as naming version 0."""
    store = TableStore(tmp_path)
    first = _row("static_colors", "blue", "color@1:r=0;g=0;b=250;opacity=100", "teal",
                 {"r": 0, "g": 0, "b": 250, "opacity": 100}, {"blue": 100})
    second = _row("static_colors", "blue", "color@1:r=0;g=0;b=255;opacity=100", "teal",  # "Teal" for many colours
                  {"r": 0, "g": 0, "b": 255, "opacity": 100}, {"blue": 100})
    store.write(registry_table("static_colors"), "blue", pa.Table.from_pylist([first, second], schema=REGISTRY_SCHEMA))
    plan = plan_backfill(store, ["static_colors"])
    reasons = {r.key: r.reasons for r in plan.renames}
    assert any("duplicate" in reason for reason in reasons[second["key"]])
    assert all("naming version 0" in " ".join(r) for r in reasons.values())
    new_names = sorted(r.new_name for r in plan.renames)
    assert len(set(new_names)) == 2 and "teal" not in new_names  # a retired name never comes back
    apply_backfill(store, plan, backfill="versions")
    shown = [r["name"] for r in store.read(registry_table("static_colors"), "blue").to_pylist()]
    assert sorted(shown) == new_names
    assert {row["naming_version"] for row in read_ledger(store, "static_colors").values()} == {NAMING_VERSION}


# --- Dagster: sensor -> job -> downstream registries, and a failure part-way ---------------------------------------


def _grow_all(instance) -> None:
    for registry in REGISTRY_CATEGORIES:
        result = defs.resolve_job_def(f"grow_{registry}_job").execute_in_process(
            instance=instance, tags=registry_range_tags(registry))
        assert result.success, registry


def _evaluate(instance, cursor):
    context = build_sensor_context(instance=instance, cursor=cursor, definitions=defs)
    result = names_needing_backfill_sensor(context)
    return (result if isinstance(result, list) else []), context.cursor


def _run(instance, request):
    return defs.resolve_job_def(request.job_name).execute_in_process(
        instance=instance, run_config=request.run_config, tags=request.tags, raise_on_error=False)


def _shown_names(store: TableStore) -> set[str]:
    names = set()
    for registry, categories in REGISTRY_CATEGORIES.items():
        for category in categories:
            table = store.read(registry_table(registry), category)
            if table is not None:
                names |= set(table.column("name").to_pylist())
    return names


@pytest.mark.slow
def test_sensor_starts_the_backfill_then_refreshes_the_registries(instance, tmp_path, monkeypatch):
    store = TableStore(tmp_path / "data")
    monkeypatch.setenv("MOTION_DATA_DIR", str(store.root))
    import_export(store, _export_with_bad_names(tmp_path))
    _grow_all(instance)
    assert set(BAD.values()) <= _shown_names(store)
    failing = instance.get_latest_materialization_event(
        AssetKey("static_colors")).asset_materialization.metadata["failing_names"].value
    assert failing == 2  # Qitudaterara, and "grey" of an unknown naming version

    requests, cursor = _evaluate(instance, None)
    assert [r.job_name for r in requests] == ["backfill_names"]
    assert _evaluate(instance, cursor)[0] == []  # the same state never triggers twice

    # A failure part-way through writing the new names: every previous name stays, everywhere.
    before = _files(store)
    real_move, calls = tables.move_file, []

    def failing_move(filesystem, source, target):
        if source.endswith(".staged"):
            calls.append(target)
            if len(calls) == 3:
                raise OSError("storage went away (injected)")
        return real_move(filesystem, source, target)

    monkeypatch.setattr(tables, "move_file", failing_move)
    failed = _run(instance, requests[0])
    monkeypatch.setattr(tables, "move_file", real_move)
    assert not failed.success and len(calls) == 3
    assert _files(store) == before and set(BAD.values()) <= _shown_names(store)

    done = _run(instance, requests[0])  # the re-run (as the UI's re-execute) completes it
    assert done.success
    checks = {e.check_name: e.passed for e in done.get_asset_check_evaluations()}
    assert checks == {"names_unique": True, "names_not_gibberish": True, "no_retired_names": True}
    materialization = done.asset_materializations_for_node("name_renames")[0]
    assert materialization.metadata["renamed"].value == 5  # "grey" becomes "medium grey" under the current rules
    assert materialization.metadata["failing_before"].value == 5
    assert materialization.metadata["failing_after"].value == 0
    assert not set(BAD.values()) & _shown_names(store)  # already shown everywhere...

    requests, cursor = _evaluate(instance, cursor)  # ...and the registries are re-materialized to show it
    assert sorted(r.job_name for r in requests) == sorted(
        f"grow_{r}_job" for r in ("static_colors", "static_sound", "narrative", "interpretations"))
    for request in requests:
        result = _run(instance, request)
        registry = request.job_name[len("grow_"):-len("_job")]
        checks = {e.check_name: e.passed for e in result.get_asset_check_evaluations()}
        assert result.success and checks[f"{registry}_name_quality"] and checks[f"{registry}_integrity"]
        metadata = result.asset_materializations_for_node(registry)[0].metadata
        assert metadata["failing_names"].value == 0
    assert _evaluate(instance, cursor)[0] == []  # healthy names: nothing more to start
    assert not set(BAD.values()) & _shown_names(store)

    before = _files(store)  # idempotent
    again = _run(instance, RunRequest(job_name="backfill_names"))
    assert again.success and again.asset_materializations_for_node("name_renames")[0].metadata["renamed"].value == 0
    assert {k: v for k, v in _files(store).items() if not k.startswith(RENAMES_TABLE)} == {
        k: v for k, v in before.items() if not k.startswith(RENAMES_TABLE)}


def test_dry_run_config_writes_nothing(instance, imported_store, monkeypatch):
    monkeypatch.setenv("MOTION_DATA_DIR", str(imported_store.root))
    before = _files(imported_store)
    result = defs.resolve_job_def("backfill_names").execute_in_process(instance=instance, run_config={
        "ops": {"name_renames": {"config": {"dry_run": True, "registries": ["static_sound"], "limit": 5}}}})
    assert result.success and not result.asset_materializations_for_node("name_renames")
    observation = result.asset_observations_for_node("name_renames")[0]
    assert observation.metadata["renamed"].value == 1
    assert observation.metadata["renames_json"].value[0]["new"] == "faint high hiss"
    assert _files(imported_store) == before
    bad = defs.resolve_job_def("backfill_names").execute_in_process(instance=instance, raise_on_error=False,
                                                                    run_config={"ops": {"name_renames": {"config": {
                                                                        "registries": ["colours"]}}}})
    assert not bad.success and _files(imported_store) == before


# --- the command ---------------------------------------------------------------------------------------------------


def _cli(env, *args):
    return subprocess.run([sys.executable, "-m", "motion_assets.cli", *args], env=env, capture_output=True, text=True,
                          timeout=300)


@pytest.mark.slow
def test_cli_backfill_names(tmp_path, cli_env):
    export = _export_with_bad_names(tmp_path)
    assert _cli(cli_env, "import", str(export)).returncode == 0
    store = TableStore(cli_env["MOTION_DATA_DIR"])
    assert "Qitudaterara" in _shown_names(store)  # the import re-materialized the registries

    dry = _cli(cli_env, "backfill-names", "--dry-run", "--registry", "static_colors")
    assert dry.returncode == 0, dry.stderr
    assert "'Qitudaterara' -> 'brighter primary blue, half sheer'" in dry.stdout and "would rename 2 name(s)" in dry.stdout
    assert "Qitudaterara" in _shown_names(store)

    limited = _cli(cli_env, "backfill-names", "--limit", "1", "--json")
    outcome = json.loads(limited.stdout.strip().splitlines()[-1])
    assert outcome["renamed"] == 1 and outcome["deferred_by_limit"] == 4 and outcome["refreshed"] == ["static_colors"]
    full = _cli(cli_env, "backfill-names")
    assert full.returncode == 0, full.stderr
    assert "renamed 4 name(s)" in full.stdout and "after: 0" in full.stdout
    assert not set(BAD.values()) & _shown_names(store)
    assert len(store.partitions(RENAMES_TABLE)) == 2 and store.read(NAMES_TABLE, "static_colors") is not None

    found = _cli(cli_env, "lookup", "qitudaterara", "--json")  # the retired name still finds its value
    assert found.returncode == 0 and json.loads(found.stdout) == [{
        "registry": "static_colors", "key": "color@1:r=0;g=0;b=255;opacity=50", "name": "brighter primary blue, half sheer",
        "matched": "retired name"}]
    assert _cli(cli_env, "lookup", "never named so").returncode == 1
    assert _cli(cli_env, "lookup", "grey", "--registry", "colours").returncode == 2
    assert _cli(cli_env, "backfill-names", "--registry", "colours").returncode == 2
    assert _cli(cli_env, "backfill-names", "--limit", "0").returncode == 2


def test_a_name_given_up_in_a_backfill_is_not_handed_to_another_value(tmp_path):
    """Two colours written before the ledger with each other's names: both are renamed, and neither takes the
    name the other gives up (it is retired), so one backfill leaves no failing name."""
    store = TableStore(tmp_path)
    keys = ["color@1:r=0;g=0;b=250;opacity=100", "color@1:r=0;g=0;b=255;opacity=100"]
    values = [{"r": 0, "g": 0, "b": 250, "opacity": 100}, {"r": 0, "g": 0, "b": 255, "opacity": 100}]
    fresh = names_for("static_colors", list(zip(keys, values)))
    swapped = [_row("static_colors", "blue", key, fresh[other], value, {"blue": 100})
               for key, other, value in zip(keys, reversed(keys), values)]
    store.write(registry_table("static_colors"), "blue", pa.Table.from_pylist(swapped, schema=REGISTRY_SCHEMA))
    plan = plan_backfill(store, ["static_colors"])
    assert len(plan.renames) == 2 and not {r.new_name for r in plan.renames} & set(fresh.values())
    apply_backfill(store, plan, backfill="swap")
    assert failing_counts(store, ("static_colors",)) == {"static_colors": 0}
    assert not plan_backfill(store, ["static_colors"]).renames


def test_the_first_holder_of_a_duplicated_name_keeps_it(tmp_path):
    store = TableStore(tmp_path)
    keys = ["color@1:r=0;g=0;b=250;opacity=100", "color@1:r=0;g=0;b=255;opacity=100"]
    values = [{"r": 0, "g": 0, "b": 250, "opacity": 100}, {"r": 0, "g": 0, "b": 255, "opacity": 100}]
    right = names_for("static_colors", [(keys[0], values[0])])[keys[0]]
    rows = [_row("static_colors", "blue", key, right, value, {"blue": 100}) for key, value in zip(keys, values)]
    store.write(registry_table("static_colors"), "blue", pa.Table.from_pylist(rows, schema=REGISTRY_SCHEMA))
    plan = plan_backfill(store, ["static_colors"])
    assert [r.key for r in plan.renames] == [keys[1]] and [f.key for f in plan.restamped] == [keys[0]]
    apply_backfill(store, plan, backfill="duplicate")
    ledger = read_ledger(store, "static_colors")
    assert ledger[keys[0]]["name"] == right and ledger[keys[1]]["retired_names"] == []
    assert failing_counts(store, ("static_colors",)) == {"static_colors": 0}


def test_export_and_import_keep_the_name_ledger(imported_store, tmp_path):
    """Our export carries the ledger (naming versions, retired names, aliases): an import elsewhere restores it,
    so a retired name stays retired and an old name stays visible to backfill-names."""
    apply_backfill(imported_store, plan_backfill(imported_store), backfill="first")
    for registry in ("static_colors", "static_sound", "narrative", "interpretations"):
        imported_rows_now = [r for c in REGISTRY_CATEGORIES[registry] for r in imported_rows(imported_store, registry, c)]
        imported_store.write_all({(registry_table(registry), "calm" if registry == "interpretations" else
                                   imported_rows_now[0]["category"]): pa.Table.from_pylist(
            imported_rows_now, schema=INTERPRETATION_SCHEMA if registry == "interpretations" else REGISTRY_SCHEMA)})
    out = tmp_path / "after_backfill.json"
    write_export(imported_store, out, exported_at="2026-06-01T00:00:00.000Z")
    target = TableStore(tmp_path / "elsewhere")
    import_export(target, out)
    for registry in ("static_colors", "static_sound", "narrative", "interpretations"):
        assert read_ledger(target, registry) == read_ledger(imported_store, registry), registry
    assert read_ledger(target, "static_colors")["color@1:r=0;g=0;b=255;opacity=50"]["retired_names"] == [
        "Qitudaterara"]
    assert failing_counts(target) == dict.fromkeys(failing_counts(target), 0)


def test_legacy_names_still_find_their_values(tmp_path):
    from motion_assets.registry.names import find_name
    from motion_assets_tests.test_legacy import SAMPLE

    store = TableStore(tmp_path)
    import_export(store, SAMPLE)
    # The older system called a swatch colour and a whole-video colour "Opal": both are found.
    matches = {m["registry"]: m for m in find_name(store, "  OPAL ")}
    assert sorted(matches) == ["legacy", "static_colors"]
    opal = matches["static_colors"]
    assert opal["matched"] == "legacy alias" and opal["key"] == "color@1:r=204;g=204;b=230;opacity=100"
    assert not name_problems(opal["name"])
    assert find_name(store, opal["name"]) == [{**opal, "matched": "current name"}]
    assert find_name(store, "Qitudaterara, but never") == []


def test_a_value_both_discovered_and_imported_is_one_entry_with_the_counts_added(imported_store):
    from motion_assets.loop.jobs import DISCOVERY_SCHEMA
    from motion_assets.registry.aggregate import aggregate_categories

    key = "sound_cell@1:noise=hiss;strength=20"
    seen = [{"job_id": f"sound-000001-v0{i}", "job_order": f"000001 sound {i:02d}", "batch": "sound-000001",
             "registry": "static_sound", "category": "hiss", "key": key,
             "params": json.dumps({"noise": "hiss", "strength": 20}, sort_keys=True),
             "depth": json.dumps({"hiss": 100}), "observed": True, "frame": i, "prompt": "soft hiss of rain"}
            for i in range(2)]
    imported_store.write("frame_discoveries", "sound-000001", pa.Table.from_pylist(seen, schema=DISCOVERY_SCHEMA))
    (row,) = aggregate_categories(imported_store, "static_sound", ["hiss"])["hiss"].to_pylist()
    assert row["count"] == 2 + 3 and row["jobs"] == 2 + 1  # two observations here, three in the imported registry
    assert row["first_seen"] == "explorer-000001-v01" and row["last_seen"] == "sound-000001-v01"
    assert row["name"] == "sound_tarn"  # the ledger's name: only backfill-names changes it
    assert row["source_prompts"] == ["a teal drift", "soft hiss of rain"]


def test_the_rules_judge_each_name_once_until_the_rules_change(tmp_path, monkeypatch):
    """A registry run judges only the names new since its last run (the verdicts are stored beside the ledger);
    a change of the rules (their fingerprint) judges every name again."""
    from motion_assets.registry import names as ledger_module
    from motion_assets.registry.names import name_verdicts

    store = TableStore(tmp_path / "data")
    judged = []
    real = ledger_module.name_problems
    monkeypatch.setattr(ledger_module, "name_problems", lambda name: judged.append(name) or real(name))
    changes: dict = {}
    first = name_verdicts(store, "narrative", ["misty harbour genre", "qitudaterara"], changes)
    store.write_all(changes)
    assert first["qitudaterara"] and first["misty harbour genre"] == [] and len(judged) == 2
    changes = {}
    second = name_verdicts(store, "narrative", ["misty harbour genre", "qitudaterara", "dsc_9f3a"], changes)
    store.write_all(changes)
    assert judged[2:] == ["dsc_9f3a"] and second["dsc_9f3a"] == real("dsc_9f3a")
    assert name_verdicts(store, "narrative", ["qitudaterara", "dsc_9f3a", "misty harbour genre"]) == second
    assert len(judged) == 3
    monkeypatch.setattr(ledger_module, "rules_fingerprint", lambda: "other rules")
    assert name_verdicts(store, "narrative", list(second)) == second and len(judged) == 6
