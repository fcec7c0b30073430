"""The production instance (deploy/dagster.postgres.yaml) on a real PostgreSQL server that the tests start:
the loop's runs, events and checks, the registries grown from them, a workflow sensor tick and a registry-growth sensor
tick evaluated by Dagster's own daemon code, all stored in PostgreSQL and read back from it with psycopg2.

Skipped, with the reason, only where no server can be started; with REQUIRE_POSTGRES_TESTS=1 (CI) that fails.
"""

from __future__ import annotations

import itertools
import logging
import os
import shutil
import subprocess
import sys
from contextlib import ExitStack, contextmanager
from datetime import datetime, timedelta, timezone

import pytest
from dagster import AssetKey, AssetMaterialization, DagsterInstance, DagsterRunStatus

from motion_assets_tests.conftest import REPO_ROOT
from motion_assets_tests.postgres_server import PostgresUnavailable, running_postgres

#: One worker (pytest -n) starts the server once for the module.
pytestmark = [pytest.mark.postgres, pytest.mark.xdist_group("postgres")]

_databases = itertools.count(1)


@pytest.fixture(scope="module")
def postgres():
    with ExitStack() as stack:
        try:
            server = stack.enter_context(running_postgres())
        except PostgresUnavailable as reason:
            if os.environ.get("REQUIRE_POSTGRES_TESTS") == "1":
                pytest.fail(f"PostgreSQL is required here (REQUIRE_POSTGRES_TESTS=1): {reason}")
            pytest.skip(f"no PostgreSQL server can be started: {reason}")
        print(f"PostgreSQL {server.version}")
        yield server


@pytest.fixture
def pg(postgres, tmp_path, monkeypatch):
    """A fresh database and a DAGSTER_HOME whose dagster.yaml is deploy/dagster.postgres.yaml, reading the
    connection from the environment; returns the database (a PostgresServer) and that environment."""
    server = postgres.with_new_database(f"motion_test_{next(_databases)}")
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copyfile(REPO_ROOT / "deploy" / "dagster.postgres.yaml", home / "dagster.yaml")
    values = {**server.environment(), "DAGSTER_HOME": str(home), "MOTION_DATA_DIR": str(tmp_path / "data")}
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return server, {**os.environ, **values}


def query(server, sql: str, *params) -> list[tuple]:
    connection = server.connect()
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    finally:
        connection.close()


@contextmanager
def daemon_workspace(instance: DagsterInstance):
    """The repository's workspace loaded the way dagster-daemon loads it (a code server process), and the
    code location's repository."""
    from dagster._core.test_utils import create_test_daemon_workspace_context
    from dagster._core.workspace.load_target import WorkspaceFileTarget

    with create_test_daemon_workspace_context(WorkspaceFileTarget([str(REPO_ROOT / "workspace.yaml")]),
                                              instance) as context:
        (entry,) = context.create_request_context().get_code_location_entries().values()
        assert entry.code_location, entry.load_error
        (repository,) = entry.code_location.get_repositories().values()
        yield context, repository


def test_the_instance_stores_everything_in_postgres(pg):
    """deploy/dagster.postgres.yaml loads as written: PostgreSQL storage and the concurrency limits it documents."""
    with DagsterInstance.get() as instance:
        for storage in (instance.run_storage, instance.event_log_storage, instance.schedule_storage):
            assert type(storage).__name__.startswith("Postgres"), type(storage)
        assert type(instance.run_coordinator).__name__ == "QueuedRunCoordinator"
        # The limits the run queue daemon applies (deploy/dagster.postgres.yaml, `concurrency:`).
        concurrency = instance.get_concurrency_config()
        queue = concurrency.run_queue_config
        assert queue.max_concurrent_runs == 4
        assert [(limit["key"], limit["limit"]) for limit in queue.tag_concurrency_limits] == [("workflow", 2)]
        assert concurrency.pool_config.default_pool_limit == 1  # the registry_names pool: one writer of names
        assert instance.run_retries_enabled and instance.run_retries_max_retries == 1
        assert instance.run_monitoring_enabled


