"""Naming rules: real words that say what the value is, unique within a registry, deterministic, stable, short."""

from __future__ import annotations

import random

import pytest

from motion_assets.keys.canonical import canonical_key, color_cell_key, sound_cell_key
from motion_assets.keys.color_space import all_color_cells
from motion_assets.naming import NAMING_VERSION, color_name, number_words, sound_name, unique_names
from motion_assets.naming.dictionary import NAME_LIMIT, name_problems
from motion_assets.origins.vocabulary import NOISES, STRENGTH_LEVELS_PCT
from motion_assets.registry.naming import names_for


def _color_entries(cells):
    return [(color_cell_key(rgb, o), {"r": rgb[0], "g": rgb[1], "b": rgb[2], "opacity": o}) for rgb, o in cells]


@pytest.fixture(scope="module")
def ten_thousand():
    cells = list(all_color_cells())
    return _color_entries(random.Random(20260304).sample(cells, 10_000))


def test_ten_thousand_random_colours_as_one_registry(ten_thousand):
    names = names_for("static_colors", ten_thousand)
    assert len(names) == 10_000
    assert len(set(names.values())) == 10_000  # unique
    assert max(len(n) for n in names.values()) <= NAME_LIMIT
    bad = {k: (n, name_problems(n)) for k, n in names.items() if name_problems(n)}
    assert not bad, list(bad.items())[:5]  # every word a dictionary word; no digits, prefixes, underscores
    assert names_for("static_colors", ten_thousand) == names  # deterministic
    assert names_for("static_colors", list(reversed(ten_thousand))) == names  # order of the input does not matter


def test_whole_colour_space_is_nameable():
    names = names_for("static_colors", _color_entries(all_color_cells()))
    assert len(set(names.values())) == len(names) == 20_686


def test_given_names_are_kept_and_collisions_use_words(ten_thousand):
    first = dict(ten_thousand[:500])
    names = names_for("static_colors", list(first.items()))
    grown = names_for("static_colors", ten_thousand[:1000], given=names)
    assert all(grown[k] == v for k, v in names.items())  # stable: a name once given does not move
    assert len(set(grown.values())) == 1000
    assert any(" leaning " in n for n in grown.values())  # a more specific qualifier, in words


def test_colour_names_say_what_the_colour_is():
    assert color_name((0, 0, 0), 100) == "black"
    assert color_name((255, 255, 255), 100) == "white"
    assert color_name((0, 0, 0), 0) == "fully clear"
    assert color_name((0, 128, 128), 50).endswith(", half sheer")
    assert color_name((0, 128, 128), 100) == "dark cyan"  # XKCD's "teal" is 2,147,134
    assert color_name((76, 128, 178), 100) != color_name((76, 128, 178), 95)


def test_sound_dynamic_narrative_names():
    assert sound_name("hiss", 20) == "faint high hiss"
    assert sound_name("rumble", 100) == "loud low rumble"
    assert sound_name("silence", 0) == "silence"
    entries = [(sound_cell_key(n, s), {"noise": n, "strength": s}) for n in NOISES if n != "silence"
               for s in STRENGTH_LEVELS_PCT] + [(sound_cell_key("silence", 0), {"noise": "silence", "strength": 0})]
    names = names_for("static_sound", entries)
    assert len(set(names.values())) == len(entries) == 46
    assert all(not name_problems(n) for n in names.values())
    motion = {"speed": "slow", "rhythm": "steady", "direction": "left"}
    gradient = {"type": "radial", "strength": "soft"}
    dynamic = names_for("dynamic_blends", [(canonical_key("motion", motion), motion),
                                           (canonical_key("gradient", gradient), gradient)])
    assert sorted(dynamic.values()) == ["slow steady leftward drift", "soft radial gradient"]
    assert names_for("narrative", [("genre@1:documentary", {"value": "documentary"})]) == {
        "genre@1:documentary": "documentary genre"}


def test_legacy_dynamic_names_are_words_and_unique():
    params = [{"legacy": "motion", "level": level, "trend": "steady", "direction": "horizontal", "rhythm": "steady"}
              for level in ("3.3", "3.4", "3.8")]
    names = names_for("dynamic_blends", [(f"legacy.motion@1:{p['level']}_steady_horizontal_steady", p) for p in params])
    assert len(set(names.values())) == 3
    assert all(not name_problems(n) for n in names.values()), names
    assert "constant even sideways change at three point four" in names.values()


def test_interpretation_names_drop_gibberish_and_digits():
    names = names_for("interpretations", [("kemovalitu motion over neon streets", {"prompt": "kemovalitu motion over neon streets"}),
                                          ("a 5-second clip of rain", {"prompt": "a 5-second clip of rain"})])
    assert names["kemovalitu motion over neon streets"] == "motion over neon streets"
    assert not any(ch.isdigit() for ch in names["a 5-second clip of rain"])


def test_unique_names_fails_loudly_and_words_for_numbers():
    with pytest.raises(ValueError, match="no free name"):
        unique_names({"a": ["x"], "b": ["x"]})
    assert number_words(255) == "two hundred fifty five"
    assert NAMING_VERSION >= 2
