"""Jobs: one loop job per workflow (loop assets, one batch partition per run) and one growth job per registry."""

from __future__ import annotations

from dagster import AssetSelection, define_asset_job
from dagster._core.storage.tags import ASSET_PARTITION_RANGE_END_TAG, ASSET_PARTITION_RANGE_START_TAG

from motion_assets.defs.registry_assets import REGISTRIES
from motion_assets.defs.registry_freshness import registries_up_to_date
from motion_assets.defs.workflow_assets import WORKFLOW_ASSETS
from motion_assets.keys.canonical import REGISTRY_CATEGORIES
from motion_assets.origins.vocabulary import PROBE_WORKFLOWS, SCENE_WORKFLOWS, WORKFLOW_FOCUS


def _description(workflow: str) -> str:
    partitions = f"Its partitions are the {workflow} batches ('{workflow}-000001', ...)."
    if workflow in PROBE_WORKFLOWS:
        return (f"Probe workflow '{workflow}': one batch acquiring the primitive spaces exactly, from prompts the loop "
                "composes (never a person's), rendered as the calibration pattern (swatch strip, per-frame sound "
                f"cells); prompts to discoveries, extraction focus {WORKFLOW_FOCUS[workflow]} on its sensor. "
                f"{partitions} Scenes for a person's prompt come from `motion-assets generate`.")
    if workflow in SCENE_WORKFLOWS:
        return (f"Creative workflow '{workflow}': one batch of full-frame scenes with a soundtrack, from prompts the "
                "loop composes across the scene grammar (setting, time of day, weather, subjects, camera, shots, "
                "music); each video measured from its MP4 as a viewer sees and hears it (dominant colours, look, "
                f"camera, joins, sound) and its contact sheet shown on loop_videos. {partitions}")
    return f"One {workflow} batch: generated prompts interpreted, their spans recorded; nothing rendered. {partitions}"


loop_jobs = {
    workflow: define_asset_job(
        name=f"{workflow}_loop_job",
        # The registries' up-to-date checks run after the batch: they mark the registries stale until they grow.
        selection=AssetSelection.assets(*assets) | AssetSelection.checks(registries_up_to_date),
        tags={"workflow": workflow},
        description=_description(workflow),
    )
    for workflow, assets in WORKFLOW_ASSETS.items()
}

grow_jobs = {
    registry: define_asset_job(
        name=f"grow_{registry}_job",
        selection=AssetSelection.assets(registry),
        description=f"Recompute the {registry} registry from every batch's discoveries.",
    )
    for registry in REGISTRIES
}


def registry_range_tags(registry: str) -> dict[str, str]:
    """Run tags for one run over every category of a registry (its single-run backfill policy)."""
    categories = REGISTRY_CATEGORIES[registry]
    return {ASSET_PARTITION_RANGE_START_TAG: categories[0], ASSET_PARTITION_RANGE_END_TAG: categories[-1]}
