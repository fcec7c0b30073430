"""Completeness: the defined spaces, the sweeps that fill them, and the coverage figures the UI and report show."""

from __future__ import annotations

import json

import pytest
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
    # States recorded every few batches: what counts is 5 loop batches without growth, not 5 states.
    sparse = [{"category": "motion", "loop_batches": b, "covered": c, "total": 73, "entries": c}
              for b, c in ((0, 0), (10, 20), (12, 20), (16, 20))]
    assert stagnant_categories(sparse) == ["motion"] and stagnant_categories(sparse[:3]) == []


def _check(registry: str, name: str):
    """The registry's checks definition and the key of its check ``name``."""
    from dagster import AssetCheckKey, AssetKey

    from motion_assets.defs.registry_assets import REGISTRY_CHECKS

    key = AssetCheckKey(AssetKey(registry), f"{registry}_{name}")
    return next(c for c in REGISTRY_CHECKS if key in c.check_keys), key


def test_the_stagnation_check_warns_naming_the_category_on_a_contrived_history(instance, data_dir):
    import pyarrow as pa
    from dagster import AssetCheckSeverity, AssetSelection

    from motion_assets.coverage.measure import HISTORY_SCHEMA, HISTORY_TABLE
    from motion_assets.defs.registry_assets import REGISTRY_ASSETS, stagnation_result
    from motion_assets.defs.resources import MotionStore

    rows = [{"registry": "dynamic_blends", "category": category, "loop_batches": batch, "entries": covered,
             "covered": covered, "total": total, "space_version": 1}
            for batch in range(8) for category, covered, total in
            (("camera", 3, 46), ("motion", 2 * batch, 73), ("lighting", 6, 6))]
    TableStore(data_dir).write(HISTORY_TABLE, "dynamic_blends", pa.Table.from_pylist(rows, schema=HISTORY_SCHEMA))
    check, key = _check("dynamic_blends", "stagnation")
    asset = next(a for a in REGISTRY_ASSETS if a.key.path[-1] == "dynamic_blends")
    result = materialize([asset, check], instance=instance, selection=AssetSelection.checks(key),
                         resources={"motion_store": MotionStore(data_dir=str(data_dir))})
    assert result.success  # a warning, never blocking
    (evaluation,) = result.get_asset_check_evaluations()
    assert not evaluation.passed and evaluation.severity == AssetCheckSeverity.WARN
    assert evaluation.metadata["stagnant_categories"].value == ["camera"]
    assert evaluation.metadata["stagnant"].value == "camera (no growth in 5 loop batches, 3/46)"
    # Once camera grows again, nothing is named.
    rows.append({**rows[-3], "loop_batches": 8, "covered": 4, "entries": 4})
    TableStore(data_dir).write(HISTORY_TABLE, "dynamic_blends", pa.Table.from_pylist(rows, schema=HISTORY_SCHEMA))
    assert stagnation_result(TableStore(data_dir), "dynamic_blends").passed


