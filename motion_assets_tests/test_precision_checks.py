"""The precision scores catch what they must: a missing, an extra or a wrong value fails them."""

from __future__ import annotations

import json
from dataclasses import replace

from motion_assets.loop.jobs import Measurements, measure_media, render_audio
from motion_assets.rendering.frames import render_frames
from motion_assets.verification.precision import (
    discovery_problems,
    dynamic_mismatches,
    static_color_score,
    static_sound_score,
)
from motion_assets_tests.conftest import make_spec


def test_exact_round_trip_scores_100_percent_and_corruption_is_named():
    spec = make_spec(seed=21, sweep_index=5)
    measured = measure_media(render_frames(spec), render_audio(spec), spec.fps)
    colours = static_color_score(spec, measured)
    assert colours.exact and colours.precision == colours.recall == 1.0

    cells = [list(frame) for frame in measured.color_cells]
    cells[3][7] = ((255, 255, 255), 100) if cells[3][7] != ((255, 255, 255), 100) else ((0, 0, 0), 100)
    corrupted = replace(measured, color_cells=cells)
    score = static_color_score(spec, corrupted)
    assert not score.exact and score.precision < 1.0 and score.recall < 1.0
    assert "job=test-21 frame=3" in score.mismatches[0]

    sounds = list(measured.sound_cells)
    sounds[0] = ("silence", 0) if sounds[0] != ("silence", 0) else ("hiss", 100)
    assert not static_sound_score(spec, replace(measured, sound_cells=sounds)).exact


def test_dynamic_mismatch_names_the_category_and_values():
    spec = make_spec(seed=22, lighting="noir", explicit=["lighting"])
    measured = measure_media(render_frames(spec), render_audio(spec), spec.fps)
    wrong = Measurements(measured.color_cells, measured.sound_cells, "neon", measured.window)
    problems = dynamic_mismatches(spec, wrong)
    assert "lighting" in problems and "noir" in problems["lighting"] and "neon" in problems["lighting"]


def test_discovery_problems_find_bad_keys_and_depths():
    row = {"job_id": "j", "frame": 0, "registry": "static_colors", "key": "color@1:r=51;g=102;b=153;opacity=100",
           "params": json.dumps({"r": 51, "g": 102, "b": 153, "opacity": 100}), "depth": json.dumps({"black": 100})}
    problems = discovery_problems([row, dict(row, key="51,102,153_1.0", depth=json.dumps({"black": 99}))])
    assert any("misses the colour" in p for p in problems)
    assert any("non-canonical key" in p for p in problems)
    assert any("sums to 99" in p for p in problems)


def test_colour_rows_carry_the_same_params_json_as_json_dumps():
    import json

    from motion_assets.loop.jobs import _color_cell_fields

    for rgb, opacity in (((0, 0, 0), 0), ((51, 204, 102), 40), ((255, 255, 255), 100)):
        expected = json.dumps({"r": rgb[0], "g": rgb[1], "b": rgb[2], "opacity": opacity}, sort_keys=True)
        assert _color_cell_fields(rgb, opacity)[2] == expected
