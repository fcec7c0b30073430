"""Narrative values a viewer would read off a measured scene: mood, scene type and setting, from what extraction
measured (luminance and contrast, palette, motion energy, cut rate, tempo, loudness), never from the prompt.

``observed_narrative(scene)`` returns values of the narrative vocabulary (origins.vocabulary.NARRATIVE);
``narrative_agreement(intended, observed)`` compares them with what a video was made to carry, per category.
The rules are stated here with their thresholds, in the units of extraction.scene (0-1 luminance, shares of the
frame, pixels of a 256-wide picture per second, BPM, dBFS); they are a reading, not a ground truth, which is why
the loop records the observed values beside the intended ones with their agreement.
"""

from __future__ import annotations

from collections.abc import Mapping

from motion_assets.extraction.scene import SceneMeasurement
from motion_assets.origins.vocabulary import NARRATIVE

#: Cut rate (joins per second) from which a video reads as a montage; camera or subject speed (pixels of a
#: 256-wide picture per second) from which it reads as action.
MONTAGE_JOINS_PER_S = 0.9
ACTION_PX_PER_S = 25.0
#: Palette shares (of the frame, over every shot) that make a setting: greys (stone, asphalt) for urban, greens,
#: yellows and oranges (grass, leaves, sand) for nature, blue and cyan under a dim picture for underwater, a
#: near-black picture for space.
URBAN_NEUTRAL_SHARE = 0.6
NATURE_SHARE = 0.2
UNDERWATER_BLUE_SHARE = 0.6
SPACE_LUMA = 0.08
OBSERVED_CATEGORIES = ("mood", "scene_type", "setting")


def _palette(scene: SceneMeasurement) -> dict[str, float]:
    """Share of the frame per hue family, weighted by each shot's length."""
    shares: dict[str, float] = {}
    frames = sum(max(1, s.end - s.start) for s in scene.shots) or 1
    for shot in scene.shots:
        weight = max(1, shot.end - shot.start) / frames
        for colour in shot.colours:
            shares[colour.family] = shares.get(colour.family, 0.0) + colour.share * weight
    return shares


def observed_narrative(scene: SceneMeasurement) -> dict[str, str]:
    """{"mood", "scene_type", "setting"} read off ``scene`` (empty for a video without a shot)."""
    if not scene.shots:
        return {}
    frames = sum(s.end - s.start for s in scene.shots) or 1
    luma = sum(s.look.luma * (s.end - s.start) for s in scene.shots) / frames
    contrast = sum(s.look.contrast * (s.end - s.start) for s in scene.shots) / frames
    warmth = sum(s.look.warmth * (s.end - s.start) for s in scene.shots) / frames
    neon = any(s.look.neon for s in scene.shots)
    monochrome = all(s.look.monochrome for s in scene.shots)
    energy = max(max(s.camera_px_per_s, s.subject_px_per_s) for s in scene.shots)
    cut_rate = len(scene.joins) / max(scene.duration_s, 1e-9)
    tempo = scene.tempo_bpm or 0.0
    palette = _palette(scene)
    fast = tempo >= 120 or energy >= ACTION_PX_PER_S or cut_rate >= MONTAGE_JOINS_PER_S

    if neon:
        mood = "moody"
    elif luma < 0.2:
        mood = "tense" if fast or contrast >= 0.2 else "dark" if monochrome else "mysterious"
    elif fast:
        mood = "energetic"
    elif luma >= 0.5 and warmth > 0.05:
        mood = "uplifting"
    elif warmth < -0.05 and luma < 0.4:
        mood = "melancholic"
    elif contrast < 0.08 and luma >= 0.35:
        mood = "dreamy"
    elif scene.silent or (scene.loudness_dbfs < -30 and tempo < 90):
        mood = "calm"
    else:
        mood = "neutral"

    first = scene.shots[0]
    if cut_rate >= MONTAGE_JOINS_PER_S or len(scene.shots) >= 3:
        scene_type = "montage"
    elif energy >= ACTION_PX_PER_S:
        scene_type = "action"
    elif first.camera == "zoom_in":
        scene_type = "closeup"
    elif len(scene.shots) == 1 and first.camera in ("static", "pan_left", "pan_right", "tilt_up", "tilt_down"):
        scene_type = "establishing"
    else:
        scene_type = "wide"

    blue = palette.get("blue", 0.0) + palette.get("cyan", 0.0)
    if luma < SPACE_LUMA and not neon:
        setting = "space"
    elif blue >= UNDERWATER_BLUE_SHARE and luma < 0.45:
        setting = "underwater"
    elif neon or palette.get("neutral", 0.0) >= URBAN_NEUTRAL_SHARE:
        setting = "urban"
    elif sum(palette.get(f, 0.0) for f in ("green", "yellow", "orange")) >= NATURE_SHARE:
        setting = "nature"
    else:
        setting = "exterior"
    observed = {"mood": mood, "scene_type": scene_type, "setting": setting}
    for category, value in observed.items():  # the rules may only name values of the vocabulary
        if value not in NARRATIVE[category]:
            raise ValueError(f"observed {category} {value!r} is not in the narrative vocabulary")
    return observed


def narrative_agreement(intended: Mapping[str, str], observed: Mapping[str, str]) -> dict[str, dict]:
    """{category: {"intended", "observed", "agrees"}} for each category both name."""
    return {category: {"intended": intended[category], "observed": observed[category],
                       "agrees": intended[category] == observed[category]}
            for category in OBSERVED_CATEGORIES if category in intended and category in observed}
