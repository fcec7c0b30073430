"""One loop job end to end, without Dagster: instruction -> spec -> MP4 + WAV -> measured discoveries.

Discovery rows share one schema across registries (DISCOVERY_SCHEMA). ``observed`` tells measured values (from
the MP4's pixels and audio) from intended ones (narrative values taken from the prompt, never measured).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import numpy as np
import pyarrow as pa

from motion_assets.creation.build import RegistryState, RenderSettings, build_spec
from motion_assets.creation.scene_build import build_scene_spec
from motion_assets.creation.scene_spec import SceneVideoSpec, is_scene_document
from motion_assets.creation.spec import VideoSpec
from motion_assets.extraction.frame_values import extract_color_cells, extract_lighting
from motion_assets.extraction.sound import classify_sound_segments, read_audio_track
from motion_assets.extraction.window_values import WindowValues, extract_window
from motion_assets.keys.canonical import (
    LINGUISTIC_DOMAINS,
    canonical_key,
    color_cell_key,
    color_family,
    sound_cell_key,
    text_key,
)
from motion_assets.keys.depth import color_depth, largest_remainder_percentages
from motion_assets.loop.batches import LoopJob
from motion_assets.origins.vocabulary import NOISE_KIND, NOISE_PITCH, SCENE_WORKFLOWS
from motion_assets.rendering.audio import SAMPLE_RATE, synthesize_sound_cells, write_wav
from motion_assets.rendering.encode import decode_frames, encode_mp4
from motion_assets.rendering.frames import render_frames

T = TypeVar("T")
A = TypeVar("A")

DISCOVERY_SCHEMA = pa.schema(
    [
        ("job_id", pa.string()),
        ("job_order", pa.string()),
        ("batch", pa.string()),
        ("registry", pa.string()),
        ("category", pa.string()),
        ("key", pa.string()),
        ("params", pa.string()),
        ("depth", pa.string()),
        ("observed", pa.bool_()),
        ("frame", pa.int32()),
        ("prompt", pa.string()),
    ]
)



@dataclass(frozen=True)
class VideoRecord:
    job_id: str
    mp4_path: str
    wav_path: str
    spec_path: str
    mp4_bytes: int
    mp4_sha256: str
    wav_sha256: str


@dataclass(frozen=True)
class Measurements:
    color_cells: list[list[tuple[tuple[int, int, int], int]]]
    sound_cells: list[tuple[str, int]]
    lighting: str
    window: WindowValues | None


def make_spec(job: LoopJob, instruction: dict, state: RegistryState,
              settings: RenderSettings) -> VideoSpec | SceneVideoSpec:
    """A scenes job gets a full-frame scene of the prompt's length (else the settings'); a probe job the
    calibration pattern that acquires the primitive spaces exactly."""
    if job.workflow in SCENE_WORKFLOWS:
        return build_scene_spec(job_id=job.job_id, seed=job.seed, prompt=job.prompt, instruction=instruction,
                                duration_s=None if instruction.get("duration_seconds") else settings.scene_duration_s,
                                fps=settings.fps, size=(settings.scene_width, settings.scene_height),
                                materials=state.materials)
    return build_spec(job_id=job.job_id, seed=job.seed, prompt=job.prompt, instruction=instruction,
                      workflow=job.workflow, sweep_index=job.sweep_index, state=state, settings=settings)


def spec_from_json(text: str) -> VideoSpec | SceneVideoSpec:
    """A stored spec document as the spec it records (scene specs carry ``kind: scene``)."""
    return SceneVideoSpec.from_json(text) if is_scene_document(text) else VideoSpec.from_json(text)


def render_picture(spec: VideoSpec | SceneVideoSpec) -> np.ndarray:
    """The frames of a spec: a full-frame scene, or the probe's exact primitive pattern."""
    if isinstance(spec, SceneVideoSpec):
        from motion_assets.rendering.scene_frames import render_scene_frames

        return render_scene_frames(spec)
    return render_frames(spec)


