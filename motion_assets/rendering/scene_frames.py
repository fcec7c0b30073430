"""Scene spec -> frames, drawn by a GLSL fragment shader on an offscreen OpenGL context (Mesa's llvmpipe via EGL).

The shader (``shaders/scene.frag``) draws the sky, the setting, the weather and the subjects as smooth fields and
signed distances, so every edge is anti-aliased; this module only turns the spec into per-frame uniforms (camera,
subject positions, flashes) and joins the shots (cut, dissolve, fade, wipe). One context per process, created on
first use; frames come back as (frames, H, W, 3) uint8 RGB, top row first.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
from functools import lru_cache
from importlib import resources

import numpy as np

from motion_assets.creation.scene_spec import MAX_EXPOSURE, SceneVideoSpec, Shot
from motion_assets.origins.scenes import SCENE_SETTINGS, SUBJECT_KINDS

SUBJECT_INDEX = {kind: i for i, kind in enumerate(SUBJECT_KINDS)}
SETTING_INDEX = {setting: i for i, setting in enumerate(SCENE_SETTINGS)}
SUN_INDEX = {"none": 0, "sun": 1, "moon": 2}
FAR_PARALLAX = 0.55
#: Subjects whose light reaches sideways beyond their body's box (half widths, in their half heights): the
#: shader's LIGHTHOUSE_REACH.
BOX_REACH = {"lighthouse": 5.0}
_VERTEX = """
#version 330
in vec2 corner;
void main() { gl_Position = vec4(corner, 0.0, 1.0); }
"""


class SceneEngineError(RuntimeError):
    """The OpenGL engine cannot start (no EGL / Mesa on this machine)."""


@lru_cache(maxsize=1)
def _context():
    import moderngl

    try:
        context = moderngl.create_standalone_context(backend="egl")
    except Exception as error:  # moderngl raises plain Exceptions naming the missing library
        raise SceneEngineError(
            f"cannot start the scene renderer's OpenGL context ({error}); install Mesa's EGL and GL drivers "
            "(Debian: libegl1 libegl-mesa0 libgl1-mesa-dri)") from error
    return context


def _program(pass_name: str, constants: tuple[tuple[str, int | float], ...] = ()):
    """One pass of the scene shader with some of its uniforms made compile-time constants: the background pass per
    setting and per shot-wide look (sun, clouds, rain, stars, far mountains), the subject pass per subject kind, the
    finishing pass per weather. The compiler then drops the code those values switch off: llvmpipe runs both sides
    of branches it cannot prove uniform."""
    context = _context()
    source = resources.files("motion_assets.rendering").joinpath("shaders/scene.frag").read_text(encoding="utf-8")
    source = source.replace("#version 330", f"#version 330\n#define PASS_{pass_name}", 1)
    for name, value in constants:
        kind = "int" if isinstance(value, int) else "float"
        declared = f"uniform {kind} {name};"
        if declared not in source:
            raise SceneEngineError(f"the scene shader declares no {declared}")
        source = source.replace(declared, f"const {kind} {name} = {value!r};", 1)
    program = context.program(vertex_shader=_VERTEX, fragment_shader=source)
    corners = context.buffer(np.array([-1, -1, 3, -1, -1, 3], dtype="f4").tobytes())
    return program, context.vertex_array(program, [(corners, "2f", "corner")])


@lru_cache(maxsize=64)
def _background(setting: str, look: tuple[tuple[str, int | float], ...]):
    return _program("BACKGROUND", (("u_setting", SETTING_INDEX[setting]), *look))


@lru_cache(maxsize=len(SUBJECT_KINDS))
def _subject_pass(kind: str):
    return _program("SUBJECT", (("u_kind", SUBJECT_INDEX[kind]),))


@lru_cache(maxsize=16)
def _finish_pass(weather: tuple[tuple[str, float], ...]):
    return _program("FINISH", weather)


#: The per-shot uniforms each pass compiles in as constants.
BACKGROUND_CONSTANTS = ("u_sun_kind", "u_clouds", "u_rain", "u_stars", "u_far_mountains")
FINISH_CONSTANTS = ("u_fog", "u_rain", "u_snow")


@lru_cache(maxsize=4)
def _targets(width: int, height: int):
    """The half-float layer the background and subjects are drawn on, and the 8-bit frame the finish writes."""
    context = _context()
    layer = context.texture((width, height), 4, dtype="f2")
    return context.framebuffer(color_attachments=[layer]), layer, context.simple_framebuffer((width, height), components=3)


def engine_name() -> str:
    context = _context()
    return f"{context.info['GL_RENDERER']} / OpenGL {context.info['GL_VERSION']}"


def _seed_unit(*labels: object) -> float:
    digest = hashlib.sha256("/".join(map(str, labels)).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def camera_at(shot: Shot, t: float, duration: float, seed: int) -> tuple[float, float, float, float, float]:
    """(cam x, cam y, zoom, dolly, roll) at ``t`` of the shot's ``duration`` seconds, in the viewer's directions.

    Pan left turns the view left: the camera's x decreases, so the picture slides right. Zooming or dollying out
    starts close and ends on the framing a static shot has, so the whole scene is seen at the end.
    """
    x, y = shot.camera_start
    zoom = dolly = 1.0
    roll = 0.0
    rate = shot.camera_rate
    move = shot.camera_move
    if move == "pan_left":
        x -= rate * t
    elif move == "pan_right":
        x += rate * t
    elif move == "tilt_up":
        y += rate * t
    elif move == "tilt_down":
        y -= rate * t
    elif move == "zoom_in":
        zoom = math.exp(rate * t)
    elif move == "zoom_out":
        zoom = math.exp(rate * (duration - t))
    elif move == "dolly_in":
        dolly = math.exp(rate * t)
    elif move == "dolly_out":
        dolly = math.exp(rate * (duration - t))
    elif move == "orbit":
        x += rate * t
        roll = 0.04 * math.sin(t * 0.8)
    elif move == "shake":
        frame_key = round(t * 1000)
        x += rate * (_seed_unit(seed, "shake-x", frame_key) - 0.5)
        y += rate * (_seed_unit(seed, "shake-y", frame_key) - 0.5)
        roll = 0.3 * rate * (_seed_unit(seed, "shake-r", frame_key) - 0.5)
    return x, y, zoom, dolly, roll


#: How much of a dolly's move the far layers (sky, far hills, sky bodies) take: a dolly brings the near ground
#: closer and the distance only a little. A setting with nothing near (the sky, outer space) is all far layers,
#: and a dolly over it takes them all along: else the move the prompt asked for would hardly be seen.
FAR_DOLLY = 0.3
FAR_ONLY_SETTINGS = frozenset({"sky", "space"})


def far_dolly(shot: Shot) -> float:
    return 1.0 if shot.setting in FAR_ONLY_SETTINGS else FAR_DOLLY


def _subject_uniforms(shot: Shot, t: float) -> list[dict]:
    clock = t if shot.animate else 0.0
    out = []
    for s in shot.subjects:
        bob = s.bob * math.sin(clock * 1.3 + s.x * 5.0)
        out.append({"u_kind": SUBJECT_INDEX[s.kind], "u_place": (s.x + s.vx * clock, s.y + s.vy * clock + bob, s.size),
                    "u_tint": _unit(s.color), "u_pose": (float(s.facing), s.phase_rate * clock)})
    return out


def _set(program, values: dict) -> None:
    for name, value in values.items():
        if name in program:
            program[name].value = value


def _scissor(shot: Shot, subject_index: int, place: list[float], camera: tuple, width: int, height: int):
    """The pixel box (x, y, w, h; bottom-left origin) a subject can paint, its glow included."""
    cam_x, cam_y, zoom, dolly, roll = camera
    x, y, size = place
    in_sky = SUBJECT_KINDS[shot.subjects[subject_index].kind][0] == "sky"
    scale = zoom * (1.0 + (dolly - 1.0) * far_dolly(shot)) if in_sky else zoom * dolly
    cx, cy = (cam_x * FAR_PARALLAX, cam_y * FAR_PARALLAX) if in_sky else (cam_x, cam_y)
    dx, dy = (x - cx) * scale, (y - cy) * scale
    c, s = math.cos(roll), math.sin(roll)
    sx, sy = c * dx - s * dy, s * dx + c * dy
    half = 1.65 * size * scale * (abs(c) + abs(s))
    reach = BOX_REACH.get(shot.subjects[subject_index].kind, 1.65) / 1.65 * half
    left, right = int(math.floor((sx - reach) * height + width / 2)), int(math.ceil((sx + reach) * height + width / 2))
    bottom, top = int(math.floor((sy - half) * height + height / 2)), int(math.ceil((sy + half) * height + height / 2))
    left, bottom = max(left, 0), max(bottom, 0)
    right, top = min(right, width), min(top, height)
    return None if right <= left or top <= bottom else (left, bottom, right - left, top - bottom)


def render_shot_frame(shot: Shot, index: int, fps: int, width: int, height: int, seed: int,
                      gain: float = 1.0) -> np.ndarray:
    """One frame (H, W, 3) uint8 of ``shot`` at frame ``index``: background, subjects, then weather and grade."""
    import moderngl

    context = _context()
    layer_fbo, layer, frame_fbo = _targets(width, height)
    t = index / fps
    camera = camera_at(shot, t, shot.frames / fps, seed)
    cam_x, cam_y, zoom, dolly, roll = camera
    excluded = list(shot.grade.excluded_hues)
    flash = 1.0 if index in shot.lightning_frames else 0.6 if index - 1 in shot.lightning_frames else 0.0
    weather = set(shot.weather)
    common = {
        "u_res": (float(width), float(height)), "u_time": t if shot.animate else 0.0, "u_horizon": shot.horizon,
        "u_sky_top": _unit(shot.sky_top), "u_sky_low": _unit(shot.sky_low), "u_land": _unit(shot.land),
        "u_land_far": _unit(shot.land_far), "u_water": _unit(shot.water), "u_accent": _unit(shot.accent),
        "u_light": _unit(shot.light), "u_sun_kind": SUN_INDEX[shot.sun_kind], "u_sun_pos": tuple(shot.sun_pos),
        "u_sun_color": _unit(shot.sun_color), "u_stars": shot.stars, "u_windows_lit": shot.windows_lit,
        "u_clouds": 1.0 if "storm" in weather else 1.0 if "clouds" in weather else 0.35 if "rain" in weather else 0.0,
        "u_rain": 1.0 if "storm" in weather else 0.8 if "rain" in weather else 0.0,
        "u_snow": 1.0 if "snow" in weather else 0.0, "u_fog": 0.75 if "fog" in weather else 0.0,
        "u_flash": flash, "u_bolt_x": (_seed_unit(seed, "bolt", index) - 0.5) * 1.2,
        "u_cam": (cam_x, cam_y), "u_zoom": zoom, "u_dolly": dolly, "u_roll": roll,
        # A tilt or a shake turns the camera: the sky moves with the land (a pan keeps some depth by parallax).
        "u_far_follow": 1.0 if shot.camera_move in ("tilt_up", "tilt_down", "shake") else 0.55,
        "u_far_dolly": far_dolly(shot),
        "u_far_mountains": 1.0 if shot.far_mountains else 0.0,
    }
    look = tuple((name, int(common[name]) if name == "u_sun_kind" else float(common[name]))
                 for name in BACKGROUND_CONSTANTS)
    program, vao = _background(shot.setting, look)
    _set(program, common)
    layer_fbo.use()
    vao.render(vertices=3)

    if shot.subjects:
        context.enable(moderngl.BLEND)
        context.blend_func = moderngl.ONE, moderngl.ONE_MINUS_SRC_ALPHA
        for number, values in enumerate(_subject_uniforms(shot, t)):
            box = _scissor(shot, number, list(values["u_place"]), camera, width, height)
            if box is None:
                continue
            program, vao = _subject_pass(shot.subjects[number].kind)
            _set(program, common)
            layer_fbo.scissor = box
            _set(program, values)
            vao.render(vertices=3)
        layer_fbo.scissor = None
        context.disable(moderngl.BLEND)

    program, vao = _finish_pass(tuple((name, float(common[name])) for name in FINISH_CONSTANTS))
    _set(program, {**common, "u_layer": 0, "u_exposure": shot.grade.exposure,
                   "u_saturation": shot.grade.saturation, "u_warmth": shot.grade.warmth,
                   "u_mono": 1.0 if shot.grade.monochrome else 0.0, "u_gain": gain, "u_excluded": len(excluded),
                   "u_exclude": [tuple(r) for r in excluded] + [(0.0, 0.0)] * (8 - len(excluded))})
    layer.use(0)
    frame_fbo.use()
    vao.render(vertices=3)
    data = frame_fbo.read(components=3, alignment=1)
    return np.frombuffer(data, dtype=np.uint8).reshape(height, width, 3)[::-1]


def _unit(rgb) -> tuple[float, float, float]:
    return tuple(c / 255.0 for c in rgb)


def fade_gain(spec: SceneVideoSpec, frame: int) -> float:
    """The fade in/out multiplier of the whole video at ``frame`` (1 outside the fades)."""
    gain = 1.0
    if spec.fade_in_frames and frame < spec.fade_in_frames:
        gain = min(gain, frame / spec.fade_in_frames)
    if spec.fade_out_frames and frame >= spec.frame_count - spec.fade_out_frames:
        gain = min(gain, (spec.frame_count - 1 - frame) / spec.fade_out_frames)
    return max(gain, 0.0)


METER_SIZE = (128, 72)
METER_MAX_WARMTH = 0.9
#: Three passes, and more (up to METER_MAX_PASSES) while the last one still missed the target luma by more than
#: METER_CLOSE: a dark sky lifted tenfold clips its stars and bright parts, so each pass gains less than it asked.
METER_MAX_PASSES = 8
METER_CLOSE = 0.03
LUMA = np.array([0.299, 0.587, 0.114])


def metered(shot: Shot, fps: int, seed: int, size: tuple[int, int] = METER_SIZE) -> Shot:
    """``shot`` with the exposure that gives its grade's target mean luma and the warmth that makes its picture at
    least as warm (or cool) as its grade's target warmth (unchanged where the grade sets no target).

    The shot is metered on frames of ``size`` (the video's own size when it is rendered: rain and snow are drawn
    in pixels, so a smaller picture holds another share of them) at its start, middle and end, three times or
    more (METER_MAX_PASSES), so clipping is accounted for.
    A lightning flash and the frame after it are not metered: the viewer sees the light of the scene between
    flashes, and a white flash metered as one frame in three would pass a grade the rest of the shot does not show.
    Warmth is the picture's mean red minus blue (0-1); a warmth shift scales red up and blue down, so each pass
    moves it by the missing amount over the picture's mean red plus blue, up to METER_MAX_WARMTH (a blue
    underwater scene graded warm needs most of the shift).
    """
    target, warm_target = shot.grade.target_luma, shot.grade.target_warmth
    if target is None and warm_target is None:
        return shot
    exposure, warmth = 1.0 if target is not None else shot.grade.exposure, shot.grade.warmth
    flashed = {f for k in shot.lightning_frames for f in (k, k + 1)}
    steady = [i for i in range(shot.frames) if i not in flashed] or list(range(shot.frames))
    picks = sorted({steady[0], steady[len(steady) // 2], steady[-1]})
    for number in range(METER_MAX_PASSES):
        trial = dataclasses.replace(shot, grade=dataclasses.replace(shot.grade, exposure=exposure, warmth=warmth))
        frames = [render_shot_frame(trial, i, fps, *size, seed) for i in picks]
        rgb = np.concatenate([f.reshape(-1, 3) for f in frames]).astype(np.float64) / 255.0
        luma = float((rgb @ LUMA).mean())
        if target is not None:
            exposure = float(np.clip(exposure * target / max(luma, 1e-3), 0.05, MAX_EXPOSURE))
        if warm_target is not None:
            missing = warm_target - float((rgb[:, 0] - rgb[:, 2]).mean())
            if missing * warm_target > 0:  # not yet as warm (cool) as asked
                warmth = float(np.clip(warmth + missing / max(float((rgb[:, 0] + rgb[:, 2]).mean()), 0.05),
                                     -METER_MAX_WARMTH, METER_MAX_WARMTH))
        if number >= 2 and (target is None or abs(luma / target - 1) <= METER_CLOSE):
            break
    return dataclasses.replace(shot, grade=dataclasses.replace(shot.grade, exposure=round(exposure, 4),
                                                               warmth=round(warmth, 4)))


def render_scene_frames(spec: SceneVideoSpec) -> np.ndarray:
    """Every frame of ``spec``: its shots in order, joined as the spec says, with the video's fades."""
    frames = np.empty((spec.frame_count, spec.height, spec.width, 3), dtype=np.uint8)
    start = 0
    shots = tuple(metered(shot, spec.fps, spec.seed, (spec.width, spec.height)) for shot in spec.shots)
    spec = dataclasses.replace(spec, shots=shots)
    for number, shot in enumerate(spec.shots):
        for i in range(shot.frames):
            frames[start + i] = render_shot_frame(shot, i, spec.fps, spec.width, spec.height, spec.seed,
                                                  gain=fade_gain(spec, start + i))
        if number and spec.join != "cut" and spec.join_frames:
            _join(spec, frames, spec.shots[number - 1], start)
        start += shot.frames
    return frames


