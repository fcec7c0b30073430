"""Launching the loop and registry growth on an instance, for the CLI (the runs show in the UI like any other)."""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

from dagster import DagsterInstance
from dagster._core.storage.tags import ASSET_PARTITION_RANGE_END_TAG, ASSET_PARTITION_RANGE_START_TAG

from motion_assets.definitions import defs
from motion_assets.defs.jobs import grow_jobs, loop_jobs
from motion_assets.keys.canonical import REGISTRY_CATEGORIES

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


def run_loop_batch(instance: DagsterInstance, workflow: str, batch: str, videos_per_batch: int) -> None:
    """Materialize one loop batch partition in process; raises with the failing step's error."""
    job = defs.resolve_job_def(loop_jobs[workflow].name)
    result = job.execute_in_process(
        instance=instance,
        partition_key=batch,
        run_config={"resources": {"loop_settings": {"config": {"videos_per_batch": videos_per_batch}}},
                    **QUIET_LOGGING},
        raise_on_error=True,
    )
    if not result.success:
        raise RuntimeError(f"loop batch {batch} failed")


def grow_registries(instance: DagsterInstance) -> None:
    """Recompute every registry, all categories in one run per registry (its checks run with it).

    Every registry is attempted even when one fails; the failures are raised together at the end.
    """
    failed = []
    for registry, categories in REGISTRY_CATEGORIES.items():
        job = defs.resolve_job_def(grow_jobs[registry].name)
        result = job.execute_in_process(
            instance=instance,
            run_config=QUIET_LOGGING,
            tags={ASSET_PARTITION_RANGE_START_TAG: categories[0], ASSET_PARTITION_RANGE_END_TAG: categories[-1]},
            raise_on_error=False,
        )
        if not result.success:
            failed.append(registry)
    learning = defs.resolve_job_def("learn_words_job").execute_in_process(
        instance=instance, run_config=QUIET_LOGGING, raise_on_error=False)
    if not learning.success:
        failed.append("linguistic_candidates")
    if failed:
        raise RuntimeError(f"growing {', '.join(failed)} failed; see the runs in the Dagster UI")
