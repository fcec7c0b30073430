"""Figures per registry and category, for `motion-assets report` and the UI."""

from __future__ import annotations

from motion_assets.keys.canonical import REGISTRY_CATEGORIES
from motion_assets.storage.tables import TableStore


def registry_table(registry: str) -> str:
    return f"registry_{registry}"


def registry_report(store: TableStore) -> dict:
    """{"registries": {registry: {"entries": N, "categories": {category: {"entries": N, "observations": M}}}}}"""
    registries = {}
    for registry, categories in REGISTRY_CATEGORIES.items():
        per_category = {}
        for category in categories:
            table = store.read(registry_table(registry), category)
            entries = table.num_rows if table is not None else 0
            observations = sum(table.column("count").to_pylist()) if entries else 0
            per_category[category] = {"entries": entries, "observations": observations}
        registries[registry] = {"entries": sum(c["entries"] for c in per_category.values()),
                                "categories": per_category}
    return {"registries": registries}
