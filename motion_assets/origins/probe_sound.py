"""The probe workflow's sound-cell design, shared by the synthesiser and the classifier.

One segment is one video frame; its first and last ``segment_samples // EDGE_DIVISOR`` samples are edges where it
cross-fades with its neighbours, the rest is its core, where strength is defined (core RMS = REFERENCE_RMS x
strength / 100) and measured. The thump is the one noise without a random part, so its waveform is part of the
design too: the classifier matches it sample by sample.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

SAMPLE_RATE = 48000
#: Core RMS of a segment at strength 100 % (-20 dBFS).
REFERENCE_RMS = 0.1
#: Edge (cross-fade margin) length as a fraction of the segment: margin = segment_samples // EDGE_DIVISOR.
EDGE_DIVISOR = 16
#: Where the thump starts, as a fraction of the core.
THUMP_ONSET = 0.10


def edge_samples(segment_samples: int) -> int:
    """Length of each cross-fade edge of a segment (the margin outside its core)."""
    return int(segment_samples) // EDGE_DIVISOR


def segment_core(segment_samples: int) -> slice:
    """The core of a segment (relative to the segment's first sample): where strength is defined and measured."""
    margin = edge_samples(segment_samples)
    return slice(margin, int(segment_samples) - margin)


def event_tail(t: np.ndarray, core_s: float) -> np.ndarray:
    """A short cosine fade-out at the very end of the core, so every event is exactly zero outside it."""
    tail = np.clip((core_s - t) / (0.08 * core_s), 0.0, 1.0)
    return np.sin(0.5 * np.pi * tail) ** 2


def thump_wave(t: np.ndarray, core_s: float) -> np.ndarray:
    """The thump at times ``t`` (seconds since the core starts) in a core of ``core_s`` seconds; zero outside it.

    A 95 -> 55 Hz gliding sine, 2 ms attack then 9 ms exponential decay, starting THUMP_ONSET into the core.
    """
    inside = (t >= 0) & (t < core_s)
    tau = np.clip(t - THUMP_ONSET * core_s, 0.0, None)
    glide = 55.0 * tau + 40.0 * 0.010 * (1.0 - np.exp(-tau / 0.010))  # integral of 55 + 40 e^{-tau/10ms}
    attack = np.sin(0.5 * np.pi * np.clip(tau / 0.002, 0.0, 1.0)) ** 2
    wave = np.sin(2.0 * np.pi * glide) * attack * np.exp(-tau / 0.009)
    return np.where(t >= THUMP_ONSET * core_s, wave, 0.0) * event_tail(t, core_s) * inside


@lru_cache(maxsize=8)
def thump_core(segment_samples: int, sample_rate: int) -> np.ndarray:
    """The thump's waveform over one segment core, scaled to unit RMS; read-only."""
    core = segment_core(segment_samples)
    length = core.stop - core.start
    wave = thump_wave(np.arange(length) / sample_rate, length / sample_rate)
    wave = wave / np.sqrt(np.mean(wave**2))
    wave.setflags(write=False)
    return wave
