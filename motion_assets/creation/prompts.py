"""Loop prompts in natural English, composed from the origin vocabularies, slang and multi-sense words.

The generator exercises the interpreter on the hard cases (slang, aesthetics, negation with scope, intensifiers,
multi-sense words in the company that decides them, phrases, lengths and eras, British spellings and the odd typo),
with colours drawn from the whole XKCD/CSS vocabulary, not only on its own keywords. Given ``usage`` (how often each
registry key was seen in the workflow's earlier batches), it steers the camera, mood, time and sound it asks for:
exploring favours what is under-covered, exploiting stays with what worked (values seen before) and favours the less
used of those. Everything comes from a generator seeded by the caller, so a batch's prompts are reproducible."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

import numpy as np

SUBJECTS = (
    "a lighthouse", "an empty street", "a candle", "icy lakes", "a desert road", "the city skyline", "a forest path",
    "a vinyl record", "ocean waves", "a neon sign", "a quiet kitchen", "sunflowers", "a snowy field", "a dancer",
    "a football pitch", "a train window", "a jazz club", "storm clouds", "a paper boat", "a mountain ridge",
    "a rooftop party", "a campfire", "a rainy bus stop", "a koi pond", "an old arcade", "a harbour at low tide",
    "a cosy reading nook", "a skate park", "a lavender field", "a subway platform", "a glass greenhouse",
    "a carousel", "a wheat field", "a foggy pier", "a diner booth", "a coral reef", "a grey office",
    "a cherry blossom tree", "a night market", "a frozen waterfall",
)
COLOURS = (
    "crimson", "emerald", "light blue", "deep red", "pastel pink", "neon green", "golden", "teal", "purple",
    "soft orange", "pitch black", "snow white", "navy", "olive", "sky blue", "warm amber",
)
COLOUR_MODIFIERS = ("light", "pale", "deep", "dark", "pastel", "neon", "muted", "vivid", "dusty")
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
TIMES = ("at golden hour", "at dusk", "at midnight", "in the morning", "at sunrise", "at night", "in the 80s",
         "in the 1970s", "at high noon", "on a grey afternoon", "under the stars", "in the blue hour")
SLANG_OPENERS = ("that", "this", "lowkey", "honestly", "ngl")
SLANG_VERDICTS = ("is lit", "is fire", "slaps", "is so extra", "is sick", "is mid", "hits different", "is dope",
                  "goes hard", "is a whole vibe", "is giving cozy", "slays, no notes")
MODIFIERS = ("very", "slightly", "super", "barely", "extremely", "a little", "really really", "kinda", "hella")
NEGATIONS = ("no red", "not calm at all", "without music", "avoid fast cuts", "don't use neon", "never shaky",
             "nothing too bright", "no blue tones", "not too fast", "anything but gloomy", "no camera movement",
             "neither green nor yellow")
#: Words that mean different things in different company, in the company that decides (exercises word sense).
MULTI_SENSE = ("a cool breeze", "light rain", "morning light", "pitch black sky", "a high pitch whistle",
               "deep bass", "heavy rain", "soft pastel colours", "fire crackling", "a dark comedy",
               "still water", "waves of light", "a sky full of stars", "light snow", "cool blue water")
AESTHETICS = ("vaporwave", "cottagecore", "synthwave", "liminal", "trippy", "gritty", "lofi", "y2k",
              "dark academia", "main character energy", "good vibes only")
LENGTHS = ("a 10 second clip of", "a 5-second shot of", "two minutes of", "a 30 second loop of", "twenty seconds of",
           "half a minute of")
DIALECT_SWAPS = (("color", "colour"), ("gray", "grey"), ("cozy", "cosy"), ("harbor", "harbour"),
                 ("center", "centre"))


def _keys_of(option: str) -> tuple[str, ...]:
    """The registry keys a prompt fragment asks for, as the interpreter reads it."""
    from motion_assets.interpretation import interpret
    from motion_assets.keys.canonical import canonical_key, text_key
    from motion_assets.origins.vocabulary import CAMERA_SPEEDS

    read = interpret(option).to_dict()
    keys = []
    if "camera" in read["explicit"]:
        keys += [canonical_key("camera", {"type": read["camera"], "speed": speed}) for speed in CAMERA_SPEEDS]
    if read["mood"] != "neutral":
        keys.append(text_key("mood", read["mood"]))
    keys += [sound_cell for noise in read["sound"]["noises"] for sound_cell in _noise_keys(noise)]
    return tuple(keys)


def _noise_keys(noise: str) -> list[str]:
    from motion_assets.keys.canonical import sound_cell_key
    from motion_assets.origins.vocabulary import STRENGTH_LEVELS_PCT

    return [sound_cell_key(noise, level) for level in STRENGTH_LEVELS_PCT]


@lru_cache(maxsize=None)
def option_keys(options: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(_keys_of(option) for option in options)


@lru_cache(maxsize=1)
def _colour_pool() -> tuple[str, ...]:
    """Every one- or two-word colour name the interpreter knows (XKCD survey, CSS, objects), sorted."""
    from motion_assets.interpretation.lexicon import colour_names

    from motion_assets.naming.dictionary import is_real_word

    return tuple(sorted(name for name in colour_names() if len(name.split()) <= 2 and name.isascii()
                        and all(is_real_word(word) for word in name.split())))


def _typo(word: str, rng: np.random.Generator) -> str:
    """``word`` with one deterministic slip of the keyboard (a swap, a doubled or a dropped letter)."""
    if len(word) < 6 or not word.isalpha():
        return word
    i = int(rng.integers(1, len(word) - 2))
    kind = int(rng.integers(3))
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:
        return word[:i] + word[i] + word[i:]
    return word[:i] + word[i + 1 :]


def _roughen(prompt: str, rng: np.random.Generator) -> str:
    """Now and then write the prompt as people do: British spellings and one typo."""
    roll = float(rng.random())
    if roll < 0.15:
        for plain, british in DIALECT_SWAPS:
            prompt = prompt.replace(plain, british)
    elif roll < 0.25:
        words = prompt.split(" ")
        long_words = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
        if long_words:
            i = long_words[int(rng.integers(len(long_words)))]
            words[i] = _typo(words[i], rng)
            prompt = " ".join(words)
    return prompt


def choose(rng: np.random.Generator, options: tuple[str, ...], usage: Mapping[str, int] | None = None,
           exploit: bool = False) -> str:
    """One of ``options``: uniformly without ``usage``, else steered by the registry keys each option asks for."""
    if usage is None:
        return options[int(rng.integers(len(options)))]
    seen = np.array([sum(usage.get(key, 0) for key in keys) for keys in option_keys(options)], dtype=float)
    # Exploring favours what is under-covered (never seen first); exploiting stays with what worked (seen
    # before) and favours its under-used entries.
    weights = np.where(seen > 0, 1.0 / np.maximum(seen, 1.0), 0.0) if exploit else 1.0 / (1.0 + seen)
    if weights.sum() == 0:
        weights = np.ones(len(options))
    return options[int(rng.choice(len(options), p=weights / weights.sum()))]


def compose_prompt(rng: np.random.Generator, usage: Mapping[str, int] | None = None, exploit: bool = False) -> str:
    """One natural-English loop prompt drawn from ``rng``, steered by ``usage`` (see the module docstring)."""
    def one(options: tuple[str, ...]) -> str:
        return choose(rng, options, usage if options in STEERED else None, exploit)

    def colour() -> str:
        if float(rng.random()) < 0.5:
            return one(COLOURS)
        pool = _colour_pool()
        name = pool[int(rng.integers(len(pool)))]
        return f"{one(COLOUR_MODIFIERS)} {name}" if float(rng.random()) < 0.3 and " " not in name else name

    def bare(subject: str) -> str:
        return subject.split(" ", 1)[-1]

    shape = int(rng.integers(9))
    if shape == 0:
        prompt = f"{one(MODIFIERS)} {one(CAMERA_PHRASES)} on {one(SUBJECTS)}, {colour()} {one(TIMES)}"
    elif shape == 1:
        prompt = f"{one(SLANG_OPENERS)} {bare(one(SUBJECTS))} {one(SLANG_VERDICTS)}, {colour()} vibes"
    elif shape == 2:
        prompt = f"{one(MOODS)} {bare(one(SUBJECTS))} {one(TIMES)}, {one(SOUNDS)}, {one(NEGATIONS)}"
    elif shape == 3:
        prompt = f"{colour()} and {colour()} {bare(one(SUBJECTS))}, {one(CAMERA_PHRASES)}, {one(MOODS)}"
    elif shape == 4:
        prompt = f"{one(SUBJECTS)} {one(TIMES)}, {one(SOUNDS)}, {one(MODIFIERS)} {one(MOODS)}, {one(CAMERA_PHRASES)}"
    elif shape == 5:
        prompt = f"{one(LENGTHS)} {bare(one(SUBJECTS))} in {one(MULTI_SENSE)}, {one(CAMERA_PHRASES)}"
    elif shape == 6:
        prompt = f"{one(AESTHETICS)} {bare(one(SUBJECTS))}, {one(MULTI_SENSE)}, {one(NEGATIONS)}, {one(CAMERA_PHRASES)}"
    elif shape == 7:
        prompt = f"{one(MULTI_SENSE)} over {one(SUBJECTS)} {one(TIMES)}, {one(MODIFIERS)} {one(MOODS)}, {one(SOUNDS)}"
    else:
        prompt = (f"{one(SUBJECTS)}, {one(MODIFIERS)} {one(MOODS)} and {colour()}, {one(CAMERA_PHRASES)}, "
                  f"{one(NEGATIONS)}")
    return _roughen(prompt, rng)


#: The option lists whose choice follows registry usage.
STEERED = frozenset({CAMERA_PHRASES, MOODS, SOUNDS})


#: Words the interpreter reads back as exactly one value (tests/test_coverage.py checks every cell).
CAMERA_WORDS = {"static": "static shot", "pan": "pan", "tilt": "tilt", "dolly": "dolly shot", "crane": "crane shot",
                "zoom": "zoom in", "zoom_out": "zoom out", "handheld": "handheld", "roll": "barrel roll",
                "truck": "trucking shot", "pedestal": "pedestal", "arc": "orbiting", "tracking": "tracking shot",
                "birds_eye": "bird's eye view", "whip_pan": "whip pan", "rotate": "rotating camera"}
SPEED_WORDS = {"slow": "slow", "medium": "steady pace", "fast": "fast"}
DIRECTION_WORDS = {"left": "moving left", "right": "moving right", "up": "rising", "down": "falling",
                   "in": "approaching", "out": "receding"}
RHYTHM_WORDS = {"steady": "smoothly", "pulsing": "pulsing", "wave": "swaying", "random": "erratic"}
LIGHTING_WORDS = {"neutral": "neutral lighting", "noir": "noir", "golden_hour": "golden hour", "neon": "neon glow",
                  "documentary": "natural lighting", "moody": "moody lighting"}
TRANSITION_WORDS = {"cut": "hard cut", "fade": "fade to black", "dissolve": "cross dissolve", "wipe": "wipe"}
#: Narrative values as words the interpreter reads back as exactly that value.
NARRATIVE_WORDS = {
    "genre": {"general": "general interest", "documentary": "documentary film", "thriller": "thriller",
              "ad": "commercial", "tutorial": "tutorial", "educational": "educational", "explainer": "explainer",
              "comedy": "comedy", "horror": "horror", "drama": "drama", "sci_fi": "sci-fi", "fantasy": "fantasy",
              "music_video": "music video"},
    "style": {"cinematic": "cinematic", "abstract": "abstract", "minimal": "minimalist", "realistic": "realistic",
              "anime": "anime", "cartoon": "cartoon"},
    "scene_type": {"establishing": "establishing shot", "closeup": "close up", "wide": "wide shot",
                   "medium": "medium shot", "dialogue": "dialogue", "action": "action shot", "montage": "montage",
                   "b-roll": "b-roll"},
    "mood": {"neutral": "neutral mood", "calm": "calm", "tense": "tense", "uplifting": "uplifting", "dark": "grim",
             "dreamy": "dreamy", "energetic": "energetic", "moody": "brooding", "melancholic": "melancholic",
             "eerie": "eerie", "romantic": "romantic", "playful": "playful", "epic": "epic",
             "mysterious": "mysterious", "hopeful": "hopeful"},
    "theme": {"general": "slice of life", "transformation": "transformation", "conflict": "conflict",
              "journey": "journey", "identity": "identity", "connection": "connection", "loss": "loss",
              "hope": "story of hope"},
    "plot": {"flat": "uneventful", "slow_build": "slow burn", "standard": "classic arc", "immediate": "in medias res"},
    "setting": {"general": "anywhere", "urban": "city", "nature": "forest", "interior": "room",
                "exterior": "outdoors", "studio": "studio", "abstract": "void", "space": "outer space",
                "underwater": "underwater"},
}
#: Subjects that carry no reading of their own, so the prompt asks for the cell and nothing else.
PLAIN_SUBJECTS = ("a toy boat", "a lighthouse", "a teapot", "a bicycle", "a kite", "a chess piece", "a balloon",
                  "a lantern", "a sailboat", "a windmill")


def describe_cell(cell: Mapping[str, tuple], rng: np.random.Generator) -> str:
    """A natural prompt asking for one explorer cell: camera, motion, lighting and transition."""
    speed, rhythm, direction = cell["motion"]
    subject = PLAIN_SUBJECTS[int(rng.integers(len(PLAIN_SUBJECTS)))]
    movement = (f"a still {subject.split(' ', 1)[1]}" if speed == "still" else
                f"{subject} {DIRECTION_WORDS[direction]} at a {SPEED_WORDS[speed]}, {RHYTHM_WORDS[rhythm]}"
                if speed == "medium" else
                f"{SPEED_WORDS[speed]} {subject.split(' ', 1)[1]} {DIRECTION_WORDS[direction]} {RHYTHM_WORDS[rhythm]}")
    (lighting,) = cell["lighting"]
    story = dict(cell.get("narrative", ()))
    words = {category: NARRATIVE_WORDS[category][value] for category, value in story.items()}
    narrative = (f": a {words['style']} {words['genre']} {words['scene_type']}, {words['mood']}, {words['theme']}, "
                 f"{words['plot']}, {words['setting']}" if words else "")
    # The narrative comes before lighting and transition, whose words must be read last.
    return (f"{CAMERA_WORDS[cell['camera'][0]]} of {movement}{narrative}, {LIGHTING_WORDS[lighting]}, "
            f"{TRANSITION_WORDS[cell['transition'][0]]}")
