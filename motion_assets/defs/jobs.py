"""Jobs: one loop job per workflow (loop assets, one batch partition per run) and one growth job per registry."""

from __future__ import annotations

from dagster import AssetSelection, define_asset_job

from motion_assets.defs.loop_assets import LOOP_ASSETS
from motion_assets.defs.registry_assets import REGISTRIES
from motion_assets.origins.vocabulary import WORKFLOWS

LOOP_SELECTION = AssetSelection.assets(*LOOP_ASSETS)

loop_jobs = {
    workflow: define_asset_job(
        name=f"{workflow}_loop_job",
        selection=LOOP_SELECTION,
        tags={"workflow": workflow},
        description=f"One {workflow} loop batch: prompts to discoveries. Partition keys start with '{workflow}-'.",
    )
    for workflow in WORKFLOWS
}

grow_jobs = {
    registry: define_asset_job(
        name=f"grow_{registry}_job",
        selection=AssetSelection.assets(registry),
        description=f"Recompute the {registry} registry from every batch's discoveries.",
    )
    for registry in REGISTRIES
}
