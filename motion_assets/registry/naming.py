"""Names for registry entries: the naming rules of motion_assets.naming applied to one registry's entries.

Candidates go from plain to more specific; the first one not taken wins. Entries are taken in a fixed order (colours
closest to their named colour first, so the plainest name goes to the truest match; everything else in key order),
so the same set of entries always gets the same names. Names already given (``given``: key -> name) are kept.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from itertools import count

from motion_assets.naming import (
    NAMING_VERSION,
    color_candidates,
    color_distance,
    dynamic_candidates,
    legacy_held_candidates,
    narrative_candidates,
    ORDINALS,
    ordinal_words,
    value_words,
    prompt_candidates,
    sound_candidates,
    spoken_numbers,
    unique_names,
)
from motion_assets.naming.dictionary import NAME_LIMIT, name_problems

__all__ = ["NAME_LIMIT", "NAMING_VERSION", "names_for"]


#: What a value of a registry is called when none of its own candidates keeps the rules (words only).
KIND_WORDS = {"static_colors": "colour", "static_sound": "sound", "dynamic_blends": "blend", "narrative": "story element",
              "linguistic": "word mapping", "interpretations": "prompt", "legacy": "older system value"}


def _candidates(registry: str, key: str, params: dict) -> Iterator[str]:
    """Every name the value may take, plainest first, all keeping every name rule (a name from the rules never
    needs backfill-names), and never running out: after the value's own names come ordinals in words ("pov scene
    type, the second", "..., the third", ... without end), so a value is always named."""
    seen = set()
    first = None
    for name in _all_candidates(registry, key, params):
        if name not in seen and not name_problems(name):
            seen.add(name)
            first = first or name
            yield name
    base = first or _kind_name(registry, key)
    for n in count(2):
        ordinal = ordinal_words(n)
        room = NAME_LIMIT - len(ordinal) - len(", the ")
        name = f"{_cut(base, room)}, the {ordinal}"
        if name not in seen and not name_problems(name):
            yield name


def _kind_name(registry: str, key: str) -> str:
    category = key.partition("@")[0].rsplit(".", 1)[-1]
    words = category.replace("_", " ")
    kind = KIND_WORDS.get(registry, "value")
    name = f"unnamed {words} {kind}" if not name_problems(words) and words not in kind else f"unnamed {kind}"
    return name


def _cut(text: str, room: int) -> str:
    """``text`` cut at a word boundary to at most ``room`` characters (no trailing comma)."""
    if len(text) <= room:
        return text
    return text[:room + 1].rsplit(" ", 1)[0].rstrip(" ,")


def _all_candidates(registry: str, key: str, params: dict) -> Iterator[str]:
    category = key.partition("@")[0]
    if registry == "static_colors":
        return color_candidates((params["r"], params["g"], params["b"]), params["opacity"])
    if registry == "static_sound":
        return sound_candidates(params["noise"], params["strength"])
    if registry == "dynamic_blends":
        return dynamic_candidates(params.get("legacy", category), params)
    if registry == "narrative":
        return narrative_candidates(category, params["value"])
    if registry == "linguistic":
        return _linguistic(params)
    if registry == "interpretations":
        return prompt_candidates(params["prompt"])
    if registry == "legacy":
        return legacy_held_candidates(params)
    raise ValueError(f"unknown registry {registry!r}")


def _shown(value) -> str:
    """A sense's value in words: intensity shifts as stronger/softer, negations as "not ..."."""
    if isinstance(value, bool) or value is None:
        return "unset" if value is None else ("yes" if value else "no")
    if isinstance(value, (int, float)):
        return "stronger" if value > 0 else "softer" if value < 0 else "even"
    if isinstance(value, dict):
        return " ".join(f"{key} {_shown(inner)}" if key != "not" else f"not {_shown(inner)}"
                        for key, inner in value.items())
    if isinstance(value, list):
        return " ".join(_shown(v) for v in value)
    return value_words(str(value).replace(" ", "_"))


def _linguistic(params: dict) -> Iterator[str]:
    """"<span> meaning <sense>" when the span is dictionary words; slang and typos ("lowkey", "vibes") are named by
    what they are ("slang word for softer"), since a name must be real words."""
    shown = spoken_numbers(_shown(params["value"]))
    span = spoken_numbers(value_words(str(params["span"]).replace(" ", "_")))
    variant = str(params["variant"]).replace("_", " ")
    domain = str(params.get("domain", "")).replace("_", " ")
    if not name_problems(span):
        yield f"{span} meaning {shown}"
        yield f"{span} as {variant} for {shown}"
        yield f"{span} meaning {shown} for {domain}"
    yield f"{variant} word for {shown}"
    yield f"{variant} word for {shown} in {domain}"
    for ordinal in ORDINALS:
        yield f"{ordinal} {variant} word for {shown} in {domain}"
    yield f"{variant} word in {domain}"  # the sense itself is not in words (an unknown token)
    for ordinal in ORDINALS:
        yield f"{ordinal} {variant} word in {domain}"


def names_for(registry: str, entries: Sequence[tuple[str, dict]], given: Mapping[str, str] | None = None,
              taken: set[str] | frozenset[str] = frozenset()) -> dict[str, str]:
    """key -> name, unique across the given (key, params) entries of one registry.

    ``given`` (key -> name) are names already in use for those keys: they are kept. ``taken`` names are reserved.
    """
    params_of = dict(entries)
    proposals = {key: _candidates(registry, key, params) for key, params in entries}
    if registry == "static_colors":
        order = sorted(params_of, key=lambda k: (round(color_distance(
            (params_of[k]["r"], params_of[k]["g"], params_of[k]["b"])), 6), k))
    else:
        order = sorted(params_of)
    given = {k: v for k, v in (given or {}).items() if k in params_of}
    return unique_names(proposals, given=given, taken=taken, order=order)
