"""Figures per registry and category, for `motion-assets report` and the UI."""

from __future__ import annotations

from collections.abc import Iterable

from motion_assets.creation.materials import SceneMaterials
from motion_assets.creation.scene_spec import Material
from motion_assets.keys.canonical import REGISTRY_CATEGORIES
from motion_assets.storage.tables import TableStore


def registry_table(registry: str) -> str:
    return f"registry_{registry}"


def key_field(registry: str) -> str:
    """The column that keys a registry's rows (interpretations are keyed by their normalised prompt)."""
    return "normalised" if registry == "interpretations" else "key"


def read_registry(store: TableStore, registry: str) -> list[dict]:
    """Every stored row of one registry (all categories), as the registry assets wrote them."""
    rows: list[dict] = []
    for category in REGISTRY_CATEGORIES[registry]:
        table = store.read(registry_table(registry), category)
        if table is not None:
            rows += table.to_pylist()
    return rows


def scene_materials(store: TableStore) -> SceneMaterials:
    """The observed colours of the static colour registry, which scenes are made of (none before it has grown)."""
    return SceneMaterials.from_rows(read_registry(store, "static_colors"))


def material_names(store: TableStore, materials: Iterable[Material]) -> list[dict]:
    """Each part of a scene with the registry value it is made of and that value's name (None while the
    registry has not named it yet: it will on the registry's next growth)."""
    from motion_assets.registry.names import read_ledger

    materials = list(materials)
    ledgers = {registry: read_ledger(store, registry) for registry in sorted({m.registry for m in materials})}
    return [{"part": m.part, "registry": m.registry, "key": m.key, "source": m.source,
             "name": (ledgers[m.registry].get(m.key) or {}).get("name")} for m in materials]


def registry_report(store: TableStore) -> dict:
    """{"registries": {registry: {"entries": N, "categories": {category: {"entries": N, "observations": M,
    "covered": C, "total": T, "coverage_pct": P}}}}, "narrative_pairs": {...}}. Open-ended registries (linguistic,
    interpretations) have no covered/total: they report growth, ``new_entries`` since the state recorded
    ``since_loop_batches`` (the last 5 loop batches). The narrative registry adds ``pairs`` (all pairs of values
    across its categories) and ``narrative_pairs`` gives them per pair of categories."""
    from motion_assets.coverage.measure import (
        category_coverage,
        narrative_pair_coverage,
        pairs_summary,
        recent_growth,
    )
    from motion_assets.coverage.spaces import SPACE_VERSION, SPACES, registry_space

    registries = {}
    for registry, categories in REGISTRY_CATEGORIES.items():
        coverage = category_coverage(store, registry)
        growth = recent_growth(store, registry) if registry not in SPACES else {}
        per_category = {}
        for category in categories:
            table = store.read(registry_table(registry), category)
            entries = table.num_rows if table is not None else 0
            observations = sum(table.column("count").to_pylist()) if entries else 0
            figures = {"entries": entries, "observations": observations}
            figures.update({k: v for k, v in coverage[category].items() if k in ("covered", "total", "coverage_pct")})
            if category in growth:  # open-ended: growth instead of coverage
                figures.update({k: v for k, v in growth[category].items() if k != "loop_batches"})
            per_category[category] = figures
        body: dict = {"entries": sum(c["entries"] for c in per_category.values()), "categories": per_category}
        if all("total" in c for c in per_category.values()):
            covered = sum(c["covered"] for c in per_category.values())
            total = sum(c["total"] for c in per_category.values())
            body.update(covered=covered, total=total, coverage_pct=round(100.0 * covered / total, 2))
        registries[registry] = body
    pairs = {name: {k: v for k, v in f.items() if k != "missing_sample"}
             for name, f in narrative_pair_coverage(store).items()}
    registries["narrative"]["pairs"] = {k: v for k, v in pairs_summary(pairs).items() if k != "entries"}
    return {"registries": registries, "narrative_pairs": pairs, "space_version": SPACE_VERSION}
