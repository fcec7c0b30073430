"""The finite space of combinations each registry category should hold, as canonical keys (versioned).

Keys come from the same functions the discoveries use, so a registry entry counts toward its space exactly when
extraction measured that value. Open-ended registries (linguistic, interpretations) have no space: they report
growth instead.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from itertools import combinations, product

from motion_assets.coverage.sweeps import dynamic_cells
from motion_assets.creation.build import all_sound_cells
from motion_assets.keys.canonical import canonical_key, color_cell_key, color_family, sound_cell_key, text_key
from motion_assets.keys.color_space import all_color_cells
from motion_assets.origins.vocabulary import NARRATIVE

#: Bump when a space changes, so stored coverage figures say which definition they were measured against.
SPACE_VERSION = 1


@lru_cache(maxsize=1)
def static_color_space() -> dict[str, frozenset[str]]:
    space: dict[str, set[str]] = defaultdict(set)
    for rgb, opacity in all_color_cells():
        space[color_family(rgb, opacity)].add(color_cell_key(rgb, opacity))
    return {category: frozenset(keys) for category, keys in sorted(space.items())}


@lru_cache(maxsize=1)
def static_sound_space() -> dict[str, frozenset[str]]:
    space: dict[str, set[str]] = defaultdict(set)
    for noise, strength in all_sound_cells():
        space[noise].add(sound_cell_key(noise, strength))
    return {category: frozenset(keys) for category, keys in sorted(space.items())}


#: The parameter names of each dynamic category's cells (coverage.sweeps.dynamic_cells holds them as tuples).
DYNAMIC_FIELDS = {"motion": ("speed", "rhythm", "direction"), "camera": ("type", "speed"),
                  "transition": ("type", "duration_ms"), "sound": ("presence", "tempo", "pitch"),
                  "gradient": ("type", "strength"), "lighting": ("preset",), "composition": ("balance",)}


@lru_cache(maxsize=1)
def dynamic_space() -> dict[str, frozenset[str]]:
    """One enumeration of the dynamic cells serves both the sweep and the space: the same cells, keyed."""
    return {category: frozenset(canonical_key(category, dict(zip(DYNAMIC_FIELDS[category], cell))) for cell in cells)
            for category, cells in dynamic_cells().items()}


@lru_cache(maxsize=1)
def narrative_space() -> dict[str, frozenset[str]]:
    return {category: frozenset(text_key(category, v) for v in values) for category, values in NARRATIVE.items()}


@lru_cache(maxsize=1)
def narrative_pair_space() -> dict[str, frozenset[tuple[str, str]]]:
    """Every pair of values across two narrative categories ("genre x mood" -> {(genre, mood), ...})."""
    return {f"{a} x {b}": frozenset(product(NARRATIVE[a], NARRATIVE[b]))
            for a, b in combinations(NARRATIVE, 2)}


#: The registries with a defined space of cells (the others are open-ended), and how to enumerate each.
SPACES = {"static_colors": static_color_space, "static_sound": static_sound_space,
          "dynamic_blends": dynamic_space, "narrative": narrative_space}


def registry_space(registry: str) -> dict[str, frozenset[str]] | None:
    """Category -> keys the registry should hold; None for the open-ended registries."""
    return SPACES[registry]() if registry in SPACES else None
