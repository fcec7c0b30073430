"""The registries as category-partitioned assets, and their checks (one factory for all of them).

A registry run covers any set of its categories in one run (single-run backfill policy): it folds the loop batches
not folded yet into the registry's stored state (registry/fold.py), and writes each category partition as one
Parquet file, so re-running is idempotent. ``full_rebuild`` in the run config recomputes the state from every
batch (the same bytes).
"""


import json
import warnings
from collections import Counter

from dagster import (
    AllPartitionMapping,
    AssetCheckResult,
    AssetCheckExecutionContext,
    AssetCheckSeverity,
    AssetDep,
    AssetExecutionContext,
    AutomationCondition,
    BackfillPolicy,
    Config,
    MaterializeResult,
    MetadataValue,
    AssetCheckSpec,
    asset,
    multi_asset_check,
)
from dagster._utils.warnings import BetaWarning

from motion_assets.coverage.measure import (
    HISTORY_TABLE,
    STAGNATION_BATCHES,
    category_coverage,
    category_growth,
    history_figures,
    narrative_pair_coverage,
    record_history,
    stagnant_categories,
)
from motion_assets.coverage.plot import coverage_plot_markdown
from motion_assets.coverage.spaces import SPACES
from motion_assets.defs.check_results import check_result
from motion_assets.defs.partitions import all_batch_keys, registry_partitions
from motion_assets.defs.workflow_assets import upstream_keys
from motion_assets.defs.resources import MotionStore
from motion_assets.keys.canonical import REGISTRY_CATEGORIES, is_canonical_key
from motion_assets.loop.batches import unfinished_batches
from motion_assets.loop.records import incomplete_batches
from motion_assets.registry.aggregate import DISCOVERY_TABLE, grow_registry
from motion_assets.registry.backfill import name_failures
from motion_assets.registry.names import current_ledger, key_field
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
    "carry (intended, from the prompt) and, for scenes, read off the measured picture and sound: a value's "
    "observed is true once a measured video showed it, false while it was only intended.",
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


#: A registry grows when loop batches land (the growth sensor, running by default, evaluates this), except while a
#: batch it reads failed one of its blocking checks: what a failed check rejected does not grow into a registry.
GROW_AFTER_BATCHES = AutomationCondition.eager() & ~AutomationCondition.any_deps_match(
    AutomationCondition.any_checks_match(AutomationCondition.check_failed(), blocking_only=True))


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
        deps=[AssetDep(key, partition_mapping=AllPartitionMapping()) for key in upstream_keys(upstream)],
        backfill_policy=BackfillPolicy.single_run(),
        automation_condition=GROW_AFTER_BATCHES,
        description=DESCRIPTIONS[registry],
        pool=NAMES_POOL,
    )
    def registry_asset(context: AssetExecutionContext, config: RegistryRunConfig,
                       motion_store: MotionStore) -> MaterializeResult:
        store = motion_store.tables()
        categories = sorted(context.partition_keys, key=REGISTRY_CATEGORIES[registry].index)
        grown = grow_registry(store, registry, categories, full=config.full_rebuild)
        fold, summary, failing = grown.fold, grown.summary, grown.failing
        if fold.rebuilt:
            context.log.info(f"{registry}: rebuilt from every batch ({fold.reason})")
        # The coverage history (table coverage_history, one row per category and loop state) is what the chart and
        # the stagnation check read: a state is keyed by the number of loop batches, so re-running a registry on
        # the same batches replaces its row, and the history survives instance wipes and sits beside the data.
        figures = history_figures(store, registry)
        history = record_history(store, registry, figures).to_pylist()
        growth = category_growth(history)
        # Each category partition's event shows that category: its entries, observations, coverage and growth.
        for category, entries, observations in summary:
            figure = figures.get(category, {})
            own = {"entries": entries, "observations": observations, "new_entries": growth.get(category, entries)}
            if "total" in figure:
                own.update(covered=figure["covered"], total=figure["total"], coverage_pct=figure["coverage_pct"])
            context.add_asset_metadata(own, partition_key=category)
        # The registry-wide tables and the chart are stored once per run, on the run's first category.
        whole = {
            "registry_entries": sum(e for _, e, _ in summary),
            "categories": _category_table(summary),
            "coverage": _coverage_table(figures),
            "coverage_over_time": MetadataValue.md(coverage_plot_markdown(history, f"{registry} coverage")),
            "path": store.shown(store.table_dir(registry_table(registry))),
            "batches_folded": fold.folded,
            "rebuilt": fold.rebuilt,
            # The names sensor reads this to start backfill-names.
            "failing_names": len(failing),
        }
        if registry == "narrative":
            observed = sum(bool(v) for v in fold.state.column("observed").to_pylist())
            whole["observed_values"] = observed
            whole["intended_only_values"] = fold.state.num_rows - observed
            whole["pair_coverage"] = _coverage_table(narrative_pair_coverage(store))
            whole["pairs_coverage_pct"] = figures["pairs"]["coverage_pct"]
        context.add_asset_metadata(whole, partition_key=categories[0])
        for category in categories[1:]:
            context.add_asset_metadata({"registry_wide": MetadataValue.text(
                f"registry tables and coverage chart: the {categories[0]} partition of this run"),
                "failing_names": len(failing)}, partition_key=category)
        return MaterializeResult()

    return registry_asset


