"""Scoring an interpretation against what a person meant (the test set's expectations).

``mismatches`` checks one instruction; ``accuracy_per_field`` and ``assertion_accuracy`` score lists of
(family, prompt, expected) cases.
"""

from __future__ import annotations

from collections import defaultdict

from motion_assets.interpretation import interpret


def _path(instruction: dict, path: str):
    value = instruction
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def mismatches(instruction: dict, expected: dict) -> dict[str, str]:
    """{check: "expected .., got .."} for every expectation the instruction misses."""
    missed = {}
    names = [c["name"] for c in instruction["palette"]]
    for key, want in expected.items():
        if key == "palette~":
            ok, got = all(w in names for w in want), names
        elif key == "palette#":
            ok, got = len(names) == want and abs(sum(c["weight"] for c in instruction["palette"]) - 1) < 1e-9, names
        elif key == "avoid~":
            ok, got = all(w in instruction["avoid_colors"] for w in want), instruction["avoid_colors"]
        elif key == "noises~":
            ok, got = all(w in instruction["sound"]["noises"] for w in want), instruction["sound"]["noises"]
        elif key == "senses~":
            pairs = {(s["domain"], s["variant"]) for s in instruction["senses"]}
            ok, got = all(tuple(w) in pairs for w in want), sorted(pairs)
        elif key == "subjects~":
            kinds = [(s["kind"], s["count"]) for s in instruction.get("subjects") or []]
            ok = all(any(k == (w if isinstance(w, str) else w[0]) and (isinstance(w, str) or n == w[1])
                         for k, n in kinds) for w in want)
            got = kinds
        elif key == "subjects#":
            got = len(instruction.get("subjects") or [])
            ok = got == want
        elif key in ("ambient_beds~", "weather~"):
            got = instruction.get(key[:-1]) or []
            ok = all(w in got for w in want)
        elif key.endswith("!"):
            got = _path(instruction, key[:-1])
            ok = got != want
        elif key == "intensity<":
            ok, got = instruction["intensity"] < want, instruction["intensity"]
        elif key == "intensity>":
            ok, got = instruction["intensity"] > want, instruction["intensity"]
        else:
            got = _path(instruction, key)
            ok = got == want
        if not ok:
            missed[key] = f"expected {want!r}, got {got!r}"
    return missed


def accuracy_per_field(cases) -> dict[str, float]:
    """Share of expectations met per field (check) over ``cases`` of (family, prompt, expected)."""
    hits, totals = defaultdict(int), defaultdict(int)
    for _, prompt, expected in cases:
        missed = mismatches(interpret(prompt).to_dict(), expected)
        for key in expected:
            field = key.rstrip("~#<>!")
            totals[field] += 1
            hits[field] += key not in missed
    return {field: round(hits[field] / totals[field], 4) for field in sorted(totals)}


def assertion_accuracy(cases) -> tuple[int, int]:
    """(assertions met, assertions made) over ``cases``."""
    met = made = 0
    for _, prompt, expected in cases:
        missed = mismatches(interpret(prompt).to_dict(), expected)
        made += len(expected)
        met += len(expected) - len(missed)
    return met, made
