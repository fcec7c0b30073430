"""What a scene video adds to the registries, from its measurement by extraction.scene (never from its spec).

Per shot: the dominant colours as static colour observations (full opacity, in the registry's colour cells), and
the shot's dynamic values (camera, lighting, subject motion); per video: its transition and its sound blend; a
silent window of the soundtrack is a ``silence`` observation of static_sound. The levels below turn measured
quantities into the registries' named levels; they are stated in the instrument's units (pixels of a 256-wide
picture per second, beats per minute) so any size and frame rate gives the same key.
"""

from __future__ import annotations

import numpy as np

from motion_assets.extraction.scene import SceneMeasurement, ShotMeasurement
from motion_assets.keys.canonical import canonical_key, sound_cell_key
from motion_assets.keys.color_space import canonical_cell
from motion_assets.loop.batches import LoopJob
from motion_assets.loop.jobs import _color_cell_fields, _row
from motion_assets.origins.scenes import REGISTRY_CAMERA_TYPES
from motion_assets.origins.vocabulary import TRANSITION_DURATIONS

#: Camera speed levels: slow under 12, medium under 40, fast above (px of a 256-wide picture per second).
CAMERA_SPEED_BOUNDS = (12.0, 40.0)
#: Subject speed levels against the picture: still under 2, slow under 10, medium under 30, fast above.
SUBJECT_SPEED_BOUNDS = (2.0, 10.0, 30.0)
#: Music tempo levels: slow under 90 bpm, medium under 120, fast above.
TEMPO_BOUNDS_BPM = (90.0, 120.0)
AMBIENT_PITCH = {"rumble": "low", "wash": "mid", "crackle": "mid", "hiss": "high", "none": "none"}


def _level(value: float, bounds: tuple[float, ...], names: tuple[str, ...]) -> str:
    return names[int(np.searchsorted(bounds, value))]


def lighting_preset(shot: ShotMeasurement) -> str:
    """The registry's lighting preset a viewer would name for the shot's look."""
    look = shot.look
    if look.monochrome:
        return "noir"
    if look.neon:
        return "neon"
    if look.golden_hour:
        return "golden_hour"
    if look.key in ("dark", "dim") and look.contrast_level == "high":
        return "moody"
    return "neutral"


def camera_value(shot: ShotMeasurement) -> dict:
    speed = _level(shot.camera_px_per_s, CAMERA_SPEED_BOUNDS, ("slow", "medium", "fast"))
    return {"type": REGISTRY_CAMERA_TYPES.get(shot.camera, "static"), "speed": speed}


def motion_value(shot: ShotMeasurement) -> dict:
    speed = _level(shot.subject_px_per_s, SUBJECT_SPEED_BOUNDS, ("still", "slow", "medium", "fast"))
    direction = "none" if speed == "still" or shot.subject_motion == "none" else shot.subject_motion
    return {"speed": speed, "rhythm": "steady", "direction": direction}


def transition_value(scene: SceneMeasurement) -> dict | None:
    """The first join between shots, or a fade at either end; None for one shot without fades."""
    if scene.joins:
        join = scene.joins[0]
        seconds = join.frames / scene.fps
    elif scene.fade_in_frames or scene.fade_out_frames:
        join = None
        seconds = max(scene.fade_in_frames, scene.fade_out_frames) / scene.fps
    else:
        return None
    kind = join.kind if join is not None else "fade"
    if kind == "cut":
        return {"type": "cut", "duration_ms": 0}
    nearest = min(TRANSITION_DURATIONS, key=lambda d: (abs(d - seconds), d))
    return {"type": kind, "duration_ms": int(round(nearest * 1000))}


def sound_value(scene: SceneMeasurement) -> dict:
    kinds = {w.kind for w in scene.sound if w.kind != "silence"}
    presence = "silence" if scene.silent or not kinds else "full" if len(kinds) > 1 else kinds.pop()
    if scene.music and scene.tempo_bpm is not None:
        tempo = _level(scene.tempo_bpm, TEMPO_BOUNDS_BPM, ("slow", "medium", "fast"))
    else:
        tempo = "slow"
    if scene.pitch_register is not None:
        pitch = scene.pitch_register
    else:
        ambient = [w.ambient for w in scene.sound if w.kind == "ambient"]
        pitch = AMBIENT_PITCH[max(sorted(set(ambient)), key=ambient.count)] if ambient else "none"
    return {"presence": presence, "tempo": tempo, "pitch": pitch}


def scene_values(scene: SceneMeasurement) -> list[tuple[int, str, dict]]:
    """(frame, category, key parameters) of every dynamic value measured: per shot, then per video (frame -1)."""
    values = []
    for shot in scene.shots:
        values += [(shot.start, "camera", camera_value(shot)),
                   (shot.start, "lighting", {"preset": lighting_preset(shot)}),
                   (shot.start, "motion", motion_value(shot))]
    transition = transition_value(scene)
    if transition is not None:
        values.append((-1, "transition", transition))
    values.append((-1, "sound", sound_value(scene)))
    return values


def scene_frame_discoveries(job: LoopJob, scene: SceneMeasurement) -> list[dict]:
    """Static observations: each shot's dominant colours, and ``silence`` for each silent sound window."""
    rows = []
    for shot in scene.shots:
        for colour in shot.colours:
            snapped, _ = canonical_cell(colour.rgb, 100)
            category, key, params, depth = _color_cell_fields(tuple(int(c) for c in snapped), 100)
            rows.append({"job_id": job.job_id, "job_order": job.job_order, "batch": job.batch,
                         "registry": "static_colors", "category": category, "key": key, "params": params,
                         "depth": depth, "observed": True, "frame": shot.start, "prompt": job.prompt})
    for window in scene.sound:
        if window.kind == "silence":
            rows.append(_row(job, "static_sound", "silence", sound_cell_key("silence", 0),
                             {"noise": "silence", "strength": 0}, {"silence": 100}, True,
                             int(round(window.start_s * scene.fps))))
    return rows


def scene_window_discoveries(job: LoopJob, scene: SceneMeasurement) -> list[dict]:
    return [_row(job, "dynamic_blends", category, canonical_key(category, params), params,
                 {str(next(iter(params.values()))): 100}, True, frame)
            for frame, category, params in scene_values(scene)]
