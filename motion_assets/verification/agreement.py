"""Does the rendered video show what the prompt asked for? Instruction fields against values measured from pixels
and audio: brightness, temperature and saturation (creation.look bands), motion speed, camera type, and the sound's
presence and pitch.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from motion_assets.creation.look import look_bands
from motion_assets.loop.jobs import Measurements, sound_blend

AGREEMENT_FIELDS = ("brightness", "temperature", "saturation", "motion_speed", "camera", "sound_presence",
                    "sound_pitch")
#: Which instruction field (as listed in its ``explicit``) governs each agreement field.
GOVERNING_FIELD = {"brightness": "brightness", "temperature": "temperature", "saturation": "saturation",
                   "motion_speed": "motion", "camera": "camera", "sound_presence": "sound", "sound_pitch": "sound"}


def asked(instruction: Mapping) -> dict[str, str | None]:
    """The value of each agreement field the instruction asks for (None: no ask, e.g. no pitch named)."""
    motion = instruction.get("motion") or {}
    sound = instruction.get("sound") or {}
    return {"brightness": instruction.get("brightness"), "temperature": instruction.get("temperature"),
            "saturation": instruction.get("saturation"), "motion_speed": motion.get("speed"),
            "camera": instruction.get("camera"), "sound_presence": sound.get("presence"),
            "sound_pitch": sound.get("pitch")}


def shown(measured: Measurements, fps: int) -> dict[str, str]:
    """The same fields as measured from the video."""
    w = measured.window
    if w is None:
        raise ValueError("agreement needs per-window measurements (extraction focus window or all)")
    blend = sound_blend(measured.sound_cells, fps)
    return {**look_bands(w.brightness, w.warmth, w.saturation), "motion_speed": w.motion_speed,
            "camera": w.camera_type, "sound_presence": blend["presence"], "sound_pitch": blend["pitch"]}


def agreement(instruction: Mapping, measured: Measurements, fps: int,
              fields: Iterable[str] | None = None) -> dict[str, dict]:
    """{field: {"asked", "shown", "agrees"}} for each field asked for (``fields`` limits which are compared)."""
    wanted, got = asked(instruction), shown(measured, fps)
    chosen = AGREEMENT_FIELDS if fields is None else tuple(f for f in AGREEMENT_FIELDS if f in set(fields))
    return {field: {"asked": wanted[field], "shown": got[field], "agrees": wanted[field] == got[field]}
            for field in chosen if wanted[field] is not None}


def explicit_fields(instruction: Mapping) -> list[str]:
    """The agreement fields the prompt itself spoke to (a loop video explores the rest freely)."""
    explicit = set(instruction.get("explicit") or ())
    return [field for field in AGREEMENT_FIELDS if GOVERNING_FIELD[field] in explicit]
