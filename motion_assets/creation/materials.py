"""The registries' observed values, as the material scenes are made of.

Creation paints what a prompt leaves open with values the registries hold: a region whose colour the prompt does
not give takes the registry's observed colour nearest to the setting's own colour for it (within
``NEAR_DELTA_E``), so a scene is built from named, measured colours rather than from a table of the renderer's.
Only observed values count (measured from videos by extraction): values a creator merely intended never feed
creation again, so nothing the loop made up comes back as knowledge. Colours the prompt names are painted as
named; they, like every other part of the scene, are recorded with the registry key they file under
(``Material``), which the registries name.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from motion_assets.keys.canonical import color_cell_key
from motion_assets.keys.cielab import delta_e2000, srgb_to_lab
from motion_assets.keys.color_space import canonical_cell

#: How far (CIEDE2000) a registry colour may lie from the setting's own colour to paint its region instead: about
#: the difference a viewer just notices, so a scene keeps its look while being made of known values (at 8, a grid
#: step, a sunset beach's sea turned cyan enough to change what a viewer sees).
NEAR_DELTA_E = 3.0
Rgb = tuple[int, int, int]


@dataclass(frozen=True)
class KnownColour:
    key: str
    rgb: Rgb
    count: int


@dataclass(frozen=True)
class SceneMaterials:
    """Observed full-opacity colours (key, rgb, observations) of the static colour registry."""

    colours: tuple[KnownColour, ...] = ()
    _lab: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.colours, key=lambda c: c.key))
        object.__setattr__(self, "colours", ordered)
        lab = srgb_to_lab(np.array([c.rgb for c in ordered], dtype=np.float64)) if ordered else np.zeros((0, 3))
        object.__setattr__(self, "_lab", lab.reshape(-1, 3))

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping]) -> SceneMaterials:
        """From registry or discovery rows (``registry``, ``key``, ``params`` JSON, ``observed``, optional
        ``count``): observed static colours at full opacity, observations summed per key."""
        counts: dict[str, int] = {}
        rgbs: dict[str, Rgb] = {}
        for row in rows:
            if row.get("registry") != "static_colors" or not row.get("observed"):
                continue
            params = json.loads(row["params"]) if isinstance(row["params"], str) else row["params"]
            if int(params.get("opacity", 100)) != 100:
                continue
            key = str(row["key"])
            rgbs[key] = (int(params["r"]), int(params["g"]), int(params["b"]))
            counts[key] = counts.get(key, 0) + int(row.get("count") or 1)
        return cls(tuple(KnownColour(key, rgbs[key], counts[key]) for key in rgbs))

    def colour_near(self, rgb: Rgb, within: float = NEAR_DELTA_E) -> KnownColour | None:
        """The known colour nearest ``rgb`` (CIEDE2000; ties: the lower key), or None when none lies within."""
        if not self.colours:
            return None
        distances = delta_e2000(self._lab, srgb_to_lab(np.array([rgb], dtype=np.float64)).reshape(1, 3))
        best = int(np.argmin(distances))  # colours are in key order, so the first minimum is the lower key
        return self.colours[best] if float(distances[best]) <= within else None


NO_MATERIALS = SceneMaterials()


def colour_key(rgb: Rgb) -> str:
    """The static colour registry's key for a colour painted at full opacity (its grid cell)."""
    cell, opacity = canonical_cell(tuple(int(c) for c in rgb), 100)
    return color_cell_key(cell, opacity)