@pytest.mark.slow
def test_explorer_and_sound_batches_report_their_coverage_in_checks_the_plot_and_the_report(
        instance, data_dir, monkeypatch, capsys):
    from dagster import AssetCheckSeverity

    from motion_assets.cli import main
    from motion_assets.defs.registry_assets import REGISTRY_ASSETS, REGISTRY_CHECKS
    from motion_assets.defs.resources import MotionStore

    run_batch(instance, data_dir, "explorer-000001")
    run_batch(instance, data_dir, "sound-000001")
    grow(instance, data_dir)

    def registry_run(registry):
        asset = next(a for a in REGISTRY_ASSETS if a.key.path[-1] == registry)
        checks = [c for c in REGISTRY_CHECKS if any(k.asset_key.path[-1] == registry for k in c.check_keys)]
        categories = REGISTRY_CATEGORIES[registry]
        result = materialize([asset, *checks], instance=instance,
                             resources={"motion_store": MotionStore(data_dir=str(data_dir))},
                             tags={"dagster/asset_partition_range_start": categories[0],
                                   "dagster/asset_partition_range_end": categories[-1]})
        assert result.success
        events = {e.partition: e.materialization.metadata for e in result.get_asset_materialization_events()}
        return (events,
                {e.check_name: e for e in result.get_asset_check_evaluations()})

    # Two swept explorer videos hold 2 x 2,688 distinct colour cells, the sound videos some around their palette:
    # every cell the specs rendered is covered (extraction is exact), and nothing else.
    rendered = {color_cell_key(tuple(cell[:3]), cell[3]) for batch in ("explorer-000001", "sound-000001")
                for row in TableStore(data_dir).read("loop_specs", batch).to_pylist()
                for frame in json.loads(row["spec"])["color_cells"] for cell in frame}
    explorer = {color_cell_key((r, g, b), o) for spec in specs_of("explorer", 1)
                for frame in spec.color_cells for r, g, b, o in frame}
    assert len(explorer) == 2 * 2688 and explorer <= rendered
    metadata, evaluations = registry_run("static_colors")
    coverage = evaluations["static_colors_coverage"]
    assert coverage.metadata["covered"].value == len(rendered) and coverage.metadata["total"].value == 20686
    assert coverage.metadata["coverage_pct"].value == round(100 * len(rendered) / 20686, 2)
    # A new loop cannot fill the space: the check reports the share and passes while coverage does not shrink.
    assert coverage.passed and coverage.severity == AssetCheckSeverity.WARN
    assert coverage.metadata["summary"].value == f"{len(rendered)} of 20686 cells held " \
        f"({100 * len(rendered) / 20686:.2f}%)"
    assert "missing, e.g. color@1:" in coverage.metadata["missing"].value
    # The chart and the registry-wide tables are stored once, on the run's first category; every category's
    # event has its own figures.
    first = metadata["red"]
    assert first["coverage_over_time"].value.startswith("![static_colors coverage](data:image/png;base64,")
    assert "| red |" in first["coverage"].value and first["registry_entries"].value == len(rendered)
    assert all("coverage_over_time" not in m for c, m in metadata.items() if c != "red")
    space = static_color_space()
    for category, own in metadata.items():
        held = len({k for k in rendered if k in space[category]})
        assert own["entries"].value == own["covered"].value == held, category
        assert own["total"].value == len(space[category])
    assert metadata["clear"]["entries"].value < 5  # its own entries, not the whole registry's
    assert evaluations["static_colors_stagnation"].metadata["states_recorded"].value >= 1
    assert "static_colors_density" in evaluations
    # Two sweeping sound videos: the whole sound space.
    _, evaluations = registry_run("static_sound")
    assert evaluations["static_sound_coverage"].passed
    assert evaluations["static_sound_coverage"].metadata["covered"].value == 46
    # Narrative: pairs are part of its coverage, counted per video (an explorer video carries 21 pairs).
    from motion_assets.coverage.measure import pairs_carried

    carried = set().union(*(pairs_carried(json.loads(row["spec"])["narrative"])
                            for batch in ("explorer-000001", "sound-000001")
                            for row in TableStore(data_dir).read("loop_specs", batch).to_pylist()))
    assert len(carried) >= 21
    metadata, evaluations = registry_run("narrative")
    assert evaluations["narrative_coverage"].metadata["pairs_total"].value == 1657
    assert evaluations["narrative_coverage"].metadata["pairs_covered"].value == len(carried)
    assert "| pairs |" in metadata["genre"]["coverage"].value

    monkeypatch.setenv("MOTION_DATA_DIR", str(data_dir))
    capsys.readouterr()
    assert main(["report", "--json"]) == 0
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert report == registry_report(TableStore(data_dir))
    colours = report["registries"]["static_colors"]
    assert colours["entries"] == colours["covered"] == len(rendered) and colours["total"] == 20686
    for category, figures in colours["categories"].items():
        assert set(figures) >= {"entries", "observations", "covered", "total", "coverage_pct"}
        assert figures["total"] == len(static_color_space()[category])
        assert figures["coverage_pct"] == round(100.0 * figures["covered"] / figures["total"], 2)
    assert report["registries"]["static_sound"]["coverage_pct"] == 100.0
    assert report["registries"]["narrative"]["pairs"]["covered"] == len(carried)
    mood = report["registries"]["linguistic"]["categories"]["mood"]
    assert "covered" not in mood and mood["new_entries"] == mood["entries"]  # open-ended: growth
    assert main(["report"]) == 0
    text = capsys.readouterr().out
    assert f"static_colors: {len(rendered)} entries, {len(rendered)}/20686 of its space" in text
    assert "genre x mood" in text


