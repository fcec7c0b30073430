"""Is it a real English word? A word is real when people write it: its frequency in the `wordfreq` word list
(maintained, built from subtitles, news, books, web text and social media; Zipf scale, `COMMON_ZIPF`) or its entry
in Webster's Second International and the GNU Collaborative International Dictionary of English (both public
domain; shipped by the pinned `english-words` package), with regular inflections ("strengths", "drifting",
"brighter") reduced to their stems. The frequency list brings the words of the field and of today that the old
dictionaries lack ("pov", "vlog", "lo-fi", "sci-fi", "b-roll", "hip-hop", "time-lapse", "lowkey", "vibes"); letter
soup has no frequency and no entry, so it still fails.

Why this package: it is a pure-data wheel (no native code, no corpus download on first use), its two sources are
reputable public-domain dictionaries, and 235,000 + 115,000 headwords accept the ordinary vocabulary of prompts and
names ("jazz", "lighthouse", "atmosphere") while letter soup ("Qitudaterara", "Lokofacixofa"), camera file names
("dsc_9f3a") and numbered names ("Novel04211") fail.

Also here: the name rules (`name_problems`) and the classes of bad names the older system produced
(ORIGINAL_FACTS.md §1.6): category-prefixed placeholders, word-plus-digits, consonant-vowel gibberish and invented
pseudo-words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
TOKEN = re.compile(r"[A-Za-z0-9_']+")
#: (suffix, replacements): a word ending in the suffix is tried with each replacement instead.
INFLECTIONS = (("ies", ("y",)), ("ied", ("y",)), ("ier", ("y",)), ("iest", ("y",)), ("ily", ("y",)),
               ("es", ("", "e")), ("s", ("",)), ("ed", ("", "e")), ("ing", ("", "e")), ("er", ("", "e")),
               ("est", ("", "e")), ("ly", ("",)), ("'s", ("",)), ("ness", ("",)), ("ful", ("",)))


#: Zipf frequency (log10 of occurrences per billion words) from which a word counts as written English: 2.5 is
#: about three in a billion words ("vlog" 2.8, "lowkey" 2.7, "pov" 3.3; letter soup is 0). Words of three letters or
#: need SHORT_ZIPF, and shorter ones must be dictionary words: the list also counts abbreviations, file prefixes and
#: shell flags ("dsc" 2.9, "ure" 2.8, "rm", "rf").
COMMON_ZIPF = 2.5
SHORT_ZIPF = 3.0
#: Words of the field the word list spells as one token less often than the field does ("lofi" is written "lo-fi"
#: more often): accepted as they are.
FIELD_TERMS = frozenset({"lofi", "timelapse", "broll", "scifi", "hiphop", "vlogs", "bokeh", "vaporwave", "synthwave",
                         "cottagecore", "voiceover", "cutaway", "dolly", "closeup", "handheld", "montage"})


def zipf(word: str) -> float:
    """The word's frequency in English on the Zipf scale (0: never written), from the wordfreq list."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["web2", "gcide"], lower=True))


@lru_cache(maxsize=65536)
def is_real_word(word: str) -> bool:
    """True for a written English word (wordfreq frequency at least COMMON_ZIPF), a word of the field, a dictionary
    word, or a regular inflection of one (doubled consonants too: "panning"). A hyphenated compound ("lo-fi",
    "time-lapse") is real when each part is."""
    lower = word.lower()
    if "-" in lower:
        parts = lower.split("-")
        return all(parts) and all(is_real_word(part) for part in parts)
    if not WORD.fullmatch(lower):
        return False
    words = english_words()
    if lower in words or lower in FIELD_TERMS:
        return True
    if len(lower) >= 3 and zipf(lower) >= (COMMON_ZIPF if len(lower) > 3 else SHORT_ZIPF):
        return True
    for suffix, replacements in INFLECTIONS:
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 2:
            stem = lower[: -len(suffix)]
            for replacement in replacements:
                if stem + replacement in words:
                    return True
            if len(stem) >= 3 and stem[-1] == stem[-2] and stem[:-1] in words:
                return True
    return False


def is_gibberish_text(text: str) -> bool:
    """True when fewer than half the tokens of ``text`` are real words (text with no tokens is gibberish).

    A token is a run of letters, digits, underscores and apostrophes: "dsc_9f3a" and "Novel04211" are one token
    each and not words; plain numbers ("5", "1080") are neither words nor gibberish and are not counted.
    """
    tokens = [t.strip("'") for t in TOKEN.findall(text)]
    tokens = [t for t in tokens if t and not t.isdigit()]
    if not tokens:
        return True
    return sum(is_real_word(t) for t in tokens) * 2 < len(tokens)


# --- names ----------------------------------------------------------------------------------------------------

