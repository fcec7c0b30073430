"""Names for registry entries: the naming rules of motion_assets.naming applied to one registry's entries.

Candidates go from plain to more specific; the first one not taken wins. Entries are taken in a fixed order (colours
closest to their named colour first, so the plainest name goes to the truest match; everything else in key order),
so the same set of entries always gets the same names. Names already given (``given``: key -> name) are kept.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import count
from pathlib import Path

from motion_assets.keys.canonical import color_cell_key
from motion_assets.keys.color_space import all_color_cells

from motion_assets.naming import (
    NAMING_VERSION,
    color_candidates,
    color_distance,
    decimal_words,
    dynamic_candidates,
    spelled_candidates,
    NATO,
    _latin_letters,
    number_words,
    legacy_held_candidates,
    narrative_candidates,
    ordinal_words,
    value_words,
    sound_candidates,
    spoken_numbers,
    unique_names,
)
from motion_assets.naming import _content_stems
from motion_assets.naming.prompts import prompt_candidates
from motion_assets.naming.dictionary import NAME_LIMIT, name_ok, name_problems, repeated_words

__all__ = ["NAME_LIMIT", "NAMING_VERSION", "names_for"]


#: What a value of a registry is called when none of its own candidates keeps the rules (words only).
KIND_WORDS = {"static_colors": "colour", "static_sound": "sound", "dynamic_blends": "blend", "narrative": "story element",
              "linguistic": "word mapping", "interpretations": "prompt", "legacy": "older system value"}


#: How many of a value's own names are tried before it takes an ordinal.
OWN_NAMES = 64


def _candidates(registry: str, key: str, params: dict) -> Iterator[str]:
    """The value's own names, plainest first, each keeping every name rule (a name from the rules never needs
    backfill-names), without repeats; at most OWN_NAMES of them."""
    seen = set()
    for name in _all_candidates(registry, key, params):
        if name not in seen and name_ok(name):
            seen.add(name)
            yield name
            if len(seen) >= OWN_NAMES:
                return


def ordinal_name(base: str, n: int) -> str:
    """The ``n``-th holder of a name ("pov scene type, the second"), cut to fit NAME_LIMIT."""
    ordinal = ordinal_words(n)
    return f"{_cut(base, NAME_LIMIT - len(ordinal) - len(', the '))}, the {ordinal}"


def _kind_name(registry: str, key: str) -> str:
    category = key.partition("@")[0].rsplit(".", 1)[-1]
    words = category.replace("_", " ")
    kind = KIND_WORDS.get(registry, "value")
    name = f"unnamed {words} {kind}" if name_ok(words) and words not in kind else f"unnamed {kind}"
    return name


def _cut(text: str, room: int) -> str:
    """``text`` cut at a word boundary to at most ``room`` characters (no trailing comma)."""
    if len(text) <= room:
        return text
    return text[:room + 1].rsplit(" ", 1)[0].rstrip(" ,")


def _all_candidates(registry: str, key: str, params: dict) -> Iterator[str]:
    category = key.partition("@")[0]
    if registry == "static_colors":
        return _color_candidates((params["r"], params["g"], params["b"]), params["opacity"])
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


def _color_candidates(rgb: tuple[int, int, int], opacity: int) -> Iterator[str]:
    """A colour cell's own name first, the one it has in the naming of the whole colour space (so it never
    depends on which other colours a registry holds or the order they came in), then the usual candidates."""
    rgb = tuple(int(c) for c in rgb)
    own = space_color_names(int(opacity)).get(rgb)
    if own:
        yield own
    yield from color_candidates(rgb, opacity)


#: The names of the whole colour space, computed by `compute_space_color_names` and stored with the package, since
#: computing them costs seconds in every process that names a colour. `test_naming` recomputes every one and
#: compares; after a change to the naming rules, rewrite it with ``python -m motion_assets.registry.naming``.
SPACE_NAMES_FILE = Path(__file__).with_name("color_space_names.json.gz")


@lru_cache(maxsize=None)
def space_color_names(opacity: int) -> dict[tuple[int, int, int], str]:
    """rgb -> name for every cell of the colour space at one opacity (names at different opacities never meet:
    each opacity has its own phrase). Cells are named closest-to-their-named-colour first, then by key: a rule on
    the values only. Read from `SPACE_NAMES_FILE` when it was written for this naming version, else computed."""
    stored = _stored_space_names().get(int(opacity))
    return stored if stored is not None else compute_space_color_names(opacity)


@lru_cache(maxsize=1)
def _stored_space_names() -> dict[int, dict[tuple[int, int, int], str]]:
    if not SPACE_NAMES_FILE.is_file():
        return {}
    with gzip.open(SPACE_NAMES_FILE, "rt", encoding="utf-8") as handle:
        stored = json.load(handle)
    if stored.get("naming_version") != NAMING_VERSION:
        return {}
    return {int(opacity): {tuple(int(c) for c in rgb.split(",")): name for rgb, name in cells.items()}
            for opacity, cells in stored["names"].items()}


def write_space_color_names(path: Path = SPACE_NAMES_FILE) -> int:
    """Compute the names of the whole colour space and store them at ``path`` (atomically, the same bytes for the
    same names); returns how many."""
    opacities = sorted({o for _, o in all_color_cells()})
    names = {str(o): {",".join(map(str, rgb)): name for rgb, name in sorted(compute_space_color_names(o).items())}
             for o in opacities}
    body = json.dumps({"naming_version": NAMING_VERSION, "names": names}, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")
    temporary = path.with_name(f".{path.name}.tmp")
    with open(temporary, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as handle:
        handle.write(body)
    os.replace(temporary, path)
    return sum(len(cells) for cells in names.values())


def compute_space_color_names(opacity: int) -> dict[tuple[int, int, int], str]:
    """The rule `space_color_names` stores: every cell at ``opacity`` takes the first free of its checked
    candidates, closest to its named colour first, then by key."""
    cells = [rgb for rgb, o in all_color_cells() if o == opacity]
    proposals = {rgb: _checked(color_candidates(rgb, opacity)) for rgb in cells}
    order = sorted(cells, key=lambda rgb: (round(color_distance(rgb), 6), color_cell_key(rgb, opacity)))
    return unique_names(proposals, order=order)


def _checked(names: Iterator[str]) -> Iterator[str]:
    return (name for name in names if name_ok(name))


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


#: How a name says a mapping's domain where "in <domain>" would repeat a word of the mapping ("afternoon meaning
#: day in time of day").
PLACE_OF_DOMAIN = {"time of day": " by the clock"}


def _linguistic(params: dict) -> Iterator[str]:
    """"<span> meaning <sense> in <domain>" when the span is words; a span that is not (slang, typos, other
    languages: "ngl", "cndle") is spelled ("slang word spelled november golf lima for softer in mood").

    Every name carries what makes the mapping's key (span, domain, value), so two mappings never want the same name
    and the names do not depend on which mappings arrived first."""
    value = params["value"]
    negated = isinstance(value, dict) and list(value) == ["not"]
    shown = spoken_numbers(_shown(value))
    # The span as written when that is words ("birds eye", "lofi"), else in the words it stands for ("lo-fi").
    as_written = " ".join(str(params["span"]).lower().replace("_", " ").split())
    span = as_written if name_ok(as_written) else \
        spoken_numbers(value_words(str(params["span"]).replace(" ", "_")))
    variant = str(params["variant"]).replace("_", " ")
    domain = str(params.get("domain", "")).replace("_", " ")
    where = "" if not domain or domain == "other" else PLACE_OF_DOMAIN.get(domain, f" in {domain}")
    exact = _exact_shift(value)
    if name_ok(span):
        # Spellings the words of a name would merge ("lofi", "lo fi", "lo-fi") are told apart by how they are written.
        written = _written(str(params["span"]), span)
        label = f"{span} written {written}" if written else span
        span_stems = set(_content_stems(span))
        if span_stems.intersection(_content_stems(domain)):  # the span says its domain ("camera stays still")
            where = ""
        sense = spoken_numbers(_shown(value["not"] if negated else value))
        sense_stems = _content_stems(sense)
        if sense_stems and set(sense_stems) < span_stems:  # read by one of its words ("low hum" as low)
            words = span.split()
            at = [i for i, word in enumerate(words) if span_stems.intersection(_content_stems(word))
                  and set(_content_stems(word)) <= set(sense_stems)]
            which = "last" if at == [len(words) - 1] else ordinal_words(at[0] + 1) if len(at) == 1 else "own"
            yield f"{label} read by its {which} word{where}" if not negated else \
                f"{label} negated by its {which} word{where}"
        if sense_stems and set(sense_stems) == span_stems:  # the span read as itself ("dark" as dark)
            if negated:
                yield f"{label} as a negated {domain} word" if where else f"the word {label} negated"
            else:
                yield f"{label} as a {domain} word" if where else f"the word {label}"
            yield f"{label} as a {domain} {variant}" if where else f"the {variant} {label}"
        elif not span_stems.isdisjoint(sense_stems):  # "pan" read as pan left: say what it adds
            extra = " ".join(w for w in sense.split() if not span_stems.intersection(_content_stems(w)))
            yield f"{label} meaning {'not ' if negated else ''}{extra}{where}"
        yield f"{label} meaning {shown}{where}"
        if exact:
            yield f"{label} meaning {exact}{where}"
        yield f"{label} as {variant} for {shown}{where}"
    # A span that is not words: its words that are, then the rest spelled (in full, else its length and ends),
    # the most telling form first, so two spans never meet on a form that says less than they do.
    raw = str(params["span"])
    real = [word for word in span.split() if name_ok(word)]
    head = f"{' '.join(real)} {variant}" if real else f"{variant} word"
    rest = _latin_letters("".join(word for word in raw.split() if name_problems(
        spoken_numbers(value_words(word.replace(" ", "_"))))))
    if rest:
        ends = f"from {NATO[rest[0]]} to {NATO[rest[-1]]}"
        for place in (where, ""):
            yield f"{head} spelled {' '.join(NATO[ch] for ch in rest)} for {shown}{place}"
        for place in (where, ""):
            yield f"{head} of {number_words(len(rest))} letters {ends} for {shown}{place}"
        for place in (where, ""):
            yield f"{head} {ends} for {shown}{place}"
    for spelled in spelled_candidates(f"{variant} word", raw):
        yield f"{spelled} for {shown}{where}"
        if exact:
            yield f"{spelled} for {exact}{where}"
    yield f"{variant} word for {shown}{where}"
    yield f"{variant} word{where}"  # the sense itself is not in words (an unknown token)


def _written(raw: str, words: str) -> str:
    """How ``raw`` is written when its words (`value_words`) read differently ("as one word", "as two words",
    "with a hyphen"), else ""."""
    raw = " ".join(raw.lower().split())
    if raw == words:
        return ""
    if "-" in raw:
        return "with a hyphen"
    parts = len(re.split(r"[\s_]+", raw))
    return "as one word" if parts == 1 else f"as {number_words(parts)} words"


def _exact_shift(value) -> str:
    """An intensity shift with its size in words ("stronger by zero point two"), else ""."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value:
        return ""
    size = f"{abs(float(value)):.6f}".rstrip("0").rstrip(".")
    return f"{'stronger' if value > 0 else 'softer'} by {decimal_words(size)}"