def test_the_random_baseline_draws_every_value_from_its_space():
    from motion_assets.coverage.spaces import narrative_space
    from motion_assets.keys.canonical import canonical_key, text_key
    from motion_assets.loop.jobs import sound_blend
    from motion_assets_tests.conftest import make_spec as spec_for

    colour_space = set().union(*static_color_space().values())
    sound_space = set().union(*static_sound_space().values())
    cameras, blends = set(), set()
    for seed in range(8):
        spec = spec_for(seed, workflow="random")
        assert {color_cell_key((r, g, b), o) for f in spec.color_cells for r, g, b, o in f} <= colour_space
        assert {sound_cell_key(n, s) for n, s in spec.sound_cells} <= sound_space
        assert spec.sound_cells[0] == ("silence", 0)  # the lead-in stays
        assert {text_key(c, v) for c, v in spec.narrative.items()} <= set().union(*narrative_space().values())
        assert len(spec.narrative) == 7
        cameras.add(canonical_key("camera", {"type": spec.scene.camera_type, "speed": spec.scene.camera_speed}))
        blended = spec_for(seed, workflow="random_blend")
        blends.add(canonical_key("sound", sound_blend([tuple(c) for c in blended.sound_cells], blended.fps)))
    assert cameras <= dynamic_space()["camera"] and len(cameras) > 1
    assert blends <= dynamic_space()["sound"] and len(blends) > 1


def test_the_exploiter_favours_under_used_cells_and_balanced_also_sweeps():
    from motion_assets.creation.build import RegistryState, build_spec
    from motion_assets.keys.color_space import all_color_cells
    from motion_assets.keys.seeds import sweep_order

    def spec(workflow, state, seed=1, sweep_index=0):
        return build_spec(job_id="t", seed=seed, prompt="p", instruction={"palette": [{"rgb": [0, 128, 128]}]},
                          workflow=workflow, sweep_index=sweep_index, state=state, settings=RenderSettings())

    def keys(s):
        return [color_cell_key((r, g, b), o) for f in s.color_cells for r, g, b, o in f]

    first = keys(spec("exploiter", RegistryState()))
    used = RegistryState({key: 50 for key in first})
    again = keys(spec("exploiter", used, seed=2))
    unrelated = keys(spec("exploiter", RegistryState({"color@1:r=1;g=1;b=1;opacity=5": 1}), seed=2))
    repeated = sum(k in used.counts for k in again) / len(again)
    assert repeated < 0.7 * sum(k in used.counts for k in unrelated) / len(unrelated)
    # Balanced: half of every frame sweeps the space (from the far end of the explorer's order), half exploits.
    order = sweep_order(all_color_cells(), "static_colors")
    half = 112 * 24 // 2
    for index in (0, 1):
        balanced = spec("balanced", RegistryState(), sweep_index=index)
        swept = {color_cell_key((r, g, b), o) for f in balanced.color_cells for r, g, b, o in f[::2]}
        assert swept == {color_cell_key(*order[-1 - i]) for i in range(index * half, (index + 1) * half)}


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


def test_the_stored_narrative_covering_array_is_the_computed_one():
    import json

    from motion_assets.coverage.sweeps import (NARRATIVE_ROWS_FILE, compute_narrative_rows, narrative_fingerprint,
                                               narrative_rows)

    stored = json.loads(NARRATIVE_ROWS_FILE.read_text())
    assert stored["fingerprint"] == narrative_fingerprint(), "rewrite it: python -m motion_assets.coverage.sweeps"
    assert tuple(stored["rows"]) == compute_narrative_rows() == narrative_rows()


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


def test_the_coverage_chart_counts_whole_batches_keeps_its_legend_outside_and_draws_hues_in_their_colour():
    from matplotlib import pyplot
    from matplotlib.colors import to_hex

    from motion_assets.coverage.plot import CATEGORY_COLOURS, coverage_figure, coverage_plot_png

    history = [{"category": c, "loop_batches": b, "covered": b * (i + 1), "total": 100, "entries": b * (i + 1)}
               for i, c in enumerate(("red", "blue", "clear")) for b in (1, 2, 3)]
    figure = coverage_figure(history, "static_colors coverage")
    try:
        (axes,) = figure.axes
        figure.canvas.draw()
        ticks = [t for t in axes.get_xticks() if axes.get_xlim()[0] <= t <= axes.get_xlim()[1]]
        assert ticks and all(float(t).is_integer() for t in ticks), ticks
        renderer = figure.canvas.get_renderer()
        legend = axes.get_legend().get_window_extent(renderer)
        assert legend.x0 >= axes.get_window_extent(renderer).x1  # beside the plot, never over a line
        assert {line.get_label(): to_hex(line.get_color()) for line in axes.get_lines()} == {
            c: CATEGORY_COLOURS[c] for c in ("red", "blue", "clear")}
    finally:
        pyplot.close(figure)
    assert coverage_plot_png(history, "static_colors coverage").startswith(b"\x89PNG")
