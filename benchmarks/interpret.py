"""Interpretation benchmark: accuracy per field on the test set, prompts per second in process, and for
`generate` the agreement between the instruction and what is measured from the rendered MP4.

    python benchmarks/interpret.py [--prompts N] [--videos V] [--json]

``--videos 0`` skips the rendering part (accuracy and speed only, a few seconds). ``accuracy_per_field(cases)``
(re-exported from ``motion_assets.interpretation.evaluation``) scores any list of (family, prompt, expected) cases.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

from motion_assets.creation.build import RegistryState, RenderSettings, fully_explicit
from motion_assets.creation.prompts import compose_prompt
from motion_assets.interpretation import _cached, interpret
from motion_assets.interpretation.evaluation import accuracy_per_field, mismatches
from motion_assets.loop.batches import LoopJob
from motion_assets.loop.jobs import make_spec, measure_video, render_video
from motion_assets.verification.agreement import agreement

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from motion_assets_tests.interpretation_cases import CASES  # noqa: E402


__all__ = ["accuracy_per_field", "accuracy_per_family", "throughput", "generate_agreement"]


def accuracy_per_family(cases) -> dict[str, float]:
    """Share of cases read entirely as meant, per family."""
    hits, totals = Counter(), Counter()
    for family, prompt, expected in cases:
        totals[family] += 1
        hits[family] += not mismatches(interpret(prompt).to_dict(), expected)
    return {family: round(hits[family] / totals[family], 4) for family in sorted(totals)}


def throughput(prompts: list[str]) -> float:
    _cached.cache_clear()
    started = time.perf_counter()
    for prompt in prompts:
        interpret(prompt)
    return len(prompts) / (time.perf_counter() - started)


def generate_agreement(prompts: list[str]) -> tuple[dict[str, float], float, list[str]]:
    agreed, total, missed = Counter(), Counter(), []
    with tempfile.TemporaryDirectory() as scratch:
        for index, prompt in enumerate(prompts):
            instruction = interpret(prompt).to_dict()
            job = LoopJob(job_id=f"bench-{index:03d}", batch="generate", workflow="balanced", video_index=0,
                          sweep_index=0, seed=index, prompt=prompt, job_order=f"{index:06d}")
            spec = make_spec(job, fully_explicit(instruction), RegistryState(), RenderSettings())
            record = render_video(spec, Path(scratch))
            for field, value in agreement(instruction, measure_video(record.mp4_path, spec.fps), spec.fps).items():
                total[field] += 1
                agreed[field] += value["agrees"]
                if not value["agrees"]:
                    missed.append(f"{prompt!r}: {field} asked {value['asked']!r}, shown {value['shown']!r}")
    per_field = {field: round(agreed[field] / total[field], 4) for field in sorted(total)}
    return per_field, round(sum(agreed.values()) / max(sum(total.values()), 1), 4), missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--prompts", type=int, default=20000)
    parser.add_argument("--videos", type=int, default=60)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    accuracy = accuracy_per_field(CASES)
    families = accuracy_per_family(CASES)
    rng = np.random.default_rng(7)
    generated = [compose_prompt(rng) for _ in range(args.prompts)]
    interpret("warm up the lexicon")
    speed = throughput(generated)
    look_and_motion = [p for family, p, _ in CASES if family in ("look", "camera", "motion", "sound", "sense")]
    video_prompts = (look_and_motion + generated)[: args.videos]
    per_field, rate, missed = generate_agreement(video_prompts) if video_prompts else ({}, None, [])

    print(f"test set: {len(CASES)} prompts; accuracy per field:")
    for field, value in accuracy.items():
        print(f"  {field:>18}: {value:.2%}")
    print("prompts read entirely as meant, per family:")
    for family, value in families.items():
        print(f"  {family:>18}: {value:.2%}")
    print(f"throughput: {speed:,.0f} prompts/s over {len(generated)} generated prompts (target 2,000)")
    if video_prompts:
        print(f"generate agreement over {len(video_prompts)} MP4s: {rate:.2%} (target 95%)")
        for field, value in per_field.items():
            print(f"  {field:>18}: {value:.2%}")
        for line in missed[:10]:
            print(f"  missed {line}")
    if args.json:
        print(json.dumps({"accuracy": accuracy, "accuracy_per_family": families, "test_prompts": len(CASES),
                          "prompts_per_second": round(speed), "throughput_prompts": len(generated),
                          "generate_agreement": rate, "generate_agreement_per_field": per_field,
                          "videos": len(video_prompts)}, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
