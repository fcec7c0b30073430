"""Deterministic, human-readable names of real words for registry values (naming version `NAMING_VERSION`).

* **Colours**: the nearest name of the XKCD colour survey that matplotlib ships (names made only of dictionary words,
  vulgar ones left out), nearest in CIELAB, with a lightness/saturation modifier when the cell sits visibly off the
  named colour ("pale dusty teal"), and an opacity phrase for translucent cells ("..., half sheer").
* **Sounds**: strength, pitch and noise ("faint high hiss").
* **Dynamic values and narrative elements**: from their parts ("slow steady leftward drift", "soft radial
  gradient", "cinematic genre").

A name is at most `NAME_LIMIT` characters. A collision within a registry is resolved by the next, more specific
candidate of real words (a second colour name: "teal leaning olive"; a finer strength; an ordinal), never by digits
or invented syllables. Candidates are generated lazily and the first free one wins, entries taken in a fixed order,
so the same entries always get the same names on any machine; names already given are passed in and kept
(`unique_names(..., given=...)`), so a name once given does not move.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import islice

import numpy as np
from matplotlib import _color_data

from motion_assets.naming.dictionary import (FUNCTION_WORDS, NAME_LIMIT, _LETTERS, _stem, contradiction, is_real_word,
                                             name_ok, repeated_words)
from motion_assets.keys.cielab import srgb_to_lab

NAMING_VERSION = 3

#: Opacity (percent) -> phrase; every level has its own words, so cells that differ only in opacity never collide.
OPACITY_PHRASES = {
    100: "", 95: "nearly solid", 90: "mostly solid", 85: "lightly sheer", 80: "faintly sheer",
    75: "three quarters solid", 70: "seventy percent solid", 65: "sixty five percent solid",
    60: "sixty percent solid", 55: "just over half solid", 50: "half sheer", 45: "just under half solid",
    40: "forty percent solid", 35: "thirty five percent solid", 30: "thirty percent solid", 25: "quarter solid",
    20: "thin veil", 15: "faint veil", 10: "ghostly veil", 5: "barely there",
}
# Kept for callers of the first naming version.
OPACITY_WORDS = [(0, "fully clear"), (15, "faint veil of"), (35, "sheer"), (55, "half sheer"), (75, "misty"),
                 (95, "nearly solid"), (100, "")]
STRENGTH_WORDS = {20: "faint", 40: "soft", 60: "steady", 80: "strong", 100: "loud"}
#: Words for strengths between the levels (imported values); any other value is spelled out.
STRENGTH_BETWEEN = {10: "whispered", 30: "quiet", 50: "moderate", 70: "firm", 90: "booming"}
PITCH_OF_NOISE = {"rumble": "low", "hum": "low", "thump": "low", "tone": "mid", "rustle": "mid", "whoosh": "mid",
                  "drip": "mid", "hiss": "high", "click": "high"}
ORDINALS = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
            "twelfth")
_VULGAR = frozenset({"shit", "poop", "puke", "vomit", "barf", "diarrhea", "snot", "booger", "pee", "piss", "baby"})
_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
#: How many nearest colour names feed the qualified candidates of one colour.
NEAREST = 24


_SCALES = ("", "thousand", "million", "billion", "trillion", "quadrillion", "quintillion")
_ORDINAL_OF = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
               "nine": "ninth", "twelve": "twelfth"}


def number_words(n: int) -> str:
    """Any whole number 0 or more in words ("two hundred fifty five", "three thousand one")."""
    n = int(n)
    if n < 0:
        raise ValueError(f"{n} is negative")
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + (f" {_ONES[n % 10]}" if n % 10 else "")
    if n < 1000:
        rest = n % 100
        return f"{_ONES[n // 100]} hundred" + (f" {number_words(rest)}" if rest else "")
    groups = []
    scale = 0
    while n:
        n, group = divmod(n, 1000)
        if group:
            if scale < len(_SCALES):
                word = _SCALES[scale]
            else:  # beyond the named scales: "thousand quintillion" and so on
                word = " ".join([_SCALES[scale % (len(_SCALES) - 1) or 1]] + ["quintillion"] * (scale // (len(_SCALES) - 1)))
            groups.append(f"{number_words(group)} {word}".strip())
        scale += 1
    return " ".join(reversed(groups))


def ordinal_words(n: int) -> str:
    """1 -> "first", 22 -> "twenty second", 100 -> "one hundredth": any whole number 1 or more."""
    if int(n) < 1:
        raise ValueError(f"{n} has no ordinal")
    words = number_words(n).split()
    last = words[-1]
    if last in _ORDINAL_OF:
        words[-1] = _ORDINAL_OF[last]
    elif last.endswith("y"):
        words[-1] = last[:-1] + "ieth"
    else:
        words[-1] = last + "th"
    return " ".join(words)


def decimal_words(text: str) -> str:
    """'3.8' -> 'three point eight'."""
    whole, _, fraction = str(text).partition(".")
    words = number_words(int(whole or 0))
    return f"{words} point {' '.join(_ONES[int(d)] for d in fraction)}" if fraction else words


def spoken_numbers(text: str) -> str:
    """Digits in words: decades ("1980s" -> "nineteen eighties", "80s" -> "eighties") and numbers up to 999 as
    `number_words`; longer numbers digit by digit."""

    def decade(match: re.Match) -> str:
        century, tens = match.group(1), int(match.group(2))
        word = {0: "hundreds", 1: "tens"}.get(tens) or _TENS[tens][:-1] + "ies"
        return f"{number_words(int(century))} {word}" if century else word

    def number(match: re.Match) -> str:
        digits = match.group(0)
        return number_words(int(digits)) if len(digits) <= 3 else " ".join(_ONES[int(d)] for d in digits)

    text = re.sub(r"\b(\d{2})?(\d)0s\b", decade, text)
    return re.sub(r"\d+", number, text)


# --- colour -----------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[tuple[str, ...], np.ndarray]:
    """XKCD survey names made only of dictionary words (no vulgar ones), with their CIELAB values."""
    names, values = [], []
    for name, hexcode in sorted(_color_data.XKCD_COLORS.items()):
        word = name.removeprefix("xkcd:").replace("'", "")
        parts = word.split()
        if any(not p.isalpha() for p in parts) or any(p in _VULGAR for p in parts):
            continue
        if not all(is_real_word(p) for p in parts) or repeated_words(word) or contradiction(word):
            continue
        names.append(word)
        values.append([int(hexcode[i : i + 2], 16) for i in (1, 3, 5)])
    return tuple(names), srgb_to_lab(np.asarray(values, dtype=np.float64))


@lru_cache(maxsize=32768)
def _nearest(rgb: tuple[int, int, int]) -> tuple[tuple[int, ...], tuple[float, ...], tuple[float, float]]:
    """(indices of the NEAREST vocabulary names, their distances, (dL, dC) of the colour against the nearest)."""
    names, labs = _vocabulary()
    lab = srgb_to_lab(np.asarray(rgb, dtype=np.float64))
    distances = np.linalg.norm(labs - lab, axis=1)
    order = np.argsort(distances, kind="stable")[:NEAREST]
    best = labs[order[0]]
    d_lightness = float(lab[0] - best[0])
    d_chroma = float(np.hypot(lab[1], lab[2]) - np.hypot(best[1], best[2]))
    return tuple(int(i) for i in order), tuple(float(distances[i]) for i in order), (d_lightness, d_chroma)


def color_distance(rgb: tuple[int, int, int]) -> float:
    """CIELAB distance from a colour to its nearest vocabulary name (how well the plain name fits)."""
    return _nearest(tuple(int(c) for c in rgb))[1][0]


def _modifiers(d_lightness: float, d_chroma: float, base: str) -> list[str]:
    words = []
    if d_lightness >= 10:
        words.append("pale")
    elif d_lightness <= -10:
        words.append("deep")
    if d_chroma <= -10:
        words.append("dusty")
    elif d_chroma >= 10:
        words.append("vivid")
    return [w for w in words if w not in base.split()]


def _fine_modifiers(d_lightness: float, d_chroma: float, base: str) -> list[str]:
    words = []
    if d_lightness >= 3:
        words.append("paler" if d_lightness >= 10 else "lighter")
    elif d_lightness <= -3:
        words.append("deeper" if d_lightness <= -10 else "darker")
    if d_chroma <= -3:
        words.append("duller")
    elif d_chroma >= 3:
        words.append("brighter")
    return [w for w in words if w not in base.split()]


def color_candidates(rgb: tuple[int, int, int], opacity_pct: int) -> Iterator[str]:
    """Names for a colour cell, from plain to more specific, all real words and at most NAME_LIMIT characters."""
    if opacity_pct == 0:
        yield "fully clear"
        return
    names, _ = _vocabulary()
    order, _, (d_lightness, d_chroma) = _nearest(tuple(int(c) for c in rgb))
    veil = OPACITY_PHRASES.get(int(opacity_pct))
    if veil is None:
        veil = f"{number_words(int(opacity_pct))} percent solid"
    first = names[order[0]]
    mods = _modifiers(d_lightness, d_chroma, first)
    fine = _fine_modifiers(d_lightness, d_chroma, first)

    def finish(words: Iterable[str]) -> str | None:
        text = " ".join(w for w in words if w)
        text = f"{text}, {veil}" if veil else text
        return text if len(text) <= NAME_LIMIT else None

    plain = [*mods, first]
    yielded = set()
    for words in ([*plain], [*fine, first] if fine != mods else None, [*mods, *[w for w in fine if w not in mods], first]):
        if words:
            name = finish(words)
            if name and name not in yielded:
                yielded.add(name)
                yield name
    # A second, third... colour name the cell leans toward, then other nearby names as the base.
    for i in range(len(order)):
        base = names[order[i]]
        for j in range(len(order)):
            if i == j:
                continue
            other = names[order[j]]
            if set(other.split()) <= set(base.split()):
                continue
            for words in ([*mods, base, "leaning", other], [base, "leaning", other], [*fine, base, "leaning", other]):
                name = finish(words)
                if name and name not in yielded:
                    yielded.add(name)
                    yield name


def color_name(rgb: tuple[int, int, int], opacity_pct: int, detail: int = 0) -> str:
    """The ``detail``-th candidate name of a colour at an opacity (0: the plainest)."""
    candidates = list(islice(color_candidates(rgb, opacity_pct), detail + 1))
    return candidates[min(detail, len(candidates) - 1)]


# --- sound ------------------------------------------------------------------------------------------------------


def strength_word(strength_pct: int) -> str:
    strength_pct = int(strength_pct)
    if strength_pct in STRENGTH_WORDS:
        return STRENGTH_WORDS[strength_pct]
    if strength_pct in STRENGTH_BETWEEN:
        return STRENGTH_BETWEEN[strength_pct]
    nearest = min((*STRENGTH_WORDS, *STRENGTH_BETWEEN), key=lambda level: (abs(level - strength_pct), level))
    return (STRENGTH_WORDS | STRENGTH_BETWEEN)[nearest]


def sound_candidates(noise: str, strength_pct: int) -> Iterator[str]:
    if noise == "silence":
        yield "silence"
        yield "true silence"
        return
    pitch = PITCH_OF_NOISE.get(noise)
    strength_pct = int(strength_pct)
    exact = strength_pct in STRENGTH_WORDS or strength_pct in STRENGTH_BETWEEN
    if not exact and strength_pct >= 0:  # between the worded levels: the exact strength, a name no other value has
        yield f"{noise} at {number_words(strength_pct)} percent strength"
        yield f"{noise} at {number_words(strength_pct)} percent"
    word = strength_word(strength_pct)
    if pitch:
        yield f"{word} {pitch} {noise}"
    yield f"{word} {noise}"


def sound_name(noise: str, strength_pct: int) -> str:
    return next(sound_candidates(noise, strength_pct))


# --- dynamic and narrative --------------------------------------------------------------------------------------

_WORDS = {"zoom_out": "zoom out", "birds_eye": "bird's eye view", "whip_pan": "whip pan", "golden_hour": "golden hour",
          "left_heavy": "left heavy", "right_heavy": "right heavy", "top_heavy": "top heavy",
          "bottom_heavy": "bottom heavy", "sci_fi": "science fiction", "music_video": "music video",
          "slow_build": "slow build", "none": "still", "sfx": "effects",
          "warm_sunset": "warm sunset", "handheld": "hand-held", "lofi": "lo-fi", "lo_fi": "lo-fi",
          "hiphop": "hip-hop", "hip_hop": "hip-hop", "timelapse": "time-lapse", "time_lapse": "time-lapse",
          "broll": "b-roll", "scifi": "sci-fi", "closeup": "close-up"}
_DIRECTIONS = {"left": "leftward", "right": "rightward", "up": "upward", "down": "downward", "in": "inward",
               "out": "outward", "none": ""}
_LEGACY_TREND = {"steady": "constant", "increasing": "rising", "decreasing": "falling"}
_LEGACY_AXIS = {"horizontal": "sideways", "vertical": "vertical", "neutral": "spread", "none": "still",
                "diagonal": "diagonal", "radial": "radial"}
_LEGACY_RHYTHM = {"steady": "even", "pulsing": "pulsing", "wave": "wavelike", "random": "random"}


def value_words(value: str) -> str:
    """A value in words as people write them: underscores become spaces, hyphenated terms keep their hyphen
    ("b-roll", "sci-fi", "lo-fi")."""
    value = str(value)
    if value in _WORDS:
        return _WORDS[value]
    words = " ".join(_WORDS.get(part, part) for part in value.replace("_", " ").split())
    return " ".join(part.strip("-") or part for part in words.split())


def _spaced(text: str) -> str:
    return " ".join(text.split())


def dynamic_name(category: str, params: Mapping) -> str:
    return next(dynamic_candidates(category, params))


def dynamic_candidates(category: str, params: Mapping) -> Iterator[str]:
    if "legacy" in params:
        yield from _legacy_dynamic(category, params)
        return
    if category == "motion":
        if params["speed"] == "still":
            yield "still subject"
        else:
            yield _spaced(f"{params['speed']} {params['rhythm']} {_DIRECTIONS[params['direction']]} drift")
    elif category == "camera":
        yield "locked camera" if params["type"] == "static" else f"{params['speed']} {value_words(params['type'])}"
    elif category == "gradient":
        yield f"{params['strength']} {params['type']} gradient"
    elif category == "lighting":
        yield f"{value_words(params['preset'])} lighting"
    elif category == "composition":
        yield f"{value_words(params['balance'])} frame"
    elif category == "transition":
        if params["type"] == "cut":
            yield "hard cut"
        else:
            length = "quarter second" if params["duration_ms"] == 250 else "half second"
            yield f"{length} {params['type']}"
    elif category == "sound":
        pitch = "" if params["pitch"] == "none" else f"{params['pitch']} "
        yield f"{params['tempo']} {pitch}{value_words(params['presence'])} bed".replace("silence bed", "silent bed")
    else:
        raise ValueError(f"unknown dynamic category {category!r}")


def _legacy_dynamic(category: str, params: Mapping) -> Iterator[str]:
    """Values imported from the older system, named from the parts its keys carry."""
    if category == "motion":
        level = float(params["level"])
        size = "faint" if level < 2 else "gentle" if level < 4 else "moderate" if level < 7 else \
            "strong" if level < 10 else "heavy"
        base = (f"{_LEGACY_TREND.get(params['trend'], params['trend'])} "
                f"{_LEGACY_RHYTHM.get(params['rhythm'], params['rhythm'])} "
                f"{_LEGACY_AXIS.get(params['direction'], params['direction'])} change")
        try:
            level = decimal_words(params["level"])  # the exact level: no two levels share a name
            yield f"{base} at {level}"
            yield f"{base.removesuffix(' change')} at {level}"  # the same, short enough for longer levels
        except ValueError:
            pass
        yield f"{size} {base}"
    elif category == "camera":
        yield "locked camera of unknown speed" if params["type"] == "static" else f"{value_words(params['type'])} of unknown speed"
    elif category == "gradient":
        yield f"{value_words(params['type'])} gradient of unknown strength"
    elif category == "sound":
        yield f"{params['mood']} {params['tempo']} {value_words(params['presence'])} bed"
    else:
        raise ValueError(f"unknown legacy dynamic category {category!r}")


def legacy_held_candidates(params: Mapping) -> Iterator[str]:
    """Whole-video colours and blends the older system recorded, which have no category here."""
    if "rgb" in params:
        for name in color_candidates(tuple(int(c) for c in params["rgb"]), 100):
            yield f"{name} whole video color"
        return
    output = params.get("output")
    domain = value_words(str(params.get("domain", "unknown")))
    if isinstance(output, dict) and all(isinstance(output.get(c), (int, float)) for c in "rgb"):
        rgb = tuple(min(255, max(0, round(output[c]))) for c in "rgb")
        for name in color_candidates(rgb, 100):
            yield f"{name} color blend"
        return
    if isinstance(output, dict) and isinstance(output.get("key"), str):
        parts = output["key"].split("_")
        try:
            level = decimal_words(parts[0])
        except ValueError:
            level = ""
        trend = _LEGACY_TREND.get(parts[1], "") if len(parts) > 1 else ""
        yield _spaced(f"{trend} {domain} blend at level {level}")
    raw = params.get("raw_key")
    fields = [value_words(f) for f in dict.fromkeys(re.findall(r'"([A-Za-z_]+)"\s*:', str(raw or "")))]
    fields = [f for f in fields if name_ok(f) and f != domain]
    if fields:
        for n in range(min(len(fields), 4), 0, -1):
            listed = ", ".join(fields[:n - 1]) + (" and " if n > 1 else "") + fields[n - 1]
            yield f"cut {domain} blend of {listed}"
    yield f"unparsed {domain} blend"


def narrative_name(category: str, value: str) -> str:
    return f"{value_words(value)} {category.replace('_', ' ')}"


#: The NATO spelling alphabet: a word not in English is spelled in words ("setting word spelled sierra alpha ...").
NATO = dict(zip("abcdefghijklmnopqrstuvwxyz", (
    "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec "
    "romeo sierra tango uniform victor whiskey xray yankee zulu").split()))


def _latin_letters(text: str) -> str:
    """The text's letters a-z, accents taken off ("mélancolie" -> "melancolie"); other scripts give nothing."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in plain.lower() if "a" <= ch <= "z")


