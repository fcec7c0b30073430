"""The explorer's systematic sweep of the dynamic spaces: video i of the explorer takes, in every dynamic category,
the (i mod size)-th cell of a fixed interleaving of that category's space, so the largest space (motion, 73
cells) is complete after 73 explorer videos and every smaller one sooner: the lower bound, one cell per video.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from itertools import combinations, product

from pathlib import Path

import numpy as np

from motion_assets.keys.seeds import derive_seed, sweep_order
from motion_assets.origins.vocabulary import NOISE_KIND, NOISE_PITCH, STRENGTH_LEVELS_PCT
from motion_assets.origins.vocabulary import (
    CAMERA_SPEEDS,
    CAMERA_TYPES,
    COMPOSITION_BALANCES,
    GRADIENT_STRENGTHS,
    GRADIENT_TYPES,
    LIGHTING_PRESETS,
    MOTION_DIRECTIONS,
    MOTION_RHYTHMS,
    MOTION_SPEEDS,
    NARRATIVE,
    TRANSITION_DURATIONS,
    TRANSITION_TYPES,
)


#: A sound blend's presence and tempo as ranges (the same as loop.jobs.sound_blend reads them).
BLEND_PITCHES = {"silence": ("none",), "ambient": ("low", "mid", "high"), "music": ("mid",),
                 "sfx": ("low", "mid", "high"), "full": ("low", "mid", "high")}
BLEND_TEMPOS = ("slow", "medium", "fast")
#: Noise changes per second that make each tempo (sound_blend: slow < 6, medium < 12, fast otherwise).
CHANGES_PER_SECOND = {"slow": 2, "medium": 8, "fast": 16}


def blend_noises(presence: str, pitch: str) -> tuple[str, ...]:
    """The noises a blend is made of: of the presence's kinds (every kind for full) and all of its pitch."""
    kinds = {"ambient": {"ambient"}, "music": {"music"}, "sfx": {"sfx"}, "full": {"ambient", "sfx", "music"}}[presence]
    noises = tuple(n for n in NOISE_PITCH if NOISE_KIND[n] in kinds and NOISE_PITCH[n] == pitch)
    if presence == "full":  # one noise of each kind present at this pitch
        by_kind = {}
        for noise in noises:
            by_kind.setdefault(NOISE_KIND[noise], noise)
        noises = tuple(by_kind.values())
    return noises


def blend_cells(cell: tuple[str, str, str], frames: int, fps: int, lead_in: int) -> tuple[tuple[str, int], ...]:
    """Sound cells whose blend is ``cell`` (presence, tempo, pitch): runs of the blend's noises (or of one noise
    and silence) so the noise changes at the tempo's rate; strengths cycle through the levels."""
    presence, tempo, pitch = cell
    if presence == "silence":
        return tuple(("silence", 0) for _ in range(frames))
    noises = blend_noises(presence, pitch)
    runs_of = noises if len(noises) > 1 else (noises[0], "silence")
    audible = frames - lead_in
    runs = max(1, min(audible, round(CHANGES_PER_SECOND[tempo] * frames / fps)))
    cells = [("silence", 0)] * lead_in
    for run in range(runs):
        noise = runs_of[run % len(runs_of)]
        strength = 0 if noise == "silence" else STRENGTH_LEVELS_PCT[run % len(STRENGTH_LEVELS_PCT)]
        length = audible // runs + (1 if run < audible % runs else 0)
        cells += [(noise, strength)] * length
    return tuple(cells)


@lru_cache(maxsize=1)
def dynamic_cells() -> dict[str, tuple[tuple, ...]]:
    """Each dynamic category's cells as value tuples, in a fixed interleaved order."""
    motion = [("still", "steady", "none")] + list(product(MOTION_SPEEDS[1:], MOTION_RHYTHMS, MOTION_DIRECTIONS[1:]))
    camera = [("static", "slow")] + [(t, s) for t, s in product(CAMERA_TYPES, CAMERA_SPEEDS) if t != "static"]
    transition = [("cut", 0)] + [(t, int(d * 1000)) for t, d in product(TRANSITION_TYPES, TRANSITION_DURATIONS)
                                 if t != "cut"]
    sound = [("silence", "slow", "none")] + [(p, t, pitch) for p, pitches in BLEND_PITCHES.items() if p != "silence"
                                             for t in BLEND_TEMPOS for pitch in pitches]
    cells = {"motion": motion, "camera": camera, "transition": transition, "sound": sound,
             "gradient": list(product(GRADIENT_TYPES, GRADIENT_STRENGTHS)),
             "lighting": [(p,) for p in LIGHTING_PRESETS], "composition": [(b,) for b in COMPOSITION_BALANCES]}
    return {category: sweep_order(tuple(values), f"explorer-{category}") for category, values in cells.items()}


