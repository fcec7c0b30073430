"""Origin noises, synthesised as genuinely different sounds, one noise per frame-length segment.

Layout of a segment
    One segment is one video frame (``segment_samples`` = sample_rate / fps, 2000 samples at 48 kHz and 24 fps).
    Its first and last sixteenth (``segment_samples // 16`` samples each, 2.6 ms at 24 fps) are *edges*: there the
    segment cross-fades with its neighbours (complementary sin^2 / cos^2 ramps, 2 x margin long and centred on the
    boundary, so the audio never clicks at a boundary and two adjacent segments of the same continuous noise play
    one uninterrupted sound). The rest, ``segment_core(segment_samples)``, is the *core*: it holds only this
    segment's own sound. Impulsive noises (thump, click, whoosh, drip) lie wholly inside the core.

Strength (measurable, exact)
    A segment at strength ``s`` % has a core RMS of exactly ``REFERENCE_RMS * s / 100`` (float64, before the final
    float32 cast), i.e. strength = 100 x RMS(core) / REFERENCE_RMS. ``REFERENCE_RMS`` = 0.1 (-20 dBFS), so 100 %
    is -20 dBFS RMS and 20 % is -34 dBFS; every noise's peak-to-RMS ratio is bounded by design (the impulsive click
    is the worst, about 6.5), so no sample ever reaches full scale. Silence is exactly zero (strength 0).

The ten noises (frequencies are in Hz and capped below Nyquist, so other sample rates render the same sounds)
    silence  all zeros.
    rumble   brown (1/f^2 power) noise band-limited to 30-150 Hz; continuous.
    hum      mains hum: 60 Hz and its harmonics up to 480 Hz, slowly falling amplitudes (half the energy above
             170 Hz, which a low rumble never has); continuous, phase-locked to absolute time.
    tone     a pure 880 Hz sine; continuous, phase-locked to absolute time.
    hiss     white noise band-limited to 5-15 kHz; continuous.
    rustle   1-4 kHz band noise whose amplitude crackles: a fresh random level every 1.5 ms (mostly quiet, now and
             then loud: 0.35 + 0.65 u^2), linearly interpolated; continuous.
    thump    a low knock: a 95 -> 55 Hz gliding sine, 2 ms attack then 9 ms exponential decay, starting 10 % into the
             core; silent before it.
    click    six very short broadband ticks (random +-1 samples under a 0.4 ms exponential decay, so a flat spectrum
             up to Nyquist) at jittered, evenly spread positions across the core.
    whoosh   noise in a 500 Hz wide band whose centre sweeps 400 Hz -> 3 kHz (exponentially) across the core, under
             a swell that rises from nothing to a peak at 60 % of the core and dies away.
    drip     a "plink": a sine starting at 0.9-1.2 kHz that chirps up by a factor 2.6 within a few ms (3 ms time
             constant), 0.3 ms attack and 7 ms decay, starting 12 % into the core.

Randomness comes only from ``np.random.default_rng`` seeded with the call's ``seed`` (sub-seeds per noise and
segment are derived with SHA-256, never Python's ``hash()``), so the same cells and seed give identical samples.
"""

from __future__ import annotations

import hashlib
import os
import struct
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from motion_assets.origins.probe_sound import (  # noqa: F401 (SAMPLE_RATE, REFERENCE_RMS re-exported)
    EDGE_DIVISOR, REFERENCE_RMS, SAMPLE_RATE, edge_samples, event_tail, segment_core, thump_wave,
)
from motion_assets.origins.vocabulary import NOISES, STRENGTH_LEVELS_PCT


#: Noises synthesised as one continuous stream per run of consecutive segments (the rest are per-segment events).
CONTINUOUS_NOISES = frozenset({"rumble", "hum", "tone", "hiss", "rustle"})

RUMBLE_BAND_HZ = (30.0, 150.0)
HUM_FUNDAMENTAL_HZ = 60.0
HUM_AMPLITUDES = (1.0, 0.9, 0.8, 0.7, 0.55, 0.4, 0.3, 0.2)
TONE_HZ = 880.0
HISS_BAND_HZ = (5000.0, 15000.0)
RUSTLE_BAND_HZ = (1000.0, 4000.0)
RUSTLE_GRAIN_S = 0.0015
DRIP_ONSET = 0.12
CLICK_COUNT = 6
WHOOSH_SWEEP_HZ = (400.0, 3000.0)
WHOOSH_HALF_BAND_HZ = 250.0
WHOOSH_PEAK = 0.6


def _rng(seed: int, *labels: object) -> np.random.Generator:
    digest = hashlib.sha256(repr((int(seed), *labels)).encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:16], "little"))


