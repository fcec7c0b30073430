"""Per-frame measurements from pixels: the static colour cells in the swatch strip, and the lighting chart.

Nothing here reads the spec: only the frame layout (a fixed, versioned convention like a film's colour chart) and
the pixels. Each swatch block is read as the median of its interior, away from the edges where the codec's
deblocking filter and chroma subsampling mix neighbouring blocks.
"""

from __future__ import annotations

import numpy as np

from motion_assets.keys.color_space import channel_levels
from motion_assets.origins.vocabulary import LIGHTING_PRESETS, OPACITY_LEVELS_PCT
from motion_assets.origins.grading import apply_grade
from motion_assets.origins.probe_design import MACROBLOCK, FrameLayout, chart_inputs

INTERIOR = slice(4, MACROBLOCK - 4)


def block_medians(frames: np.ndarray, top: int, rows: int) -> np.ndarray:
    """Median colour of each 16x16 block's interior in ``rows`` block rows from pixel row ``top``.

    Returns (frames, rows, blocks_per_row, 3) float.
    """
    count, _, width, _ = frames.shape
    region = frames[:, top : top + rows * MACROBLOCK].reshape(count, rows, MACROBLOCK, width // MACROBLOCK,
                                                               MACROBLOCK, 3)
    interior = region[:, :, INTERIOR, :, INTERIOR, :]
    interior = interior.transpose(0, 1, 3, 2, 4, 5).reshape(count, rows, width // MACROBLOCK, -1, 3)
    return np.median(interior, axis=3)


def extract_color_cells(frames: np.ndarray) -> list[list[tuple[tuple[int, int, int], int]]]:
    """Every colour cell each frame's swatch strip holds, as canonical (rgb, opacity_pct), slot by slot."""
    count, height, width, _ = frames.shape
    layout = FrameLayout(width, height)
    medians = block_medians(frames, layout.scene_height, layout.swatch_rows)
    over_black = medians[:, :, 0::2].reshape(count, -1, 3)
    over_white = medians[:, :, 1::2].reshape(count, -1, 3)
    opacity = 1.0 - (over_white - over_black).mean(axis=-1) / 255.0
    levels = np.asarray(OPACITY_LEVELS_PCT)
    opacity_pct = levels[np.abs(opacity[..., None] * 100.0 - levels).argmin(axis=-1)]
    # Both backdrops show opacity x colour (plus (1 - opacity) x 255 over white): average the two readings.
    alpha = opacity_pct[..., None] / 100.0
    premultiplied = (over_black + over_white - (1.0 - alpha) * 255.0) / 2.0
    colour = np.divide(premultiplied, alpha, out=np.zeros_like(premultiplied), where=alpha > 0)
    snapped = np.zeros(colour.shape, dtype=np.int64)
    for opacity in np.unique(opacity_pct):
        levels = np.asarray(channel_levels(int(opacity)))
        where = opacity_pct == opacity
        snapped[where] = levels[np.abs(colour[where][..., None] - levels).argmin(axis=-1)]
    return [
        [((int(r), int(g), int(b)), int(a)) for (r, g, b), a in zip(snapped[f], opacity_pct[f])]
        for f in range(count)
    ]


def chart_readings(frames: np.ndarray) -> np.ndarray:
    """Mean over frames of the lighting chart blocks, (blocks, 3) in 0-1."""
    _, height, width, _ = frames.shape
    medians = block_medians(frames, height - MACROBLOCK, 1)
    return medians[:, 0].mean(axis=0) / 255.0


def extract_lighting(frames: np.ndarray) -> tuple[str, float]:
    """The lighting preset whose grade of the known chart best matches the frames, and the RMS error (0-1)."""
    width = frames.shape[2]
    measured = chart_readings(frames)
    chart = chart_inputs(width)
    errors = {
        name: float(np.sqrt(np.mean((apply_grade(chart, name) - measured) ** 2))) for name in LIGHTING_PRESETS
    }
    best = min(errors, key=lambda name: (errors[name], name))
    return best, errors[best]
