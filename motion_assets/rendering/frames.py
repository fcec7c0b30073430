"""Spec -> frames, vectorised with numpy.

The scene is two depth layers of a seeded block texture (far above, near below) multiplied by a screen-space
gradient, a flat subject disc on top, a lighting grade over all of it, and one transition from shot A to shot B in
the middle of the clip. Camera moves transform the layers; moves that travel through space (truck, pedestal, dolly,
crane, arc) move the near layer more than the far one (parallax), moves that only turn or zoom the lens (pan, tilt,
zoom, roll, rotate) move both alike. Below the scene sits the swatch strip (see FrameLayout).
"""

from __future__ import annotations

import numpy as np

from motion_assets.creation.spec import SceneSpec, VideoSpec
from motion_assets.keys.seeds import derive_seed
from motion_assets.origins.grading import SHADE_AMPLITUDE, grade_uint8, to_uint8
from motion_assets.origins.probe_design import (
    ARC_LAYERS, BIRDS_EYE_RATE, CAMERA_SPEED_FACTOR, CRANE_ZOOM_RATE, DOLLY_RATES, HANDHELD_STEP_PX, MACROBLOCK,
    PAN_PX, PARALLAX, PULSE_CYCLES, ROLL_AMPLITUDE, ROTATE_RATE, SUBJECT_SPEED_PX, TRACKING_TRAVEL, WAVE_CYCLES,
    WHIP_PAN_FACTOR, ZOOM_RATE, FrameLayout, chart_inputs,
)

TEXTURE_TILE = 256  # a power of two: coordinates wrap with a bit mask
WORLD_OFFSET = 1 << 16
TEXTURE_BLOCK = 4
TEXTURE_AMPLITUDE = SHADE_AMPLITUDE
SUBJECT_RADIUS_FRACTION = 0.09
#: How far along the start->end colour line a gradient travels across the frame.
COMPOSITION_CENTRES = {
    "balanced": (0.5, 0.5),
    "left_heavy": (0.3, 0.5),
    "right_heavy": (0.7, 0.5),
    "top_heavy": (0.5, 0.3),
    "bottom_heavy": (0.5, 0.7),
}


def render_frames(spec: VideoSpec) -> np.ndarray:
    """All frames of ``spec`` as a (frames, height, width, 3) uint8 array. Deterministic."""
    layout = spec.layout
    frames = np.empty((spec.frame_count, spec.height, spec.width, 3), dtype=np.uint8)
    scene = render_scene(spec)
    frames[:, : layout.scene_height] = scene
    frames[:, layout.scene_height :] = render_strip(spec)
    return frames


# --- scene --------------------------------------------------------------------------------------------------

