"""backfill-names in Dagster: the `name_renames` asset and its checks, the `backfill_names` job, the names sensor.

The asset runs the domain backfill (registry/backfill.py) under every named registry's names lock; its table holds
one partition of renames per backfill run. The sensor watches registry materializations (each records how many of
its names fail the rules) and starts the job; after a backfill that changed names, it re-materializes the
registries concerned, so the UI's latest materializations and checks show the new names.
"""

import json

from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetExecutionContext,
    AssetKey,
    AssetObservation,
    AssetRecordsFilter,
    Config,
    DefaultSensorStatus,
    Failure,
    MaterializeResult,
    MetadataValue,
    RunRequest,
    SensorEvaluationContext,
    SkipReason,
    asset,
    asset_check,
    define_asset_job,
    sensor,
)
from pydantic import Field

from motion_assets.defs.jobs import grow_jobs, registry_range_tags
from motion_assets.defs.registry_assets import NAMES_POOL
from motion_assets.defs.check_results import check_result
from motion_assets.defs.resources import MotionStore
from motion_assets.keys.canonical import REGISTRY_CATEGORIES
from motion_assets.registry.backfill import (
    RENAMES_TABLE,
    BackfillPlan,
    apply_backfill,
    duplicate_names,
    failing_counts,
    plan_backfill,
    retired_names_in_use,
)
from motion_assets.registry.names import NAMED_REGISTRIES, name_verdicts, names_lock, read_ledger

GROUP = "names"
#: Renames shown in the UI metadata (all of them are in the asset's table).
SHOWN_RENAMES = 500


class BackfillNamesConfig(Config):
    dry_run: bool = Field(default=False, description="Plan and report the renames; write nothing.")
    registries: list[str] = Field(default=[], description="Registries to backfill (empty: all of "
                                  f"{', '.join(NAMED_REGISTRIES)}).")
    limit: int = Field(default=0, description="Rename at most this many names (0: all failing names).")


def _renames_markdown(plan: BackfillPlan) -> str:
    lines = ["| registry | key | old name | new name | why |", "|---|---|---|---|---|"]
    lines += [f"| {r.registry} | `{r.key}` | {r.old_name} | {r.new_name} | {'; '.join(r.reasons)} |"
              for r in plan.renames[:SHOWN_RENAMES]]
    if len(plan.renames) > SHOWN_RENAMES:
        lines.append(f"| ... | {len(plan.renames) - SHOWN_RENAMES} more in the table | | | |")
    return "\n".join(lines) if plan.renames else "no renames"


def plan_metadata(plan: BackfillPlan) -> dict:
    return {
        "renamed": len(plan.renames),
        "restamped": len(plan.restamped),
        "deferred_by_limit": plan.deferred,
        "failing_before": sum(plan.failing_before.values()),
        "failing_before_per_registry": MetadataValue.json(plan.failing_before),
        "renamed_registries": MetadataValue.json(plan.renamed_registries),
        "renames": MetadataValue.md(_renames_markdown(plan)),
        "renames_json": MetadataValue.json([
            {"registry": r.registry, "key": r.key, "old": r.old_name, "new": r.new_name}
            for r in plan.renames[:SHOWN_RENAMES]]),
    }


@asset(
    group_name=GROUP,
    output_required=False,
    pool=NAMES_POOL,
    description="Every rename backfill-names made (registry, key, old name, new name, why), one table partition "
    "per backfill run. Materializing it runs a backfill: names failing the rules (gibberish, duplicates, legacy "
    "prefixes, digits, retired names, older naming versions) get good names in the ledger, the registry tables "
    "and the imported entries, all at once or not at all; the old names stay as retired names.",
)
def name_renames(context: AssetExecutionContext, config: BackfillNamesConfig, motion_store: MotionStore):
    registries = list(config.registries) or list(NAMED_REGISTRIES)
    unknown = sorted(set(registries) - set(NAMED_REGISTRIES))
    if unknown or config.limit < 0:
        raise Failure(description=f"bad backfill-names config: unknown registries {unknown} (choose from "
                      f"{', '.join(NAMED_REGISTRIES)})" if unknown else f"limit must be 0 or more (got {config.limit})")
    store = motion_store.tables()
    with names_lock(store, *registries):
        plan = plan_backfill(store, registries, config.limit or None)
        metadata = plan_metadata(plan)
        if config.dry_run:
            context.log.info(f"dry run: {len(plan.renames)} renames planned, nothing written")
            context.log_event(AssetObservation(asset_key=context.asset_key, metadata={"dry_run": True, **metadata}))
            return
        files = apply_backfill(store, plan, backfill=context.run.run_id)
        after = failing_counts(store, tuple(registries))
    context.log.info(f"renamed {len(plan.renames)} names in {', '.join(plan.renamed_registries) or 'no registry'}; "
                     f"{sum(after.values())} failing names left")
    yield MaterializeResult(metadata={
        **metadata,
        "dry_run": False,
        "failing_after": sum(after.values()),
        "failing_after_per_registry": MetadataValue.json(after),
        "files_written": len(files),
        "path": store.shown(store.table_dir(RENAMES_TABLE)),
        "dagster/row_count": len(plan.renames),
    })


