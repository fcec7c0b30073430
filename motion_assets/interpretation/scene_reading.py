"""The scene fields of an instruction: setting, subjects, ambient beds, music genre, monochrome and shots.

Read from the prompt's tokens with the scene vocabulary of ``origins.scenes`` (words in ``interpretation.lexicon``),
longest phrase first (up to five words). Subjects are counted ("two boats", "a flock of birds", "cars" is a few)
and coloured by the colour words directly before the noun ("a bright red car"). A bed noun is a sound only where the
words around it make it one ("waves crashing", "the sound of rain", "rain sounds", "hear the birds"). Negation
comes from the reader: a match whose first token lies in a negated phrase is excluded, not listed.
Pure functions of the tokens; deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from motion_assets.interpretation.lexicon import (
    AMBIENT_BED_WORDS,
    BED_NOUNS,
    COLOUR_MODIFIERS,
    COUNT_WORDS,
    LISTEN_WORDS,
    COLOUR_FILM_WORDS,
    MONOCHROME_WORDS,
    MUSIC_GENRE_WORDS,
    ONE_SHOT_PHRASES,
    PLURALS,
    SCENE_BLOCKERS,
    SCENE_BLOCKERS_AFTER,
    SCENE_SETTING_WORDS,
    SHOT_NOUNS,
    SOUND_HEADS,
    SOUND_VERBS,
    SUBJECT_COLOUR_WORDS,
    SUBJECT_WORDS,
    NUMBER_WORDS,
    colour_names,
)

MAX_SCENE_PHRASE = 5
PUNCTUATION = frozenset({",", ".", ";", "!", "?"})
#: Words a count may be separated from its noun by ("two little red boats", "a flock of white birds").
COUNT_STOPS = PUNCTUATION | {"and", "or", "with", "in", "on", "at", "over", "under", "by", "near", "from", "to",
                             "into", "through", "across", "above", "below", "behind", "is", "are", "was", "were",
                             "while", "as", "but", "then", "like", "for", "without", "no", "not"}
GROUP_WORDS = frozenset({"couple", "pair", "flock", "school", "herd", "bunch", "group", "fleet", "lots", "dozens",
                         "few", "hundreds", "dozen"})
#: Words for a way through a place, and the open lands such a way can cross while the place stays that land.
ROUTE_WORDS = frozenset({"road", "roads", "highway", "path", "trail", "track", "lane", "route"})
OPEN_LAND = frozenset({"desert", "mountains", "hills", "forest", "snow_field", "beach"})


@dataclass(frozen=True)
class SceneMatch:
    start: int
    end: int
    text: str
    readings: tuple[tuple[str, object], ...]  # (field, value): scene_setting, subject, music_genre, ambient_bed, ...
    plural: bool = False


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, ...], tuple[tuple[str, object], ...]]:
    table: dict[tuple[str, ...], list[tuple[str, object]]] = {}
    for words, field in ((SCENE_SETTING_WORDS, "scene_setting"), (SUBJECT_WORDS, "subject"),
                         (MUSIC_GENRE_WORDS, "music_genre"), (AMBIENT_BED_WORDS, "ambient_bed")):
        for phrase, value in words.items():
            table.setdefault(tuple(phrase.split()), []).append((field, value))
    for phrase in MONOCHROME_WORDS:
        table.setdefault(tuple(phrase.split()), []).append(("monochrome", True))
    for phrase in COLOUR_FILM_WORDS:
        table.setdefault(tuple(phrase.split()), []).append(("monochrome", False))
    for phrase in ONE_SHOT_PHRASES:
        table.setdefault(tuple(phrase.split()), []).append(("shots", 1))
    return {key: tuple(dict.fromkeys(readings)) for key, readings in table.items()}


@lru_cache(maxsize=1)
def scene_single_words() -> frozenset[str]:
    """Every one-word scene phrase (typo correction may aim at them)."""
    return frozenset(key[0] for key in _table() if len(key) == 1)


@lru_cache(maxsize=16384)
def _singular(word: str) -> str | None:
    if word in PLURALS:
        return PLURALS[word]
    for suffix, replacement in (("ies", "y"), ("ves", "f"), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            stem = word[: -len(suffix)] + replacement
            if (stem,) in _table():
                return stem
    return None


@lru_cache(maxsize=16384)
def _is_plural(word: str) -> bool:
    """A listed word that is itself a plural ("people", "puppies", "stars")."""
    if word in PLURALS:
        return PLURALS[word] != word
    return word.endswith("s") and not word.endswith(("ss", "us", "is")) and _singular(word) is not None


@lru_cache(maxsize=1)
def _longest_from() -> dict[str, int]:
    longest: dict[str, int] = {}
    for key in _table():
        longest[key[0]] = max(longest.get(key[0], 0), len(key))
    return longest


def scene_matches(tokens: list[str], fixed: list[str], skip: frozenset[int] = frozenset()) -> list[SceneMatch]:
    """Longest-first matches of the scene vocabulary over the tokens (as written, then as corrected)."""
    table = _table()
    matches: list[SceneMatch] = []
    i, n = 0, len(tokens)
    while i < n:
        if i in skip or tokens[i] in PUNCTUATION:
            i += 1
            continue
        found = None
        longest = _longest_from()
        reach = max(longest.get(tokens[i], 0), longest.get(fixed[i], 0))
        if reach == 0 and _singular(tokens[i]) is None and _singular(fixed[i]) is None:
            i += 1
            continue
        for size in range(min(max(reach, 1), n - i), 0, -1):
            for words in (tokens[i : i + size], fixed[i : i + size]):
                key = tuple(words)
                plural = False
                readings = table.get(key)
                if readings is None:
                    single = _singular(key[-1])
                    if single is not None and (readings := table.get(key[:-1] + (single,))) is not None:
                        plural = True
                if readings is not None:
                    plural = plural or _is_plural(key[-1])
                    found = SceneMatch(i, i + size, " ".join(tokens[i : i + size]), readings, plural)
                    break
            if found:
                break
        if found and found.end - found.start == 1:
            word = fixed[i]
            before = tokens[i - 1] if i else ""
            after = tokens[i + 1] if i + 1 < n else ""
            if before in SCENE_BLOCKERS.get(word, ()) or after in SCENE_BLOCKERS_AFTER.get(word, ()):
                found = None
        if found:
            matches.append(found)
            i = found.end
        else:
            i += 1
    return matches


def _heard(tokens: list[str], start: int, end: int) -> bool:
    """The words around tokens[start:end] make it a sound ("waves crashing", "sound of rain", "hear the birds")."""
    after = tokens[end] if end < len(tokens) else ""
    before = tokens[start - 1] if start else ""
    if after in SOUND_HEADS or after in SOUND_VERBS or before in SOUND_VERBS:
        return True
    back = tokens[max(0, start - 3) : start]
    if "of" in back and any(t in SOUND_HEADS for t in back):
        return True  # "the sound of (the) waves"
    return any(t in LISTEN_WORDS for t in tokens[max(0, start - 4) : start])


def _colour_before(tokens: list[str], start: int) -> tuple[tuple[int, int, int] | None, int]:
    """The colour said directly before tokens[start] and where its words begin."""
    names = colour_names()
    for size in (3, 2, 1):
        first = start - size
        if first < 0:
            continue
        words = tokens[first:start]
        if words[-1] not in SUBJECT_COLOUR_WORDS:
            continue
        phrase = " ".join(words)
        if phrase in names:
            rgb = names[phrase]
            modifier = COLOUR_MODIFIERS.get(tokens[first - 1]) if first > 0 else None
            if modifier and f"{tokens[first - 1]} {phrase}" not in names:
                from motion_assets.interpretation import _modify

                rgb = _modify(rgb, modifier)
                first -= 1
            return tuple(int(c) for c in rgb), first  # type: ignore[return-value]
    return None, start


def _count_before(tokens: list[str], start: int, plural: bool) -> tuple[int, tuple[int, ...]]:
    """How many of the subject at tokens[start] the words before it ask for, and the indices of those words."""
    for j in range(start - 1, max(-1, start - 5), -1):
        word = tokens[j]
        if word == "of" and j > 0 and tokens[j - 1] in GROUP_WORDS:
            return COUNT_WORDS[tokens[j - 1]], (j - 1, j)
        if word in COUNT_STOPS or word == "of":
            break
        if word.isdigit():
            return max(1, min(int(word), 50)), (j,)
        if word in COUNT_WORDS:
            count = COUNT_WORDS[word]
            return (count if not (plural and count == 1) else 3), (j,)
        if word in NUMBER_WORDS and word not in ("half",):
            return max(1, int(NUMBER_WORDS[word])), (j,)
    return (3 if plural else 1), ()


def _shots(tokens: list[str]) -> tuple[int, str] | None:
    """(number of shots, span) when the prompt counts its shots ("three shots", "a montage of 4 scenes")."""
    for i, word in enumerate(tokens):
        amount = int(word) if word.isdigit() else NUMBER_WORDS.get(word)
        if amount is None or word in ("a", "an", "half", "few", "couple", "several") or not 1 <= amount <= 24:
            continue
        for gap in (1, 2):
            if i + gap >= len(tokens):
                break
            noun = tokens[i + gap]
            following = tokens[i + gap + 1] if i + gap + 1 < len(tokens) else ""
            if noun in SHOT_NOUNS or (noun in ("shot", "scene", "part", "cut") and following in (
                    "sequence", "montage", "edit", "video", "reel", "story")):
                if noun == "cuts":
                    return int(amount) + 1, " ".join(tokens[i : i + gap + 1])
                return int(amount), " ".join(tokens[i : i + gap + 1])
            if gap == 1 and (noun in PUNCTUATION or noun in ("second", "seconds", "minute", "minutes", "sec",
                                                               "secs", "s")):
                break
    return None


def read_scene(tokens: list[str], fixed: list[str], matches: list[SceneMatch], negated: set[int],
               skip: frozenset[int]) -> tuple[dict, list, set[int]]:
    """(scene fields, senses, token indices understood) from ``scene_matches``; ``negated`` holds negated indices."""
    senses: list[dict] = []
    settings: list[str] = []
    subjects: list[dict] = []
    beds: list[str] = []
    genres: list[str] = []
    excluded: dict[str, set] = {"scene_setting": set(), "subject": set(), "ambient_bed": set(), "music_genre": set(),
                                "monochrome": set()}
    monochrome: bool | None = None  # None: not said
    shots = None
    covered: set[int] = set()

    def sense(match: SceneMatch, field: str, value, variant: str) -> None:
        senses.append({"span": match.text, "domain": field, "value": value, "variant": variant,
                       "confidence": 0.95 if variant in ("synonym", "phrase") else 0.8})

    for match in matches:
        covered.update(range(match.start, match.end))
        is_negated = match.start in negated
        readings = list(match.readings)
        if match.end - match.start == 1 and fixed[match.start] in BED_NOUNS and not any(
                f == "ambient_bed" for f, _ in readings) and _heard(tokens, match.start, match.end):
            readings.append(("ambient_bed", BED_NOUNS[fixed[match.start]]))
        variant = "phrase" if match.end - match.start > 1 else "synonym"
        for field, value in readings:
            if is_negated:
                excluded[field if field in excluded else "monochrome"].add(value)
                sense(match, field, {"not": value}, variant)
                continue
            if field == "scene_setting":
                settings.append((match.start, match.end, str(value)))
            elif field == "subject":
                colour, first = _colour_before(tokens, match.start)
                count, at = _count_before(tokens, first, match.plural)
                covered.update(at)
                entry = {"kind": value, "count": count, "color": list(colour) if colour else None}
                same = next((s for s in subjects if s["kind"] == value and (s["color"] == entry["color"]
                                                                               or entry["color"] is None)), None)
                if same is None:
                    subjects.append(entry)
                elif at and tokens[at[0]] != "the":  # "a man and a woman": another one, not the same again
                    same["count"] += count
                elif same["color"] is None and entry["color"] is not None:
                    same["color"] = entry["color"]
            elif field == "ambient_bed":
                beds.append((match.start, str(value)))
            elif field == "music_genre":
                genres.append(str(value))
            elif field == "monochrome":
                monochrome = bool(value) if monochrome is not False else False  # asking for colour wins
            elif field == "shots":
                shots = 1
            sense(match, field, value, variant)
    # bed nouns no scene phrase took ("hear the rain", "rain sounds" where "rain" is weather)
    for i, word in enumerate(fixed):
        if i in covered or i in skip or word not in BED_NOUNS or not _heard(tokens, i, i + 1):
            continue
        match = SceneMatch(i, i + 1, tokens[i], (("ambient_bed", BED_NOUNS[word]),))
        covered.add(i)
        if i in negated:
            excluded["ambient_bed"].add(BED_NOUNS[word])
            sense(match, "ambient_bed", {"not": BED_NOUNS[word]}, "sense")
        else:
            beds.append((i, BED_NOUNS[word]))
            sense(match, "ambient_bed", BED_NOUNS[word], "sense")
    counted = _shots(tokens)
    if counted:
        shots = counted[0]
        first = tokens.index(counted[1].split()[0])
        covered.update(range(first, first + len(counted[1].split())))
        senses.append({"span": counted[1], "domain": "shots", "value": shots, "variant": "phrase",
                       "confidence": 0.9})
    # In a compound the last noun is the place ("a city street", "a mountain lake"): a setting word directly
    # before another one only qualifies it.
    starts = {start for start, _, _ in settings}
    # A road through open land is that land ("a desert road", "a road through the fields"): the road only
    # crosses it, so the land is the place.
    if any(value in OPEN_LAND for _, _, value in settings):
        settings = [(start, end, value) for start, end, value in settings
                    if not (value == "street" and tokens[start] in ROUTE_WORDS)]
        starts = {start for start, _, _ in settings}
    settings = [value for start, end, value in settings if end not in starts]
    setting = next((s for s in settings if s not in excluded["scene_setting"] and s != "sky"), None)
    if setting is None and "sky" in settings and "sky" not in excluded["scene_setting"]:
        setting = "sky"
    fields = {
        "scene_setting": setting,
        "subjects": [s for s in subjects if s["kind"] not in excluded["subject"]],
        "ambient_beds": [b for b in dict.fromkeys(b for _, b in sorted(beds)) if b not in excluded["ambient_bed"]],
        "music_genre": next((g for g in genres if g not in excluded["music_genre"]), None),
        "monochrome": (False if True in excluded["monochrome"] else monochrome),
        "shots": shots,
    }
    return fields, senses, covered
