"""Loop prompts in natural English, composed from the origin vocabularies, slang and multi-sense words.

The generator exercises the interpreter on the hard cases (slang, negation, multi-sense words, phrases), not only
on its own keywords. Everything comes from a generator seeded by the caller, so a batch's prompts are reproducible.
"""

from __future__ import annotations

import numpy as np

SUBJECTS = (
    "a lighthouse", "an empty street", "a candle", "icy lakes", "a desert road", "the city skyline", "a forest path",
    "a vinyl record", "ocean waves", "a neon sign", "a quiet kitchen", "sunflowers", "a snowy field", "a dancer",
    "a football pitch", "a train window", "a jazz club", "storm clouds", "a paper boat", "a mountain ridge",
)
COLOURS = (
    "crimson", "emerald", "light blue", "deep red", "pastel pink", "neon green", "golden", "teal", "purple",
    "soft orange", "pitch black", "snow white", "navy", "olive", "sky blue", "warm amber",
)
CAMERA_PHRASES = (
    "slow push in", "zoom out", "bird's eye view", "whip pan", "handheld", "slow pan", "tilt up", "tracking shot",
    "dolly in", "crane shot", "orbiting shot", "rolling camera", "static shot", "truck left", "pedestal up",
    "spinning camera",
)
MOODS = (
    "calm", "tense", "dreamy", "eerie", "romantic", "playful", "epic", "mysterious", "hopeful", "melancholic",
    "feeling blue", "lowkey sad", "chill", "hype", "spooky", "cozy",
)
SOUNDS = (
    "owl hoots", "distant thunder rumble", "soft hiss of rain", "a low hum", "clicks and drips", "whooshing wind",
    "rustling leaves", "no music", "a deep bass thump", "a high pitch tone", "total silence",
)
TIMES = ("at golden hour", "at dusk", "at midnight", "in the morning", "at sunrise", "at night", "in the 80s")
SLANG_OPENERS = ("that", "this", "lowkey", "honestly", "ngl")
SLANG_VERDICTS = ("is lit", "is fire", "slaps", "is so extra", "is sick", "is mid", "hits different", "is dope")
MODIFIERS = ("very", "slightly", "super", "barely", "extremely")
NEGATIONS = ("no red", "not calm at all", "without music", "avoid fast cuts", "don't use neon", "never shaky",
             "nothing too bright")


def compose_prompt(rng: np.random.Generator) -> str:
    """One natural-English loop prompt drawn from ``rng``."""
    def one(options: tuple[str, ...]) -> str:
        return options[int(rng.integers(len(options)))]

    shape = int(rng.integers(5))
    if shape == 0:
        return f"{one(MODIFIERS)} {one(CAMERA_PHRASES)} on {one(SUBJECTS)}, {one(COLOURS)} {one(TIMES)}"
    if shape == 1:
        return f"{one(SLANG_OPENERS)} {one(SUBJECTS).split(' ', 1)[-1]} {one(SLANG_VERDICTS)}, {one(COLOURS)} vibes"
    if shape == 2:
        return f"{one(MOODS)} {one(SUBJECTS)} {one(TIMES)}, {one(SOUNDS)}, {one(NEGATIONS)}"
    if shape == 3:
        return f"{one(COLOURS)} and {one(COLOURS)} {one(SUBJECTS)}, {one(CAMERA_PHRASES)}, {one(MOODS)}"
    return f"{one(SUBJECTS)} {one(TIMES)}, {one(SOUNDS)}, {one(MODIFIERS)} {one(MOODS)}, {one(CAMERA_PHRASES)}"
