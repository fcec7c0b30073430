"""Prompt -> instruction: read a prompt the way a person does, and say how it was read.

1. Normalise (Unicode NFKC, lower case, control characters dropped, hyphens as spaces) and tokenise; British
   spellings are mapped (variant ``dialect``), regular inflections reduced to a known word ("darker", "tilted",
   "calmly", "stillness") and words that are no dictionary headword corrected to the known word one edit away
   (``typo``: "purpel", "oceen", "secoond"; deterministic).
2. Match phrases, longest first (up to four words), against the colour names and the lexicon
   (``interpretation.lexicon``); a word with several senses is resolved from its neighbours (``senses``).
3. Apply the readings left to right: a negator ("no", "not", "without", "avoid", "don't", "never",
   "nothing", "neither", "anything but", ...) covers everything up to the next punctuation mark or "but" ("not too
   fast" is a step down, "not fast" the opposite; a negated colour excludes its whole hue family, a negated camera
   move keeps the camera still); intensifiers and diminishers
   ("very", "slightly", "lowkey", ...) shift the intensity of what follows; colour modifiers ("light", "deep",
   "pastel", "neon") change the next colour.
4. Fill what the prompt left open from what it did say (night -> dark, desert -> warm, neon -> vivid) and mark
   only what the prompt itself named as ``explicit``, so creation explores the rest.

Every resolved span is reported once in ``senses`` (span, domain, value, variant, confidence); spans not
understood are listed in ``unknown``; ``setting`` is a category of the narrative vocabulary and ``place`` the finer
word that gave it. The same text always gives the same instruction. ``interpret`` returns an ``Instruction``: a plain
dict of the contract (``to_dict()`` gives an independent copy, ``document`` the canonical JSON); readings are
cached per normalised text, so repeated prompts cost a dict copy.
"""

from __future__ import annotations

import json
import pickle
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from motion_assets.interpretation.lexicon import (
    COLOUR_MODIFIERS,
    OBJECT_COLOURS,
    DIALECT,
    ERA_WORDS,
    FILLERS,
    LEXICON,
    NEGATORS,
    NUMBER_WORDS,
    SCOPE_BREAKERS,
    colour_names,
    family,
)
from motion_assets.interpretation.lexicon import BED_NOUNS, GENRE_TEMPO, SCENE_SETTING_WORDS, SUBJECT_WORDS
from motion_assets.interpretation.scene_reading import read_scene, scene_matches, scene_single_words
from motion_assets.naming.dictionary import english_words, is_real_word, zipf
from motion_assets.origins.scenes import WEATHER as _SCENE_WEATHER
from motion_assets.origins.vocabulary import CAMERA_TYPES, NOISE_KIND, NOISE_PITCH

PROMPT_MAX_CHARS = 2000
MAX_PHRASE = 4


class EmptyPromptError(ValueError):
    """The prompt has no text."""


class Instruction(dict):
    """The interpretation contract: a plain ``dict`` of the fields, with its canonical JSON ``document``.

    ``to_dict()`` returns an independent deep copy, so callers may change what they get without touching the cache.
    """

    @property
    def document(self) -> str:
        return json.dumps(self, sort_keys=True, ensure_ascii=False)

    def to_dict(self) -> dict:
        return json.loads(self.document)

    @classmethod
    def from_dict(cls, data: dict) -> Instruction:
        return cls(data)


TOKEN = re.compile(r"'?\d+(?:\.\d+)?s?\b|[a-z\u00c0-\u024f]+(?:'[a-z]+)?|[,.;!?]")
ERA_NUMBER = re.compile(r"^'?(\d+)s$")
DURATION_UNITS = {"second": 1.0, "seconds": 1.0, "sec": 1.0, "secs": 1.0, "s": 1.0, "minute": 60.0,
                  "minutes": 60.0, "min": 60.0, "mins": 60.0}
APPROVAL_LEAD = frozenset({"is", "was", "so", "that's", "thats", "it's", "its", "straight", "pure", "lowkey",
                           "looks", "sounds", "are", "were", "be", "super", "really", "pretty", "kinda"})
APPROVAL_SUBJECTS = frozenset({"track", "song", "beat", "party", "concert", "set", "show", "movie", "video", "fit",
                               "outfit", "this", "that", "it", "vibe", "vibes", "tune", "album", "drop", "game"})
ILLUMINATION_LEAD = frozenset({"morning", "evening", "soft", "warm", "golden", "natural", "neon", "moon", "sun",
                               "candle", "harsh", "ambient", "street", "window", "studio", "day", "blue", "cold",
                               "cool", "red", "green", "white", "city", "stage", "firefly", "fairy"})
GENTLE_NOUNS = frozenset({"rain", "snow", "breeze", "wind", "drizzle", "fog", "mist", "touch", "steps", "shower",
                          "footsteps", "tapping", "knock", "knocking", "hum", "humming", "hiss", "rustle", "rustling",
                          "sway", "motion", "movement", "jazz"})
SPORT_WORDS = frozenset({"football", "soccer", "cricket", "rugby", "hockey", "baseball"})
DARK_THINGS = frozenset({"cave", "caves", "night", "tunnel", "dungeon", "basement", "cellar", "grave", "void",
                         "abyss", "midnight", "coal", "closet"})
CAMERA_WORDS = frozenset(w for w, readings in LEXICON.items() for d, _, _ in readings if d == "camera")
#: Readings a negation turns into their opposite (a negated colour or noise is excluded instead).
OPPOSITE = {
    "mood": {"calm": "tense", "tense": "calm", "energetic": "calm", "uplifting": "melancholic", "dark": "uplifting",
             "melancholic": "hopeful", "eerie": "calm", "playful": "calm", "epic": "calm", "dreamy": "neutral",
             "moody": "uplifting", "romantic": "neutral", "mysterious": "neutral", "hopeful": "melancholic"},
    "speed": {"fast": "slow", "slow": "medium", "still": "medium", "medium": "medium"},
    "brightness": {"bright": "dim", "dark": "balanced", "dim": "balanced"},
    "temperature": {"warm": "neutral", "cool": "neutral"},
    "saturation": {"vivid": "muted", "muted": "balanced"},
    "transition": {"cut": "dissolve", "fade": "cut", "dissolve": "cut", "wipe": "cut"},
    "presence": {"music": "ambient", "silence": "ambient", "ambient": "silence", "sfx": "ambient", "full": "ambient"},
}
TIME_LOOK = {"night": ("dark", None), "midnight": ("dark", "cool"), "dusk": ("dim", "cool"), "evening": ("dim", None),
             "dawn": ("dim", "cool"), "noon": ("bright", None), "golden_hour": (None, "warm"),
             "sunset": (None, "warm"), "sunrise": (None, "warm"), "morning": ("bright", None)}
