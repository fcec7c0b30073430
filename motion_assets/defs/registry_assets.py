"""The registries as category-partitioned assets, and their integrity checks (one factory for all of them).

A registry run covers any set of its categories in one run (single-run backfill policy): it folds the loop batches
not folded yet into the registry's stored state (registry/fold.py), and writes each category partition as one
Parquet file, so re-running is idempotent. ``full_rebuild`` in the run config recomputes the state from every
batch (the same bytes).
"""


import json
from collections import Counter

from dagster import (
    AllPartitionMapping,
    AssetCheckResult,
    AssetCheckSeverity,
    AssetDep,
    AssetExecutionContext,
    AutomationCondition,
    BackfillPolicy,
    Config,
    MaterializeResult,
    MetadataValue,
    asset,
    asset_check,
)

from motion_assets.coverage.measure import (
    HISTORY_TABLE,
    STAGNATION_BATCHES,
    category_coverage,
    history_figures,
    narrative_pair_coverage,
    record_history,
    stagnant_categories,
)
from motion_assets.coverage.plot import coverage_plot_markdown
from motion_assets.coverage.spaces import registry_space
from motion_assets.defs.partitions import registry_partitions
from motion_assets.defs.resources import MotionStore
from motion_assets.keys.canonical import REGISTRY_CATEGORIES, is_canonical_key
from motion_assets.registry.aggregate import DISCOVERY_TABLE, grow_registry
from motion_assets.registry.backfill import name_failures
from motion_assets.registry.names import key_field, read_ledger
from motion_assets.registry.report import read_registry, registry_table

GROUP = "registries"
#: The writers of names (registry runs, backfill-names) share this pool; deploy/ limits it to one step at a time,
#: which serializes them across machines (a file lock only covers the processes of one machine).
NAMES_POOL = "registry_names"

DESCRIPTIONS = {
    "static_colors": "Pure colours: every colour cell (colour + opacity) measured in the videos' swatch strips, "
    "partitioned by hue family.",
    "static_sound": "Pure sounds: every origin noise at every strength (percent of full scale) measured in the "
    "videos' audio, partitioned by noise.",
    "dynamic_blends": "Blended values that need time or distance: motion, gradient, camera, lighting, composition, "
    "transition and sound blends, measured per window.",
    "narrative": "Narrative values (genre, mood, theme, plot, setting, style, scene type) the videos were made to "
    "carry: intended, from the prompt.",
    "linguistic": "Words and phrases the interpreter resolved, per domain, with their variant type (synonym, slang, "
    "dialect, typo, phrase, sense).",
    "interpretations": "Each distinct normalised prompt once, with its instruction and count, partitioned by mood.",
}


def _category_table(rows: list[tuple[str, int, int]]) -> MetadataValue:
    lines = ["| category | entries | observations |", "|---|---|---|"]
    lines += [f"| {c} | {e} | {o} |" for c, e, o in rows]
    return MetadataValue.md("\n".join(lines))


def _coverage_table(figures: dict[str, dict]) -> MetadataValue:
    lines = ["| category | entries | covered | total | coverage |", "|---|---|---|---|---|"]
    for category, f in figures.items():
        if "total" in f:
            lines.append(f"| {category} | {f.get('entries', f['covered'])} | {f['covered']} | {f['total']} | "
                         f"{f['coverage_pct']:.1f}% |")
        else:
            lines.append(f"| {category} | {f['entries']} | - | open | - |")
    return MetadataValue.md("\n".join(lines))


class RegistryRunConfig(Config):
    """A registry run's options (launchpad): ``full_rebuild`` recomputes the registry state from every loop batch
    instead of folding in only the batches not folded yet; both give the same bytes."""

    full_rebuild: bool = False


