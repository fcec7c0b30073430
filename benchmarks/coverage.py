"""Coverage benchmark: from nothing, how many loop videos and how much CPU time until each defined space is full,
against the lower bound (cells / cells one video can hold) and a random-choice baseline measured in the same run.

The loop path renders each video and counts only the values extraction measured from its frames and audio. The
random baseline draws the same number of cells per video uniformly from the space (no rendering: extraction is
exact on these spaces, see benchmarks/precision.py), so it isolates the choice strategy.

    python benchmarks/coverage.py [--max-videos N] [--json]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import defaultdict

import numpy as np

from motion_assets.coverage.spaces import dynamic_space, narrative_pair_space, static_color_space, static_sound_space
from motion_assets.creation.build import RegistryState, RenderSettings
from motion_assets.interpretation import interpret
from motion_assets.keys.canonical import color_cell_key, sound_cell_key
from motion_assets.loop.batches import plan_batch
from motion_assets.origins.vocabulary import NARRATIVE
from motion_assets.loop.jobs import make_spec, measure_media, render_audio, window_discoveries
from motion_assets.rendering.frames import render_frames


def loop_videos(workflow: str, spaces: dict[str, frozenset], per_video, max_videos: int) -> dict[str, dict]:
    """Render the workflow's videos in order until every space is full (or max_videos): videos and CPU seconds."""
    seen: dict[str, set] = defaultdict(set)
    done: dict[str, dict] = {}
    started = time.process_time()
    videos = 0
    number = 0
    while videos < max_videos and len(done) < len(spaces):
        number += 1
        for job in plan_batch(f"{workflow}-{number:06d}", 2):
            spec = make_spec(job, interpret(job.prompt).to_dict(), RegistryState(), RenderSettings())
            measured = measure_media(render_frames(spec), render_audio(spec), spec.fps)
            videos += 1
            for name, keys in per_video(job, measured, spec.fps).items():
                seen[name] |= keys
            for name, space in spaces.items():
                if name not in done and space <= seen[name]:
                    done[name] = {"videos": videos, "cpu_seconds": round(time.process_time() - started, 1)}
    for name, space in spaces.items():
        done.setdefault(name, {"videos": None, "not_reached_after": videos,
                               "coverage_pct": round(100.0 * len(space & seen[name]) / len(space), 2)})
    return done


def random_baseline(space: frozenset, per_video: int, rng: np.random.Generator, cap: int) -> int | None:
    cells = sorted(space)
    seen: set = set()
    for video in range(1, cap + 1):
        seen.update(cells[i] for i in rng.integers(0, len(cells), per_video))
        if len(seen) == len(cells):
            return video
    return None


def static_keys(job, measured, fps) -> dict[str, set]:
    colours = {color_cell_key(rgb, o) for frame in measured.color_cells for rgb, o in frame}
    sounds = {sound_cell_key(n, s) for n, s in measured.sound_cells}
    return {"static_colors": colours, "static_sound": sounds}


def dynamic_keys(job, measured, fps) -> dict[str, set]:
    return {row["category"]: {row["key"]} for row in window_discoveries(job, measured, fps)}


def narrative_pairs(max_videos: int, rng: np.random.Generator) -> dict:
    """Videos until every pair of narrative values was carried (narrative values are intended: read from each
    explorer prompt's interpretation, as the loop records them), against random values per video."""
    space = {(name, pair) for name, pairs in narrative_pair_space().items() for pair in pairs}
    names = list(narrative_pair_space())

    def pairs_of(story: dict) -> set:
        return {(name, (story[a], story[b])) for name in names for a, b in [name.split(" x ")]
                if a in story and b in story}

    seen: set = set()
    started = time.process_time()
    videos = 0
    for number in range(1, max_videos // 2 + 1):
        for job in plan_batch(f"explorer-{number:06d}", 2):
            videos += 1
            seen |= pairs_of(make_spec(job, interpret(job.prompt).to_dict(), RegistryState(), RenderSettings()).narrative)
        if space <= seen:
            break
    reached = videos if space <= seen else None
    random_seen: set = set()
    random_videos = None
    for video in range(1, 20001):
        random_seen |= pairs_of({c: values[int(rng.integers(len(values)))] for c, values in NARRATIVE.items()})
        if space <= random_seen:
            random_videos = video
            break
    return {"cells": len(space), "videos": reached, "cpu_seconds": round(time.process_time() - started, 1),
            "lower_bound_videos": max(len(p) for p in narrative_pair_space().values()),
            "random_baseline_videos": random_videos}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-videos", type=int, default=80)
    parser.add_argument("--max-pair-videos", type=int, default=240)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rng = np.random.default_rng(2026)
    colour_space = frozenset().union(*static_color_space().values())
    sound_space = frozenset().union(*static_sound_space().values())
    cells_per_video = {"static_colors": 112 * 24, "static_sound": 24}
    results: dict = {}
    results.update(loop_videos("explorer", {"static_colors": colour_space}, static_keys, args.max_videos))
    results.update(loop_videos("sound", {"static_sound": sound_space}, static_keys, args.max_videos))
    for name, space in (("static_colors", colour_space), ("static_sound", sound_space)):
        bound = math.ceil(len(space) / cells_per_video[name])
        results[name]["lower_bound_videos"] = bound
        results[name]["random_baseline_videos"] = random_baseline(space, cells_per_video[name], rng, 2000)
        if results[name]["videos"]:
            results[name]["ratio_to_lower_bound"] = round(results[name]["videos"] / bound, 3)
    dynamic = {f"dynamic.{c}": keys for c, keys in dynamic_space().items()}
    reached = loop_videos("explorer", {c.split(".")[1]: k for c, k in dynamic.items()}, dynamic_keys, args.max_videos)
    for category, figures in reached.items():
        space = dynamic_space()[category]
        figures["lower_bound_videos"] = len(space)
        figures["random_baseline_videos"] = random_baseline(space, 1, rng, 20000)
        results[f"dynamic.{category}"] = figures
    results["narrative_pairs"] = narrative_pairs(args.max_pair_videos, rng)
    static_cpu = sum(results[n]["cpu_seconds"] for n in ("static_colors", "static_sound") if results[n]["videos"])
    results["static_cpu_seconds"] = round(static_cpu, 1)
    for name, figures in results.items():
        print(f"{name:>24}: {figures}")
    if args.json:
        print(json.dumps(results, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
