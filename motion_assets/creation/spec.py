"""The video spec: the single record of what gets rendered.

Creation builds it, the renderer draws exactly it, the loop stores exactly it, and the precision checks compare
extraction against it. It is plain data (JSON round-trips losslessly) and validated where it is built.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from motion_assets.origins.probe_design import MACROBLOCK, FrameLayout  # noqa: F401 (re-exported)
from motion_assets.origins.vocabulary import (
    CAMERA_SPEEDS,
    CAMERA_TYPES,
    COLOR_LEVELS,
    COMPOSITION_BALANCES,
    GRADIENT_STRENGTHS,
    GRADIENT_TYPES,
    LIGHTING_PRESETS,
    MOTION_DIRECTIONS,
    MOTION_RHYTHMS,
    MOTION_SPEEDS,
    NOISES,
    OPACITY_LEVELS_PCT,
    STRENGTH_LEVELS_PCT,
    TRANSITION_DURATIONS,
    TRANSITION_TYPES,
)

SPEC_VERSION = 1
@dataclass(frozen=True)
class SceneSpec:
    gradient_type: str
    gradient_strength: str
    gradient_colors: tuple[tuple[int, int, int], tuple[int, int, int]]
    shot_b_colors: tuple[tuple[int, int, int], tuple[int, int, int]]
    subject_color: tuple[int, int, int]
    camera_type: str
    camera_speed: str
    motion_speed: str
    motion_rhythm: str
    motion_direction: str
    lighting: str
    composition: str
    transition_type: str
    transition_duration_ms: int

    def __post_init__(self) -> None:
        _require(self.gradient_type, GRADIENT_TYPES, "gradient type")
        _require(self.gradient_strength, GRADIENT_STRENGTHS, "gradient strength")
        _require(self.camera_type, CAMERA_TYPES, "camera type")
        _require(self.camera_speed, CAMERA_SPEEDS, "camera speed")
        _require(self.motion_speed, MOTION_SPEEDS, "motion speed")
        _require(self.motion_rhythm, MOTION_RHYTHMS, "motion rhythm")
        _require(self.motion_direction, MOTION_DIRECTIONS, "motion direction")
        _require(self.lighting, tuple(LIGHTING_PRESETS), "lighting preset")
        _require(self.composition, COMPOSITION_BALANCES, "composition balance")
        _require(self.transition_type, TRANSITION_TYPES, "transition type")
        allowed = (0,) if self.transition_type == "cut" else tuple(int(d * 1000) for d in TRANSITION_DURATIONS)
        _require(self.transition_duration_ms, allowed, f"{self.transition_type} duration (ms)")


@dataclass(frozen=True)
class VideoSpec:
    """Everything one loop video contains. Colour cells and sound cells are given per frame."""

    job_id: str
    seed: int
    prompt: str
    width: int
    height: int
    fps: int
    frame_count: int
    scene: SceneSpec
    #: color_cells[frame][slot] = (r, g, b, opacity_pct), grid levels only.
    color_cells: tuple[tuple[tuple[int, int, int, int], ...], ...]
    #: sound_cells[frame] = (noise, strength_pct)
    sound_cells: tuple[tuple[str, int], ...]
    #: Intended narrative values (from the prompt), recorded as intended, not observed.
    narrative: dict[str, str] = field(default_factory=dict)
    version: int = SPEC_VERSION

    def __post_init__(self) -> None:
        layout = self.layout
        if self.fps <= 0 or self.frame_count <= 0:
            raise ValueError("fps and frame_count must be positive")
        if len(self.color_cells) != self.frame_count or len(self.sound_cells) != self.frame_count:
            raise ValueError("color_cells and sound_cells need one entry per frame")
        for frame, cells in enumerate(self.color_cells):
            if len(cells) != layout.cells_per_frame:
                raise ValueError(f"frame {frame} has {len(cells)} colour cells, layout holds {layout.cells_per_frame}")
            for r, g, b, opacity in cells:
                if r not in COLOR_LEVELS or g not in COLOR_LEVELS or b not in COLOR_LEVELS:
                    raise ValueError(f"colour {(r, g, b)} in frame {frame} is off the colour grid")
                if opacity not in OPACITY_LEVELS_PCT:
                    raise ValueError(f"opacity {opacity} in frame {frame} is not an opacity level")
        for noise, strength in self.sound_cells:
            _require(noise, NOISES, "noise")
            _require(strength, (0,) if noise == "silence" else STRENGTH_LEVELS_PCT, f"{noise} strength")

    @property
    def layout(self) -> FrameLayout:
        return FrameLayout(self.width, self.height)

    @property
    def duration_s(self) -> float:
        return self.frame_count / self.fps

    def to_json(self) -> str:
        # Field by field rather than `asdict`, which deep-copies every one of the thousands of colour cells (40 ms
        # a spec, paid several times per video); the cells are plain tuples, which json writes as lists all the same.
        fields = {name: getattr(self, name) for name in self.__dataclass_fields__}
        fields["scene"] = asdict(self.scene)
        return json.dumps(fields, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> VideoSpec:
        raw = json.loads(text)
        scene = raw.pop("scene")
        scene["gradient_colors"] = tuple(tuple(c) for c in scene["gradient_colors"])
        scene["shot_b_colors"] = tuple(tuple(c) for c in scene["shot_b_colors"])
        scene["subject_color"] = tuple(scene["subject_color"])
        raw["color_cells"] = tuple(tuple(tuple(cell) for cell in frame) for frame in raw["color_cells"])
        raw["sound_cells"] = tuple(tuple(cell) for cell in raw["sound_cells"])
        return cls(scene=SceneSpec(**scene), **raw)


def _require(value: object, allowed: tuple, what: str) -> None:
    if value not in allowed:
        raise ValueError(f"{what} {value!r} is not one of {allowed}")
