"""The gibberish detector and the name rules, in both directions."""

from __future__ import annotations

import pytest

from motion_assets.naming.dictionary import (
    is_compound,
    is_cv_gibberish,
    is_gibberish_text,
    is_real_word,
    legacy_name_class,
    name_problems,
)


@pytest.mark.parametrize("word", ["jazz", "lighthouse", "atmosphere", "strengths", "Drifting", "brighter",
                                  "panning", "teal", "colour", "grey", "whoosh"])
def test_real_words_pass(word):
    assert is_real_word(word)


@pytest.mark.parametrize("word", ["Qitudaterara", "Lokofacixofa", "dsc_9f3a", "Novel04211", "kemovalitu",
                                  "Sivorenatu", "Sedgevet", "xqzvbt", "", "teal7"])
def test_non_words_fail(word):
    assert not is_real_word(word)


def test_gibberish_text():
    assert is_gibberish_text("Qitudaterara Lokofacixofa")
    assert is_gibberish_text("dsc_9f3a Novel04211")
    assert is_gibberish_text("   ")
    assert not is_gibberish_text("a 5 second clip of rain")
    assert not is_gibberish_text("a slow jazz drift past the lighthouse at dusk")
    assert not is_gibberish_text("kemovalitu motion over neon streets")  # one odd token among real words


def test_name_problems_both_ways():
    for good in ("pale dusty teal, half sheer", "faint high hiss", "slow leftward drift", "bird's eye view",
                 "radial dusk gradient", "cool blue"):
        assert name_problems(good) == [], good
    assert "contains digits" in name_problems("Novel04211")
    assert any("legacy category prefix" in p for p in name_problems("sound_tarn"))
    assert any("not a dictionary word" in p for p in name_problems("Qitudaterara"))
    assert any("longer than 60" in p for p in name_problems("very " * 13 + "teal"))
    assert any("(r,g,b)" in p for p in name_problems("Teal (0,128,128)"))
    assert name_problems("") == ["empty name"]


def test_legacy_name_classes():
    assert legacy_name_class("Qitudaterara") == "cv_gibberish"
    assert is_cv_gibberish("Lokofacixofa") and not is_cv_gibberish("atmosphere")
    assert legacy_name_class("sound_tarn") == "prefixed"
    assert legacy_name_class("dsc_9f3a") == "prefixed"
    assert legacy_name_class("Slate2803") == "numbered"
    assert legacy_name_class("Teal (0,128,128)") == "rgb_suffix"
    assert legacy_name_class("Heron") == "word"
    assert legacy_name_class("Stillbrook") == "compound" and is_compound("Lowtide")
    for pseudo in ("Sedgevet", "Duskine", "Heathure", "Quillow"):
        assert legacy_name_class(pseudo) == "pseudo_word", pseudo
