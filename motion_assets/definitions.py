"""The one code location: every asset, check, job and schedule, with resources configured in one place."""

from __future__ import annotations

from dagster import AutomationConditionSensorDefinition, AssetSelection, Definitions, multiprocess_executor

from motion_assets.defs.jobs import grow_jobs, loop_jobs
from motion_assets.defs.learning_assets import learn_words_job, linguistic_candidates
from motion_assets.defs.loop_assets import LOOP_ASSETS
from motion_assets.defs.names_assets import NAMES_CHECKS, backfill_names_job, name_renames, names_needing_backfill_sensor
from motion_assets.defs.registry_assets import COVERAGE_CHECKS, REGISTRY_ASSETS, REGISTRY_CHECKS
from motion_assets.defs.resources import LoopSettings, MotionStore
from motion_assets.defs.schedules import WORKFLOW_SCHEDULES

registry_growth_sensor = AutomationConditionSensorDefinition(
    "registry_growth_sensor",
    target=AssetSelection.groups("registries"),
    description="Recomputes registries after loop batches land (their eager automation conditions).",
)

defs = Definitions(
    assets=[*LOOP_ASSETS, *REGISTRY_ASSETS, linguistic_candidates, name_renames],
    asset_checks=[*REGISTRY_CHECKS, *COVERAGE_CHECKS, *NAMES_CHECKS],
    jobs=[*loop_jobs.values(), *grow_jobs.values(), learn_words_job, backfill_names_job],
    schedules=WORKFLOW_SCHEDULES,
    sensors=[registry_growth_sensor, names_needing_backfill_sensor],
    resources={"motion_store": MotionStore(), "loop_settings": LoopSettings()},
    executor=multiprocess_executor.configured({"max_concurrent": 2}),
)
