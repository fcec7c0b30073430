"""The sound of a scene video, measured from its audio alone (mono float samples at any rate): per window its
loudness (dBFS), silence, music (steady tonal peaks) or an ambient class; over the whole track the tempo by beat
tracking and the pitch register of the music (the median pitch of its notes, by harmonic summation).

Every threshold is stated here in units of the sound (dBFS, Hz, seconds), so any duration is measured the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy  # its submodules load on first use: loading the definitions (each CLI call, code server, run) skips them

from motion_assets.extraction.audio_features import loudness_dbfs, spectral_shares, tonal_share
from motion_assets.keys.music_register import midi_of_hz, register_of_pitch

#: Sound: a window is silent under this loudness; music when MUSIC_TONAL_SHARE of its energy between
#: MUSIC_LOW_HZ and 4 kHz sits in tonal peaks. From 40 Hz, so low music (its fundamentals from 41 Hz) under a bed
#: is heard; noise beds, birdsong, crickets and city hum held at most 0.12 through AAC, music under a loud bed 0.26
#: and more.
SILENCE_DBFS = -60.0
MUSIC_TONAL_SHARE = 0.18
MUSIC_LOW_HZ = 40.0
SOUND_WINDOW_S = 2.0


@dataclass(frozen=True)
class SoundWindow:
    start_s: float
    end_s: float
    loudness_dbfs: float
    kind: str                      # silence | music | ambient
    ambient: str                   # none | rumble | wash | hiss | crackle
    tonal_share: float


@dataclass(frozen=True)
class SoundMeasurement:
    windows: tuple[SoundWindow, ...]
    silent: bool
    music: bool
    tempo_bpm: float | None        # None without music or without a beat
    pitch_register: str | None     # low | mid | high of the music, None without music
    loudness_dbfs: float


def ambient_class(audio: np.ndarray, sample_rate: int) -> str:
    """A coarse class of a noise bed from where its energy lies and how impulsive it is.

    rumble: most energy under 300 Hz (surf, thunder, wind's low roar); hiss: most above 2 kHz (rain, hiss);
    crackle: energy in short bursts (fire, clicks); wash: broadband and steady (waves, wind, crowd, city).
    """
    shares = spectral_shares(audio, sample_rate)
    frame = max(1, int(0.005 * sample_rate))
    energy = np.add.reduceat(audio.astype(np.float64) ** 2, np.arange(0, len(audio), frame))
    top = max(1, len(energy) // 20)
    burst = float(np.sort(energy)[-top:].sum() / max(energy.sum(), 1e-30))
    if burst > 0.5:
        return "crackle"
    if shares["low"] > 0.6:
        return "rumble"
    if shares["high"] > 0.5:
        return "hiss"
    return "wash"


def sound_windows(audio: np.ndarray, sample_rate: int, window_s: float = SOUND_WINDOW_S) -> tuple[SoundWindow, ...]:
    size = max(1, int(window_s * sample_rate))
    windows = []
    for start in range(0, max(len(audio), 1), size):
        part = audio[start:start + size]
        if len(part) < size // 2 and windows:
            break
        loud = loudness_dbfs(part)
        tonal = tonal_share(part, sample_rate, MUSIC_LOW_HZ) if loud > SILENCE_DBFS else 0.0
        if loud <= SILENCE_DBFS:
            kind, ambient = "silence", "none"
        elif tonal > MUSIC_TONAL_SHARE:
            kind, ambient = "music", "none"
        else:
            kind, ambient = "ambient", ambient_class(part, sample_rate)
        windows.append(SoundWindow(round(start / sample_rate, 3), round((start + len(part)) / sample_rate, 3),
                                   round(loud, 2), kind, ambient, round(tonal, 4)))
    return tuple(windows)


#: Onset bands (Hz): the beat is tracked in each band alone and the bands' periodicities averaged, so a steady
#: broadband noise (rain, surf) that floods the high bands cannot hide the beat the low and middle bands carry.
ONSET_BANDS_HZ = ((0.0, 200.0), (200.0, 1500.0), (1500.0, 5000.0), (5000.0, 24000.0))
#: The onset envelope is taken relative to its mean over this many seconds around each frame.
ONSET_DETREND_S = 0.25
ONSET_SMOOTH_FRAMES = 1.5
#: A band holding less than this share of the sound's power is left out of the beat (its envelope is noise).
ONSET_BAND_MIN_SHARE = 1e-4
#: Onset envelopes: spectra of ONSET_FRAME samples every ONSET_HOP.
ONSET_FRAME = 2048
ONSET_HOP = 256
#: Beat tracking needs this much sound (seconds): at 50 BPM that is a beat and a quarter.
TEMPO_MIN_S = 1.5


def onset_envelopes(audio: np.ndarray, sample_rate: int,
                    hop: int = ONSET_HOP) -> tuple[dict[tuple[float, float], np.ndarray], float]:
    """The onset envelope of each band of ONSET_BANDS_HZ the sound fills ({band: envelope}), and the envelopes'
    rate in Hz.

    An envelope is the half-wave rectified spectral flux of the log-compressed magnitude spectrum (2048-sample
    frames) summed over the band, less its mean over ONSET_DETREND_S and smoothed over ONSET_SMOOTH_FRAMES."""
    frame = ONSET_FRAME
    rate = sample_rate / hop
    count = 1 + (len(audio) - frame) // hop if len(audio) >= frame else 0
    if count < 3:
        return {}, rate
    index = np.arange(frame)[None, :] + hop * np.arange(count)[:, None]
    magnitude = np.abs(np.fft.rfft(audio[index] * np.hanning(frame), axis=1))
    freqs = np.fft.rfftfreq(frame, 1 / sample_rate)
    spectra = np.log1p(1000.0 * magnitude / max(float(magnitude.max()), 1e-12))
    flux = np.maximum(np.diff(spectra, axis=0), 0.0)
    power = magnitude ** 2
    total = max(float(power.sum()), 1e-30)
    envelopes = {}
    for low, high in ONSET_BANDS_HZ:
        inside = (freqs >= low) & (freqs < high)
        if float(power[:, inside].sum()) < ONSET_BAND_MIN_SHARE * total:
            continue  # a band the sound leaves empty holds only rounding noise
        envelope = flux[:, inside].sum(axis=1)
        # Onsets are what stands out of the envelope around them (a slow swell of a held chord is no beat), over
        # a few frames (steady tones beating against the hop make a frame-to-frame ripple, no beat either).
        envelope = envelope - scipy.ndimage.uniform_filter1d(envelope, max(3, int(ONSET_DETREND_S * rate) | 1),
                                                       mode="nearest")
        envelopes[(low, high)] = scipy.ndimage.gaussian_filter1d(envelope, ONSET_SMOOTH_FRAMES)
    return envelopes, rate


def band_periodicities(audio: np.ndarray, sample_rate: int,
                       hop: int = ONSET_HOP) -> tuple[dict[tuple[float, float], np.ndarray], float]:
    """{band: autocorrelation of its onset envelope (onset_envelopes), 1 at lag 0, unbiased for the shrinking
    overlap}, and the envelopes' rate in Hz."""
    envelopes, rate = onset_envelopes(audio, sample_rate, hop)
    autos = {}
    for band, envelope in envelopes.items():
        n = len(envelope)
        auto = np.fft.irfft(np.abs(np.fft.rfft(envelope, 2 * n)) ** 2)[:n]
        if auto[0] > 1e-12:
            autos[band] = auto / auto[0] * n / (n - np.arange(n))
    return autos, rate


def onset_periodicity(audio: np.ndarray, sample_rate: int, hop: int = ONSET_HOP) -> tuple[np.ndarray, float]:
    """The mean over the bands of their onset periodicities (band_periodicities), and the envelopes' rate in Hz."""
    autos, rate = band_periodicities(audio, sample_rate, hop)
    return (np.mean(list(autos.values()), axis=0) if autos else np.zeros(0)), rate


#: A beat is heard, not only periodic: the onsets (peaks of the bands' mean envelope, each band scaled by its
#: spread, at least BEAT_ONSET_HEIGHT of the strongest and 0.1 s apart) fall on a grid of the beat's period
#: (within BEAT_GRID_TOLERANCE of a period; the grid through the onset that fills it best) at BEAT_GRID_SHARE of
#: its slots from the first onset on and at least BEAT_MIN_ONSETS of them (an interval heard twice: a thunder
#: clap's crack and roll, or two claps, are one interval), and the
#: envelope on the beats stands BEAT_CONTRAST times above the envelope between them (its 90th percentile). A
#: few sound effects spaced by chance (whooshes at cuts, thunder) fill too few slots; the slow, textured swell of
#: held pads has as much onset between the "beats" as on them (a low pad's texture stood 1.9-2.1 times above it
#: on chance grids, played beats under rain or thunder 2.2 times and more).
BEAT_ONSET_HEIGHT = 0.3
BEAT_GRID_TOLERANCE = 0.1
BEAT_GRID_SHARE = 0.7
BEAT_CONTRAST = 2.1
BEAT_MIN_ONSETS = 3


def _grid_filled(onsets: np.ndarray, anchor: int, period: float, length: int) -> np.ndarray:
    """Per slot of the beat grid through ``anchor`` (from the first onset to the end): whether an onset lies
    within BEAT_GRID_TOLERANCE of a period of it."""
    slots = anchor + period * np.arange(np.ceil((onsets[0] - anchor) / period - BEAT_GRID_TOLERANCE),
                                        np.floor((length - 1 - anchor) / period) + 1)
    return np.abs(onsets[None, :] - slots[:, None]).min(axis=1) < BEAT_GRID_TOLERANCE * period


def beat_heard(audio: np.ndarray, sample_rate: int, bpm: float) -> bool:
    """Whether the onsets of ``audio`` keep a beat at ``bpm`` (see BEAT_GRID_SHARE and BEAT_CONTRAST)."""
    envelopes, rate = onset_envelopes(np.asarray(audio, dtype=np.float64), sample_rate)
    scaled = [np.maximum(e, 0.0) / e.std() for e in envelopes.values() if e.std() > 1e-12]
    if not scaled:
        return False
    envelope = np.mean(scaled, axis=0)
    period = 60.0 * rate / bpm
    onsets, _ = scipy.signal.find_peaks(envelope, height=BEAT_ONSET_HEIGHT * float(envelope.max()),
                                  distance=max(1, int(0.1 * rate)))
    # A sound that starts at its first sample starts with an onset the flux cannot see (no frame precedes it): it
    # counts where the flux would show it, a frame and half a window before the first frame.
    if loudness_dbfs(np.asarray(audio[:ONSET_FRAME])) > SILENCE_DBFS:
        onsets = np.concatenate([[-(1 + ONSET_FRAME / 2 / ONSET_HOP)], onsets])
    if len(onsets) < 2:
        return False
    # The grid is the one through an onset that the onsets fill best (a stray onset, a whoosh or the sound's
    # first frame, anchors a grid that misses the beats).
    filled = max((_grid_filled(onsets, anchor, period, len(envelope)) for anchor in onsets),
                 key=lambda f: (f.mean(), f.sum()))
    if filled.sum() < BEAT_MIN_ONSETS or filled.sum() < BEAT_GRID_SHARE * len(filled):
        return False
    # Contrast at the best phase of the grid: the envelope's peak within a tenth of a period of each beat against
    # the envelope further than a fifth of a period from every beat.
    reach = max(1, int(BEAT_GRID_TOLERANCE * period))
    frames = np.arange(len(envelope))
    best = None
    for phase in np.arange(0.0, period, 1.0):
        beats = np.arange(phase, len(envelope) - 1, period).round().astype(int)
        on = np.array([envelope[max(0, b - reach): b + reach + 1].max() for b in beats])
        if best is None or on.mean() > best[0]:
            best = (float(on.mean()), beats, on)
    _, beats, on = best
    between = np.abs(frames[:, None] - beats[None, :]).min(axis=1) > 2 * reach
    if not between.any():
        return True
    return float(np.median(on)) >= BEAT_CONTRAST * float(np.percentile(envelope[between], 90))


#: Tempo prior: beats are preferred near this tempo (BPM), with this spread in octaves (a log-normal weight).
TEMPO_PRIOR_BPM = 120.0
TEMPO_PRIOR_OCTAVES = 0.8
#: A beat is a peak of the onset periodicity carrying at least this autocorrelation (held chords, pads and noise
#: beds stay under about 0.1; a played beat reaches 0.3 and more).
TEMPO_MIN_PERIODICITY = 0.2
#: At most this many periodicity peaks are tried, the strongest (prior-weighted) first.
TEMPO_CANDIDATES = 3
#: The pulse a listener taps is the fastest level whose every beat is played: when the periodicity at half the
#: chosen lag (twice the tempo) is a peak this high relative to the chosen one, that faster level is the beat
#: (a four-on-the-floor kick under a two-beat clap pattern is heard at the kick's rate).
TEMPO_DOUBLE_RATIO = 0.3
#: ... and when the band under TEMPO_LOW_BANDS_HZ (kick and bass; without it, the mean of all bands) carries that
#: faster level too: its periodicity at the faster lag is a peak at least TEMPO_LOW_DOUBLE_RATIO of its own at the
#: slower one; a level it does not carry so gives way to the slower one. Hi-hats on every eighth note over a kick
#: and bass on the quarters, or a melody in eighths (lofi's vibraphone, 95 % of the power under 1.5 kHz), are
#: heard as subdividing the quarters.
TEMPO_LOW_BANDS_HZ = 200.0
TEMPO_LOW_DOUBLE_RATIO = 0.5
#: Metre is duple: when the level chosen groups three of a faster pulse that also groups in twos (a periodicity peak
#: at two thirds of the lag, at least TEMPO_DUPLE_RATIO as high, whose beats are heard), the twos are the beat. A
#: rock kick on 1 and the "and" of 3 repeats every three eighths and read 85 BPM for 128 once rain hid the hats.
TEMPO_DUPLE_RATIO = 0.5


def _peak_near(auto: np.ndarray, lag: float, spread: float = 0.04) -> int | None:
    """The lag of the highest local maximum of ``auto`` within ``spread`` (relative) of ``lag``, if any."""
    low, high = max(1, int(np.floor(lag * (1 - spread)))), min(len(auto) - 2, int(np.ceil(lag * (1 + spread))))
    if high < low:
        return None
    window = np.arange(low, high + 1)
    peaks = window[(auto[window] >= auto[window - 1]) & (auto[window] >= auto[window + 1])]
    return int(peaks[np.argmax(auto[peaks])]) if peaks.size else None


def tempo_bpm(audio: np.ndarray, sample_rate: int, low: float = 50.0, high: float = 200.0) -> float | None:
    """The beat's tempo (BPM) between ``low`` and ``high``, or None when the sound has no beat.

    The beat is the highest peak of the onset periodicity weighted by a log-normal prior around TEMPO_PRIOR_BPM
    (a lag must fit 1.5 times in the sound) whose settled level keeps a heard beat, of the TEMPO_CANDIDATES
    highest. A level the low bands do not carry (TEMPO_LOW_DOUBLE_RATIO) gives way
    to the level twice as slow, a level of three faster pulses to one of two (TEMPO_DUPLE_RATIO); then, while the
    periodicity at half the lag is a peak at least TEMPO_DOUBLE_RATIO
    as high and within ``high``, the low bands carry it and its beats are heard (beat_heard), the faster level is
    taken. None when the sound is shorter than TEMPO_MIN_S or no candidate peak carrying TEMPO_MIN_PERIODICITY
    keeps a beat its onsets play (beat_heard).
    """
    if len(audio) < TEMPO_MIN_S * sample_rate:
        return None
    autos, rate = band_periodicities(np.asarray(audio, dtype=np.float64), sample_rate)
    if not autos:
        return None
    auto = np.mean(list(autos.values()), axis=0)
    low_bands = [band for band in autos if band[1] <= TEMPO_LOW_BANDS_HZ]
    low_auto = np.mean([autos[band] for band in low_bands], axis=0) if low_bands else auto
    n = len(auto)
    lags = np.arange(max(2, int(rate * 60 / high)), int(rate * 60 / low) + 1)
    lags = lags[(lags * 1.5 < n) & (lags + 1 < n)]
    if lags.size == 0:
        return None
    peaks = lags[(auto[lags] >= auto[lags - 1]) & (auto[lags] >= auto[lags + 1])]
    if peaks.size == 0:
        return None
    bpm = 60.0 * rate / peaks
    weights = np.exp(-0.5 * (np.log2(bpm / TEMPO_PRIOR_BPM) / TEMPO_PRIOR_OCTAVES) ** 2)
    score = auto[peaks] * weights
    # The candidates by score: the first whose level, once settled, keeps a heard beat (a thunder roll can lift a
    # periodicity peak its onsets do not keep above the beat of the music under it).
    for lag in peaks[np.argsort(-score, kind="stable")][:TEMPO_CANDIDATES]:
        if auto[lag] < TEMPO_MIN_PERIODICITY:
            continue
        bpm = _metrical_level(audio, sample_rate, auto, low_auto, rate, int(lag), low, high)
        if beat_heard(audio, sample_rate, bpm):
            return bpm
    return None


def _metrical_level(audio: np.ndarray, sample_rate: int, auto: np.ndarray, low_auto: np.ndarray, rate: float,
                    best: int, low: float, high: float) -> float:
    """The tempo (BPM) of the metrical level a listener taps, from the periodicity peak at lag ``best`` (see
    tempo_bpm)."""
    n = len(auto)
    while 60.0 * rate / (best * 2) >= low / 1.04 and best * 2 * 1.5 < n:
        slower, low_slower = _peak_near(auto, best * 2), _peak_near(low_auto, best * 2)
        if (slower is None or low_slower is None or auto[slower] < TEMPO_MIN_PERIODICITY
                or low_auto[best] >= TEMPO_LOW_DOUBLE_RATIO * low_auto[low_slower]):
            break
        best = slower  # the level chosen is played by the high bands alone: it subdivides the slower beat
    duple = _peak_near(auto, best * 2 / 3)
    if (duple is not None and 60.0 * rate / duple <= high * 1.04 and auto[duple] >= TEMPO_MIN_PERIODICITY
            and auto[duple] >= TEMPO_DUPLE_RATIO * auto[best]
            and beat_heard(audio, sample_rate, _refined_bpm(auto, duple, rate))):
        best = duple  # three eighths to the chosen beat, and the eighths group in twos: the twos are the beat
    while 60.0 * rate / (best / 2) <= high * 1.04:
        faster = _peak_near(auto, best / 2)
        if faster is None or auto[faster] < TEMPO_DOUBLE_RATIO * auto[best] or auto[faster] < TEMPO_MIN_PERIODICITY:
            break
        low_faster = _peak_near(low_auto, best / 2)
        if low_faster is None or low_auto[low_faster] < TEMPO_LOW_DOUBLE_RATIO * low_auto[best]:
            break  # only the high bands (hi-hats, shakers) play the faster level: they subdivide the beat
        if not beat_heard(audio, sample_rate, _refined_bpm(auto, faster, rate)):
            break  # the faster level is periodic, but its beats are not all played
        best = faster
    return _refined_bpm(auto, best, rate)


def _refined_bpm(auto: np.ndarray, lag: int, rate: float) -> float:
    """The tempo (BPM, 0.1) of the periodicity peak at ``lag``, refined by a parabola through it and its neighbours."""
    left, centre, right = auto[lag - 1], auto[lag], auto[lag + 1]
    denominator = left - 2 * centre + right
    offset = 0.5 * (left - right) / denominator if abs(denominator) > 1e-12 else 0.0
    return round(60.0 * rate / (lag + float(np.clip(offset, -0.5, 0.5))), 1)


#: Pitch: spectra of PITCH_FRAME samples (zero-padded twice) every PITCH_HOP; a spectral peak counts when it is
#: PITCH_PEAK_RATIO times the median of the PITCH_MEDIAN_BINS around it (a noise bed's bins almost never are, a
#: note's harmonics always), between 25 Hz and 5 kHz, at most PITCH_PEAKS of them (the strongest) per frame.
PITCH_FRAME = 8192
PITCH_HOP = 4096
PITCH_PEAK_RATIO = 8.0
PITCH_MEDIAN_BINS = 31
PITCH_PEAKS = 40
PITCH_PEAK_HZ = (25.0, 5000.0)
#: Notes: a fundamental between 27 Hz (A0) and 2.1 kHz; harmonics 1-10 matched within 3 %; at most PITCH_NOTES
#: notes a frame, and none whose harmonic sum is under PITCH_NOTE_FLOOR of the frame's total peak amplitude.
PITCH_F0_HZ = (27.0, 2100.0)
PITCH_HARMONICS = 10
PITCH_TOLERANCE = 0.03
PITCH_NOTES = 6
PITCH_NOTE_FLOOR = 0.05
#: A frame has notes only when its peaks hold this share of its power between 25 Hz and 5 kHz: a noise bed's few
#: chance peaks hold a few percent, the harmonics of notes most of it.
PITCH_MIN_TONAL = 0.15


def _spectral_peaks(power: np.ndarray, freqs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(frequencies Hz, powers) of the steady peaks of one power spectrum, frequencies refined by a parabola
    through the log powers of the peak bin and its neighbours."""
    local = scipy.ndimage.median_filter(power, size=PITCH_MEDIAN_BINS, mode="nearest")
    inner = power[1:-1]
    index = np.flatnonzero((inner > power[:-2]) & (inner >= power[2:]) & (inner > PITCH_PEAK_RATIO * local[1:-1])) + 1
    index = index[(freqs[index] >= PITCH_PEAK_HZ[0]) & (freqs[index] < PITCH_PEAK_HZ[1])]
    if index.size > PITCH_PEAKS:
        index = np.sort(index[np.argsort(power[index])[-PITCH_PEAKS:]])
    if index.size == 0:
        return np.zeros(0), np.zeros(0)
    left, centre, right = (np.log(power[index + k] + 1e-30) for k in (-1, 0, 1))
    curve = left - 2 * centre + right
    safe = np.where(np.abs(curve) > 1e-12, curve, 1.0)
    offset = np.where(np.abs(curve) > 1e-12, 0.5 * (left - right) / safe, 0.0).clip(-0.5, 0.5)
    return freqs[index] + offset * (freqs[1] - freqs[0]), power[index]


def frame_notes(peak_hz: np.ndarray, peak_power: np.ndarray) -> list[tuple[float, float]]:
    """(fundamental Hz, power) of the notes sounding in one frame's spectral peaks, strongest first.

    Iterative harmonic summation (after Klapuri): every unexplained peak is a candidate fundamental, scored by the
    amplitudes of the unexplained peaks at its harmonics (the k-th weighed 1 / (1 + 0.3 (k - 1))); the best becomes
    a note, takes its harmonics' power and removes them, and the search goes on. A candidate must itself be a peak:
    an octave below a note and its fifth would otherwise explain both (3:2 are its 2nd and 3rd harmonics).
    """
    notes: list[tuple[float, float]] = []
    if peak_power.size == 0:
        return notes
    amplitude = np.sqrt(peak_power)
    floor = PITCH_NOTE_FLOOR * float(amplitude.sum())
    used = np.zeros(len(peak_hz), dtype=bool)
    for _ in range(PITCH_NOTES):
        free = peak_hz[~used]
        candidates = free[(free >= PITCH_F0_HZ[0]) & (free <= PITCH_F0_HZ[1])]
        if candidates.size == 0:
            break
        ratio = peak_hz[None, :] / candidates[:, None]
        harmonic = np.rint(ratio)
        match = ((~used)[None, :] & (harmonic >= 1) & (harmonic <= PITCH_HARMONICS)
                 & (np.abs(ratio / np.maximum(harmonic, 1) - 1) < PITCH_TOLERANCE))
        salience = (match * amplitude[None, :] / (1 + 0.3 * (harmonic - 1))).sum(axis=1)
        best = int(np.argmax(salience))
        if salience[best] < floor:
            break
        notes.append((float(candidates[best]), float(peak_power[match[best]].sum())))
        used |= match[best]
    return notes


def music_pitch(audio: np.ndarray, sample_rate: int) -> float | None:
    """The median pitch (fractional MIDI note) of the notes sounding, each note of each frame weighed by its power;
    None when no note sounds. The notes come from ``frame_notes`` over the whole track."""
    audio = np.asarray(audio, dtype=np.float64)
    size = 2 * PITCH_FRAME
    freqs = np.fft.rfftfreq(size, 1 / sample_rate)
    window = np.hanning(PITCH_FRAME)
    pitches, powers = [], []
    band = (freqs >= PITCH_PEAK_HZ[0]) & (freqs < PITCH_PEAK_HZ[1])
    for start in range(0, len(audio) - PITCH_FRAME + 1, PITCH_HOP):
        power = np.abs(np.fft.rfft(audio[start:start + PITCH_FRAME] * window, size)) ** 2
        peak_hz, peak_power = _spectral_peaks(power, freqs)
        # The peaks' own bins hold only part of a windowed peak's power: three bins a peak is most of it.
        if 3 * float(peak_power.sum()) < PITCH_MIN_TONAL * float(power[band].sum()):
            continue
        for hz, note_power in frame_notes(peak_hz, peak_power):
            pitches.append(midi_of_hz(hz))
            powers.append(note_power)
    if not pitches:
        return None
    order = np.argsort(pitches)
    cumulative = np.cumsum(np.asarray(powers)[order]) / float(np.sum(powers))
    return float(np.asarray(pitches)[order][int(np.searchsorted(cumulative, 0.5))])


def pitch_register(audio: np.ndarray, sample_rate: int) -> str | None:
    """low | mid | high (keys.music_register): the register whose band holds the music's median pitch (rounded to
    the nearest note, as the notes it summarises are), None when no note sounds."""
    pitch = music_pitch(audio, sample_rate)
    return None if pitch is None else register_of_pitch(round(pitch))


def measure_sound(audio: np.ndarray | None, sample_rate: int) -> SoundMeasurement:
    """Measure a mono track (None or empty: no sound at all): its windows, silence, music, tempo and register."""
    audio = np.zeros(0, dtype=np.float32) if audio is None else np.asarray(audio, dtype=np.float32)
    windows = sound_windows(audio, sample_rate) if audio.size else ()
    loud = loudness_dbfs(audio) if audio.size else -200.0
    music = any(w.kind == "music" for w in windows)
    return SoundMeasurement(
        windows=windows, silent=loud <= SILENCE_DBFS, music=music,
        tempo_bpm=tempo_bpm(audio, sample_rate) if music else None,
        pitch_register=pitch_register(audio, sample_rate) if music else None,
        loudness_dbfs=round(float(loud), 2))
