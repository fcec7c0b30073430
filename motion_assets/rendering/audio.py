"""Origin noises, synthesised as genuinely different sounds, one per frame-length segment.

Strength: a segment at strength s % has an RMS of exactly ``REFERENCE_RMS x s / 100`` (full-scale float audio,
so strength 100 % is an RMS of 0.25 and nothing clips). Silence is all zeros. Each noise has its own spectrum and
envelope: rumble (brown noise under 150 Hz), hum (mains harmonics 60-240 Hz), tone (a pure 880 Hz sine), hiss
(white noise over 5 kHz), rustle (1-4 kHz noise in crackling bursts), thump (a decaying 70 Hz knock), click (three
short 2-7 kHz ticks), whoosh (noise whose band sweeps 400 Hz -> 3 kHz as it swells), drip (a fast-rising pitched plink).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np
import soundfile

SAMPLE_RATE = 48000
REFERENCE_RMS = 0.25


def _band_noise(rng: np.random.Generator, n: int, low: float, high: float, sample_rate: int) -> np.ndarray:
    spectrum = np.fft.rfft(rng.standard_normal(n))
    freqs = np.fft.rfftfreq(n, 1.0 / sample_rate)
    spectrum[(freqs < low) | (freqs > high)] = 0.0
    return np.fft.irfft(spectrum, n)


def _noise(name: str, n: int, rng: np.random.Generator, sample_rate: int) -> np.ndarray:
    t = np.arange(n) / sample_rate
    if name == "rumble":
        return _band_noise(rng, n, 20.0, 150.0, sample_rate)
    if name == "hum":
        phase = rng.uniform(0, 2 * np.pi)
        return sum(np.sin(2 * np.pi * f * t + phase) / k for k, f in enumerate((60.0, 120.0, 180.0, 240.0), 1))
    if name == "tone":
        return np.sin(2 * np.pi * 880.0 * t)
    if name == "hiss":
        return _band_noise(rng, n, 5000.0, 16000.0, sample_rate)
    if name == "rustle":
        bursts = np.repeat(rng.uniform(0.1, 1.0, size=n // 200 + 1), 200)[:n]
        return _band_noise(rng, n, 1000.0, 4000.0, sample_rate) * bursts
    if name == "thump":
        onset = n // 4
        k = np.clip(t - onset / sample_rate, 0, None)
        return np.where(t >= onset / sample_rate, np.sin(2 * np.pi * 70.0 * k) * np.exp(-k * 60.0), 0.0)
    if name == "click":
        ticks = np.zeros(n)
        for start in (n // 5, n // 2, 4 * n // 5):
            ticks[start : start + 96] = np.exp(-np.arange(96) / 24.0)
        return _band_noise(rng, n, 2000.0, 7000.0, sample_rate) * ticks
    if name == "whoosh":
        low = _band_noise(rng, n, 400.0, 1200.0, sample_rate)
        high = _band_noise(rng, n, 1200.0, 3000.0, sample_rate)
        sweep = t / t[-1]
        return (low * (1 - sweep) + high * sweep) * np.sin(np.pi * sweep)
    if name == "drip":
        onset = n // 3
        k = np.clip(t - onset / sample_rate, 0, None)
        chirp = np.sin(2 * np.pi * (1200.0 * k + 6000.0 * k**2))
        return np.where(t >= onset / sample_rate, chirp * np.exp(-k * 90.0), 0.0)
    raise ValueError(f"unknown noise {name!r}")


def synthesize_sound_cells(cells, *, segment_samples: int, seed: int, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Mono float32 audio: one segment per (noise, strength_pct) cell, each at its exact strength."""
    rng = np.random.default_rng(seed)
    out = np.zeros(len(cells) * segment_samples, dtype=np.float64)
    for index, (noise, strength) in enumerate(cells):
        if noise == "silence" or strength == 0:
            continue
        segment = _noise(noise, segment_samples, rng, sample_rate)
        rms = float(np.sqrt(np.mean(segment**2)))
        out[index * segment_samples : (index + 1) * segment_samples] = segment * (REFERENCE_RMS * strength / 100) / rms
    return out.astype(np.float32)


def write_wav(path, samples: np.ndarray, sample_rate: int) -> Path:
    """Lossless float WAV, written atomically."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".wav")
    os.close(handle)
    try:
        soundfile.write(temporary, np.asarray(samples, dtype=np.float32), sample_rate, subtype="FLOAT")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
