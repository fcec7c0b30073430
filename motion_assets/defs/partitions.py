"""Partitions: loop batches (dynamic, one per batch of K videos) and registry categories (static)."""

from __future__ import annotations

from dagster import DynamicPartitionsDefinition, StaticPartitionsDefinition

from motion_assets.keys.canonical import REGISTRY_CATEGORIES

loop_batches = DynamicPartitionsDefinition(name="loop_batches")

registry_partitions = {
    registry: StaticPartitionsDefinition(list(categories)) for registry, categories in REGISTRY_CATEGORIES.items()
}
