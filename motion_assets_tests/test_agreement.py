"""Videos that match the prompt: creation realises the instruction's look, motion, camera and sound, and the
extractors confirm it from the rendered media."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from motion_assets.creation.build import RegistryState, RenderSettings, fully_explicit, gradient_colors
from motion_assets.creation.look import graded_look, look_bands
from motion_assets.loop.batches import LoopJob
from motion_assets.loop.jobs import make_spec, measure_media, render_audio
from motion_assets.rendering.frames import render_frames
from motion_assets.verification.agreement import agreement, explicit_fields

BASE = {"palette": [{"rgb": [200, 60, 40]}, {"rgb": [30, 90, 200]}], "mood": "calm", "tempo": "medium",
        "motion": {"speed": "medium", "rhythm": "steady", "direction": "none"}, "camera": "static",
        "gradient": "vertical", "lighting": "neutral", "transition": "cut", "composition": "balanced",
        "brightness": "balanced", "temperature": "neutral", "saturation": "balanced", "intensity": 0.5,
        "sound": {"presence": "ambient", "pitch": None, "noises": []}}


def rendered_agreement(instruction: dict, seed: int) -> dict:
    job = LoopJob(job_id=f"agree-{seed}", batch="generate", workflow="balanced", video_index=0, sweep_index=0,
                  seed=seed, prompt="test", job_order=f"agree-{seed}")
    spec = make_spec(job, fully_explicit(instruction), RegistryState(), RenderSettings())
    return agreement(instruction, measure_media(render_frames(spec), render_audio(spec), spec.fps), spec.fps)


def test_look_bands_classify_measured_values():
    assert look_bands(0.1, -0.2, 0.05) == {"brightness": "dark", "temperature": "cool", "saturation": "muted"}
    assert look_bands(0.5, 0.0, 0.2) == {"brightness": "balanced", "temperature": "neutral",
                                          "saturation": "balanced"}
    assert look_bands(0.7, 0.2, 0.5) == {"brightness": "bright", "temperature": "warm", "saturation": "vivid"}


def test_every_everyday_look_is_reached_under_neutral_light():
    """All 36 looks at every gradient strength: the graded gradient lands in the asked bands (dark and vivid at
    once is the one hard corner, and is reached too under neutral light)."""
    rng = np.random.default_rng(1)
    for brightness, temperature, saturation, strength in itertools.product(
            ("dark", "dim", "balanced", "bright"), ("cool", "neutral", "warm"), ("muted", "balanced", "vivid"),
            ("soft", "medium", "strong")):
        instruction = {**BASE, "brightness": brightness, "temperature": temperature, "saturation": saturation}
        start, end = (np.asarray(c) / 255.0 for c in gradient_colors(instruction, rng, "neutral", strength))
        look = look_bands(*graded_look(start, end - start, "neutral"))
        assert look == {"brightness": brightness, "temperature": temperature, "saturation": saturation}, strength


@pytest.mark.parametrize("look", [("dark", "cool", "muted"), ("bright", "warm", "vivid"), ("dim", "warm", "balanced"),
                                  ("balanced", "cool", "vivid")])
def test_rendered_video_shows_the_asked_look_motion_and_camera(look):
    brightness, temperature, saturation = look
    instruction = {**BASE, "brightness": brightness, "temperature": temperature, "saturation": saturation,
                   "camera": "pan", "motion": {"speed": "fast", "rhythm": "steady", "direction": "none"}}
    shown = rendered_agreement(instruction, seed=len(brightness) + len(temperature))
    assert all(value["agrees"] for value in shown.values()), shown
    assert {"brightness", "temperature", "saturation", "motion_speed", "camera"} <= set(shown)


@pytest.mark.parametrize("presence,pitch", [("ambient", "low"), ("ambient", "high"), ("sfx", "mid"),
                                            ("music", None), ("full", "low"), ("silence", None)])
def test_rendered_sound_has_the_asked_presence_and_pitch(presence, pitch):
    instruction = {**BASE, "sound": {"presence": presence, "pitch": pitch, "noises": []}}
    shown = rendered_agreement(instruction, seed=11)
    assert shown["sound_presence"]["agrees"], shown
    if pitch:
        assert shown["sound_pitch"]["agrees"], shown


def test_loop_videos_are_held_only_to_what_their_prompt_named():
    assert explicit_fields({"explicit": ["camera", "sound"]}) == ["camera", "sound_presence", "sound_pitch"]
    assert explicit_fields({}) == []