def render_scene(spec: VideoSpec) -> np.ndarray:
    s = spec.scene
    layout = spec.layout
    height, width, count = layout.scene_height, spec.width, spec.frame_count
    textures = [texture.ravel() for texture in _textures(spec.seed)]
    half = height // 2
    cx, cy = width / 2.0, height / 2.0
    layers = []
    for rows in (slice(0, half), slice(half, height)):
        ys, xs = np.mgrid[rows, 0:width].astype(np.float32)
        layers.append((rows, xs - np.float32(cx), ys - np.float32(cy)))
    cameras = camera_path(s, count, derive_seed(spec.seed, "camera"))
    gradients = (_gradient(s.gradient_type, s.gradient_colors, height, width) * 255.0,
                 _gradient(s.gradient_type, s.shot_b_colors, height, width) * 255.0)
    subjects = (np.asarray(s.subject_color, np.float32), np.asarray([255 - c for c in s.subject_color], np.float32))
    centres, radii = subject_path(s, count, width, height, derive_seed(spec.seed, "subject"))
    mix = transition_mix(s.transition_type, s.transition_duration_ms, count, spec.fps, width, height)
    out = np.empty((count, height, width, 3), dtype=np.uint8)
    shade = np.empty((height, width), dtype=np.float32)
    shots = (np.empty((height, width, 3), np.float32), np.empty((height, width, 3), np.float32))
    for t in range(count):
        for layer, (rows, dx, dy) in enumerate(layers):
            tx, ty, scale, angle = cameras[t, layer]
            cos, sin = np.float32(np.cos(angle) / scale), np.float32(np.sin(angle) / scale)
            # The offset keeps coordinates positive, so truncation is floor; the tile size is a power of two.
            u = (cos * dx - sin * dy + np.float32(cx + tx + WORLD_OFFSET)).astype(np.int32)
            v = (sin * dx + cos * dy + np.float32(cy + ty + WORLD_OFFSET)).astype(np.int32)
            u &= TEXTURE_TILE - 1
            v &= TEXTURE_TILE - 1
            v *= TEXTURE_TILE
            v += u
            shade[rows] = textures[layer].take(v)
        weight = mix[t]
        needed = (0,) if np.isscalar(weight) and weight == 0.0 else (1,) if np.isscalar(weight) and weight == 1.0 \
            else (0, 1)
        for shot in needed:
            np.multiply(gradients[shot], shade[..., None], out=shots[shot])
            _paint_disc(shots[shot], centres[t], radii[t], subjects[shot])
        if len(needed) == 1:
            frame = shots[needed[0]]
        else:
            frame = shots[0] * (np.float32(1.0) - weight) + shots[1] * weight
        if s.transition_type == "fade":
            frame = frame * np.float32(fade_gain(t, s.transition_duration_ms, count, spec.fps))
        out[t] = grade_uint8(np.rint(frame).astype(np.uint8), s.lighting)
    return out


def _paint_disc(frame: np.ndarray, centre: np.ndarray, radius: float, colour: np.ndarray) -> None:
    """Fill the subject disc with its flat colour, working only inside the disc's bounding box."""
    height, width, _ = frame.shape
    x0, x1 = max(int(centre[0] - radius) - 1, 0), min(int(centre[0] + radius) + 2, width)
    y0, y1 = max(int(centre[1] - radius) - 1, 0), min(int(centre[1] + radius) + 2, height)
    if x0 >= x1 or y0 >= y1:
        return
    ys, xs = np.ogrid[y0:y1, x0:x1]
    inside = (xs - centre[0]) ** 2 + (ys - centre[1]) ** 2 <= radius**2
    frame[y0:y1, x0:x1][inside] = colour


def _textures(seed: int) -> tuple[np.ndarray, np.ndarray]:
    blocks = TEXTURE_TILE // TEXTURE_BLOCK
    textures = []
    for layer in ("far", "near"):
        rng = np.random.default_rng(derive_seed(seed, "texture", layer))
        noise = rng.uniform(-1.0, 1.0, size=(blocks, blocks)).astype(np.float32)
        tile = np.kron(noise, np.ones((TEXTURE_BLOCK, TEXTURE_BLOCK), dtype=np.float32))
        textures.append(1.0 + TEXTURE_AMPLITUDE * tile)
    return textures[0], textures[1]


def _gradient(kind: str, colors, height: int, width: int) -> np.ndarray:
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    if kind == "vertical":
        position = ys / (height - 1)
    elif kind == "horizontal":
        position = xs / (width - 1)
    elif kind == "radial":
        r = np.hypot(xs - width / 2.0, ys - height / 2.0)
        position = r / r.max()
    else:  # angled: along the top-left to bottom-right diagonal
        position = (xs / (width - 1) + ys / (height - 1)) / 2.0
    start, end = (np.asarray(c, dtype=np.float32) / 255.0 for c in colors)
    # The colours are the two ends as shown; creation sets their distance from the strength (GRADIENT_SPAN).
    travel = position[..., None]
    return start * (1.0 - travel) + end * travel


