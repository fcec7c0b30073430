"""Generic measurements of a sound track (mono float samples): loudness, where the energy lies, how tonal it is,
tempo by beat tracking and pitch register. Works on any audio, whatever made it.
"""

from __future__ import annotations

import numpy as np
import scipy


def loudness_dbfs(audio: np.ndarray) -> float:
    rms = float(np.sqrt(np.mean(np.square(audio.astype(np.float64))))) if audio.size else 0.0
    return 20 * np.log10(rms) if rms > 1e-10 else -200.0


def spectral_shares(audio: np.ndarray, sample_rate: int) -> dict[str, float]:
    """Share of the sound's energy below 300 Hz, 300 Hz-2 kHz and above 2 kHz."""
    spectrum = np.abs(np.fft.rfft(audio.astype(np.float64))) ** 2
    freqs = np.fft.rfftfreq(len(audio), 1 / sample_rate)
    total = float(spectrum.sum()) or 1.0
    return {"low": float(spectrum[freqs < 300].sum()) / total,
            "mid": float(spectrum[(freqs >= 300) & (freqs < 2000)].sum()) / total,
            "high": float(spectrum[freqs >= 2000].sum()) / total}


def tonal_share(audio: np.ndarray, sample_rate: int, low_hz: float = 100.0) -> float:
    """How much of the sound's energy (``low_hz``-4 kHz) sits in steady pitched peaks (music) rather than noise, 0-1.

    A bin counts as a peak when its power is eight times the median of its neighbourhood: for noise that
    happens in well under 1% of the bins, for notes it holds at every harmonic.
    """
    frame = 8192
    if len(audio) < frame:
        return 0.0
    shares = []
    for start in range(0, len(audio) - frame + 1, frame):
        power = np.abs(np.fft.rfft(audio[start:start + frame] * np.hanning(frame))) ** 2
        band = power[int(low_hz * frame / sample_rate): int(4000 * frame / sample_rate)]
        total = float(band.sum())
        if total <= 1e-12:
            continue
        local = scipy.ndimage.median_filter(band, size=31, mode="nearest")
        shares.append(float(band[band > 8 * local].sum()) / total)
    return float(np.median(shares)) if shares else 0.0
