"""A viewer's judgements of a decoded video: what a person sees and hears, measured from the MP4's pixels and audio.

Nothing here knows how the video was made (no renderer, no spec). The measurements themselves (hue shares,
luminance, phase correlation, zoom, loudness, spectral and tonal shares) are extraction's; this module adds the
judgements a viewer makes with them: "absent from every frame", monochrome, "the camera pans left", faded in and
out, how many cuts.
"""

from __future__ import annotations

import numpy as np

from motion_assets.extraction.audio_features import loudness_dbfs, spectral_shares, tonal_share  # noqa: F401
from motion_assets.extraction.picture import (  # noqa: F401 (the viewer's vocabulary)
    LUMA, bright_points, camera_move, chroma_p99, frame_lumas, gray, hue_shares, mean_luma, mean_saturation,
    phase_shift, picture_motion, sample, warmth, zoom_factor,
)

#: The camera move a viewer sees ("pan_left" when the picture slides right, "zoom_in" when it grows, ...).
camera_direction = camera_move


def max_family_share(frames: np.ndarray, family: str) -> float:
    """The largest share ``family`` takes in any single frame (for "absent from every frame")."""
    return max(hue_shares(frames[i:i + 1])[family] for i in range(0, len(frames), max(1, len(frames) // 12)))


def is_monochrome(frames: np.ndarray) -> bool:
    return chroma_p99(frames) <= 10.0


def fade_ends(frames: np.ndarray) -> bool:
    """True when the video starts and ends darker than its middle (faded in and out)."""
    lumas = frame_lumas(frames)
    middle = float(np.median(lumas[len(lumas) // 3: 2 * len(lumas) // 3 + 1]))
    return lumas[0] < 0.35 * middle and lumas[-1] < 0.35 * middle and middle > 0.05


def cut_count(frames: np.ndarray, threshold: float = 12.0) -> int:
    """Frame-to-frame jumps much larger than the video's usual change."""
    diffs = np.array([float(np.abs(gray(frames[i], 96) - gray(frames[i + 1], 96)).mean()) for i in range(len(frames) - 1)])
    if diffs.size == 0:
        return 0
    usual = float(np.median(diffs))
    return int(np.sum(diffs > max(threshold, 4 * usual)))