def names_for(registry: str, entries: Sequence[tuple[str, dict]], given: Mapping[str, str] | None = None,
              taken: set[str] | frozenset[str] = frozenset()) -> dict[str, str]:
    """key -> name, unique across the given (key, params) entries of one registry; never fails.

    ``given`` (key -> name) are names already in use for those keys: they are kept. ``taken`` names are reserved.
    Each value takes the first of its own names that is free, values taken in a fixed order that depends on the
    values only (colours closest to their named colour first, everything else by key). A value whose own names are
    all taken takes its first name with an ordinal in words ("..., the second", "..., the third", ... without
    end), the ordinals of one name counted up in the same fixed order.
    """
    params_of = dict(entries)
    if registry == "static_colors":
        order = sorted(params_of, key=lambda k: (round(color_distance(
            (params_of[k]["r"], params_of[k]["g"], params_of[k]["b"])), 6), k))
    else:
        order = sorted(params_of)
    names = {k: v for k, v in (given or {}).items() if k in params_of}
    used = set(taken) | set(names.values())
    crowded = []
    for key in order:
        if key in names:
            continue
        first = None
        for name in _candidates(registry, key, params_of[key]):
            first = first or name
            if name not in used:
                names[key] = name
                used.add(name)
                break
        else:
            crowded.append((key, first or _kind_name(registry, key)))
    next_ordinal: dict[str, int] = {}
    for key, base in crowded:
        n = next_ordinal.get(base, 2)
        while True:
            name = ordinal_name(base, n)
            n += 1
            if name not in used and name_ok(name):
                break
        next_ordinal[base] = n
        names[key] = name
        used.add(name)
    return names


if __name__ == "__main__":
    print(f"{write_space_color_names()} colour cell names written to {SPACE_NAMES_FILE}")
