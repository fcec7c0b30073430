"""The probe workflow's frame design: a fixed, versioned convention like a film's colour chart.

The renderer draws it and extraction reads it, so it lives here, upstream of both: the frame layout (scene above, a
strip of codec-aligned swatches and the lighting chart below), the chart's colours, and the speed and rhythm levels
of the probe scene's camera and subject (what "slow", "pulsing" or "wave" mean in pixels and cycles per clip).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MACROBLOCK = 16


@dataclass(frozen=True)
class FrameLayout:
    """Where things sit in a frame: a scene on top, a strip of codec-aligned colour swatches below.

    Each colour cell occupies two 16x16 macroblocks side by side: the colour at its opacity over black, then over
    white, so both colour and opacity are observable. The strip's last block row is the lighting chart: sixteen grey
    steps and sixteen saturated patches graded exactly like the scene.
    """

    width: int
    height: int

    def __post_init__(self) -> None:
        if self.width % (2 * MACROBLOCK) or self.height % (4 * MACROBLOCK) or self.width < 256 or self.height < 256:
            raise ValueError(
                f"frame size {self.width}x{self.height} must be at least 256x256, width a multiple of 32 and "
                "height a multiple of 64"
            )

    @property
    def strip_rows(self) -> int:
        return self.height // 4 // MACROBLOCK

    @property
    def scene_height(self) -> int:
        return self.height - self.strip_rows * MACROBLOCK

    @property
    def swatch_rows(self) -> int:
        return self.strip_rows - 1

    @property
    def cells_per_frame(self) -> int:
        return self.swatch_rows * (self.width // (2 * MACROBLOCK))

    def cell_origin(self, index: int) -> tuple[int, int]:
        """Top-left pixel (x, y) of the over-black block of swatch cell ``index``; the over-white block follows."""
        per_row = self.width // (2 * MACROBLOCK)
        row, column = divmod(index, per_row)
        return column * 2 * MACROBLOCK, self.scene_height + row * MACROBLOCK

    @property
    def chart_y(self) -> int:
        return self.height - MACROBLOCK



def chart_inputs(width: int) -> np.ndarray:
    """The lighting chart before grading: (blocks, 3) in 0-1: grey steps, then saturated hues."""
    blocks = width // MACROBLOCK
    greys = blocks // 2
    grey = np.linspace(0.0, 1.0, greys)[:, None].repeat(3, axis=1)
    hues = np.linspace(0.0, 1.0, blocks - greys, endpoint=False)
    colours = np.stack([_hue_rgb(h) for h in hues]) * 0.8 + 0.1
    return np.concatenate([grey, colours]).astype(np.float32)


def _hue_rgb(hue: float) -> np.ndarray:
    k = (np.array([5.0, 3.0, 1.0]) + hue * 6.0) % 6.0
    return 1.0 - np.clip(np.minimum(k, 4.0 - k), 0.0, 1.0)

#: Camera speed factor k per speed name; every camera move's rate is a base rate x k.
CAMERA_SPEED_FACTOR = {"slow": 1.0, "medium": 2.0, "fast": 3.5}
#: Base rates of the probe camera's moves at k = 1 (pixels, relative scale or radians per frame).
PAN_PX = 2.0  # pan and tilt; truck, pedestal, crane and arc move their layers at multiples of it
WHIP_PAN_FACTOR = 5.0
PARALLAX = (0.5, 1.6)  # far and near layer of truck, pedestal and crane, as multiples of PAN_PX
ARC_LAYERS = (-0.6, 1.0)
TRACKING_TRAVEL = 2.2  # the eased tracking move's total travel, as a multiple of PAN_PX x frames
ZOOM_RATE = 0.008
CRANE_ZOOM_RATE = 0.004
DOLLY_RATES = (0.002, 0.012)  # far and near layer
ROLL_AMPLITUDE = 0.03  # radians, one cosine cycle a clip
ROTATE_RATE = 0.006
BIRDS_EYE_RATE = 0.005
HANDHELD_STEP_PX = (1.5, 2.5)
#: Subject speed in pixels per frame (for in/out: radius change per frame).
SUBJECT_SPEED_PX = {"still": 0.0, "slow": 1.5, "medium": 3.0, "fast": 5.0}
#: Boundaries (pixels per frame) between the subject speeds slow | medium | fast, between the levels above.
SUBJECT_SPEED_BOUNDS_PX = (2.2, 4.0)
#: A pulsing subject goes and stops this many times a clip; a wave sways this many cycles a clip.
PULSE_CYCLES = 3.0
WAVE_CYCLES = 2.0
