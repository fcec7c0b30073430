"""Loop throughput: loop videos per second against the codec floor measured in the same run.

The floor is encoding and decoding the very same frames and audio with the same codec settings and nothing else.
The in-process loop is everything one loop video costs outside Dagster bookkeeping: prompt, interpretation, spec,
rendering (frames + audio), encoding, decoding, extraction and discovery rows.

``--end-to-end`` also runs ``motion-assets loop --workflow W --batches B --videos-per-batch K`` on a fresh data
directory and Dagster instance (runs, storage, every check, registry growth included), as a user runs it, and
prints its seconds per video beside the in-process loop and the floor for the same batches' videos, with ratios.

    python benchmarks/loop_throughput.py [--videos N] [--json]
    python benchmarks/loop_throughput.py --end-to-end [--workflow balanced] [--batches 3] [--videos-per-batch 4]
                                         [--scenes 4 --scene-seconds 2]

With ``--scenes N`` the same run times N full-frame scene videos: ``motion-assets generate`` per prompt (the command
that renders scenes; the loop still renders probe videos) against the in-process scene path and its floor.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from motion_assets.creation.build import RegistryState, RenderSettings
from motion_assets.extraction.sound import read_audio_track
from motion_assets.interpretation import interpret
from motion_assets.loop.batches import plan_batch
from motion_assets.loop.jobs import (
    frame_discoveries,
    make_spec,
    measure_media,
    render_audio,
    window_discoveries,
)
from motion_assets.rendering.audio import SAMPLE_RATE
from motion_assets.rendering.encode import decode_frames, encode_mp4
from motion_assets.rendering.frames import render_frames


REPO = Path(__file__).resolve().parent.parent


def in_process(jobs, settings: RenderSettings, scratch: Path) -> tuple[float, float]:
    """(loop seconds, floor seconds) over ``jobs``."""
    loop_seconds = floor_seconds = 0.0
    for job in jobs:
        out = scratch / f"{job.job_id}.mp4"
        started = time.perf_counter()
        spec = make_spec(job, interpret(job.prompt).to_dict(), RegistryState(), settings)
        frames, audio = render_frames(spec), render_audio(spec)
        encode_mp4(frames, spec.fps, audio, SAMPLE_RATE, out)
        measured = measure_media(decode_frames(out), read_audio_track(out), spec.fps)
        frame_discoveries(job, measured)
        window_discoveries(job, measured, spec.fps)
        loop_seconds += time.perf_counter() - started

        floor_out = scratch / f"{job.job_id}.floor.mp4"
        started = time.perf_counter()
        encode_mp4(frames, spec.fps, audio, SAMPLE_RATE, floor_out)
        decode_frames(floor_out)
        read_audio_track(floor_out)
        floor_seconds += time.perf_counter() - started
    return loop_seconds, floor_seconds


def end_to_end(args) -> dict:
    """``motion-assets loop`` on a fresh data directory and instance, then the in-process loop and the floor over
    the same batches' jobs (after a warm-up video that fills one-time caches)."""
    videos = args.batches * args.videos_per_batch
    with tempfile.TemporaryDirectory(prefix="loop-e2e-") as scratch:
        root = Path(scratch)
        env = {**os.environ, "MOTION_DATA_DIR": str(root / "data"), "DAGSTER_HOME": str(root / "dagster_home"),
               "PYTHONPATH": os.environ.get("PYTHONPATH", str(REPO))}
        command = [sys.executable, "-m", "motion_assets.cli", "loop", "--workflow", args.workflow,
                   "--batches", str(args.batches), "--videos-per-batch", str(args.videos_per_batch)]
        started = time.perf_counter()
        done = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True)
        cli_seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"motion-assets loop failed ({done.returncode}):\n{done.stderr[-3000:]}")
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        jobs = [job for number in range(1, args.batches + 1)
                for job in plan_batch(f"{args.workflow}-{number:06d}", args.videos_per_batch)]
        in_process([jobs[0]], RenderSettings(), root)  # warm-up: one-time caches
        loop_seconds, floor_seconds = in_process(jobs, RenderSettings(), root)
    return {
        "workflow": args.workflow, "batches": args.batches, "videos_per_batch": args.videos_per_batch,
        "videos": videos,
        "end_to_end_seconds": round(cli_seconds, 2),
        "end_to_end_seconds_per_video": round(cli_seconds / videos, 3),
        "in_process_seconds_per_video": round(loop_seconds / videos, 3),
        "floor_seconds_per_video": round(floor_seconds / videos, 3),
        "end_to_end_over_in_process": round(cli_seconds / loop_seconds, 2),
        "in_process_over_floor": round(loop_seconds / floor_seconds, 2),
        "end_to_end_over_floor": round(cli_seconds / floor_seconds, 2),
        "targets": "end_to_end_over_in_process <= 1.5, in_process_over_floor <= 1.5",
        "cli_cpu_seconds": round(children.ru_utime + children.ru_stime, 1),
        "cli_peak_rss_mb": round(children.ru_maxrss / 1024.0, 1),
    }


