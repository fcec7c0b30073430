"""Is it a real English word? Judged against Webster's Second International and the GNU Collaborative
International Dictionary of English (both public domain; shipped by the pinned `english-words` package), with
regular inflections ("strengths", "drifting", "brighter") reduced to their stems.
"""

from __future__ import annotations

import re
from functools import lru_cache

WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
#: (suffix, replacements): a word ending in the suffix is tried with each replacement instead.
INFLECTIONS = (("ies", ("y",)), ("ied", ("y",)), ("ier", ("y",)), ("iest", ("y",)), ("ily", ("y",)),
               ("es", ("", "e")), ("s", ("",)), ("ed", ("", "e")), ("ing", ("", "e")), ("er", ("", "e")),
               ("est", ("", "e")), ("ly", ("",)), ("'s", ("",)), ("ness", ("",)), ("ful", ("",)))


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["web2", "gcide"], lower=True))


@lru_cache(maxsize=65536)
def is_real_word(word: str) -> bool:
    """True for a dictionary word or a regular inflection of one (doubled consonants too: "panning")."""
    lower = word.lower()
    if not WORD.fullmatch(lower):
        return False
    words = english_words()
    if lower in words:
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
    """True when fewer than half the words of ``text`` are real words (text with no words is gibberish)."""
    words = WORD.findall(text)
    if not words:
        return True
    return sum(is_real_word(w) for w in words) * 2 < len(words)