def _script(text: str) -> str:
    """The writing system of the text's first letter outside a-z, in words ("cyrillic", "cjk"), or ""."""
    import unicodedata

    for ch in text:
        if ch.isalpha() and not ("a" <= ch.lower() <= "z"):
            words = unicodedata.name(ch, "").split()
            return words[0].lower() if words else ""
    return ""


def spelled_candidates(what: str, value: str) -> Iterator[str]:
    """Names of words for a value that is not English ("saudade", "夜景", "qitudaterara", "12345"): its letters
    spelled with the NATO alphabet, its digits in words, its script, its length; all functions of the value."""
    letters = _latin_letters(value)
    digits = re.sub(r"\D", "", value)
    if letters:
        yield f"{what} spelled {' '.join(NATO[ch] for ch in letters)}"
    if digits and not letters:
        yield f"{what} {spoken_numbers(digits)}"
    script = _script(value)
    length = number_words(len(value))
    if script and name_ok(script):
        yield f"{what} in {script} script of {length} letters"
    if letters:
        yield f"{what} of {length} letters from {NATO[letters[0]]} to {NATO[letters[-1]]}"
    yield f"{what} of {length} characters"


def narrative_candidates(category: str, value: str) -> Iterator[str]:
    kind = category.replace("_", " ")
    name = narrative_name(category, spoken_numbers(value))
    if name_ok(name):
        yield name
    yield from spelled_candidates(f"{kind} word", value)


