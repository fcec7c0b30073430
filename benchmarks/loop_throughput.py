"""Loop throughput: end-to-end loop videos per second against the codec floor measured in the same run.

The floor is encoding and decoding the very same frames and audio with the same codec settings and nothing else.
The loop is everything one loop video costs outside Dagster bookkeeping: prompt, interpretation, spec, rendering
(frames + audio), encoding, decoding, extraction and discovery rows.

    python benchmarks/loop_throughput.py [--videos N] [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--videos", type=int, default=6)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    settings = RenderSettings()
    # The first video fills one-time caches (sweep orders, sound references); it is timed but not counted.
    jobs = plan_batch("explorer-000001", args.videos + 1)
    loop_seconds = floor_seconds = 0.0
    with tempfile.TemporaryDirectory() as scratch:
        for number, job in enumerate(jobs):
            if number == 1:
                warmup_seconds, loop_seconds, floor_seconds = loop_seconds, 0.0, 0.0
            out = Path(scratch) / f"{job.job_id}.mp4"
            started = time.perf_counter()
            spec = make_spec(job, interpret(job.prompt).to_dict(), RegistryState(), settings)
            frames, audio = render_frames(spec), render_audio(spec)
            encode_mp4(frames, spec.fps, audio, SAMPLE_RATE, out)
            measured = measure_media(decode_frames(out), read_audio_track(out), spec.fps)
            frame_discoveries(job, measured)
            window_discoveries(job, measured, spec.fps)
            loop_seconds += time.perf_counter() - started

            floor_out = Path(scratch) / f"{job.job_id}.floor.mp4"
            started = time.perf_counter()
            encode_mp4(frames, spec.fps, audio, SAMPLE_RATE, floor_out)
            decode_frames(floor_out)
            read_audio_track(floor_out)
            floor_seconds += time.perf_counter() - started
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
