"""extraction.scene measures what a scene video holds, on rendered scene MP4s and on clips ffmpeg made alone."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
from scipy import signal

from motion_assets.creation.scene_build import build_scene_spec
from motion_assets.creation.scene_spec import MusicPart, Soundtrack
from motion_assets.extraction.media import ffmpeg_exe
from motion_assets.extraction.narrative import narrative_agreement, observed_narrative
from motion_assets.extraction.scene import measure_scene_file, tempo_bpm
from motion_assets.extraction.scene_sound import beat_heard, measure_sound, music_pitch, pitch_register
from motion_assets.interpretation import interpret
from motion_assets.keys.cielab import delta_e2000, srgb_to_lab
from motion_assets.keys.music_register import MUSIC_REGISTER_NOTES, fold_into_register, register_of_pitch
from motion_assets.loop.jobs import render_video
from motion_assets.rendering.encode import encode_mp4
from motion_assets.rendering.soundtrack import synthesize_soundtrack


def lavfi_clip(out: Path, graph: str, audio: str | None = None, fps: int = 25) -> Path:
    """An MP4 made by ffmpeg alone: ``graph`` is a lavfi filtergraph whose video output is labelled [out0]."""
    command = [ffmpeg_exe(), "-y", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", graph]
    if audio:
        command += ["-f", "lavfi", "-i", audio, "-shortest", "-c:a", "aac", "-b:a", "192k"]
    command += ["-r", str(fps), "-c:v", "libx264", "-preset", "veryfast", "-crf", "12", "-pix_fmt", "yuv420p", str(out)]
    subprocess.run(command, check=True, capture_output=True)
    return out


def test_a_cut_between_flat_colours_and_their_dominant_colours(tmp_path):
    clip = lavfi_clip(tmp_path / "cut.mp4", "color=c=0xCC3333:s=160x96:d=1:r=25[a];color=c=0x3366CC:s=160x96:d=1:r=25[b];"
                      "[a][b]concat=n=2:v=1:a=0[out0]")
    scene = measure_scene_file(clip)
    assert [(j.kind, j.start) for j in scene.joins] == [("cut", 25)]
    assert len(scene.shots) == 2 and scene.silent
    for shot, rgb, family in zip(scene.shots, ((0xCC, 0x33, 0x33), (0x33, 0x66, 0xCC)), ("red", "blue")):
        top = shot.colours[0]
        assert top.share > 0.97 and top.family == family
        assert float(delta_e2000(srgb_to_lab(top.rgb), srgb_to_lab(rgb))) < 2.0
        assert top.cell.startswith("color:") or top.cell  # a registry colour cell key


@pytest.mark.filterwarnings("error:One of the clusters is empty")  # flat colours: k-means starts from distinct picks
@pytest.mark.parametrize("transition, kind", [("fade", "dissolve"), ("wipeleft", "wipe")])
def test_dissolves_and_wipes_made_by_xfade(tmp_path, transition, kind):
    graph = ("color=c=0xE0C040:s=192x108:d=2:r=25[a];color=c=0x204080:s=192x108:d=2:r=25[b];"
             f"[a][b]xfade=transition={transition}:duration=0.6:offset=1[out0]")
    scene = measure_scene_file(lavfi_clip(tmp_path / f"{transition}.mp4", graph))
    assert len(scene.joins) == 1, scene.joins
    join = scene.joins[0]
    assert join.kind == kind and abs(join.start - 25) <= 2 and abs(join.frames - 15) <= 3, join


def test_fade_in_a_pan_and_a_beat(tmp_path):
    # A frozen test pattern seen through a window sliding right (the camera pans right: the picture slides left),
    # faded in over half a second; a 880 Hz plink twice a second (120 BPM).
    graph = ("testsrc2=s=480x240:r=25,trim=end_frame=1,loop=loop=60:size=1,setpts=N/25/TB,"
             "crop=320:240:x='2*n':y=0,fade=t=in:st=0:d=0.48,trim=end_frame=60[out0]")
    plink = "aevalsrc='0.5*sin(2*PI*880*t)*exp(-30*mod(t\\,0.5))':s=48000:d=2.4"
    scene = measure_scene_file(lavfi_clip(tmp_path / "zoom.mp4", graph, plink))
    assert abs(scene.fade_in_frames - 12) <= 2 and scene.fade_out_frames == 0
    assert scene.shots[-1].camera == "pan_right"
    assert scene.music and scene.tempo_bpm == pytest.approx(120, rel=0.03) and scene.pitch_register == "high"


def test_tempo_is_the_pulse_a_listener_taps():
    rate = 48000
    t = np.arange(3 * rate) / rate

    def hits(bpm: float, hz: float, phase: float = 0.0) -> np.ndarray:
        since = np.mod(t - phase, 60.0 / bpm)
        return np.sin(2 * np.pi * hz * t) * np.exp(-25 * since)

    # A kick on every beat at 150 BPM under a clap on every other beat is heard at the kick's rate, not the clap's.
    assert tempo_bpm(hits(150, 60) + 1.5 * hits(75, 1800, 60 / 150), rate) == pytest.approx(150, rel=0.03)
    # Hi-hats on every eighth note over a kick on the quarters at 78 BPM (lofi) subdivide the beat: the kick's rate,
    # however loud the hats (they once read 156).
    hiss = signal.sosfilt(signal.butter(4, 6000 / (rate / 2), "high", output="sos"),
                          np.random.default_rng(7).standard_normal(len(t)))
    for hats in (0.5, 2.0):
        kick = np.sin(2 * np.pi * 55 * t) * np.exp(-12 * np.mod(t, 60 / 78))
        lofi = kick + hats * hiss * np.exp(-60 * np.mod(t, 30 / 78))
        assert tempo_bpm(lofi, rate) == pytest.approx(78, rel=0.03)
    # A steady noise that swells slowly (wind, surf) has no beat at all.
    swell = np.random.default_rng(3).standard_normal(len(t)) * (0.6 + 0.4 * np.sin(2 * np.pi * 0.3 * t))
    assert tempo_bpm(swell, rate) is None
    # Four sound effects spaced by chance (whooshes at cuts, thunder) over a held chord: periodic enough for the
    # autocorrelation (136 BPM), but their onsets keep no beat.
    chord = 0.2 * sum(np.sin(2 * np.pi * hz * t) for hz in (220, 277, 330))
    effects = np.zeros(len(t))
    for at in (0.6, 1.16, 1.6, 2.04):
        start, n = int(at * rate), int(0.3 * rate)
        effects[start:start + n] += np.random.default_rng(5).standard_normal(n) * np.exp(-np.arange(n) / (0.05 * rate))
    assert tempo_bpm(chord + effects, rate) is None


def test_a_held_pad_keeps_no_beat():
    # Ambient music: a low pad holding its chords for a bar, and a whoosh at a cut. Its texture once read 76 BPM.
    pad = MusicPart("ambient", 66, 46, "major", "low", -14.0)
    audio = synthesize_soundtrack(Soundtrack(music=pad, events=(("whoosh", 0.6, -20.0),)), 2.0, 611004512)
    sound = measure_sound(audio, 48000)
    assert sound.music and sound.tempo_bpm is None
    # A thunder clap under a high pad: the crack and its rolling rumble are two onsets, no beat (they read 76 BPM).
    pad = MusicPart("ambient", 66, 48, "major", "high", -14.0)
    audio = synthesize_soundtrack(Soundtrack(music=pad, events=(("thunder", 2.608, -6.0),)), 3.0, 621023575)
    sound = measure_sound(audio, 48000)
    assert sound.music and sound.tempo_bpm is None


def test_rock_under_rain_is_heard_in_quarter_notes():
    # High rock under a rain bed: the kick on 1 and the "and" of 3 repeats every three eighths (it read 85 BPM).
    rock = MusicPart("rock", 128, 50, "major", "high", -14.0)
    audio = synthesize_soundtrack(Soundtrack(beds=(("rain", -14.0),), music=rock, register="high"), 3.0, 1973610537)
    assert measure_sound(audio, 48000).tempo_bpm == pytest.approx(128, rel=0.03)


def test_slow_piano_under_a_thunder_roll():
    # The roll lifts a periodicity peak near 115 BPM its onsets do not keep: the piano's 72 is the beat (was none).
    piano = MusicPart("piano", 72, 48, "major", "mid", -14.0)
    audio = synthesize_soundtrack(Soundtrack(music=piano, events=(("thunder", 1.358, -6.0),)), 3.0, 1614553862)
    assert measure_sound(audio, 48000).tempo_bpm == pytest.approx(72, rel=0.03)


def test_lofi_with_a_melody_in_eighths_is_heard_at_the_kick_and_bass():
    # Lofi's vibraphone plays eighth notes, most of the power under 1.5 kHz; kick and bass keep the quarters (78
    # BPM, not the 156 the eighths once read).
    lofi = MusicPart("lofi", 78, 50, "major", "mid", -14.0)
    audio = synthesize_soundtrack(Soundtrack(music=lofi), 3.0, 2137964249)
    assert measure_sound(audio, 48000).tempo_bpm == pytest.approx(78, rel=0.03)


def test_a_beat_from_the_first_sample_is_heard_three_times_in_two_seconds():
    # A beat needs three onsets on its grid; a sound's first onset, at its first sample, is one of them.
    rate = 48000
    t = np.arange(2 * rate) / rate
    plucks = np.sin(2 * np.pi * 330 * t) * np.exp(-20 * np.mod(t, 60 / 78))
    assert tempo_bpm(plucks, rate) == pytest.approx(78, rel=0.03)
    assert tempo_bpm(np.concatenate([np.zeros(rate // 2), plucks[: 3 * rate // 2]]), rate) is None


def test_a_stray_onset_does_not_anchor_the_beat_grid():
    # Three beats of a 78 BPM pulse in two seconds from the first sample, and two clicks between them two beats
    # apart: the grid through the beats is the one the onsets fill (the grid through the first click missed a beat).
    rate = 48000
    t = np.arange(2 * rate) / rate

    def click(at: float, hz: float, decay: float) -> np.ndarray:
        return np.where(t >= at, np.sin(2 * np.pi * hz * (t - at)) * np.exp(-decay * (t - at)), 0.0)

    beat = 60 / 78
    audio = (sum(click(k * beat, 150, 40) for k in range(3))
             + 0.8 * click(0.35, 2000, 80) + 0.8 * click(0.35 + 2 * beat, 2000, 80))
    assert beat_heard(audio, rate, 78) and tempo_bpm(audio, rate) == pytest.approx(78, rel=0.03)


def test_pitch_register_is_where_the_notes_lie_under_a_noise_bed():
    rate = 48000
    t = np.arange(2 * rate) / rate
    noise = np.random.default_rng(4).standard_normal(len(t))

    def tone(midi: float, start: float = 0.0) -> np.ndarray:
        """A note with eight falling harmonics (a bright, instrument-like timbre), sounding from ``start``."""
        hz = 440.0 * 2 ** ((midi - 69) / 12)
        return sum(np.sin(2 * np.pi * k * hz * t) / k for k in range(1, 9)) * (t >= start)

    # A triad with its fifth, a bass note and a melody note later: the median of what sounds, not the octave
    # below a note and its fifth (which would explain both) nor the brightness of the timbre.
    for register in ("low", "mid", "high"):
        low, high = MUSIC_REGISTER_NOTES[register]
        notes = [fold_into_register(n, register) for n in (48, 52, 55, 60, 67)]
        assert all(low <= n < high for n in notes)
        music = sum(tone(n, 0.5 * (i == 4)) for i, n in enumerate(notes)) + 0.5 * noise
        assert pitch_register(music, rate) == register
        assert abs(music_pitch(music, rate) - sorted(notes)[2]) <= 2.5
    assert pitch_register(noise, rate) is None


@pytest.mark.filterwarnings("error:One of the clusters is empty")
def test_noise_beds_are_ambient_not_music(tmp_path):
    graph = "color=c=gray:s=64x64:d=2:r=25[out0]"
    brown = measure_scene_file(lavfi_clip(tmp_path / "brown.mp4", graph, "anoisesrc=color=brown:a=0.3:d=2"))
    white = measure_scene_file(lavfi_clip(tmp_path / "white.mp4", graph, "anoisesrc=color=white:a=0.3:d=2"))
    assert not brown.music and {w.ambient for w in brown.sound} == {"rumble"}
    assert not white.music and {w.ambient for w in white.sound} == {"hiss"}
    assert -30 < white.loudness_dbfs < -5


def scene_mp4(tmp_path: Path, prompt: str, seconds: float = 3.0, size=(256, 144), seed: int = 5,
              fps: int | None = None):
    spec = build_scene_spec(job_id="scene", seed=seed, prompt=prompt, instruction=interpret(prompt).to_dict(),
                            duration_s=seconds, size=size, **({"fps": fps} if fps else {}))
    return spec, measure_scene_file(Path(render_video(spec, tmp_path).mp4_path))


def test_a_horizon_stepping_one_row_is_no_cut(tmp_path):
    # A slow tilt over a sky gradient and a field clipped to flat green (a neon grade): the gradient slides
    # smoothly, the hard horizon steps down one row every sixth frame. Each step jumps in the mean like a cut, but
    # changes a few cells of the picture only.
    width, height, fps = 160, 90, 30
    frames = np.empty((2 * fps, height, width, 3), dtype=np.uint8)
    for k in range(len(frames)):
        rows = np.arange(height, dtype=np.float64)[:, None] - k / 6.0
        ramp = np.clip(rows / 40.0, 0.0, 1.0)
        frames[k] = np.stack([np.full_like(rows, 255.0), 60 + 70 * ramp, 140 - 80 * ramp], axis=-1).astype(np.uint8)
        frames[k, 38 + k // 6:] = (0, 255, 0)
    scene = measure_scene_file(encode_mp4(frames, fps, None, 48000, tmp_path / "steps.mp4"))
    assert scene.joins == () and len(scene.shots) == 1


@pytest.mark.parametrize("prompt, seconds, fps, size, seed", [
    ("the ocean, at golden hour, in fog, warm, with birdsong", 2.0, 30, (160, 90), 826313461),
    ("the ocean, at golden hour, zoom out, rain sounds", 4.0, 12, (224, 126), 360167417),
])
def test_light_swelling_on_a_near_wave_is_no_dissolve(tmp_path, prompt, seconds, fps, size, seed):
    # The near wave brightens and dims as it rolls under the low sun: across a window the bottom of the picture
    # changes as much as in a dissolve, but it kept changing before the window and goes on after it.
    spec, scene = scene_mp4(tmp_path, prompt, seconds=seconds, size=size, seed=seed, fps=fps)
    assert len(spec.shots) == 1 and spec.fade_in_frames == spec.fade_out_frames == 0
    assert scene.joins == () and len(scene.shots) == 1


def test_a_dissolve_with_lightning_in_it(tmp_path):
    # Two textured pictures dissolving over 16 frames, a lightning flash (and its afterglow) in the middle of it.
    width, height, fps = 192, 108, 25
    yy, xx = np.mgrid[0:height, 0:width] / np.array([height, width])[:, None, None]
    first = np.stack([90 + 80 * yy, 60 + 40 * np.sin(9 * xx), 150 - 60 * yy], axis=-1)
    second = np.stack([170 - 90 * xx, 140 + 50 * np.cos(7 * yy), 60 + 30 * xx], axis=-1)
    weights = np.clip((np.arange(3 * fps) - 30) / 17.0, 0.0, 1.0)
    frames = np.stack([(1 - w) * first + w * second for w in weights])
    frames[38] = 0.3 * frames[38] + 0.7 * 255
    frames[39] = 0.58 * frames[39] + 0.42 * 255
    rng = np.random.default_rng(3)
    frames = np.clip(frames + rng.normal(0, 2.0, frames.shape), 0, 255).astype(np.uint8)
    scene = measure_scene_file(encode_mp4(frames, fps, None, 48000, tmp_path / "storm.mp4"))
    assert [j.kind for j in scene.joins] == ["dissolve"], scene.joins
    assert abs(scene.joins[0].start - 31) <= 3


def test_rendered_scenes_cuts_music_tempo_and_look(tmp_path):
    spec, scene = scene_mp4(tmp_path, "neon city at night, electronic music, three shots with cuts")
    boundaries = list(np.cumsum([s.frames for s in spec.shots])[:-1])
    assert [j.kind for j in scene.joins] == ["cut"] * len(boundaries)
    assert [j.start for j in scene.joins] == boundaries
    assert scene.music and scene.tempo_bpm == pytest.approx(spec.soundtrack.music.tempo_bpm, rel=0.03)
    assert all(shot.look.key == "dark" for shot in scene.shots)
    # Observed narrative: three quick shots of a city read as a montage of an urban setting.
    observed = observed_narrative(scene)
    assert observed["scene_type"] == "montage" and observed["setting"] == "urban"
    assert narrative_agreement(spec.narrative, observed)["setting"] == {
        "intended": "urban", "observed": "urban", "agrees": True}

    spec, scene = scene_mp4(tmp_path, "black and white film noir street")
    assert all(shot.look.monochrome for shot in scene.shots)
    assert all(c.family == "neutral" for shot in scene.shots for c in shot.colours)
    assert observed_narrative(scene)["setting"] == "urban"


def test_rendered_scenes_fades_wipes_and_colours(tmp_path):
    spec, scene = scene_mp4(tmp_path, "green hills, fade in and out, birdsong")
    assert abs(scene.fade_in_frames - spec.fade_in_frames) <= 1 and abs(scene.fade_out_frames - spec.fade_out_frames) <= 1
    assert "green" in [c.family for c in scene.shots[0].colours[:2]]
    assert not scene.music and not scene.silent
    assert observed_narrative(scene)["setting"] == "nature"

    spec, scene = scene_mp4(tmp_path, "desert at noon, pan right, wipe between two shots")
    assert [j.kind for j in scene.joins] == ["wipe"]
    assert abs(scene.joins[0].start - spec.shots[0].frames) <= spec.join_frames // 2
    assert scene.shots[0].camera == "pan_right" and scene.shots[0].look.key == "bright"
    assert observed_narrative(scene) == {"mood": "neutral", "scene_type": "wide", "setting": "nature"}


def test_an_ffmpeg_zoom_and_local_motion_under_a_still_camera(tmp_path):
    # zoompan slowly enlarges a frozen test pattern about its centre (about 5 % a second): a zoom in.
    zoom = ("testsrc2=s=320x180:r=25,trim=end_frame=1,loop=loop=50:size=1,setpts=N/25/TB,"
            "zoompan=z='1+0.002*on':x='iw/2-iw/zoom/2':y='ih/2-ih/zoom/2':d=1:s=192x108:fps=25,trim=end_frame=50[out0]")
    assert measure_scene_file(lavfi_clip(tmp_path / "zoom.mp4", zoom)).shots[0].camera == "zoom_in"
    # A still pattern with a bright bar sliding right along its bottom third: local motion, not a pan.
    still = ("testsrc2=s=192x108:r=25,trim=end_frame=1,loop=loop=50:size=1,setpts=N/25/TB[bg];"
             "color=c=white:s=60x30:r=25:d=2[bar];[bg][bar]overlay=x='10+2*n':y=74,trim=end_frame=50[out0]")
    assert measure_scene_file(lavfi_clip(tmp_path / "still.mp4", still)).shots[0].camera == "static"


def test_a_dolly_over_the_sky_is_seen(tmp_path):
    # The sky holds only far layers: a dolly over it takes them along, so the move asked for is seen.
    spec, scene = scene_mp4(tmp_path, "the sky with clouds, slow dolly in", seconds=1.5, size=(128, 72))
    assert spec.shots[0].camera_move == "dolly_in" and scene.shots[0].camera == "zoom_in"
