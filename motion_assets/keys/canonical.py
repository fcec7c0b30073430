"""Canonical, versioned registry keys and the category each value belongs to.

A key is ``<category>@<version>:<field>=<value>;...`` with the fields in the order the category declares. Values are
integers (quantised before they get here, never floats, so a key never depends on float printing) or lower-case
identifiers. The same value always gives the same key; two different quantised values never share one. Keys are
computed here and nowhere else.
"""

from __future__ import annotations

import colorsys
import re
from collections.abc import Mapping
from types import MappingProxyType

from motion_assets.origins.vocabulary import (
    COLOR_LEVELS,
    NARRATIVE,
    NOISES,
    OPACITY_LEVELS_PCT,
    STRENGTH_LEVELS_PCT,
)

KEY_VERSION = 1

#: Hue families of the static colour registry (its partitions), plus neutrals and the single clear cell.
COLOR_FAMILIES: tuple[str, ...] = (
    "red", "orange", "yellow", "green", "cyan", "blue", "purple", "magenta", "neutral", "clear",
)

DYNAMIC_CATEGORIES: tuple[str, ...] = (
    "motion", "gradient", "camera", "lighting", "composition", "transition", "sound",
)

LINGUISTIC_DOMAINS: tuple[str, ...] = (
    "palette", "brightness", "temperature", "saturation", "intensity", "motion", "camera", "gradient",
    "lighting", "transition", "mood", "tempo", "sound", "genre", "style", "setting", "theme", "scene_type",
    "time_of_day", "weather", "duration", "approval", "plot", "era", "other",
)

#: Every registry and its categories (the registry asset's partitions).
REGISTRY_CATEGORIES: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(
    {
        "static_colors": COLOR_FAMILIES,
        "static_sound": NOISES,
        "dynamic_blends": DYNAMIC_CATEGORIES,
        "narrative": tuple(NARRATIVE),
        "linguistic": LINGUISTIC_DOMAINS,
        "interpretations": NARRATIVE["mood"],
    }
)

#: Ordered key fields of each category that is keyed by structured parameters.
KEY_FIELDS: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(
    {
        "color": ("r", "g", "b", "opacity"),
        "sound_cell": ("noise", "strength"),
        "motion": ("speed", "rhythm", "direction"),
        "gradient": ("type", "strength"),
        "camera": ("type", "speed"),
        "lighting": ("preset",),
        "composition": ("balance",),
        "transition": ("type", "duration_ms"),
        "sound": ("presence", "tempo", "pitch"),
    }
)

_IDENTIFIER = re.compile(r"^[a-z0-9][a-z0-9_\-']*$")


def canonical_key(category: str, params: Mapping[str, int | str]) -> str:
    """The canonical key of a structured value; raises ValueError on missing, extra or malformed fields."""
    fields = KEY_FIELDS.get(category)
    if fields is None:
        raise ValueError(f"no key schema for category {category!r}")
    if set(params) != set(fields):
        raise ValueError(f"{category} key needs fields {fields}, got {sorted(params)}")
    parts = []
    for field in fields:
        value = params[field]
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise ValueError(f"{category}.{field} must be an int or identifier, got {value!r}")
        if isinstance(value, str) and not _IDENTIFIER.match(value):
            raise ValueError(f"{category}.{field} is not a canonical identifier: {value!r}")
        parts.append(f"{field}={value}")
    return f"{category}@{KEY_VERSION}:" + ";".join(parts)


def text_key(category: str, text: str) -> str:
    """Key of an open-vocabulary value (narrative values, linguistic spans, prompts): trimmed, lower-cased text."""
    normalised = " ".join(text.split()).lower()
    if not normalised:
        raise ValueError(f"empty {category} value")
    return f"{category}@{KEY_VERSION}:{normalised}"


def is_canonical_key(key: str) -> bool:
    """True when ``key`` is exactly what canonical_key/text_key would produce for its own contents."""
    head, sep, body = key.partition(":")
    category, at, version = head.partition("@")
    if not (sep and at and version == str(KEY_VERSION) and body):
        return False
    fields = KEY_FIELDS.get(category)
    if fields is None:
        return body == " ".join(body.split()).lower()
    try:
        params = dict(part.split("=", 1) for part in body.split(";"))
        typed = {k: int(v) if v.lstrip("-").isdigit() else v for k, v in params.items()}
        return canonical_key(category, typed) == key
    except ValueError:
        return False


