"""Generic measurements of a picture sequence: hue shares, chroma, luminance, saturation, warmth, bright points,
global shift by phase correlation, zoom, picture motion, per-frame luminance.

Works on any decoded video ((frames, H, W, 3) uint8 RGB), whatever made it.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage

from motion_assets.keys.canonical import HUE_FAMILY_RANGES

LUMA = np.array([0.299, 0.587, 0.114], dtype=np.float32)


def hsv(frames: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rgb = frames.reshape(-1, 3).astype(np.float32) / 255.0
    high, low = rgb.max(axis=1), rgb.min(axis=1)
    chroma = high - low
    safe = np.where(chroma > 1e-6, chroma, 1.0)
    r, g, b = rgb[:, 0], rgb[:, 1], rgb[:, 2]
    hue = np.where(high == r, ((g - b) / safe) % 6.0, np.where(high == g, (b - r) / safe + 2.0, (r - g) / safe + 4.0))
    saturation = np.where(high > 1e-6, chroma / np.maximum(high, 1e-6), 0.0)
    return hue * 60.0, saturation, high


def sample(frames: np.ndarray, count: int = 8) -> np.ndarray:
    indices = np.unique(np.linspace(0, len(frames) - 1, min(count, len(frames))).round().astype(int))
    return frames[indices]


def hue_shares(frames: np.ndarray, min_saturation: float = 0.25, min_value: float = 0.18) -> dict[str, float]:
    """Share of the picture per hue family (coloured pixels only), plus "neutral" for the rest."""
    hue, saturation, value = hsv(sample(frames))
    coloured = (saturation >= min_saturation) & (value >= min_value)
    shares = {"neutral": float(np.mean(~coloured))}
    for family, ranges in HUE_FAMILY_RANGES.items():
        inside = np.zeros_like(coloured)
        for low, high in ranges:
            inside |= (hue >= low) & (hue < high)
        shares[family] = float(np.mean(coloured & inside))
    return shares


def chroma_p99(frames: np.ndarray) -> float:
    rgb = sample(frames).reshape(-1, 3).astype(np.int16)
    return float(np.percentile(rgb.max(axis=1) - rgb.min(axis=1), 99))


def mean_luma(frames: np.ndarray) -> float:
    return float((sample(frames).reshape(-1, 3).astype(np.float32) @ LUMA).mean() / 255.0)


def mean_saturation(frames: np.ndarray) -> float:
    _, saturation, value = hsv(sample(frames))
    return float(np.mean(saturation[value > 0.1])) if np.any(value > 0.1) else 0.0


def warmth(frames: np.ndarray) -> float:
    """Mean (red - blue) / 255 of the picture: positive is warm, negative cool."""
    rgb = sample(frames).reshape(-1, 3).astype(np.float32)
    return float((rgb[:, 0] - rgb[:, 2]).mean() / 255.0)


def bright_points(frame: np.ndarray, threshold: float = 0.55) -> int:
    """Small isolated bright points (stars) in the top half: pixels brighter than their 5x5 surroundings."""
    luma = frame[: frame.shape[0] // 2].astype(np.float32) @ LUMA / 255.0

    local_max = ndimage.maximum_filter(luma, size=5)
    surround = ndimage.uniform_filter(luma, size=9)
    peaks = (luma == local_max) & (luma > threshold) & (luma - surround > 0.12)
    return int(ndimage.label(peaks)[1])


def gray(frame: np.ndarray, width: int = 256) -> np.ndarray:
    step = max(1, frame.shape[1] // width)
    return frame[::step, ::step].astype(np.float32) @ LUMA


def phase_shift(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """How far the picture moved from ``a`` to ``b`` in pixels of ``a``'s size (x right, y down)."""
    step = max(1, a.shape[1] // 256)
    ga, gb = gray(a), gray(b)
    window = np.outer(np.hanning(ga.shape[0]), np.hanning(ga.shape[1]))
    fa, fb = np.fft.fft2((ga - ga.mean()) * window), np.fft.fft2((gb - gb.mean()) * window)
    cross = fb * np.conj(fa)
    cross /= np.maximum(np.abs(cross), 1e-9)
    corr = np.fft.ifft2(cross).real
    y, x = np.unravel_index(int(np.argmax(corr)), corr.shape)
    h, w = corr.shape
    dy, dx = (y if y <= h // 2 else y - h), (x if x <= w // 2 else x - w)
    return float(dx * step), float(dy * step)


def zoom_factor(a: np.ndarray, b: np.ndarray) -> float:
    """The scale that best maps the centre of ``a`` onto ``b`` (> 1: the picture grew, the camera zoomed in)."""
    ga, gb = gray(a, 192), gray(b, 192)
    h, w = ga.shape
    best, best_error = 1.0, np.inf
    for scale in np.exp(np.linspace(np.log(0.8), np.log(1.25), 31)):
        zoomed = ndimage.affine_transform(ga, [1 / scale, 1 / scale], offset=[(h - h / scale) / 2, (w - w / scale) / 2],
                                          order=1, mode="nearest")
        error = float(np.mean(np.abs(zoomed[h // 6: -h // 6, w // 6: -w // 6] - gb[h // 6: -h // 6, w // 6: -w // 6])))
        if error < best_error:
            best, best_error = float(scale), error
    return best


def camera_move(frames: np.ndarray, fps: int) -> str:
    """The camera move a viewer sees: "pan_left" when the picture slides right, "zoom_in" when it grows, ...

    Measured between frames a quarter second apart over the first shot's frames, as the median shift.
    """
    lag = max(1, fps // 4)
    pairs = [(i, i + lag) for i in range(0, max(1, len(frames) - lag), lag)][:12]
    if not pairs or len(frames) <= lag:
        return "static"
    shifts = np.array([phase_shift(frames[i], frames[j]) for i, j in pairs])
    dx, dy = np.median(shifts, axis=0) / lag
    threshold = max(0.1, 0.0005 * frames.shape[2])
    if max(abs(dx), abs(dy)) >= threshold:
        if abs(dx) >= abs(dy):
            return "pan_left" if dx > 0 else "pan_right"
        return "tilt_up" if dy > 0 else "tilt_down"
    scale = zoom_factor(frames[0], frames[min(len(frames) - 1, lag * 4)])
    if abs(np.log(scale)) > 0.015:
        return "zoom_in" if scale > 1 else "zoom_out"
    return "shake" if np.abs(shifts).max() >= 1.5 else "static"


def picture_motion(frames: np.ndarray, fps: int) -> float:
    """Mean absolute luma change between frames a quarter second apart, 0-255."""
    lag = max(1, fps // 4)
    if len(frames) <= lag:
        return 0.0
    diffs = [float(np.abs(gray(frames[i]) - gray(frames[i + lag])).mean()) for i in range(0, len(frames) - lag, lag)]
    return float(np.mean(diffs))


def frame_lumas(frames: np.ndarray) -> np.ndarray:
    return np.array([float(gray(f, 96).mean()) / 255.0 for f in frames])
