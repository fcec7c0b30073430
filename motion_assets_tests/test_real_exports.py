"""The older system's real exports (../shared/mission/exports): every row imported, merged or rejected with its
reason, one bad row never aborting an import, several imports in a row into one data directory, rejected rows
findable by their legacy names, and export -> import back with every name unique and made of words."""

from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
import os
from pathlib import Path

import pytest

from motion_assets.legacy import import_export, stored_rows_of, write_export
from motion_assets.legacy.importer import plan_import
from motion_assets.legacy.reader import read_export
from motion_assets.naming.dictionary import name_problems
from motion_assets.registry.imported import find_rejected
from motion_assets.registry.names import NAMED_REGISTRIES, find_name, key_field, read_ledger
from motion_assets.registry.naming import names_for
from motion_assets.storage.tables import TableStore

#: The older system's exports ship beside the repository (../shared); MOTION_ASSETS_EXPORTS names another folder.
EXPORTS = Path(os.environ.get("MOTION_ASSETS_EXPORTS")
               or Path(__file__).resolve().parents[2] / "shared" / "mission" / "exports")
REAL = sorted(EXPORTS.glob("motion-registries-*.json")) if EXPORTS.is_dir() else []
pytestmark = pytest.mark.skipif(not REAL, reason=f"the real exports are not here ({EXPORTS})")


def _assert_every_row_accounted(report: dict) -> None:
    for label, outcome in report["outcome"].items():
        assert outcome["rows"] == outcome["imported"] + outcome["merged"] + outcome["rejected"], label
    assert all(r["reason"] for r in report["rejected"])


def _assert_names_good(store: TableStore) -> None:
    for registry in NAMED_REGISTRIES:
        names = [row["name"] for row in read_ledger(store, registry).values()]
        assert len(names) == len(set(names)), registry
        bad = [(n, name_problems(n)) for n in names if name_problems(n)]
        assert not bad, (registry, bad[:5])


@pytest.mark.parametrize("path", REAL, ids=[p.stem for p in REAL])
def test_a_real_export_imports(tmp_path, path):
    store = TableStore(tmp_path / "data")
    report = import_export(store, path)
    _assert_every_row_accounted(report)
    assert report["totals"]["imported"] > 900
    _assert_names_good(store)
    # The same rows in another order (every list of the export shuffled) give the same values and the same names:
    # the import names what it holds, whatever order the older system wrote it in.
    raw = json.dumps(_shuffled(json.loads(path.read_text(encoding="utf-8"))), ensure_ascii=False).encode("utf-8")
    values: dict[str, dict] = {}
    for row in stored_rows_of(plan_import(read_export(raw, source=str(path)), raw)):
        registry = row.get("registry", "interpretations")
        key = row[key_field(registry)]
        values.setdefault(registry, {})[key] = {"prompt": key} if registry == "interpretations" else \
            json.loads(row["params"])
    assert sorted(values) == sorted(r for r in NAMED_REGISTRIES if read_ledger(store, r))
    for registry, held in values.items():
        ledger = {key: row["name"] for key, row in read_ledger(store, registry).items()}
        assert names_for(registry, sorted(held.items(), reverse=True)) == ledger, registry


def _shuffled(tree, where: str = ""):
    """``tree`` with every list in another order (seeded by its place in the tree)."""
    if isinstance(tree, dict):
        return {key: _shuffled(value, f"{where}/{key}") for key, value in tree.items()}
    if isinstance(tree, list):
        items = [_shuffled(value, f"{where}[]") for value in tree]
        random.Random(where).shuffle(items)
        return items
    return tree


def _cli(env, *args):
    return subprocess.run([sys.executable, "-m", "motion_assets.cli", *args], env=env, capture_output=True, text=True,
                          timeout=600)


