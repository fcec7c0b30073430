"""The motion_assets code location with a distributed executor, for deployments (deploy/README.md).

The assets, checks, jobs, schedules, sensors and resources are exactly those of `motion_assets.definitions`; only
the executor that runs a run's steps changes, chosen by MOTION_EXECUTOR:

- `k8s`: every step in its own Kubernetes pod (`dagster_k8s.k8s_job_executor`; needs dagster-k8s in the image);
- `celery`: steps as Celery tasks on workers (`dagster_celery.celery_executor`; needs dagster-celery and a broker);
- unset or `multiprocess`: the code location's own multiprocess executor (2 steps at once).

Load it with `dagster-webserver -f deploy/distributed_definitions.py` / `dagster api grpc -f ...`, or through
deploy/workspace.distributed.yaml. Its executor config goes in the run config (deploy/run_config.*.yaml).
"""

from __future__ import annotations

import os

from dagster import Definitions

from motion_assets import definitions as _base


def _executor():
    chosen = os.environ.get("MOTION_EXECUTOR", "multiprocess").strip().lower()
    if chosen == "k8s":
        from dagster_k8s import k8s_job_executor

        return k8s_job_executor
    if chosen == "celery":
        from dagster_celery import celery_executor

        return celery_executor
    if chosen in ("", "multiprocess"):
        from dagster import multiprocess_executor

        return multiprocess_executor.configured({"max_concurrent": 2})
    raise ValueError(f"MOTION_EXECUTOR={chosen!r}: expected k8s, celery or multiprocess")


defs = Definitions(
    assets=_base.defs.assets,
    asset_checks=_base.defs.asset_checks,
    jobs=_base.defs.jobs,
    schedules=_base.defs.schedules,
    sensors=_base.defs.sensors,
    resources=_base.defs.resources,
    executor=_executor(),
)
