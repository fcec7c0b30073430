"""Prompt-registry names: what a person would call the video a prompt asks for, in a few real words.

A prompt is read clause by clause (commas, colons, "but"). What a clause says is *not* wanted ("no red", "anything
but gloomy", "never shaky") never gives the name a word as a wish: it is said last, as a negation ("no red", "not
gloomy"), when there is room.
The other clauses are sorted by what they say, using the interpreter's lexicon (`interpretation.lexicon`): the
subject ("a skate park at midnight"), its look and mood ("hella spooky", "electric blue vibes"), the weather, the
camera ("whip pan"), the sound ("a low hum") and the story (a genre, a style). The name puts them in the order a
person says them: look, subject, weather, then camera and sound after a comma ("spooky skate park at midnight, whip
pan, low hum"). Words that only qualify ("very", "hella", "lowkey"), slang verdicts ("is lit", "slaps"), lengths
and numbers ("a 10 second clip of", "two minutes of"), typos and gibberish are left out; articles stay only after
a preposition ("on a quiet pond").

The first name says as much of the prompt as fits in `NAME_LIMIT` characters (a shorter subject when that leaves
room for more of the other parts), so two prompts share a first name only when what fits is the same, as when they
ask for the same thing in other words ("a 10 second clip of rain" and "twenty seconds of rain"): the names of
prompts that differ in what they ask depend on the prompt alone, not on which prompts a registry saw first. Prompts
that do meet take their next names in key order within a batch; across batches the ledger keeps the name given.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import lru_cache

from motion_assets.naming import _VULGAR, _content_stems, _ONES, _TENS
from motion_assets.naming import _look_words as _all_look_words
from motion_assets.naming.dictionary import NAME_LIMIT, contradiction, is_real_word
from motion_assets.naming.dictionary import _AXIS_WORDS as AXIS_WORDS

#: Words that say a clause is about what is not wanted.
NEGATORS = frozenset("no not without avoid don't dont never nothing neither nor none zero isn't aren't "
                     "doesn't won't".split())
#: Verbs of a slang verdict: the subject ends before them ("that desert road is dope", "this market goes hard").
VERDICT_VERBS = frozenset("is are goes go hits hit slaps slap giving gives seems".split())
#: Words that mean nothing for a name ("make a video of", "vibes", "please").
FILLER = frozenset(
    "is are was were be been being am its it's this that these those there here i me my we our you your please "
    "make making made create creating show showing want need like something thing things kind sort bit lot "
    "video clip clips footage loop looping scene vibe vibes feel feeling feels look looks looking style tones tone "
    "colours colors colour color atmosphere aesthetic energy just literally honestly ngl lowkey highkey omg "
    "also maybe some any all very use using motion".split()) - VERDICT_VERBS
#: Quantities at the start of a noun phrase ("a few trains", "two cabins").
QUANTITIES = frozenset("few couple several many lots both each every single".split()) | frozenset(_ONES) | \
    frozenset(t for t in _TENS if t)
PREPOSITIONS = frozenset("of on at in over under above below by near beside behind through across along around "
                         "into onto from with while during after before against among between beyond".split())
ARTICLES = frozenset({"a", "an", "the"})
JOINERS = PREPOSITIONS | {"and"}
#: A length or duration ("a 10 second clip of", "two minutes of", "half a minute of").
_NUMBER = r"(?:\d+(?:[.,]\d+)?|" + "|".join(w for w in (*_ONES, *_TENS) if w) + r"|half a|a|an)"
LENGTH = re.compile(r"\b(?:an?\s+)?(?:" + _NUMBER + r"[\s-]+)+(?:seconds?|secs?|s|minutes?|mins?|hours?)\b"
                    r"(?:\s+long)?(?:\s+(?:clip|shot|loop|video|take))?(?:\s+of\b)?")
UNITS = re.compile(r"\d\s*-?s\b|sec|min|hour")
CLAUSE = re.compile(r"[,;:.!?()\[\]]+|\s+but\s+|\s+-+\s+")
WORD = re.compile(r"[a-z]+(?:['-][a-z]+)*")
#: Words of texture and strength that the lexicon reads as a shift of intensity, but that say how a thing looks
#: or sounds ("soft hiss of rain", "loud thunder").
TEXTURE_WORDS = frozenset("soft softly loud gentle gently faint faintly subtle quiet heavy deep pure sheer".split())
#: Words that close a clause about the look ("snow white vibes", "warm tones").
LOOK_MARKERS = frozenset("vibes vibe tones tone colours colors palette hues aesthetic".split())
#: Lexicon domains by what they say of a prompt.
CAMERA_DOMAINS = frozenset({"camera"})
SOUND_DOMAINS = frozenset({"noise", "presence", "pitch", "tempo"})
WEATHER_DOMAINS = frozenset({"weather"})
TRANSITION_DOMAINS = frozenset({"transition"})
STORY_DOMAINS = frozenset({"genre", "style", "scene_type", "theme", "plot"})
LOOK_DOMAINS = frozenset({"mood", "brightness", "saturation", "temperature", "lighting", "era", "colour", "palette"})
QUALIFIER_DOMAINS = frozenset({"intensify", "diminish", "approval"})
MOTION_DOMAINS = frozenset({"speed", "direction", "rhythm"})


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[tuple[str, ...], frozenset[str]], int]:
    """phrase (as words) -> the lexicon domains it has, and the longest phrase."""
    from motion_assets.interpretation.lexicon import LEXICON, colour_names

    phrases: dict[tuple[str, ...], set[str]] = {}
    for span, readings in LEXICON.items():
        words = tuple(WORD.findall(span.lower()))
        if words:
            phrases.setdefault(words, set()).update(domain for domain, _, _ in readings)
    from motion_assets.naming import _vocabulary

    for name in (*colour_names(), *_vocabulary()[0]):
        words = tuple(WORD.findall(name.lower()))
        if words:
            phrases.setdefault(words, set()).add("colour")
    return {words: frozenset(domains) for words, domains in phrases.items()}, max(map(len, phrases))


@lru_cache(maxsize=1)
def _look_words() -> frozenset[str]:
    """Words of how a video looks or feels (colour words, light, mood, texture), function words left out."""
    phrases, _ = _lexicon()
    qualifiers = {words[0] for words, domains in phrases.items() if len(words) == 1 and domains <= QUALIFIER_DOMAINS
                  } - TEXTURE_WORDS
    return _all_look_words() - ARTICLES - PREPOSITIONS - FILLER - qualifiers - {"and"}


@lru_cache(maxsize=1)
def _moods() -> frozenset[str]:
    """Single words the lexicon reads as a mood ("eerie", "hopeful")."""
    phrases, _ = _lexicon()
    return frozenset(" ".join(words) for words, domains in phrases.items() if "mood" in domains)


@lru_cache(maxsize=1)
def _phrase_lengths() -> dict[str, tuple[int, ...]]:
    """first word -> the lengths of the lexicon phrases it starts, longest first."""
    lengths: dict[str, set[int]] = {}
    for words in _lexicon()[0]:
        lengths.setdefault(words[0], set()).add(len(words))
    return {word: tuple(sorted(ns, reverse=True)) for word, ns in lengths.items()}


def _spans(words: list[str]) -> list[tuple[int, int, frozenset[str]]]:
    """(start, end, domains) of the lexicon phrases in ``words``, longest first, left to right."""
    phrases, _ = _lexicon()
    lengths = _phrase_lengths()
    spans, i = [], 0
    while i < len(words):
        for n in lengths.get(words[i], ()):
            domains = phrases.get(tuple(words[i:i + n])) if i + n <= len(words) else None
            if domains:
                spans.append((i, i + n, domains))
                i += n
                break
        else:
            i += 1
    return spans


def _is_qualifier(domains: frozenset[str], words: list[str]) -> bool:
    """Only an intensity or a verdict ("very", "hella", "slaps"), not a look word ("soft") or a thing."""
    return domains <= QUALIFIER_DOMAINS and not any(w in _look_words() for w in words)


class _Clause:
    """One clause of a prompt: its words (qualifiers, fillers and non-words taken out) and what it is about."""

    def __init__(self, words: list[str]):
        #: The clause says how things look ("electric blue vibes", "warm tones", "soft pastel colours").
        self.marked_look = bool(LOOK_MARKERS.intersection(words))
        self.raw = words
        spans = _spans(words)
        dropped = set()
        for start, end, domains in spans:
            if _is_qualifier(domains, words[start:end]):
                dropped.update(range(start, end))
        domain_at: dict[int, frozenset[str]] = {}
        for start, end, domains in spans:
            for i in range(start, end):
                domain_at[i] = domains
        # A filler word inside a phrase of the lexicon is part of it ("good vibes only").
        phrased = {i for start, end, _ in spans if end - start > 1 for i in range(start, end)}
        kept = [(w, domain_at.get(i, frozenset())) for i, w in enumerate(words)
                if i not in dropped and (w not in FILLER or i in phrased) and w not in _VULGAR
                and (is_real_word(w) or w in ARTICLES)]
        self.words = [w for w, _ in kept]
        self.domains = [d for _, d in kept]

    def content(self) -> list[int]:
        return [i for i, w in enumerate(self.words) if w not in ARTICLES and w not in PREPOSITIONS
                and w not in QUANTITIES and w not in VERDICT_VERBS and w != "and"]

    def kind(self, first: bool) -> str:
        content = self.content()
        if not content:
            return "empty"
        domains = [self.domains[i] for i in content]
        lead = domains[0]
        if len(domains) > 1 and not lead:  # led by a word the lexicon does not know ("baely pedestal up")
            lead = domains[1]
        if len(domains) > 1 and lead and lead <= MOTION_DOMAINS:  # "slow zoom in", "slow pan": led by the move
            lead = domains[1] or lead
        if lead & CAMERA_DOMAINS or "camera" in (self.words[i] for i in content):
            return "camera"
        if first:  # the first clause that is not the camera's names the subject ("clouds in light snow")
            return "subject"
        if self.marked_look and not PREPOSITIONS.intersection(self.words):
            return "look"
        only_looks = not PREPOSITIONS.intersection(self.words) and all(
            self.words[i] in _look_words() or d & (LOOK_DOMAINS | QUALIFIER_DOMAINS) for i, d in zip(content, domains))
        if only_looks and not any(d & SOUND_DOMAINS for d in domains):  # "epic and snow white", "muted and moody"
            return "look"
        if any(d & SOUND_DOMAINS and not d & WEATHER_DOMAINS for d in domains):
            return "sound"
        if any(d & WEATHER_DOMAINS for d in domains):
            return "weather"
        if lead & TRANSITION_DOMAINS or "shots" in self.words:
            return "transition"
        if only_looks:
            return "look"
        if all(d & (STORY_DOMAINS | LOOK_DOMAINS) for d in domains) and \
                any(d & (STORY_DOMAINS | {"mood"}) for d in domains):
            return "story"
        return "other"


def _clauses(prompt: str) -> tuple[list[list[str]], list[list[str]]]:
    """The prompt's clauses as words (lower case, lengths and numbers out, negated parts out), and the negated
    parts ("no red", "not too fast")."""
    text = prompt.lower().replace("’", "'")
    for said, meant in (("anything but", "not"), ("far from", "not"), ("don't use", "no"), ("dont use", "no"),
                        ("do not use", "no")):
        text = text.replace(said, meant)
    if UNITS.search(text):
        text = LENGTH.sub(" ", text)
    text = re.sub(r"[\w'-]*\d[\w'-]*", " ", text)  # a word with digits in it says nothing ("y2k", "dsc_ee61ae7b")
    clauses, negated = [], []
    for part in CLAUSE.split(text):
        words = WORD.findall(part)
        cut = next((i for i, w in enumerate(words) if w in NEGATORS), None)
        clauses.append(words[:cut])
        if cut is not None:
            negated.append([w for w in words[cut:] if w not in FILLER and (is_real_word(w) or w in NEGATORS)])
    return clauses, negated


def _tidy(words: list[str], consistent: bool = True) -> list[str]:
    """A phrase as a name says it: articles only after a preposition, no quantities at the head of a noun
    phrase, no function words at either end, no "and" twice in a row."""
    out: list[str] = []
    previous = ""  # the word before, kept or not ("a few trains": "few" follows an article)
    for word in _consistent(words) if consistent else words:
        before, after_article = (out[-1] if out else ""), previous in ARTICLES
        previous = word
        if word in VERDICT_VERBS:
            continue
        if word in ARTICLES and before not in PREPOSITIONS:
            continue
        if word in QUANTITIES and (not before or after_article or before in PREPOSITIONS | ARTICLES | {"and"}):
            continue
        if word in JOINERS and before in JOINERS:
            out.pop()
        if word in JOINERS and not out:
            continue
        out.append(word)
    while out and (out[-1] in JOINERS or out[-1] in ARTICLES):
        out.pop()
    return out


@lru_cache(maxsize=65536)
def _word_stems(word: str) -> tuple[str, ...]:
    return tuple(_content_stems(word))


def _consistent(words: list[str]) -> list[str]:
    """The words without a content word said twice ("purple and purple harbour" -> "purple harbour") and without
    a word that pulls against an earlier one ("dark taupe and light aquamarine" -> "dark taupe and aquamarine")."""
    out: list[str] = []
    stems: set[str] = set()
    for word in words:
        own = _word_stems(word)
        if own and (stems.intersection(own) or word in AXIS_WORDS and contradiction(" ".join([*out, word]))):
            if out and out[-1] == "and":
                out.pop()
            continue
        out.append(word)
        stems.update(own)
    return out


def _phrase(words: list[str], keep_end: bool = False, consistent: bool = True) -> str:
    """The words as a name says them; ``keep_end`` keeps a closing particle ("zoom in", "dolly in");
    ``consistent``: without repeats and contradictions (`_consistent`)."""
    tidy = _tidy(words, consistent)
    if keep_end and words and words[-1] in PREPOSITIONS and tidy and tidy[-1] != words[-1]:
        tidy.append(words[-1])
    return " ".join(tidy)


def _segments(words: list[str]) -> list[list[str]]:
    """A subject split at its prepositions: the head, then each prepositional phrase ("tree", "over snowy
    mountains", "at sunset")."""
    segments: list[list[str]] = [[]]
    for word in words:
        if word in PREPOSITIONS - {"of"} and segments[-1]:
            segments.append([])
        segments[-1].append(word)
    return [s for s in segments if s]


def prompt_parts(prompt: str) -> dict[str, list[str]]:
    """What a prompt asks for, by kind ("subject", "look", "weather", "camera", "sound", "story", "transition",
    "other"), each a list of phrases in the prompt's order."""
    parts: dict[str, list[str]] = {}
    seen_subject = False
    clauses, negated = _clauses(prompt)
    for words in negated:
        phrase = _phrase(words)
        if len(phrase.split()) > 1:
            parts.setdefault("not", []).append(phrase)
    for words in clauses:
        clause = _Clause(words)
        kind = clause.kind(first=not seen_subject)
        words = clause.words
        if kind == "camera":  # "zoom in of a lighthouse", "truck left on a wheat field": the camera, then a subject
            at = next((i for i, w in enumerate(words) if w in ("of", "on", "over") and i > 0), None)
            if at is not None and not seen_subject and any(w not in ARTICLES for w in words[at + 1:]):
                parts.setdefault("camera", []).append(_phrase(words[:at], keep_end=True))
                words, kind = words[at + 1:], "subject"
        if kind == "subject":
            verb = next((i for i, w in enumerate(words) if w in VERDICT_VERBS and i > 0), None)
            if verb is not None:  # "diner booth is giving cosy": the subject, then its look, then the verdict
                look = [w for w, d in zip(words[verb + 1:], clause.domains[verb + 1:])
                        if (w in _look_words() or d & LOOK_DOMAINS) and not d & QUALIFIER_DOMAINS]
                if look:
                    parts.setdefault("look", []).append(" ".join(look))
                said = next((i for i, w in enumerate(clause.raw) if w == words[verb]), None)
                verdict = [w for w in clause.raw[said:] if is_real_word(w) and w not in look
                           or w in VERDICT_VERBS] if said is not None else []
                if not set(verdict) <= VERDICT_VERBS:
                    parts.setdefault("verdict", []).append(" ".join(["that", *verdict]))
                words = words[:verb]
            seen_subject = True
        phrase = _phrase(words, keep_end=kind in ("camera", "weather"), consistent=kind != "subject")
        if kind == "weather" and words and words[0] in PREPOSITIONS and phrase:  # "with clouds rolling by"
            phrase = f"{words[0]} {phrase}"
        if phrase and kind != "empty":
            if kind == "look" and tuple(phrase.split()) not in _lexicon()[0]:  # "muted and moody": each on its own
                parts.setdefault(kind, []).extend(p.strip() for p in phrase.split(" and ") if p.strip())
            elif kind == "transition":  # "in two shots with a hard cut": the cut
                cuts = [w for w, d in zip(clause.words, clause.domains) if d & TRANSITION_DOMAINS]
                if cuts:
                    parts.setdefault(kind, []).append(" ".join(cuts))
            elif kind == "story" and phrase not in _moods():  # "a cinematic drama establishing shot": its kind
                kinds = [w for w, d in zip(clause.words, clause.domains) if d & {"style", "genre"}]
                parts.setdefault(kind if kinds else "other", []).append(" ".join(kinds) if kinds else phrase)
            elif kind == "other" and all(w in _look_words() for w in phrase.split()):  # "golden in the 80s"
                parts.setdefault("look", []).append(phrase)
            elif kind == "other" and _look_then_place(words):  # "sky blue on a grey afternoon"
                at = next(i for i, w in enumerate(words) if w in PREPOSITIONS)
                parts.setdefault("look", []).append(_phrase(words[:at]))
                parts.setdefault("place", []).append(" ".join(words[at:]))
            else:
                parts.setdefault(kind, []).append(phrase)
    return parts


def _look_then_place(words: list[str]) -> bool:
    """Looks, then a phrase of place or time ("teal under the stars", "olive at dusk")."""
    at = next((i for i, w in enumerate(words) if w in PREPOSITIONS), None)
    return bool(at) and all(w in _look_words() for w in words[:at]) and \
        any(w not in JOINERS and w not in ARTICLES for w in words[at + 1:])


def _without_repeats(phrase: str, stems: set[str]) -> str:
    """The phrase, or "" when it says a word the name already says."""
    own = _content_stems(phrase)
    return "" if stems.intersection(own) or len(set(own)) < len(own) else phrase


def _subject(parts: dict[str, list[str]], room: int) -> str:
    """The subject, its head first, then as many of its prepositional phrases as fit in ``room``."""
    subjects = parts.get("subject") or parts.get("other") or []
    if not subjects:
        return ""
    segments = _segments(subjects[0].split())
    head = segments[0]
    moods = list(itertools.takewhile(lambda w: w in _moods() and w in _look_words(), reversed(head)))
    if moods and len(moods) < len(head):  # "a teal drift, calm" -> "calm teal drift": the mood said first
        segments[0] = [*reversed(moods), *head[:len(head) - len(moods)]]
    if len(segments) == 1:
        return _phrase(segments[0])
    words, stems, length = [], set(), -1
    for n, segment in enumerate(segments):
        own = {stem for word in segment for stem in _word_stems(word)}
        size = len(segment) + sum(map(len, segment))
        if n and (length + size > room or not stems.isdisjoint(own) or _only_motion(segment)):
            continue
        words.extend(segment)
        stems.update(own)
        length += size
    return _phrase(words)


@lru_cache(maxsize=1)
def _colour_phrases() -> frozenset[str]:
    from motion_assets.interpretation.lexicon import colour_names
    from motion_assets.naming import _vocabulary

    return frozenset(" ".join(WORD.findall(name.lower())) for name in (*colour_names(), *_vocabulary()[0]))


def _adjective(look: str) -> bool:
    """A look said before the subject: one word ("eerie", "teal") or a colour name ("electric blue")."""
    words = look.split()
    return len(words) == 1 or look in _colour_phrases() or len(words) == 2 and all(w in _look_words() for w in words)


def _only_motion(words: list[str]) -> bool:
    """A phrase that only says how something moves ("at a steady pace"), which the camera and look say better."""
    spans = _spans(words)
    return bool(spans) and all(domains <= MOTION_DOMAINS for _, _, domains in spans) and \
        all(any(a <= i < b for a, b, _ in spans) for i, w in enumerate(words) if w not in PREPOSITIONS | ARTICLES)


def _weather(phrase: str) -> str:
    return phrase if phrase.split()[0] in PREPOSITIONS else f"in {phrase}"


def prompt_candidates(prompt: str) -> Iterator[str]:
    """A prompt's names, the first saying most (look, subject, place; then camera and sound after a comma:
    "spooky skate park at midnight, whip pan, low hum"), then shorter and other forms. Real words only, no word
    twice, nothing the prompt says it does not want.

    The first name is the one of the prompt's forms that says the most of its parts within `NAME_LIMIT` (a
    subject told in fewer words leaves room for the camera and the sound), so that two prompts that ask for
    different things rarely meet on it."""
    parts = prompt_parts(prompt)
    if not parts.get("subject") and not parts.get("other") and not parts.get("look") and not parts.get("camera") \
            and not [p for p in parts.get("story", []) if p in _moods()]:
        yield "untitled prompt"
        return
    forms = [_compose(parts, 44)]
    if forms[0][3] < _count(parts):  # something left out: a shorter subject may leave room for it
        forms += [_compose(parts, room) for room in (32, 20)]
    # The form saying the most parts; between equals, the one saying more besides the subject (a prompt's camera,
    # sound and what it does not want set it apart from its neighbours more often than one more place phrase).
    name, core, details, _ = max(forms, key=lambda form: (form[3], form[0].count(", ")))
    yield name
    yield core
    for detail in details:
        yield f"{core}, {detail}"


def _count(parts: dict[str, list[str]]) -> int:
    """How many parts a name could say at most: the subject's phrases and every other part."""
    subjects = parts.get("subject") or parts.get("other") or []
    return sum(len(v) for k, v in parts.items() if k != "subject") + (
        len(_segments(subjects[0].split())) - (not parts.get("subject")) if subjects else 0)


def _compose(parts: dict[str, list[str]], room: int) -> tuple[str, str, list[str], int]:
    """(name, core, details, how many parts the name says) with a subject of at most ``room`` characters."""
    looks = [p for p in parts.get("story", []) if p in _moods()] + parts.get("look", [])
    subject = _subject(parts, room)
    said = len(_segments(subject.split()))
    stems = set(_content_stems(subject))
    prefix: list[str] = []
    for look in looks:
        look = _without_repeats(look, stems)
        # At most two looks before the subject, counting the moods it starts with ("tense boat": one more).
        lead = 2 - sum(1 for _ in itertools.takewhile(lambda w: w in _moods(), subject.split()))
        if look and _adjective(look) and len(prefix) < lead and len(" ".join(prefix + [look]).split()) <= 3 \
                and len(" ".join([*prefix, look, subject])) <= 50 and not contradiction(" ".join([*prefix, look, subject])):
            prefix.append(look)
            stems.update(_content_stems(look))
    said += len(prefix)
    core = " ".join([*prefix, subject]).strip()
    for weather in [*parts.get("place", []), *parts.get("weather", [])][:1]:
        weather = _without_repeats(_weather(weather), stems)
        if weather and len(f"{core} {weather}") <= 50 and not contradiction(f"{core} {weather}"):
            core = f"{core} {weather}"
            stems.update(_content_stems(weather))
            said += 1
    details = []
    for kind in ("camera", "sound", "mood", "story", "look", "place", "weather", "other", "transition", "not"):
        for phrase in parts.get(kind, []) if kind != "mood" else [m for m in looks if m in _moods()]:
            if kind == "story" and phrase in _moods() or phrase in prefix:
                continue
            phrase = _without_repeats(_weather(phrase) if kind == "weather" else phrase, stems)
            if phrase:
                details.append(phrase)
                stems.update(_content_stems(phrase))
    if not core:
        core, details = details[0], details[1:]
        said += 1
    for verdict in parts.get("verdict", [])[:1]:  # "snow white candle that slaps"
        if len(f"{core} {verdict}") <= NAME_LIMIT and _without_repeats(verdict, stems):
            core = f"{core} {verdict}"
            said += 1
    if not subject and not details:
        core = f"{core} scene"
    name = core
    for detail in details:
        if len(f"{name}, {detail}") <= NAME_LIMIT:
            name = f"{name}, {detail}"
            said += detail not in parts.get("transition", ())  # a cut is said when there is room, never instead
    return name, core, details, said
