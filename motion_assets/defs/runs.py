"""Launching the loop and registry growth on an instance, for the CLI (the runs show in the UI like any other)."""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

from dagster import DagsterInstance

from motion_assets.definitions import defs
from motion_assets.defs.jobs import grow_jobs, loop_jobs, registry_range_tags
from motion_assets.defs.partitions import loop_batches
from motion_assets.keys.canonical import REGISTRY_CATEGORIES
from motion_assets.loop.batches import BATCH_KEY
from motion_assets.loop.records import FOCUS_ENV
from motion_assets.origins.vocabulary import WORKFLOW_FOCUS

#: Runs launched from the command line log errors only to the terminal; the UI keeps every event.
QUIET_LOGGING = {"loggers": {"console": {"config": {"log_level": "ERROR"}}}}


@contextmanager
def persistent_instance():
    """The instance in DAGSTER_HOME, opened under a file lock: several processes starting at once on a new home
    would otherwise each create the SQLite storage and leave its schema version table with two heads."""
    home = Path(os.environ["DAGSTER_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    with open(home / ".instance.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            instance = DagsterInstance.get()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    with instance:
        yield instance


def batches_to_run(instance: DagsterInstance, store, workflow: str, count: int) -> tuple[list[str], list[str]]:
    """(unfinished, new): every added batch of ``workflow`` that is not complete (started and left unfinished,
    failed, or added and never run), in batch order, and the ``count`` batch keys after the highest one. The new
    keys are not added here."""
    from motion_assets.loop.batches import next_batch_keys, parse_batch_key
    from motion_assets.loop.records import incomplete_batches

    existing = instance.get_dynamic_partitions(loop_batches.name)
    ours = sorted((b for b in existing if BATCH_KEY.match(b) and parse_batch_key(b)[0] == workflow),
                  key=lambda b: parse_batch_key(b)[1])
    return list(incomplete_batches(store, ours)), next_batch_keys(existing, workflow, count)


def stored_batch_size(store, batch: str, default: int) -> int:
    """The number of videos a batch was planned with (its stored prompts), else ``default``: a batch completed
    later keeps its size, so it ends as an uninterrupted run would have made it."""
    prompts = store.read("loop_prompts", batch)
    return prompts.num_rows if prompts is not None and prompts.num_rows else default


def workflow_focus(workflow: str) -> str:
    """The extraction focus a CLI run of ``workflow`` uses: LOOP_EXTRACTION_FOCUS when set (the asset reads it),
    else the focus the workflow's schedule uses (sound: frame)."""
    if os.environ.get(FOCUS_ENV, "").strip():
        return ""
    return WORKFLOW_FOCUS[workflow] or ""


def run_loop_batch(instance: DagsterInstance, workflow: str, batch: str, videos_per_batch: int) -> None:
    """Materialize one loop batch partition in process; raises with the failing step's error."""
    job = defs.resolve_job_def(loop_jobs[workflow].name)
    settings = {"videos_per_batch": videos_per_batch, "extraction_focus": workflow_focus(workflow)}
    result = job.execute_in_process(
        instance=instance,
        partition_key=batch,
        run_config={"resources": {"loop_settings": {"config": settings}}, **QUIET_LOGGING},
        raise_on_error=True,
    )
    if not result.success:
        raise RuntimeError(f"loop batch {batch} failed")


def grow_registries(instance: DagsterInstance, registries: list[str] | None = None) -> None:
    """Recompute the registries (default: all, and the word candidates), all categories in one run per registry
    (its checks run with it).

    Every registry is attempted even when one fails; the failures are raised together at the end.
    """
    failed = []
    for registry in registries if registries is not None else REGISTRY_CATEGORIES:
        job = defs.resolve_job_def(grow_jobs[registry].name)
        result = job.execute_in_process(
            instance=instance, run_config=QUIET_LOGGING, tags=registry_range_tags(registry), raise_on_error=False)
        if not result.success:
            failed.append(registry)
    if registries is None:
        learning = defs.resolve_job_def("learn_words_job").execute_in_process(
            instance=instance, run_config=QUIET_LOGGING, raise_on_error=False)
        if not learning.success:
            failed.append("linguistic_candidates")
    if failed:
        raise RuntimeError(f"growing {', '.join(failed)} failed; see the runs in the Dagster UI")


def backfill_names(instance: DagsterInstance, dry_run: bool, registries: list[str], limit: int) -> dict:
    """Run the backfill_names job and wait for it; then re-materialize the registries it renamed.

    Returns the outcome from the run's events: renamed, failing_before/after, renames (at most SHOWN_RENAMES),
    refreshed registries and the run id. Raises RuntimeError with the run's error when it fails.
    """
    from motion_assets.defs.names_assets import backfill_names_job, registries_to_refresh

    job = defs.resolve_job_def(backfill_names_job.name)
    config = {"dry_run": dry_run, "registries": registries, "limit": limit}
    result = job.execute_in_process(
        instance=instance, run_config={"ops": {"name_renames": {"config": config}}, **QUIET_LOGGING},
        raise_on_error=False)
    if not result.success:
        failure = next((e for e in result.all_events if e.is_step_failure), None)
        reason = failure.step_failure_data.error.message.strip() if failure else "see the run in the Dagster UI"
        raise RuntimeError(f"backfill_names run {result.run_id} failed: {reason}")
    events = result.asset_observations_for_node("name_renames") if dry_run else \
        result.asset_materializations_for_node("name_renames")
    metadata = {key: value.value for key, value in events[-1].metadata.items()}
    refreshed = [] if dry_run else registries_to_refresh(metadata["renamed_registries"])
    if refreshed:
        grow_registries(instance, refreshed)
    return {"run_id": result.run_id, "dry_run": dry_run, "renamed": metadata["renamed"],
            "renames": metadata["renames_json"], "failing_before": metadata["failing_before"],
            "failing_after": metadata.get("failing_after"), "deferred_by_limit": metadata["deferred_by_limit"],
            "refreshed": refreshed}
