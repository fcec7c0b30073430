"""Per-window measurements from pixels: transition, camera, subject motion, composition and gradient.

A window is the whole clip (one loop video = one window). Every value is measured from the decoded frames; the spec
is never read. The lighting preset comes from the chart (frame_values.extract_lighting) and is used to undo the
grade before the gradient is fitted.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from motion_assets.origins.grading import undo_grade
from motion_assets.origins.probe_design import (
    ARC_LAYERS, BIRDS_EYE_RATE, CAMERA_SPEED_FACTOR, DOLLY_RATES, PAN_PX, PARALLAX, PULSE_CYCLES, ROLL_AMPLITUDE,
    ROTATE_RATE, SUBJECT_SPEED_BOUNDS_PX, TRACKING_TRAVEL, WAVE_CYCLES, WHIP_PAN_FACTOR, ZOOM_RATE, FrameLayout,
)
from motion_assets.origins.vocabulary import GRADIENT_SPAN

from motion_assets.extraction.picture import LUMA  # noqa: E402,F401
#: A frame whose luma contrast is under this fraction of the clip's median (deep in a fade) is not used for camera
#: motion.
FADE_MEASURABLE_CONTRAST = 0.4
#: Camera and subject measurements read every SUBSAMPLE-th pixel of the scene.
SUBSAMPLE = 2


@dataclass(frozen=True)
class WindowValues:
    transition_type: str
    transition_duration_ms: int
    camera_type: str
    camera_speed: str
    motion_speed: str
    motion_rhythm: str
    motion_direction: str
    composition: str
    centre_of_mass: tuple[float, float]
    gradient_type: str
    gradient_strength: str
    brightness: float
    warmth: float
    saturation: float


def scene_of(frames: np.ndarray) -> np.ndarray:
    layout = FrameLayout(frames.shape[2], frames.shape[1])
    return frames[:, : layout.scene_height]


# --- transition -----------------------------------------------------------------------------------------------

def extract_transition(scene: np.ndarray, fps: int) -> tuple[str, int, list[int]]:
    """(type, duration_ms, frames inside the transition) from per-column colour signatures.

    Shot B differs from shot A in every column (creation shifts its brightness), so each column's progress from
    A's signature (first frame) to B's (last frame) is measurable: a cut jumps, a dissolve moves all columns
    together, a wipe switches columns one after another; a fade dims towards black between the two.
    """
    columns = scene[:, ::4].astype(np.float32).mean(axis=1)  # (frames, width, 3); every 4th row is plenty
    brightness = columns.mean(axis=(1, 2))
    darkest = int(np.argmin(brightness))
    if brightness[darkest] < 0.5 * min(brightness[0], brightness[-1]):
        expected = np.where(np.arange(len(brightness)) <= darkest, brightness[0], brightness[-1])
        dimmed = np.flatnonzero(brightness < 0.97 * expected)
        frames = list(range(int(dimmed.min()), int(dimmed.max()) + 1))
        return "fade", _nearest_duration(len(frames), fps), frames
    first, last = columns[0], columns[-1]
    delta = last - first
    weight = (delta**2).sum(axis=-1)
    usable = weight > 0.25 * np.median(weight)
    progress = np.clip(((columns - first) * delta).sum(axis=-1)[:, usable] / weight[usable], 0.0, 1.0)
    mean_progress = progress.mean(axis=1)
    between = np.flatnonzero((mean_progress > 0.08) & (mean_progress < 0.92))
    if between.size == 0:
        jump = int(np.argmax(np.diff(mean_progress))) + 1
        return "cut", 0, [jump]
    frames = list(range(int(between.min()), int(between.max()) + 1))
    partial = ((progress[frames] > 0.2) & (progress[frames] < 0.8)).mean(axis=1)
    kind = "dissolve" if float(np.median(partial)) > 0.5 else "wipe"
    return kind, _nearest_duration(len(frames), fps), frames


def _nearest_duration(frames: int, fps: int) -> int:
    """The transition duration level (ms) whose frame count is nearest to ``frames``."""
    return min((250, 500), key=lambda ms: abs(round(ms / 1000.0 * fps) - frames))


# --- camera ---------------------------------------------------------------------------------------------------

def _block_spectra(scene_luma: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Windowed, mean-free spectra of a rows x cols grid of blocks in every frame: (frames, blocks, bh, bw//2+1)."""
    count, height, width = scene_luma.shape
    bh, bw = height // rows, width // cols
    blocks = scene_luma[:, : rows * bh, : cols * bw].reshape(count, rows, bh, cols, bw)
    blocks = blocks.transpose(0, 1, 3, 2, 4).reshape(count, rows * cols, bh, bw)
    blocks = blocks - blocks.mean(axis=(2, 3), keepdims=True)
    window = np.outer(np.hanning(bh), np.hanning(bw)).astype(np.float32)
    return np.fft.rfft2(blocks * window)


