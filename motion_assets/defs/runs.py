"""Launching the loop and registry growth on an instance, for the CLI (the runs show in the UI like any other)."""

from __future__ import annotations

import fcntl
import os
import sys
from contextlib import contextmanager
from pathlib import Path

from dagster import DagsterInstance

from motion_assets.definitions import defs
from motion_assets.defs.jobs import grow_jobs, loop_jobs, registry_range_tags
from motion_assets.defs.registry_freshness import UP_TO_DATE_CHECK_NAMES
from motion_assets.keys.canonical import REGISTRY_CATEGORIES
from motion_assets.loop.jobs import default_workers
from motion_assets.loop.records import FOCUS_ENV
from motion_assets.origins.vocabulary import WORKFLOW_FOCUS

#: Runs launched from the command line log errors only to the terminal; the UI keeps every event.
QUIET_LOGGING = {"loggers": {"console": {"config": {"log_level": "ERROR"}}}}
WORKSPACE = Path(__file__).resolve().parents[2] / "workspace.yaml"
DEFINITIONS_MODULE = "motion_assets.definitions"


def code_location_origin():
    """The code location origin the UI loads (workspace.yaml's ``motion_assets``): runs created with it show on
    their job and asset pages and re-execute from the UI like the UI's own runs."""
    from dagster._core.remote_origin import ManagedGrpcPythonEnvCodeLocationOrigin
    from dagster._core.types.loadable_target_origin import LoadableTargetOrigin
    from dagster._core.workspace.load import location_origins_from_yaml_paths

    if WORKSPACE.is_file():
        (origin,) = location_origins_from_yaml_paths([str(WORKSPACE)])
        return origin
    return ManagedGrpcPythonEnvCodeLocationOrigin(
        LoadableTargetOrigin(executable_path=sys.executable, module_name=DEFINITIONS_MODULE), "motion_assets")


def create_location_run(instance: DagsterInstance, job_name: str, run_config: dict, tags: dict | None = None,
                        partition_key: str | None = None):
    """Create a run of ``job_name`` as a run of the workspace's code location (the origin the UI's runs carry, so
    the run shows on its job page and can be re-executed there), tagged with this process's id so a run whose
    process was killed is known to be abandoned. Returns the reconstructable job and the run."""
    from dagster._core.definitions.reconstruct import ReconstructableRepository
    from dagster._core.definitions.repository_definition import SINGLETON_REPOSITORY_NAME
    from dagster._core.remote_origin import RemoteJobOrigin, RemoteRepositoryOrigin

    from motion_assets.defs.run_process import process_tags

    origin = code_location_origin()
    target = origin.loadable_target_origin
    recon_job = ReconstructableRepository.for_module(
        target.module_name, target.attribute or "defs", working_directory=target.working_directory,
    ).get_reconstructable_job(job_name)
    job_def = defs.resolve_job_def(job_name)
    run_tags = {**job_def.run_tags, **(tags or {}), **process_tags()}
    if partition_key:
        run_tags.update(job_def.get_tags_for_partition_key(partition_key, selected_asset_keys=None))
    run = instance.create_run_for_job(
        job_def, run_config=run_config, tags=run_tags,
        remote_job_origin=RemoteJobOrigin(RemoteRepositoryOrigin(origin, SINGLETON_REPOSITORY_NAME), job_name),
        job_code_origin=recon_job.get_python_origin())
    return recon_job, run


def execute_on_location(instance: DagsterInstance, job_name: str, run_config: dict, tags: dict | None = None,
                        partition_key: str | None = None):
    """Run ``job_name`` in this process as a run of the workspace's code location (`create_location_run`).
    Returns the execution result; never raises for a failed step."""
    from dagster._core.execution.api import execute_run

    recon_job, run = create_location_run(instance, job_name, run_config, tags, partition_key)
    return execute_run(recon_job, run, instance)


def fail_abandoned_runs(instance: DagsterInstance) -> list[str]:
    """Mark as failed every run a killed command-line process left "started" (it can never finish), so the UI
    and the workflow sensors see the truth. Returns their run ids."""
    from dagster import RunsFilter

    from motion_assets.defs.run_process import abandoned
    from motion_assets.defs.sensors import IN_PROGRESS

    ids = []
    for run in instance.get_runs(RunsFilter(statuses=IN_PROGRESS)):
        if abandoned(run):
            instance.report_run_failed(run, "the process that ran it was killed before it finished")
            ids.append(run.run_id)
    return ids


def check_outcomes(result, leave_out: frozenset[str] = frozenset()) -> tuple[int, list[str]]:
    """(passed, the others as ``name: summary`` lines, failures first, then skipped checks) of a run's check
    evaluations, except the checks named in ``leave_out``. A check that did not look (metadata ``checked`` false:
    another extraction focus, a scene batch) is skipped, never counted as passed."""
    evaluations = [e for e in result.get_asset_check_evaluations() if e.check_name not in leave_out]
    others = sorted((e for e in evaluations if not e.passed), key=lambda e: e.severity.value != "ERROR")
    skipped = [e for e in evaluations if e.passed and getattr(e.metadata.get("checked"), "value", True) is False]
    lines = [f"{'FAILED' if e.severity.value == 'ERROR' else 'warning'} {e.asset_key.to_user_string()}."
             f"{e.check_name}: {e.description or ''}" for e in others]
    lines += [f"skipped {e.asset_key.to_user_string()}.{e.check_name}: {e.description or ''}" for e in skipped]
    return len(evaluations) - len(others) - len(skipped), lines


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
    from motion_assets.defs.partitions import workflow_batch_keys
    from motion_assets.loop.batches import next_batch_keys
    from motion_assets.loop.records import incomplete_batches

    ours = workflow_batch_keys(instance, workflow)
    # Batches stored but not on the instance (a new instance over old data) are never planned again.
    return list(incomplete_batches(store, ours)), next_batch_keys([*ours, *store.partitions("loop_prompts")],
                                                                  workflow, count)


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