@pytest.mark.slow
def test_loop_runs_and_registries_on_postgres(pg):
    server, _ = pg
    from motion_assets.defs.partitions import add_batches
    from motion_assets.defs.runs import grow_registries, run_loop_batch
    from motion_assets.registry.report import registry_report
    from motion_assets.storage.tables import TableStore, data_dir_from_env

    with DagsterInstance.get() as instance:
        add_batches(instance, ["explorer-000001"])
        run_loop_batch(instance, "explorer", "explorer-000001", videos_per_batch=1)
        grow_registries(instance)
        runs = instance.get_runs()
        assert runs and all(run.status == DagsterRunStatus.SUCCESS for run in runs)
    # The same facts, read from PostgreSQL itself.
    assert query(server, "SELECT count(*) FROM runs WHERE status = 'SUCCESS'")[0][0] == len(runs)
    assert ("explorer-000001",) in query(
        server, "SELECT partition FROM dynamic_partitions WHERE partitions_def_name = %s", "explorer_batches")
    materialized = dict(query(server, "SELECT asset_key, count(*) FROM event_logs "
                                      "WHERE dagster_event_type = 'ASSET_MATERIALIZATION' GROUP BY asset_key"))
    for asset in ("loop_prompts", "loop_specs", "loop_videos", "frame_discoveries", "learning_records",
                  "discovery_records"):
        assert materialized.get(AssetKey(["explorer", asset]).to_string(), 0) > 0, f"no {asset} in PostgreSQL"
    for asset in ("static_colors", "static_sound", "dynamic_blends", "narrative", "linguistic", "interpretations"):
        assert materialized.get(f'["{asset}"]', 0) > 0, f"no materialization of {asset} in PostgreSQL"
    partitions = {row[0] for row in query(server, "SELECT DISTINCT partition FROM event_logs WHERE asset_key = %s "
                                                  "AND dagster_event_type = 'ASSET_MATERIALIZATION'",
                                          AssetKey(["explorer", "loop_videos"]).to_string())}
    assert partitions == {"explorer-000001"}
    checks = dict(query(server, "SELECT check_name, bool_and(execution_status = 'SUCCEEDED') "
                                "FROM asset_check_executions GROUP BY check_name"))
    for check in ("frame_colors_precision", "rerender_identical", "records_complete", "static_colors_integrity"):
        assert checks.get(check), f"{check} has no succeeded execution in PostgreSQL: {checks.get(check)}"
    report = registry_report(TableStore(data_dir_from_env()))
    assert all(body["entries"] > 0 for body in report["registries"].values())