WARM_WORDS = frozenset({"desert", "fire", "flames", "candle", "candlelight", "sunset", "amber", "golden", "honey",
                        "campfire", "fireplace", "summer", "lava", "sand", "tropical"})
COOL_WORDS = frozenset({"ice", "icy", "snow", "snowy", "winter", "frost", "ocean", "arctic", "glacier", "moonlight",
                        "underwater", "steel", "lake", "lakes"})
#: Sources of sound that are heard as surroundings, not as music, even when their noise is a tone.
ANIMAL_WORDS = frozenset({"owl", "owls", "bird", "birds", "gulls", "seagulls", "crickets", "frogs", "whale", "whales",
                          "wolf", "wolves", "cicadas", "songbird", "songbirds", "dove", "doves"})
AMBIENT_SOURCES = frozenset({"owl", "hoot", "hoots", "hooting", "birdsong", "birds singing", "chirping", "chirp",
                             "chirps", "tweeting", "gulls", "seagulls", "whale song", "whistle", "whistling",
                             "humming bird", "ringing", "chimes", "wind chimes"})
#: Setting words that name the category itself (a finer ``place`` is any other setting word).
SETTING_WORDS = frozenset({"urban", "nature", "interior", "exterior", "indoors", "indoor", "outdoors", "outdoor",
                           "outside", "studio", "abstract", "space", "underwater", "anywhere", "somewhere"})
#: Real words that are still far more often typos of a known word.
TYPO_ALSO = frozenset({"forrest", "oceon", "purpal", "mountian"})
MOOD_TEMPO = {"energetic": "fast", "epic": "fast", "tense": "fast", "playful": "medium", "calm": "slow",
              "dreamy": "slow", "melancholic": "slow", "romantic": "slow", "moody": "slow"}
#: Defaults a genre, a lighting or a mood brings for fields the prompt did not name (horror is dark and tense).
GENRE_IMPLIES: dict[str, tuple[tuple[str, str], ...]] = {
    "horror": (("mood", "tense"), ("brightness", "dark")), "thriller": (("mood", "tense"), ("brightness", "dim")),
    "lighting:noir": (("brightness", "dark"),), "mood:romantic": (("temperature", "warm"),),
}
#: Approval slang that also says the thing has energy ("that was sick", "this beat is dope").
ENERGETIC_SLANG = frozenset({"sick", "dope", "slaps", "banger", "bangers", "goes hard", "fire", "lit", "hype",
                             "bussin", "goated", "fye"})
#: Words that are colours without a hue: "bright white" is a bright look, not a vivid white.
NEUTRAL_COLOURS = frozenset({"white", "gray", "grey", "silver", "cream", "ivory", "black", "off white"})
#: Phrases that are a direction of motion, or a gradient when the prompt speaks of one.
DIRECTION_OR_GRADIENT = frozenset({"left to right", "right to left", "side to side", "top to bottom",
                                   "bottom to top", "from left to right", "from right to left", "from top to bottom",
                                   "from bottom to top"})
GRADIENT_WORDS = frozenset({"gradient", "gradients", "fade", "fades", "ombre", "blend", "colours", "colors"})
#: The first words ``_resolve`` decides among senses for (every other span keeps its readings as they are).
RESOLVED_HEADS = frozenset({"cool", "lit", "fire", "sick", "dope", "stars", "star", "light", "pitch", "dark", "deep",
                            "soft", "pale", "hot", "neon", "bright", "rich", "vivid", "muted", "dusty", "baby",
                            "electric", "pastel", "heavy", "sharp", "drip", "still", "blue", "mid", "rain", "thunder",
                            "quiet", "gentle", "faint", "distant", "left", "right", "side", "top", "bottom", "from",
                            "rolling", "roll"})
#: Words that end a negation once it has covered a content word ("no whales and no sound", "no rain, with fog").
COORDINATORS = frozenset({"and", "with", "plus", "then", "while", "also", "add", "but"})
#: The lexicon's weather words onto the scene vocabulary (wind is a sound bed there, not a weather).
WEATHER_OF = {"cloudy": "clouds", "overcast": "clouds", "wind": "wind"}
SCENE_WEATHER = frozenset(_SCENE_WEATHER)
#: The lexicon's finer times of day onto the scene's (the finer one still decides the look).
TIME_OF_DAY_OF = {"dawn": "dawn", "sunrise": "dawn", "morning": "day", "noon": "day", "afternoon": "day",
                  "golden_hour": "golden_hour", "sunset": "sunset", "evening": "dusk", "dusk": "dusk",
                  "night": "night", "midnight": "night"}
#: The camera type onto the scene renderer's camera move, before any direction said with it.
CAMERA_MOVE_OF = {"static": "static", "pan": "pan_right", "truck": "pan_right", "whip_pan": "pan_right",
                  "tracking": "pan_right", "tilt": "tilt_up", "pedestal": "tilt_up", "crane": "tilt_up",
                  "zoom": "zoom_in", "zoom_out": "zoom_out", "dolly": "dolly_in", "arc": "orbit", "rotate": "orbit",
                  "roll": "orbit", "handheld": "shake", "birds_eye": None}
#: Camera phrases whose move the type alone does not say ("pull back" moves the camera, "drone flyover" flies in).
CAMERA_MOVE_PHRASES = {"pull back": "dolly_out", "pulling back": "dolly_out", "pull out": "dolly_out",
                       "pulls back": "dolly_out", "drone flyover": "dolly_in", "flyover": "dolly_in",
                       "fly over": "dolly_in", "flythrough": "dolly_in", "fly through": "dolly_in",
                       "drone fly over": "dolly_in", "drone flythrough": "dolly_in", "fpv drone": "dolly_in",
                       "drone pass": "dolly_in", "drone footage": "dolly_in"}