def run_loop_batch(instance: DagsterInstance, workflow: str, batch: str, videos_per_batch: int,
                   video_workers: int = 0) -> dict:
    """Materialize one loop batch partition in this process (its videos on ``video_workers`` threads, 0: the
    cores); returns its ``growth`` line, ``checks_passed`` and ``check_lines`` (what did not pass). Raises with the
    failing step's error."""
    settings = {"videos_per_batch": videos_per_batch, "extraction_focus": workflow_focus(workflow),
                "video_workers": video_workers}
    result = execute_on_location(instance, loop_jobs[workflow].name,
                                 {"resources": {"loop_settings": {"config": settings}}, **QUIET_LOGGING},
                                 partition_key=batch)
    # The registries' up-to-date checks warn after every batch until the registries grow; the loop grows them
    # last, and those runs check them again, so a batch's outcome leaves them out.
    passed, lines = check_outcomes(result, leave_out=UP_TO_DATE_CHECK_NAMES)
    if not result.success:
        failure = next((e for e in result.all_events if e.is_step_failure), None)
        reason = failure.step_failure_data.error.message.strip() if failure else "; ".join(lines)
        raise RuntimeError(f"loop batch {batch} failed (run {result.run_id}): {reason}")
    growth = next((m.metadata["growth"].value for m in result.asset_materializations_for_node("video_discoveries")
                   if m.asset_key.path[-1] == "discovery_records"), None)
    return {"run_id": result.run_id, "growth": growth, "checks_passed": passed, "check_lines": lines}


def loop_parallelism(workflow: str, limit: int) -> int:
    """How many batches of ``workflow`` one loop call runs at once: up to ``limit`` for a workflow whose batches
    follow from their keys alone (`INDEPENDENT_WORKFLOWS`), else 1, since each batch is steered by what the
    earlier ones discovered and running them at once would change what they store."""
    from motion_assets.loop.batches import INDEPENDENT_WORKFLOWS

    return max(1, limit) if workflow in INDEPENDENT_WORKFLOWS else 1


def run_loop_batches(instance: DagsterInstance, workflow: str, batches: list[tuple[str, int]], parallel: int):
    """Materialize ``batches`` ((key, videos) pairs) and yield (key, `run_loop_batch` outcome) in batch order.

    With ``parallel`` > 1 up to that many batch runs execute at once, each in its own worker process on the same
    instance (the runs show in the UI like any other); the first failure is raised once the runs under way end,
    and batches not started yet are not run."""
    if parallel <= 1 or len(batches) <= 1:
        for key, videos in batches:
            yield key, run_loop_batch(instance, workflow, key, videos)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # forkserver: workers fork from one clean process that imported the definitions once, never from this one
    # (whose DuckDB and SQLite handles must not be shared with a child).
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    pool = ProcessPoolExecutor(max_workers=min(parallel, len(batches)), mp_context=context)
    try:
        # the batches share the cores: each encodes its videos on its part of them
        video_workers = max(1, default_workers() // min(parallel, len(batches)))
        futures = [pool.submit(_run_loop_batch_in_worker, workflow, key, videos, video_workers)
                   for key, videos in batches]
        for (key, _), future in zip(batches, futures):
            yield key, future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _run_loop_batch_in_worker(workflow: str, batch: str, videos_per_batch: int, video_workers: int) -> dict:
    with persistent_instance() as instance:
        return run_loop_batch(instance, workflow, batch, videos_per_batch, video_workers)


def grow_registries(instance: DagsterInstance, registries: list[str] | None = None) -> dict:
    """Recompute the registries (default: all, and the word candidates), all categories in one run per registry
    (its checks run with it). Returns ``checks_passed`` and ``check_lines`` over all the runs.

    Every registry is attempted even when one fails; the failures are raised together at the end.
    """
    failed, passed, lines = [], 0, []
    for registry in registries if registries is not None else REGISTRY_CATEGORIES:
        result = execute_on_location(instance, grow_jobs[registry].name, QUIET_LOGGING, registry_range_tags(registry))
        ok, more = check_outcomes(result)
        passed, lines = passed + ok, lines + more
        if not result.success:
            failed.append(registry)
    if registries is None:
        learning = execute_on_location(instance, "learn_words_job", QUIET_LOGGING)
        if not learning.success:
            failed.append("linguistic_candidates")
    if failed:
        raise RuntimeError(f"growing {', '.join(failed)} failed; see the runs in the Dagster UI")
    return {"checks_passed": passed, "check_lines": lines}


def backfill_names(instance: DagsterInstance, dry_run: bool, registries: list[str], limit: int) -> dict:
    """Run the backfill_names job and wait for it; then re-materialize the registries it renamed.

    Returns the outcome from the run's events: renamed, failing_before/after, renames (at most SHOWN_RENAMES),
    refreshed registries and the run id. Raises RuntimeError with the run's error when it fails.
    """
    from motion_assets.defs.names_assets import backfill_names_job, registries_to_refresh

    config = {"dry_run": dry_run, "registries": registries, "limit": limit}
    result = execute_on_location(instance, backfill_names_job.name,
                                 {"ops": {"name_renames": {"config": config}}, **QUIET_LOGGING})
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