def test_a_workflow_sensor_tick_on_postgres(pg):
    """`dagster sensor start` stores the sensor's state; the sensor daemon's own tick code then evaluates one
    tick: the tick, the batch partition it asked for and its queued run are in PostgreSQL, and a repeated tick
    requests nothing new while the batch waits to run."""
    server, env = pg
    import dagster._daemon  # noqa: F401  (imported first: the daemon modules alone hit an import cycle)
    from dagster._core.scheduler.instigation import TickStatus
    from dagster._core.test_utils import freeze_time
    from dagster._daemon.sensor import execute_sensor_iteration
    from dagster._time import get_current_datetime

    from motion_assets.defs.partitions import add_batches

    started = subprocess.run([sys.executable, "-m", "dagster", "sensor", "start", "sound_next_batch_sensor", "-w",
                              str(REPO_ROOT / "workspace.yaml")], env=env, cwd=REPO_ROOT, capture_output=True,
                             text=True, timeout=180)
    assert started.returncode == 0, started.stderr[-2000:]
    states = query(server, "SELECT instigator_type, status, instigator_body FROM instigators")
    assert any(kind == "SENSOR" and status == "RUNNING" and "sound_next_batch_sensor" in body
               for kind, status, body in states), states

    with DagsterInstance.get() as instance, daemon_workspace(instance) as (context, repository):
        sensor = repository.get_sensor("sound_next_batch_sensor")
        clock = get_current_datetime()
        for _ in range(2):
            clock += timedelta(seconds=1201)  # past the sensor's minimum interval
            with freeze_time(clock):
                list(execute_sensor_iteration(context, logging.getLogger("test_sensor"), threadpool_executor=None,
                                              submit_threadpool_executor=None))
        ticks = instance.get_ticks(sensor.get_remote_origin_id(), sensor.selector_id)
        assert [t.status for t in ticks] == [TickStatus.SKIPPED, TickStatus.SUCCESS], [t.error for t in ticks]
        (run_id,) = ticks[1].run_ids
        assert "sound-000001 is still running" in ticks[0].skip_reason

    # The run waits in the run queue (QueuedRunCoordinator) with the tick's batch partition and workflow tag.
    assert query(server, "SELECT status, pipeline_name FROM runs WHERE run_id = %s", run_id) == [
        ("QUEUED", "sound_loop_job")]
    tags = dict(query(server, "SELECT key, value FROM run_tags WHERE run_id = %s", run_id))
    assert tags["dagster/partition"] == "sound-000001"
    assert tags["dagster/run_key"] == "sound-000001@0"
    assert tags["dagster/sensor_name"] == "sound_next_batch_sensor"
    assert tags["workflow"] == "sound"
    assert ("sound-000001",) in query(
        server, "SELECT partition FROM dynamic_partitions WHERE partitions_def_name = %s", "sound_batches")
    assert query(server, "SELECT count(*) FROM runs")[0][0] == 1


def test_a_registry_growth_sensor_tick_on_postgres(pg):
    """The registry growth sensor (declarative automation) ticks through the asset daemon's own code: after a
    loop batch's discoveries land, its tick requests every registry, and the tick, its evaluations and the
    requested work are in PostgreSQL."""
    server, _ = pg
    from dagster._core.scheduler.instigation import TickStatus
    from dagster._core.test_utils import freeze_time
    from dagster._daemon.asset_daemon import AssetDaemon
    from dagster._time import get_current_datetime

    from motion_assets.defs.partitions import add_batches
    from motion_assets.keys.canonical import REGISTRY_CATEGORIES

    with DagsterInstance.get() as instance, daemon_workspace(instance) as (context, repository):
        sensor = repository.get_sensor("registry_growth_sensor")
        instance.start_sensor(sensor)
        daemon = AssetDaemon(settings=instance.get_auto_materialize_settings(), pre_sensor_interval_seconds=0)

        def tick():
            daemon._run_iteration_impl(context, threadpool_executor=None, amp_tick_futures={}, debug_crash_flags={})

        tick()  # nothing has landed yet: the first tick only records the state it saw
        # A loop batch lands (its discovery assets materialized, as the loop job records them).
        add_batches(instance, ["explorer-000001"])
        for asset in ("frame_discoveries", "window_discoveries", "narrative_discoveries", "linguistic_discoveries",
                      "loop_interpretations"):
            instance.report_runless_asset_event(AssetMaterialization(AssetKey(["explorer", asset]),
                                                                     partition="explorer-000001"))
        with freeze_time(get_current_datetime() + timedelta(seconds=61)):  # past the sensor's minimum interval
            tick()
        ticks = instance.get_ticks(sensor.get_remote_origin_id(), sensor.selector_id)
        assert [t.status for t in ticks] == [TickStatus.SUCCESS, TickStatus.SKIPPED], [t.error for t in ticks]
        requested = {key.to_user_string(): partitions
                     for key, partitions in ticks[0].requested_assets_and_partitions.items()}

    # Every registry, each with all of its categories (a registry run recomputes them from every batch).
    for registry, categories in REGISTRY_CATEGORIES.items():
        assert requested.get(registry) == set(categories), (registry, requested.get(registry))
    stored = query(server, "SELECT status FROM job_ticks WHERE selector_id = %s ORDER BY id", sensor.selector_id)
    assert stored == [("SKIPPED",), ("SUCCESS",)], stored
    evaluated = {row[0] for row in query(server, "SELECT asset_key FROM asset_daemon_asset_evaluations")}
    assert '["static_colors"]' in evaluated, evaluated
    # The requested work waits in PostgreSQL: the unpartitioned word candidates as a queued run, the
    # category-partitioned registries as one backfill (their single-run backfill policy).
    assert query(server, "SELECT count(*) FROM runs WHERE status = 'QUEUED'") == [(1,)]
    assert query(server, "SELECT count(*) FROM bulk_actions") == [(1,)]