@asset_check(asset=name_renames, name="names_unique", description="No two keys of a registry share a name (ledger "
             "and registry tables).")
def names_unique(motion_store: MotionStore) -> AssetCheckResult:
    duplicates = duplicate_names(motion_store.tables())
    count = sum(len(names) for names in duplicates.values())
    summary = f"{count} duplicate name(s) in {', '.join(sorted(duplicates))}" if duplicates else \
        "every name is held by one key"
    return check_result(not duplicates, summary, {
        "duplicates": MetadataValue.json({r: names[:20] for r, names in duplicates.items()})})


@asset_check(asset=name_renames, name="names_not_gibberish", description="Every current name is real English "
             "words and keeps the name rules (no digits, legacy prefixes, gibberish; at most 60 characters).")
def names_not_gibberish(motion_store: MotionStore) -> AssetCheckResult:
    store = motion_store.tables()
    failing = {}
    for registry in NAMED_REGISTRIES:
        ledger = read_ledger(store, registry)
        verdicts = name_verdicts(store, registry, (row["name"] for row in ledger.values()))
        failing[registry] = [f"{row['name']!r}: {', '.join(problems)}" for row in ledger.values()
                             if (problems := verdicts[row["name"] or ""])]
    failing = {r: names for r, names in failing.items() if names}
    count = sum(len(n) for n in failing.values())
    summary = f"{count} name(s) break the name rules, in {', '.join(sorted(failing))}" if failing else \
        "every current name keeps the name rules"
    return check_result(not failing, summary, {
        "failing": count,
        "examples": MetadataValue.json({r: names[:10] for r, names in failing.items()})})


@asset_check(asset=name_renames, name="no_retired_names", description="No name retired by a backfill is shown "
             "anywhere current: the name ledger, the registry tables, the imported entries.")
def no_retired_names(motion_store: MotionStore) -> AssetCheckResult:
    found = retired_names_in_use(motion_store.tables())
    summary = f"{len(found)} retired name(s) still shown" if found else "no retired name is shown anywhere"
    return check_result(not found, summary, {
        "found": len(found), "examples": MetadataValue.json(found[:20])})


backfill_names_job = define_asset_job(
    name="backfill_names",
    selection=[name_renames],
    description="Rename every name that fails the rules, everywhere at once (config: dry_run, registries, limit). "
    "The names sensor starts it after a registry materialization with failing names, then re-materializes the "
    "registries it renamed.",
)

NAMES_CHECKS = [names_unique, names_not_gibberish, no_retired_names]


def registries_to_refresh(renamed_registries: list[str]) -> list[str]:
    """The registry assets that show names of these registries (held legacy values have no asset)."""
    return [r for r in renamed_registries if r in REGISTRY_CATEGORIES]


def _new_records(context: SensorEvaluationContext, asset_key: str, after: int) -> list:
    result = context.instance.fetch_materializations(
        AssetRecordsFilter(asset_key=AssetKey(asset_key), after_storage_id=after or None), limit=1000, ascending=True)
    return list(result.records)


@sensor(
    name="names_needing_backfill_sensor",
    jobs=[backfill_names_job, *grow_jobs.values()],
    minimum_interval_seconds=60,
    default_status=DefaultSensorStatus.RUNNING,
    description="Starts backfill_names when a registry materialization holds names that fail the rules (for "
    "example after an import), then re-materializes the registries a backfill renamed. Its cursor keeps the last "
    "event it read per asset, so the same state never triggers twice.",
)
def names_needing_backfill_sensor(context: SensorEvaluationContext):
    cursor = json.loads(context.cursor) if context.cursor else {}
    requests = []
    for record in _new_records(context, "name_renames", cursor.get("name_renames", 0)):
        cursor["name_renames"] = record.storage_id
        renamed = record.asset_materialization.metadata["renamed_registries"].value
        for registry in registries_to_refresh(renamed):
            requests.append(RunRequest(run_key=f"after-backfill-{record.storage_id}-{registry}",
                                       job_name=grow_jobs[registry].name, tags=registry_range_tags(registry)))
    failing, last = [], 0
    for registry in REGISTRY_CATEGORIES:
        for record in _new_records(context, registry, cursor.get(registry, 0)):
            cursor[registry], last = record.storage_id, max(last, record.storage_id)
            count = record.asset_materialization.metadata.get("failing_names")
            if count is not None and count.value and registry not in failing:
                failing.append(registry)
    if failing and not requests:  # a refresh after a backfill is still to come: judge its result instead
        requests.append(RunRequest(run_key=f"backfill-names-{last}", job_name=backfill_names_job.name,
                                   tags={"names/failing_in": ",".join(failing)}))
    context.update_cursor(json.dumps(cursor, sort_keys=True))
    return requests or SkipReason("no registry materialization with failing names since the last evaluation")
