"""Soundtrack -> mono float samples: ambient beds synthesised with numpy/scipy, music played by FluidSynth.

Beds are shaped noise and tones that sound like what they name (waves swell and break, rain patters, birds chirp,
fire crackles, crickets pulse at night). Music is composed as a MIDI file (``mido``) for the part's genre, tempo,
key and register, and rendered offline by the ``fluidsynth`` program with a General MIDI soundfont from the
system's packages (Debian: fluidsynth, fluid-soundfont-gm). Every random choice comes from hashlib-derived seeds,
so the same spec always gives the same samples.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import mido
import numpy as np
import soundfile
import scipy  # its submodules load on first use: loading the definitions (each CLI call, code server, run) skips them

from motion_assets.creation.scene_spec import MusicPart, Soundtrack
from motion_assets.keys.music_register import fold_into_register
from motion_assets.rendering.audio import SAMPLE_RATE

SOUNDFONT_CANDIDATES = ("/usr/share/sounds/sf2/FluidR3_GM.sf2", "/usr/share/sounds/sf2/default-GM.sf2",
                        "/usr/share/soundfonts/FluidR3_GM.sf2", "/usr/share/soundfonts/default.sf2")
PEAK = 10 ** (-1.0 / 20)


class MusicEngineError(RuntimeError):
    """FluidSynth or its General MIDI soundfont is missing."""


def _rng(seed: int, *labels: object) -> np.random.Generator:
    digest = hashlib.sha256("/".join(map(str, (seed, *labels))).encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "big"))


def _band(x: np.ndarray, low: float | None, high: float | None, order: int = 4) -> np.ndarray:
    nyquist = SAMPLE_RATE / 2
    if low and high:
        sos = scipy.signal.butter(order, [low / nyquist, high / nyquist], btype="band", output="sos")
    elif low:
        sos = scipy.signal.butter(order, low / nyquist, btype="high", output="sos")
    else:
        sos = scipy.signal.butter(order, high / nyquist, btype="low", output="sos")
    return scipy.signal.sosfilt(sos, x)


def _norm(x: np.ndarray) -> np.ndarray:
    rms = float(np.sqrt(np.mean(x ** 2))) if x.size else 0.0
    return x / rms if rms > 1e-12 else x


def _lfo(n: int, hz: float, phase: float) -> np.ndarray:
    return 0.5 + 0.5 * np.sin(2 * np.pi * hz * np.arange(n) / SAMPLE_RATE + phase)


def _chirp(duration: float, f0: float, f1: float) -> np.ndarray:
    t = np.arange(int(duration * SAMPLE_RATE)) / SAMPLE_RATE
    tone = scipy.signal.chirp(t, f0, duration, f1, method="logarithmic")
    return tone * np.hanning(len(t))


def _scatter(n: int, rng: np.random.Generator, per_second: float, sound) -> np.ndarray:
    """``sound`` about ``per_second`` times a second, at least once, spread over the clip with a seeded jitter
    (a Poisson count could leave a short clip without a single bird or car: a listener would hear none)."""
    out = np.zeros(n)
    count = max(1, int(round(per_second * n / SAMPLE_RATE)))
    slot = max(n, 1) / count
    for start in ((np.arange(count) + rng.uniform(0.0, 1.0, size=count)) * slot).astype(np.int64):
        piece = sound(rng)
        end = min(n, start + len(piece))
        out[start:end] += piece[: end - start]
    return out


def bed(name: str, n: int, seed: int) -> np.ndarray:
    """``n`` samples of the named ambient bed at unit RMS."""
    rng = _rng(seed, "bed", name)
    white = rng.standard_normal(n + SAMPLE_RATE // 10)
    cut = SAMPLE_RATE // 10  # filters settle before the first kept sample
    if name == "waves":
        swell = _lfo(n, 1 / 6.5, rng.uniform(0, 6.28)) ** 2
        body = _band(white, None, 700)[cut:] * (0.25 + swell)
        wash = _band(white, 1800, 7000)[cut:] * swell ** 3
        x = _norm(body) + 0.6 * _norm(wash)
    elif name == "rain":
        hiss = _norm(_band(white, 1500, 9000)[cut:])
        drops = _scatter(n, rng, 60, lambda r: r.uniform(0.3, 1.0) * np.exp(-np.arange(120) / 18) * r.choice([-1, 1]))
        x = hiss + 0.8 * _norm(_band(drops, 1200, None, 2))
    elif name == "wind":
        gust = 0.3 + _lfo(n, 0.11, rng.uniform(0, 6.28)) * 0.7 + 0.25 * _lfo(n, 0.37, rng.uniform(0, 6.28))
        low = _norm(_band(white, 150, 500)[cut:])
        high = _norm(_band(white, 500, 1400)[cut:])
        mix = _lfo(n, 0.07, rng.uniform(0, 6.28))
        x = (low * (1 - mix) + high * mix) * gust
    elif name == "thunder":
        roll = _norm(_band(white, None, 140)[cut:]) * (0.4 + 0.6 * _lfo(n, 0.13, rng.uniform(0, 6.28)) ** 3)
        x = roll
    elif name == "city":
        rumble = _norm(_band(np.cumsum(white) * 0.02, 30, 400)[cut:])
        hum = 0.15 * np.sin(2 * np.pi * 120 * np.arange(n) / SAMPLE_RATE)
        cars = _scatter(n, rng, 0.4, _car)
        horns = _scatter(n, rng, 0.08, _horn)
        x = rumble + hum + 0.8 * (_norm(cars) if cars.any() else cars) + 0.5 * horns
    elif name == "birdsong":
        def phrase(r: np.random.Generator) -> np.ndarray:
            notes = [_chirp(r.uniform(0.05, 0.12), r.uniform(2500, 4200), r.uniform(3000, 6000)) for _ in range(r.integers(2, 6))]
            gap = np.zeros(int(0.04 * SAMPLE_RATE))
            return np.concatenate([np.concatenate([note, gap]) for note in notes]) * r.uniform(0.5, 1.0)
        x = _scatter(n, rng, 1.6, phrase) + 0.05 * _norm(_band(white, 300, 1200)[cut:])
    elif name == "fire":
        crackle = _scatter(n, rng, 30, lambda r: r.uniform(0.2, 1.0) * np.exp(-np.arange(200) / r.uniform(8, 40)) * r.standard_normal(200))
        roar = _norm(_band(white, 60, 300)[cut:]) * (0.6 + 0.4 * _lfo(n, 0.5, rng.uniform(0, 6.28)))
        x = 1.2 * _norm(_band(crackle, 900, None, 2)) + 0.5 * roar
    elif name == "crowd":
        syllables = _band(np.abs(_band(white, None, 6)), None, 8)[cut:]
        x = _norm(_band(white, 300, 3000)[cut:]) * (0.3 + _norm(syllables).clip(0, None))
    elif name == "underwater":
        deep = _norm(_band(white, 20, 250)[cut:]) * (0.6 + 0.4 * _lfo(n, 0.2, rng.uniform(0, 6.28)))
        bubbles = _scatter(n, rng, 4, lambda r: _chirp(r.uniform(0.02, 0.05), r.uniform(300, 600), r.uniform(900, 1800)) * r.uniform(0.3, 1))
        x = deep + 0.7 * _norm(bubbles)
    elif name == "night":
        t = np.arange(n) / SAMPLE_RATE
        carrier = np.sin(2 * np.pi * 4600 * t)
        pulses = ((t * 3.2) % 1.0 < 0.17) & (((t * 3.2 * 6) % 1.0) < 0.55)
        crickets = carrier * scipy.signal.lfilter([0.05], [1, -0.95], pulses.astype(float))
        x = _norm(crickets) + 0.15 * _norm(_band(white, 100, 400)[cut:])
    else:
        raise ValueError(f"unknown ambient bed {name!r}")
    return _norm(np.asarray(x[:n], dtype=np.float64))


def _car(rng: np.random.Generator) -> np.ndarray:
    length = int(SAMPLE_RATE * rng.uniform(1.5, 3.0))
    return np.hanning(length) * _band(rng.standard_normal(length), 150, 1200)


def _horn(rng: np.random.Generator) -> np.ndarray:
    t = np.arange(int(SAMPLE_RATE * rng.uniform(0.2, 0.45))) / SAMPLE_RATE
    f = rng.choice([370.0, 415.0, 440.0])
    tone = np.sign(np.sin(2 * np.pi * f * t)) * 0.5 + np.sign(np.sin(2 * np.pi * f * 1.26 * t)) * 0.5
    return _band(tone * np.minimum(1, np.minimum(t, t[-1] - t) * 40), None, 3000, 2) * 0.3


def event(name: str, seed: int, index: int) -> np.ndarray:
    """A one-off sound (thunder clap, whoosh, impact) at unit peak."""
    rng = _rng(seed, "event", name, index)
    if name == "thunder":
        n = int(3.0 * SAMPLE_RATE)
        noise = rng.standard_normal(n)
        env = np.exp(-np.arange(n) / (0.9 * SAMPLE_RATE)) * (0.6 + 0.4 * _lfo(n, 2.3, rng.uniform(0, 6)))
        crack = _band(noise, 400, 4000) * np.exp(-np.arange(n) / (0.06 * SAMPLE_RATE))
        x = _band(noise, None, 180) * env * 3 + crack
    elif name == "whoosh":
        n = int(0.8 * SAMPLE_RATE)
        x = _band(rng.standard_normal(n), 300, 3000) * np.hanning(n)
    else:
        n = int(0.6 * SAMPLE_RATE)
        t = np.arange(n) / SAMPLE_RATE
        x = np.sin(2 * np.pi * (60 + 60 * np.exp(-t * 30)) * t) * np.exp(-t * 8)
    return x / max(float(np.abs(x).max()), 1e-9)


# ---------- music ----------
#: genre -> (chord program, melody program or None, bass program or None, drum style or None)
GENRE_BAND = {
    "lofi": (4, 11, 33, "lofi"), "ambient": (89, 88, None, None), "orchestral": (48, 60, 45, "timpani"),
    "electronic": (81, 80, 38, "four"), "jazz": (0, 66, 32, "swing"), "piano": (0, None, None, None),
    "rock": (29, 30, 34, "rock"),
}
MAJOR_STEPS = (0, 2, 4, 5, 7, 9, 11)
MINOR_STEPS = (0, 2, 3, 5, 7, 8, 10)
PROGRESSIONS = {"major": (0, 4, 5, 3), "minor": (0, 5, 2, 6)}


def _degree_note(root: int, steps: tuple[int, ...], degree: int) -> int:
    octave, index = divmod(degree, 7)
    return root + 12 * octave + steps[index]


def compose_music(part: MusicPart, duration_s: float, seed: int) -> mido.MidiFile:
    """A MIDI arrangement of ``part`` lasting at least ``duration_s`` seconds."""
    rng = _rng(seed, "music", part.genre)
    ticks = 480
    beat_s = 60.0 / part.tempo_bpm
    bars = int(np.ceil(duration_s / (4 * beat_s))) + 1
    steps = MAJOR_STEPS if part.mode == "major" else MINOR_STEPS
    shift = {"low": -12, "mid": 0, "high": 12}[part.register]
    root = part.root + shift
    chords_program, lead_program, bass_program, drums = GENRE_BAND[part.genre]
    events: dict[int, list[tuple[int, mido.Message]]] = {c: [] for c in (0, 1, 2, 9)}

    def note(channel: int, pitch: int, start_beats: float, length_beats: float, velocity: int) -> None:
        # Every pitched voice plays inside the register's band (keys.music_register): that is what the register
        # means, whatever the arrangement. Drum notes (channel 9) name drums, not pitches.
        pitch = int(pitch if channel == 9 else fold_into_register(pitch, part.register))
        start = int(round(start_beats * ticks))
        end = start + max(1, int(round(length_beats * ticks)))
        events[channel].append((start, mido.Message("note_on", channel=channel, note=pitch, velocity=velocity)))
        events[channel].append((end, mido.Message("note_off", channel=channel, note=pitch, velocity=0)))

    swing = part.genre in ("jazz", "lofi")
    for bar in range(bars):
        degree = PROGRESSIONS[part.mode][bar % 4]
        chord = [_degree_note(root, steps, degree + k) for k in (0, 2, 4)] + \
            ([_degree_note(root, steps, degree + 6)] if part.genre in ("jazz", "lofi") else [])
        b0 = bar * 4
        if part.genre in ("ambient", "orchestral"):
            for p in chord:
                note(0, p, b0, 4, 58)
        elif part.genre == "piano":
            # A slow piano arpeggio, one note a beat: the pulse a listener hears is the spec's tempo.
            for i in range(4):
                note(0, chord[[0, 1, 2, 1][i]] + (12 if i == 2 else 0), b0 + i, 1.8, 66)
        elif part.genre == "electronic":
            for i in range(8):
                note(0, chord[i % 3] + 12, b0 + i * 0.5, 0.4, 70)
        elif part.genre == "rock":
            for i in range(8):
                note(0, chord[0], b0 + i * 0.5, 0.45, 88)
                note(0, chord[0] + 7, b0 + i * 0.5, 0.45, 84)
        else:  # lofi, jazz comping
            for start in ((0, 2.5) if part.genre == "jazz" else (0, 2)):
                for p in chord:
                    note(0, p, b0 + start, 1.4, 60)
        if bass_program is not None:
            bass = _degree_note(root - 12, steps, degree)
            if part.genre == "jazz":
                for i in range(4):
                    note(2, bass + (0, 4, 7, 9)[i], b0 + i, 0.9, 80)
            elif part.genre == "orchestral":
                # Plucked low strings pulse on every beat under the held chords: the tempo is heard, not only
                # written.
                for i in range(4):
                    note(2, bass + 12, b0 + i, 0.5, 92 if i % 2 == 0 else 80)
            else:
                for i in range(4 if part.genre != "electronic" else 8):
                    step_ = 1 if part.genre != "electronic" else 0.5
                    note(2, bass, b0 + i * step_, step_ * 0.8, 84)
        if lead_program is not None and part.register != "low":
            position = 0.0
            while position < 4:
                length = float(rng.choice([0.5, 1.0, 1.0, 1.5, 2.0]))
                if part.genre == "ambient":
                    length = 2.0
                pick = degree + int(rng.choice([0, 2, 4, 7, 9, 11]))
                if rng.uniform() > 0.15:
                    note(1, _degree_note(root + 12, steps, pick % 14), b0 + position, min(length, 4 - position) * 0.95, 74)
                position += length
        if drums:
            for i in range(8):
                t = b0 + i * 0.5 + (0.08 if swing and i % 2 else 0.0)
                if drums == "four":
                    if i % 2 == 0:
                        note(9, 36, t, 0.25, 100)
                    note(9, 42, t + 0.25, 0.1, 60)
                    if i in (2, 6):
                        note(9, 39, t, 0.2, 80)
                elif drums == "timpani":
                    if i % 2 == 0:  # on every beat, the bar's first the loudest
                        note(9, 41 if i == 0 else 43, t, 0.5, 84 if i == 0 else 70)
                elif drums == "swing":
                    note(9, 51, t, 0.2, 55 + (15 if i % 2 == 0 else 0))
                    if i in (2, 6):
                        note(9, 44, t, 0.1, 50)
                else:  # lofi, rock
                    if i in (0, 5):
                        note(9, 36, t, 0.25, 90 if drums == "rock" else 70)
                    if i in (2, 6):
                        note(9, 38, t, 0.25, 95 if drums == "rock" else 62)
                    note(9, 42, t, 0.1, 50)
    midi = mido.MidiFile(ticks_per_beat=ticks)
    meta = mido.MidiTrack()
    meta.append(mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(part.tempo_bpm), time=0))
    midi.tracks.append(meta)
    programs = {0: chords_program, 1: lead_program, 2: bass_program}
    for channel, messages in events.items():
        if not messages:
            continue
        track = mido.MidiTrack()
        if channel != 9:
            track.append(mido.Message("program_change", channel=channel, program=programs[channel], time=0))
        now = 0
        for tick, message in sorted(messages, key=lambda m: (m[0], m[1].type == "note_on", m[1].note)):
            track.append(message.copy(time=tick - now))
            now = tick
        midi.tracks.append(track)
    return midi


def soundfont_path() -> Path:
    configured = os.environ.get("MOTION_ASSETS_SOUNDFONT")
    for candidate in ((configured,) if configured else ()) + SOUNDFONT_CANDIDATES:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise MusicEngineError("no General MIDI soundfont found (install Debian's fluid-soundfont-gm, or set "
                           "MOTION_ASSETS_SOUNDFONT to an .sf2 file)")


def render_music(part: MusicPart, n: int, seed: int) -> np.ndarray:
    """``n`` samples of ``part`` played by FluidSynth, at unit RMS."""
    program = shutil.which("fluidsynth")
    if program is None:
        raise MusicEngineError("the fluidsynth program is missing (Debian: apt install fluidsynth)")
    font = soundfont_path()
    midi = compose_music(part, n / SAMPLE_RATE, seed)
    with tempfile.TemporaryDirectory(prefix="motion-music-") as scratch:
        mid = Path(scratch) / "music.mid"
        wav = Path(scratch) / "music.wav"
        midi.save(mid)
        result = subprocess.run([program, "-ni", "-q", "-g", "0.6", "-r", str(SAMPLE_RATE), "-F", str(wav),
                                 "-o", "synth.cpu-cores=1", str(font), str(mid)], capture_output=True)
        if result.returncode != 0 or not wav.is_file():
            raise MusicEngineError(f"fluidsynth failed: {result.stderr.decode(errors='replace')[-400:]}")
        samples, _ = soundfile.read(wav, dtype="float64", always_2d=True)
    mono = samples.mean(axis=1)
    out = np.zeros(n)
    out[: min(n, len(mono))] = mono[:n]
    return _norm(out)


def synthesize_soundtrack(track: Soundtrack, duration_s: float, seed: int) -> np.ndarray:
    """The whole soundtrack as mono float samples in [-1, 1] (all zeros for a silent one)."""
    n = int(round(duration_s * SAMPLE_RATE))
    mix = np.zeros(n)
    if track.silent:
        return mix.astype(np.float32)
    for name, gain_db in track.beds:
        mix += bed(name, n, seed) * 10 ** (gain_db / 20)
    if track.register != "mid" and track.beds:
        mix = _band(mix, None, 300) if track.register == "low" else _band(mix, 2200, None)
        mix = _norm(mix) * 10 ** (max(g for _, g in track.beds) / 20)
    if track.music is not None:
        mix += render_music(track.music, n, seed) * 10 ** (track.music.gain_db / 20)
    for index, (name, at_s, gain_db) in enumerate(track.events):
        clip = event(name, seed, index) * 10 ** (gain_db / 20)
        start = int(round(at_s * SAMPLE_RATE))
        end = min(n, start + len(clip))
        if start < n:
            mix[start:end] += clip[: end - start]
    # A soft limiter keeps peaks under -1 dBFS without clipping; short fades avoid clicks at the ends.
    mix = np.tanh(mix * 1.2) / np.tanh(1.2)
    peak = float(np.abs(mix).max())
    if peak > PEAK:
        mix *= PEAK / peak
    ramp = min(n // 4, int(0.02 * SAMPLE_RATE))
    if ramp:
        mix[:ramp] *= np.linspace(0, 1, ramp)
        mix[-ramp:] *= np.linspace(1, 0, ramp)
    return mix.astype(np.float32)