@lru_cache(maxsize=1)
def _look_words() -> frozenset[str]:
    """Words that describe how a video looks or feels: colour words (the XKCD vocabulary), light, mood and
    texture words."""
    names, _ = _vocabulary()
    colour = {word for name in names for word in name.split()}
    look = set("calm dark bright moody dreamy misty foggy hazy soft harsh warm cool cold golden neon pastel vivid "
               "muted dusty pale deep gloomy sunny rainy snowy stormy cinematic noir retro vintage gritty grainy "
               "glossy glowing shimmering sparkling serene peaceful tense eerie spooky cozy lush stark minimal "
               "abstract dramatic uplifting melancholy nostalgic vibrant faded sleek rustic ethereal surreal "
               "chaotic energetic gentle quiet loud slow fast lazy frantic smooth shaky lo-fi".split())
    return frozenset(colour | look)


def _content_stems(text: str) -> list[str]:
    """The stems `repeated_words` compares, of the content words of ``text``."""
    return [_stem(word) for word in _LETTERS.findall(text) if word.lower() not in FUNCTION_WORDS]


# --- uniqueness -------------------------------------------------------------------------------------------------


def unique_names(proposals: Mapping[str, Sequence[str] | Iterable[str] | str],
                 given: Mapping[str, str] | None = None, taken: Iterable[str] = (),
                 order: Sequence[str] | None = None) -> dict[str, str]:
    """key -> the first of its candidate names not already taken.

    ``given`` names (key -> name) are kept as they are and reserved first; ``taken`` names are reserved too. The
    other keys are taken in ``order`` (default: sorted). ValueError when a key's candidates are all taken.
    """
    names = dict(given or {})
    used = set(taken) | set(names.values())
    for key in order if order is not None else sorted(proposals):
        if key in names:
            continue
        candidates = proposals[key]
        if isinstance(candidates, str):
            candidates = [candidates]
        tried = []
        for candidate in candidates:
            if candidate not in used:
                used.add(candidate)
                names[key] = candidate
                break
            if len(tried) < 5:
                tried.append(candidate)
        else:
            raise ValueError(f"no free name for {key}: every candidate (first {tried}) is taken")
    return names