DIRECTED_MOVES = {("pan_right", "left"): "pan_left", ("pan_right", "right"): "pan_right",
                  ("tilt_up", "down"): "tilt_down", ("tilt_up", "up"): "tilt_up", ("dolly_in", "out"): "dolly_out",
                  ("zoom_in", "out"): "zoom_out", ("dolly_out", "in"): "dolly_in"}
DEFAULT_PALETTE = {"warm": ("amber", (255, 170, 40)), "cool": ("steel blue", (70, 130, 180)),
                   "neutral": ("slate blue", (106, 90, 205))}


# --- vocabulary indexes (built once) -----------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _phrases() -> dict[tuple[str, ...], list[tuple[str, object, str]]]:
    """Every known phrase as a token tuple -> its readings (colours as domain "colour")."""
    table: dict[tuple[str, ...], list[tuple[str, object, str]]] = {}
    for phrase, readings in LEXICON.items():
        key = tuple(TOKEN.findall(phrase.replace("-", " ")))
        table.setdefault(key, []).extend(readings)
    for name in colour_names():
        key = tuple(TOKEN.findall(name))
        if 0 < len(key) <= MAX_PHRASE:
            table.setdefault(key, []).append(("colour", name, "synonym"))
    return {key: list(dict.fromkeys(readings)) for key, readings in table.items()}


@lru_cache(maxsize=1)
def _single_words() -> frozenset[str]:
    return frozenset(key[0] for key in _phrases() if len(key) == 1)


#: Regular inflections tried when a word is not known as written: (suffix, replacements), longest first.
LEMMA_RULES = (("iest", ("y",)), ("ier", ("y",)), ("ily", ("y",)), ("ied", ("y",)), ("ies", ("y",)),
               ("ness", ("",)), ("ing", ("", "e")), ("est", ("", "e")), ("ed", ("", "e")), ("er", ("", "e")),
               ("ly", ("", "le")), ("es", ("", "e")), ("s", ("",)))


@lru_cache(maxsize=65536)
def _lemma(word: str) -> str | None:
    """The known word ``word`` inflects ("darker" -> dark, "tilted" -> tilt, "panning" -> pan), if any."""
    if len(word) < 4 or not word.isalpha():
        return None
    known = _single_words()
    for suffix, replacements in LEMMA_RULES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            for replacement in replacements:
                if stem + replacement in known:
                    return stem + replacement
            if len(stem) >= 4 and stem[-1] == stem[-2] and stem[:-1] in known:  # "hotter", "slimmer"
                return stem[:-1]
    return None


@lru_cache(maxsize=1)
def _typo_index() -> dict[str, str]:
    """One-deletion neighbourhoods of every known single word (5+ letters), for one-edit typo correction."""
    known = ({key[0] for key in _phrases() if len(key) == 1} | FILLERS | NEGATORS | set(DURATION_UNITS)
             | set(NUMBER_WORDS) | set(DIALECT) | SPORT_WORDS | scene_single_words())
    words = sorted(word for word in known if word.isalpha() and len(word) >= 5)
    index: dict[str, str] = {}
    for word in words:
        for variant in {word[:i] + word[i + 1 :] for i in range(len(word))} | {word}:
            index.setdefault(variant, word)
    return index


#: The lexical resources the reading uses beside its own lexicon, switchable (``use_resources``) so that
#: benchmarks/interpret.py can measure what each adds: "dictionary" (Webster's 2nd + GCIDE headwords of the
#: `english-words` package: a headword is no typo), "frequency_rank" (wordfreq: of several one-edit corrections the
#: most written wins) and "frequency_gate" (wordfreq: a word written often, Zipf >= FREQUENT_ZIPF, is no typo even
#: when the old dictionaries lack it). LemmInflect's lemma dictionary was measured too and added nothing on either
#: split (the suffix rules and the plural list already cover the forms prompts use), so it is not a dependency.
RESOURCES = {"dictionary": True, "frequency_rank": True, "frequency_gate": False}
FREQUENT_ZIPF = 3.0


def use_resources(**switches: bool) -> dict[str, bool]:
    """Switch lexical resources on or off (unknown names raise KeyError); clears the caches that depend on them and
    returns the previous switches."""
    previous = dict(RESOURCES)
    for name, on in switches.items():
        if name not in RESOURCES:
            raise KeyError(f"unknown lexical resource {name!r}; known: {sorted(RESOURCES)}")
        RESOURCES[name] = bool(on)
    _fix.cache_clear()
    _cached.cache_clear()
    return previous


def _correct(word: str) -> str | None:
    """The known word one edit (insertion, deletion, substitution or swap) away from ``word``, if any."""
    if len(word) < 5 or not word.isalpha():
        return None
    index = _typo_index()
    candidates = [index[v] for v in ({word} | {word[:i] + word[i + 1 :] for i in range(len(word))}) if v in index]
    candidates = [c for c in candidates if c != word and _one_edit(word, c)]
    if not candidates:
        return None
    if RESOURCES["frequency_rank"] and len(candidates) > 1:
        return min(candidates, key=lambda c: (c[0] != word[0], -zipf(c), c))
    return min(candidates, key=lambda c: (c[0] != word[0], c))


def _one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diffs) == 1 or (len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]]
                                   and a[diffs[1]] == b[diffs[0]])
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


# --- reading ---------------------------------------------------------------------------------------------------------

_ASCII_CONTROLS = {code: " " for code in (*range(32), 127)}


def normalise_prompt(prompt: str) -> str:
    """The prompt as one canonical line: NFKC, control characters dropped, lower case, single spaces."""
    if prompt.isascii():  # the common case, without a per-character look-up
        return " ".join(prompt.translate(_ASCII_CONTROLS).lower().split())
    text = unicodedata.normalize("NFKC", prompt)
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.lower().split())


def _tokens(text: str) -> list[str]:
    return TOKEN.findall(text.replace("-", " ").replace("/", " ").replace("&", " and "))


@dataclass
class Span:
    start: int
    end: int
    text: str
    readings: list[tuple[str, object, str]]
    variant: str = ""  # dialect or typo when the words were mapped
    key: str = ""  # the words as read (after dialect, inflection and typo mapping)