NAME_LIMIT = 60
#: Category prefixes of the older system's placeholder names (``sound_tarn``, ``theme_brinewell``, ``dsc_9f3a``).
LEGACY_PREFIXES: tuple[str, ...] = (
    "color", "sound", "motion", "time", "light", "comp", "graph", "tempo", "tech", "blend", "audio", "theme", "plot",
    "setting", "genre", "mood", "scene", "style", "grad", "cam", "trans", "depth", "dsc",
)
_PREFIXED = re.compile(r"^(" + "|".join(LEGACY_PREFIXES) + r")_(.+)$", re.IGNORECASE)
_NUMBERED = re.compile(r"^[A-Za-z]+\d+$")
_RGB_SUFFIX = re.compile(r"\(\s*\d+\s*,\s*\d+\s*,\s*\d+\s*\)\s*$")
_CV = re.compile(r"^(?:[bcdfghjklmnpqrstvwxyz][aeiou]){4,}$")
#: Three-letter words common enough to stand as one half of an English compound ("lowtide", "glassfen"). The
#: dictionaries also hold archaic three-letter entries ("ure", "dal", "ree") that the older name generator's invented
#: endings happen to hit, so a three-letter half must be one of these.
COMPOUND_SHORT_WORDS = frozenset(
    "air arm ash bay bed bee big bog box bud cap car cat cow cup day den dew dog dry dun dye ear elm end eye fan far "
    "fen fig fin fir fly fog fox fur gap gem hay hen hip hot hut ice ink ivy jar jaw jet key kid kin lap law leg lid "
    "log low map mat mud net nut oak oar oat oil old orb owl pan paw pea pen pie pig pin pit pod pot ray red rib rim "
    "rod row rug rye sap saw sea shy sky sod sow spy sun tan tar tea tin toe top toy tub wax way web wet yew".split()
)


def is_cv_gibberish(word: str) -> bool:
    """Consonant-vowel letter soup ("Qitudaterara"): 8+ letters made only of consonant + vowel pairs (y a consonant)."""
    lower = word.lower()
    return len(lower) >= 8 and bool(_CV.match(lower))


@lru_cache(maxsize=1)
def _core_words() -> frozenset[str]:
    """GCIDE headwords: the stricter of the two dictionaries (Webster's 2nd also lists rare forms such as "hure")."""
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["gcide"], lower=True))


def is_compound(word: str) -> bool:
    """Two GCIDE words run together ("Stillbrook", "Lowtide"), each half 4+ letters or a common 3-letter word."""
    lower = word.lower()
    if not lower.isalpha():
        return False
    for cut in range(3, len(lower) - 2):
        head, tail = lower[:cut], lower[cut:]
        if all((len(part) >= 4 or part in COMPOUND_SHORT_WORDS) and part in _core_words() for part in (head, tail)):
            return True
    return False


def legacy_name_class(name: str) -> str:
    """The family of an older-system name: prefixed, numbered, rgb_suffix, cv_gibberish, pseudo_word, compound or word."""
    text = name.strip()
    if _PREFIXED.match(text):
        return "prefixed"
    if _NUMBERED.match(text):
        return "numbered"
    if _RGB_SUFFIX.search(text):
        return "rgb_suffix"
    if is_cv_gibberish(text):
        return "cv_gibberish"
    words = WORD.findall(text)
    if words and all(is_real_word(w) for w in words):
        return "word"
    if words and all(is_real_word(w) or is_compound(w) for w in words):
        return "compound"
    return "pseudo_word"


def is_prefixed(name: str) -> bool:
    return bool(_PREFIXED.match(name.strip()))


def is_numbered(name: str) -> bool:
    return bool(_NUMBERED.match(name.strip()))


_PLAIN = re.compile(r"[a-z]+(?:'[a-z]+)?(?:-[a-z]+)*(?:,? [a-z]+(?:'[a-z]+)?(?:-[a-z]+)*)*")


@lru_cache(maxsize=65536)
def _word_ok(word: str) -> bool:
    word = word.strip("'")
    return not word or is_real_word(word)


@lru_cache(maxsize=65536)
def _pair_ok(a: str, b: str) -> bool:
    return not repeated_words(f"{a} {b}") and not contradiction(f"{a} {b}")


def _repeats_or_clashes(text: str) -> bool:
    return bool(repeated_words(text)) or contradiction(text) is not None


@lru_cache(maxsize=1)
def rules_fingerprint() -> str:
    """What decides `name_problems`: this module's source and the versions of the word lists it reads. A verdict
    stored under one fingerprint is the verdict the rules give while the fingerprint is unchanged."""
    import hashlib
    from importlib.metadata import version
    from pathlib import Path

    digest = hashlib.sha256(Path(__file__).read_bytes())
    for package in ("wordfreq", "english-words"):
        digest.update(f"{package}=={version(package)}".encode())
    return digest.hexdigest()[:16]


def name_problems(name: str) -> list[str]:
    """Every rule ``name`` breaks (empty list: a good name; a new list each call).

    Remembered per process (the rules are fixed while it runs): a registry run judges a name when it proposes it
    and again when it checks every new name, and a naming pass tries the same candidates for many values.
    """
    return list(_judged(name or ""))


def name_ok(name: str) -> bool:
    """Whether ``name`` keeps every rule: `name_problems` is empty. Stops at the first rule broken, since naming
    tries many candidates that break one (a value's plainest candidates are often taken or not words)."""
    return _ok(name or "")


