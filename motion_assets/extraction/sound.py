"""Static sound from audio alone: each frame-length segment's origin noise and strength.

Every measurement reads only a segment's *core* (``origins.probe_sound.segment_core``: the segment less its first and
last sixteenth, where neighbours cross-fade), so a neighbour's sound, codec smear at a boundary or an offset of a
few dozen samples cannot leak in. Frequencies are in Hz and durations in seconds, so any sample rate works as long
as ``segment_samples`` is the frame length at that rate.

Strength is the core RMS relative to ``REFERENCE_RMS`` (x 100), snapped to the nearest level of
STRENGTH_LEVELS_PCT; a core under ``SILENCE_PCT`` % is silence. The noise comes from a small decision tree over
features with wide margins (measured on thousands of rendered and AAC-coded segments):

* spectrum (Tukey-windowed FFT): energy shares below 170 Hz, 170-600 Hz, 600-4500 Hz and above 4.5 kHz, the share
  of the strongest +-40 Hz line (tonality), and the spectral centroid early vs late in the core (sweep);
* envelope: energy share of the loudest tenth of 0.5 ms frames (impulsiveness), of the first 6 % of the core
  (silence before an onset) and of its second half (decay).

low (< 600 Hz):   hum if >= 20 % of it lies at 170-600 Hz (harmonics); thump if its waveform matches the thump's
                  (which has no random part); else rumble.
high (> 4.5 kHz): click if impulsive; else hiss.
mid:              tone if one spectral line holds most energy; drip if it starts from silence and dies away;
                  whoosh if it swells from silence and its centroid sweeps upward; else rustle.
"""

from __future__ import annotations

import numpy as np

from motion_assets.extraction.media import read_audio_track  # noqa: F401 (re-exported)
from motion_assets.origins.vocabulary import STRENGTH_LEVELS_PCT
from motion_assets.origins.probe_sound import REFERENCE_RMS, SAMPLE_RATE, segment_core, thump_core

#: A core quieter than this (percent of REFERENCE_RMS) is silence: 0.4 x the faintest level (-8 dB under it).
SILENCE_PCT = 8.0


def _tukey(n: int, alpha: float = 0.2) -> np.ndarray:
    window = np.ones(n)
    edge = int(alpha * n / 2)
    if edge > 0:
        ramp = 0.5 * (1.0 - np.cos(np.pi * (np.arange(edge) + 0.5) / edge))
        window[:edge], window[n - edge :] = ramp, ramp[::-1]
    return window


def _band_share(power: np.ndarray, freqs: np.ndarray, low: float, high: float) -> float:
    return float(power[(freqs >= low) & (freqs < high)].sum())


def _centroid(part: np.ndarray, sample_rate: int) -> float:
    size = 1 << int(np.ceil(np.log2(max(len(part), 64) * 2)))
    power = np.abs(np.fft.rfft(part * np.hanning(len(part)), size)) ** 2
    freqs = np.fft.rfftfreq(size, 1.0 / sample_rate)
    return float((power * freqs).sum() / max(power.sum(), 1e-30))


#: How far (seconds) a decoded core may be shifted against the rendered one when matching the thump's waveform.
THUMP_MAX_SHIFT_S = 0.001


def thump_match(core: np.ndarray, sample_rate: int, segment_samples: int) -> float:
    """Normalised correlation (0-1) of ``core`` with the thump's waveform at the best shift within 1 ms."""
    template = thump_core(segment_samples, sample_rate)
    shift = max(1, round(THUMP_MAX_SHIFT_S * sample_rate))
    size = 1 << int(np.ceil(np.log2(2 * len(core))))
    correlation = np.fft.irfft(np.fft.rfft(core, size) * np.conj(np.fft.rfft(template, size)), size)
    best = np.max(np.abs(np.concatenate([correlation[: shift + 1], correlation[-shift:]])))
    return float(best / max(np.linalg.norm(core) * np.linalg.norm(template), 1e-30))