def render_audio(spec: VideoSpec | SceneVideoSpec) -> np.ndarray:
    if isinstance(spec, SceneVideoSpec):
        from motion_assets.rendering.soundtrack import synthesize_soundtrack

        return synthesize_soundtrack(spec.soundtrack, spec.duration_s, spec.seed)
    return synthesize_sound_cells(spec.sound_cells, segment_samples=SAMPLE_RATE // spec.fps, seed=spec.seed)


def render_video(spec: VideoSpec | SceneVideoSpec, out_dir: Path) -> VideoRecord:
    """Render ``spec`` to ``<out_dir>/<job_id>.mp4`` (+ lossless .wav and the spec .json), all atomically."""
    return _finish_video(spec, render_picture(spec), Path(out_dir))


def _finish_video(spec: VideoSpec | SceneVideoSpec, frames: np.ndarray, out_dir: Path) -> VideoRecord:
    out_dir.mkdir(parents=True, exist_ok=True)
    audio = render_audio(spec)
    mp4 = encode_mp4(frames, spec.fps, audio, SAMPLE_RATE, out_dir / f"{spec.job_id}.mp4")
    wav = out_dir / f"{spec.job_id}.wav"
    write_wav(wav, audio, SAMPLE_RATE)
    spec_path = out_dir / f"{spec.job_id}.spec.json"
    _write_text_atomic(spec_path, spec.to_json())
    data = mp4.read_bytes()
    return VideoRecord(spec.job_id, str(mp4), str(wav), str(spec_path), len(data), hashlib.sha256(data).hexdigest(),
                       hashlib.sha256(wav.read_bytes()).hexdigest())


def render_videos(specs: Sequence[VideoSpec | SceneVideoSpec], out_dir: Path, workers: int = 1,
                  then: Callable[[VideoRecord], T] | None = None) -> Iterator[tuple[VideoRecord, T | None]]:
    """`render_video` for each of ``specs``, yielded in their order with ``then(record)`` (None without ``then``).

    With ``workers`` > 1 the pictures are drawn one after another in the calling thread (the scene renderer's GL
    context belongs to the thread that made it current) while the soundtrack, the encoding (an ffmpeg process),
    the files and ``then`` run on that many threads: most of a video's time is spent waiting on ffmpeg, so the
    machine's cores share it. Every video is made from its own spec alone, so the bytes are those of a serial run;
    at most ``workers`` pictures wait for their encoding at once."""
    out_dir = Path(out_dir)

    def finish(spec, frames):
        record = _finish_video(spec, frames, out_dir)
        return record, then(record) if then is not None else None

    if workers <= 1 or len(specs) <= 1:
        for spec in specs:
            yield finish(spec, render_picture(spec))
        return
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="render") as pool:
        pending: deque[Future] = deque()
        for spec in specs:
            pending.append(pool.submit(finish, spec, render_picture(spec)))
            while len(pending) >= workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def in_threads(function: Callable[[A], T], items: Sequence[A], workers: int) -> list[T]:
    """``[function(item) for item in items]``, on up to ``workers`` threads (the measurements wait on ffmpeg for
    most of their time); the results in the items' order, the first error raised."""
    if workers <= 1 or len(items) <= 1:
        return [function(item) for item in items]
    with ThreadPoolExecutor(max_workers=min(workers, len(items)), thread_name_prefix="measure") as pool:
        return list(pool.map(function, items))


def default_workers() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def measure_video(mp4_path: str | Path, fps: int, focus: str = "all") -> Measurements:
    """Everything extraction reads from an MP4: frames and audio track, nothing else."""
    frames = decode_frames(Path(mp4_path))
    audio = read_audio_track(Path(mp4_path), SAMPLE_RATE)
    return measure_media(frames, audio, fps, focus)