def build_registry_asset(registry: str):
    upstream = "loop_interpretations" if registry == "interpretations" else DISCOVERY_TABLE[registry]

    @asset(
        name=registry,
        group_name=GROUP,
        partitions_def=registry_partitions[registry],
        deps=[AssetDep(upstream, partition_mapping=AllPartitionMapping())],
        backfill_policy=BackfillPolicy.single_run(),
        automation_condition=AutomationCondition.eager(),
        description=DESCRIPTIONS[registry],
        pool=NAMES_POOL,
    )
    def registry_asset(context: AssetExecutionContext, config: RegistryRunConfig,
                       motion_store: MotionStore) -> MaterializeResult:
        store = motion_store.tables()
        categories = sorted(context.partition_keys, key=REGISTRY_CATEGORIES[registry].index)
        growth = grow_registry(store, registry, categories, full=config.full_rebuild)
        fold, summary, failing = growth.fold, growth.summary, growth.failing
        if fold.rebuilt:
            context.log.info(f"{registry}: rebuilt from every batch ({fold.reason})")
        # The coverage history (table coverage_history, one row per category and loop state) is what the chart and
        # the stagnation check read: a state is keyed by the number of loop batches, so re-running a registry on
        # the same batches replaces its row, and the history survives instance wipes and sits beside the data.
        figures = history_figures(store, registry)
        history = record_history(store, registry, figures).to_pylist()
        metadata = {
            "entries": sum(e for _, e, _ in summary),
            "observations": sum(o for _, _, o in summary),
            "categories": _category_table(summary),
            "coverage": _coverage_table(figures),
            "coverage_over_time": MetadataValue.md(coverage_plot_markdown(history, f"{registry} coverage")),
            "path": store.shown(store.table_dir(registry_table(registry))),
            "batches_folded": fold.folded,
            "rebuilt": fold.rebuilt,
            # The names sensor reads this to start backfill-names.
            "failing_names": len(failing),
        }
        if registry_space(registry) is not None:  # numeric, so the UI plots it across materializations too
            covered = sum(f["covered"] for c, f in figures.items() if c != "pairs")
            total = sum(f["total"] for c, f in figures.items() if c != "pairs")
            metadata.update(covered=covered, total=total, coverage_pct=round(100.0 * covered / total, 2))
        if registry == "narrative":
            metadata["pair_coverage"] = _coverage_table(narrative_pair_coverage(store))
            metadata["pairs_coverage_pct"] = figures["pairs"]["coverage_pct"]
        return MaterializeResult(metadata=metadata)

    return registry_asset


def build_integrity_check(registry: str):
    """Canonical unique keys, non-empty unique names, depths summing to 100; per-category counts as metadata."""

    @asset_check(asset=registry, name=f"{registry}_integrity", blocking=True,
                 description=f"{registry}: keys canonical and unique, names non-empty and unique, depth "
                 "breakdowns sum to exactly 100.")
    def integrity(motion_store: MotionStore) -> AssetCheckResult:
        rows = read_registry(motion_store.tables(), registry)
        field = key_field(registry)
        problems: list[str] = []
        keys = Counter(r[field] for r in rows)
        problems += [f"duplicate key {k}" for k, n in keys.items() if n > 1]
        if registry != "interpretations":
            problems += [f"non-canonical key {r['key']}" for r in rows if not is_canonical_key(r["key"])]
            for r in rows:
                depth = json.loads(r["depth"])
                if depth and sum(depth.values()) != 100:
                    problems.append(f"depth of {r['key']} sums to {sum(depth.values())}")
        names = Counter(r["name"] for r in rows)
        problems += [f"empty name for {r[field]}" for r in rows if not (r["name"] or "").strip()]
        problems += [f"name {n!r} used {c} times" for n, c in names.items() if c > 1]
        per_category = Counter(r["category" if registry != "interpretations" else "mood"] for r in rows)
        return AssetCheckResult(
            passed=not problems,
            severity=AssetCheckSeverity.ERROR,
            metadata={
                "entries": len(rows),
                "problems": len(problems),
                "first_problems": MetadataValue.md("\n".join(f"- {p}" for p in problems[:20]) or "none"),
                "per_category": MetadataValue.json(dict(sorted(per_category.items()))),
            },
        )

    return integrity


