"""The finite space of combinations each registry category should hold, as canonical keys (versioned).

Keys come from the same functions the discoveries use, so a registry entry counts toward its space exactly when
extraction measured that value. Open-ended registries (linguistic, interpretations) have no space: they report
growth instead.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from itertools import combinations, product

from motion_assets.coverage.sweeps import BLEND_PITCHES, BLEND_TEMPOS
from motion_assets.creation.build import all_sound_cells
from motion_assets.keys.canonical import canonical_key, color_cell_key, color_family, sound_cell_key, text_key
from motion_assets.keys.color_space import all_color_cells
from motion_assets.origins.vocabulary import (
    CAMERA_SPEEDS,
    CAMERA_TYPES,
    COMPOSITION_BALANCES,
    GRADIENT_STRENGTHS,
    GRADIENT_TYPES,
    LIGHTING_PRESETS,
    MOTION_DIRECTIONS,
    MOTION_RHYTHMS,
    MOTION_SPEEDS,
    NARRATIVE,
    TRANSITION_DURATIONS,
    TRANSITION_TYPES,
)

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


@lru_cache(maxsize=1)
def dynamic_space() -> dict[str, frozenset[str]]:
    motion = [{"speed": "still", "rhythm": "steady", "direction": "none"}]
    motion += [{"speed": s, "rhythm": r, "direction": d}
               for s, r, d in product(MOTION_SPEEDS[1:], MOTION_RHYTHMS, MOTION_DIRECTIONS[1:])]
    camera = [{"type": "static", "speed": "slow"}]
    camera += [{"type": t, "speed": s} for t, s in product(CAMERA_TYPES, CAMERA_SPEEDS) if t != "static"]
    transition = [{"type": "cut", "duration_ms": 0}]
    transition += [{"type": t, "duration_ms": int(d * 1000)} for t, d in product(TRANSITION_TYPES, TRANSITION_DURATIONS)
                   if t != "cut"]
    sound = [{"presence": "silence", "tempo": "slow", "pitch": "none"}]
    sound += [{"presence": p, "tempo": t, "pitch": pitch} for p, pitches in BLEND_PITCHES.items() if p != "silence"
              for t in BLEND_TEMPOS for pitch in pitches]
    params = {
        "motion": motion,
        "gradient": [{"type": t, "strength": s} for t, s in product(GRADIENT_TYPES, GRADIENT_STRENGTHS)],
        "camera": camera,
        "lighting": [{"preset": p} for p in LIGHTING_PRESETS],
        "composition": [{"balance": b} for b in COMPOSITION_BALANCES],
        "transition": transition,
        "sound": sound,
    }
    return {category: frozenset(canonical_key(category, p) for p in values) for category, values in params.items()}


@lru_cache(maxsize=1)
def narrative_space() -> dict[str, frozenset[str]]:
    return {category: frozenset(text_key(category, v) for v in values) for category, values in NARRATIVE.items()}


@lru_cache(maxsize=1)
def narrative_pair_space() -> dict[str, frozenset[tuple[str, str]]]:
    """Every pair of values across two narrative categories ("genre x mood" -> {(genre, mood), ...})."""
    return {f"{a} x {b}": frozenset(product(NARRATIVE[a], NARRATIVE[b]))
            for a, b in combinations(NARRATIVE, 2)}


def registry_space(registry: str) -> dict[str, frozenset[str]] | None:
    """Category -> keys the registry should hold; None for the open-ended registries."""
    return {"static_colors": static_color_space, "static_sound": static_sound_space,
            "dynamic_blends": dynamic_space, "narrative": narrative_space}.get(registry, lambda: None)()
