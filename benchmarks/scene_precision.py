"""Scene precision: random scene specs rendered to MP4, every field measured back by extraction.scene.

For each spec (random prompt -> interpretation -> creation.scene_build, at a random size, frame rate and duration,
including ones the extractors were never tuned on, e.g. 640x360 at 30 fps for 3 s) the video is rendered, the
lossless frames and audio are measured, and the MP4 (H.264 yuv420p + AAC) is decoded and measured. Per field it
prints the accuracy of the MP4 measurement against the spec and how often the MP4 and lossless measurements agree.
Colours have no spec value to compare with (the spec holds pre-light, pre-grade material colours); their truth is
the rendered pixels: a lossless dominant colour (share >= 10 %) counts as found when the MP4's nearest dominant
colour is within ΔE2000 5.

    python benchmarks/scene_precision.py [--count N] [--seed S] [--sound-only] [--json]

With --sound-only only the soundtrack is rendered (under a black 64x36 picture of the same length, so the MP4 path
is the real one) and only the sound fields (silence, music, tempo, register) are reported: a quick run of them.

The extractors were developed on --seed 1 (the sound's register, beat and music thresholds revised on --seed 7 and
checked on --seed 11); the default seed (2026) draws other specs, so the figures it prints are measured on scenes the
thresholds were never set on.

With --json the last stdout line is one object {"fields": {"<field>": {"accuracy": a, "mp4_vs_lossless": b,
"n": n}}}. The baseline measured in the same run is the codec floor: render time vs measure time per video.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from motion_assets.creation.scene_build import build_scene_spec
from motion_assets.extraction.scene import measure_scene, measure_scene_file
from motion_assets.interpretation import interpret
from motion_assets.keys.cielab import delta_e2000, srgb_to_lab
from motion_assets.loop.jobs import render_audio, render_picture
from motion_assets.origins.probe_sound import SAMPLE_RATE
from motion_assets.rendering.encode import encode_mp4
from motion_assets.verification.scene_fields import expected_fields, field_correct, fields_agree, measured_fields

#: (width, height, fps, seconds): small formats keep the benchmark affordable; every LARGE_EVERY-th spec is
#: LARGE (640x360 at 30 fps for 3 s), a size the tests never use.
FORMATS = ((160, 90, 24, 3.0), (192, 108, 25, 3.0), (160, 90, 30, 2.0), (192, 108, 15, 4.0), (224, 126, 12, 4.0),
           (256, 144, 24, 3.0), (192, 108, 30, 2.5))
LARGE = (640, 360, 30, 3.0)
SOUND_FIELDS = ("silence", "music", "tempo", "register")
LARGE_EVERY = 8
PLACES = ("the ocean", "a beach", "a lake", "a river", "green hills", "mountains", "a forest", "a desert",
          "a snow field", "a city skyline", "a street", "a cosy room", "underwater", "outer space", "the sky")
TIMES = ("", "at dawn", "at noon", "at golden hour", "at sunset", "at dusk", "at night")
WEATHER = ("", "in the rain", "in the snow", "in fog", "with clouds", "in a storm")
CAMERA = ("", "static shot", "slow pan left", "pan right", "tilt up", "tilt down", "zoom in", "zoom out",
          "dolly in", "handheld shake")
SHOTS = ("", "", "two shots with a cut", "two shots with a dissolve", "two shots with a fade",
         "two shots with a wipe", "three shots with cuts", "fade in and out")
LOOKS = ("", "", "black and white", "bright", "dark", "warm", "cool", "neon", "vivid colours")
SOUND = ("", "", "silent", "lofi music", "jazz", "electronic music, fast tempo", "piano music, slow",
         "rock music", "ambient music", "orchestral music", "with birdsong", "low pitched music",
         "high pitched music", "rain sounds")
def rng_for(seed: int, index: int) -> np.random.Generator:
    digest = hashlib.sha256(f"scene-precision:{seed}:{index}".encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "little"))


def random_prompt(rng: np.random.Generator) -> str:
    parts = [str(rng.choice(options)) for options in (PLACES, TIMES, WEATHER, CAMERA, SHOTS, LOOKS, SOUND)]
    return ", ".join(p for p in parts if p)


def make_spec(seed: int, index: int):
    """(spec, prompt) of the ``index``-th random scene of ``seed``: a random prompt at a random format."""
    rng = rng_for(seed, index)
    width, height, fps, seconds = FORMATS[int(rng.integers(len(FORMATS)))]
    if index % LARGE_EVERY == LARGE_EVERY - 1:
        width, height, fps, seconds = LARGE
    prompt = random_prompt(rng)
    spec = build_scene_spec(job_id=f"scene-{index:04d}", seed=int(rng.integers(1 << 31)), prompt=prompt,
                            instruction=interpret(prompt).to_dict(), duration_s=seconds, fps=fps,
                            size=(width, height))
    return spec, prompt



def colour_scores(lossless, mp4) -> tuple[int, int, int, int]:
    """(lossless colours found within ΔE 5, lossless colours, top cells equal, shots compared)."""
    found = total = same_cell = shots = 0
    for a, b in zip(lossless.shots, mp4.shots):
        if not b.colours:
            continue
        shots += 1
        same_cell += bool(a.colours) and a.colours[0].cell == b.colours[0].cell
        mp4_lab = srgb_to_lab(np.array([c.rgb for c in b.colours], dtype=np.float64))
        for colour in a.colours:
            if colour.share < 0.1:
                continue
            total += 1
            found += float(delta_e2000(srgb_to_lab(colour.rgb), mp4_lab).min()) <= 5.0
    return found, total, same_cell, shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="how many random scene specs (default 200)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--sound-only", action="store_true",
                        help="render only the soundtrack (under a black picture) and report only the sound fields")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.count < 1:
        print("--count must be at least 1", file=sys.stderr)
        return 2
    right: dict[str, int] = defaultdict(int)
    agree: dict[str, int] = defaultdict(int)
    seen: dict[str, int] = defaultdict(int)
    compared: dict[str, int] = defaultdict(int)
    colour = np.zeros(4, dtype=np.int64)
    render_s = measure_s = 0.0
    misses: list[str] = []
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="scene-precision-") as tmp:
        for index in range(args.count):
            spec, prompt = make_spec(args.seed, index)
            width, height, fps = spec.width, spec.height, spec.fps
            t0 = time.time()
            if args.sound_only:
                frames = np.zeros((sum(shot.frames for shot in spec.shots), 36, 64, 3), dtype=np.uint8)
            else:
                frames = render_picture(spec)
            audio = render_audio(spec)
            mp4 = encode_mp4(frames, spec.fps, audio, SAMPLE_RATE, Path(tmp) / f"{spec.job_id}.mp4")
            t1 = time.time()
            lossless = measure_scene(frames, spec.fps, audio, SAMPLE_RATE)
            decoded = measure_scene_file(mp4)
            t2 = time.time()
            render_s, measure_s = render_s + (t1 - t0), measure_s + (t2 - t1)
            mp4.unlink()
            expected = expected_fields(spec)
            if args.sound_only:
                expected = {name: value for name, value in expected.items() if name in SOUND_FIELDS}
            from_mp4, from_lossless = measured_fields(decoded), measured_fields(lossless)
            for name, value in expected.items():
                seen[name] += 1
                ok = field_correct(name, value, from_mp4[name], spec.join_frames)
                right[name] += ok
                if not ok and len(misses) < 40:
                    misses.append(f"{name}: expected {value!r}, measured {from_mp4[name]!r}  [{prompt} | "
                                  f"{width}x{height}@{fps}]")
            for name in from_mp4:
                if args.sound_only and name not in SOUND_FIELDS:
                    continue
                compared[name] += 1
                agree[name] += fields_agree(name, from_mp4[name], from_lossless[name])
            if not args.sound_only:
                colour += colour_scores(lossless, decoded)
            if (index + 1) % 10 == 0:
                print(f"{index + 1}/{args.count} videos, {time.time() - started:.0f} s", file=sys.stderr)
    fields = {name: {"accuracy": round(right[name] / seen[name], 4),
                     "mp4_vs_lossless": round(agree[name] / compared[name], 4), "n": seen[name]}
              for name in sorted(seen)}
    found, total, same_cell, shots = (int(x) for x in colour)
    if not args.sound_only:
        fields["colours_de5"] = {"accuracy": round(found / max(total, 1), 4),
                                 "mp4_vs_lossless": round(same_cell / max(shots, 1), 4), "n": total}
    print(f"scene precision: {args.count} random scene specs, seed {args.seed}, {time.time() - started:.0f} s")
    print(f"render {1000 * render_s / args.count:.0f} ms/video vs measure (lossless + MP4) "
          f"{1000 * measure_s / args.count:.0f} ms/video: measuring costs {measure_s / max(render_s, 1e-9):.2f}x "
          "the rendering")
    print(f"{'field':<14} {'accuracy':>9} {'mp4=lossless':>13} {'n':>5}")
    for name, row in fields.items():
        print(f"{name:<14} {row['accuracy']:>9.3f} {row['mp4_vs_lossless']:>13.3f} {row['n']:>5}")
    if not args.sound_only:
        print("colours_de5: lossless dominant colours (share >= 10 %) found in the MP4 within ΔE2000 5; its "
              "mp4_vs_lossless is the share of shots whose top colour falls in the same colour cell")
    if misses:
        print("first misses:")
        for line in misses:
            print("  " + line)
    if args.json:
        print(json.dumps({"fields": fields}, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
