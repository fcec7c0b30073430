"""Rendering and extraction against rendered ground truth, lossless and through real MP4 files."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
from moviepy import VideoFileClip

from motion_assets.extraction.frame_values import extract_color_cells, extract_lighting
from motion_assets.loop.jobs import measure_video, render_audio, render_video
from motion_assets.rendering.encode import decode_frames
from motion_assets.rendering.frames import render_frames
from motion_assets_tests.conftest import make_spec


def expected_cells(spec):
    return [[((r, g, b), o) for r, g, b, o in frame] for frame in spec.color_cells]


def test_frames_are_deterministic_and_sized():
    spec = make_spec(seed=3)
    first, second = render_frames(spec), render_frames(spec)
    assert first.shape == (24, 512, 512, 3) and first.dtype == np.uint8
    assert hashlib.sha256(first.tobytes()).digest() == hashlib.sha256(second.tobytes()).digest()
    assert not np.array_equal(first, render_frames(make_spec(seed=4)))


def test_lossless_colour_cells_and_lighting_are_exact():
    for seed, lighting in enumerate(("noir", "neon", "golden_hour")):
        spec = make_spec(seed=seed, sweep_index=seed, lighting=lighting, explicit=["lighting"])
        frames = render_frames(spec)
        assert extract_color_cells(frames) == expected_cells(spec)
        assert extract_lighting(frames)[0] == lighting


def test_adversarial_neighbouring_cells_and_opacity_extremes_survive_the_mp4(tmp_path):
    spec = make_spec(seed=11)
    per_frame = spec.layout.cells_per_frame
    # Neighbouring grid levels side by side, opacity at 5 %, 95 % and 100 %, the clear cell.
    hard = [(102, 128, 153, 100), (128, 128, 153, 100), (102, 102, 153, 95), (102, 128, 153, 95),
            (0, 0, 0, 0), (255, 255, 255, 5), (0, 0, 0, 5), (255, 0, 0, 30), (230, 0, 0, 30)]
    cells = tuple(tuple(hard[(i + f) % len(hard)] for i in range(per_frame)) for f in range(spec.frame_count))
    from dataclasses import replace

    spec = replace(spec, color_cells=cells)
    record = render_video(spec, tmp_path)
    assert extract_color_cells(decode_frames(record.mp4_path)) == expected_cells(spec)


def test_fuzz_over_ten_thousand_random_cells_round_trips_exactly_through_the_mp4(tmp_path):
    """Every cell of the colour space can sit anywhere in the strip beside any other: 10,752 random cells (two fifths
    of them the cell an MP4 once misread, (230, 230, 204) at opacity 30, beside random neighbours) in four videos
    with different scenes above the strip come back exactly from the MP4."""
    from dataclasses import replace

    from motion_assets.keys.color_space import all_color_cells

    cells_all = all_color_cells()
    wrong, total = [], 0
    for seed in range(4):
        spec = make_spec(seed=1 + seed, sweep_index=1 + seed)
        rng = np.random.default_rng(1 + seed)
        picks = rng.integers(0, len(cells_all), size=(spec.frame_count, spec.layout.cells_per_frame))
        cells = tuple(tuple((230, 230, 204, 30) if rng.random() < 0.4 else (*cells_all[i][0], cells_all[i][1])
                            for i in row) for row in picks)
        spec = replace(spec, color_cells=cells)
        measured = extract_color_cells(decode_frames(render_video(spec, tmp_path / str(seed)).mp4_path))
        expected = expected_cells(spec)
        total += sum(len(frame) for frame in expected)
        wrong += [(seed, f, i, expected[f][i], measured[f][i]) for f in range(len(expected))
                  for i in range(len(expected[f])) if measured[f][i] != expected[f][i]]
    assert total >= 10_000
    assert not wrong, f"{len(wrong)} of {total} cells misread, first: {wrong[:5]}"


@pytest.mark.slow
def test_mp4_is_playable_h264_aac_and_round_trips_static_values(tmp_path):
    spec = make_spec(seed=5, sweep_index=2)
    record = render_video(spec, tmp_path)
    clip = VideoFileClip(record.mp4_path)
    try:
        assert tuple(clip.size) == (512, 512)
        assert round(clip.fps) == 24
        assert clip.audio is not None
        assert abs(clip.duration - 1.0) < 0.1
    finally:
        clip.close()
    import subprocess

    from motion_assets.rendering.encode import ffmpeg_exe

    probe = subprocess.run([ffmpeg_exe(), "-i", record.mp4_path], capture_output=True, text=True).stderr
    assert "Video: h264" in probe and "yuv420p" in probe and "Audio: aac" in probe
    measured = measure_video(record.mp4_path, spec.fps)
    assert measured.color_cells == expected_cells(spec)
    assert measured.lighting == spec.scene.lighting
    lossless_sounds = [c for c in spec.sound_cells]
    assert len(measured.sound_cells) == len(lossless_sounds)
    # Same spec, same bytes: video and audio.
    again = render_video(spec, tmp_path / "again")
    assert again.mp4_sha256 == record.mp4_sha256
    assert np.array_equal(render_audio(spec), render_audio(spec))


def test_bad_video_files_give_clear_errors(tmp_path):
    missing = tmp_path / "missing.mp4"
    with pytest.raises(ValueError, match="missing.mp4"):
        decode_frames(missing)
    corrupt = tmp_path / "corrupt.mp4"
    corrupt.write_text("not a video")
    with pytest.raises(ValueError, match="corrupt.mp4"):
        decode_frames(corrupt)


def test_wav_bytes_depend_on_the_samples_alone(tmp_path):
    """libsndfile stamps float WAVs with the wall-clock time; ours must not carry anything but the audio."""
    import time

    import soundfile

    from motion_assets.rendering.audio import write_wav

    audio = render_audio(make_spec(seed=8))
    first = write_wav(tmp_path / "first.wav", audio, 48000).read_bytes()
    time.sleep(1.1)
    second = write_wav(tmp_path / "second.wav", audio, 48000).read_bytes()
    assert first == second
    samples, rate = soundfile.read(tmp_path / "second.wav", dtype="float32")
    assert rate == 48000 and np.array_equal(samples, audio.astype(np.float32))


def test_videos_encoded_on_several_threads_are_the_bytes_of_a_serial_run(tmp_path):
    """A batch's videos encode and measure on the machine's cores: same files, same order, same measurements."""
    from motion_assets.loop.jobs import in_threads, render_videos

    specs = [make_spec(seed=seed) for seed in (21, 22, 23, 24)]
    serial = list(render_videos(specs, tmp_path / "serial", workers=1, then=lambda r: r.job_id))
    threaded = list(render_videos(specs, tmp_path / "threaded", workers=3, then=lambda r: r.job_id))
    assert [then for _, then in threaded] == [spec.job_id for spec in specs]
    assert [(r.mp4_sha256, r.wav_sha256, r.mp4_bytes) for r, _ in serial] == \
        [(r.mp4_sha256, r.wav_sha256, r.mp4_bytes) for r, _ in threaded]
    assert len({r.mp4_sha256 for r, _ in serial}) == len(specs)
    paths = [r.mp4_path for r, _ in threaded]
    measured = in_threads(lambda path: measure_video(path, 24), paths, workers=3)
    assert [m.color_cells for m in measured] == [measure_video(path, 24).color_cells for path in paths]
