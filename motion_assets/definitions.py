"""The one code location: every asset, check, job and sensor, with resources configured in one place."""

from __future__ import annotations

from dagster import (AssetSelection, AutomationConditionSensorDefinition, DefaultSensorStatus, Definitions,
                     in_process_executor)

from motion_assets.defs.jobs import grow_jobs, loop_jobs
from motion_assets.defs.learning_assets import learn_words_job, linguistic_candidates
from motion_assets.defs.names_assets import NAMES_CHECKS, backfill_names_job, name_renames, names_needing_backfill_sensor
from motion_assets.defs.registry_assets import REGISTRY_ASSETS, REGISTRY_CHECKS
from motion_assets.defs.registry_freshness import UP_TO_DATE_CHECKS
from motion_assets.defs.resources import LoopSettings, MotionStore
from motion_assets.defs.sensors import WORKFLOW_SENSORS
from motion_assets.defs.workflow_assets import ALL_LOOP_ASSETS

registry_growth_sensor = AutomationConditionSensorDefinition(
    "registry_growth_sensor",
    target=AssetSelection.groups("registries"),
    default_status=DefaultSensorStatus.RUNNING,
    description="Recomputes registries after loop batches land (their automation conditions), so a loop run "
    "started in the UI grows them too; a batch that failed a blocking check holds them back.",
)

defs = Definitions(
    assets=[*ALL_LOOP_ASSETS, *REGISTRY_ASSETS, linguistic_candidates, name_renames],
    asset_checks=[*REGISTRY_CHECKS, *UP_TO_DATE_CHECKS, *NAMES_CHECKS],
    jobs=[*loop_jobs.values(), *grow_jobs.values(), learn_words_job, backfill_names_job],
    sensors=[*WORKFLOW_SENSORS, registry_growth_sensor, names_needing_backfill_sensor],
    resources={"motion_store": MotionStore(), "loop_settings": LoopSettings()},
    # In process: a loop batch is a chain (prompts -> ... -> videos -> discoveries) and a registry run is one step,
    # so step processes would only add their start-up (a loop batch took 61 s from the UI against 6 s in process).
    # deploy/distributed_definitions.py chooses a multiprocess or distributed executor for deployments.
    executor=in_process_executor,
)
