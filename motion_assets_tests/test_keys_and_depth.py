from itertools import product

import pytest

from motion_assets.keys.canonical import (
    canonical_key,
    color_cell_key,
    color_family,
    is_canonical_key,
    sound_cell_key,
    text_key,
)
from motion_assets.keys.color_space import all_color_cells, canonical_cell, channel_levels, merge_report
from motion_assets.keys.depth import color_depth, largest_remainder_percentages, reconstruct_color
from motion_assets.origins.vocabulary import COLOR_LEVELS


def test_largest_remainder_sums_to_exactly_100():
    assert largest_remainder_percentages({"a": 1, "b": 1, "c": 1}) == {"a": 34, "b": 33, "c": 33}
    assert sum(largest_remainder_percentages({"x": 0.1, "y": 0.2, "z": 0.7}).values()) == 100
    with pytest.raises(ValueError):
        largest_remainder_percentages({"a": -1, "b": 2})
    with pytest.raises(ValueError):
        largest_remainder_percentages({"a": 0})


def test_color_depth_reconstructs_every_grid_colour_within_half_a_step():
    for rgb in product(COLOR_LEVELS, repeat=3):
        depth = color_depth(rgb)
        assert sum(depth.values()) == 100
        assert all(isinstance(v, int) and v > 0 for v in depth.values())
        rebuilt = reconstruct_color(depth)
        assert max(abs(a - b) for a, b in zip(rebuilt, rgb)) <= 0.5, (rgb, depth, rebuilt)


def test_keys_are_canonical_and_versioned():
    key = color_cell_key((51, 102, 153), 50)
    assert key == "color@1:r=51;g=102;b=153;opacity=50"
    assert is_canonical_key(key)
    assert color_cell_key((255, 255, 255), 0) == color_cell_key((0, 0, 0), 0)
    assert is_canonical_key(sound_cell_key("hiss", 40))
    assert is_canonical_key(text_key("mood", "  Calm  "))
    assert not is_canonical_key("color@1:g=102;r=51;b=153;opacity=50")
    assert not is_canonical_key("100,125,150_1.0")
    with pytest.raises(ValueError):
        canonical_key("camera", {"type": "pan"})
    with pytest.raises(ValueError):
        color_cell_key((50, 100, 150), 50)
    with pytest.raises(ValueError):
        sound_cell_key("silence", 20)


def test_colour_space_merges_only_what_a_frame_cannot_show():
    assert channel_levels(0) == (0,)
    assert len(channel_levels(100)) == 11 and len(channel_levels(30)) == 11
    assert len(channel_levels(5)) < len(channel_levels(20)) < 11
    for opacity in (5, 10, 20, 25):
        levels = channel_levels(opacity)
        assert min(b - a for a, b in zip(levels, levels[1:])) * opacity / 100 >= 7
    cells = all_color_cells()
    assert len(cells) == len(set(cells)) == sum(v["cells"] for v in merge_report().values())
    assert canonical_cell((128, 128, 128), 5) == ((255, 255, 255), 5)
    assert canonical_cell((100, 0, 200), 0) == ((0, 0, 0), 0)


def test_colour_families_cover_hues_and_neutrals():
    assert color_family((255, 0, 0), 100) == "red"
    assert color_family((0, 0, 255), 100) == "blue"
    assert color_family((128, 128, 128), 100) == "neutral"
    assert color_family((0, 255, 0), 0) == "clear"
