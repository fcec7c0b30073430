"""The explorer's systematic sweep of the dynamic spaces: video i of the explorer takes, in every dynamic category,
the (i mod size)-th cell of a fixed interleaving of that category's space, so the largest space (motion, 73
cells) is complete after 73 explorer videos and every smaller one sooner: the lower bound, one cell per video.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product

from motion_assets.keys.seeds import sweep_order
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
    TRANSITION_DURATIONS,
    TRANSITION_TYPES,
)


@lru_cache(maxsize=1)
def dynamic_cells() -> dict[str, tuple[tuple, ...]]:
    """Each dynamic category's cells as value tuples, in a fixed interleaved order."""
    motion = [("still", "steady", "none")] + list(product(MOTION_SPEEDS[1:], MOTION_RHYTHMS, MOTION_DIRECTIONS[1:]))
    camera = [("static", "slow")] + [(t, s) for t, s in product(CAMERA_TYPES, CAMERA_SPEEDS) if t != "static"]
    transition = [("cut", 0)] + [(t, int(d * 1000)) for t, d in product(TRANSITION_TYPES, TRANSITION_DURATIONS)
                                 if t != "cut"]
    cells = {"motion": motion, "camera": camera, "transition": transition,
             "gradient": list(product(GRADIENT_TYPES, GRADIENT_STRENGTHS)),
             "lighting": [(p,) for p in LIGHTING_PRESETS], "composition": [(b,) for b in COMPOSITION_BALANCES]}
    return {category: sweep_order(tuple(values), f"explorer-{category}") for category, values in cells.items()}


def explorer_cell(sweep_index: int) -> dict[str, tuple]:
    """The dynamic values of the explorer's video number ``sweep_index`` (0, 1, 2, ...)."""
    return {category: cells[sweep_index % len(cells)] for category, cells in dynamic_cells().items()}
