"""Precision of the round trip: what a spec put into a video against what extraction got back.

Static values are compared cell by cell per frame (multisets, so a cell shown twice must be found twice);
dynamic values are compared per window. Every mismatch names the job, the frame and both values.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from motion_assets.creation.spec import VideoSpec
from motion_assets.keys.canonical import is_canonical_key
from motion_assets.keys.depth import reconstruct_color
from motion_assets.loop.jobs import Measurements, sound_blend, window_values


@dataclass
class Score:
    """True positives, extracted and expected counts, and the first mismatches."""

    matched: int = 0
    extracted: int = 0
    expected: int = 0
    mismatches: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def exact(self) -> bool:
        return self.matched == self.extracted == self.expected

    def add(self, other: Score) -> None:
        self.matched += other.matched
        self.extracted += other.extracted
        self.expected += other.expected
        self.mismatches += other.mismatches[: max(0, 20 - len(self.mismatches))]


def _per_frame(job_id: str, what: str, expected_frames, extracted_frames) -> Score:
    score = Score()
    for frame, (expected, extracted) in enumerate(zip(expected_frames, extracted_frames)):
        want, got = Counter(expected), Counter(extracted)
        matched = sum((want & got).values())
        score.matched += matched
        score.expected += sum(want.values())
        score.extracted += sum(got.values())
        if matched != sum(want.values()) or matched != sum(got.values()):
            missing = sorted((want - got).elements())[:3]
            extra = sorted((got - want).elements())[:3]
            if len(score.mismatches) < 20:
                score.mismatches.append(f"{what} job={job_id} frame={frame}: expected {missing}, extracted {extra}")
    missing_frames = len(expected_frames) - len(extracted_frames)
    if missing_frames > 0:
        score.expected += sum(len(f) for f in expected_frames[len(extracted_frames):])
        score.mismatches.append(f"{what} job={job_id}: {missing_frames} frame(s) not extracted")
    return score


def static_color_score(spec: VideoSpec, measured: Measurements) -> Score:
    expected = [[((r, g, b), o) for r, g, b, o in frame] for frame in spec.color_cells]
    return _per_frame(spec.job_id, "static colour", expected, measured.color_cells)


def static_sound_score(spec: VideoSpec, measured: Measurements) -> Score:
    expected = [[tuple(cell)] for cell in spec.sound_cells]
    extracted = [[tuple(cell)] for cell in measured.sound_cells]
    return _per_frame(spec.job_id, "static sound", expected, extracted)


def expected_dynamic(spec: VideoSpec) -> dict[str, dict]:
    """The dynamic values ``spec`` renders, in the form window extraction reports them."""
    s = spec.scene
    return {
        "motion": {"speed": s.motion_speed, "rhythm": s.motion_rhythm, "direction": s.motion_direction},
        "gradient": {"type": s.gradient_type, "strength": s.gradient_strength},
        "camera": {"type": s.camera_type, "speed": s.camera_speed},
        "lighting": {"preset": s.lighting},
        "composition": {"balance": s.composition},
        "transition": {"type": s.transition_type, "duration_ms": s.transition_duration_ms},
        "sound": sound_blend([tuple(c) for c in spec.sound_cells], spec.fps),
    }


def measured_dynamic(measured: Measurements, fps: int) -> dict[str, dict]:
    return window_values(measured, fps)


def dynamic_mismatches(spec: VideoSpec, measured: Measurements) -> dict[str, str]:
    """Category -> "job=..: expected .., extracted .." for every dynamic category not recovered exactly."""
    expected, got = expected_dynamic(spec), measured_dynamic(measured, spec.fps)
    return {
        category: f"job={spec.job_id}: expected {expected[category]}, extracted {got[category]}"
        for category in expected
        if expected[category] != got[category]
    }


def discovery_problems(rows: list[dict]) -> list[str]:
    """Non-canonical keys, breakdowns not summing to 100, colour breakdowns that do not reconstruct the colour."""
    problems = []
    seen: set[tuple[str, str]] = set()
    checked_colours: set[str] = set()
    for row in rows:
        # A key recurs in many frames with the same breakdown: each (key, breakdown) pair is judged once.
        if (row["key"], row["depth"]) in seen:
            continue
        seen.add((row["key"], row["depth"]))
        if not is_canonical_key(row["key"]):
            problems.append(f"job={row['job_id']} frame={row['frame']}: non-canonical key {row['key']}")
        depth = json.loads(row["depth"])
        if depth and sum(depth.values()) != 100:
            problems.append(f"job={row['job_id']} key={row['key']}: depth sums to {sum(depth.values())}")
        if row["registry"] == "static_colors" and row["key"] not in checked_colours:
            checked_colours.add(row["key"])
            params = json.loads(row["params"])
            if params["opacity"]:
                rgb = (params["r"], params["g"], params["b"])
                error = max(abs(a - b) for a, b in zip(reconstruct_color(depth), rgb))
                if error > 0.5:
                    problems.append(f"key={row['key']}: depth {depth} misses the colour by {error:.2f}")
    return problems