def integrity_result(store, registry: str) -> AssetCheckResult:
    """Canonical unique keys, non-empty unique names, depths summing to 100; per-category counts as metadata."""
    rows = read_registry(store, registry)
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
    summary = f"{len(problems)} problem(s) in {len(rows)} entries, first: {problems[0]}" if problems else \
        f"{len(rows)} entries: keys canonical and unique, names unique, depths sum to 100"
    return check_result(
        not problems, summary, check_name=f"{registry}_integrity", asset_key=registry,
        metadata={
            "entries": len(rows),
            "problems": len(problems),
            "first_problems": MetadataValue.md("\n".join(f"- {p}" for p in problems[:20]) or "none"),
            "per_category": MetadataValue.json(dict(sorted(per_category.items()))),
        },
    )


def coverage_result(store, registry: str) -> AssetCheckResult:
    figures = history_figures(store, registry)
    incomplete = {c: f for c, f in figures.items() if f.get("covered", 0) < f.get("total", 0)}
    if registry == "narrative":  # the missing pairs, per pair of categories
        figures.pop("pairs")
        pairs = narrative_pair_coverage(store)
        incomplete.pop("pairs", None)
        incomplete.update({name: f for name, f in pairs.items() if f["covered"] < f["total"]})
    missing = [f"- {c}: {f['total'] - f['covered']} missing, e.g. {', '.join(f['missing_sample'][:3])}"
               for c, f in incomplete.items()]
    history = store.read(HISTORY_TABLE, registry)
    shrunk = sorted(c for c, n in category_growth(history.to_pylist() if history is not None else []).items()
                    if n < 0)
    metadata = {"coverage": _coverage_table(figures), "missing": MetadataValue.md("\n".join(missing) or "none"),
                "shrunk": ", ".join(shrunk) or "none"}
    # Enumerating a space takes a second (static colours); the check's run does it, not every import.
    if registry in SPACES:
        covered, total = sum(f["covered"] for f in figures.values()), sum(f["total"] for f in figures.values())
        metadata.update(covered=covered, total=total, coverage_pct=round(100.0 * covered / total, 2))
        summary = f"{covered} of {total} cells held ({100.0 * covered / total:.2f}%)"
    else:
        summary = f"{sum(f['entries'] for f in figures.values())} entries (open-ended)"
    if shrunk:
        summary += f"; coverage shrank in {', '.join(shrunk)}"
    if registry == "narrative":
        metadata["pair_coverage"] = _coverage_table(pairs)
        metadata["pairs_covered"] = sum(f["covered"] for f in pairs.values())
        metadata["pairs_total"] = sum(f["total"] for f in pairs.values())
    else:
        metadata["entries"] = sum(f["entries"] for f in figures.values())
    return check_result(not shrunk, summary, metadata, severity=AssetCheckSeverity.WARN,
                        check_name=f"{registry}_coverage", asset_key=registry)


def density_result(store, registry: str) -> AssetCheckResult:
    figures = category_coverage(store, registry)
    expected = {c: f.get("total", 1) for c, f in figures.items()}
    density = {c: round(f["entries"] / expected[c], 4) if expected[c] else 1.0 for c, f in figures.items()}
    sparse = sorted(c for c, d in density.items() if d < 0.1)
    batches = len(store.partitions("loop_prompts"))
    empty = sorted(c for c, f in figures.items() if not f["entries"]) if batches >= STAGNATION_BATCHES else []
    summary = (f"{len(sparse)} of {len(figures)} categories sparse" + (f": {', '.join(sparse[:5])}" if sparse
               else "") + (f"; still empty after {batches} loop batches: {', '.join(empty)}" if empty else ""))
    return check_result(not empty, summary, severity=AssetCheckSeverity.WARN, check_name=f"{registry}_density",
                        asset_key=registry, metadata={
                            "density": MetadataValue.json(density), "sparse": ", ".join(sparse) or "none",
                            "empty": ", ".join(empty) or "none", "loop_batches": batches})


def stagnation_result(store, registry: str) -> AssetCheckResult:
    history = store.read(HISTORY_TABLE, registry)
    rows = history.to_pylist() if history is not None else []
    stagnant = stagnant_categories(rows)
    latest = {r["category"]: r for r in sorted(rows, key=lambda r: r["loop_batches"])}
    summary = f"no growth in {STAGNATION_BATCHES} loop batches: {', '.join(stagnant)}" if stagnant else \
        f"every category with missing cells grew over the last {STAGNATION_BATCHES} loop batches (or has " \
        "too little history to judge)"
    return check_result(not stagnant, summary, severity=AssetCheckSeverity.WARN, check_name=f"{registry}_stagnation",
                        asset_key=registry, metadata={
                            "stagnant": ", ".join(f"{c} (no growth in {STAGNATION_BATCHES} loop batches, "
                                                  f"{latest[c]['covered']}/{latest[c]['total']})"
                                                  for c in stagnant) or "none",
                            "stagnant_categories": MetadataValue.json(stagnant),
                            "states_recorded": len({r["loop_batches"] for r in rows}),
                            "latest_loop_batches": max((r["loop_batches"] for r in rows), default=0)})


