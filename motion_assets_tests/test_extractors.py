"""Each extractor against rendered ground truth: every type of every dynamic category, every sound cell through
the WAV and the MP4, and the adversarial cases (silence beside faint noise, a pan versus a truck)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import soundfile

from motion_assets.creation.build import SOUND_LEAD_IN_FRAMES, all_sound_cells
from motion_assets.extraction.sound import classify_sound_segments
from motion_assets.loop.jobs import measure_media, measure_video, render_audio, render_video
from motion_assets.origins.vocabulary import (
    CAMERA_TYPES,
    COMPOSITION_BALANCES,
    GRADIENT_TYPES,
    LIGHTING_PRESETS,
    MOTION_RHYTHMS,
    NOISES,
    STRENGTH_LEVELS_PCT,
    TRANSITION_TYPES,
)
from motion_assets.rendering.audio import SAMPLE_RATE
from motion_assets.rendering.frames import render_frames
from motion_assets.verification.precision import expected_dynamic, measured_dynamic
from motion_assets_tests.conftest import make_spec

DYNAMIC_FIELDS = ["camera", "motion", "lighting", "transition", "gradient", "composition"]


def lossless_dynamic(spec):
    measured = measure_media(render_frames(spec), render_audio(spec), spec.fps)
    return expected_dynamic(spec), measured_dynamic(measured, spec.fps)


def spec_with(seed: int, **fields):
    return make_spec(seed=seed, explicit=DYNAMIC_FIELDS, **fields)


@pytest.mark.parametrize("camera", CAMERA_TYPES)
def test_every_camera_type_is_measured_from_pixels(camera):
    spec = spec_with(100 + CAMERA_TYPES.index(camera), camera=camera, tempo="medium")
    expected, measured = lossless_dynamic(spec)
    assert spec.scene.camera_type == camera
    assert measured["camera"] == expected["camera"]


@pytest.mark.parametrize("direction", ["left", "right"])
def test_pan_and_truck_are_told_apart_through_the_mp4(tmp_path, direction):
    """A pan shifts every depth layer alike; a truck moves the near layer faster (parallax)."""
    for camera in ("pan", "truck"):
        spec = spec_with(7, camera=camera, tempo="medium", motion={"speed": "slow", "rhythm": "steady",
                                                                    "direction": direction})
        record = render_video(spec, tmp_path / camera)
        measured = measured_dynamic(measure_video(record.mp4_path, spec.fps), spec.fps)
        assert measured["camera"] == {"type": camera, "speed": "medium"}


@pytest.mark.parametrize("gradient", GRADIENT_TYPES)
def test_every_gradient_type_and_strength(gradient):
    for offset, lighting in enumerate(("flat", "noir", "golden_hour")):
        spec = spec_with(200 + 3 * GRADIENT_TYPES.index(gradient) + offset, gradient=gradient, lighting=lighting)
        expected, measured = lossless_dynamic(spec)
        assert measured["gradient"] == expected["gradient"], lighting


@pytest.mark.parametrize("transition", TRANSITION_TYPES)
def test_every_transition_type_and_duration(transition):
    for seed in (300, 301):
        spec = spec_with(seed + 10 * TRANSITION_TYPES.index(transition), transition=transition)
        expected, measured = lossless_dynamic(spec)
        assert measured["transition"] == expected["transition"]


def test_every_lighting_preset_and_composition_balance():
    for index, (lighting, balance) in enumerate(zip(tuple(LIGHTING_PRESETS), COMPOSITION_BALANCES * 3)):
        spec = spec_with(400 + index, lighting=lighting, composition=balance)
        expected, measured = lossless_dynamic(spec)
        assert measured["lighting"] == expected["lighting"]
        assert measured["composition"] == expected["composition"]


@pytest.mark.parametrize("rhythm", MOTION_RHYTHMS)
def test_motion_speed_rhythm_and_direction(rhythm):
    for direction, speed in (("left", "slow"), ("up", "fast"), ("in", "medium"), ("out", "fast")):
        spec = spec_with(500 + MOTION_RHYTHMS.index(rhythm), camera="static",
                         motion={"speed": speed, "rhythm": rhythm, "direction": direction})
        expected, measured = lossless_dynamic(spec)
        assert measured["motion"] == expected["motion"], direction


def test_every_sound_cell_round_trips_through_the_wav_and_the_mp4(tmp_path):
    """The sound workflow's sweep holds every noise at every strength; both media give back exactly the spec."""
    seen = set()
    for sweep_index in range(3):
        spec = make_spec(seed=600 + sweep_index, workflow="sound", sweep_index=sweep_index)
        assert all(cell == ("silence", 0) for cell in spec.sound_cells[:SOUND_LEAD_IN_FRAMES])
        record = render_video(spec, tmp_path / str(sweep_index))
        samples, rate = soundfile.read(record.wav_path, dtype="float64")
        assert rate == SAMPLE_RATE
        expected = [tuple(cell) for cell in spec.sound_cells]
        assert classify_sound_segments(samples, rate, rate // spec.fps) == expected
        assert measure_video(record.mp4_path, spec.fps).sound_cells == expected
        seen.update(expected)
    assert seen == set(all_sound_cells())
    assert {noise for noise, _ in seen} == set(NOISES)


def test_silence_beside_the_faintest_noises_is_kept_apart(tmp_path):
    faintest = min(STRENGTH_LEVELS_PCT)
    cells = [("silence", 0)]
    for noise in NOISES[1:]:
        cells += [(noise, faintest), ("silence", 0)]
    cells += [("hiss", faintest)] * (24 - len(cells))
    spec = replace(make_spec(seed=700), sound_cells=tuple(cells[:24]))
    record = render_video(spec, tmp_path)
    assert classify_sound_segments(render_audio(spec), SAMPLE_RATE, SAMPLE_RATE // spec.fps) == cells[:24]
    assert measure_video(record.mp4_path, spec.fps).sound_cells == cells[:24]


def test_a_quiet_level_between_silence_and_the_faintest_strength_is_not_invented():
    """Audio at half the faintest level is not a cell the renderer makes: it reads as silence, never as a noise
    at a strength the vocabulary does not have."""
    spec = replace(make_spec(seed=701), sound_cells=tuple([("silence", 0)] + [("hum", 20)] * 23))
    audio = render_audio(spec) * np.float32(0.25)
    cells = classify_sound_segments(audio, SAMPLE_RATE, SAMPLE_RATE // spec.fps)
    assert set(cells) == {("silence", 0)}


@pytest.mark.parametrize("camera", ["tracking", "roll", "pan", "handheld", "dolly"])
def test_camera_is_measured_through_a_fade_to_black(camera):
    """Deep in a fade the texture is too dim to follow; the camera is read from the frames that show it."""
    spec = make_spec(seed=800, explicit=["camera", "transition"], camera=camera, transition="fade")
    expected, measured = lossless_dynamic(spec)
    assert spec.scene.transition_type == "fade"
    assert measured["camera"] == expected["camera"]