def camera_path(scene: SceneSpec, count: int, seed: int) -> np.ndarray:
    """Per frame and layer (far, near): (tx, ty, scale, angle) of the world-to-screen transform."""
    k = CAMERA_SPEED_FACTOR[scene.camera_speed]
    t = np.arange(count, dtype=np.float64)
    p = t / max(count - 1, 1)
    path = np.zeros((count, 2, 4))
    path[:, :, 2] = 1.0
    v = PAN_PX * k
    kind = scene.camera_type
    if kind == "pan":
        path[:, :, 0] = (v * t)[:, None]
    elif kind == "whip_pan":
        path[:, :, 0] = (v * WHIP_PAN_FACTOR * t)[:, None]
    elif kind == "tilt":
        path[:, :, 1] = (v * t)[:, None]
    elif kind == "truck":
        path[:, 0, 0], path[:, 1, 0] = PARALLAX[0] * v * t, PARALLAX[1] * v * t
    elif kind == "pedestal":
        path[:, 0, 1], path[:, 1, 1] = PARALLAX[0] * v * t, PARALLAX[1] * v * t
    elif kind == "crane":
        path[:, 0, 1], path[:, 1, 1] = PARALLAX[0] * v * t, PARALLAX[1] * v * t
        path[:, :, 2] = (1.0 + CRANE_ZOOM_RATE * k * t)[:, None]
    elif kind == "arc":
        path[:, 0, 0], path[:, 1, 0] = ARC_LAYERS[0] * v * t, ARC_LAYERS[1] * v * t
    elif kind == "tracking":
        eased = (1.0 - np.cos(np.pi * p)) / 2.0
        path[:, :, 0] = (TRACKING_TRAVEL * v * (count - 1) * eased)[:, None] / 2.0
    elif kind == "zoom":
        path[:, :, 2] = (1.0 + ZOOM_RATE * k * t)[:, None]
    elif kind == "zoom_out":
        path[:, :, 2] = (1.0 / (1.0 + ZOOM_RATE * k * t))[:, None]
    elif kind == "dolly":
        path[:, 0, 2], path[:, 1, 2] = 1.0 + DOLLY_RATES[0] * k * t, 1.0 + DOLLY_RATES[1] * k * t
    elif kind == "roll":
        path[:, :, 3] = (ROLL_AMPLITUDE * k * np.sin(2.0 * np.pi * p))[:, None]
    elif kind == "rotate":
        path[:, :, 3] = (ROTATE_RATE * k * t)[:, None]
    elif kind == "birds_eye":
        path[:, :, 3] = (BIRDS_EYE_RATE * k * t)[:, None]
        path[:, :, 2] = (1.0 / (1.0 + ZOOM_RATE * k * t))[:, None]
    elif kind == "handheld":
        rng = np.random.default_rng(seed)
        steps = rng.choice([-1.0, 1.0], size=(count, 2)) * rng.uniform(*HANDHELD_STEP_PX, size=(count, 2)) * k
        steps[0] = 0.0
        jitter = np.cumsum(steps, axis=0)
        path[:, :, 0] = jitter[:, 0:1]
        path[:, :, 1] = jitter[:, 1:2]
    return path