def build_coverage_checks(registry: str):
    """Coverage, density and stagnation of one registry (warnings: they say where the loop should go next)."""
    space = registry_space(registry)

    @asset_check(asset=registry, name=f"{registry}_coverage",
                 description=f"{registry}: share of its defined space held, per category, with missing cells "
                 "(open-ended registries report growth).")
    def coverage_check(motion_store: MotionStore) -> AssetCheckResult:
        store = motion_store.tables()
        figures = history_figures(store, registry)
        incomplete = {c: f for c, f in figures.items() if f.get("covered", 0) < f.get("total", 0)}
        if registry == "narrative":  # the missing pairs, per pair of categories
            figures.pop("pairs")
            pairs = narrative_pair_coverage(store)
            incomplete.pop("pairs", None)
            incomplete.update({name: f for name, f in pairs.items() if f["covered"] < f["total"]})
        missing = [f"- {c}: {f['total'] - f['covered']} missing, e.g. {', '.join(f['missing_sample'][:3])}"
                   for c, f in incomplete.items()]
        metadata = {"coverage": _coverage_table(figures), "missing": MetadataValue.md("\n".join(missing) or "none")}
        if space is not None:
            covered, total = sum(f["covered"] for f in figures.values()), sum(f["total"] for f in figures.values())
            metadata.update(covered=covered, total=total, coverage_pct=round(100.0 * covered / total, 2))
        if registry == "narrative":
            metadata["pair_coverage"] = _coverage_table(pairs)
            metadata["pairs_covered"] = sum(f["covered"] for f in pairs.values())
            metadata["pairs_total"] = sum(f["total"] for f in pairs.values())
        else:
            metadata["entries"] = sum(f["entries"] for f in figures.values())
        return AssetCheckResult(passed=not incomplete, severity=AssetCheckSeverity.WARN, metadata=metadata)

    @asset_check(asset=registry, name=f"{registry}_density",
                 description=f"{registry}: entries per category against expectation (the space's size, or at "
                 "least one entry for open-ended categories); names the sparse categories.")
    def density_check(motion_store: MotionStore) -> AssetCheckResult:
        figures = category_coverage(motion_store.tables(), registry)
        expected = {c: f.get("total", 1) for c, f in figures.items()}
        density = {c: round(f["entries"] / expected[c], 4) if expected[c] else 1.0 for c, f in figures.items()}
        sparse = sorted(c for c, d in density.items() if d < 0.1)
        return AssetCheckResult(passed=not sparse, severity=AssetCheckSeverity.WARN, metadata={
            "density": MetadataValue.json(density), "sparse": ", ".join(sparse) or "none"})

    @asset_check(asset=registry, name=f"{registry}_stagnation",
                 description=f"{registry}: categories with cells missing whose coverage did not grow over the "
                 f"last {STAGNATION_BATCHES} loop batches (read from the coverage history each materialization "
                 "records).")
    def stagnation_check(motion_store: MotionStore) -> AssetCheckResult:
        history = motion_store.tables().read(HISTORY_TABLE, registry)
        rows = history.to_pylist() if history is not None else []
        stagnant = stagnant_categories(rows)
        latest = {r["category"]: r for r in sorted(rows, key=lambda r: r["loop_batches"])}
        return AssetCheckResult(passed=not stagnant, severity=AssetCheckSeverity.WARN, metadata={
            "stagnant": ", ".join(f"{c} (no growth in {STAGNATION_BATCHES} loop batches, "
                                  f"{latest[c]['covered']}/{latest[c]['total']})" for c in stagnant) or "none",
            "stagnant_categories": MetadataValue.json(stagnant),
            "states_recorded": len({r["loop_batches"] for r in rows}),
            "latest_loop_batches": max((r["loop_batches"] for r in rows), default=0)})

    @asset_check(asset=registry, name=f"{registry}_name_quality",
                 description=f"{registry}: every name is real English words, at most 60 characters, without "
                 "digits, legacy prefixes or gibberish, unique, not retired and of the current naming version (a "
                 "failing name waits for backfill-names, which the names sensor starts).")
    def name_quality_check(motion_store: MotionStore) -> AssetCheckResult:
        store = motion_store.tables()
        failing = name_failures(store, registry)
        return AssetCheckResult(passed=not failing, severity=AssetCheckSeverity.WARN, metadata={
            "names": len(read_ledger(store, registry)), "failing": len(failing),
            "examples": MetadataValue.md("\n".join(f"- {f.name!r}: {', '.join(f.reasons)}"
                                                    for f in failing[:20]) or "none")})

    return [coverage_check, density_check, stagnation_check, name_quality_check]


REGISTRIES = tuple(REGISTRY_CATEGORIES)
REGISTRY_ASSETS = [build_registry_asset(r) for r in REGISTRIES]
REGISTRY_CHECKS = [build_integrity_check(r) for r in REGISTRIES]
COVERAGE_CHECKS = [check for r in REGISTRIES for check in build_coverage_checks(r)]