def _band_noise(rng: np.random.Generator, n: int, low: float, high: float, sample_rate: int,
                brown: bool = False) -> np.ndarray:
    """``n`` samples of stationary noise with a brick-wall band [low, high] Hz (flat, or 1/f^2 power if brown).

    Generated on a longer circular buffer and cut, so even a short run gets a continuous (not line) spectrum.
    """
    length = 1 << int(np.ceil(np.log2(max(2 * n, 16384))))
    spectrum = np.fft.rfft(rng.standard_normal(length))
    freqs = np.fft.rfftfreq(length, 1.0 / sample_rate)
    high = min(high, 0.45 * sample_rate)
    shape = ((freqs >= low) & (freqs <= high)).astype(float)
    if brown:
        shape[1:] /= freqs[1:]
    return np.fft.irfft(spectrum * shape, length)[:n]


def _stream(noise: str, start: int, n: int, sample_rate: int, seed: int) -> np.ndarray:
    """A continuous noise over absolute samples [start, start + n) (one run of consecutive segments)."""
    rng = _rng(seed, noise, "run", start)
    if noise == "rumble":
        return _band_noise(rng, n, *RUMBLE_BAND_HZ, sample_rate, brown=True)
    if noise == "hiss":
        return _band_noise(rng, n, *HISS_BAND_HZ, sample_rate)
    if noise == "rustle":
        grain = max(1, round(RUSTLE_GRAIN_S * sample_rate))
        points = np.arange(0, n + grain, grain)
        levels = 0.35 + 0.65 * rng.random(len(points)) ** 2
        return _band_noise(rng, n, *RUSTLE_BAND_HZ, sample_rate) * np.interp(np.arange(n), points, levels)
    # hum and tone are phase-locked to absolute time, so every run of them joins up seamlessly.
    t = (start + np.arange(n)) / sample_rate
    phase = _rng(seed, noise, "phase").uniform(0.0, 2.0 * np.pi, 8)
    if noise == "tone":
        return np.sin(2.0 * np.pi * TONE_HZ * t + phase[0])
    if noise == "hum":
        out = np.zeros(n)
        for k, amplitude in enumerate(HUM_AMPLITUDES, 1):
            if k * HUM_FUNDAMENTAL_HZ < 0.45 * sample_rate:
                out += amplitude * np.sin(2.0 * np.pi * k * HUM_FUNDAMENTAL_HZ * t + phase[k - 1])
        return out
    raise ValueError(f"{noise!r} is not a continuous noise")


def _event(noise: str, index: int, segment_samples: int, sample_rate: int, seed: int) -> np.ndarray:
    """One segment's impulsive noise over its extended span (edge + segment + edge); zero outside the core."""
    margin = edge_samples(segment_samples)
    n = segment_samples + 2 * margin
    core_start, core_len = 2 * margin, segment_samples - 2 * margin
    t = (np.arange(n) - core_start) / sample_rate  # seconds since the core starts
    core_s = core_len / sample_rate
    inside = (t >= 0) & (t < core_s)
    rng = _rng(seed, noise, "segment", index)
    tail = event_tail(t, core_s)
    if noise == "thump":
        return thump_wave(t, core_s)
    if noise == "drip":
        f0 = rng.uniform(900.0, 1200.0)
        rise, tau_c = 1.6 * f0, 0.003
        tau = np.clip(t - DRIP_ONSET * core_s, 0.0, None)
        phase = f0 * tau + rise * (tau - tau_c * (1.0 - np.exp(-tau / tau_c)))
        envelope = (1.0 - np.exp(-tau / 0.0003)) * np.exp(-tau / 0.007)
        wave = np.sin(2.0 * np.pi * phase) * envelope
        return np.where(t >= DRIP_ONSET * core_s, wave, 0.0) * tail * inside
    if noise == "click":
        out = np.zeros(n)
        decay = 0.0004 * sample_rate
        length = max(2, int(4 * decay))
        shape = np.exp(-np.arange(length) / decay)
        slots = (np.arange(CLICK_COUNT) + 0.5 + rng.uniform(-0.3, 0.3, CLICK_COUNT)) / CLICK_COUNT
        starts = core_start + np.round(slots * (core_len - length)).astype(int)
        for start in starts:  # a handful of ticks, each a vector operation
            out[start : start + length] += rng.choice((-1.0, 1.0), length) * shape
        return out
    if noise == "whoosh":
        u = np.clip(t / core_s, 0.0, 1.0)
        low, high = WHOOSH_SWEEP_HZ
        high = min(high, 0.4 * sample_rate)
        ratio = np.log(high / low)
        # carrier frequency low * (high/low)^u; its phase is the time integral.
        phase = low * core_s * (np.exp(ratio * u) - 1.0) / ratio
        base = _band_noise(rng, n, 0.0, WHOOSH_HALF_BAND_HZ, sample_rate)
        swell = np.sin(np.pi * u ** (np.log(0.5) / np.log(WHOOSH_PEAK))) ** 2
        return base * np.cos(2.0 * np.pi * phase) * swell * inside
    raise ValueError(f"{noise!r} is not an impulsive noise")