def test_the_names_sensor_starts_backfill_names_on_postgres(pg, tmp_path):
    """After an import brings bad names, the names sensor's ticks (through the sensor daemon's own code) start
    backfill_names once, never twice for the same state, and after the backfill ask for the registries to be
    re-materialized; ticks, runs and renames are all in PostgreSQL."""
    server, _ = pg
    import dagster._daemon  # noqa: F401  (imported first: the daemon modules alone hit an import cycle)
    from dagster._core.scheduler.instigation import TickStatus
    from dagster._core.test_utils import freeze_time
    from dagster._daemon.sensor import execute_sensor_iteration
    from dagster._time import get_current_datetime

    from motion_assets.defs.runs import backfill_names, grow_registries
    from motion_assets.legacy import import_export
    from motion_assets.storage.tables import TableStore, data_dir_from_env
    from motion_assets_tests.test_backfill_names import BAD, _export_with_bad_names

    store = TableStore(data_dir_from_env())
    import_export(store, _export_with_bad_names(tmp_path))
    with DagsterInstance.get() as instance, daemon_workspace(instance) as (context, repository):
        grow_registries(instance, ["static_colors", "static_sound", "narrative", "interpretations"])
        sensor = repository.get_sensor("names_needing_backfill_sensor")
        instance.start_sensor(sensor)
        clock = get_current_datetime()

        def tick():
            nonlocal clock
            clock += timedelta(seconds=61)  # past the sensor's minimum interval
            with freeze_time(clock):
                list(execute_sensor_iteration(context, logging.getLogger("test_sensor"), threadpool_executor=None,
                                              submit_threadpool_executor=None))
            return instance.get_ticks(sensor.get_remote_origin_id(), sensor.selector_id)[0]

        first = tick()
        assert first.status == TickStatus.SUCCESS, first.error
        (backfill_run,) = first.run_ids
        assert tick().status == TickStatus.SKIPPED  # the same state never triggers twice
        outcome = backfill_names(instance, dry_run=False, registries=[], limit=0)  # as the queued run would
        assert outcome["renamed"] == 5 and outcome["failing_after"] == 0
        after = tick()
        assert after.status == TickStatus.SUCCESS, after.error
        refresh_runs = after.run_ids
    assert query(server, "SELECT pipeline_name FROM runs WHERE run_id = %s", backfill_run) == [("backfill_names",)]
    assert sorted(query(server, "SELECT pipeline_name FROM runs WHERE run_id = ANY(%s)", refresh_runs)) == [
        ("grow_interpretations_job",), ("grow_narrative_job",), ("grow_static_colors_job",),
        ("grow_static_sound_job",)]
    statuses = [row[0] for row in query(server, "SELECT status FROM job_ticks WHERE selector_id = %s ORDER BY id",
                                        sensor.selector_id)]
    assert statuses == ["SUCCESS", "SKIPPED", "SUCCESS"], statuses
    renamed = query(server, "SELECT count(*) FROM event_logs WHERE dagster_event_type = 'ASSET_MATERIALIZATION' "
                    "AND asset_key = %s", '["name_renames"]')
    assert renamed == [(1,)]
    assert not set(BAD.values()) & {r["name"] for r in store.read("registry_static_colors", "blue").to_pylist()}


def test_the_server_version_is_reported(postgres):
    assert int(postgres.version.split(".")[0]) >= 13
    print(f"PostgreSQL {postgres.version}")