def _phase_shifts(previous: np.ndarray, current: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """Content shift (dx, dy) of each block from previous to current spectra, with sub-pixel peaks.

    ``previous``/``current``: (..., bh, bw//2+1) spectra; returns (..., 2).
    """
    h, w = shape
    cross = current * np.conj(previous)
    cross /= np.abs(cross) + 1e-9
    surface = np.fft.irfft2(cross, s=(h, w))
    flat = surface.reshape(-1, h, w)
    # A cut or fade inverts or scales the texture: the peak keeps its place but may turn negative.
    peaks = np.abs(flat.reshape(len(flat), -1)).argmax(axis=1)
    py, px = np.divmod(peaks, w)
    index = np.arange(len(flat))

    def refine(left, centre, right):
        denominator = left - 2 * centre + right
        safe = np.where(np.abs(denominator) < 1e-12, 1.0, denominator)
        return np.where(np.abs(denominator) < 1e-12, 0.0, 0.5 * (left - right) / safe)

    centre = flat[index, py, px]
    dx = px + refine(flat[index, py, (px - 1) % w], centre, flat[index, py, (px + 1) % w])
    dy = py + refine(flat[index, (py - 1) % h, px], centre, flat[index, (py + 1) % h, px])
    shifts = np.stack([(dx + w / 2) % w - w / 2, (dy + h / 2) % h - h / 2], axis=-1)
    return shifts.reshape(*surface.shape[:-2], 2)


def layer_motion(scene_luma: np.ndarray, valid_pairs: list[int]) -> np.ndarray:
    """Per valid frame pair and layer (far, near): similarity motion (a, d, b, c) of the content.

    dx = a + b*x - c*y, dy = d + c*x + b*y with (x, y) relative to the scene centre: a, d translation in pixels
    per frame, b the relative scale change, c the rotation in radians per frame. The far layer is the upper half
    of the scene, the near layer the lower half; each is a 2 x 4 grid of blocks.
    """
    _, height, width = scene_luma.shape
    rows, cols = 4, 4
    bh, bw = height // rows, width // cols
    result = np.zeros((len(valid_pairs), 2, 4))
    if not valid_pairs:
        return result
    spectra = _block_spectra(scene_luma, rows, cols)
    pairs = np.asarray(valid_pairs)
    shifts = SUBSAMPLE * _phase_shifts(spectra[pairs - 1], spectra[pairs], (bh, bw))  # (pairs, blocks, 2)
    centres = SUBSAMPLE * np.array([((c + 0.5) * bw - width / 2, (r + 0.5) * bh - height / 2)
                                    for r in range(rows) for c in range(cols)])
    for layer in (0, 1):
        members = slice(layer * 8, layer * 8 + 8)
        result[:, layer] = _fit_similarity_all(centres[members], shifts[:, members])
    return result


def _similarity_design(points: np.ndarray) -> np.ndarray:
    x, y = points[:, 0], points[:, 1]
    ones, zeros = np.ones_like(x), np.zeros_like(x)
    return np.concatenate([np.stack([ones, zeros, x, -y], axis=1), np.stack([zeros, ones, y, x], axis=1)])


def _fit_similarity_all(points: np.ndarray, shifts: np.ndarray) -> np.ndarray:
    """Least-squares similarity motion for every pair at once; pairs with an outlier block are refitted robustly."""
    design = _similarity_design(points)
    targets = np.concatenate([shifts[..., 0], shifts[..., 1]], axis=1)  # (pairs, 2 * blocks)
    params = targets @ np.linalg.pinv(design).T
    residual = np.hypot(*np.split(params @ design.T - targets, 2, axis=1))
    for n in np.flatnonzero(residual.max(axis=1) >= 1.5):
        params[n] = _fit_similarity(points, shifts[n])
    return params


def _fit_similarity(points: np.ndarray, shifts: np.ndarray) -> np.ndarray:
    keep = np.ones(len(points), dtype=bool)
    for _ in range(3):
        x, y = points[keep, 0], points[keep, 1]
        ones, zeros = np.ones_like(x), np.zeros_like(x)
        design = np.concatenate([np.stack([ones, zeros, x, -y], axis=1), np.stack([zeros, ones, y, x], axis=1)])
        target = np.concatenate([shifts[keep, 0], shifts[keep, 1]])
        params, *_ = np.linalg.lstsq(design, target, rcond=None)
        predicted = np.stack([params[0] + params[2] * points[:, 0] - params[3] * points[:, 1],
                              params[1] + params[3] * points[:, 0] + params[2] * points[:, 1]], axis=1)
        residual = np.hypot(*(predicted - shifts).T)
        worst = int(np.argmax(np.where(keep, residual, -1)))
        if residual[worst] < 1.5 or keep.sum() <= 5:
            break
        keep[worst] = False
    return params


def _speed_name(k: float) -> str:
    """The camera speed whose factor is nearest to ``k`` on a log scale."""
    return min(CAMERA_SPEED_FACTOR, key=lambda name: abs(np.log(max(k, 1e-6) / CAMERA_SPEED_FACTOR[name])))


def _profile_amplitude(values: np.ndarray, profile: np.ndarray) -> float:
    """Least-squares amplitude A of values ~ A * profile."""
    return float(np.dot(values, profile) / max(np.dot(profile, profile), 1e-12))


def _zoom_rate(relative: np.ndarray, elapsed: np.ndarray) -> float:
    """The constant r of a zoom s = 1 + r t (r > 0) or s = 1 / (1 + r t) (returned negative) from the measured
    relative scale change per frame, which is r / (1 + r t) in magnitude and so shrinks as the zoom goes on."""
    median = float(np.median(relative))
    if median >= 0:
        return float(np.median(relative / np.maximum(1.0 - relative * elapsed, 1e-3)))
    return -float(np.median(-relative / np.maximum(1.0 + relative * elapsed, 1e-3)))


def classify_camera(motion: np.ndarray, pair_frames: np.ndarray | None = None,
                    frame_count: int | None = None) -> tuple[str, str]:
    """Camera type and speed from per-pair layer motion (see layer_motion), robust to a few bad pairs.

    ``pair_frames`` are the later frames of the measured pairs (default 1, 2, ...) in a clip of ``frame_count``
    frames. Medians over pairs give each layer's typical motion; known time profiles (the eased tracking move, the
    oscillating roll) are fitted by least squares.
    """
    if pair_frames is None:
        pair_frames = np.arange(1, len(motion) + 1)
    pair_frames = np.asarray(pair_frames)
    frame_count = int(frame_count or pair_frames.max() + 1)
    pairs = frame_count - 1
    phase = (pair_frames - 0.5) / pairs  # the middle of each pair, 0-1 over the clip
    far, near = np.median(motion[:, 0], axis=0), np.median(motion[:, 1], axis=0)
    both = motion.mean(axis=1)
    a, d, b, c = (both[:, i] for i in range(4))
    if np.median(np.abs(c)) > 0.002:
        early = c[np.argsort(phase)[: max(1, len(c) // 5)]].mean()
        middle = c[np.argsort(np.abs(phase - 0.5))[: max(1, len(c) // 4)]].mean()
        if np.sign(early) != np.sign(middle):
            amplitude = abs(_profile_amplitude(c, np.cos(2 * np.pi * phase)))
            return "roll", _speed_name(amplitude / (ROLL_AMPLITUDE * 2 * np.pi / pairs))
        if abs(np.median(b)) > 0.002:
            return "birds_eye", _speed_name(abs(np.median(c)) / BIRDS_EYE_RATE)
        return "rotate", _speed_name(abs(np.median(c)) / ROTATE_RATE)
    if max(abs(far[2]), abs(near[2])) > 0.0015:
        ratio = abs(near[2]) / max(abs(far[2]), 1e-6)
        elapsed = pair_frames - 0.5
        if ratio > 2.5:
            return "dolly", _speed_name(_zoom_rate(motion[:, 1, 2], elapsed) / DOLLY_RATES[1])
        if abs(near[1]) > 1.0 and abs(near[1]) > 3 * abs(near[0]):
            return "crane", _speed_name(abs(near[1]) / (PARALLAX[1] * PAN_PX))
        rate = _zoom_rate(b, elapsed)
        return ("zoom", _speed_name(rate / ZOOM_RATE)) if rate > 0 else ("zoom_out", _speed_name(-rate / ZOOM_RATE))
    # Per layer: in an arc the two layers move in opposite directions and their average can be still.
    moves = np.maximum(np.hypot(motion[:, 0, 0], motion[:, 0, 1]), np.hypot(motion[:, 1, 0], motion[:, 1, 1]))
    if np.median(moves) < 0.5 and moves.max() < 3.0:
        return "static", "slow"
    sign_changes = np.count_nonzero(np.diff(np.sign(a[np.abs(a) > 0.3]))) + np.count_nonzero(
        np.diff(np.sign(d[np.abs(d) > 0.3]))
    )
    if sign_changes >= 4:
        return "handheld", _speed_name(float(np.median(np.hypot(np.abs(a), np.abs(d)))) / 2.0 / 1.3)
    horizontal = abs(far[0]) + abs(near[0]) >= abs(far[1]) + abs(near[1])
    axis = 0 if horizontal else 1
    f, n = far[axis], near[axis]
    if horizontal and np.sign(f) != np.sign(n) and min(abs(f), abs(n)) > 0.4:
        return "arc", _speed_name(abs(n) / (ARC_LAYERS[1] * PAN_PX))
    ratio = abs(n) / max(abs(f), 1e-6)
    if ratio > 2.0:
        return ("truck" if horizontal else "pedestal"), _speed_name(abs(n) / (PARALLAX[1] * PAN_PX))
    speeds = np.abs(both[:, axis])
    if horizontal:
        edge = np.concatenate([speeds[:3], speeds[-3:]]).mean()
        middle = np.median(speeds[np.argsort(np.abs(phase - 0.5))[: max(1, len(speeds) // 3)]])
        if edge < 0.5 * middle:
            return "tracking", _speed_name(abs(_profile_amplitude(speeds, np.sin(np.pi * phase))) / (TRACKING_TRAVEL * PAN_PX * np.pi / 4))
        if np.median(speeds) > 8.5:
            return "whip_pan", _speed_name(float(np.median(speeds)) / (WHIP_PAN_FACTOR * PAN_PX))
        return "pan", _speed_name(float(np.median(speeds)) / PAN_PX)
    return "tilt", _speed_name(float(np.median(speeds)) / PAN_PX)


# --- subject: motion and composition -------------------------------------------------------------------------

def _box_mean(values: np.ndarray, size: int) -> np.ndarray:
    pad = size // 2
    padded = np.pad(values, pad, mode="edge")
    integral = np.pad(padded.cumsum(axis=0).cumsum(axis=1), ((1, 0), (1, 0)))
    total = integral[size:, size:] - integral[:-size, size:] - integral[size:, :-size] + integral[:-size, :-size]
    return total / (size * size)


def subject_track(scene_luma: np.ndarray, frames: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Centre (x, y) in pixels and radius of the flat subject disc in each listed frame."""
    centres, radii = [], []
    step = SUBSAMPLE
    for t in frames:
        luma = scene_luma[t].astype(np.float64)
        variance = _box_mean(luma**2, 7) - _box_mean(luma, 7) ** 2
        flat = variance < 1.5
        ys, xs = np.nonzero(flat)
        ys, xs = ys * step + 0.5 * (step - 1), xs * step + 0.5 * (step - 1)
        if xs.size == 0:
            centres.append((np.nan, np.nan))
            radii.append(np.nan)
            continue
        # Stray flat texture spots lie far from the disc: keep the flat pixels around the median centre.
        mx, my = np.median(xs), np.median(ys)
        near = np.hypot(xs - mx, ys - my) < 0.2 * scene_luma.shape[2] * step
        xs, ys = xs[near], ys[near]
        centres.append((float(xs.mean()), float(ys.mean())))
        radii.append(float(np.sqrt(xs.size * step * step / np.pi)) + 7.0)
    return np.asarray(centres), np.asarray(radii)


def _wave_fit(times: np.ndarray, values: np.ndarray, period: float) -> tuple[float, float]:
    """(amplitude, R squared) of values ~ a sin + b cos at ``period`` frames plus a straight line."""
    omega = 2.0 * np.pi / period
    design = np.stack([np.sin(omega * times), np.cos(omega * times), np.ones_like(times), times], axis=1)
    params, *_ = np.linalg.lstsq(design, values, rcond=None)
    residual = values - design @ params
    linear = values - np.polyval(np.polyfit(times, values, 1), times)
    total = float(np.sum(linear**2))
    r2 = 1.0 - float(np.sum(residual**2)) / total if total > 1e-9 else 0.0
    return float(np.hypot(params[0], params[1])), r2


def _two_level(steps: np.ndarray, mean_step: float) -> bool:
    """True for stop-go steps: a quarter or more near zero, a quarter or more near twice the mean, little between."""
    low = steps < 0.35 * mean_step
    high = steps > 1.4 * mean_step
    if low.mean() < 0.25 or high.mean() < 0.25:
        return False
    return bool(np.std(steps[high]) < 0.3 * mean_step and np.std(steps[low]) < 0.3 * mean_step)


def _pulse_aligned(step_frames: np.ndarray, steps: np.ndarray, count: int) -> bool:
    """True when the steps go and stop in time with the pulse (three go-stop cycles a clip, going first).

    Measured radii of an approaching subject are coarse enough that irregular steps could look two-levelled;
    only a real pulse also keeps the beat.
    """
    beat = (np.sin(2.0 * np.pi * PULSE_CYCLES * step_frames / count) > 0).astype(np.float64)
    if beat.std() == 0 or np.std(steps) == 0:
        return False
    return float(np.corrcoef(beat, steps)[0, 1]) > 0.7


def classify_motion(frames: list[int], centres: np.ndarray, radii: np.ndarray, count: int) -> tuple[str, str, str]:
    """(speed, rhythm, direction) of the subject from its track in the listed frames (gaps allowed).

    Rhythms, as the renderer makes them: steady (constant steps), pulsing (stop-go: steps of zero and of twice the
    mean, three cycles a clip), wave (a sinusoidal sway, two cycles a clip: across the path, or in the size of an
    approaching subject), random (irregular steps and sway).
    """
    ok = ~np.isnan(centres[:, 0])
    times = np.asarray(frames, dtype=np.float64)[ok]
    centres, radii = centres[ok], radii[ok]
    if len(centres) < 4:
        return "still", "steady", "none"
    gaps = np.diff(times)
    steps = np.diff(centres, axis=0) / gaps[:, None]
    span = times[-1] - times[0]
    drift = (centres[-1] - centres[0]) / span
    growth = (radii[-1] - radii[0]) / span
    planar = float(np.hypot(*drift))
    if abs(growth) * 2.0 > planar and abs(growth) > 0.3:
        direction = "in" if growth > 0 else "out"
        along = np.diff(radii) / gaps * 2.0 * np.sign(growth)
        sway = radii
        sway_floor = 2.0
        speed_value = abs(growth) * 2.0
    else:
        if planar < 0.6:
            return "still", "steady", "none"
        if abs(drift[0]) >= abs(drift[1]):
            direction = "right" if drift[0] > 0 else "left"
            along, sway = steps[:, 0] * np.sign(drift[0]), centres[:, 1]
        else:
            direction = "down" if drift[1] > 0 else "up"
            along, sway = steps[:, 1] * np.sign(drift[1]), centres[:, 0]
        sway_floor = 6.0
        speed_value = planar
    slow_below, fast_from = SUBJECT_SPEED_BOUNDS_PX
    speed = "slow" if speed_value < slow_below else "medium" if speed_value < fast_from else "fast"
    mean_step = max(float(np.mean(along)), 1e-6)
    amplitude, fit = _wave_fit(times, sway, count / WAVE_CYCLES)
    sway_left = sway - np.polyval(np.polyfit(times, sway, 1), times)
    if amplitude >= sway_floor and fit >= 0.75:
        rhythm = "wave"
    elif _two_level(along, mean_step) and _pulse_aligned(times[1:], along, count):
        rhythm = "pulsing"
    elif np.std(along) > 0.3 * mean_step or np.std(sway_left) > sway_floor / 2.0:
        rhythm = "random"
    else:
        rhythm = "steady"
    return speed, rhythm, direction


def classify_composition(centres: np.ndarray, width: int, height: int) -> tuple[str, tuple[float, float]]:
    ok = ~np.isnan(centres[:, 0])
    x, y = (centres[ok].mean(axis=0) / np.array([width, height])) if ok.any() else (0.5, 0.5)
    dx, dy = x - 0.5, y - 0.5
    if max(abs(dx), abs(dy)) < 0.1:
        balance = "balanced"
    elif abs(dx) >= abs(dy):
        balance = "left_heavy" if dx < 0 else "right_heavy"
    else:
        balance = "top_heavy" if dy < 0 else "bottom_heavy"
    return balance, (round(float(x), 4), round(float(y), 4))


# --- gradient -------------------------------------------------------------------------------------------------

def classify_gradient(frames: np.ndarray, preset: str) -> tuple[str, str]:
    """Gradient type and strength band from scene frames (one or several, outside any transition).

    Each frame is ungraded and fitted by every gradient model with its own intercept; the model with the least
    error summed over the frames wins. The texture over the gradient moves with the camera while the gradient
    stays put, so several frames average the texture's disturbance out (one frame misread a soft gradient in
    about 1 clip in 75).
    """
    frames = np.asarray(frames)
    if frames.ndim == 3:
        frames = frames[None]
    _, height, width, _ = frames.shape
    step = 4
    ys, xs = np.mgrid[0:height:step, 0:width:step].astype(np.float32)
    features = {
        "vertical": ys / (height - 1),
        "horizontal": xs / (width - 1),
        "radial": np.hypot(xs - width / 2.0, ys - height / 2.0) / np.hypot(width / 2.0, height / 2.0),
        "angled": (xs / (width - 1) + ys / (height - 1)) / 2.0,
    }
    errors = dict.fromkeys(features, 0.0)
    slopes: dict[str, list[float]] = {kind: [] for kind in features}
    for frame in frames:
        graded = frame[::step, ::step]
        rgb = undo_grade(graded.astype(np.float32) / 255.0, preset)
        luma = rgb @ LUMA
        local = _box_mean(luma.astype(np.float64), 5)
        unclipped = ((graded > 2) & (graded < 253)).all(axis=-1)
        # Flat subject pixels carry no texture; clipped pixels cannot be ungraded.
        keep = ((np.abs(luma - local) > 0.002) & unclipped).ravel()
        target = rgb.reshape(-1, 3)[keep]
        for kind, feature in features.items():
            f = feature.ravel()[keep]
            design = np.stack([np.ones_like(f), f], axis=1)
            params, residual, *_ = np.linalg.lstsq(design, target, rcond=None)
            errors[kind] += float(residual.sum()) if residual.size else float(((design @ params - target) ** 2).sum())
            slopes[kind].append(float(np.linalg.norm(params[1])))
    best = min(errors, key=lambda kind: (errors[kind], kind))
    slope = float(np.median(slopes[best]))
    # The slope is the colour distance travelled across the scene: the nearest of the strengths' spans.
    strength = min(GRADIENT_SPAN, key=lambda name: abs(np.log(max(slope, 1e-6) / GRADIENT_SPAN[name])))
    return best, strength


# --- everything for one window -----------------------------------------------------------------------------

def extract_window(frames: np.ndarray, fps: int, lighting: str) -> WindowValues:
    scene = scene_of(frames)
    count, height, width, _ = scene.shape
    # Camera and subject are measured on every second pixel: the texture blocks (4 px) stay resolved, and it
    # costs a quarter of the work. Positions are converted back to full-resolution pixels.
    luma = scene[:, ::2, ::2].astype(np.float32) @ LUMA
    kind, duration, touched = extract_transition(scene, fps)
    # Both shots share texture and camera, so every pair serves the camera except where a fade has dimmed the
    # texture so far that the codec's noise outweighs it (measured: pans read as shaking there); the subject is
    # tracked outside the transition, where a wipe's edge could cut through it.
    contrast = luma.std(axis=(1, 2))
    visible = contrast >= FADE_MEASURABLE_CONTRAST * np.median(contrast)
    valid_pairs = [t for t in range(1, count) if visible[t] and visible[t - 1]] or list(range(1, count))
    steady_frames = [t for t in range(count) if t not in touched] if kind != "cut" else list(range(count))
    camera_type, camera_speed = classify_camera(layer_motion(luma, valid_pairs), np.asarray(valid_pairs), count)
    centres, radii = subject_track(luma, steady_frames)
    speed, rhythm, direction = classify_motion(steady_frames, centres, radii, count)
    balance, com = classify_composition(centres, width, height)
    sample = [steady_frames[int(i)] for i in np.linspace(0, len(steady_frames) - 1, min(4, len(steady_frames)))]
    gradient_type, gradient_strength = classify_gradient(scene[sample], lighting)
    # The look (brightness, temperature, saturation) is the opening shot's: the frames before a transition begins.
    opening = [t for t in range(count) if t < min(touched)] or [0]
    rgb = scene[opening, ::4, ::4].astype(np.float32) / 255.0
    brightness = float((rgb @ LUMA).mean())
    warmth = float((rgb[..., 0] - rgb[..., 2]).mean())
    saturation = float((rgb.max(axis=-1) - rgb.min(axis=-1)).mean())
    return WindowValues(kind, duration, camera_type, camera_speed, speed, rhythm, direction, balance, com,
                        gradient_type, gradient_strength, brightness, warmth, saturation)