def _validate(cells: Sequence) -> list[tuple[str, int]]:
    checked = []
    for position, cell in enumerate(cells):
        noise, strength = cell
        if noise not in NOISES:
            raise ValueError(f"cell {position}: unknown noise {noise!r}")
        allowed = (0,) if noise == "silence" else STRENGTH_LEVELS_PCT
        if strength not in allowed:
            raise ValueError(f"cell {position}: {noise} strength {strength!r} is not one of {allowed}")
        checked.append((str(noise), int(strength)))
    return checked


def synthesize_sound_cells(cells: Sequence[tuple[str, int]], *, segment_samples: int, seed: int,
                           sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Mono float32 audio in [-1, 1]: one segment per ``(noise, strength_pct)`` cell, each at its exact strength.

    ``len(result) == len(cells) * segment_samples``. Deterministic in (cells, segment_samples, seed, sample_rate).
    """
    cells = _validate(cells)
    segment_samples = int(segment_samples)
    if segment_samples < 2 * EDGE_DIVISOR:
        raise ValueError(f"segment_samples must be at least {2 * EDGE_DIVISOR}, got {segment_samples}")
    margin = edge_samples(segment_samples)
    total = len(cells) * segment_samples
    span = segment_samples + 2 * margin
    ramp = np.sin(0.5 * np.pi * (np.arange(2 * margin) + 0.5) / (2 * margin)) ** 2
    window = np.ones(span)
    window[: 2 * margin], window[span - 2 * margin :] = ramp, ramp[::-1]
    core = slice(2 * margin, segment_samples)  # the core within an extended span
    buffer = np.zeros(total + 2 * margin)  # buffer[k] is absolute sample k - margin

    def place(index: int, raw: np.ndarray, strength: int) -> None:
        rms = float(np.sqrt(np.mean(raw[core] ** 2)))
        gain = REFERENCE_RMS * strength / 100.0 / rms if rms > 0 else 0.0
        start = index * segment_samples  # buffer index of absolute sample index*N - margin
        buffer[start : start + span] += gain * raw * window

    index = 0
    while index < len(cells):
        noise, strength = cells[index]
        if noise == "silence":
            index += 1
            continue
        if noise not in CONTINUOUS_NOISES:
            place(index, _event(noise, index, segment_samples, sample_rate, seed), strength)
            index += 1
            continue
        end = index
        while end < len(cells) and cells[end][0] == noise:
            end += 1
        stream = _stream(noise, index * segment_samples - margin, (end - index) * segment_samples + 2 * margin,
                         sample_rate, seed)
        for j in range(index, end):
            offset = (j - index) * segment_samples
            place(j, stream[offset : offset + span], cells[j][1])
        index = end

    out = buffer[margin : margin + total]
    if margin and total:
        fade = np.sin(0.5 * np.pi * (np.arange(margin) + 0.5) / margin) ** 2
        out[:margin] *= fade
        out[total - margin :] *= fade[::-1]
    return out.astype(np.float32)


def float_wav_bytes(samples: np.ndarray, sample_rate: int) -> bytes:
    """A 32-bit IEEE-float WAV file (RIFF: fmt, fact and data chunks) holding ``samples``.

    Why not soundfile: libsndfile adds a PEAK chunk with the wall-clock time to every float WAV, so the same audio
    written a second later gave different bytes; this file depends on the samples and the rate alone.
    """
    audio = np.asarray(samples, dtype="<f4")
    channels = 1 if audio.ndim == 1 else int(audio.shape[1])
    data = audio.tobytes()
    frames = len(audio)
    fmt = struct.pack("<HHIIHHH", 3, channels, int(sample_rate), int(sample_rate) * 4 * channels, 4 * channels, 32, 0)
    chunks = (b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"fact" + struct.pack("<II", 4, frames)
              + b"data" + struct.pack("<I", len(data)) + data)
    return b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WAVE" + chunks


def write_wav(path, samples: np.ndarray, sample_rate: int) -> Path:
    """Write mono (or (n, channels)) float audio as a lossless 32-bit float WAV, atomically; returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".wav.tmp")
    os.close(handle)
    try:
        Path(temporary).write_bytes(float_wav_bytes(samples, sample_rate))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