@lru_cache(maxsize=65536)
def _fix(token: str) -> tuple[str, str]:
    """(the word as read, variant): British spellings mapped, inflections reduced, one-edit typos corrected."""
    table = _phrases()
    if token in DIALECT:
        mapped = DIALECT[token]
        return (mapped if (mapped,) in table else _lemma(mapped) or mapped), "dialect"
    if (token,) in table or token in FILLERS or token in NEGATORS or not token.isalpha() or (
            token in scene_single_words() and _lemma(token) is None):
        return token, ""
    if (lemma := _lemma(token)) is not None:
        return lemma, ""
    headword = RESOURCES["dictionary"] and token in english_words()
    if not headword and RESOURCES["frequency_gate"] and zipf(token) >= FREQUENT_ZIPF:
        headword = True  # written often: a word of today the old dictionaries lack, not a slip
    if not headword or token in TYPO_ALSO:
        # not a dictionary headword: a one-edit slip of a known word ("purpel", "reaally"), or left as is
        correction = _correct(token)
        if correction in DIALECT:
            correction = DIALECT[correction]
            correction = correction if (correction,) in table else _lemma(correction) or correction
        return (correction or token), ("typo" if correction else "")
    return token, ""


@lru_cache(maxsize=1)
def _longest_from() -> dict[str, int]:
    """First word of a known phrase -> the most words a phrase starting with it has."""
    longest: dict[str, int] = {}
    for key in _phrases():
        longest[key[0]] = max(longest.get(key[0], 0), len(key))
    return longest


def _spans(tokens: list[str]) -> tuple[list[Span], list[str]]:
    """Longest-first phrase matches over the tokens; also returns the corrected tokens."""
    table = _phrases()
    longest = _longest_from()
    pairs = [_fix(token) for token in tokens]
    fixed = [word for word, _ in pairs]
    variants = [variant for _, variant in pairs]
    spans: list[Span] = []
    i = 0
    was_mapped = [v in ("dialect", "typo") for v in variants]
    while i < len(fixed):
        reach = max(longest.get(tokens[i], 0), longest.get(fixed[i], 0))
        for size in range(min(reach, len(fixed) - i), 0, -1):
            # the words as written first ("parking lot" before "park"), unless a dialect or typo was mapped
            mapped = True in was_mapped[i : i + size]
            key = tuple(fixed[i : i + size]) if mapped else tuple(tokens[i : i + size])
            if key not in table:
                key = tuple(fixed[i : i + size])
            if key in table:
                variant = next((v for v in variants[i : i + size] if v), "")
                spans.append(Span(i, i + size, " ".join(tokens[i : i + size]), list(table[key]), variant,
                                  " ".join(key)))
                i += size
                break
        else:
            spans.append(Span(i, i + 1, tokens[i], [], variants[i], fixed[i]))
            i += 1
    return spans, fixed


def _resolve(spans: list[Span], tokens: list[str]) -> None:
    """Choose among a multi-sense word's readings from its neighbours (in place); marks the choice ``sense``."""
    def word(index: int) -> str:
        return tokens[index] if 0 <= index < len(tokens) else ""

    def keep(span: Span, domains: set[str], variant: str = "sense") -> None:
        chosen = [(d, v, variant) for d, v, _ in span.readings if d in domains]
        span.readings = chosen

    token_set = set(tokens)
    for n, span in enumerate(spans):
        head = (span.key or span.text).split()[0] if span.text else ""
        if head not in RESOLVED_HEADS:
            continue
        if (span.key or span.text) in DIRECTION_OR_GRADIENT:
            gradient = bool(GRADIENT_WORDS & token_set)
            span.readings = [r for r in span.readings if (r[0] == "gradient") == gradient] or span.readings
            continue
        before, after = word(span.start - 1), word(span.end)
        after_span = spans[n + 1] if n + 1 < len(spans) else None
        next_is_colour = bool(after_span and any(d == "colour" for d, _, _ in after_span.readings))
        at_end = after in ("", ",", ".", "!", "?", ";")
        if span.end - span.start != 1:
            continue
        if head in ("quiet", "soft", "gentle", "faint", "distant") and after_span is not None and (
                any(d in ("noise", "presence") for d, _, _ in after_span.readings) or after in BED_NOUNS):
            span.readings = [("diminish", -0.2, "sense")]  # "quiet wind" is a soft wind, not silence
            continue
        if head == "quiet" and (SCENE_SETTING_WORDS.get(after, "room") != "room" or after in SUBJECT_WORDS):
            # "a quiet beach" is a peaceful beach with its soft sounds; "a quiet library" is a silent room
            span.readings = [("diminish", -0.2, "sense")]
            continue
        if head == "bright" and after in NEUTRAL_COLOURS:
            span.readings = [("brightness", "bright", "sense")]  # "bright white studio": a bright, neutral look
            continue
        if head in ("cool", "lit", "fire", "sick", "dope") and (before in APPROVAL_LEAD or before in APPROVAL_SUBJECTS
                                                               ) and (at_end or after in ("af", "fr", "tho")):
            span.readings = [("approval", "positive", "slang")]
            if head in ("lit", "fire"):
                span.readings.append(("mood", "energetic", "slang"))
        elif head == "cool":
            span.readings = [("temperature", "cool", "sense")]
        elif head in ("stars", "star") and ({"sky", "night", "starry", "moon"} & set(tokens)):
            span.readings = [("time_of_day", "night", "sense")]
        elif head == "light":
            if after in GENTLE_NOUNS and after not in ("touch", "jazz", "motion", "movement"):
                span.readings = [("diminish", -0.2, "sense")]  # "light snow" is gentle snow, not a pale colour
            elif next_is_colour:
                span.readings = [("modifier", "pale", "sense")]
            elif after in GENTLE_NOUNS or after == "as" or (before in ("so", "very", "feel", "feels", "felt")
                                                             and at_end):
                span.readings = [("diminish", -0.2, "sense")]
            elif before in ILLUMINATION_LEAD or after in ("rays", "beams", "leaks", "through", "streaming"):
                span.readings = [("brightness", "bright", "sense")]
            else:
                span.readings = [("brightness", "bright", "sense")]
        elif head == "pitch":
            span.readings = [("setting", "exterior", "sense")] if before in SPORT_WORDS else []
        elif head in ("dark", "deep", "soft", "pale", "hot", "neon", "bright", "rich", "vivid", "muted", "dusty",
                      "baby", "electric", "pastel") and next_is_colour:
            span.readings = [("modifier", COLOUR_MODIFIERS[head], "sense")]
            if head in ("dark", "bright") and after in OBJECT_COLOURS:  # "a dark forest" is dark, and deep green
                span.readings.append(("brightness", "dark" if head == "dark" else "bright", "sense"))
        elif head == "dark":
            keep(span, {"brightness"})
        elif head == "deep":
            span.readings = [("intensify", 0.2, "sense")]
        elif head == "heavy":
            span.readings = [("intensify", 0.2, "sense")]
        elif head == "sharp":
            span.readings = [("speed", "fast", "sense")] if after in CAMERA_WORDS or after in ("turn", "turns") \
                else [("intensify", 0.2, "sense")]
        elif head == "soft":
            keep(span, {"diminish"})
        elif head == "drip":
            if before in ("the", "his", "her", "their", "that", "fit", "got", "has") and after in ("on", "is", "hard",
                                                                                                  "fr", ""):
                span.readings = [("style", "realistic", "slang"), ("approval", "positive", "slang")]
            else:
                keep(span, {"noise"})
        elif head == "still":
            span.readings = [("camera", "static", "sense")] if after in ("camera", "shot", "frame") else \
                [("speed", "still", "sense")]
        elif head == "fire":
            span.readings = [("colour", "fire", "sense"), ("temperature", "warm", "sense")]
        elif head == "lit":
            span.readings = [("brightness", "bright", "sense")]
        elif head == "blue" and before in ("feeling", "feel", "feels", "felt", "so"):
            span.readings = [("mood", "melancholic", "sense")]
        elif head == "mid" and not (before in APPROVAL_LEAD or at_end):
            span.readings = []
        elif head == "rain" or head == "thunder":
            pass  # both a sound and the weather
        elif head in ("rolling", "roll") and span.text.lower() == "rolling" and (after in SCENE_SETTING_WORDS or after in BED_NOUNS
                                    or after in ("clouds", "fog", "mist", "thunder", "dunes", "meadows")):
            span.readings = []  # "rolling hills", "rolling waves", "rolling fog": the land or weather, not the camera


