"""Scene render speed against the codec floor, measured in the same run.

For each prompt: build the scene spec, draw its frames (GLSL on Mesa llvmpipe), synthesise its soundtrack, and
encode the MP4; the codec floor is encoding those same frames and samples again (nothing can be faster than
writing the file). Prints per frame and per video figures and the ratio render+encode / floor.

    python benchmarks/scene_render.py [--size 640x360] [--seconds 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from motion_assets.creation.scene_build import build_scene_spec  # noqa: E402
from motion_assets.interpretation import interpret  # noqa: E402
from motion_assets.rendering.audio import SAMPLE_RATE  # noqa: E402
from motion_assets.rendering.encode import encode_mp4  # noqa: E402
from motion_assets.rendering.scene_frames import engine_name, render_scene_frames  # noqa: E402
from motion_assets.rendering.soundtrack import synthesize_soundtrack  # noqa: E402

PROMPTS = (
    "a calm blue ocean at sunset with gentle waves, warm golden light",
    "a red car on a rainy city street at night, slow pan left",
    "a pine forest in the snow, zoom in, piano music",
    "a lighthouse on the beach at dusk with seagulls",
    "outer space with a ringed planet and stars, ambient music",
    "a cat by a candle in a cozy room, lofi",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="640x360")
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    totals = {"frames": 0, "picture": 0.0, "sound": 0.0, "encode": 0.0, "floor": 0.0}
    with tempfile.TemporaryDirectory() as scratch:
        # Warm up: compile the shader passes once, as a long-running worker would.
        for number, prompt in enumerate(PROMPTS):
            spec = build_scene_spec(job_id=f"w{number}", seed=number, prompt=prompt,
                                    instruction=interpret(prompt).to_dict(), duration_s=0.1, size=(width, height))
            render_scene_frames(spec)
        for number, prompt in enumerate(PROMPTS):
            spec = build_scene_spec(job_id=f"v{number}", seed=number, prompt=prompt,
                                    instruction=interpret(prompt).to_dict(), duration_s=args.seconds,
                                    size=(width, height))
            started = time.perf_counter()
            frames = render_scene_frames(spec)
            drawn = time.perf_counter()
            audio = synthesize_soundtrack(spec.soundtrack, spec.duration_s, spec.seed)
            sounded = time.perf_counter()
            encode_mp4(frames, spec.fps, audio, SAMPLE_RATE, Path(scratch) / f"v{number}.mp4")
            encoded = time.perf_counter()
            encode_mp4(frames, spec.fps, audio, SAMPLE_RATE, Path(scratch) / f"floor{number}.mp4")
            floor = time.perf_counter()
            totals["frames"] += len(frames)
            totals["picture"] += drawn - started
            totals["sound"] += sounded - drawn
            totals["encode"] += encoded - sounded
            totals["floor"] += floor - encoded
    videos = len(PROMPTS)
    per_video = {k: round(v / videos, 3) for k, v in totals.items() if k != "frames"}
    report = {
        "engine": engine_name(), "size": f"{width}x{height}", "seconds": args.seconds, "videos": videos,
        "ms_per_frame": {"picture": round(1000 * totals["picture"] / totals["frames"], 2),
                         "encode_floor": round(1000 * totals["floor"] / totals["frames"], 2)},
        "s_per_video": {**per_video, "total": round(sum(per_video[k] for k in ("picture", "sound", "encode")), 3)},
        "ratio_total_to_floor": round((totals["picture"] + totals["sound"] + totals["encode"]) / totals["floor"], 2),
    }
    print(f"engine: {report['engine']}, {videos} videos of {args.seconds} s at {report['size']}")
    print(f"picture {report['ms_per_frame']['picture']} ms/frame, codec floor {report['ms_per_frame']['encode_floor']} ms/frame")
    print(f"per video: picture {per_video['picture']} s, soundtrack {per_video['sound']} s, encode {per_video['encode']} s, "
          f"floor {per_video['floor']} s; render+encode / floor = {report['ratio_total_to_floor']}x")
    if args.json:
        print(json.dumps(report, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