def subject_path(scene: SceneSpec, count: int, width: int, height: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Centres (frames, 2) and radii (frames,) of the subject disc, centred on its composition point."""
    base_x, base_y = COMPOSITION_CENTRES[scene.composition]
    base = np.array([base_x * width, base_y * height])
    radius = SUBJECT_RADIUS_FRACTION * width
    speed = SUBJECT_SPEED_PX[scene.motion_speed]
    t = np.arange(count, dtype=np.float64)
    rng = np.random.default_rng(seed)
    rhythm = scene.motion_rhythm
    if rhythm == "pulsing":
        steps = speed * 2.0 * (np.sin(2.0 * np.pi * PULSE_CYCLES * t / count) > 0)
    elif rhythm == "random":
        # Evenly spread step sizes (mean 1) in a random order: irregular in every clip, never by chance nearly
        # constant (steady) or two-levelled (pulsing), as independent draws sometimes were.
        steps = speed * rng.permutation(np.linspace(0.1, 1.9, count))
    else:
        steps = np.full(count, speed)
    steps[0] = 0.0
    travel = np.cumsum(steps)
    travel -= travel.mean()
    centres = np.repeat(base[None, :], count, axis=0)
    radii = np.full(count, radius)
    direction = scene.motion_direction
    vectors = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}
    if direction in vectors and speed > 0:
        along = np.asarray(vectors[direction], dtype=np.float64)
        across = np.array([along[1], along[0]])
        centres = centres + travel[:, None] * along
        if rhythm == "wave":
            centres = centres + (12.0 * np.sin(2.0 * np.pi * WAVE_CYCLES * t / count))[:, None] * across
        elif rhythm == "random":
            centres = centres + np.cumsum(rng.uniform(-1.0, 1.0, size=count) * speed)[:, None] * across
    elif direction in ("in", "out") and speed > 0:
        # Approaching or receding: the radius carries the motion and its rhythm.
        sign = 1.0 if direction == "in" else -1.0
        radii = radius + sign * travel * 0.5
        if rhythm == "wave":
            radii = radii + 4.0 * np.sin(2.0 * np.pi * WAVE_CYCLES * t / count)
    return centres, radii


def transition_mix(kind: str, duration_ms: int, count: int, fps: int, width: int, height: int):
    """Per frame: the weight of shot B, a scalar or (height, width, 1) array for a wipe."""
    middle = count // 2
    frames = max(1, round(duration_ms / 1000.0 * fps))
    start = middle - frames // 2
    mix: list = []
    for t in range(count):
        progress = (t - start + 1) / (frames + 1)
        progress = min(max(progress, 0.0), 1.0)
        if kind == "cut":
            mix.append(1.0 if t >= middle else 0.0)
        elif kind == "wipe":
            if progress in (0.0, 1.0):
                mix.append(progress)
            else:
                edge = progress * width
                columns = (np.arange(width) < edge).astype(np.float32)
                mix.append(np.broadcast_to(columns[None, :, None], (height, width, 1)))
        elif kind == "fade":
            mix.append(1.0 if progress >= 0.5 else 0.0)
        else:
            mix.append(progress)
    return mix


def fade_gain(t: int, duration_ms: int, count: int, fps: int) -> float:
    """A fade goes through black: brightness falls to zero at the middle of the transition and rises again."""
    middle = count // 2
    frames = max(1, round(duration_ms / 1000.0 * fps))
    start = middle - frames // 2
    progress = (t - start + 1) / (frames + 1)
    if progress <= 0.0 or progress >= 1.0:
        return 1.0
    return abs(1.0 - 2.0 * progress)


# --- swatch strip ---------------------------------------------------------------------------------------------

def render_strip(spec: VideoSpec) -> np.ndarray:
    layout: FrameLayout = spec.layout
    rows = layout.strip_rows * MACROBLOCK
    strip = np.zeros((spec.frame_count, rows, spec.width, 3), dtype=np.uint8)
    cells = np.asarray(spec.color_cells, dtype=np.int64)  # (frames, slots, 4)
    rgb, opacity = cells[..., :3], cells[..., 3:4]
    over_black = (opacity * rgb + 50) // 100
    over_white = (opacity * rgb + (100 - opacity) * 255 + 50) // 100
    per_row = spec.width // (2 * MACROBLOCK)
    pairs = np.stack([over_black, over_white], axis=2).astype(np.uint8)  # (frames, slots, 2, 3)
    pairs = pairs.reshape(spec.frame_count, layout.swatch_rows, per_row * 2, 3)
    blocks = pairs.repeat(MACROBLOCK, axis=1).repeat(MACROBLOCK, axis=2)
    strip[:, : layout.swatch_rows * MACROBLOCK] = blocks
    chart = grade_uint8(to_uint8(chart_inputs(spec.width)), spec.scene.lighting)
    strip[:, -MACROBLOCK:] = chart.repeat(MACROBLOCK, axis=0)[None, None, :, :]
    return strip
