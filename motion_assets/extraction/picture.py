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


#: Camera: pictures are compared as 128-wide grey copies (area-averaged, lightly blurred), frames CAMERA_LAG_S
#: apart, at up to CAMERA_PAIRS places in the shot.
CAMERA_WIDTH = 128
CAMERA_BLUR_PX = 1.0
CAMERA_LAG_S = 0.5
CAMERA_PAIRS = 5
#: Particles: bright specks and streaks narrower than this (pixels of a 256-wide picture) are not the scene.
PARTICLE_PX = 3.0
#: ... and narrower than this many pixels of the picture itself (a renderer draws specks at least a few pixels wide).
PARTICLE_MIN_PX = 5
#: Scales tried between two frames: a coarse pass, then a fine one around the best, then a parabolic fit.
CAMERA_COARSE_SCALES = tuple(float(v) for v in np.exp(np.linspace(np.log(0.85), np.log(1.18), 9)))
#: A zoom: the picture's width scales by at least ZOOM_MIN_PER_S (log scale per second) and scaling explains the
#: next frame better than a shift alone by ZOOM_MIN_GAIN (mean grey level, 0-255). The width only: a tilt over
#: layers at different depths stretches the picture vertically, not horizontally.
ZOOM_MIN_PER_S = 0.02
ZOOM_MIN_GAIN = 0.1
#: A pan or tilt moves the picture at least this fast (pixels per second of a 256-wide picture).
PAN_MIN_PX_PER_S = 2.0
#: Shake: the frame-to-frame shift jitters around its trend by at least this (pixels of a 256-wide picture).
SHAKE_MIN_JITTER_PX = 0.1