def interpret(prompt: str, learned: dict[str, tuple[str, object]] | None = None) -> Instruction:
    """Read ``prompt`` into the instruction contract. EmptyPromptError for empty or whitespace-only text.

    ``learned`` (span -> (domain, value)) adds promoted mappings from the linguistic registry; nothing learned is
    used unless passed here.
    """
    text = normalise_prompt(prompt)[:PROMPT_MAX_CHARS] if isinstance(prompt, str) else ""
    if not text:
        raise EmptyPromptError("prompt is empty: describe the video in words")
    return Instruction.from_dict(_interpret_text(prompt, text, tuple(sorted((learned or {}).items()))))


@lru_cache(maxsize=4096)
def _cached(text: str, learned: tuple) -> bytes:
    """The reading of a normalised text, pickled: every call unpickles its own independent copy."""
    return pickle.dumps(_read(text, dict(learned)), protocol=pickle.HIGHEST_PROTOCOL)


def _interpret_text(prompt: str, text: str, learned: tuple) -> dict:
    result = pickle.loads(_cached(text, learned))
    result["prompt"] = prompt
    return result


def _read(text: str, learned: dict) -> dict:
    tokens = _tokens(text)
    spans, fixed = _spans(tokens)
    for span in spans:
        if not span.readings and (span.text in learned or span.key in learned):
            domain, value = learned.get(span.text) or learned[span.key]
            span.readings = [(domain, value, "synonym")]
            span.variant = "learned"
    _resolve(spans, fixed)
    out: dict = {
        "gibberish": False, "palette": [], "avoid_colors": [], "brightness": "balanced",
        "temperature": "neutral", "saturation": "balanced", "intensity": 0.5,
        "motion": {"speed": "medium", "rhythm": "steady", "direction": "none"}, "camera": "static",
        "gradient": "vertical", "lighting": "neutral", "transition": "cut", "mood": "neutral", "tempo": "medium",
        "sound": {"presence": "ambient", "pitch": None, "noises": []}, "genre": None, "style": None,
        "setting": None, "theme": None, "plot": None, "scene_type": None, "time_of_day": None, "weather": None,
        "duration_seconds": None, "era": None, "place": None, "senses": [], "unknown": [],
    }
    explicit: set[str] = set()
    colours: list[tuple[str, tuple[int, int, int]]] = []
    avoided: set[str] = set()
    avoided_noises: set[str] = set()
    presence_set = None
    negated = colour_negated = False
    too = False
    boost = 0.0
    modifier = None
    understood = 0
    words_seen = 0
    intensity = 0.5
    noise_kinds: dict[str, str] = {}
    animals = bool(ANIMAL_WORDS.intersection(fixed))

    seen_senses: set[tuple] = set()

    def sense(span: Span, domain: str, value, variant: str, confidence: float) -> None:
        key = (span.text, domain, repr(value))
        if key in seen_senses:  # a word said twice is one reading
            return
        seen_senses.add(key)
        out["senses"].append({"span": span.text, "domain": domain, "value": value, "variant": variant,
                              "confidence": confidence})

    durations, eras = _durations_and_eras(fixed)
    duration_tokens = {i for i, _ in durations} | {i + 1 for i, _ in durations} | {i for i, _ in eras}
    # spans read as approval only ("this track is fire") are no scene words
    approval_only = frozenset(i for span in spans if any(d == "approval" for d, _, _ in span.readings)
                              for i in range(span.start, span.end))
    matches = scene_matches(tokens, fixed, approval_only)
    scene_words = {i for m in matches for i in range(m.start, m.end)}
    negated_at: set[int] = set()
    governed = False  # the negation has covered a content word: a coordinator now ends its scope
    weathers: list[str] = []
    not_weather: set[str] = set()
    camera_span = None
    unknown_at: list[tuple[int, str]] = []
    for n, span in enumerate(spans):
        token = span.key or span.text
        if token in SCOPE_BREAKERS or (negated and governed and token in COORDINATORS):
            negated, too, boost, modifier, colour_negated, governed = False, False, 0.0, None, False, False
            continue
        if token.isalpha() or "'" in token:
            words_seen += 1
        if token in NEGATORS and not span.readings:
            negated, colour_negated, governed = True, False, False
            continue
        if negated:
            negated_at.update(range(span.start, span.end))
            governed = governed or bool(span.readings) or span.start in scene_words or (
                token.isalpha() and token not in FILLERS)
        if span.start in duration_tokens:
            understood += 1
            continue
        if not span.readings:
            if token in FILLERS or token.isdigit():
                if token == "too":
                    too = True
            elif (token.isalpha() or "'" in token) and span.start not in scene_words:
                unknown_at.append((span.start, token))
            continue
        understood += span.end - span.start
        variant_of_span = span.variant or ("phrase" if span.end - span.start > 1 else "")
        for domain, value, variant in span.readings:
            variant = variant_of_span if variant_of_span in ("dialect", "typo", "learned") else (
                "phrase" if variant == "synonym" and span.end - span.start > 1 else variant)
            confidence = 0.95 if variant in ("synonym", "phrase") else 0.8 if variant in ("slang", "sense") else 0.7
            if domain == "negate":
                negated, colour_negated = True, False
                sense(span, "negation", value, variant, confidence)
                continue
            if domain == "intensify" or domain == "diminish":
                boost += float(value)
                too = too or token == "too"
                if not negated:  # "nothing too bright" asks for less, not for more
                    intensity += float(value)
                sense(span, "intensity", float(value), variant, confidence)
                continue
            if domain == "modifier":
                modifier = value
                sense(span, "palette", value, variant, confidence)
                continue
            if domain == "approval":
                sense(span, "approval", value, variant, confidence)
                continue
            if negated and not (colour_negated and domain != "colour"):
                colour_negated = colour_negated or domain == "colour"
                if domain == "weather":
                    not_weather.add(WEATHER_OF.get(str(value), str(value)))
                    sense(span, "weather", {"not": WEATHER_OF.get(str(value), str(value))}, variant, confidence)
                    continue
                _negate(out, explicit, domain, value, too, avoided, avoided_noises)
                sense(span, "palette" if domain == "colour" else _SENSE_DOMAIN.get(domain, domain), {"not": value},
                      variant, confidence)
                if domain == "presence":
                    presence_set = out["sound"]["presence"]
                continue
            if domain == "colour":
                rgb = _modify(colour_names()[str(value)], modifier)
                label = f"{_MOD_WORD.get(modifier, '')} {value}".strip() if modifier else str(value)
                colours.append((label, rgb))
                # "pastel pink" and "neon green" are colour names whose first word is also a modifier
                effect = modifier or COLOUR_MODIFIERS.get(str(value).split()[0]) if " " in str(value) else modifier
                if effect in ("pastel", "muted") and "saturation" not in explicit:
                    out["saturation"] = "muted"
                elif effect in ("neon", "vivid") and "saturation" not in explicit:
                    out["saturation"] = "vivid"
                modifier = None
                sense(span, "palette", label, variant, confidence)
                continue
            if domain == "weather":
                weathers.append(WEATHER_OF.get(str(value), str(value)))
                explicit.add("weather")
                sense(span, "weather", WEATHER_OF.get(str(value), str(value)), variant, confidence)
                continue
            if domain == "time_of_day":
                sense(span, "time_of_day", TIME_OF_DAY_OF[str(value)], variant, confidence)
                _assign(out, explicit, domain, value, boost)
                continue
            if domain == "camera":
                camera_span = n
            _assign(out, explicit, domain, value, boost)
            if domain == "presence":
                presence_set = value
            elif domain == "noise":
                kind = NOISE_KIND.get(str(value), "ambient")
                if kind == "music" and (animals or token in AMBIENT_SOURCES):
                    kind = "ambient"  # an owl's hoot is a tone, but no music
                noise_kinds.setdefault(str(value), kind)
            elif domain == "setting" and span.end - span.start <= 2 and token not in SETTING_WORDS:
                out["place"] = _singular(token)
            sense(span, _SENSE_DOMAIN.get(domain, domain), value, variant, confidence)
        if any(d not in ("intensify", "diminish", "modifier", "negate") for d, _, _ in span.readings):
            boost = 0.0
    _comparatives(tokens, out, explicit)
    out["duration_seconds"] = durations[-1][1] if durations else None
    if eras:
        out["era"] = eras[-1][1]
        for index, era in eras:
            out["senses"].append({"span": tokens[index], "domain": "era", "value": era, "variant": "sense",
                                  "confidence": 0.9})
    approvals = {s["span"] for s in out["senses"] if s["domain"] == "approval"}
    scene, scene_senses, scene_understood = read_scene(tokens, fixed, matches, negated_at, approval_only)
    out.update(scene)
    out["senses"].extend(scene_senses)
    out["unknown"] = [token for index, token in unknown_at if index not in scene_understood]
    understood += len(scene_understood - {i for span in spans if span.readings for i in range(span.start, span.end)})
    out["weather"] = [w for w in dict.fromkeys(weathers) if w in SCENE_WEATHER and w != "clear"
                      and w not in not_weather]
    _fill_in(out, explicit, colours, avoided, avoided_noises, presence_set, noise_kinds,
             [t for t in tokens if t not in approvals])
    _scene_fill_in(out, explicit, spans, camera_span)
    out["intensity"] = round(min(1.0, max(0.0, intensity)), 2)
    out["gibberish"] = understood == 0 and words_seen > 0 and not _mostly_english(out["unknown"])
    if words_seen == 0 and understood == 0:
        out["gibberish"] = True
    out["explicit"] = sorted(explicit)
    return out


