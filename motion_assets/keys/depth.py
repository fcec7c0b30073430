"""Depth breakdowns: a value expressed as integer percentages over its domain's primitives.

The one rule, used everywhere: exact weights are computed first, then rounded to integer percentages with the
largest-remainder method, so every stored breakdown sums to exactly 100. Ties in the remainders are broken by
primitive name so the result never depends on dictionary order.

Colour: the colour space is the stored 8-bit sRGB value itself (no linearisation). Any colour in the RGB cube is a
convex combination of at most four cube corners (the Kuhn / Freudenthal simplex that contains it), and all eight
corners are origin primitives (black, red, green, blue, yellow, cyan, magenta, white). The weights are the
differences of the sorted normalised channels; for colours on the 11-level grid they are exact multiples of 10 %, so
the integer breakdown reconstructs the colour to within half an 8-bit step. Opacity is not part of a colour's depth:
it is recorded beside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from motion_assets.origins.vocabulary import COLOR_PRIMITIVES


def largest_remainder_percentages(weights: Mapping[str, float]) -> dict[str, int]:
    """Round non-negative weights (any positive total) to integer percentages summing to exactly 100.

    Zero-weight entries are dropped. Raises ValueError for negative weights or an all-zero input.
    """
    if any(w < 0 for w in weights.values()):
        raise ValueError(f"depth weights must be non-negative: {dict(weights)}")
    total = float(sum(weights.values()))
    if total <= 0:
        raise ValueError("depth weights sum to zero")
    exact = {name: 100.0 * w / total for name, w in weights.items() if w > 0}
    floors = {name: int(value) for name, value in exact.items()}
    shortfall = 100 - sum(floors.values())
    by_remainder = sorted(exact, key=lambda name: (-(exact[name] - floors[name]), name))
    for name in by_remainder[:shortfall]:
        floors[name] += 1
    return {name: pct for name, pct in sorted(floors.items()) if pct > 0}


_CORNER_BY_BITS = {
    (0, 0, 0): "black",
    (1, 0, 0): "red",
    (0, 1, 0): "green",
    (0, 0, 1): "blue",
    (1, 1, 0): "yellow",
    (0, 1, 1): "cyan",
    (1, 0, 1): "magenta",
    (1, 1, 1): "white",
}


@lru_cache(maxsize=4096)
def _color_depth_items(rgb: tuple[int, int, int]) -> tuple[tuple[str, int], ...]:
    return tuple(_color_depth(rgb).items())


def color_depth(rgb: tuple[int, int, int]) -> dict[str, int]:
    """Integer-percent weights over origin colours whose weighted sum reconstructs ``rgb`` (8-bit sRGB)."""
    return dict(_color_depth_items(tuple(int(c) for c in rgb)))


def _color_depth(rgb: tuple[int, int, int]) -> dict[str, int]:
    """Integer-percent weights over origin colours whose weighted sum reconstructs ``rgb`` (8-bit sRGB)."""
    channels = [min(max(int(c), 0), 255) / 255.0 for c in rgb]
    order = sorted(range(3), key=lambda i: (-channels[i], i))
    weights: dict[str, float] = {}
    bits = [0, 0, 0]
    previous = 1.0
    for index in order:
        # The corner before raising this channel carries the drop from the previous sorted value.
        corner = _CORNER_BY_BITS[tuple(bits)]
        weights[corner] = weights.get(corner, 0.0) + previous - channels[index]
        previous = channels[index]
        bits[index] = 1
    corner = _CORNER_BY_BITS[tuple(bits)]
    weights[corner] = weights.get(corner, 0.0) + previous
    return largest_remainder_percentages(weights)


def reconstruct_color(depth: Mapping[str, int]) -> tuple[float, float, float]:
    """The sRGB colour a colour depth breakdown stands for (floats, 0-255)."""
    total = sum(depth.values())
    return tuple(
        sum(COLOR_PRIMITIVES[name][channel] * pct for name, pct in depth.items()) / total for channel in range(3)
    )  # type: ignore[return-value]
