"""Each workflow's own copy of the loop assets: keys prefixed by the workflow (``explorer/loop_prompts``), one
asset group per workflow (``explorer_loop``) and the workflow's own batch partitions, so every workflow's job and
asset pages offer only that workflow's batches. The asset functions are the templates in loop_assets.py.
"""

from __future__ import annotations

from dagster import AssetKey, AssetsDefinition

from motion_assets.defs.loop_assets import INTERPRET_ASSETS, LOOP_ASSETS
from motion_assets.defs.partitions import workflow_batches
from motion_assets.loop.batches import parse_batch_key
from motion_assets.origins.vocabulary import RENDER_WORKFLOWS, WORKFLOWS


def workflow_group(workflow: str) -> str:
    return f"{workflow}_loop"


def loop_asset_key(workflow: str, name: str) -> AssetKey:
    """The key of loop asset ``name`` (e.g. ``frame_discoveries``) in ``workflow``."""
    return AssetKey([workflow, name])


def templates(workflow: str) -> list[AssetsDefinition]:
    """The loop assets a workflow runs: the whole chain when it renders, prompts to linguistic discoveries else."""
    return LOOP_ASSETS if workflow in RENDER_WORKFLOWS else INTERPRET_ASSETS


def build_workflow_assets(workflow: str) -> list[AssetsDefinition]:
    partitions = workflow_batches[workflow]
    chosen = templates(workflow)
    keys = {key: loop_asset_key(workflow, key.path[-1]) for template in chosen for key in template.keys}
    group = workflow_group(workflow)
    return [template.map_asset_specs(lambda spec: spec.replace_attributes(partitions_def=partitions, group_name=group))
            .with_attributes(asset_key_replacements=keys) for template in chosen]


WORKFLOW_ASSETS = {workflow: build_workflow_assets(workflow) for workflow in WORKFLOWS}
ALL_LOOP_ASSETS = [asset for assets in WORKFLOW_ASSETS.values() for asset in assets]


def loop_assets_for(batch: str) -> list[AssetsDefinition]:
    """The loop assets that materialize ``batch`` (its workflow's)."""
    return WORKFLOW_ASSETS[parse_batch_key(batch)[0]]


def upstream_keys(name: str) -> list[AssetKey]:
    """Every workflow's copy of loop asset ``name`` (what a registry grows from)."""
    return [loop_asset_key(w, name) for w in WORKFLOWS
            if any(name in {key.path[-1] for key in template.keys} for template in templates(w))]