def _singular(word: str) -> str:
    if word.endswith("s") and not word.endswith("ss") and (word[:-1],) in _phrases():
        return word[:-1]
    return word


_MOD_WORD = {"pale": "light", "pastel": "pastel", "deep": "deep", "neon": "neon", "vivid": "vivid",
             "muted": "muted"}
_SENSE_DOMAIN = {"speed": "motion", "direction": "motion", "rhythm": "motion", "noise": "sound",
                 "presence": "sound", "pitch": "sound"}


def _modify(rgb: tuple[int, int, int], modifier: str | None) -> tuple[int, int, int]:
    r, g, b = rgb
    if modifier == "pale":
        return tuple(int(c + (255 - c) * 0.5) for c in rgb)  # type: ignore[return-value]
    if modifier == "pastel":
        return tuple(int(c * 0.45 + 255 * 0.55) for c in rgb)  # type: ignore[return-value]
    if modifier == "deep":
        return tuple(int(c * 0.55) for c in rgb)  # type: ignore[return-value]
    if modifier in ("neon", "vivid"):
        mean = (r + g + b) / 3
        return tuple(int(max(0, min(255, mean + (c - mean) * 1.6))) for c in rgb)  # type: ignore[return-value]
    if modifier == "muted":
        mean = (r + g + b) / 3
        return tuple(int(mean + (c - mean) * 0.45) for c in rgb)  # type: ignore[return-value]
    return rgb