def segment_features(core: np.ndarray, sample_rate: int, segment_samples: int) -> dict[str, float]:
    """The features the classifier reads from one segment core (float64 mono)."""
    n = len(core)
    energy = float(np.sum(core**2))
    size = 1 << int(np.ceil(np.log2(n * 4)))
    power = np.abs(np.fft.rfft(core * _tukey(n), size)) ** 2
    freqs = np.fft.rfftfreq(size, 1.0 / sample_rate)
    total = max(float(power.sum()), 1e-30)
    low = _band_share(power, freqs, 0.0, 170.0) / total
    low_mid = _band_share(power, freqs, 170.0, 600.0) / total
    high = _band_share(power, freqs, 4500.0, np.inf) / total
    peak = freqs[int(np.argmax(power))]
    tonality = _band_share(power, freqs, peak - 40.0, peak + 40.0) / total

    frame = max(1, round(0.0005 * sample_rate))
    frames = np.add.reduceat(core**2, np.arange(0, n, frame))
    top = max(1, len(frames) // 10)
    impulsive = float(np.sort(frames)[-top:].sum()) / max(energy, 1e-30)
    onset = float(np.sum(core[: int(0.06 * n)] ** 2)) / max(energy, 1e-30)
    late = float(np.sum(core[n // 2 :] ** 2)) / max(energy, 1e-30)
    early_part, late_part = core[int(0.2 * n) : int(0.45 * n)], core[int(0.55 * n) : int(0.8 * n)]
    sweep = _centroid(late_part, sample_rate) / max(_centroid(early_part, sample_rate), 1.0)
    features = {"low": low, "low_mid": low_mid, "high": high, "hum": low_mid / max(low + low_mid, 1e-30),
                "tonality": tonality, "impulsive": impulsive, "onset": onset, "late": late, "sweep": sweep}
    if low + low_mid > 0.8:
        features["thump_match"] = thump_match(core, sample_rate, segment_samples)
    return features


def classify_noise(features: dict[str, float]) -> str:
    """The noise (never silence) whose design the features fit."""
    f = features
    starts_silent_and_dies = f["onset"] < 0.01 and f["late"] < 0.15
    if f["low"] + f["low_mid"] > 0.8:
        if f["hum"] > 0.2:
            return "hum"
        # The thump has one fixed waveform (matched at 0.999+ through AAC) and is silent before its onset; a
        # stretch of rumble can start quietly and fade, and matched it at up to 0.9 in thousands of segments.
        return "thump" if f["thump_match"] > 0.98 and f["onset"] < 0.003 else "rumble"
    if f["high"] > 0.45:
        return "click" if f["impulsive"] > 0.6 else "hiss"
    if f["tonality"] > 0.8:
        return "tone"
    # A whoosh swells from nothing and sweeps upward (1.6x or more; a drip's chirp is over within milliseconds, so
    # its centroid barely moves, and a whoosh can fade early enough to look like it died away). Rustle never
    # starts silent (its crackle keeps at least 35 % of full amplitude); its centroid drifts up to 1.5x.
    if f["onset"] < 0.003 and f["sweep"] > 1.3:
        return "whoosh"
    return "drip" if starts_silent_and_dies else "rustle"


def snap_strength(rms: float) -> int:
    """Strength level (percent) of a core RMS; 0 for silence."""
    pct = rms / REFERENCE_RMS * 100.0
    if pct < SILENCE_PCT:
        return 0
    return int(min(STRENGTH_LEVELS_PCT, key=lambda level: abs(level - pct)))


def classify_sound_segments(samples: np.ndarray, sample_rate: int, segment_samples: int) -> list[tuple[str, int]]:
    """``(noise, strength_pct)`` for each whole segment of ``samples`` (mono, or (n, channels) float).

    A trailing partial segment is ignored (a segment whose core is complete is classified).
    """
    audio = np.asarray(samples, dtype=np.float64)
    if audio.ndim == 2:
        audio = audio.mean(axis=1)
    elif audio.ndim != 1:
        raise ValueError(f"samples must be mono or (n, channels), got shape {audio.shape}")
    segment_samples = int(segment_samples)
    core = segment_core(segment_samples)
    count = len(audio) // segment_samples
    if len(audio) - count * segment_samples >= core.stop:  # the last partial segment still has its whole core
        count += 1
    result = []
    for index in range(count):
        part = audio[index * segment_samples + core.start : index * segment_samples + core.stop]
        strength = snap_strength(float(np.sqrt(np.mean(part**2))))
        if strength == 0:
            result.append(("silence", 0))
        else:
            result.append((classify_noise(segment_features(part, sample_rate, segment_samples)), strength))
    return result
