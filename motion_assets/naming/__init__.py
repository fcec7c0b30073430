"""Deterministic, human-readable names of real words for registry values.

Colour names come from the XKCD colour-survey vocabulary that matplotlib ships (949 names), nearest in CIELAB,
with lightness and opacity words when the cell is off the named colour. Collisions are resolved with more specific
real-word candidates, never digits or invented syllables.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

import numpy as np
from matplotlib import _color_data

OPACITY_WORDS = [(0, "fully clear"), (15, "faint veil of"), (35, "sheer"), (55, "half sheer"), (75, "misty"),
                 (95, "nearly solid"), (100, "")]
_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
STRENGTH_WORDS = {20: "faint", 40: "soft", 60: "steady", 80: "strong", 100: "loud"}


def _lab(rgb: np.ndarray) -> np.ndarray:
    c = rgb / 255.0
    c = np.where(c > 0.04045, ((c + 0.055) / 1.055) ** 2.4, c / 12.92)
    xyz = c @ np.array([[0.4124, 0.2126, 0.0193], [0.3576, 0.7152, 0.1192], [0.1805, 0.0722, 0.9505]])
    xyz = xyz / np.array([0.9505, 1.0, 1.089])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])], axis=-1)


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[tuple[str, ...], np.ndarray]:
    names, values = [], []
    for name, hexcode in sorted(_color_data.XKCD_COLORS.items()):
        word = name.removeprefix("xkcd:")
        if any(ch.isdigit() for ch in word) or "/" in word:
            continue
        names.append(word.replace("'", ""))
        values.append([int(hexcode[i : i + 2], 16) for i in (1, 3, 5)])
    return tuple(names), _lab(np.asarray(values, dtype=np.float64))


def color_name(rgb: tuple[int, int, int], opacity_pct: int, detail: int = 0) -> str:
    """Name of a colour at an opacity; higher ``detail`` adds the next-nearest vocabulary words as qualifiers."""
    if opacity_pct == 0:
        return "fully clear"
    names, labs = _vocabulary()
    distances = np.linalg.norm(labs - _lab(np.asarray(rgb, dtype=np.float64)), axis=1)
    order = np.argsort(distances, kind="stable")
    base = names[order[0]]
    if detail >= 1:
        base = f"{base} toward {names[order[1]]}"
    if detail == 2:
        base = f"{base} and {names[order[2]]}"
    if detail >= 3:
        # Always unique within an opacity: the grid levels themselves, spelled as words.
        levels = " ".join(_NUMBER_WORDS[round(c / 25.5)] for c in rgb)
        base = f"{names[order[0]]} {levels}"
    veil = next(word for limit, word in OPACITY_WORDS if opacity_pct <= limit)
    if detail >= 3 and opacity_pct < 100:
        veil = f"{veil} at {_percent_words(opacity_pct)}"
    return f"{veil} {base}".strip() if veil else base


def _percent_words(pct: int) -> str:
    tens = ("", "ten", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
    ones = ("", "five")
    return " ".join(w for w in (tens[pct // 10], ones[1] if pct % 10 else "") if w) + " percent"


def sound_name(noise: str, strength_pct: int) -> str:
    return "silence" if noise == "silence" else f"{STRENGTH_WORDS.get(strength_pct, 'steady')} {noise}"


_WORDS = {"zoom_out": "zoom out", "birds_eye": "bird's eye view", "whip_pan": "whip pan", "golden_hour": "golden hour",
          "left_heavy": "left heavy", "right_heavy": "right heavy", "top_heavy": "top heavy",
          "bottom_heavy": "bottom heavy", "sci_fi": "science fiction", "music_video": "music video",
          "slow_build": "slow build", "b-roll": "b roll", "none": "still"}
_DIRECTIONS = {"left": "leftward", "right": "rightward", "up": "upward", "down": "downward", "in": "inward",
               "out": "outward", "none": ""}


def _word(value: str) -> str:
    return _WORDS.get(value, value.replace("_", " "))


def dynamic_name(category: str, params: Mapping) -> str:
    if category == "motion":
        if params["speed"] == "still":
            return "still subject"
        return f"{params['speed']} {params['rhythm']} {_DIRECTIONS[params['direction']]} drift"
    if category == "camera":
        return "locked camera" if params["type"] == "static" else f"{params['speed']} {_word(params['type'])}"
    if category == "gradient":
        return f"{params['strength']} {params['type']} gradient"
    if category == "lighting":
        return f"{_word(params['preset'])} lighting"
    if category == "composition":
        return f"{_word(params['balance'])} frame"
    if category == "transition":
        if params["type"] == "cut":
            return "hard cut"
        length = "quarter second" if params["duration_ms"] == 250 else "half second"
        return f"{length} {params['type']}"
    if category == "sound":
        pitch = "" if params["pitch"] == "none" else f"{params['pitch']} "
        return f"{params['tempo']} {pitch}{params['presence']} bed".replace("silence bed", "silent bed")
    raise ValueError(f"unknown dynamic category {category!r}")


def narrative_name(category: str, value: str) -> str:
    return f"{_word(value)} {category.replace('_', ' ')}"


def unique_names(proposals: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """key -> the first of its candidate names not already taken, keys in sorted order; ValueError if none is free."""
    taken: set[str] = set()
    names = {}
    for key in sorted(proposals):
        candidates = proposals[key]
        if isinstance(candidates, str):
            candidates = [candidates]
        free = next((c for c in candidates if c not in taken), None)
        if free is None:
            raise ValueError(f"no free name for {key}: every candidate {list(candidates)} is taken")
        taken.add(free)
        names[key] = free
    return names
