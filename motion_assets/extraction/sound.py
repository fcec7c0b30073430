"""Static sound from audio alone: each frame-length segment's noise and strength.

Features per segment: energy shares in log-spaced frequency bands (a windowed FFT in Hz, so any sample rate works),
the energy envelope over eight sub-windows, and spectral flatness. The noise is the nearest reference profile
(references are synthesised once with the same generator the renderer uses); strength is the RMS relative to the
reference RMS, snapped to the strength levels. Silence is a segment whose RMS is under a tenth of the faintest
level.
"""

from __future__ import annotations

import subprocess
from functools import lru_cache
from pathlib import Path

import imageio_ffmpeg
import numpy as np

from motion_assets.origins.vocabulary import NOISES, STRENGTH_LEVELS_PCT
from motion_assets.rendering.audio import REFERENCE_RMS, SAMPLE_RATE, synthesize_sound_cells

BAND_EDGES = np.geomspace(20.0, 20000.0, 17)
ENVELOPE_WINDOWS = 8


def _features(segment: np.ndarray, sample_rate: int) -> np.ndarray:
    n = len(segment)
    spectrum = np.abs(np.fft.rfft(segment * np.hanning(n))) ** 2
    freqs = np.fft.rfftfreq(n, 1.0 / sample_rate)
    bands = np.array([spectrum[(freqs >= lo) & (freqs < hi)].sum() for lo, hi in zip(BAND_EDGES, BAND_EDGES[1:])])
    bands = bands / max(bands.sum(), 1e-12)
    envelope = np.array([np.sum(part**2) for part in np.array_split(segment, ENVELOPE_WINDOWS)])
    envelope = envelope / max(envelope.sum(), 1e-12)
    flatness = np.exp(np.mean(np.log(spectrum + 1e-12))) / max(np.mean(spectrum), 1e-12)
    return np.concatenate([np.sqrt(bands) * 2.0, np.sqrt(envelope), [flatness]])


@lru_cache(maxsize=4)
def _references(segment_samples: int, sample_rate: int) -> tuple[tuple[str, ...], np.ndarray]:
    names = [n for n in NOISES if n != "silence"]
    profiles = []
    for name in names:
        audio = synthesize_sound_cells([(name, 100)] * 6, segment_samples=segment_samples, seed=12345,
                                       sample_rate=sample_rate)
        profiles.append(np.mean([_features(s, sample_rate) for s in audio.reshape(6, -1)], axis=0))
    return tuple(names), np.asarray(profiles)


def classify_sound_segments(samples: np.ndarray, sample_rate: int, segment_samples: int) -> list[tuple[str, int]]:
    """(noise, strength_pct) for each whole segment of ``samples`` (mono or (n, channels) float)."""
    audio = np.asarray(samples, dtype=np.float64)
    if audio.ndim == 2:
        audio = audio.mean(axis=1)
    count = len(audio) // segment_samples
    names, references = _references(segment_samples, sample_rate)
    levels = np.asarray(STRENGTH_LEVELS_PCT)
    result = []
    for index in range(count):
        segment = audio[index * segment_samples : (index + 1) * segment_samples]
        rms = float(np.sqrt(np.mean(segment**2)))
        strength = rms / REFERENCE_RMS * 100.0
        if strength < levels.min() / 10.0:
            result.append(("silence", 0))
            continue
        distances = np.linalg.norm(references - _features(segment, sample_rate), axis=1)
        noise = names[int(np.argmin(distances))]
        result.append((noise, int(levels[np.argmin(np.abs(levels - strength))])))
    return result


def read_audio_track(path, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """The audio track of ``path`` as float32 mono at ``sample_rate``; ValueError naming the file if there is none."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"audio source not found: {path}")
    result = subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-loglevel", "error", "-i", str(path), "-map", "0:a:0", "-f", "f32le",
         "-ac", "1", "-ar", str(sample_rate), "pipe:1"],
        capture_output=True,
    )
    if result.returncode != 0:
        reason = result.stderr.decode(errors="replace").strip().splitlines()
        raise ValueError(f"no readable audio track in {path}: {reason[-1] if reason else 'ffmpeg failed'}")
    audio = np.frombuffer(result.stdout, dtype=np.float32)
    if audio.size == 0:
        raise ValueError(f"audio track of {path} is empty")
    return audio