#: Readings that set one part of a nested field: domain -> (field, part).
NESTED = {"speed": ("motion", "speed"), "direction": ("motion", "direction"), "rhythm": ("motion", "rhythm"),
          "presence": ("sound", "presence"), "pitch": ("sound", "pitch")}


def _assign(out: dict, explicit: set[str], domain: str, value, boost: float) -> None:
    if domain in NESTED:
        field, part = NESTED[domain]
        out[field][part] = value
        explicit.add(field)
    elif domain == "noise":
        if value not in out["sound"]["noises"]:
            out["sound"]["noises"].append(value)
        explicit.add("sound")
    elif domain == "brightness":
        if boost < 0 and value == "bright":
            value = "balanced"
        elif boost < 0 and value == "dark":
            value = "dim"
        out["brightness"] = value
        explicit.add("brightness")
    else:  # look, camera, transition, lighting, mood, narrative and scene facts
        if domain == "saturation" and boost < 0 and value == "vivid":
            value = "balanced"  # "slightly vivid"
        out[domain] = value
        explicit.add(domain)


def _negate(out: dict, explicit: set[str], domain: str, value, too: bool, avoided: set[str],
            avoided_noises: set[str]) -> None:
    if domain == "colour":
        avoided.add(family(str(value)))
        if str(value) == "neon":
            out["saturation"] = "balanced"
    elif domain == "noise":
        avoided_noises.add(str(value))
    elif domain == "camera":
        # "never shaky", "don't zoom": the camera keeps still unless the prompt asked for another move
        if out["camera"] == value or "camera" not in explicit:
            out["camera"] = "static"
            explicit.add("camera")
    elif domain == "lighting":
        if out["lighting"] == value:
            out["lighting"] = "neutral"
        explicit.add("lighting")
    elif domain == "brightness":
        out["brightness"] = "balanced" if too else OPPOSITE["brightness"].get(str(value), "balanced")
        explicit.add("brightness")
    elif domain == "speed":
        # "not fast" is slow, "not too fast" a step down only
        speed = "medium" if too and value in ("fast", "slow") else OPPOSITE["speed"][str(value)]
        out["motion"]["speed"] = speed
        if "tempo" not in explicit:
            out["tempo"] = "slow" if speed in ("slow", "still") else "medium"
        explicit.add("motion")
    elif domain == "weather":
        if out["weather"] in (None, value):  # "not a single cloud", "no rain": a clear sky
            out["weather"] = "clear"
            explicit.add("weather")
    elif domain == "transition":
        out["transition"] = OPPOSITE["transition"][str(value)]
        explicit.add("transition")
    elif domain == "presence":
        out["sound"]["presence"] = OPPOSITE["presence"][str(value)]
        explicit.add("sound")
    elif domain in OPPOSITE and str(value) in OPPOSITE[domain]:
        target = "mood" if domain == "mood" else domain
        out[target] = OPPOSITE[domain][str(value)]
        explicit.add(target)


def _comparatives(tokens: list[str], out: dict, explicit: set[str]) -> None:
    """"brighter than a cave": brighter than something dark is still dim."""
    for i, token in enumerate(tokens[:-1]):
        if token in ("brighter", "lighter") and tokens[i + 1] == "than":
            target = next((t for t in tokens[i + 2 : i + 5] if t.isalpha() and t not in FILLERS), "")
            if target in DARK_THINGS:
                out["brightness"] = "dim"
                explicit.add("brightness")
                if target in out["unknown"]:
                    out["unknown"].remove(target)


def _durations_and_eras(tokens: list[str]) -> tuple[list[tuple[int, float]], list[tuple[int, str]]]:
    """(token index, seconds) for every asked length; (token index, era) for every decade ("the 80s", "1990s")."""
    durations, eras = [], []
    for i, token in enumerate(tokens):
        era = ERA_NUMBER.match(token)
        if era:
            number = int(era.group(1))
            previous = tokens[i - 1] if i else ""
            if token.startswith("'") or number >= 1000 or previous == "the" or (number % 10 == 0 and number >= 20):
                century = "19" if number < 100 and number >= 20 else "20" if number < 20 else ""
                eras.append((i, f"{century}{number:02d}s" if number < 100 else f"{number}s"))
            else:
                durations.append((i, float(number)))
            continue
        if token in ERA_WORDS:
            eras.append((i, ERA_WORDS[token]))
            continue
        unit = tokens[i + 1] if i + 1 < len(tokens) else ""
        if unit in DURATION_UNITS and unit != "s":
            amount = NUMBER_WORDS.get(token)
            if amount is None:
                try:
                    amount = float(token)
                except ValueError:
                    continue
            previous = tokens[i - 1] if i else ""
            following = tokens[i + 2] if i + 2 < len(tokens) else ""
            if token in ("a", "an") and unit == "second" and following not in ("", ",", ".", "!", "of", "long",
                                                                              "clip", "loop", "video", "or", "and"):
                continue  # "a second camera" is an ordinal, not a length
            if previous == "half":  # "half a minute"
                amount = 0.5 * float(amount)
            elif previous in NUMBER_WORDS and 20 <= NUMBER_WORDS[previous] <= 90 and 0 < float(amount) < 10:
                amount = NUMBER_WORDS[previous] + float(amount)  # "forty five seconds"
            durations.append((i, float(amount) * DURATION_UNITS[unit]))
    return durations, eras


