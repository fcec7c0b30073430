"""Partitions: loop batches (dynamic, one definition per workflow, one partition per batch of K videos) and
registry categories (static).

Each workflow's loop assets and job are partitioned by that workflow's own batches (``explorer_batches`` holds
``explorer-000001``, ...), so the explorer job's launchpad offers explorer batches only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from dagster import DynamicPartitionsDefinition, StaticPartitionsDefinition

from motion_assets.keys.canonical import REGISTRY_CATEGORIES
from motion_assets.loop.batches import BATCH_KEY, parse_batch_key
from motion_assets.origins.vocabulary import WORKFLOWS

#: The template the loop assets are declared with; every workflow's copy gets its own definition below. Instances
#: made before the split keep their batches under this name (`adopt_legacy_batches` moves them).
loop_batches = DynamicPartitionsDefinition(name="loop_batches")

workflow_batches = {workflow: DynamicPartitionsDefinition(name=f"{workflow}_batches") for workflow in WORKFLOWS}

registry_partitions = {
    registry: StaticPartitionsDefinition(list(categories)) for registry, categories in REGISTRY_CATEGORIES.items()
}


def batches_definition(batch: str) -> DynamicPartitionsDefinition:
    """The partitions definition a batch key belongs to (its workflow's)."""
    return workflow_batches[parse_batch_key(batch)[0]]


def add_batches(instance, batches: Iterable[str]) -> None:
    """Add batch partitions, each to its workflow's definition."""
    by_workflow: dict[str, list[str]] = defaultdict(list)
    for batch in batches:
        by_workflow[parse_batch_key(batch)[0]].append(batch)
    for workflow, keys in by_workflow.items():
        instance.add_dynamic_partitions(workflow_batches[workflow].name, keys)


def workflow_batch_keys(instance, workflow: str) -> list[str]:
    """The batch partitions of ``workflow`` on the instance, in batch order."""
    keys = [b for b in instance.get_dynamic_partitions(workflow_batches[workflow].name) if BATCH_KEY.match(b)]
    return sorted(keys, key=lambda b: parse_batch_key(b)[1])


def all_batch_keys(instance) -> list[str]:
    """Every workflow's batch partitions on the instance."""
    return [b for workflow in WORKFLOWS for b in workflow_batch_keys(instance, workflow)]


def adopt_legacy_batches(instance) -> list[str]:
    """Move the batches an instance made before the per-workflow split (under ``loop_batches``) to their workflows'
    definitions; returns the keys moved. Idempotent."""
    legacy = [b for b in instance.get_dynamic_partitions(loop_batches.name) if BATCH_KEY.match(b)]
    if legacy:
        add_batches(instance, legacy)
        for key in legacy:
            instance.delete_dynamic_partition(loop_batches.name, key)
    return legacy
