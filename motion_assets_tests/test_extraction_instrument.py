"""Extraction is a measuring instrument: it imports nothing of the renderer or of creation, and it measures clips
that ffmpeg made on its own (lavfi sources), which the project never rendered."""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import numpy as np
import pytest

import motion_assets.extraction as extraction_package
from motion_assets.extraction.media import decode_frames, ffmpeg_exe, read_audio_track, video_fps
from motion_assets.extraction.sound import classify_sound_segments
from motion_assets.extraction.window_values import LUMA, classify_camera, layer_motion

FORBIDDEN = ("motion_assets.rendering", "motion_assets.creation", "motion_assets.defs", "motion_assets.loop",
             "motion_assets.verification")


def imported_modules(path: Path) -> set[str]:
    """Every module a source file imports, at any depth (also inside functions), resolved to absolute names."""
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from . import x inside motion_assets.extraction
                base = ["motion_assets", "extraction"][: max(0, 2 - node.level + 1)]
                names.add(".".join(base + ([node.module] if node.module else [])))
            else:
                names.add(node.module or "")
    return names


def test_no_extraction_module_imports_the_renderer_or_creation():
    modules = sorted(Path(extraction_package.__file__).parent.rglob("*.py"))
    assert len(modules) >= 4
    offending = {str(path.name): sorted(name for name in imported_modules(path)
                                        if any(name == f or name.startswith(f + ".") for f in FORBIDDEN))
                 for path in modules}
    assert {name: found for name, found in offending.items() if found} == {}


def ffmpeg_clip(out: Path, video_filter: str, audio_source: str | None, seconds: float, fps: int) -> Path:
    """An MP4 made by ffmpeg alone from lavfi sources (H.264 yuv420p, AAC)."""
    command = [ffmpeg_exe(), "-y", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", video_filter]
    if audio_source:
        command += ["-f", "lavfi", "-i", audio_source]
    command += ["-t", str(seconds), "-r", str(fps), "-c:v", "libx264", "-preset", "veryfast", "-crf", "12",
                "-pix_fmt", "yuv420p"]
    if audio_source:
        command += ["-c:a", "aac", "-b:a", "192k"]
    subprocess.run(command + [str(out)], check=True, capture_output=True)
    return out


def camera_of(frames: np.ndarray) -> tuple[str, str]:
    luma = frames[:, ::2, ::2].astype(np.float32) @ LUMA
    pairs = list(range(1, len(frames)))
    return classify_camera(layer_motion(luma, pairs), np.asarray(pairs), len(frames))


def test_an_ffmpeg_made_pan_and_sine_are_measured(tmp_path):
    # One frame of ffmpeg's test pattern (frozen, so its own animation does not move), seen through a window that
    # slides 2 px per frame: the camera pans at the probe's slow rate, at 30 fps, which the probe never
    # uses, and at a size it never uses.
    still = "testsrc2=size=640x480:rate=30,trim=end_frame=1,loop=loop=-1:size=1,setpts=N/30/TB"
    clip = ffmpeg_clip(tmp_path / "pan.mp4", f"{still},crop=384:320:x='2*n':y=80",
                       "sine=frequency=880:sample_rate=48000", 2.0, 30)
    frames = decode_frames(clip)
    assert frames.shape[1:] == (320, 384, 3) and len(frames) == 60
    assert video_fps(clip) == pytest.approx(30.0)
    assert camera_of(frames) == ("pan", "slow")
    audio = read_audio_track(clip, 48000)
    segments = classify_sound_segments(audio[4800:-4800], 48000, 1600)  # 30 fps: 1600 samples a frame
    # ffmpeg's sine is 1/8 of full scale: RMS 0.088, i.e. 88 % of the probe's reference, nearest level 80 %.
    assert segments and all(segment == ("tone", 80) for segment in segments)


def test_a_flat_colour_clip_is_static_and_silence_is_silence(tmp_path):
    clip = ffmpeg_clip(tmp_path / "flat.mp4", "color=c=0x336699:size=320x240:rate=25",
                       "anullsrc=channel_layout=mono:sample_rate=48000", 1.0, 25)
    frames = decode_frames(clip)
    assert len(frames) == 25
    assert np.abs(frames.reshape(-1, 3).mean(axis=0) - (0x33, 0x66, 0x99)).max() < 3
    audio = read_audio_track(clip, 48000)
    assert set(classify_sound_segments(audio, 48000, 1920)) == {("silence", 0)}