#: `compute_narrative_rows`'s result, stored with the package: every run process needs it and computing it costs
#: half a second (a UI run is a fresh process). It holds the fingerprint of the narrative values it was computed
#: from; after a change to them it is computed again (rewrite the file with ``python -m motion_assets.coverage.sweeps``).
NARRATIVE_ROWS_FILE = Path(__file__).with_name("narrative_rows.json")


def narrative_fingerprint() -> str:
    """The narrative categories and values in their order (the covering array follows both)."""
    return hashlib.sha256(json.dumps([[category, list(values)] for category, values in NARRATIVE.items()]).encode()
                          ).hexdigest()


@lru_cache(maxsize=1)
def narrative_rows() -> tuple[dict[str, str], ...]:
    """The narrative covering array (`compute_narrative_rows`), read from `NARRATIVE_ROWS_FILE` when it was computed
    from the current narrative values."""
    try:
        stored = json.loads(NARRATIVE_ROWS_FILE.read_text())
    except (OSError, ValueError):
        stored = None
    if isinstance(stored, dict) and stored.get("fingerprint") == narrative_fingerprint():
        return tuple(stored["rows"])
    return compute_narrative_rows()


def write_narrative_rows(path: Path = NARRATIVE_ROWS_FILE) -> int:
    rows = compute_narrative_rows()
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({"fingerprint": narrative_fingerprint(), "rows": list(rows)}, indent=0) + "\n")
    temporary.replace(path)
    return len(rows)


def compute_narrative_rows() -> tuple[dict[str, str], ...]:
    """A pairwise covering array of the narrative categories: every pair of values of any two categories appears
    in some row. Built greedily (each row starts from an uncovered pair, then takes for every other category the
    value that covers most uncovered pairs, best of a few seeded tries); 195 rows, the lower bound 13 x 15."""
    categories = list(NARRATIVE)
    sizes = [len(NARRATIVE[c]) for c in categories]
    pairs = list(combinations(range(len(categories)), 2))
    uncovered = {(a, b): {(x, y) for x in range(sizes[a]) for y in range(sizes[b])} for a, b in pairs}
    rng = np.random.default_rng(derive_seed("narrative-pairs"))
    rows = []
    while any(uncovered.values()):
        best, best_gain = None, -1
        a, b = max((pair for pair in pairs if uncovered[pair]), key=lambda pair: (len(uncovered[pair]), -pair[0]))
        for _ in range(8):
            x, y = sorted(uncovered[(a, b)])[int(rng.integers(len(uncovered[(a, b)])))]
            row = [None] * len(categories)
            row[a], row[b] = x, y
            for factor in rng.permutation(len(categories)):
                if row[factor] is None:
                    row[factor] = max(range(sizes[factor]), key=lambda v: (_gain(uncovered, row, factor, v), -v))
            gain = sum((row[i], row[j]) in uncovered[(i, j)] for i, j in pairs)
            if gain > best_gain:
                best, best_gain = row, gain
        for i, j in pairs:
            uncovered[(i, j)].discard((best[i], best[j]))
        rows.append({category: NARRATIVE[category][best[k]] for k, category in enumerate(categories)})
    return tuple(rows)


def _gain(uncovered, row, factor: int, value: int) -> int:
    gain = 0
    for other, chosen in enumerate(row):
        if chosen is None or other == factor:
            continue
        pair = (min(factor, other), max(factor, other))
        gain += ((value, chosen) if factor < other else (chosen, value)) in uncovered[pair]
    return gain


def explorer_cell(sweep_index: int) -> dict[str, tuple]:
    """The dynamic values of the explorer's video number ``sweep_index`` (0, 1, 2, ...), and its narrative row."""
    cell = {category: cells[sweep_index % len(cells)] for category, cells in dynamic_cells().items()}
    rows = narrative_rows()
    cell["narrative"] = tuple(sorted(rows[sweep_index % len(rows)].items()))
    return cell


if __name__ == "__main__":
    print(f"{write_narrative_rows()} narrative rows written to {NARRATIVE_ROWS_FILE}")
