"""Names for registry entries: the naming rules of motion_assets.naming applied to one registry's entries.

Candidates go from plain to more specific; the first one not taken wins. Entries are taken in a fixed order (colours
closest to their named colour first, so the plainest name goes to the truest match; everything else in key order),
so the same set of entries always gets the same names. Names already given (``given``: key -> name) are kept.
"""

from __future__ import annotations

import gzip
import json
import os
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
from motion_assets.naming.dictionary import NAME_LIMIT, name_problems, repeated_words

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
        if name not in seen and not name_problems(name):
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
    return (name for name in names if not name_problems(name))


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
        if repeated_words(f"{span} {shown}"):  # an identity mapping ("dark" read as dark)
            yield f"{span} as a {domain} word"
            yield f"{span} as a {domain} {variant}"
        yield f"{span} meaning {shown}"
        yield f"{span} meaning {shown} in {domain}"
        yield f"{span} as {variant} for {shown}"
    yield f"{variant} word for {shown}"
    yield f"{variant} word for {shown} in {domain}"
    for ordinal in ORDINALS:
        yield f"{ordinal} {variant} word for {shown} in {domain}"
    yield f"{variant} word in {domain}"  # the sense itself is not in words (an unknown token)
    for ordinal in ORDINALS:
        yield f"{ordinal} {variant} word in {domain}"


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
            if name not in used and not name_problems(name):
                break
        next_ordinal[base] = n
        names[key] = name
        used.add(name)
    return names


if __name__ == "__main__":
    print(f"{write_space_color_names()} colour cell names written to {SPACE_NAMES_FILE}")