def _join(spec: SceneVideoSpec, frames: np.ndarray, previous: Shot, start: int) -> None:
    """Blend the first ``join_frames`` of the shot starting at ``start`` with the continuation of ``previous``."""
    n = min(spec.join_frames, spec.shots[0].frames, frames.shape[0] - start)
    for k in range(n):
        alpha = (k + 1) / (n + 1)
        frame = start + k
        if spec.join == "fade":
            # Through black: the old shot fades out over the first half, the new one in over the second.
            if alpha < 0.5:
                old = render_shot_frame(previous, previous.frames + k, spec.fps, spec.width, spec.height, spec.seed)
                frames[frame] = (old.astype(np.float32) * (1.0 - 2.0 * alpha)).round().astype(np.uint8)
            else:
                frames[frame] = (frames[frame].astype(np.float32) * (2.0 * alpha - 1.0)).round().astype(np.uint8)
            continue
        old = render_shot_frame(previous, previous.frames + k, spec.fps, spec.width, spec.height, spec.seed,
                                gain=fade_gain(spec, frame))
        if spec.join == "dissolve":
            mixed = old.astype(np.float32) * (1.0 - alpha) + frames[frame].astype(np.float32) * alpha
            frames[frame] = mixed.round().astype(np.uint8)
        else:  # wipe, left to right
            edge = int(round(alpha * spec.width))
            frames[frame, :, edge:] = old[:, edge:]