@pytest.mark.slow
def test_real_exports_one_after_another_then_backfill_export_and_import_back(tmp_path, cli_env):
    """The issue's "done when": both exports into one data directory, backfill-names, export, import back."""
    for path in REAL:
        result = _cli(cli_env, "import", str(path), "--json")
        assert result.returncode == 0, result.stderr[-2000:]
        _assert_every_row_accounted(json.loads(result.stdout))
    # An older export again at the end: nothing breaks, nothing is named twice (in this process: the command's
    # registry runs are the same as above).
    _assert_every_row_accounted(import_export(TableStore(cli_env["MOTION_DATA_DIR"]), REAL[0]))
    backfill = _cli(cli_env, "backfill-names", "--json")
    assert backfill.returncode == 0, backfill.stderr[-2000:]
    store = TableStore(cli_env["MOTION_DATA_DIR"])
    _assert_names_good(store)
    out = tmp_path / "ours.json"
    assert _cli(cli_env, "export", "--out", str(out)).returncode == 0
    back = dict(cli_env, MOTION_DATA_DIR=str(tmp_path / "back"), DAGSTER_HOME=str(tmp_path / "back_home"))
    result = _cli(back, "import", str(out))
    assert result.returncode == 0, result.stderr[-2000:]
    again = TableStore(back["MOTION_DATA_DIR"])
    _assert_names_good(again)
    exported = json.loads(out.read_text(encoding="utf-8"))["motion_assets"]["names"]
    for registry, rows in exported.items():  # our export carries the ledger: the same names come back
        assert {k: r["name"] for k, r in read_ledger(again, registry).items()} == \
            {r["key"]: r["name"] for r in rows}, registry
    lookup = _cli(cli_env, "lookup", json.loads(_cli(cli_env, "import", str(REAL[-1]), "--dry-run", "--json")
                                                 .stdout)["rejected"][0]["key"], "--json")
    assert lookup.returncode == 0 and json.loads(lookup.stdout)[0]["registry"] == "rejected"


def test_rejected_rows_are_reported_and_findable(tmp_path):
    store = TableStore(tmp_path / "data")
    report = import_export(store, REAL[-1])
    rejected = [r for r in report["rejected"] if r["name"]]
    assert rejected
    found = find_rejected(store, rejected[0]["name"])
    assert found and found[0]["reason"] and found[0]["matched"] == "rejected legacy name"
    assert find_rejected(store, "never a name of anything") == []


def test_one_bad_row_never_aborts_an_import(tmp_path):
    data = json.loads(REAL[-1].read_text(encoding="utf-8"))
    registries = data["registries"]
    bad = copy.deepcopy(registries["pure_static"]["discoveries"]["colors"][:3])
    bad[0]["key"] = ["not", "a", "string"]
    bad[1]["r"] = {"nested": True}
    bad[1]["depth_breakdown"] = "unreadable"
    bad[2]["count"] = "many"
    registries["pure_static"]["discoveries"]["colors"] += bad
    registries["blended_dynamic"]["discoveries"]["blends"] += [{"key": '{"center_x":0.1,"cen', "name": "Cut"},
                                                               {"key": '{"center_x":0.1,"cen', "name": "Cut"},
                                                               {"key": None, "name": "Null"}, {"name": 7}]
    registries["semantic_narrative"]["scene_type"] += [
        {"entry_key": value, "name": value, "count": 1}
        for value in ("vlog", "lofi", "lo-fi", "sci-fi", "b_roll", "hip-hop", "time-lapse", "saudade", "夜景",
                      "ночь", "qitudaterara", "12345", "!!!")]
    registries["semantic_narrative"]["mood"] += [{"entry_key": "pov", "count": 2}, {"entry_key": "pov", "count": 1}]
    path = tmp_path / "defective.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    store = TableStore(tmp_path / "data")
    report = import_export(store, path)
    _assert_every_row_accounted(report)
    assert report["outcome"]["static.colors"]["rejected"] >= 1
    _assert_names_good(store)
    names = {row["name"] for row in read_ledger(store, "narrative").values()}
    for expected in ("pov scene type", "vlog scene type"):
        assert expected in names, expected
    assert find_name(store, "pov scene type")
