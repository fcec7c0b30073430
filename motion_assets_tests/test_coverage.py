"""Completeness: the defined spaces, the sweeps that fill them, and the coverage figures the UI and report show."""

from __future__ import annotations

import json

from dagster import materialize

from motion_assets.coverage.measure import stagnant_categories
from motion_assets.coverage.spaces import (
    dynamic_space,
    narrative_pair_space,
    narrative_space,
    registry_space,
    static_color_space,
    static_sound_space,
)
from motion_assets.creation.build import RenderSettings
from motion_assets.keys.canonical import REGISTRY_CATEGORIES, color_cell_key, is_canonical_key, sound_cell_key
from motion_assets.loop.batches import plan_batch
from motion_assets.loop.jobs import make_spec
from motion_assets.registry.report import registry_report
from motion_assets.storage.tables import TableStore
from motion_assets_tests.test_dagster_loop import grow, run_batch


def test_spaces_are_complete_canonical_and_sized():
    assert sum(len(k) for k in static_color_space().values()) == 20686
    assert sum(len(k) for k in static_sound_space().values()) == 46
    sizes = {category: len(keys) for category, keys in dynamic_space().items()}
    assert sizes == {"motion": 73, "gradient": 12, "camera": 46, "lighting": 6, "composition": 5, "transition": 7,
                     "sound": 31}
    assert sum(len(k) for k in narrative_space().values()) == 63
    assert len(narrative_pair_space()) == 21 and sum(len(p) for p in narrative_pair_space().values()) == 1657
    for registry in ("static_colors", "static_sound", "dynamic_blends", "narrative"):
        space = registry_space(registry)
        assert set(space) == set(REGISTRY_CATEGORIES[registry])
        assert all(is_canonical_key(key) for keys in space.values() for key in keys)
    assert registry_space("linguistic") is None and registry_space("interpretations") is None


def specs_of(workflow: str, batches: int, videos: int = 2):
    specs = []
    for number in range(1, batches + 1):
        for job in plan_batch(f"{workflow}-{number:06d}", videos):
            specs.append(make_spec(job, {"palette": [{"rgb": [90, 90, 140]}]}, None, RenderSettings()))
    return specs


def test_four_explorer_batches_hold_every_colour_cell_and_two_sound_batches_every_sound_cell():
    colours = {color_cell_key((r, g, b), o) for spec in specs_of("explorer", 4)
               for frame in spec.color_cells for r, g, b, o in frame}
    assert colours == set().union(*static_color_space().values())
    sounds = {sound_cell_key(n, s) for spec in specs_of("sound", 2) for n, s in spec.sound_cells}
    assert sounds == set().union(*static_sound_space().values())


def test_stagnation_is_named_only_while_cells_are_missing():
    growing = [{"category": "camera", "loop_batches": b, "covered": b, "total": 46, "entries": b} for b in range(6)]
    stuck = [{"category": "gradient", "loop_batches": b, "covered": 3, "total": 12, "entries": 3} for b in range(6)]
    full = [{"category": "lighting", "loop_batches": b, "covered": 6, "total": 6, "entries": 6} for b in range(6)]
    assert stagnant_categories(growing + stuck + full) == ["gradient"]
    assert stagnant_categories(stuck[:3]) == []  # too little history to say


def test_a_loop_batch_reports_its_coverage_in_checks_and_the_report(instance, data_dir):
    from motion_assets.defs.registry_assets import COVERAGE_CHECKS, REGISTRY_ASSETS
    from motion_assets.defs.resources import MotionStore

    run_batch(instance, data_dir, "sound-000001")
    grow(instance, data_dir)
    sound = next(a for a in REGISTRY_ASSETS if a.key.path[-1] == "static_sound")
    checks = [c for c in COVERAGE_CHECKS if any(k.asset_key.path[-1] == "static_sound" for k in c.check_keys)]
    result = materialize([sound, *checks], instance=instance, resources={"motion_store": MotionStore(data_dir=str(
        data_dir))}, tags={"dagster/asset_partition_range_start": "silence",
                           "dagster/asset_partition_range_end": "drip"})
    evaluations = {e.check_name: e for e in result.get_asset_check_evaluations()}
    coverage = evaluations["static_sound_coverage"]
    assert coverage.metadata["total"].value == 46 and coverage.metadata["covered"].value == 46  # 2 sweeping videos
    assert coverage.passed
    report = registry_report(TableStore(data_dir))
    assert report["registries"]["static_sound"]["coverage_pct"] == 100.0
    assert report["registries"]["static_colors"]["categories"]["red"]["total"] == len(static_color_space()["red"])
    assert "covered" not in report["registries"]["linguistic"]["categories"]["mood"]
    json.dumps(report)


