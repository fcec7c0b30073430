"""What a lighting preset does to a pixel: the grade, its 8-bit table form, and the inputs that survive it.

Grading is applied to pixels in 0-1: add the lift, multiply by the gain, apply gamma, then stretch contrast about
0.5 and saturation about luma (ORIGINAL_FACTS.md §2.6). Creation, rendering and extraction all use this module.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from motion_assets.origins.vocabulary import LIGHTING_PRESETS

#: Texture shading multiplies the gradient by 1 +- this much (rendering.frames uses the same figure).
SHADE_AMPLITUDE = 0.16


def apply_grade(rgb: np.ndarray, preset: str) -> np.ndarray:
    """The lighting grade of ORIGINAL_FACTS §2.6 on 0-1 RGB: lift, gain, gamma, contrast about 0.5, saturation.

    Steps whose parameter is the identity are skipped (same result, less work).
    """
    g = LIGHTING_PRESETS[preset]
    graded = rgb
    if g["lift"] or g["gain"] != 1.0:
        graded = (graded + np.float32(g["lift"])) * np.float32(g["gain"])
    graded = np.clip(graded, 0.0, 1.0)
    if g["gamma"] != 1.0:
        graded = graded ** np.float32(1.0 / g["gamma"])
    if g["contrast"] != 1.0:
        graded = (graded - np.float32(0.5)) * np.float32(g["contrast"]) + np.float32(0.5)
    if g["saturation"] != 1.0:
        luma = (graded * np.array([0.299, 0.587, 0.114], dtype=np.float32)).sum(axis=-1, keepdims=True)
        graded = luma + (graded - luma) * np.float32(g["saturation"])
    return np.clip(graded, 0.0, 1.0)


@lru_cache(maxsize=None)
def _tone_table(preset: str) -> np.ndarray:
    """The per-channel part of the grade (lift, gain, gamma, contrast) for every 8-bit input level."""
    g = LIGHTING_PRESETS[preset]
    levels = np.clip((np.arange(256, dtype=np.float64) / 255.0 + g["lift"]) * g["gain"], 0.0, 1.0)
    levels = levels ** (1.0 / g["gamma"])
    return ((levels - 0.5) * g["contrast"] + 0.5).astype(np.float32)


def grade_uint8(rgb: np.ndarray, preset: str) -> np.ndarray:
    """apply_grade for 8-bit pixels: the tone curve by table lookup, then saturation about luma; 8-bit out."""
    saturation = LIGHTING_PRESETS[preset]["saturation"]
    if saturation == 1.0:
        return _tone_table_uint8(preset)[rgb]
    toned = _tone_table(preset)[rgb]
    luma = (toned @ np.array([0.299 * (1.0 - saturation), 0.587 * (1.0 - saturation), 0.114 * (1.0 - saturation)],
                             dtype=np.float32))[..., None]
    toned *= np.float32(saturation)
    toned += luma
    return to_uint8(toned)


@lru_cache(maxsize=None)
def _tone_table_uint8(preset: str) -> np.ndarray:
    return to_uint8(_tone_table(preset))


def undo_grade(rgb: np.ndarray, preset: str) -> np.ndarray:
    """Invert the lighting grade (exact where nothing clipped)."""
    g = LIGHTING_PRESETS[preset]
    luma = (rgb * np.array([0.299, 0.587, 0.114], dtype=np.float32)).sum(axis=-1, keepdims=True)
    x = luma + (rgb - luma) / g["saturation"]
    x = (x - 0.5) / g["contrast"] + 0.5
    x = np.clip(x, 0.0, 1.0) ** g["gamma"]
    return x / g["gain"] - g["lift"]


def to_uint8(rgb: np.ndarray) -> np.ndarray:
    """0-1 floats (clipped) to 8-bit by rounding."""
    return np.clip(np.rint(rgb * np.float32(255.0)), 0, 255).astype(np.uint8)


@lru_cache(maxsize=None)
def safe_input_range(preset: str, margin: float = 0.04) -> tuple[float, float]:
    """The grey input range (0-1) that stays unclipped under ``preset`` even after texture shading."""
    levels = np.linspace(0.0, 1.0, 1001, dtype=np.float32)
    darkest = apply_grade(np.repeat((levels * (1 - SHADE_AMPLITUDE))[:, None], 3, axis=1), preset)[:, 0]
    brightest = apply_grade(np.repeat(np.minimum(levels * (1 + SHADE_AMPLITUDE), 1.0)[:, None], 3, axis=1),
                            preset)[:, 0]
    low = float(levels[darkest > margin].min())
    high = float(levels[brightest < 1.0 - margin].max())
    return low, high
