"""A scene spec's fields as a viewer can check them, and the same fields measured from a video by
extraction.scene: what the scenes workflow's recovery check and benchmarks/scene_precision.py compare.

A field is present in ``expected_fields`` only where the spec decides it (a grade without warmth says nothing about
warm or cool; an orbit has no single direction a viewer would name).
"""

from __future__ import annotations

import numpy as np

from motion_assets.extraction.scene import KEY_BOUNDS

CAMERA_SEEN = {"dolly_in": "zoom_in", "dolly_out": "zoom_out"}


def _level(value: float) -> str:
    return ("dark", "dim", "balanced", "bright")[int(np.searchsorted(KEY_BOUNDS, value))]


def expected_fields(spec) -> dict:
    """The spec's value of every field that has one (a field is absent where the spec does not decide it)."""
    boundaries = [int(b) for b in np.cumsum([s.frames for s in spec.shots])[:-1]]
    grade = spec.shots[0].grade
    fields = {
        "joins": [(spec.join, b) for b in boundaries],
        "fade_in": spec.fade_in_frames, "fade_out": spec.fade_out_frames,
        "shot_count": len(spec.shots),
        "monochrome": grade.monochrome,
        "silence": spec.soundtrack.silent,
        "music": spec.soundtrack.music is not None,
    }
    if grade.target_luma is not None:
        fields["key"] = _level(grade.target_luma)
    if grade.target_warmth:
        fields["grade"] = "warm" if grade.target_warmth > 0 else "cool"
    move = spec.shots[0].camera_move
    if move not in ("orbit",):
        fields["camera"] = CAMERA_SEEN.get(move, move)
    if spec.soundtrack.music is not None:
        fields["tempo"] = spec.soundtrack.music.beat_bpm  # None: no beat to hear, and none may be measured
        fields["register"] = spec.soundtrack.music.register
    return fields


def measured_fields(scene) -> dict:
    first = scene.shots[0] if scene.shots else None
    return {
        "joins": [(j.kind, j.start, j.frames) for j in scene.joins],
        "fade_in": scene.fade_in_frames, "fade_out": scene.fade_out_frames,
        "shot_count": len(scene.shots),
        "monochrome": all(s.look.monochrome for s in scene.shots),
        "silence": scene.silent, "music": scene.music,
        "key": first.look.key if first else None, "grade": first.look.grade if first else None,
        "camera": first.camera if first else None,
        "tempo": scene.tempo_bpm, "register": scene.pitch_register,
    }


def field_correct(name: str, expected, measured, join_frames: int) -> bool:
    if name == "joins":
        if len(expected) != len(measured):
            return False
        tolerance = 1 if join_frames == 0 else join_frames // 2 + 1
        return all(kind == m_kind and abs(start - m_start) <= tolerance
                   for (kind, start), (m_kind, m_start, _) in zip(expected, measured))
    if name in ("fade_in", "fade_out"):
        return abs(expected - measured) <= 1
    if name == "tempo":
        if expected is None:
            return measured is None
        return measured is not None and abs(measured / expected - 1) <= 0.04
    return expected == measured


def fields_agree(name: str, a, b) -> bool:
    if name == "joins":
        return [(k, s) for k, s, _ in a] == [(k, s) for k, s, _ in b] or (
            len(a) == len(b) and all(k1 == k2 and abs(s1 - s2) <= 1 for (k1, s1, _), (k2, s2, _) in zip(a, b)))
    if name in ("fade_in", "fade_out"):
        return abs(a - b) <= 1
    if name == "tempo":
        return (a is None and b is None) or (a is not None and b is not None and abs(a / b - 1) <= 0.02)
    return a == b


def scene_agreement(instruction, scene) -> dict[str, dict]:
    """{field: {"asked", "shown", "agrees"}} for what the prompt itself asked and a viewer can see or hear in the
    measured scene: brightness, monochrome, silence or music, the camera move, the number of shots."""
    explicit = set(instruction.get("explicit") or ())
    first = scene.shots[0] if scene.shots else None
    pairs: dict[str, tuple] = {}
    if "brightness" in explicit and instruction.get("brightness") and first is not None:
        pairs["brightness"] = (instruction["brightness"], first.look.key)
    if instruction.get("monochrome") is True:
        pairs["monochrome"] = (True, bool(scene.shots) and all(s.look.monochrome for s in scene.shots))
    presence = (instruction.get("sound") or {}).get("presence")
    if presence == "silence":
        pairs["silence"] = (True, scene.silent)
    elif instruction.get("music_genre"):
        pairs["music"] = (True, scene.music)
    move = instruction.get("camera_move")
    if "camera" in explicit and move and move != "orbit" and first is not None:
        pairs["camera"] = (CAMERA_SEEN.get(move, move), first.camera)
    if isinstance(instruction.get("shots"), int):
        pairs["shots"] = (instruction["shots"], len(scene.shots))
    return {field: {"asked": want, "shown": got, "agrees": want == got} for field, (want, got) in pairs.items()}
