"""The Dagster UI in a real browser: after a CLI loop, headless Chromium opens the asset catalog, the lineage, a
registry partition's own metadata, a registry's checks and a check result's one-line summary, the CLI's run on its
job page, a stale registry (a batch it has not grown from) and a workflow sensor; the sensor's preview (the UI's
"Test sensor") asks for the next batch and adds no partition, and each workflow's job offers only its own batches.
Screenshots go to test-output/ui/.

Skipped where Chromium is absent, unless REQUIRE_UI_TESTS=1 (CI installs Debian's chromium and sets it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from motion_assets_tests.conftest import REPO_ROOT
from motion_assets_tests.test_webserver import running_webserver

REGISTRIES = ("static_colors", "static_sound", "dynamic_blends", "narrative", "linguistic", "interpretations")
SHOTS = REPO_ROOT / "test-output" / "ui"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                  "--no-first-run", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--window-size=1400,2000", "--virtual-time-budget=20000"]


def chromium() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        if os.environ.get("REQUIRE_UI_TESTS") == "1":
            pytest.fail("Chromium is required here (REQUIRE_UI_TESTS=1) but was not found")
        pytest.skip("no Chromium on this machine (install Debian's chromium to run the UI test)")
    return path


def browse(browser: str, url: str, screenshot: Path) -> str:
    """The rendered DOM of ``url`` after its scripts settled, and a screenshot of it (one browser run)."""
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--screenshot={screenshot}",
                                 "--dump-dom", url], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


DRY_RUN = """
mutation($selector: SensorSelector!, $cursor: String) {
  sensorDryRun(selectorData: $selector, cursor: $cursor) {
    __typename
    ... on DryRunInstigationTick { evaluationResult {
      runRequests { runKey tags { key value } }
      dynamicPartitionsRequests { partitionKeys partitionsDefName type }
      skipReason error { message } } }
  }
}
"""


PARTITIONS = """
query($selector: RepositorySelector!, $job: String!) {
  partitionSetsOrError(repositorySelector: $selector, pipelineName: $job) {
    ... on PartitionSets { results { name partitionsOrError { ... on Partitions { results { name } } } } }
  }
}
"""


ADD_PARTITION = """
mutation($selector: RepositorySelector!, $name: String!, $key: String!) {
  addDynamicPartition(repositorySelector: $selector, partitionsDefName: $name, partitionKey: $key) {
    __typename
    ... on PythonError { message }
  }
}
"""


REEXECUTE = """
mutation($params: ReexecutionParams!) {
  launchRunReexecution(reexecutionParams: $params) {
    __typename
    ... on PythonError { message }
    ... on InvalidSubsetError { message }
    ... on RunConfigValidationInvalid { errors { message } }
  }
}
"""


def graphql_variables(port: int, query: str, variables: dict) -> dict:
    import json
    import urllib.request

    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql",
                                     data=json.dumps({"query": query, "variables": variables}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


@pytest.mark.slow
def test_registries_and_their_checks_are_shown_in_the_browser(tmp_path):
    from dagster import DagsterInstance, RunsFilter

    browser = chromium()
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text((REPO_ROOT / "dagster.yaml").read_text())
    env = dict(os.environ, DAGSTER_HOME=str(home), MOTION_DATA_DIR=str(tmp_path / "data"))
    loop = subprocess.run([sys.executable, "-m", "motion_assets.cli", "loop", "--batches", "1",
                           "--videos-per-batch", "1"], env=env, cwd=REPO_ROOT, capture_output=True, text=True,
                          timeout=600)
    assert loop.returncode == 0, loop.stderr[-2000:]
    with DagsterInstance.from_config(str(home)) as instance:
        (grow_run,) = instance.get_runs(RunsFilter(job_name="grow_static_colors_job"))
    # An interpret batch the registries have not grown from (nothing rendered: quick).
    batch = subprocess.run([sys.executable, "-m", "motion_assets_tests.materialize_batch", "interpret-000001"],
                           env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert batch.returncode == 0, batch.stderr[-2000:]
    SHOTS.mkdir(parents=True, exist_ok=True)
    for stale in SHOTS.glob("*.png"):  # every screenshot checked below is this run's
        stale.unlink()
    with running_webserver(tmp_path, env) as (port, _):
        base = f"http://127.0.0.1:{port}"
        # The catalog holds every workflow's loop assets too; its selection shows the registries' groups.
        catalog = browse(browser, f"{base}/assets?asset-selection=group%3Aregistries%20or%20group%3Anames",
                         SHOTS / "catalog.png")
        for asset in (*REGISTRIES, "name_renames"):
            assert asset in catalog, f"{asset} missing from the asset catalog"
        groups = ",".join(f"global@global:{group}" for group in ("explorer_loop", "registries"))
        lineage = browse(browser, f"{base}/asset-groups?expanded={groups}", SHOTS / "lineage.png")
        for asset in ("loop_prompts", "loop_videos", "frame_discoveries", "static_colors", "dynamic_blends"):
            assert asset in lineage, f"{asset} missing from the lineage"
        registries = browse(browser, f"{base}/locations/motion_assets/asset-groups/registries",
                            SHOTS / "registries_lineage.png")
        assert "Asset checks" in registries
        # A registry partition shows its own figures.
        partition = browse(browser, f"{base}/assets/static_colors?view=partitions&partition=clear",
                           SHOTS / "static_colors_clear_partition.png")
        for field in ("entries", "observations", "coverage_pct", "new_entries"):
            assert field in partition, f"{field} missing from the clear partition's metadata"
        checks = browse(browser, f"{base}/assets/static_colors?view=checks", SHOTS / "static_colors_checks.png")
        for check in ("integrity", "coverage", "density", "stagnation", "name_quality"):
            assert f"static_colors_{check}" in checks
        assert "batches_complete" in checks
        assert "Succeeded" in checks
        # A check result's one-line summary.
        detail = browse(browser, f"{base}/assets/static_colors?view=checks&checkDetail=static_colors_coverage",
                        SHOTS / "static_colors_coverage_check.png")
        assert "of 20686 cells held" in detail
        # A registry the last batch has not grown into shows as stale, naming the batch.
        stale = browse(browser, f"{base}/assets/interpretations?view=checks&checkDetail=interpretations_up_to_date",
                       SHOTS / "interpretations_stale.png")
        assert "stale: 1 of 2 stored batch(es) not grown into it yet: interpret-000001" in stale
        names = browse(browser, f"{base}/assets/name_renames?view=checks", SHOTS / "name_renames_checks.png")
        for check in ("names_unique", "names_not_gibberish", "no_retired_names"):
            assert check in names
        # The CLI's runs are on their job pages.
        job_runs = browse(browser, f"{base}/locations/motion_assets/jobs/grow_static_colors_job/runs",
                          SHOTS / "grow_static_colors_job_runs.png")
        assert "No runs found" not in job_runs and grow_run.run_id[:8] in job_runs
        # ... and re-execute from the UI (the Re-execute button's mutation): the run is queued, no code location
        # mismatch.
        again = graphql_variables(port, REEXECUTE, {"params": {"parentRunId": grow_run.run_id,
                                                                "strategy": "ALL_STEPS"}})
        assert again["data"]["launchRunReexecution"]["__typename"] == "LaunchRunSuccess", again
        # The sensor preview (the UI's "Test sensor") asks for the next batch and adds nothing.
        before = instance_partitions(home)
        answer = graphql_variables(port, DRY_RUN, {"selector": {
            "repositoryLocationName": "motion_assets", "repositoryName": "__repository__",
            "sensorName": "explorer_next_batch_sensor"}, "cursor": None})
        evaluation = answer["data"]["sensorDryRun"]["evaluationResult"]
        assert not evaluation["error"], evaluation["error"]
        (request,) = evaluation["runRequests"]
        assert {"key": "dagster/partition", "value": "explorer-000002"} in request["tags"]
        assert evaluation["dynamicPartitionsRequests"] == [{
            "partitionKeys": ["explorer-000002"], "partitionsDefName": "explorer_batches",
            "type": "ADD_PARTITIONS"}]
        assert instance_partitions(home) == before == ["explorer-000001", "interpret-000001"]
        # Each workflow's job offers its own batches only.
        for job, offered in (("explorer_loop_job", ["explorer-000001"]), ("interpret_loop_job", ["interpret-000001"]),
                             ("sound_loop_job", [])):
            answer = graphql_variables(port, PARTITIONS, {"selector": {
                "repositoryLocationName": "motion_assets", "repositoryName": "__repository__"}, "job": job})
            (partition_set,) = answer["data"]["partitionSetsOrError"]["results"]
            assert [p["name"] for p in partition_set["partitionsOrError"]["results"]] == offered, job
        browse(browser, f"{base}/locations/motion_assets/jobs/explorer_loop_job/partitions",
               SHOTS / "explorer_loop_job_partitions.png")
        browse(browser, f"{base}/locations/motion_assets/sensors/explorer_next_batch_sensor",
               SHOTS / "explorer_next_batch_sensor.png")
        # Launch from the preview: the UI first adds the requested partition (its addDynamicPartition mutation),
        # then launches the run.
        (add,) = evaluation["dynamicPartitionsRequests"]
        added = graphql_variables(port, ADD_PARTITION, {
            "selector": {"repositoryLocationName": "motion_assets", "repositoryName": "__repository__"},
            "name": add["partitionsDefName"], "key": add["partitionKeys"][0]})
        assert added["data"]["addDynamicPartition"]["__typename"] == "AddDynamicPartitionSuccess", added
        assert instance_partitions(home) == ["explorer-000001", "explorer-000002", "interpret-000001"]
    for name in ("catalog.png", "lineage.png", "registries_lineage.png", "static_colors_clear_partition.png",
                 "static_colors_checks.png", "static_colors_coverage_check.png", "name_renames_checks.png",
                 "grow_static_colors_job_runs.png", "explorer_next_batch_sensor.png", "interpretations_stale.png",
                 "explorer_loop_job_partitions.png"):
        assert (SHOTS / name).stat().st_size > 10_000, name


def instance_partitions(home: Path) -> list[str]:
    from dagster import DagsterInstance

    from motion_assets.defs.partitions import all_batch_keys

    with DagsterInstance.from_config(str(home)) as instance:
        return all_batch_keys(instance)
