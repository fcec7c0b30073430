"""Precision benchmark: random specs through render -> encode -> extract, lossless and through the MP4.

Prints precision and recall per registry category for both paths, accuracy per camera, gradient, transition and
noise type with confusion matrices (MP4 path). With --json the last stdout line is one JSON object.

    python benchmarks/precision.py [--videos N] [--seed S] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np

from motion_assets.creation.build import RegistryState, RenderSettings, all_sound_cells, build_spec, with_sound_lead_in
from motion_assets.loop.jobs import measure_media, measure_video, render_audio, render_video
from motion_assets.origins.vocabulary import (
    CAMERA_SPEEDS,
    CAMERA_TYPES,
    COMPOSITION_BALANCES,
    GRADIENT_TYPES,
    LIGHTING_PRESETS,
    MOTION_DIRECTIONS,
    MOTION_RHYTHMS,
    MOTION_SPEEDS,
    NOISES,
    TRANSITION_TYPES,
)
from motion_assets.rendering.frames import render_frames
from motion_assets.verification.precision import (
    Score,
    expected_dynamic,
    measured_dynamic,
    static_color_score,
    static_sound_score,
)

DYNAMIC = ("motion", "gradient", "camera", "lighting", "composition", "transition", "sound")


def random_spec(index: int, rng: np.random.Generator):
    def one(options):
        return str(options[int(rng.integers(len(options)))])

    instruction = {
        "palette": [{"rgb": [int(c) for c in rng.integers(0, 256, 3)]} for _ in range(2)],
        "explicit": ["camera", "motion", "lighting", "transition", "gradient", "composition"],
        "camera": one(CAMERA_TYPES), "gradient": one(GRADIENT_TYPES), "lighting": one(tuple(LIGHTING_PRESETS)),
        "transition": one(TRANSITION_TYPES), "composition": one(COMPOSITION_BALANCES), "tempo": one(CAMERA_SPEEDS),
        "motion": {"speed": one(MOTION_SPEEDS[1:]), "rhythm": one(MOTION_RHYTHMS),
                   "direction": one(MOTION_DIRECTIONS[1:])},
    }
    spec = build_spec(job_id=f"bench-{index:04d}", seed=int(rng.integers(2**62)), prompt="benchmark",
                      instruction=instruction, workflow="explorer", sweep_index=int(rng.integers(10_000)),
                      state=RegistryState(), settings=RenderSettings())
    cells = all_sound_cells()
    random_cells = [cells[int(i)] for i in rng.integers(0, len(cells), spec.frame_count)]
    return replace(spec, sound_cells=with_sound_lead_in(random_cells))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--videos", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    scores = {path: {"static_colors": Score(), "static_sound": Score()} for path in ("lossless", "mp4")}
    dynamic_hits = {path: Counter() for path in ("lossless", "mp4")}
    confusion: dict[str, Counter] = defaultdict(Counter)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        for index in range(args.videos):
            spec = random_spec(index, rng)
            lossless = measure_media(render_frames(spec), render_audio(spec), spec.fps)
            record = render_video(spec, Path(scratch))
            mp4 = measure_video(record.mp4_path, spec.fps)
            expected = expected_dynamic(spec)
            for path, measured in (("lossless", lossless), ("mp4", mp4)):
                scores[path]["static_colors"].add(static_color_score(spec, measured))
                scores[path]["static_sound"].add(static_sound_score(spec, measured))
                got = measured_dynamic(measured, spec.fps)
                dynamic_hits[path].update(c for c in DYNAMIC if got[c] == expected[c])
            got = measured_dynamic(mp4, spec.fps)
            confusion["camera"][(expected["camera"]["type"], got["camera"]["type"])] += 1
            confusion["gradient"][(expected["gradient"]["type"], got["gradient"]["type"])] += 1
            confusion["transition"][(expected["transition"]["type"], got["transition"]["type"])] += 1
            for want, have in zip(spec.sound_cells, mp4.sound_cells):
                confusion["noise"][(want[0], have[0])] += 1
            for path in ("mp4",):
                Path(record.mp4_path).unlink()
                Path(record.wav_path).unlink()
                Path(record.spec_path).unlink()
    elapsed = time.perf_counter() - started

    result: dict = {}
    for registry in ("static_colors", "static_sound"):
        result[registry] = {path: {"precision": round(scores[path][registry].precision, 6),
                                   "recall": round(scores[path][registry].recall, 6)}
                            for path in ("lossless", "mp4")}
    for category in DYNAMIC:
        result.setdefault("dynamic", {})[category] = {
            path: round(dynamic_hits[path][category] / args.videos, 4) for path in ("lossless", "mp4")}
    for name, types in (("camera", CAMERA_TYPES), ("gradient", GRADIENT_TYPES), ("transition", TRANSITION_TYPES),
                        ("noise", NOISES)):
        counts = confusion[name]
        per_type = {}
        for kind in types:
            total = sum(n for (want, _), n in counts.items() if want == kind)
            if total:
                per_type[kind] = round(counts[(kind, kind)] / total, 4)
        correct = sum(n for (want, have), n in counts.items() if want == have)
        result[name] = {"accuracy": round(correct / max(sum(counts.values()), 1), 4), "per_type": per_type}
    result["videos"] = args.videos
    result["seconds"] = round(elapsed, 1)

    for registry in ("static_colors", "static_sound"):
        for path in ("lossless", "mp4"):
            r = result[registry][path]
            print(f"{registry:>14} {path:>8}: precision {r['precision']:.4%} recall {r['recall']:.4%}")
            for line in scores[path][registry].mismatches[:3]:
                print(f"{'':>25}{line}")
    for category, figures in result["dynamic"].items():
        print(f"{category:>14}: lossless {figures['lossless']:.2%}  mp4 {figures['mp4']:.2%}")
    for name, types in (("camera", CAMERA_TYPES), ("gradient", GRADIENT_TYPES), ("transition", TRANSITION_TYPES),
                        ("noise", NOISES)):
        print(f"\n{name} accuracy {result[name]['accuracy']:.2%}; confusion (rows expected, columns extracted):")
        seen = [t for t in types if any(t in pair for pair in confusion[name])]
        print(" " * 11 + " ".join(f"{t[:8]:>8}" for t in seen))
        for want in seen:
            print(f"{want[:10]:>10} " + " ".join(f"{confusion[name][(want, have)]:>8}" for have in seen))
    print(f"\n{args.videos} videos in {elapsed:.1f} s")
    if args.json:
        print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