def _fill_in(out: dict, explicit: set[str], colours, avoided: set[str], avoided_noises: set[str], presence_set,
             noise_kinds: dict[str, str], tokens: list[str]) -> None:
    """What the prompt implies for the fields it did not name."""
    time = out["time_of_day"]
    if time in TIME_LOOK:
        brightness, temperature = TIME_LOOK[time]
        if brightness and "brightness" not in explicit:
            out["brightness"] = brightness
            out["senses"].append({"span": time, "domain": "brightness", "value": brightness, "variant": "sense",
                                  "confidence": 0.6})
        if temperature and "temperature" not in explicit:
            out["temperature"] = temperature
    # genre and mood implications: defaults that a word of the prompt overrides
    for field, value in GENRE_IMPLIES.get(str(out["genre"]), ()) + GENRE_IMPLIES.get("lighting:" + out["lighting"], ()) \
            + GENRE_IMPLIES.get("mood:" + out["mood"], ()):
        if field not in explicit and out[field] in ("neutral", "balanced"):
            out[field] = value
            out["senses"].append({"span": out["genre"] or out["lighting"] if not field == "temperature" else
                                  out["mood"], "domain": field, "value": value, "variant": "sense",
                                  "confidence": 0.6})
    if out["mood"] == "neutral" and "mood" not in explicit and ENERGETIC_SLANG.intersection(
            s["span"] for s in out["senses"] if s["domain"] == "approval"):
        out["mood"] = "energetic"  # "that was sick": slang that approves with energy
    words = set(tokens)
    if "temperature" not in explicit:
        if words & WARM_WORDS and not words & COOL_WORDS:
            out["temperature"] = "warm"
        elif words & COOL_WORDS and not words & WARM_WORDS:
            out["temperature"] = "cool"
    if out["mood"] in ("dark", "eerie", "moody", "mysterious") and "brightness" not in explicit:
        out["brightness"] = "dim"
    if out["lighting"] == "neon" and "saturation" not in explicit:
        out["saturation"] = "vivid"
    if ("motion" in explicit or out["mood"] in MOOD_TEMPO) and "tempo" not in explicit:
        speed = out["motion"]["speed"]
        out["tempo"] = {"still": "slow", "slow": "slow", "fast": "fast"}.get(speed, MOOD_TEMPO.get(out["mood"],
                                                                                                "medium"))
        if "motion" not in explicit and out["mood"] in MOOD_TEMPO:
            out["motion"]["speed"] = {"fast": "fast", "slow": "slow"}.get(MOOD_TEMPO[out["mood"]], "medium")
    # sound: the noises named decide the presence unless the prompt said it; a pitch only when one fits them all
    sound = out["sound"]
    sound["noises"] = [n for n in sound["noises"] if n not in avoided_noises]
    if sound["noises"] and presence_set is None:
        kinds = {noise_kinds.get(n, NOISE_KIND[n]) for n in sound["noises"]}
        sound["presence"] = next(iter(kinds)) if len(kinds) == 1 else "full"
    if sound["noises"] and sound["pitch"] is None:
        pitches = {NOISE_PITCH[n] for n in sound["noises"]}
        if len(pitches) == 1:
            sound["pitch"] = next(iter(pitches))
    if sound["presence"] == "silence":
        sound["noises"], sound["pitch"] = [], None
    # palette: every colour named, none of an excluded family
    kept = [(name, rgb) for name, rgb in dict.fromkeys(colours) if family(name) not in avoided]
    out["avoid_colors"] = sorted(avoided)
    if kept:
        explicit.add("palette")
    else:
        name, rgb = DEFAULT_PALETTE[out["temperature"]]
        kept = [(name, rgb)]
    kept = kept[:6]
    weight = round(1.0 / len(kept), 4)
    out["palette"] = [{"name": name, "rgb": list(rgb), "weight": weight} for name, rgb in kept]
    out["palette"][-1]["weight"] = round(1.0 - weight * (len(kept) - 1), 4)
    if out["camera"] not in CAMERA_TYPES:
        out["camera"] = "static"


def _scene_fill_in(out: dict, explicit: set[str], spans: list[Span], camera_span: int | None) -> None:
    """The scene fields that follow from the others: the camera move, the scene's time of day, the music's pace."""
    move = None
    if "camera" in explicit:
        if out["camera"] == "static" or camera_span is None:
            move = "static" if out["camera"] == "static" else CAMERA_MOVE_OF.get(out["camera"])
        else:
            span = spans[camera_span]
            move = CAMERA_MOVE_PHRASES.get(span.key) or CAMERA_MOVE_PHRASES.get(span.text) or CAMERA_MOVE_OF.get(
                out["camera"])
            # a direction said with the move, in the move's own phrase or the words right after it
            for near in spans[camera_span : camera_span + 4]:
                if near is not span and (near.key or near.text) in SCOPE_BREAKERS:
                    break
                direction = next((v for d, v, _ in near.readings if d == "direction"), None)
                if direction and move:
                    move = DIRECTED_MOVES.get((move, direction), move)
                    break
    out["camera_move"] = move
    if move:
        out["senses"].append({"span": spans[camera_span].text if camera_span is not None else out["camera"],
                              "domain": "camera_move", "value": move, "variant": "sense", "confidence": 0.8})
    if out["time_of_day"] is not None:
        out["time_of_day"] = TIME_OF_DAY_OF.get(out["time_of_day"], out["time_of_day"])
    sound = out["sound"]
    if sound["presence"] == "silence":
        out["music_genre"], out["ambient_beds"] = None, []
    elif out["music_genre"]:
        if sound["presence"] == "ambient" and "sound" not in explicit:
            sound["presence"] = "music"
        if "tempo" not in explicit and "motion" not in explicit and out["mood"] not in MOOD_TEMPO:
            out["tempo"] = GENRE_TEMPO[out["music_genre"]]
    if out["monochrome"] is None:  # not said: noir lighting is black and white unless colour was asked
        out["monochrome"] = out["lighting"] == "noir"


def _mostly_english(words: list[str]) -> bool:
    """At least half the unknown words are dictionary words (inflections included)."""
    words = [w for w in words if len(w) > 1]  # stray letters ("f" of "9f3a") say nothing
    if not words:
        return False
    return sum(is_real_word(w) for w in words) * 2 >= len(words)


def senses_summary(instruction: dict) -> Counter:
    """How many spans of each variant an instruction's reading used (for reports)."""
    return Counter(s["variant"] for s in instruction.get("senses", []))
