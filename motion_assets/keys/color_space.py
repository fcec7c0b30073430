"""The static colour space: which (colour, opacity) cells a frame can actually tell apart.

A cell is a colour on the 11-level grid at one of 21 opacity levels, shown the only way opacity is visible: over a
black and over a white backdrop. Over black the frame shows ``opacity x colour``, so at low opacity neighbouring
grid levels land on the same (or nearly the same) 8-bit values and no measurement can separate them. We therefore
merge grid levels per opacity until neighbouring cells are at least ``MIN_RENDERED_SPACING`` 8-bit steps apart in
what the frame shows, which leaves a margin of ``CODEC_MARGIN`` steps for H.264 yuv420p on either side. At opacity 0
every colour shows the same pixels: one "clear" cell. This module is the one place that decides those merges.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache

from motion_assets.keys.canonical import color_cell_key
from motion_assets.origins.vocabulary import COLOR_LEVELS, OPACITY_LEVELS_PCT

#: Largest per-channel error we allow the MP4 path to introduce on a flat, macroblock-aligned swatch.
CODEC_MARGIN = 3
MIN_RENDERED_SPACING = 2 * CODEC_MARGIN + 1


@lru_cache(maxsize=None)
def channel_levels(opacity_pct: int) -> tuple[int, ...]:
    """The grid levels that stay distinguishable at this opacity (always including 0 and 255)."""
    if opacity_pct not in OPACITY_LEVELS_PCT:
        raise ValueError(f"opacity {opacity_pct}% is not an opacity level")
    if opacity_pct == 0:
        return (0,)
    steps = len(COLOR_LEVELS) - 1
    for count in range(steps, 0, -1):
        picks = tuple(COLOR_LEVELS[round(i * steps / count)] for i in range(count + 1))
        spacing = min(b - a for a, b in zip(picks, picks[1:])) * opacity_pct / 100.0
        if spacing >= MIN_RENDERED_SPACING:
            return picks
    return (0, 255)


def snap_channel(value: float, opacity_pct: int) -> int:
    """The distinguishable level nearest to a (de-multiplied) channel value at this opacity (the lower on a tie)."""
    levels = channel_levels(opacity_pct)
    # The nearest level is one of the two around the value (levels ascend): a spec draws thousands of cells.
    above = bisect_left(levels, value)
    if above == 0:
        return levels[0]
    if above == len(levels):
        return levels[-1]
    lower, upper = levels[above - 1], levels[above]
    return upper if abs(upper - value) < abs(lower - value) else lower


def canonical_cell(rgb: tuple[int, int, int], opacity_pct: int) -> tuple[tuple[int, int, int], int]:
    """The representative (rgb, opacity) of the cell that ``rgb`` at ``opacity_pct`` falls in."""
    if opacity_pct == 0:
        return (0, 0, 0), 0
    return tuple(snap_channel(c, opacity_pct) for c in rgb), opacity_pct  # type: ignore[return-value]


@lru_cache(maxsize=1)
def all_color_cells() -> tuple[tuple[tuple[int, int, int], int], ...]:
    """Every distinguishable cell of the static colour space, in a fixed canonical order."""
    cells = []
    for opacity in OPACITY_LEVELS_PCT:
        levels = channel_levels(opacity)
        cells.extend(((r, g, b), opacity) for r in levels for g in levels for b in levels)
    return tuple(cells)


def merge_report() -> dict[int, dict[str, object]]:
    """Per opacity: how many grid levels per channel survive, and why the others merge."""
    report = {}
    for opacity in OPACITY_LEVELS_PCT:
        levels = channel_levels(opacity)
        report[opacity] = {
            "levels_per_channel": len(levels),
            "cells": len(levels) ** 3,
            "grid_cells_merged_into_them": len(COLOR_LEVELS) ** 3,
            "why": (
                "every colour at opacity 0 shows the same pixels"
                if opacity == 0
                else f"neighbouring levels must be >= {MIN_RENDERED_SPACING} 8-bit steps apart over black "
                f"(opacity x level spacing); {len(levels)} of {len(COLOR_LEVELS)} levels are"
            ),
        }
    return report


def cell_key(rgb: tuple[int, int, int], opacity_pct: int) -> str:
    rep, opacity = canonical_cell(rgb, opacity_pct)
    return color_cell_key(rep, opacity)