def test_every_explorer_prompt_reads_back_as_its_sweep_cell():
    import numpy as np

    from motion_assets.coverage.sweeps import dynamic_cells, explorer_cell
    from motion_assets.creation.prompts import describe_cell
    from motion_assets.interpretation import interpret

    rng = np.random.default_rng(0)
    for index in range(2 * max(len(c) for c in dynamic_cells().values())):
        cell = explorer_cell(index)
        read = interpret(describe_cell(cell, rng)).to_dict()
        assert (read["motion"]["speed"], read["motion"]["rhythm"], read["motion"]["direction"]) == cell["motion"]
        assert (read["camera"], read["lighting"], read["transition"]) == (
            cell["camera"][0], cell["lighting"][0], cell["transition"][0])


def test_every_explorer_video_realises_its_sound_blend():
    from motion_assets.coverage.sweeps import explorer_cell
    from motion_assets.interpretation import interpret
    from motion_assets.loop.jobs import sound_blend

    for number in range(1, 17):
        for job in plan_batch(f"explorer-{number:06d}", 2):
            spec = make_spec(job, interpret(job.prompt).to_dict(), None, RenderSettings())
            blend = sound_blend([tuple(c) for c in spec.sound_cells], spec.fps)
            assert (blend["presence"], blend["tempo"], blend["pitch"]) == explorer_cell(job.sweep_index)["sound"]


def test_73_explorer_videos_hold_every_dynamic_cell():
    from motion_assets.keys.canonical import canonical_key
    from motion_assets.interpretation import interpret

    from motion_assets.loop.jobs import sound_blend

    held = {category: set() for category in dynamic_space()}
    for number in range(1, 38):  # 37 batches of 2 = 74 videos >= 73, the motion space
        for job in plan_batch(f"explorer-{number:06d}", 2):
            spec = make_spec(job, interpret(job.prompt).to_dict(), None, RenderSettings())
            s = spec.scene
            held["motion"].add(canonical_key("motion", {"speed": s.motion_speed, "rhythm": s.motion_rhythm,
                                                         "direction": s.motion_direction}))
            held["camera"].add(canonical_key("camera", {"type": s.camera_type, "speed": s.camera_speed}))
            held["gradient"].add(canonical_key("gradient", {"type": s.gradient_type, "strength": s.gradient_strength}))
            held["lighting"].add(canonical_key("lighting", {"preset": s.lighting}))
            held["composition"].add(canonical_key("composition", {"balance": s.composition}))
            held["transition"].add(canonical_key("transition", {"type": s.transition_type,
                                                                 "duration_ms": s.transition_duration_ms}))
            held["sound"].add(canonical_key("sound", sound_blend([tuple(c) for c in spec.sound_cells], spec.fps)))
    for category, keys in held.items():
        assert keys == dynamic_space()[category], category


def test_195_explorer_videos_carry_every_pair_of_narrative_values():
    from itertools import combinations

    from motion_assets.interpretation import interpret

    carried = set()
    for number in range(1, 99):  # 98 batches of 2 = 196 videos >= 195 covering rows
        for job in plan_batch(f"explorer-{number:06d}", 2):
            story = make_spec(job, interpret(job.prompt).to_dict(), None, RenderSettings()).narrative
            carried |= {(f"{a} x {b}", (story[a], story[b])) for a, b in combinations(sorted(story), 2)}
    wanted = {(name, pair) for name, pairs in narrative_pair_space().items() for pair in pairs}
    names = {name for name in narrative_pair_space()}
    carried = {(name if name in names else " x ".join(reversed(name.split(" x "))),
                pair if name in names else tuple(reversed(pair))) for name, pair in carried}
    assert wanted <= carried