def scene_in_process(prompts: list[str], seconds: float, scratch: Path) -> tuple[float, float]:
    """(seconds, floor seconds) for scene videos: interpretation, scene spec, shader frames, soundtrack, encoding,
    then decoding frames and audio (what reading the video back costs); the floor encodes and decodes the same
    frames and audio."""
    from motion_assets.creation.scene_build import build_scene_spec
    from motion_assets.loop.jobs import render_audio as render_any_audio, render_picture

    scene_seconds = floor_seconds = 0.0
    for number, prompt in enumerate(prompts):
        out = scratch / f"scene-{number}.mp4"
        started = time.perf_counter()
        spec = build_scene_spec(job_id=f"scene-{number}", seed=number, prompt=prompt,
                                instruction=interpret(prompt).to_dict(), duration_s=seconds)
        frames, audio = render_picture(spec), render_any_audio(spec)
        encode_mp4(frames, spec.fps, audio, SAMPLE_RATE, out)
        decode_frames(out)
        read_audio_track(out)
        scene_seconds += time.perf_counter() - started
        floor_out = scratch / f"scene-{number}.floor.mp4"
        started = time.perf_counter()
        encode_mp4(frames, spec.fps, audio, SAMPLE_RATE, floor_out)
        decode_frames(floor_out)
        read_audio_track(floor_out)
        floor_seconds += time.perf_counter() - started
    return scene_seconds, floor_seconds


SCENE_PROMPTS = ["a red fox running through snowy pine woods at dawn, soft piano",
                 "neon city street at night in the rain, slow dolly forward, synthwave",
                 "calm blue ocean under a golden sunset, seagulls, gentle waves",
                 "three hot air balloons over green hills on a sunny morning, birdsong"]


def scenes_end_to_end(args) -> dict:
    """``motion-assets generate`` per scene prompt (the command that makes scene videos), against the in-process
    scene path and the floor over the same prompts."""
    prompts = [SCENE_PROMPTS[i % len(SCENE_PROMPTS)] for i in range(args.scenes)]
    with tempfile.TemporaryDirectory(prefix="scene-e2e-") as scratch:
        root = Path(scratch)
        env = {**os.environ, "MOTION_DATA_DIR": str(root / "data"), "DAGSTER_HOME": str(root / "dagster_home"),
               "PYTHONPATH": os.environ.get("PYTHONPATH", str(REPO))}
        started = time.perf_counter()
        for number, prompt in enumerate(prompts):
            command = [sys.executable, "-m", "motion_assets.cli", "generate", prompt, "--out",
                       str(root / f"generated-{number}.mp4"), "--duration", str(args.scene_seconds),
                       "--seed", str(number)]
            done = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True)
            if done.returncode != 0:
                raise SystemExit(f"motion-assets generate failed ({done.returncode}):\n{done.stderr[-3000:]}")
        cli_seconds = time.perf_counter() - started
        scene_in_process(prompts[:1], args.scene_seconds, root)  # warm-up: shader compilation, caches
        scene_seconds, floor_seconds = scene_in_process(prompts, args.scene_seconds, root)
    count = len(prompts)
    return {
        "scene_videos": count, "scene_seconds_each": args.scene_seconds,
        "generate_seconds_per_video": round(cli_seconds / count, 3),
        "scene_in_process_seconds_per_video": round(scene_seconds / count, 3),
        "scene_floor_seconds_per_video": round(floor_seconds / count, 3),
        "generate_over_in_process": round(cli_seconds / scene_seconds, 2),
        "scene_in_process_over_floor": round(scene_seconds / floor_seconds, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--videos", type=int, default=6)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--end-to-end", action="store_true", help="time `motion-assets loop` too (see above)")
    parser.add_argument("--workflow", default="balanced")
    parser.add_argument("--batches", type=int, default=3)
    parser.add_argument("--videos-per-batch", type=int, default=4)
    parser.add_argument("--scenes", type=int, default=0,
                        help="with --end-to-end: also time this many full-frame scene videos (motion-assets generate)")
    parser.add_argument("--scene-seconds", type=float, default=2.0)
    args = parser.parse_args()
    if args.end_to_end:
        if args.batches < 1 or args.videos_per_batch < 1:
            parser.error("--batches and --videos-per-batch must be at least 1")
        figures = end_to_end(args)
        if args.scenes > 0:
            figures.update(scenes_end_to_end(args))
        for name, value in figures.items():
            print(f"{name:>30}: {value}")
        if args.json:
            print(json.dumps(figures))
        return 0
    # The first video fills one-time caches (sweep orders, sound references); it is timed but not counted.
    jobs = plan_batch("explorer-000001", args.videos + 1)
    with tempfile.TemporaryDirectory() as scratch:
        warmup_seconds, _ = in_process(jobs[:1], RenderSettings(), Path(scratch))
        loop_seconds, floor_seconds = in_process(jobs[1:], RenderSettings(), Path(scratch))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    figures = {
        "videos": args.videos,
        "loop_seconds_per_video": round(loop_seconds / args.videos, 3),
        "floor_seconds_per_video": round(floor_seconds / args.videos, 3),
        "loop_videos_per_second": round(args.videos / loop_seconds, 3),
        "ratio_to_floor": round(loop_seconds / floor_seconds, 2),
        "target_ratio": 2.0,
        "warmup_video_seconds": round(warmup_seconds, 3),
        "peak_rss_mb": round(peak_mb, 1),
    }
    for name, value in figures.items():
        print(f"{name:>26}: {value}")
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
