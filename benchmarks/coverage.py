"""Coverage benchmark: from an empty data directory, how many loop videos and how much CPU time until each defined
space is full, against the lower bound (cells / cells one video can hold) and a random-choice baseline measured in
the same run.

The loop path is one loop video as the Dagster assets make it, without the Dagster bookkeeping: the workflow's
prompt (``plan_batch``), its interpretation, the spec (``build_spec``), rendering, H.264 + AAC encoding into a
temporary data directory (``--path lossless`` skips the codec), decoding, extraction and the discovery rows. A cell
counts only when a discovery row holds it, i.e. when it was rendered and measured, exactly as the registries count
it. Narrative values are intended (read from the prompt, never measured), so once every rendered space is full
the explorer's remaining videos to the narrative pairwise space are built as specs only.

The random baseline (``build_spec`` with workflow ``random``: colour cells, sound cells, dynamic values and
narrative values drawn uniformly from their spaces; ``random_blend`` for the sound blends) is rendered and
extracted the same way, on the lossless path, up to ``--baseline-cap`` videos ("not reached after N" beyond).

CPU seconds are this process's plus its children's (ffmpeg), from an empty start to the video that filled the space.

    python benchmarks/coverage.py [--path mp4|lossless] [--baseline-cap N] [--json]
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from motion_assets.coverage.measure import pairs_carried
from motion_assets.coverage.spaces import (
    SPACE_VERSION,
    dynamic_space,
    narrative_pair_space,
    static_color_space,
    static_sound_space,
)
from motion_assets.creation.build import RegistryState, RenderSettings, random_narrative
from motion_assets.extraction.sound import read_audio_track
from motion_assets.interpretation import interpret
from motion_assets.keys.seeds import derive_seed
from motion_assets.loop.batches import LoopJob, plan_batch
from motion_assets.loop.jobs import (
    frame_discoveries,
    make_spec,
    measure_media,
    narrative_discoveries,
    render_audio,
    window_discoveries,
)
from motion_assets.rendering.audio import SAMPLE_RATE
from motion_assets.rendering.encode import decode_frames, encode_mp4
from motion_assets.rendering.frames import render_frames

SETTINGS = RenderSettings()
AUDIBLE_PER_VIDEO = SETTINGS.frame_count - 1  # the first audio frame is a silent lead-in
CELLS_PER_FRAME = 112


def cpu_seconds() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def spaces() -> dict[str, frozenset]:
    """Every space the benchmark fills, as sets of the keys discovery rows carry."""
    result = {"static_colors": frozenset().union(*static_color_space().values()),
              "static_sound": frozenset().union(*static_sound_space().values())}
    result.update({f"dynamic.{category}": keys for category, keys in dynamic_space().items()})
    result["narrative_pairs"] = frozenset((name, pair) for name, pairs in narrative_pair_space().items()
                                          for pair in pairs)
    return result


def lower_bounds() -> dict[str, int]:
    """Videos needed at the very least: cells / cells one video can hold."""
    bounds = {"static_colors": math.ceil(len(spaces()["static_colors"]) / (CELLS_PER_FRAME * SETTINGS.frame_count)),
              # 23 audible cells and the silent lead-in (itself the silence cell) a video
              "static_sound": math.ceil(len(spaces()["static_sound"]) / (AUDIBLE_PER_VIDEO + 1))}
    bounds.update({f"dynamic.{c}": len(keys) for c, keys in dynamic_space().items()})  # one window a video
    bounds["narrative_pairs"] = max(len(p) for p in narrative_pair_space().values())  # one pair of a kind a video
    return bounds


def rendered_keys(job: LoopJob, spec, scratch: Path, path: str) -> dict[str, set]:
    """Render, (encode and decode), extract: the keys of the discovery rows, per space."""
    frames, audio = render_frames(spec), render_audio(spec)
    if path == "mp4":
        out = encode_mp4(frames, spec.fps, audio, SAMPLE_RATE, scratch / f"{job.job_id}.mp4")
        frames, audio = decode_frames(out), read_audio_track(out, SAMPLE_RATE)
        out.unlink()
    measured = measure_media(frames, audio, spec.fps)
    keys: dict[str, set] = defaultdict(set)
    for row in frame_discoveries(job, measured):
        keys[row["registry"]].add(row["key"])
    for row in window_discoveries(job, measured, spec.fps):
        keys[f"dynamic.{row['category']}"].add(row["key"])
    return keys


def story_of(job: LoopJob, spec) -> dict[str, str]:
    return {row["category"]: json.loads(row["params"])["value"] for row in narrative_discoveries(job, spec)}


class Filling:
    """Which of the wanted spaces are full, after how many videos and CPU seconds."""

    def __init__(self, wanted: list[str]):
        self.space = {name: spaces()[name] for name in wanted}
        self.seen: dict[str, set] = defaultdict(set)
        self.done: dict[str, dict] = {}
        self.videos = 0
        self.started = cpu_seconds()

    def add(self, keys: dict[str, set]) -> None:
        self.videos += 1
        for name, values in keys.items():
            if name in self.space:
                self.seen[name] |= values
        for name, space in self.space.items():
            if name not in self.done and space <= self.seen[name]:
                self.done[name] = {"videos": self.videos, "cpu_seconds": round(cpu_seconds() - self.started, 1)}

    def full(self, names=None) -> bool:
        return all(name in self.done for name in (names or self.space))

    def figures(self) -> dict[str, dict]:
        return {name: self.done.get(name) or {"videos": None, "not_reached_after": self.videos,
                                              "coverage_pct": round(100.0 * len(self.seen[name] & space)
                                                                    / len(space), 2)}
                for name, space in self.space.items()}


def loop_run(workflow: str, wanted: list[str], rendered: list[str], scratch: Path, path: str,
             max_videos: int) -> dict[str, dict]:
    """The workflow's loop batches in order (2 videos each, the default) until every wanted space is full."""
    filling = Filling(wanted)
    number = 0
    while not filling.full() and filling.videos < max_videos:
        number += 1
        for job in plan_batch(f"{workflow}-{number:06d}", 2):
            spec = make_spec(job, interpret(job.prompt).to_dict(), RegistryState(), SETTINGS)
            keys = rendered_keys(job, spec, scratch, path) if not filling.full(rendered) else {}
            keys["narrative_pairs"] = pairs_carried(story_of(job, spec))
            filling.add(keys)
    return filling.figures()


