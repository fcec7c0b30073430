"""Jobs: one loop job per workflow (loop assets, one batch partition per run) and one growth job per registry."""

from __future__ import annotations

from dagster import AssetSelection, define_asset_job
from dagster._core.storage.tags import ASSET_PARTITION_RANGE_END_TAG, ASSET_PARTITION_RANGE_START_TAG

from motion_assets.defs.loop_assets import LOOP_ASSETS, linguistic_discoveries, loop_interpretations, loop_prompts
from motion_assets.defs.registry_assets import REGISTRIES
from motion_assets.keys.canonical import REGISTRY_CATEGORIES
from motion_assets.origins.vocabulary import PROBE_WORKFLOWS, SCENE_WORKFLOWS, WORKFLOW_FOCUS

LOOP_SELECTION = AssetSelection.assets(*LOOP_ASSETS)
INTERPRET_SELECTION = AssetSelection.assets(loop_prompts, loop_interpretations, linguistic_discoveries)

loop_jobs = {
    workflow: define_asset_job(
        name=f"{workflow}_loop_job",
        selection=LOOP_SELECTION,
        tags={"workflow": workflow},
        description=f"Probe workflow '{workflow}': one batch acquiring the primitive spaces exactly, from prompts the "
        "loop composes (never a person's), rendered as the calibration pattern (swatch strip, per-frame sound "
        f"cells); prompts to discoveries, extraction focus {WORKFLOW_FOCUS[workflow]} on its schedule. Partition "
        f"keys start with '{workflow}-'. Scenes for a person's prompt come from `motion-assets generate`.",
    )
    for workflow in PROBE_WORKFLOWS
}
loop_jobs.update({
    workflow: define_asset_job(
        name=f"{workflow}_loop_job",
        selection=LOOP_SELECTION,
        tags={"workflow": workflow},
        description=f"Creative workflow '{workflow}': one batch of full-frame scenes with a soundtrack, from prompts "
        "the loop composes across the scene grammar (setting, time of day, weather, subjects, camera, shots, music); "
        "each video measured from its MP4 as a viewer sees and hears it (dominant colours, look, camera, joins, "
        f"sound) and its contact sheet shown on loop_videos. Partition keys start with '{workflow}-'.",
    )
    for workflow in SCENE_WORKFLOWS
})
loop_jobs["interpret"] = define_asset_job(
    name="interpret_loop_job",
    selection=INTERPRET_SELECTION,
    tags={"workflow": "interpret"},
    description="One interpret batch: generated prompts interpreted, their spans recorded; nothing rendered. "
    "Partition keys start with 'interpret-'.",
)

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
