"""The look of a video (brightness, temperature, saturation): the bands a viewer's words map to, and the gradient
colours that give a scene the look an instruction asks for under its lighting grade.

The same bands classify what extraction measures (``look_bands``), so "a bright warm vivid beach" is checked
against the rendered pixels, not against the spec. Measured over the graded scene, 0-1 RGB:
brightness = mean luma, temperature = mean (R - B), saturation = mean (max - min) channel.
"""

from __future__ import annotations

import numpy as np

from motion_assets.origins.grading import apply_grade, safe_input_range

#: Upper bounds of each band (the last band is open).
LOOK_BANDS: dict[str, tuple[tuple[str, float], ...]] = {
    "brightness": (("dark", 0.25), ("dim", 0.40), ("balanced", 0.60), ("bright", np.inf)),
    "temperature": (("cool", -0.035), ("neutral", 0.035), ("warm", np.inf)),
    "saturation": (("muted", 0.13), ("balanced", 0.30), ("vivid", np.inf)),
}
BRIGHTNESS_TARGET = {"dark": 0.19, "dim": 0.32, "balanced": 0.5, "bright": 0.66}
SATURATION_TARGET = {"muted": 0.07, "balanced": 0.21, "vivid": 0.36}
#: R - B of a warm (+) or cool (-) look; a muted look cannot be more than its saturation apart.
WARMTH_TARGET = {"cool": -0.1, "neutral": 0.0, "warm": 0.1}
MUTED_WARMTH = 0.065

LUMA = np.array([0.299, 0.587, 0.114])


def band(field: str, value: float) -> str:
    for name, upper in LOOK_BANDS[field]:
        if value < upper:
            return name
    return LOOK_BANDS[field][-1][0]


def look_bands(brightness: float, warmth: float, saturation: float) -> dict[str, str]:
    return {"brightness": band("brightness", brightness), "temperature": band("temperature", warmth),
            "saturation": band("saturation", saturation)}


def look_targets(brightness: str, temperature: str, saturation: str) -> np.ndarray:
    warmth = WARMTH_TARGET.get(temperature, 0.0)
    if saturation == "muted":
        warmth = float(np.sign(warmth)) * MUTED_WARMTH
    return np.array([BRIGHTNESS_TARGET.get(brightness, 0.5), warmth, SATURATION_TARGET.get(saturation, 0.21)])


def graded_look(start: np.ndarray, travel: np.ndarray, lighting: str) -> np.ndarray:
    """(brightness, warmth, saturation) of a gradient running from ``start`` by ``travel`` (0-1 RGB), graded."""
    steps = np.linspace(0.0, 1.0, 11)[:, None]
    graded = apply_grade(np.clip(start + steps * travel, 0.0, 1.0).astype(np.float32), lighting).astype(float)
    return np.array([float((graded @ LUMA).mean()), float((graded[:, 0] - graded[:, 2]).mean()),
                     float((graded.max(axis=1) - graded.min(axis=1)).mean())])


def start_for_look(initial: np.ndarray, travel: np.ndarray, targets: np.ndarray, lighting: str) -> np.ndarray:
    """The gradient's start colour nearest ``targets`` (Gauss-Newton from ``initial``), the whole travelled range
    kept unclipped under the grade.

    Some asks cannot all be met (a dark look has little room for vivid colour): the result is then the closest
    reachable look, and the agreement check says which band was missed.
    """
    low, high = safe_input_range(lighting)
    high = min(high, 0.9)
    lower = low - np.minimum(travel, 0.0)
    upper = np.maximum(high - np.maximum(travel, 0.0), lower)
    start = np.clip(initial, lower, upper)
    for _ in range(10):
        error = graded_look(start, travel, lighting) - targets
        if np.abs(error).max() < 0.004:
            break
        jacobian = np.empty((3, 3))
        for axis in range(3):
            step = np.zeros(3)
            step[axis] = 0.01
            jacobian[:, axis] = (graded_look(start + step, travel, lighting) - targets - error) / 0.01
        update, *_ = np.linalg.lstsq(jacobian, -error, rcond=None)
        start = np.clip(start + np.clip(update, -0.2, 0.2), lower, upper)
    return start