def random_run(workflow: str, wanted: list[str], scratch: Path, cap: int, pair_cap: int) -> dict[str, dict]:
    """The random-choice baseline: rendered and extracted (lossless) until full or ``cap`` videos; the narrative
    pairs (intended values, nothing to render) up to ``pair_cap``."""
    filling = Filling(wanted)
    rendered = [name for name in wanted if name != "narrative_pairs"]
    rng = np.random.default_rng(derive_seed("coverage-benchmark", workflow))
    number = 0
    while not filling.full() and filling.videos < max(cap, pair_cap if "narrative_pairs" in wanted else 0):
        number += 1
        job = LoopJob(job_id=f"{workflow}-{number:06d}-v00", batch=f"{workflow}-{number:06d}", workflow=workflow,
                      video_index=0, sweep_index=number - 1, seed=derive_seed("coverage-benchmark", workflow, number),
                      prompt="", job_order=f"{number:06d}-{workflow}-000")
        if filling.full(rendered) or filling.videos >= cap:
            filling.add({"narrative_pairs": pairs_carried(random_narrative(rng))})
            continue
        spec = make_spec(job, {}, RegistryState(), SETTINGS)
        keys = rendered_keys(job, spec, scratch, "lossless")
        keys["narrative_pairs"] = pairs_carried(spec.narrative)
        filling.add(keys)
    figures = filling.figures()
    for name in rendered:  # a rendered space not full by the cap is not reached after the cap, whatever came later
        if figures[name]["videos"] is None:
            figures[name]["not_reached_after"] = min(filling.videos, cap)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--path", choices=("mp4", "lossless"), default="mp4",
                        help="the loop's extraction path (default mp4: encode, decode, extract, as the loop does)")
    parser.add_argument("--max-videos", type=int, default=400, help="cap on the loop's videos per workflow")
    parser.add_argument("--baseline-cap", type=int, default=600, help="cap on rendered random-baseline videos")
    parser.add_argument("--pair-cap", type=int, default=3000, help="cap on random-baseline videos for pairs")
    parser.add_argument("--json", action="store_true", help="end with one JSON line of every figure")
    args = parser.parse_args()
    if min(args.max_videos, args.baseline_cap, args.pair_cap) < 1:
        parser.error("caps must be at least 1")

    wall = time.perf_counter()
    dynamic = [f"dynamic.{c}" for c in dynamic_space()]
    with tempfile.TemporaryDirectory(prefix="coverage-benchmark-") as scratch_dir:
        scratch = Path(scratch_dir)
        loop = {}
        loop.update(loop_run("sound", ["static_sound"], ["static_sound"], scratch, args.path, args.max_videos))
        explorer_rendered = ["static_colors", *dynamic]
        loop.update(loop_run("explorer", [*explorer_rendered, "narrative_pairs"], explorer_rendered, scratch,
                             args.path, args.max_videos))
        baseline = {}
        baseline.update(random_run("random", ["static_colors", "static_sound", *[d for d in dynamic
                                                                                 if d != "dynamic.sound"],
                                              "narrative_pairs"], scratch, args.baseline_cap, args.pair_cap))
        baseline.update(random_run("random_blend", ["dynamic.sound"], scratch, args.baseline_cap, 0))

    bounds = lower_bounds()
    results: dict[str, dict] = {}
    for name in spaces():
        figures = {"cells": len(spaces()[name]), "lower_bound_videos": bounds[name], **loop[name]}
        if figures["videos"]:
            figures["ratio_to_lower_bound"] = round(figures["videos"] / bounds[name], 3)
        base = baseline[name]
        figures["random_baseline_videos"] = base["videos"]
        if base["videos"] is None:
            figures["random_baseline_not_reached_after"] = base["not_reached_after"]
            figures["random_baseline_coverage_pct"] = base["coverage_pct"]
        else:
            figures["random_baseline_cpu_seconds"] = base["cpu_seconds"]
        results[name] = figures
    static_cpu = sum(results[n]["cpu_seconds"] for n in ("static_colors", "static_sound") if results[n]["videos"])
    summary = {"path": args.path, "space_version": SPACE_VERSION, "static_cpu_seconds": round(static_cpu, 1),
               "static_cpu_target_seconds": 600, "wall_seconds": round(time.perf_counter() - wall, 1)}

    print(f"{'space':<22}{'cells':>7}{'bound':>7}{'loop':>7}{'x bound':>9}{'loop cpu s':>12}{'random':>14}")
    for name, f in results.items():
        random_text = str(f["random_baseline_videos"]) if f["random_baseline_videos"] else \
            f">{f['random_baseline_not_reached_after']} ({f['random_baseline_coverage_pct']}%)"
        loop_text = str(f["videos"]) if f["videos"] else f">{f.get('not_reached_after')}"
        ratio = f"{f['ratio_to_lower_bound']:.2f}" if f.get("ratio_to_lower_bound") else "-"
        cpu = f"{f['cpu_seconds']:.1f}" if f.get("cpu_seconds") is not None else "-"
        print(f"{name:<22}{f['cells']:>7}{f['lower_bound_videos']:>7}{loop_text:>7}{ratio:>9}{cpu:>12}"
              f"{random_text:>14}")
    for name, value in summary.items():
        print(f"{name}: {value}")
    if args.json:
        print(json.dumps({"spaces": results, **summary}, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