def name_quality_result(store, registry: str) -> AssetCheckResult:
    failing = name_failures(store, registry)
    summary = f"{len(failing)} name(s) wait for backfill-names, e.g. {failing[0].name!r}" if failing else \
        "every name keeps the current naming rules"
    return check_result(not failing, summary, severity=AssetCheckSeverity.WARN,
                        check_name=f"{registry}_name_quality", asset_key=registry, metadata={
                            "names": current_ledger(store, registry).num_rows, "failing": len(failing),
                            "examples": MetadataValue.md("\n".join(f"- {f.name!r}: {', '.join(f.reasons)}"
                                                                    for f in failing[:20]) or "none")})


def batches_complete_result(store, registry: str, batches: list[str]) -> AssetCheckResult:
    incomplete = incomplete_batches(store, batches)
    broken, waiting = unfinished_batches(batches, incomplete)
    summary = (f"{len(broken)} incomplete batch(es): {', '.join(broken[:5])}" if broken else
               f"all {len(batches) - len(waiting)} run batch(es) complete") + \
        (f"; {len(waiting)} waiting to run" if waiting else "")
    return check_result(not broken, summary, check_name="batches_complete", asset_key=registry, metadata={
        "incomplete": MetadataValue.md("\n".join(f"- {b}: {'; '.join(incomplete[b][:4])}" for b in broken[:50])
                                       or "none"),
        "waiting": ", ".join(waiting) or "none", "batches": len(batches)})


def registry_check_specs(registry: str) -> list[AssetCheckSpec]:
    return [
        AssetCheckSpec(f"{registry}_integrity", asset=registry, blocking=True,
                       description=f"{registry}: keys canonical and unique, names non-empty and unique, depth "
                       "breakdowns sum to exactly 100."),
        AssetCheckSpec(f"{registry}_coverage", asset=registry,
                       description=f"{registry}: share of its defined space held, per category, with missing cells "
                       "(open-ended registries report growth). Filling a space takes many batches, so this reports "
                       "the share and warns only when a category's coverage shrank since the previous loop state."),
        AssetCheckSpec(f"{registry}_density", asset=registry,
                       description=f"{registry}: entries per category against expectation (the space's size, or at "
                       "least one entry for open-ended categories); names the sparse categories (under 10%). A new "
                       f"loop cannot fill its categories, so it warns only about a category still empty after "
                       f"{STAGNATION_BATCHES} loop batches."),
        AssetCheckSpec(f"{registry}_stagnation", asset=registry,
                       description=f"{registry}: categories with cells missing whose coverage did not grow over the "
                       f"last {STAGNATION_BATCHES} loop batches (read from the coverage history each "
                       "materialization records)."),
        AssetCheckSpec(f"{registry}_name_quality", asset=registry,
                       description=f"{registry}: every name is real English words, at most 60 characters, without "
                       "digits, legacy prefixes or gibberish, unique, not retired and of the current naming version "
                       "(a failing name waits for backfill-names, which the names sensor starts)."),
        AssetCheckSpec("batches_complete", asset=registry,
                       description=f"Every loop batch {registry} is grown from is complete: a batch that was started "
                       "(or lies before a finished batch of its workflow) but lacks discoveries or records is named; "
                       "`motion-assets loop` completes such batches first. Batches added but not run yet are listed "
                       "as waiting."),
    ]


def build_registry_checks(registry: str):
    """A registry's own checks, evaluated in one step (any subset of them): every step of a run costs its own
    events and bookkeeping, which made six one-check steps as long as the registry's growth itself."""
    specs = registry_check_specs(registry)

    @multi_asset_check(specs=specs, can_subset=True, name=f"{registry}_checks")
    def registry_checks(context: AssetCheckExecutionContext, motion_store: MotionStore):
        store = motion_store.tables()
        selected = {key.name for key in context.selected_asset_check_keys}
        evaluations = {
            f"{registry}_integrity": lambda: integrity_result(store, registry),
            f"{registry}_coverage": lambda: coverage_result(store, registry),
            f"{registry}_density": lambda: density_result(store, registry),
            f"{registry}_stagnation": lambda: stagnation_result(store, registry),
            f"{registry}_name_quality": lambda: name_quality_result(store, registry),
            "batches_complete": lambda: batches_complete_result(store, registry, all_batch_keys(context.instance)),
        }
        for spec in specs:
            if spec.name in selected:
                yield evaluations[spec.name]()

    return registry_checks


REGISTRIES = tuple(REGISTRY_CATEGORIES)
# The single-run backfill policy is a beta parameter, used on purpose (one run recomputes many categories).
with warnings.catch_warnings():
    warnings.simplefilter("ignore", BetaWarning)
    REGISTRY_ASSETS = [build_registry_asset(r) for r in REGISTRIES]
REGISTRY_CHECKS = [build_registry_checks(r) for r in REGISTRIES]