def subpixel_shift(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """(dx, dy) from grey picture ``a`` to ``b`` (same size) by phase correlation, the peak refined by a parabola:
    sub-pixel, in ``a``'s pixels, x right and y down."""
    window = np.outer(np.hanning(a.shape[0]), np.hanning(a.shape[1]))
    fa, fb = np.fft.fft2((a - a.mean()) * window), np.fft.fft2((b - b.mean()) * window)
    cross = fb * np.conj(fa)
    cross /= np.maximum(np.abs(cross), 1e-9)
    corr = np.fft.ifft2(cross).real
    h, w = corr.shape
    y, x = np.unravel_index(int(np.argmax(corr)), corr.shape)
    fx = x + _parabola_offset(corr[y, (x - 1) % w], corr[y, x], corr[y, (x + 1) % w])
    fy = y + _parabola_offset(corr[(y - 1) % h, x], corr[y, x], corr[(y + 1) % h, x])
    return (fx if fx <= w / 2 else fx - w), (fy if fy <= h / 2 else fy - h)


def _parabola_offset(minus: float, centre: float, plus: float) -> float:
    """Where a parabola through three equally spaced samples peaks (or dips), -0.5..0.5 from the centre one."""
    denominator = minus - 2 * centre + plus
    return float(np.clip(0.5 * (minus - plus) / denominator, -0.5, 0.5)) if abs(denominator) > 1e-12 else 0.0


def camera_gray(frame: np.ndarray, width: int = CAMERA_WIDTH) -> np.ndarray:
    """A ``width``-wide (at most) grey copy of ``frame``, area-averaged and blurred by CAMERA_BLUR_PX.

    Small bright things (snowflakes, raindrops, bubbles, sparks: narrower than PARTICLE_PX pixels of a 256-wide
    picture) are removed first by a grey opening: they move on their own, and a phase correlation, which weighs
    fine detail as much as coarse, would follow them instead of the land and sky the camera moves over.
    """
    factor = max(1, int(round(frame.shape[1] / width)))
    g = frame[: frame.shape[0] // factor * factor, : frame.shape[1] // factor * factor].astype(np.float32) @ LUMA
    size = max(PARTICLE_MIN_PX, int(round(PARTICLE_PX * frame.shape[1] / 256)))
    g = ndimage.grey_opening(g, size=(size, size))
    g = g.reshape(g.shape[0] // factor, factor, g.shape[1] // factor, factor).mean(axis=(1, 3))
    return ndimage.gaussian_filter(g, CAMERA_BLUR_PX)


def _aligned_error(a: np.ndarray, b: np.ndarray, scale: float) -> float:
    """Mean grey difference of ``b`` and ``a`` widened by ``scale`` about its centre and shifted onto ``b``
    (the middle three fifths)."""
    h, w = a.shape
    widened = ndimage.affine_transform(a, [1.0, 1 / scale], offset=[0.0, (w - w / scale) / 2], order=1,
                                       mode="nearest")
    dx, dy = subpixel_shift(widened, b)
    aligned = ndimage.shift(widened, (dy, dx), order=1, mode="nearest")
    core = (slice(h // 5, h - h // 5), slice(w // 5, w - w // 5))
    return float(np.mean(np.abs(aligned[core] - b[core])))


def width_scale(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """(scale, gain): how much wider ``b``'s picture is than ``a``'s (> 1: it grew), and how much better that
    scale (with the best shift) explains ``b`` than the shift alone (mean grey level)."""
    coarse = [_aligned_error(a, b, s) for s in CAMERA_COARSE_SCALES]
    k = int(np.argmin(coarse))
    low, high = CAMERA_COARSE_SCALES[max(0, k - 1)], CAMERA_COARSE_SCALES[min(len(coarse) - 1, k + 1)]
    fine = np.exp(np.linspace(np.log(low), np.log(high), 9))
    errors = [_aligned_error(a, b, s) for s in fine]
    j = int(np.argmin(errors))
    log_scale = float(np.log(fine[j]))
    if 0 < j < len(fine) - 1:
        log_scale += _parabola_offset(errors[j - 1], errors[j], errors[j + 1]) * float(np.log(fine[1] / fine[0]))
    return float(np.exp(log_scale)), _aligned_error(a, b, 1.0) - errors[j]


def camera_motion(frames: np.ndarray, fps: float) -> dict[str, float]:
    """The whole picture's motion over ``frames`` (one shot at ``fps``), as medians over the shot:

    ``vx``, ``vy``: pixels per second of a 256-wide picture (the picture sliding right, down); ``zoom``: the log
    scale of its width per second (> 0: it grows); ``zoom_gain``: how much better a scale explains the frames
    than a shift (mean grey level); ``jitter``: standard deviation of the frame-to-frame shift around its trend
    (pixels of a 256-wide picture).
    """
    count = len(frames)
    still = {"vx": 0.0, "vy": 0.0, "zoom": 0.0, "zoom_gain": 0.0, "jitter": 0.0}
    if count < 2:
        return still
    grays = [camera_gray(f) for f in frames]
    unit = 256.0 / grays[0].shape[1]
    lag = max(1, min(int(round(CAMERA_LAG_S * fps)), count - 1))
    seconds = lag / fps
    starts = np.unique(np.linspace(0, count - 1 - lag, min(CAMERA_PAIRS, count - lag)).round().astype(int))
    shifts = np.array([subpixel_shift(grays[i], grays[i + lag]) for i in starts])
    scales = np.array([width_scale(grays[i], grays[i + lag]) for i in starts])
    steps = np.array([subpixel_shift(grays[i], grays[i + 1]) for i in range(min(count - 1, int(2 * fps)))])
    jitter = float(np.sqrt(np.mean(np.var(np.diff(steps, axis=0), axis=0) / 2))) * unit if len(steps) > 2 else 0.0
    vx, vy = np.median(shifts, axis=0) * unit / seconds
    return {"vx": float(vx), "vy": float(vy), "zoom": float(np.median(np.log(scales[:, 0]))) / seconds,
            "zoom_gain": float(np.median(scales[:, 1])), "jitter": jitter}


def camera_move(frames: np.ndarray, fps: float) -> str:
    """The camera move a viewer sees: "pan_left" when the picture slides right, "tilt_up" when it slides down,
    "zoom_in" when it grows, "shake" when it jitters in place, else "static" (camera_motion of the shot)."""
    motion = camera_motion(frames, fps)
    vx, vy = motion["vx"], motion["vy"]
    speed = float(np.hypot(vx, vy))
    # A pan over layers at different depths, or over waves rolling in, stretches the picture a little too: a zoom
    # moves the picture's edges (128 px from the centre of a 256-wide picture) faster than the whole picture moves.
    if abs(motion["zoom"]) >= ZOOM_MIN_PER_S and motion["zoom_gain"] >= ZOOM_MIN_GAIN \
            and abs(motion["zoom"]) * 128 >= speed:
        return "zoom_in" if motion["zoom"] > 0 else "zoom_out"
    if speed >= PAN_MIN_PX_PER_S:
        if abs(vx) >= abs(vy):
            return "pan_left" if vx > 0 else "pan_right"
        return "tilt_up" if vy > 0 else "tilt_down"
    return "shake" if motion["jitter"] >= SHAKE_MIN_JITTER_PX else "static"


def picture_motion(frames: np.ndarray, fps: int) -> float:
    """Mean absolute luma change between frames a quarter second apart, 0-255."""
    lag = max(1, fps // 4)
    if len(frames) <= lag:
        return 0.0
    diffs = [float(np.abs(gray(frames[i]) - gray(frames[i + lag])).mean()) for i in range(0, len(frames) - lag, lag)]
    return float(np.mean(diffs))


def frame_lumas(frames: np.ndarray) -> np.ndarray:
    return np.array([float(gray(f, 96).mean()) / 255.0 for f in frames])
