"""What a scene video holds, measured from its pixels and its sound alone: an instrument for any MP4.

``measure_scene(frames, fps, audio, sample_rate)`` (or ``measure_scene_file(path)``) returns a ``SceneMeasurement``:

* joins and shots from the frame sequence: cuts (one large jump that is not a lightning flash), dissolves (a run of
  frames that are blends of the frames either side), fades through black between shots, a wipe (a run where
  columns switch one after another), and fades in and out at the ends;
* per shot: the dominant colours (k-means in CIELAB over sampled frames, clusters closer than ``MERGE_DE`` merged,
  with their share of the frame), each quantised to the registry's colour cell at full opacity; the look (key,
  contrast, grade, monochrome, neon, golden hour) from pixel statistics; the camera move a viewer sees (phase
  correlation over the whole picture, extraction.picture.camera_move) and the motion of tracked regions against it;
* the sound (extraction.scene_sound): per window loudness (dBFS), silence, music or an ambient class, and over
  the whole track the tempo by beat tracking and the pitch register of the music.

Every threshold is stated here, in units of the picture (0-1 luminance, ΔE2000, pixels of a 256-wide picture per
second) or of the sound (dBFS, Hz), so any size, frame rate and duration is measured the same way. Deterministic:
k-means starts from fixed, evenly spread picks.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy

from motion_assets.extraction.media import decode_frames, read_audio_track, video_fps
from motion_assets.extraction.picture import LUMA, camera_move, chroma_p99, hsv, phase_shift
from motion_assets.extraction.scene_sound import (  # noqa: F401 (re-exported for callers measuring whole scenes)
    MUSIC_TONAL_SHARE, SILENCE_DBFS, SOUND_WINDOW_S, SoundWindow, ambient_class, measure_sound, pitch_register,
    sound_windows, tempo_bpm,
)
from motion_assets.keys.canonical import color_family
from motion_assets.keys.cielab import delta_e2000, lab_to_srgb, srgb_to_lab
from motion_assets.keys.color_space import canonical_cell, cell_key

SAMPLE_RATE = 48000
#: Dominant colours: clusters per shot before merging, merge distance, smallest share kept.
CLUSTERS = 6
MERGE_DE = 10.0
MIN_SHARE = 0.03
#: Dominant colours are clustered over block means of a picture this many blocks wide, in this many k-means rounds
#: (enough to settle: a k-means stopped early lands wherever the codec's noise pushed it).
COLOUR_COLUMNS = 48
KMEANS_ITERATIONS = 60
#: Joins: a frame-to-frame change of the coarse picture (picture_grid; 0-255 per channel) is a cut when it stands
#: out of the changes around it (CUT_NEIGHBOURS either side) by CUT_Z robust deviations, is CUT_RATIO times their
#: median and at least CUT_MIN_CHANGE.
CUT_NEIGHBOURS = 8
CUT_Z = 6.0
CUT_RATIO = 1.5
CUT_MIN_CHANGE = 1.0
#: A jump that comes back within this many frames is a flash (lightning), not a cut.
FLASH_FRAMES = 4
#: A cut's jump is this many times both changes beside it (a dissolve's changes come in a run).
CUT_ISOLATION = 2.0
#: A cut changes most of the picture: its median cell (of picture_grid) changes at least CUT_SPREAD times as much
#: as the median cell changes between the frames around it, or than CUT_SPREAD_FLOOR (0-255: a codec's flicker),
#: whichever is more. A hard edge stepping one row on (a horizon under a clipping grade in a slow tilt) jumps as
#: much in the mean, but in a few cells only.
CUT_SPREAD = 2.7
CUT_SPREAD_FLOOR = 0.25
#: Dissolves and wipes: the change across a window of GRADUAL_SPANS_S seconds stands out of the same change at the
#: windows around it by GRADUAL_Z robust deviations and GRADUAL_RATIO times, and is at least GRADUAL_MIN_CHANGE.
GRADUAL_SPANS_S = (0.3, 0.5, 0.75)
GRADUAL_Z = 5.0
GRADUAL_RATIO = 1.4
GRADUAL_MIN_CHANGE = 1.5
#: A wipe's middle frame has columns (or rows) of both pictures: their blend weights spread by more than this.
WIPE_WEIGHT_SPREAD = 0.25
#: A transition is a change that starts and ends: the frames up to a window's length before and after it hold
#: still along the change it made (three quarters of them within GRADUAL_MAX_DRIFT of it). Light swelling on a
#: near wave, or a slow drift, keeps changing that way (or comes back) beyond any window that holds it.
GRADUAL_MAX_DRIFT = 0.25
#: Fades: a frame is "dark" when its luminance is under this fraction of the video's typical luminance.
DARK_FRACTION = 0.25
#: Look: luminance keys, contrast (luma standard deviation) levels, grade (mean red - blue).
KEY_BOUNDS = (0.2, 0.36, 0.56)  # dark | dim | balanced | bright (midpoints of the usual targets .13 .27 .45 .66)
CONTRAST_BOUNDS = (0.08, 0.2)
WARMTH_BOUND = 0.05
MONOCHROME_CHROMA = 10.0


@dataclass(frozen=True)
class DominantColour:
    rgb: tuple[int, int, int]      # the cluster's mean colour, sRGB
    share: float                   # of the shot's sampled pixels, 0-1
    cell: str                      # registry colour cell key (full opacity)
    family: str                    # hue family of the cell ("neutral" for greys)


@dataclass(frozen=True)
class Look:
    luma: float
    key: str                       # dark | dim | balanced | bright
    contrast: float
    contrast_level: str            # low | normal | high
    warmth: float
    grade: str                     # warm | neutral | cool
    saturation: float
    monochrome: bool
    neon: bool
    golden_hour: bool


@dataclass(frozen=True)
class ShotMeasurement:
    start: int                     # first frame
    end: int                       # one past the last frame
    colours: tuple[DominantColour, ...]
    look: Look
    camera: str                    # static | pan_left | pan_right | tilt_up | tilt_down | zoom_in | zoom_out | shake
    camera_px_per_s: float         # global picture motion, pixels of a 256-wide picture per second
    subject_motion: str            # none | left | right | up | down: the tracked region moving against the picture
    subject_px_per_s: float


@dataclass(frozen=True)
class Join:
    kind: str                      # cut | dissolve | fade | wipe
    start: int                     # first frame of the new shot (cut) or of the transition
    frames: int                    # frames the transition lasts (0 for a cut)


@dataclass(frozen=True)
class SceneMeasurement:
    fps: float
    width: int
    height: int
    frame_count: int
    fade_in_frames: int
    fade_out_frames: int
    joins: tuple[Join, ...]
    shots: tuple[ShotMeasurement, ...]
    sound: tuple[SoundWindow, ...]
    silent: bool
    music: bool
    tempo_bpm: float | None
    pitch_register: str | None     # low | mid | high of the tonal part, None without music
    loudness_dbfs: float

    @property
    def duration_s(self) -> float:
        return self.frame_count / self.fps


# --- joins and fades ---------------------------------------------------------------------------------------------

#: The picture a join detector compares: block means on a grid this many columns wide (rows follow the aspect),
#: so any frame size is compared at the same scale and rain, snow, grain and texture average out.
GRID_COLUMNS = 24


def picture_grid(frames: np.ndarray, columns: int = GRID_COLUMNS) -> np.ndarray:
    """(frames, rows, columns, 3) float block means (0-255) of every frame: a resolution-independent coarse picture.

    Colour, not luma: a cut between two colours of equal luminance is still a cut.
    """
    count, height, width, _ = frames.shape
    columns = max(1, min(columns, width))
    rows = max(1, min(height, int(round(columns * height / width))))
    bh, bw = height // rows, width // columns
    top, left = (height - rows * bh) // 2, (width - columns * bw) // 2
    crop = frames[:, top:top + rows * bh, left:left + columns * bw]
    grid = np.empty((count, rows, columns, 3), dtype=np.float32)
    for start in range(0, count, 32):  # in chunks: a large video never needs a float copy of every frame
        part = crop[start:start + 32].astype(np.float32)
        grid[start:start + 32] = part.reshape(len(part), rows, bh, columns, bw, 3).mean(axis=(2, 4))
    return grid


def frame_changes(grid: np.ndarray) -> np.ndarray:
    """Mean absolute colour change from each frame to the next (0-255 per channel)."""
    return np.abs(np.diff(grid, axis=0)).mean(axis=(1, 2, 3)) if len(grid) > 1 else np.zeros(0)


def change_scores(changes: np.ndarray, half: int = CUT_NEIGHBOURS) -> tuple[np.ndarray, np.ndarray]:
    """(robust z, ratio) of each frame-to-frame change against the changes around it.

    The neighbourhood is ``half`` changes either side, leaving out the change itself and its direct neighbours (a
    cut's own jump must not raise its baseline); its spread is the median absolute deviation, floored so a
    perfectly still picture does not turn the smallest flicker into a cut.
    """
    z = np.zeros(len(changes))
    ratio = np.zeros(len(changes))
    for i in range(len(changes)):
        around = np.r_[changes[max(0, i - half):max(0, i - 1)], changes[i + 2:i + half + 1]]
        if around.size == 0:
            around = np.zeros(1)
        centre = float(np.median(around))
        spread = 1.4826 * float(np.median(np.abs(around - centre))) + 0.02 * centre + 0.05
        z[i] = (changes[i] - centre) / spread
        ratio[i] = changes[i] / max(centre, 0.05)
    return z, ratio


def _dark_runs(lumas: np.ndarray) -> list[tuple[int, int]]:
    typical = float(np.median(lumas))
    if typical < 8.0:  # a dark video (or a black screen) has no fades to find
        return []
    dark = lumas < DARK_FRACTION * typical
    runs, start = [], None
    for i, d in enumerate(np.append(dark, False)):
        if d and start is None:
            start = i
        elif not d and start is not None:
            runs.append((start, i))
            start = None
    return runs


def _ramp_length(lumas: np.ndarray, dark_end: int, step: int, typical: float) -> int:
    """Frames from the dark run's edge until the luminance has come back (95 % of the plateau)."""
    i = dark_end
    plateau = typical
    while 0 <= i < len(lumas) and lumas[i] < 0.95 * plateau:
        i += step
    return abs(i - dark_end)


def measure_joins(small: np.ndarray, fps: float = 24.0) -> tuple[int, int, list[Join]]:
    """(fade_in_frames, fade_out_frames, joins) of the frame sequence (``small`` from picture_grid)."""
    count = len(small)
    lumas = (small @ LUMA).mean(axis=(1, 2))
    changes = frame_changes(small)
    typical = float(np.median(lumas))
    fade_in = fade_out = 0
    joins: list[Join] = []
    busy = np.zeros(count, dtype=bool)  # frames inside a fade or a transition
    for start, end in _dark_runs(lumas):
        if start == 0:
            fade_in = end + _ramp_length(lumas, end, 1, typical)
            busy[:fade_in] = True
        elif end == count:
            fade_out = (count - start) + _ramp_length(lumas, start - 1, -1, typical)
            busy[count - fade_out:] = True
        else:
            before = _ramp_length(lumas, start - 1, -1, typical)
            after = _ramp_length(lumas, end, 1, typical)
            joins.append(Join("fade", start - before, before + (end - start) + after))
            busy[start - before: end + after] = True
    if count < 3:
        return fade_in, fade_out, joins
    z, ratio = change_scores(changes)
    # Cuts: a single jump. A flash (lightning) jumps and comes back within FLASH_FRAMES frames, so the frames
    # either side of it stay alike: both of its jumps are skipped.
    beside = np.maximum(np.r_[0.0, changes[:-1]], np.r_[changes[1:], 0.0])
    jumps = [int(i) for i in np.flatnonzero((z > CUT_Z) & (ratio > CUT_RATIO) & (changes > CUT_MIN_CHANGE)
                                            & (changes > CUT_ISOLATION * beside)) if _spread_jump(small, int(i))]
    flashed: set[int] = set()
    for i in jumps:
        for k in range(i + 1, min(i + FLASH_FRAMES, count - 2) + 1):
            if np.abs(small[i] - small[k + 1]).mean() < 0.4 * changes[i]:
                flashed.update(range(i, k + 1))
                break
    for i in jumps:
        if busy[i] or busy[i + 1] or i in flashed:
            continue
        joins.append(Join("cut", int(i + 1), 0))
        busy[i:i + 2] = True
    flash = np.zeros(count, dtype=bool)
    flash[sorted(flashed)] = True
    flash[[k + 1 for k in flashed]] = True
    joins += _gradual_joins(small, fps, busy, flash)
    return fade_in, fade_out, sorted(joins, key=lambda j: j.start)


def _spread_jump(grid: np.ndarray, i: int, half: int = CUT_NEIGHBOURS) -> bool:
    """Whether the jump from frame ``i`` to ``i + 1`` changes most of the picture (CUT_SPREAD): its median cell
    against the median cells of the frame-to-frame changes around it (as in change_scores)."""
    cells = np.abs(grid[i + 1] - grid[i]).mean(axis=-1)
    around = [j for j in (*range(max(0, i - half), max(0, i - 1)), *range(i + 2, min(len(grid) - 1, i + half + 1)))]
    typical = float(np.median([np.median(np.abs(grid[j + 1] - grid[j]).mean(axis=-1)) for j in around])) \
        if around else 0.0
    return float(np.median(cells)) >= CUT_SPREAD * max(typical, CUT_SPREAD_FLOOR)


def _holds_still(grid: np.ndarray, first: int, last: int, skip: np.ndarray) -> bool:
    """Whether the picture holds still along the change from frame ``first`` to ``last`` outside it: up to a
    window's length before and after (frames in ``skip``, flashes and other joins, left out), three quarters of the
    frames lie within GRADUAL_MAX_DRIFT of the change's end on their side (their projections on the change, 1
    being the whole change). A side with no frames to look at says nothing."""
    delta = (grid[last] - grid[first]).ravel()
    energy = float(delta @ delta)
    if energy <= 1e-6:
        return True
    span = last - first
    for end, frames in ((first, range(max(0, first - span), first)),
                        (last, range(last + 1, min(len(grid), last + span + 1)))):
        drifts = [abs(float((grid[k] - grid[end]).ravel() @ delta)) / energy for k in frames if not skip[k]]
        if drifts and float(np.percentile(drifts, 75)) > GRADUAL_MAX_DRIFT:
            return False
    return True


def _gradual_joins(grid: np.ndarray, fps: float, busy: np.ndarray, flash: np.ndarray) -> list[Join]:
    """Dissolves and wipes: windows across which the coarse picture changes far more than across the windows
    around them.

    On the coarse picture (picture_grid) rain, texture and grain average out, and a camera move changes it at a
    steady rate, so the change across a window of a fixed length is about the same everywhere in a shot; a
    window that holds a transition adds the difference between the two shots. Each window length of
    GRADUAL_SPANS_S is scored against the same length's windows nearby (those not overlapping it); the strongest
    window wins and the transition is taken to fill it. In a wipe each column of the middle frame is the old or the
    new picture; in a dissolve every column is the same blend of both.
    """
    count = len(grid)
    found: list[Join] = []
    taken = busy.copy()
    # A flash (lightning) may strike during a dissolve: a window may hold one, but is not measured from one.
    still = busy | flash
    candidates = []
    for seconds in GRADUAL_SPANS_S:
        span = max(3, int(round(seconds * fps)))
        if count <= 2 * span:
            continue
        across = np.abs(grid[span:] - grid[:-span]).mean(axis=(1, 2, 3))  # across[i]: frame i -> frame i + span
        for i in range(len(across)):
            around = np.r_[across[max(0, i - 3 * span):max(0, i - span)], across[i + span + 1:i + 3 * span + 1]]
            if around.size < 3:
                continue
            centre = float(np.median(around))
            spread = 1.4826 * float(np.median(np.abs(around - centre))) + 0.02 * centre + 0.05
            z = (across[i] - centre) / spread
            if z > GRADUAL_Z and across[i] > GRADUAL_RATIO * centre and across[i] > GRADUAL_MIN_CHANGE:
                candidates.append((z, i, span))
    for _, first, span in sorted(candidates, reverse=True):
        last = first + span  # the frames before and after: first + 1 .. last - 1 are the transition
        # A window that touches a cut, a fade or a join already found (or comes within two frames of one) is
        # that join seen again.
        middle = (first + last) // 2
        if taken[max(0, first - 2):last + 3].any() or flash[[first, middle, last]].any() \
                or not _holds_still(grid, first, last, still):
            continue
        found.append(Join(_gradual_kind(grid[first], grid[middle], grid[last]), first + 1, span - 1))
        taken[first:last + 1] = True
    return found


def _gradual_kind(before: np.ndarray, middle: np.ndarray, after: np.ndarray) -> str:
    """"wipe" when the middle frame's columns (or rows) are each the old or the new picture, else "dissolve".

    Each column that changed gets its blend weight (0 = the old picture, 1 = the new one): a dissolve blends every
    column alike, a wipe has switched some columns fully and not yet the others, so its weights spread widely.
    """
    spreads = []
    for axis in (0, 1):  # rows then columns of the grid: a wipe runs across either
        delta = (after - before).swapaxes(0, axis).reshape(after.shape[axis], -1)
        moved = (middle - before).swapaxes(0, axis).reshape(after.shape[axis], -1)
        energy = (delta ** 2).sum(axis=1)
        changed = energy > 0.25 * float(np.median(energy)) + 1e-6
        if changed.sum() < 3:
            continue
        weights = np.clip((moved * delta).sum(axis=1)[changed] / energy[changed], -0.5, 1.5)
        spreads.append(float(weights.std()))
    return "wipe" if spreads and max(spreads) > WIPE_WEIGHT_SPREAD else "dissolve"


# --- per shot ----------------------------------------------------------------------------------------------------

def dominant_colours(frames: np.ndarray, clusters: int = CLUSTERS) -> tuple[DominantColour, ...]:
    """The dominant colours of ``frames`` (a few frames of one shot), largest share first.

    Block means (COLOUR_COLUMNS blocks across) are clustered by k-means in CIELAB from evenly spread starting picks
    (deterministic, KMEANS_ITERATIONS rounds); clusters within MERGE_DE (ΔE2000) are merged, clusters under MIN_SHARE dropped.
    """
    # Block means, not single pixels: a codec keeps a block's colour but not each pixel's (chroma is stored at half
    # the resolution and quantised), so the colours of a picture and of its MP4 are compared at the scale both hold.
    count, height, width, _ = frames.shape
    block = max(1, min(max(2, int(round(width / COLOUR_COLUMNS))), height, width))
    rows, columns = height // block, width // block
    pixels = frames[:, :rows * block, :columns * block].astype(np.float64).reshape(
        count, rows, block, columns, block, 3).mean(axis=(2, 4)).reshape(-1, 3)
    lab = srgb_to_lab(pixels)
    order = np.argsort(lab[:, 0], kind="stable")
    start = lab[order[np.linspace(0, len(order) - 1, clusters).round().astype(int)]]
    # Equal picks (a flat or two-colour picture) would leave a cluster empty from the start: each colour starts one.
    _, first = np.unique(start, axis=0, return_index=True)
    start = start[np.sort(first)]
    with warnings.catch_warnings():
        # A cluster that empties on the way keeps its centre and holds no block: it is left out below (count 0).
        warnings.filterwarnings("ignore", "One of the clusters is empty", UserWarning)
        centres, labels = scipy.cluster.vq.kmeans2(lab, start, iter=KMEANS_ITERATIONS, minit="matrix")
    counts = np.bincount(labels, minlength=len(centres)).astype(np.float64)
    groups: list[list[int]] = []
    for index in np.argsort(-counts):
        if counts[index] == 0:
            continue
        for group in groups:
            if delta_e2000(centres[group[0]], centres[index]) < MERGE_DE:
                group.append(int(index))
                break
        else:
            groups.append([int(index)])
    result = []
    for group in groups:
        share = float(counts[group].sum() / counts.sum())
        if share < MIN_SHARE:
            continue
        mean_lab = (centres[group] * counts[group, None]).sum(axis=0) / counts[group].sum()
        rgb = tuple(int(c) for c in np.rint(lab_to_srgb(mean_lab)))
        snapped, _ = canonical_cell(rgb, 100)
        result.append(DominantColour(rgb, round(share, 4), cell_key(rgb, 100), color_family(snapped, 100)))
    return tuple(sorted(result, key=lambda c: -c.share))


def _level(value: float, bounds: tuple[float, ...], names: tuple[str, ...]) -> str:
    return names[int(np.searchsorted(bounds, value))]


def measure_look(frames: np.ndarray) -> Look:
    """Key, contrast, grade and the looks (monochrome, neon, golden hour) of a few frames of one shot."""
    rgb = frames[:, ::2, ::2].reshape(-1, 3).astype(np.float32) / 255.0
    luma_values = rgb @ LUMA
    luma, contrast = float(luma_values.mean()), float(luma_values.std())
    warmth_value = float((rgb[:, 0] - rgb[:, 2]).mean())
    hue, saturation, value = hsv(frames[:, ::2, ::2])
    saturation_mean = float(saturation[value > 0.1].mean()) if np.any(value > 0.1) else 0.0
    monochrome = chroma_p99(frames) <= MONOCHROME_CHROMA
    # Neon: a dark picture with vivid, bright pinks, purples, blues or cyans in it.
    vivid = (saturation > 0.6) & (value > 0.6)
    neon_hues = vivid & (((hue >= 160) & (hue < 345)))
    neon = (not monochrome) and luma < 0.35 and float(neon_hues.mean()) > 0.02
    # Golden hour: warm light, a good part of the picture orange or yellow, neither dark nor washed out.
    golden = vivid | ((saturation > 0.35) & (value > 0.4))
    gold_share = float((golden & (hue >= 15) & (hue < 70)).mean())
    golden_hour = (not monochrome) and warmth_value > WARMTH_BOUND and gold_share > 0.2 and 0.2 < luma < 0.75
    return Look(
        luma=round(luma, 4),
        key=_level(luma, KEY_BOUNDS, ("dark", "dim", "balanced", "bright")),
        contrast=round(contrast, 4),
        contrast_level=_level(contrast, CONTRAST_BOUNDS, ("low", "normal", "high")),
        warmth=round(warmth_value, 4),
        grade=_level(warmth_value, (-WARMTH_BOUND, WARMTH_BOUND), ("cool", "neutral", "warm")),
        saturation=round(saturation_mean, 4),
        monochrome=bool(monochrome),
        neon=bool(neon),
        golden_hour=bool(golden_hour),
    )


def region_motion(frames: np.ndarray, fps: float, grid: int = 3) -> tuple[str, float, float]:
    """(subject direction, subject speed, picture speed): regions tracked against the whole picture's motion.

    The picture is split into grid x grid regions; each region's shift between frames a quarter second apart is
    measured by phase correlation, like the whole picture's. The region moving most against the whole picture
    carries the subject; its direction counts when it moves at least 6 px/s (of a 256-wide picture) more.
    Speeds are pixels per second of a 256-wide picture.
    """
    lag = max(1, int(round(fps / 4)))
    if len(frames) <= lag:
        return "none", 0.0, 0.0
    scale = 256.0 / frames.shape[2]
    pairs = [(i, i + lag) for i in range(0, len(frames) - lag, lag)][:8]
    h, w = frames.shape[1] // grid, frames.shape[2] // grid
    whole, regions = [], []
    for i, j in pairs:
        whole.append(phase_shift(frames[i], frames[j]))
        regions.append([phase_shift(frames[i, r * h:(r + 1) * h, c * w:(c + 1) * w],
                                    frames[j, r * h:(r + 1) * h, c * w:(c + 1) * w])
                        for r in range(grid) for c in range(grid)])
    whole_shift = np.median(np.asarray(whole), axis=0) * scale * fps / lag
    region_shift = np.median(np.asarray(regions), axis=0) * scale * fps / lag  # (regions, 2)
    against = region_shift - whole_shift
    strongest = int(np.argmax(np.hypot(*against.T)))
    dx, dy = against[strongest]
    speed = float(np.hypot(dx, dy))
    picture_speed = float(np.hypot(*whole_shift))
    if speed < 6.0:
        return "none", round(speed, 2), round(picture_speed, 2)
    direction = ("right" if dx > 0 else "left") if abs(dx) >= abs(dy) else ("down" if dy > 0 else "up")
    return direction, round(speed, 2), round(picture_speed, 2)


def _steady_frames(start: int, end: int, count: int = 4) -> np.ndarray:
    return np.unique(np.linspace(start, end - 1, min(count, end - start)).round().astype(int))


def measure_shot(frames: np.ndarray, fps: float, start: int, end: int) -> ShotMeasurement:
    shot = frames[start:end]
    sample = frames[_steady_frames(start, end)]
    direction, subject_speed, picture_speed = region_motion(shot, fps)
    return ShotMeasurement(start, end, dominant_colours(sample), measure_look(sample),
                           camera_move(shot, fps), picture_speed, direction, subject_speed)


# --- everything --------------------------------------------------------------------------------------------------

def measure_scene(frames: np.ndarray, fps: float, audio: np.ndarray | None = None,
                  sample_rate: int = SAMPLE_RATE) -> SceneMeasurement:
    """Measure a decoded video ((frames, H, W, 3) uint8 RGB at ``fps``) and its mono audio."""
    frames = np.asarray(frames)
    if frames.ndim != 4 or frames.shape[-1] != 3 or len(frames) == 0:
        raise ValueError(f"frames must be (frames, height, width, 3), got shape {frames.shape}")
    count = len(frames)
    fade_in, fade_out, joins = measure_joins(picture_grid(frames), fps)
    # Shots run between joins; a transition's frames belong to neither shot.
    bounds, start = [], min(fade_in, count - 1)
    for join in joins:
        if join.start > start:
            bounds.append((start, join.start))
        start = join.start + join.frames
    stop = max(count - fade_out, start + 1)
    if stop > start:
        bounds.append((start, min(stop, count)))
    shots = tuple(measure_shot(frames, fps, a, b) for a, b in bounds if b > a)
    sound = measure_sound(audio, sample_rate)
    return SceneMeasurement(
        fps=float(fps), width=int(frames.shape[2]), height=int(frames.shape[1]), frame_count=count,
        fade_in_frames=int(fade_in), fade_out_frames=int(fade_out), joins=tuple(joins), shots=shots,
        sound=sound.windows, silent=sound.silent, music=sound.music, tempo_bpm=sound.tempo_bpm,
        pitch_register=sound.pitch_register, loudness_dbfs=sound.loudness_dbfs,
    )


def measure_scene_file(path: Path) -> SceneMeasurement:
    """Measure an MP4 (or anything ffmpeg reads); a file without an audio track is measured as silent."""
    frames = decode_frames(Path(path))
    try:
        audio = read_audio_track(path, SAMPLE_RATE)
    except ValueError as error:
        if "cannot read an audio track" not in str(error):
            raise
        audio = None
    return measure_scene(frames, video_fps(Path(path)), audio, SAMPLE_RATE)