@lru_cache(maxsize=1 << 17)
def _judged(name: str) -> tuple[str, ...]:
    return tuple(_name_problems(name))


@lru_cache(maxsize=1 << 18)
def _ok(name: str) -> bool:
    return next(_name_problems(name), None) is None


_DIGIT = re.compile(r"\d")
_STRAY = re.compile(r"[^A-Za-z0-9_',\- ]")
_TOKEN_BREAKS = re.compile(r"[\s,_\-]+")


def _name_problems(name: str) -> Iterator[str]:
    """Every rule ``name`` breaks, cheapest checks first (none: a good name).

    A good name is lower-case-insensitive real English words separated by spaces, commas, hyphens or apostrophes,
    at most NAME_LIMIT characters, with no digits, no underscores, no legacy category prefix, no ``(r,g,b)``
    suffix and no gibberish word.
    """
    text = name or ""
    if not text.strip():
        yield "empty name"
        return
    if len(text) <= NAME_LIMIT and _PLAIN.fullmatch(text):  # the common case, checked word by word
        words = text.replace(",", "").replace("-", " ").split(" ")
        if all(_word_ok(w) for w in words):
            stems = [_stem(w) for w in words if w not in FUNCTION_WORDS]
            if len(set(stems)) == len(stems) and (_AXIS_WORDS.isdisjoint(words) or contradiction(text) is None):
                return
    if text != text.strip() or "  " in text:
        yield "stray whitespace"
    if len(text) > NAME_LIMIT:
        yield f"longer than {NAME_LIMIT} characters ({len(text)})"
    if _PREFIXED.match(text.strip()):
        yield f"legacy category prefix {text.split('_', 1)[0]!r}"
    if _DIGIT.search(text):
        yield "contains digits"
    if _RGB_SUFFIX.search(text):
        yield "(r,g,b) disambiguation suffix"
    if "_" in text:
        yield "contains underscores"
    stray = _STRAY.findall(text)
    if stray:
        yield f"characters outside words: {''.join(sorted(set(stray)))!r}"
    for token in _TOKEN_BREAKS.split(text):
        token = token.strip("'")
        if token and not _DIGIT.search(token) and not is_real_word(token):
            yield f"not a dictionary word: {token!r}"
    repeated = repeated_words(text)
    if repeated:
        yield f"repeats {', '.join(repr(w) for w in repeated)}"
    clash = contradiction(text)
    if clash:
        yield f"contradicts itself ({clash[0]!r} and {clash[1]!r})"


#: Words a name may repeat: they carry no meaning of their own ("the second of the greens").
FUNCTION_WORDS = frozenset(
    "a an the of and or in on at to for with by as from into over under than point zero one two three four five six "
    "seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty "
    "forty fifty sixty seventy eighty ninety hundred thousand million billion trillion percent".split())
_LETTERS = re.compile(r"[A-Za-z']+")
#: Opposite words on one axis (lightness, then colourfulness); a name holding words of both sides of an axis
#: contradicts itself ("darker bright light blue", "lighter dark indigo", "dusty vivid red"), while words of
#: different axes combine ("pale dusty teal"). "bright" is said of both.
OPPOSITES = (
    (frozenset({"light", "lighter", "lightest", "pale", "paler", "palest", "bright", "brighter", "brightest"}),
     frozenset({"dark", "darker", "darkest", "deep", "deeper", "deepest", "dim", "dimmer"})),
    (frozenset({"vivid", "bright", "brighter", "brightest", "neon", "vibrant"}),
     frozenset({"dusty", "dull", "duller", "dullest", "muted", "faded"})),
)
_AXIS_WORDS = frozenset().union(*(side for pair in OPPOSITES for side in pair))
#: A name's parts that describe different things ("tilt meaning tilt": a span and its sense, "dark leaning light"):
#: words on both sides of these are not compared for contradictions.
CLAUSE_BREAKS = re.compile(r"\b(?:meaning|leaning|for|as)\b|,")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    word = word.lower().strip("'").removesuffix("'s")
    for suffix in ("ies", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def repeated_words(name: str) -> list[str]:
    """Content words a name says twice, inflections counted as one ("robins egg leaning robin egg blue", "dark
    meaning dark", "motion motion green")."""
    seen: dict[str, str] = {}
    repeated = []
    for word in _LETTERS.findall(name):
        if word.lower() in FUNCTION_WORDS:
            continue
        stem = _stem(word)
        if stem in seen and word not in repeated:
            repeated.append(word.lower())
        seen[stem] = word
    return repeated


def contradiction(name: str) -> tuple[str, str] | None:
    """Two words of one clause that pull opposite ways ("darker" and "bright"), or None."""
    if not _AXIS_WORDS.intersection(re.findall(r"[a-z]+", name.lower())):
        return None
    for clause in CLAUSE_BREAKS.split(name.lower()):
        words = set(re.findall(r"[a-z]+", clause))
        for one_way, other_way in OPPOSITES:
            up, down = sorted(words & one_way), sorted(words & other_way)
            if up and down:
                return down[0], up[0]
    return None