# --- The distributed deployment's configuration (deploy/), checked against the real dagster-k8s and dagster-celery
# schemas where those packages are installed (no cluster or broker is needed).

def _deploy_yaml(name: str) -> dict:
    import yaml

    return yaml.safe_load((REPO_ROOT / "deploy" / name).read_text())


def _distributed_job(monkeypatch, executor: str, job: str = "explorer_loop_job"):
    import importlib.util

    monkeypatch.setenv("MOTION_EXECUTOR", executor)
    spec = importlib.util.spec_from_file_location("distributed_definitions",
                                                  REPO_ROOT / "deploy" / "distributed_definitions.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.defs.resolve_job_def(job)


def test_the_kubernetes_instance_loads_on_postgres(pg, tmp_path):
    """deploy/dagster.k8s.yaml, as written, opens an instance on the PostgreSQL server with a K8sRunLauncher (only
    the in-cluster credentials are swapped for a kubeconfig that points nowhere)."""
    pytest.importorskip("dagster_k8s", reason="dagster-k8s is not installed (pip install dagster-k8s==0.29.27)")
    import yaml

    config = _deploy_yaml("dagster.k8s.yaml")
    kubeconfig = tmp_path / "kubeconfig"
    kubeconfig.write_text(yaml.safe_dump({
        "apiVersion": "v1", "kind": "Config", "current-context": "none",
        "clusters": [{"name": "none", "cluster": {"server": "https://127.0.0.1:9"}}],
        "users": [{"name": "none", "user": {"token": "none"}}],
        "contexts": [{"name": "none", "context": {"cluster": "none", "user": "none"}}]}))
    config["run_launcher"]["config"].update(load_incluster_config=False, kubeconfig_file=str(kubeconfig))
    home = tmp_path / "k8s_home"
    home.mkdir()
    (home / "dagster.yaml").write_text(yaml.safe_dump(config))
    with DagsterInstance.from_config(str(home)) as instance:
        launcher = instance.run_launcher
        assert type(launcher).__name__ == "K8sRunLauncher"
        assert launcher.job_namespace == "motion" and "MOTION_DATA_DIR=/data" in launcher.env_vars
        assert type(instance.run_storage).__name__ == "PostgresRunStorage"
        assert instance.get_concurrency_config().run_queue_config.max_concurrent_runs == 16
        assert instance.get_runs() == []


@pytest.mark.parametrize("executor, package, run_config", [
    ("k8s", "dagster_k8s", "run_config.k8s_executor.yaml"),
    ("celery", "dagster_celery", "run_config.celery.yaml"),
])
def test_the_distributed_run_configs_are_valid(monkeypatch, executor, package, run_config):
    """deploy/distributed_definitions.py gives every job the chosen executor, and the run config in deploy/ is valid
    for a loop job under it."""
    pytest.importorskip(package, reason=f"{package} is not installed (pip install {package.replace('_', '-')}"
                                        "==0.29.27)")
    from dagster import validate_run_config

    monkeypatch.setenv("CELERY_BROKER_URL", "redis://redis:6379/0")
    monkeypatch.setenv("CELERY_RESULT_BACKEND", "redis://redis:6379/1")
    job = _distributed_job(monkeypatch, executor)
    assert job.executor_def.name == {"k8s": "k8s", "celery": "celery"}[executor]
    validated = validate_run_config(job, _deploy_yaml(run_config))
    assert validated["resources"]["loop_settings"]["config"]["videos_per_batch"] == 8
    if executor == "celery":
        worker = _deploy_yaml("celery_worker.yaml")
        assert set(worker) == {"broker", "backend"}


def test_the_distributed_definitions_default_to_the_code_locations_executor(monkeypatch):
    job = _distributed_job(monkeypatch, "multiprocess")
    assert job.executor_def.name == "multiprocess"
    with pytest.raises(ValueError, match="MOTION_EXECUTOR"):
        _distributed_job(monkeypatch, "spark")
