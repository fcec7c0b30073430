"""Registry growth at scale: one new batch and a full rebuild over 1,000 / 10,000 / 100,000 videos' discoveries,
against the DuckDB group-by over the same files measured in the same run.

The discovery partitions are synthesised (motion_assets/registry/synthetic.py: the loop's schemas, keys and depth
breakdowns, 2,712 discovery rows a video as a measured 1-second loop video has). They are kept in ``--data``
(deterministic, so a later run reuses them; the first run at 100,000 videos spends most of its time writing them).

Each size gets its own data directory holding hard links to the first batches of the shared pool. Per size, each
measurement runs in its own process (so its peak memory is its own):
  first     every registry grown from nothing (`grow_registry`): the fold, plus naming every key (reported, not a
            target: it happens once; later sizes start from the previous size's name ledger)
  floor     one DuckDB statement per registry computing the same aggregates over every batch file (what the
            registries cost before they were incremental, names and writes left out)
  rebuild   every registry rebuilt from every batch (`grow_registry(..., full=True)`: chunked fold, merge with
            imports and names, writes)
  growth    one new batch folded into every registry (`grow_registry`, as a registry run after a loop batch)

Above ``--full-up-to`` videos (default 10,000) the floor and the rebuild are skipped and the first run starts
from the previous size's registries (it folds the batches after them), which keeps 100,000 videos feasible. Every
time is given as wall seconds and as CPU seconds of the measuring process (what a shared machine does not skew).

    python benchmarks/registry_scale.py [--sizes 1000,10000,100000] [--videos-per-batch 10] [--data DIR]
                                        [--full-up-to VIDEOS] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORKFLOW = "balanced"
PROBE = "exploiter-000001"  # the new batch of the growth measurement (removed again afterwards)

TARGETS = {"growth_seconds_at_100000": 2.0, "rebuild_over_floor": 2.0}


LOOP_TABLES = ("frame_discoveries", "window_discoveries", "narrative_discoveries", "linguistic_discoveries",
               "loop_interpretations")


def synthesise(data: str, batches: int, videos: int, processes: int) -> float:
    """Write the pool's batches 1..``batches`` that are not there yet; seconds spent."""
    from motion_assets.registry.synthetic import write_batch_range
    from motion_assets.storage.tables import TableStore

    have = set(TableStore(data).partitions("loop_interpretations"))
    missing = [n for n in range(1, batches + 1) if f"{WORKFLOW}-{n:06d}" not in have]
    if not missing:
        return 0.0
    started = time.perf_counter()
    step = max(1, min(200, len(missing) // (processes * 4) or 1))
    ranges = []
    for start in range(0, len(missing), step):
        part = missing[start:start + step]
        ranges.append((data, WORKFLOW, part[0], part[-1], videos))  # consecutive: the missing ones are a tail
    with ProcessPoolExecutor(processes) as pool:
        list(pool.map(write_batch_range, ranges))
    return time.perf_counter() - started


def measure(kind: str, data: str, videos: int) -> dict:
    """One measurement in this process: seconds and peak RSS."""
    from motion_assets.keys.canonical import REGISTRY_CATEGORIES
    from motion_assets.registry.aggregate import grow_registry
    from motion_assets.registry.fold import DISCOVERY_TABLE, source_table
    from motion_assets.registry.synthetic import batch_tables
    from motion_assets.storage.tables import TableStore

    store = TableStore(data)
    figures: dict = {}
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    if kind == "floor":
        for registry in REGISTRY_CATEGORIES:
            if registry == "interpretations":
                sql = """SELECT mood, normalised, arg_min(instruction, job_order), count(*), arg_min(job_id, job_order),
                                arg_max(job_id, job_order) FROM d GROUP BY mood, normalised"""
                rows = store.query(sql, {"d": source_table(registry)}).num_rows
            else:
                sql = """SELECT category, key, min(params), min(depth), count(*), count(DISTINCT job_id),
                                arg_min(job_id, job_order || ' ' || job_id), arg_max(job_id, job_order || ' ' || job_id),
                                list(DISTINCT job_id ORDER BY job_id)[1:5], list(DISTINCT prompt ORDER BY prompt)[1:5],
                                bool_and(observed)
                         FROM d WHERE registry = ? GROUP BY category, key"""
                rows = store.query(sql, {"d": DISCOVERY_TABLE[registry]}, [registry]).num_rows
            figures[f"{registry}_entries"] = rows
        bare = time.perf_counter()
        store.query("SELECT registry, category, key, count(*) FROM d GROUP BY ALL", {"d": "frame_discoveries"})
        figures["bare_count_group_by_seconds"] = round(time.perf_counter() - bare, 3)
        started += time.perf_counter() - bare  # the bare group-by is reported beside, not counted in the floor
    elif kind in ("first", "rebuild", "growth"):
        if kind == "growth":
            # The registries' state as it was, put back afterwards: the probe batch is removed again, and a state
            # that folded a vanished batch would make the next run rebuild.
            kept = _keep_derived_tables(data)
            for table, rows in batch_tables(PROBE, 1, videos).items():
                store.write(table, PROBE, rows)
            started, cpu_started = time.perf_counter(), _cpu_seconds()
        for registry, categories in REGISTRY_CATEGORIES.items():
            step = time.perf_counter()
            growth = grow_registry(store, registry, list(categories), full=kind == "rebuild")
            figures[f"{registry}_seconds"] = round(time.perf_counter() - step, 3)
            figures[f"{registry}_batches_folded"] = growth.fold.folded
        if kind == "growth":
            elapsed, cpu = time.perf_counter() - started, _cpu_seconds() - cpu_started
            for table in (*set(DISCOVERY_TABLE.values()), "loop_interpretations"):
                os.remove(store.table_path(table, PROBE))
            _restore_derived_tables(data, kept)
            figures["seconds"], figures["cpu_seconds"] = round(elapsed, 3), round(cpu, 3)
    figures.setdefault("seconds", round(time.perf_counter() - started, 3))
    figures.setdefault("cpu_seconds", round(_cpu_seconds() - cpu_started, 3))
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)
    return figures


def _cpu_seconds() -> float:
    """CPU seconds of this process (every thread: DuckDB's too): on a shared machine the figure that does not
    depend on what else runs."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _derived_tables(data: str) -> list[str]:
    """The table folders a registry run writes (everything but the synthesised loop tables)."""
    tables = Path(data) / "tables"
    return sorted(p.name for p in tables.iterdir() if p.is_dir() and p.name not in LOOP_TABLES) \
        if tables.is_dir() else []


def _keep_derived_tables(data: str) -> str:
    import shutil
    import tempfile

    kept = tempfile.mkdtemp(prefix="registry-scale-kept-", dir=data)
    for name in _derived_tables(data):
        shutil.copytree(Path(data) / "tables" / name, Path(kept) / name)
    return kept


def _restore_derived_tables(data: str, kept: str) -> None:
    import shutil

    for name in _derived_tables(data):
        shutil.rmtree(Path(data) / "tables" / name)
    for folder in Path(kept).iterdir():
        shutil.copytree(folder, Path(data) / "tables" / folder.name)
    shutil.rmtree(kept)


def _measured(kind: str, data: str, videos: int) -> dict:
    output = subprocess.run([sys.executable, __file__, "--measure", kind, "--data", data,
                             "--videos-per-batch", str(videos)], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH", str(REPO))})
    if output.returncode != 0:
        raise SystemExit(f"the {kind} measurement failed:\n{output.stderr[-3000:]}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def storage_bytes(data: str) -> dict[str, int]:
    tables = Path(data) / "tables"
    sizes: dict[str, int] = {}
    for path in tables.glob("*/*.parquet"):
        sizes[path.parent.name] = sizes.get(path.parent.name, 0) + path.stat().st_size
    return sizes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000", help="numbers of videos, comma-separated")
    parser.add_argument("--videos-per-batch", type=int, default=10)
    parser.add_argument("--data", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "motion_assets-registry-scale"))
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1, help="writers of synthetic batches")
    parser.add_argument("--full-up-to", type=int, default=10_000, metavar="VIDEOS",
                        help="above this many videos, skip the floor and the full rebuild (each costs as much as "
                        "folding the whole history) and start from the previous size's registries, as a growing "
                        "deployment does")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--measure", choices=("first", "floor", "rebuild", "growth"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.data, args.videos_per_batch)))
        return 0
    try:
        sizes = sorted(int(size) for size in args.sizes.split(","))
    except ValueError:
        parser.error("--sizes takes numbers of videos, e.g. 1000,10000")
    if not sizes or sizes[0] < args.videos_per_batch or args.videos_per_batch < 1:
        parser.error("every size must be at least --videos-per-batch (>= 1)")
    data = os.path.abspath(args.data)
    pool = os.path.join(data, "pool")
    os.makedirs(pool, exist_ok=True)
    marker = Path(data) / "synthetic.json"
    meta = {"videos_per_batch": args.videos_per_batch, "workflow": WORKFLOW, "version": 1}
    if marker.exists() and json.loads(marker.read_text()) != meta:
        parser.error(f"{data} holds batches of other settings ({marker.read_text()}); choose another --data")
    marker.write_text(json.dumps(meta))
    results = []
    previous, previous_videos = None, 0
    for videos in sizes:
        batches = videos // args.videos_per_batch
        written = synthesise(pool, batches, args.videos_per_batch, args.processes)
        full = videos <= args.full_up_to
        sized = _linked(data, pool, batches, previous, everything=not full)
        first = _measured("first", sized, args.videos_per_batch)
        skipped = {"seconds": None, "cpu_seconds": None, "peak_rss_mb": None, "bare_count_group_by_seconds": None}
        floor = _measured("floor", sized, args.videos_per_batch) if full else skipped
        rebuild = _measured("rebuild", sized, args.videos_per_batch) if full else skipped
        growth = _measured("growth", sized, args.videos_per_batch)
        first_from = 0 if full or previous is None else previous_videos
        previous, previous_videos = sized, batches * args.videos_per_batch
        sizes_now = storage_bytes(sized)
        registry_tables = [t for t in sizes_now if t.startswith("registry_") or t.startswith("growth_")]
        row = {
            "videos": batches * args.videos_per_batch, "batches": batches,
            "synthesis_seconds": round(written, 1), "first_growth_seconds": first["seconds"],
            "first_growth_from_videos": first_from,
            "floor_seconds": floor["seconds"], "bare_count_group_by_seconds": floor["bare_count_group_by_seconds"],
            "rebuild_seconds": rebuild["seconds"],
            "rebuild_over_floor": round(rebuild["seconds"] / floor["seconds"], 2) if full else None,
            "floor_cpu_seconds": floor["cpu_seconds"], "rebuild_cpu_seconds": rebuild["cpu_seconds"],
            "rebuild_over_floor_cpu": round(rebuild["cpu_seconds"] / floor["cpu_seconds"], 2) if full else None,
            "growth_one_batch_seconds": growth["seconds"],
            "growth_one_batch_cpu_seconds": growth["cpu_seconds"],
            "growth_per_registry_seconds": {k[: -len("_seconds")]: v for k, v in growth.items()
                                            if k.endswith("_seconds") and k not in ("seconds", "cpu_seconds")},
            "peak_rss_mb": {"floor": floor["peak_rss_mb"], "rebuild": rebuild["peak_rss_mb"],
                            "growth": growth["peak_rss_mb"]},
            "discovery_bytes_per_video": round(sum(sizes_now.get(t, 0) for t in LOOP_TABLES) / videos),
            "registry_and_state_bytes": sum(sizes_now[t] for t in registry_tables),
        }
        results.append(row)
        _print_row(row)
    first, last = results[0], results[-1]
    summary = {
        "sizes": [r["videos"] for r in results],
        "growth_100000_under_2s": next((r["growth_one_batch_seconds"] < 2.0 for r in results
                                        if r["videos"] == 100_000), None),
        "growth_100000_under_2_cpu_s": next((r["growth_one_batch_cpu_seconds"] < 2.0 for r in results
                                            if r["videos"] == 100_000), None),
        "rebuild_within_2x_floor": all(r["rebuild_over_floor"] <= 2.0 for r in results
                                       if r["rebuild_over_floor"] is not None),
        "growth_peak_rss_ratio_last_to_first": round(last["peak_rss_mb"]["growth"] / first["peak_rss_mb"]["growth"], 2),
        "rebuild_peak_rss_ratio_last_to_first": round(max(r["peak_rss_mb"]["rebuild"] or 0 for r in results) /
                                                      first["peak_rss_mb"]["rebuild"], 2)
        if first["peak_rss_mb"]["rebuild"] else None,
        "videos_ratio_last_to_first": round(last["videos"] / first["videos"], 1),
    }
    for name, value in summary.items():
        print(f"{name:>40}: {value}")
    if args.json:
        print(json.dumps({"results": results, "summary": summary}))
    return 0


def _linked(data: str, pool: str, batches: int, previous: str | None, everything: bool = False) -> str:
    """A fresh data directory for one size: hard links to the pool's first ``batches`` batches, and the name
    ledger of the previous size (so names are given once, as in a growing deployment); with ``everything``, every
    table the previous size's registry runs wrote (state, fold ledgers, registries, names), so the first run
    folds only the batches after the previous size's."""
    import shutil

    sized = os.path.join(data, f"{batches}-batches")
    shutil.rmtree(sized, ignore_errors=True)
    for table in LOOP_TABLES:
        os.makedirs(os.path.join(sized, "tables", table))
        for number in range(1, batches + 1):
            name = f"{WORKFLOW}-{number:06d}.parquet"
            os.link(os.path.join(pool, "tables", table, name), os.path.join(sized, "tables", table, name))
    if previous is not None:
        for name in _derived_tables(previous) if everything else ["registry_names"]:
            shutil.copytree(os.path.join(previous, "tables", name), os.path.join(sized, "tables", name))
    return sized


def _print_row(row: dict) -> None:
    print(f"--- {row['videos']:,} videos ({row['batches']:,} batches)")
    for name, value in row.items():
        if name not in ("videos", "batches"):
            print(f"{name:>40}: {value}")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