def measure_media(frames: np.ndarray, audio: np.ndarray, fps: int, focus: str = "all") -> Measurements:
    """Per-frame values unless ``focus`` is "window", per-window values unless it is "frame".

    Sound cells and lighting are always measured: the window's sound blend and gradient are read through them.
    """
    colors = extract_color_cells(frames) if focus != "window" else []
    segment = SAMPLE_RATE // fps
    usable = min(len(audio) // segment, len(frames))
    sounds = classify_sound_segments(audio[: usable * segment], SAMPLE_RATE, segment)
    lighting, _ = extract_lighting(frames)
    window = extract_window(frames, fps, lighting) if focus != "frame" else None
    return Measurements(colors, list(sounds), lighting, window)


def sound_blend(cells: list[tuple[str, int]], fps: int) -> dict[str, str]:
    """The window's sound blend from its measured cells: presence, tempo (changes per second) and pitch."""
    audible = [noise for noise, _ in cells if noise != "silence"]
    kinds = {NOISE_KIND[n] for n in audible}
    presence = "silence" if not audible else "full" if len(kinds) >= 2 else next(iter(kinds))
    changes = sum(1 for a, b in zip(cells, cells[1:]) if a[0] != b[0]) * fps / max(len(cells), 1)
    tempo = "slow" if changes < 6 else "medium" if changes < 12 else "fast"
    pitches = Counter(NOISE_PITCH[n] for n in audible)
    pitch = min(pitches, key=lambda p: (-pitches[p], p)) if pitches else "none"
    return {"presence": presence, "tempo": tempo, "pitch": pitch}


@lru_cache(maxsize=65536)
def _color_cell_fields(rgb: tuple[int, int, int], opacity: int) -> tuple[str, str, str, str]:
    """(category, key, params JSON, depth JSON) of a colour cell; cached because frames repeat cells."""
    r, g, b = rgb
    # The params JSON written directly (json.dumps with sort_keys gives the same text, at ten times the cost:
    # an explorer video holds 2,688 new cells).
    params = f'{{"b": {b}, "g": {g}, "opacity": {opacity}, "r": {r}}}'
    # Extraction returns canonical cells already, so the key needs no re-snapping.
    return color_family(rgb, opacity), color_cell_key(rgb, opacity), params, _depth_json(rgb)


@lru_cache(maxsize=65536)
def _depth_json(rgb: tuple[int, int, int]) -> str:
    return json.dumps(color_depth(rgb), sort_keys=True)


def frame_discoveries(job: LoopJob, measured: Measurements) -> list[dict]:
    rows = []
    for frame, cells in enumerate(measured.color_cells):
        for rgb, opacity in cells:
            category, key, params, depth = _color_cell_fields(rgb, opacity)
            rows.append({"job_id": job.job_id, "job_order": job.job_order, "batch": job.batch,
                         "registry": "static_colors", "category": category, "key": key, "params": params,
                         "depth": depth, "observed": True, "frame": frame, "prompt": job.prompt})
    for frame, (noise, strength) in enumerate(measured.sound_cells):
        rows.append(_row(job, "static_sound", noise, sound_cell_key(noise, strength),
                         {"noise": noise, "strength": strength}, {noise: 100}, True, frame))
    return rows


def window_values(measured: Measurements, fps: int) -> dict[str, dict]:
    """The window's dynamic values, category -> key parameters, as measured."""
    w = measured.window
    return {
        "motion": {"speed": w.motion_speed, "rhythm": w.motion_rhythm, "direction": w.motion_direction},
        "gradient": {"type": w.gradient_type, "strength": w.gradient_strength},
        "camera": {"type": w.camera_type, "speed": w.camera_speed},
        "lighting": {"preset": measured.lighting},
        "composition": {"balance": w.composition},
        "transition": {"type": w.transition_type, "duration_ms": w.transition_duration_ms},
        "sound": sound_blend(measured.sound_cells, fps),
    }


def window_discoveries(job: LoopJob, measured: Measurements, fps: int) -> list[dict]:
    w = measured.window
    values = window_values(measured, fps)
    depths = {
        "motion": {w.motion_speed: 100},
        "gradient": {w.gradient_type: 100},
        "camera": {w.camera_type: 100},
        "lighting": {measured.lighting: 100},
        "composition": {w.composition: 100},
        "transition": {w.transition_type: 100},
        "sound": _noise_mix(measured.sound_cells),
    }
    return [_row(job, "dynamic_blends", category, canonical_key(category, params), params, depths[category], True, -1)
            for category, params in values.items()]


def narrative_discoveries(job: LoopJob, spec: VideoSpec) -> list[dict]:
    return [_row(job, "narrative", category, text_key(category, value), {"value": value}, {value: 100}, False, -1)
            for category, value in sorted(spec.narrative.items())]


def observed_narrative_discoveries(job: LoopJob, observed: dict[str, str]) -> list[dict]:
    """Narrative values read off the measured video (extraction.narrative), as observed rows."""
    return [_row(job, "narrative", category, text_key(category, value), {"value": value}, {value: 100}, True, -1)
            for category, value in sorted(observed.items())]


def linguistic_discoveries(job: LoopJob, instruction: dict) -> list[dict]:
    """Every span the interpreter resolved, as (span, domain, value, variant) observations."""
    rows = []
    for sense in instruction.get("senses") or []:
        domain = sense.get("domain") if sense.get("domain") in LINGUISTIC_DOMAINS else "other"
        span = str(sense.get("span", "")).strip().lower()
        if not span:
            continue
        value = json.dumps(sense.get("value"), sort_keys=True)
        params = {"span": span, "domain": domain, "value": sense.get("value"),
                  "variant": sense.get("variant", "synonym"), "confidence": sense.get("confidence")}
        rows.append(_row(job, "linguistic", domain, text_key(f"linguistic.{domain}", f"{span} = {value}"), params, {}, False, -1))
    return rows


def _noise_mix(cells: list[tuple[str, int]]) -> dict[str, float]:
    mix = Counter()
    for noise, strength in cells:
        mix[noise] += 1
    return dict(mix)


def _row(job: LoopJob, registry: str, category: str, key: str, params: dict, depth: dict, observed: bool,
         frame: int) -> dict:
    return {
        "job_id": job.job_id,
        "job_order": job.job_order,
        "batch": job.batch,
        "registry": registry,
        "category": category,
        "key": key,
        "params": json.dumps(params, sort_keys=True),
        "depth": json.dumps(largest_remainder_percentages(depth) if depth else {}, sort_keys=True),
        "observed": observed,
        "frame": frame,
        "prompt": job.prompt,
    }


def discovery_table(rows: list[dict]) -> pa.Table:
    ordered = sorted(rows, key=lambda r: (r["job_order"], r["registry"], r["category"], r["frame"], r["key"]))
    return pa.Table.from_pylist(ordered, schema=DISCOVERY_SCHEMA)


def _write_text_atomic(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
