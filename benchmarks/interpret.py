"""Interpretation benchmark: accuracy on the development and the test split (per field, per family, and the gap),
prompts per second in process, and for `generate` the agreement between the instruction and what is measured from
the rendered MP4.

    python benchmarks/interpret.py [--prompts N] [--videos V] [--json]

``--videos 0`` skips the rendering part (accuracy and speed only, a few seconds). ``accuracy_per_field(cases)``
(re-exported from ``motion_assets.interpretation.evaluation``) scores any list of (family, prompt, expected) cases.
The test split is scored here and never used to decide a lexicon entry or rule (``interpretation_cases``).
Throughput is in prompts per CPU second of this process (the machine is shared, so wall time would measure the other
processes too), measured on the splits' distinct prompts with every cache cleared first ("cold": each word seen for the
first time), then again with the word caches warm; the baseline measured in the same run is the repeat of a prompt
already read (the reading cache), so the ratio says what a first reading costs against a cached one.
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
from motion_assets.interpretation import _cached, _fix, _lemma, interpret, use_resources
from motion_assets.interpretation.evaluation import accuracy_per_field, assertion_accuracy, mismatches
from motion_assets.loop.batches import LoopJob
from motion_assets.loop.jobs import make_spec, measure_video, render_video
from motion_assets.verification.agreement import agreement

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from motion_assets_tests.interpretation_cases import CASES, DEV, TEST  # noqa: E402


__all__ = ["accuracy_per_field", "accuracy_per_family", "throughput", "generate_agreement"]


def accuracy_per_family(cases) -> dict[str, float]:
    """Share of cases read entirely as meant, per family."""
    hits, totals = Counter(), Counter()
    for family, prompt, expected in cases:
        totals[family] += 1
        hits[family] += not mismatches(interpret(prompt).to_dict(), expected)
    return {family: round(hits[family] / totals[family], 4) for family in sorted(totals)}


def throughput(prompts: list[str], cold: bool = False) -> float:
    """Prompts per second over ``prompts`` with the reading cache cleared (and the word caches too when ``cold``)."""
    _cached.cache_clear()
    if cold:
        _fix.cache_clear()
        _lemma.cache_clear()
    started = time.process_time()
    for prompt in prompts:
        interpret(prompt)
    return len(prompts) / (time.process_time() - started)


def cached_throughput(prompts: list[str]) -> float:
    """Prompts per second when every prompt was read before (the baseline)."""
    for prompt in prompts:
        interpret(prompt)
    started = time.process_time()
    for prompt in prompts:
        interpret(prompt)
    return len(prompts) / (time.process_time() - started)


#: Lexical resource configurations measured on both splits (the first is the baseline: the hand lexicon alone).
RESOURCE_CONFIGS = {
    "lexicon only": {"dictionary": False, "frequency_rank": False, "frequency_gate": False},
    "+ dictionary (english-words)": {"dictionary": True, "frequency_rank": False, "frequency_gate": False},
    "+ dictionary + wordfreq ranking": {"dictionary": True, "frequency_rank": True, "frequency_gate": False},
    "+ dictionary + wordfreq ranking and gate": {"dictionary": True, "frequency_rank": True, "frequency_gate": True},
    "wordfreq ranking and gate, no dictionary": {"dictionary": False, "frequency_rank": True, "frequency_gate": True},
}


def resource_report() -> dict[str, dict[str, float]]:
    """Field-assertion accuracy on each split per resource configuration; the switches are restored after."""
    previous = use_resources()
    report = {}
    try:
        for name, switches in RESOURCE_CONFIGS.items():
            use_resources(**switches)
            report[name] = {split: round(met / made, 4) for split, cases in (("dev", DEV), ("test", TEST))
                            for met, made in [assertion_accuracy(cases)]}
    finally:
        use_resources(**previous)
    return report


def split_report(cases) -> dict:
    met, made = assertion_accuracy(cases)
    return {"prompts": len(cases), "assertions": made, "accuracy": round(met / made, 4),
            "per_field": accuracy_per_field(cases), "per_family": accuracy_per_family(cases),
            "per_family_assertions": assertion_accuracy_per_family(cases)}


def assertion_accuracy_per_family(cases) -> dict[str, float]:
    """Share of field assertions met, per family."""
    families: dict[str, list] = {}
    for case in cases:
        families.setdefault(case[0], []).append(case)
    return {family: round(met / made, 4) for family, members in sorted(families.items())
            for met, made in [assertion_accuracy(members)]}


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

    dev, test = split_report(DEV), split_report(TEST)
    gap = round(dev["accuracy"] - test["accuracy"], 4)
    resources = resource_report()
    rng = np.random.default_rng(7)
    generated = [compose_prompt(rng) for _ in range(args.prompts)]
    distinct = list(dict.fromkeys(p for _, p, _ in DEV + TEST))
    interpret("warm up the lexicon")
    cold = throughput(distinct, cold=True)
    warm = throughput(distinct)
    cached = cached_throughput(distinct)
    speed = throughput(generated)
    look_and_motion = [p for family, p, _ in CASES if family in ("look", "camera", "motion", "sound", "sense")]
    video_prompts = (look_and_motion + generated)[: args.videos]
    per_field, rate, missed = generate_agreement(video_prompts) if video_prompts else ({}, None, [])

    for name, split in (("dev", dev), ("test", test)):
        print(f"{name} split: {split['prompts']} prompts, {split['assertions']} field assertions, "
              f"{split['accuracy']:.2%} met")
    print(f"gap (dev - test): {gap * 100:.2f} points (target under 2)")
    fields = sorted(set(dev["per_field"]) | set(test["per_field"]))
    print(f"  {'field':>18}  {'dev':>7}  {'test':>7}")
    for field in fields:
        d, t = dev["per_field"].get(field), test["per_field"].get(field)
        print(f"  {field:>18}  {'' if d is None else f'{d:.2%}':>7}  {'' if t is None else f'{t:.2%}':>7}")
    print("field assertions met per family (prompts read entirely as meant):")
    for name, split in (("dev", dev), ("test", test)):
        for family, value in split["per_family_assertions"].items():
            print(f"  {name:>4} {family:>18}: {value:.2%} ({split['per_family'][family]:.2%})")
    base = next(iter(resources.values()))
    print("lexical resources (field assertions met; points against the lexicon alone):")
    for name, scores in resources.items():
        print(f"  {name:>42}: dev {scores['dev']:.2%} ({(scores['dev'] - base['dev']) * 100:+.2f}), "
              f"test {scores['test']:.2%} ({(scores['test'] - base['test']) * 100:+.2f})")
    print(f"throughput on {len(distinct)} distinct prompts: cold {cold:,.0f}/s, warm word caches {warm:,.0f}/s; "
          f"baseline (already read) {cached:,.0f}/s, ratio cold/baseline {cold / cached:.2f} (target 2,000/s)")
    print(f"throughput: {speed:,.0f} prompts/s over {len(generated)} generated prompts")
    if video_prompts:
        print(f"generate agreement over {len(video_prompts)} MP4s: {rate:.2%} (target 95%)")
        for field, value in per_field.items():
            print(f"  {field:>18}: {value:.2%}")
        for line in missed[:10]:
            print(f"  missed {line}")
    if args.json:
        print(json.dumps({"dev": dev, "test": test, "gap": gap, "resources": resources, "test_prompts": len(TEST), "dev_prompts": len(DEV),
                          "prompts_per_second": round(cold), "prompts_per_second_warm": round(warm),
                          "prompts_per_second_cached": round(cached),
                          "prompts_per_second_generated": round(speed), "throughput_prompts": len(generated),
                          "generate_agreement": rate, "generate_agreement_per_field": per_field,
                          "videos": len(video_prompts)}, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
