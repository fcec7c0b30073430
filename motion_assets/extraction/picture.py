"""Generic measurements of a picture sequence: hue shares, chroma, luminance, saturation, warmth, bright points,
global shift by phase correlation, zoom, picture motion, per-frame luminance.

Works on any decoded video ((frames, H, W, 3) uint8 RGB), whatever made it.
"""

from __future__ import annotations

import numpy as np
import scipy

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

    local_max = scipy.ndimage.maximum_filter(luma, size=5)
    surround = scipy.ndimage.uniform_filter(luma, size=9)
    peaks = (luma == local_max) & (luma > threshold) & (luma - surround > 0.12)
    return int(scipy.ndimage.label(peaks)[1])


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
        zoomed = scipy.ndimage.affine_transform(ga, [1 / scale, 1 / scale], offset=[(h - h / scale) / 2, (w - w / scale) / 2],
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
#: The motion model is fitted on a pyramid of this many levels (each half the size of the one before), coarse
#: first, with at most MODEL_ITERATIONS Gauss-Newton steps per level; residuals beyond TUKEY_C robust deviations
#: (Tukey's biweight) do not count, so what moves on its own (waves, rain, a subject) does not drag the fit.
MODEL_LEVELS = 3
MODEL_ITERATIONS = 8
TUKEY_C = 4.685
#: The frame's outer MODEL_MARGIN (share of each side) is left out: what enters or leaves the picture has no match.
MODEL_MARGIN = 0.08
#: The scale terms stay within this (relative growth between the two frames compared).
MODEL_MAX_SCALE = 0.5
#: Bands: the picture is cut into MOTION_BANDS horizontal bands (sky, middle, ground), each band's shift fitted
#: alone; a band says something about a direction only when its mean squared grey gradient along it (weighted) is
#: at least BAND_MIN_INFORMATION (grey levels squared per pixel) and BAND_MIN_SHARE of the most any band has: a
#: flat sky says nothing about a pan over the textured land below it.
MOTION_BANDS = 3
BAND_MIN_INFORMATION = 0.005
BAND_MIN_SHARE = 0.1
#: A zoom: the picture's width scales by at least ZOOM_MIN_PER_S (log scale per second), its height does not
#: shrink while its width grows (by more than ZOOM_MAX_ANISOTROPY of the width's change), and its edges (128 px
#: from the centre of a 256-wide picture) move faster than the whole picture slides. The width decides: a tilt
#: over layers at different depths stretches the picture vertically, and waves rolling in towards the viewer
#: spread sideways while their rows close up, which no camera does.
ZOOM_MIN_PER_S = 0.025
ZOOM_MAX_ANISOTROPY = 0.5
#: A pan or tilt moves the picture at least this fast (pixels per second of a 256-wide picture).
PAN_MIN_PX_PER_S = 2.0
#: Shake: the frame-to-frame shift jitters around its trend by at least this (pixels of a 256-wide picture).
SHAKE_MIN_JITTER_PX = 0.14


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
    g = scipy.ndimage.grey_opening(g, size=(size, size))
    g = g.reshape(g.shape[0] // factor, factor, g.shape[1] // factor, factor).mean(axis=(1, 3))
    return scipy.ndimage.gaussian_filter(g, CAMERA_BLUR_PX)


def _half(picture: np.ndarray) -> np.ndarray:
    g = scipy.ndimage.gaussian_filter(picture, 1.0)
    h, w = g.shape[0] // 2 * 2, g.shape[1] // 2 * 2
    return g[:h, :w].reshape(h // 2, 2, w // 2, 2).mean(axis=(1, 3))


def _fit(a: np.ndarray, b: np.ndarray, params: np.ndarray, mask: np.ndarray, free: slice) -> tuple[np.ndarray, float, np.ndarray]:
    """Gauss-Newton with Tukey weights: the ``free`` ones of ``params`` (tx, ty, sx, sy, r) that best map ``a`` onto
    ``b`` inside ``mask``: a(x) = b(x + d(x)), d = (tx + sx X - r Y, ty + sy Y + r X) about the centre.

    Returns (params, robust cost, weighted mean squared gradient along x and y)."""
    h, w = a.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    x, y = xx - (w - 1) / 2, yy - (h - 1) / 2
    # The gradient of ``a`` stands for the warped ``b``'s (they match once the fit has converged): one gradient
    # per fit, not per step.
    ay, ax = np.gradient(a)
    params = params.astype(np.float64).copy()
    cost, information = np.inf, np.zeros(2)
    for iteration in range(MODEL_ITERATIONS):
        tx, ty, sx, sy, r = params
        px, py = xx + tx + sx * x - r * y, yy + ty + sy * y + r * x
        valid = mask & (px >= 0) & (px <= w - 1) & (py >= 0) & (py <= h - 1)
        if valid.sum() < 16:
            break
        warped = scipy.ndimage.map_coordinates(b, [py[valid], px[valid]], order=1, mode="nearest")
        gx, gy = ax[valid], ay[valid]
        error = warped - a[valid]
        xs, ys = x[valid], y[valid]
        jacobian = np.stack([gx, gy, gx * xs, gy * ys, gy * xs - gx * ys], axis=1)[:, free]
        spread = 1.4826 * float(np.median(np.abs(error - np.median(error)))) + 0.3
        c = TUKEY_C * spread
        # The first step weighs every pixel alike (the start may be far off); then the biweight.
        weight = np.ones_like(error) if iteration == 0 else np.where(np.abs(error) < c, (1 - (error / c) ** 2) ** 2, 0.0)
        weighted = jacobian * weight[:, None]
        step = -np.linalg.solve(weighted.T @ jacobian + 1e-6 * np.eye(jacobian.shape[1]), weighted.T @ error)
        params[free] += step
        # A picture does not halve or double in size between two frames: a step that says so has diverged.
        params[2:4] = np.clip(params[2:4], -MODEL_MAX_SCALE, MODEL_MAX_SCALE)
        cost = float(np.mean(np.minimum(np.abs(error), c)))
        information = np.array([np.sum(weight * gx * gx), np.sum(weight * gy * gy)]) / max(len(error), 1)
        if np.abs(step).max() < 1e-3:
            break
    return params, cost, information


def picture_model(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(tx, ty, sx, sy, r): the motion from grey picture ``a`` to ``b`` as one model over the whole picture, fitted
    robustly from coarse to fine (the robust multi-resolution estimation of Odobez and Bouthemy, 1995).

    tx, ty: the picture's shift at its centre (pixels of ``a``, x right, y down); sx, sy: how much its width and
    height grow (relative, > 0 when it grows); r: its turn (radians, clockwise on screen). Two starts are tried,
    no motion and the phase-correlation shift, and the one the biweight explains better is kept.
    """
    levels = [(a.astype(np.float64), b.astype(np.float64))]
    while len(levels) < MODEL_LEVELS and min(levels[-1][0].shape) >= 24:
        levels.append((_half(levels[-1][0]), _half(levels[-1][1])))
    best, best_cost = np.zeros(5), np.inf
    for start in (np.zeros(5), np.array([*subpixel_shift(a, b), 0.0, 0.0, 0.0])):
        params = start.copy()
        params[:2] /= 2 ** (len(levels) - 1)
        cost = np.inf
        for k in range(len(levels) - 1, -1, -1):
            la, lb = levels[k]
            params, cost, _ = _fit(la, lb, params, _inner(la.shape), slice(0, 5))
            if k:
                params[:2] *= 2
        if cost < best_cost:
            best, best_cost = params, cost
    return best


def _inner(shape: tuple[int, int], rows: tuple[int, int] | None = None) -> np.ndarray:
    h, w = shape
    mh, mw = max(1, int(MODEL_MARGIN * h)), max(1, int(MODEL_MARGIN * w))
    mask = np.zeros(shape, dtype=bool)
    top, bottom = rows if rows is not None else (mh, h - mh)
    mask[max(top, 1):min(bottom, h - 1), mw:w - mw] = True
    return mask


def band_shifts(a: np.ndarray, b: np.ndarray, model: np.ndarray) -> np.ndarray:
    """(MOTION_BANDS, 4): each horizontal band's own shift (tx, ty) with the picture's scale and turn kept, and how
    much it says about each direction (its weighted mean squared grey gradient along x and along y). The band
    starts both from the picture's shift and from none, and keeps the one the biweight explains better."""
    edges = np.linspace(0, a.shape[0], MOTION_BANDS + 1).round().astype(int)
    rows = []
    for top, bottom in zip(edges[:-1], edges[1:]):
        mask = _inner(a.shape, (int(top), int(bottom)))
        best = None
        for start in (model, np.r_[0.0, 0.0, model[2:]]):
            params, cost, information = _fit(a, b, start, mask, slice(0, 2))
            if best is None or cost < best[0]:
                best = (cost, params, information)
        rows.append([best[1][0], best[1][1], *best[2]])
    return np.asarray(rows)


def _agreed(values: np.ndarray, informative: np.ndarray) -> float:
    """The slide the whole picture agrees on: among the bands that can see it, the smallest one when all slide
    the same way, else none. A pan slides every layer the same way (the far ones slower); light shafts or waves
    moving over a still sea floor or under a still sky are not the camera."""
    seen = values[informative]
    if seen.size == 0 or not (np.all(seen > 0) or np.all(seen < 0)):
        return 0.0
    return float(seen[np.argmin(np.abs(seen))])


def camera_motion(frames: np.ndarray, fps: float) -> dict[str, float]:
    """The whole picture's motion over ``frames`` (one shot at ``fps``), as medians over the shot:

    ``vx``, ``vy``: the slide every band of the picture agrees on (band_shifts, _agreed), pixels per second of a
    256-wide picture (the picture sliding right, down); ``zoom``, ``stretch``: how fast the picture's width and
    height grow (log scale per second, > 0: it grows; picture_model); ``jitter``: robust standard deviation of the
    frame-to-frame shift around its trend (pixels of a 256-wide picture).
    """
    count = len(frames)
    still = {"vx": 0.0, "vy": 0.0, "zoom": 0.0, "stretch": 0.0, "jitter": 0.0}
    if count < 2:
        return still
    lag = max(1, min(int(round(CAMERA_LAG_S * fps)), count - 1))
    seconds = lag / fps
    starts = np.unique(np.linspace(0, count - 1 - lag, min(CAMERA_PAIRS, count - lag)).round().astype(int))
    stepped = min(count - 1, int(2 * fps))
    used = sorted({*starts.tolist(), *(starts + lag).tolist(), *range(stepped + 1)})
    grays = dict(zip(used, (camera_gray(frames[i]) for i in used)))
    unit = 256.0 / grays[0].shape[1]
    models, slides = [], []
    for i in starts:
        model = picture_model(grays[i], grays[i + lag])
        bands = band_shifts(grays[i], grays[i + lag], model)
        models.append(model)
        information = bands[:, 2:]
        informative = information >= np.maximum(BAND_MIN_INFORMATION, BAND_MIN_SHARE * information.max(axis=0))
        slides.append([_agreed(bands[:, axis], informative[:, axis]) for axis in (0, 1)])
    models, slides = np.asarray(models), np.asarray(slides)
    steps = np.array([subpixel_shift(grays[i], grays[i + 1]) for i in range(stepped)])
    jitter = 0.0
    if len(steps) > 2:
        # A robust spread (median absolute deviation): one step where the correlation followed a flash or a
        # flurry instead of the picture is no shake; a shake jitters every frame.
        turns = np.diff(steps, axis=0)
        spread = 1.4826 * np.median(np.abs(turns - np.median(turns, axis=0)), axis=0)
        jitter = float(np.sqrt(np.mean(spread ** 2) / 2)) * unit
    vx, vy = np.median(slides, axis=0) * unit / seconds
    return {"vx": float(vx), "vy": float(vy), "zoom": float(np.median(np.log1p(models[:, 2]))) / seconds,
            "stretch": float(np.median(np.log1p(models[:, 3]))) / seconds, "jitter": jitter}


def camera_move(frames: np.ndarray, fps: float) -> str:
    """The camera move a viewer sees: "pan_left" when the picture slides right, "tilt_up" when it slides down,
    "zoom_in" when it grows, "shake" when it jitters in place, else "static" (camera_motion of the shot)."""
    motion = camera_motion(frames, fps)
    vx, vy, zoom = motion["vx"], motion["vy"], motion["zoom"]
    speed = float(np.hypot(vx, vy))
    # A shaking camera also seems to zoom a little now and then; it is a shake while it jitters more from frame to
    # frame than the zoom moves the picture's edges (128 px from the centre of a 256-wide picture).
    shaking = motion["jitter"] >= SHAKE_MIN_JITTER_PX and motion["jitter"] >= abs(zoom) * 128 / fps
    if abs(zoom) >= ZOOM_MIN_PER_S and not shaking and abs(zoom) * 128 >= speed \
            and motion["stretch"] * np.sign(zoom) > -ZOOM_MAX_ANISOTROPY * abs(zoom):
        return "zoom_in" if zoom > 0 else "zoom_out"
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