# --- static colour cells --------------------------------------------------------------------------------------

_OPACITY_SET = frozenset(OPACITY_LEVELS_PCT)
_LEVEL_SET = frozenset(COLOR_LEVELS)


def color_cell_key(rgb: tuple[int, int, int], opacity_pct: int) -> str:
    """Key of a static colour cell; ``rgb`` must be grid levels and ``opacity_pct`` an opacity level.

    Every colour at opacity 0 renders the same pixels, so they are one cell (the clear cell, rgb 0,0,0).
    """
    if opacity_pct not in _OPACITY_SET:
        raise ValueError(f"opacity {opacity_pct}% is not an opacity level")
    if any(c not in _LEVEL_SET for c in rgb):
        raise ValueError(f"{rgb} is not on the colour grid {COLOR_LEVELS}")
    if opacity_pct == 0:
        rgb = (0, 0, 0)
    r, g, b = rgb
    # The same string canonical_key builds, without its generic checks (already done above): a hot path.
    return f"color@{KEY_VERSION}:r={int(r)};g={int(g)};b={int(b)};opacity={int(opacity_pct)}"


#: Hue families by hue angle, [from, to) degrees: the one table the colour registry's partitions, the scene
#: grade's excluded hues and the viewer's palette judges share. Brown is dark orange and pink light red-magenta,
#: so a prompt's "no brown" or "no pink" excludes those hue ranges.
HUE_FAMILY_RANGES: dict[str, tuple[tuple[float, float], ...]] = {
    "red": ((345.0, 360.0), (0.0, 15.0)),
    "orange": ((15.0, 45.0),),
    "yellow": ((45.0, 70.0),),
    "green": ((70.0, 160.0),),
    "cyan": ((160.0, 200.0),),
    "blue": ((200.0, 255.0),),
    "purple": ((255.0, 290.0),),
    "magenta": ((290.0, 345.0),),
}
#: Colour words a prompt uses for hue ranges the table names differently.
HUE_FAMILY_ALIASES: dict[str, tuple[str, ...]] = {
    "brown": ("orange",), "pink": ("magenta", "red"), "violet": ("purple",), "teal": ("cyan",),
    "turquoise": ("cyan",), "gold": ("yellow", "orange"), "blue": ("blue", "cyan"), "purple": ("purple", "magenta"),
}


def hue_family_of(hue_degrees: float) -> str:
    hue = hue_degrees % 360.0
    for family, ranges in HUE_FAMILY_RANGES.items():
        if any(low <= hue < high for low, high in ranges):
            return family
    return "red"


def hue_ranges_for(colour_word: str, margin: float = 0.0) -> tuple[tuple[float, float], ...]:
    """The hue intervals a colour word covers, widened by ``margin`` degrees and split at 0/360."""
    families = HUE_FAMILY_ALIASES.get(colour_word, (colour_word,) if colour_word in HUE_FAMILY_RANGES else ())
    out: list[tuple[float, float]] = []
    for family in families:
        for low, high in HUE_FAMILY_RANGES[family]:
            low, high = low - (margin if low > 0 else 0.0), high + (margin if high < 360 else 0.0)
            for a, b in ((low, high),) if 0 <= low and high <= 360 else \
                    (((0.0, high), (360.0 + low, 360.0)) if low < 0 else ((low, 360.0), (0.0, high - 360.0))):
                out.append((round(a, 3), round(b, 3)))
    return tuple(sorted(set(out)))


def color_family(rgb: tuple[int, int, int], opacity_pct: int) -> str:
    """The hue family (static_colors partition) of a colour cell."""
    if opacity_pct == 0:
        return "clear"
    h, lightness, s = colorsys.rgb_to_hls(*(c / 255.0 for c in rgb))
    if s < 0.15 or lightness < 0.08 or lightness > 0.96 or max(rgb) - min(rgb) < 26:
        return "neutral"
    return hue_family_of(h * 360.0)


def sound_cell_key(noise: str, strength_pct: int) -> str:
    """Key of a static sound cell (noise at a strength level; silence only at 0)."""
    if noise not in NOISES:
        raise ValueError(f"unknown noise {noise!r}")
    allowed = (0,) if noise == "silence" else STRENGTH_LEVELS_PCT
    if strength_pct not in allowed:
        raise ValueError(f"strength {strength_pct}% is not a level of {noise}")
    return canonical_key("sound_cell", {"noise": noise, "strength": strength_pct})
