"""The production instance on a real PostgreSQL server (started by the tests): the loop's runs and events, the
registries grown from them, the schedules' state and a tick's batch partition all land in PostgreSQL.

Skipped, with the reason, only where no server can be started; with REQUIRE_POSTGRES_TESTS=1 (CI) that fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import psycopg2
import pytest
from dagster import DagsterInstance, DagsterRunStatus, build_schedule_context

from motion_assets_tests.conftest import REPO_ROOT
from motion_assets_tests.postgres_server import PostgresUnavailable, running_postgres


@pytest.fixture(scope="module")
def postgres():
    try:
        with running_postgres() as server:
            yield server
    except PostgresUnavailable as reason:
        if os.environ.get("REQUIRE_POSTGRES_TESTS") == "1":
            pytest.fail(f"PostgreSQL is required here: {reason}")
        pytest.skip(f"no PostgreSQL server can be started: {reason}")


@pytest.fixture
def pg_env(postgres, tmp_path, monkeypatch) -> dict[str, str]:
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copyfile(REPO_ROOT / "deploy" / "dagster.postgres.yaml", home / "dagster.yaml")
    values = {**postgres.environment(), "DAGSTER_HOME": str(home), "MOTION_DATA_DIR": str(tmp_path / "data")}
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return {**os.environ, **values}


def query(server, sql: str, *params):
    with psycopg2.connect(host=server.host, port=server.port, user=server.user, dbname=server.database) as conn:
        with conn.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


@pytest.mark.slow
def test_loop_runs_and_registries_on_postgres(postgres, pg_env):
    from motion_assets.defs.partitions import loop_batches
    from motion_assets.defs.runs import grow_registries, run_loop_batch
    from motion_assets.registry.report import registry_report
    from motion_assets.storage.tables import TableStore, data_dir_from_env

    with DagsterInstance.get() as instance:
        assert type(instance.run_storage).__name__ == "PostgresRunStorage"
        instance.add_dynamic_partitions(loop_batches.name, ["explorer-000001"])
        run_loop_batch(instance, "explorer", "explorer-000001", videos_per_batch=1)
        grow_registries(instance)
        runs = instance.get_runs()
        assert runs and all(run.status == DagsterRunStatus.SUCCESS for run in runs)
    # The same facts, read from PostgreSQL itself.
    assert query(postgres, "SELECT count(*) FROM runs WHERE status = 'SUCCESS'")[0][0] == len(runs)
    materialized = {row[0] for row in query(
        postgres, "SELECT DISTINCT asset_key FROM event_logs WHERE dagster_event_type = 'ASSET_MATERIALIZATION'")}
    assert {'["loop_videos"]', '["frame_discoveries"]', '["static_colors"]'} <= materialized
    checks = query(postgres, "SELECT count(*) FROM event_logs WHERE dagster_event_type = 'ASSET_CHECK_EVALUATION'")
    assert checks[0][0] > 0
    report = registry_report(TableStore(data_dir_from_env()))
    assert all(body["entries"] > 0 for body in report["registries"].values())


def test_schedule_state_and_a_tick_on_postgres(postgres, pg_env):
    from motion_assets.definitions import defs
    from motion_assets.defs.partitions import loop_batches
    from motion_assets.defs.schedules import WORKFLOW_SCHEDULES

    started = subprocess.run([sys.executable, "-m", "dagster", "schedule", "start", "sound_schedule", "-m",
                              "motion_assets.definitions"], env=pg_env, cwd=REPO_ROOT, capture_output=True,
                             text=True, timeout=180)
    assert started.returncode == 0, started.stderr[-2000:]
    states = query(postgres, "SELECT instigator_type, status, instigator_body FROM instigators")
    assert any(kind == "SCHEDULE" and status == "RUNNING" and "sound_schedule" in body
               for kind, status, body in states), states
    schedule = next(s for s in WORKFLOW_SCHEDULES if s.name == "sound_schedule")
    with DagsterInstance.get() as instance:
        context = build_schedule_context(instance=instance, repository_def=defs.get_repository_def(),
                                         scheduled_execution_time=datetime(2026, 11, 25, 7, 20, tzinfo=timezone.utc))
        (request,) = schedule.evaluate_tick(context).run_requests
    assert request.partition_key == "sound-000001"
    assert request.run_config["resources"]["loop_settings"]["config"]["extraction_focus"] == "frame"
    stored = query(postgres, "SELECT partition FROM dynamic_partitions WHERE partitions_def_name = %s",
                   loop_batches.name)
    assert ("sound-000001",) in stored


def test_the_server_version_is_reported(postgres):
    assert int(postgres.version.split(".")[0]) >= 13
    print(f"PostgreSQL {postgres.version}")
