"""Legacy import and export: the sample file's figures (sample_export_v1.expected.md §2-3, every one), the import
outcome, idempotent storage, dry runs, malformed files, and export -> import giving the same registries."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pytest

from motion_assets.cli import main
from motion_assets.legacy import export_registries, import_export, imported_aliases, imported_rows
from motion_assets.legacy.export import dumps, write_export
from motion_assets.legacy.quality import quality_figures
from motion_assets.legacy.reader import ExportFormatError, read_export
from motion_assets.registry.imported import TABLE
from motion_assets.registry.aggregate import INTERPRETATION_SCHEMA, REGISTRY_SCHEMA
from motion_assets.registry.report import registry_table
from motion_assets.storage.tables import TableStore

#: The older system's sample export (../shared/mission/sample_export_v1.json), kept beside the tests so they run on
#: any clone.
SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample_export_v1.json"

#: Every figure of sample_export_v1.expected.md sections 2 and 3, by metric id (counters: value -> count).
EXPECTED = {
    # 2.A keys and identity
    "sc.key_with_suffix_1.0": 22,
    "sc.key_bare": 6,
    "sc.key_bare.detail": ["200,200,225", "75,125,175", "150,100,50", "100,25,25", "175,125,200", "0,50,25"],
    "sc.collisions": 3,
    "sc.collisions_different_names": 2,
    "sc.collisions_different_names.detail": {"150,100,50": "Saffron/Russet", "75,125,175": "Heron/Fjord"},
    "sc.collisions_same_name": 1,
    "sc.collisions_same_name.detail": {"200,200,225": "Opal/Opal"},
    "sc.collision_rows": 6,
    "sc.distinct_normalised_keys": 25,
    "sc.bare_rows_with_opacity_entry": 0,
    "sc.mean_outside_key_bucket": 2,
    "sc.mean_outside_key_bucket.detail": ["100,50,150_1.0 r=126.4", "25,175,125_1.0 g=151.2"],
    "bl.color_redundant_rows": 4,
    "bl.color_distinct_values": 5,
    "bl.motion_redundant_rows": 1,
    "bl.motion_distinct_values": 2,
    "bl.max_rows_per_key": 3,
    "bl.color_rows_misfiled_v2": 9,
    "bl.json_string_keys": 12,
    "mo.key_2_part_legacy": ["2.7_steady", "4.4_increasing", "1.6_steady"],
    "mo.key_4_part": 11,
    "ss.key_2_part_legacy": ["0.6_neutral", "0.0_silent"],
    "ss.key_3_part": 7,
    "bs.key_not_presence_mood_tempo": ["ambient"],
    "gr.key_not_canonical": ["static"],
    "mo.direction_not_in_origins": {"neutral": 4},
    "mo.direction_not_in_origins.detail": ["3.8_increasing_neutral_pulsing", "6.1_decreasing_neutral_steady",
                                           "2.9_steady_neutral_steady", "3.1_steady_neutral_pulsing"],
    "ss.tone_not_primitive_band": ["0.6_neutral"],
    # 2.B names
    "names.strict_cv_gibberish": 12,
    "names.strict_cv_gibberish.detail": {"narrative": 11, "blended": 1},
    "names.strict_cv_gibberish_list": ["Sivorenatu", "Qomavetilu", "Pirowanefo", "Wiralesopa", "Davesimoku",
                                       "Tomazuqeli", "Zefarobinu", "Bifosalune", "Hutekosame", "Noxirepadu",
                                       "Vuqerisaco", "Kelunabori"],
    "nar.cv_names_are_count_1": True,
    "int.prompts_with_cv_gibberish_token": 1,
    "int.prompts_with_cv_gibberish_token.detail": ["kemovalitu motion over neon streets"],
    "names.planted_pseudo_words": 6,
    "names.planted_pseudo_words.detail": ["Sedgevet", "Duskine", "Reedal", "Cairnow", "Heathure", "Quillow"],
    "names.category_prefix_placeholders": 17,
    "names.category_prefix_placeholders.detail": {"narrative": 12, "static sound": 5},
    "ss.name_sound_prefix": 5,
    "names.with_underscore": 17,
    "names.genre_starer_typo_present": False,
    "names.numbered": 13,
    "names.numbered.detail": {"blends": 12, "other": ["Novel58214"]},
    "bl.numbered_names": 12,
    "nar.low_count_lt5": 14,
    "nar.low_count_name_ne_value": 14,
    "names.used_for_multiple_values": 7,
    "names.used_for_multiple_values.detail": {"Harbor": 5, "Heron": 2, "Kelp": 2, "Loam2207": 2, "Opal": 2,
                                              "Thistle": 2, "Tidewell": 2},
    "names.rows_carrying_such_names": 18,
    "names.in_two_or_more_lists": 3,
    "names.in_two_or_more_lists.detail": {"Harbor": 5, "Opal": 2, "Thistle": 2},
    "names.reused_within_one_list": {"static.colors": ["Heron"], "blended.colors": ["Kelp"],
                                     "blended.motion": ["Tidewell"], "blended.blends": ["Loam2207"]},
    "names.harbor_rows": {"rows": 5, "lists": 5},
    "names.disambiguation_suffix_rgb": 0,
    "xc.static_blended_shared_keys": 5,
    "xc.shared_keys_named_differently": 4,
    "xc.shared_keys_named_differently.detail": {"75,125,175": "Heron/Fjord vs Kelp",
                                                "150,100,50": "Saffron/Russet vs Tawny",
                                                "100,150,200": "Heron vs Cornflower", "150,150,150": "Pebble vs Gravel"},
    "names.primitive_name_far_gt60": 3,
    "names.primitive_name_far_gt60.detail": ["Olive 50,75,125_1.0 (159.7)", "Gray 175,175,200_1.0 (105.1)",
                                             "Magenta 150,100,125 (194.7)"],
    "names.primitive_name_near_le60": 1,
    "names.primitive_name_near_le60.detail": ["Navy 0,0,100_1.0 (18.6)"],
    "names.colour_word_names": 10,
    "names.colour_word_vs_hint_mismatch": 8,
    "names.colour_word_vs_hint_mismatch.detail": ["Olive->teal", "Navy->violet", "Ink->teal", "Linen->mist",
                                                  "Moss->olive", "Forest->violet", "Coral->teal", "Dusk->slate"],
    "names.missing_or_empty": 0,
    # 2.C depth and values
    "depth.missing_or_empty_total": 26,
    "mo.no_depth_fields": 14,
    "ss.no_strength_and_no_depth_keys": ["0.6_neutral", "0.0_silent"],
    "gcs.depth_0_and_empty": 10,
    "gcs.depth_0_and_empty.detail": {"gradient": 2, "camera": 3, "sound": 5},
    "sc.depth_with_opacity": 20,
    "sc.depth_with_theme_keys": 4,
    "sc.depth_with_theme_keys.detail": {"225,125,75_1.0": "warm_sunset+fire", "50,100,150_1.0": "ocean+default",
                                        "50,75,50_1.0": "forest+night", "200,175,250_1.0": "dreamy+neon"},
    "sc.depth_theme_keys_seen": ["default", "dreamy", "fire", "forest", "neon", "night", "ocean", "warm_sunset"],
    "sc.depth_non_primitive_key_rows": 20,
    "sc.depth_sum_incl_opacity": {200: 17, 100: 8, 201: 3},
    "sc.depth_sum_ne_100_incl_opacity": 20,
    "sc.depth_sum_ne_100_excl_opacity": 3,
    "sc.depth_sum_101_excl_opacity_keys": ["225,125,75_1.0", "100,100,200_1.0", "200,175,250_1.0"],
    "bc.depth_sum_ne_100": 2,
    "bc.depth_sum_ne_100.detail": {101: 1, 99: 1},
    "bl.depth_sum_ne_100": 4,
    "bl.depth_sum_ne_100.detail": {101: 2, 99: 2},
    "sc.depth_pct_values": {100: 28},
    "bc.depth_pct_eq_max_component": 16,
    "bl.depth_pct_eq_max_component": 12,
    "bc.float_noise_rows": 3,
    "bc.float_noise_rows.detail": ["75,75,100", "200,125,100", "25,25,50"],
    "bc.float_noise_values": 5,
    "sc.rgb_non_integer": 27,
    "sc.rgb_integer": ["150,150,150_1.0"],
    "sc.rgb_out_of_range": 0,
    "ss.strength_fraction_0_1": 4,
    "ss.strength_percent_gt_1": 1,
    "ss.strength_percent_gt_1.detail": ["0.07_mid_mid=7"],
    "ss.strength_zero": 2,
    "ss.strength_ne_key_amplitude": 1,
    "ss.strength_ne_key_amplitude.detail": ["0.07_mid_mid"],
    "ss.origin_conventions": {"single weight 1": 5, "no depth": 2, "silence+band by amplitude": 2},
    "ss.band_missing_from_origin_noises": ["0.04_mid_mid"],
    "ss.audible_band_zero_amplitude": ["0.0_low_low"],
    "ss.noise_types_seen": "3 of 4",
    "ss.noise_types_seen.detail": {"seen": ["rumble", "silence", "tone"], "missing": ["hiss"]},
    "nar.values_in_multiple_aspects": 2,
    "nar.values_in_multiple_aspects.detail": {"cinematic": "genre/mood/style", "urban": "themes/settings"},
    "nar.non_origin_values": {"genre": ["cinematic"], "mood": ["tense", "cinematic"],
                              "themes": ["ocean", "fire", "urban"], "settings": ["golden_hour", "noir"],
                              "scene_type": ["close", "handheld"]},
    "nar.count_in_non_origin_values": {"genre": "14/27", "mood": "19/34", "themes": "87/89", "plots": "0/10",
                                       "settings": "59/69", "style": "0/3", "scene_type": "37/39"},
    # 2.D truncation, sparse lists, progress; 2.E JSON hygiene
    "lists.partial_truncated": [],
    "mo.min_count_and_ties": {"min_count": 9, "rows": 2,
                              "keys": ["4.7_steady_horizontal_pulsing", "2.2_increasing_vertical_steady"]},
    "int.updated_at_window": "2026-03-04 09:10:02 .. 2026-03-04 09:18:41",
    "lists.sparse_le5": {"blended.gradient": 2, "blended.camera": 3, "blended.sound": 5, "narrative.genre": 4,
                         "narrative.mood": 5, "narrative.themes": 5, "narrative.plots": 3, "narrative.settings": 4,
                         "narrative.style": 3, "narrative.scene_type": 4},
    "schema.absent_v2_lists": ["colors_from_blends", "lighting", "composition", "graphics", "temporal", "technical"],
    "lp.precision_below_target": True,
    "lp.precision_consistent": True,
    "lp.discovery_rate_consistent": True,
    "int.prompts_repeated": 1,
    "int.prompts_repeated.detail": {"harbor lights at dusk, slow pan across the water": 3},
    "int.rows_in_repeated_prompts": 3,
    "lin.spans_in_multiple_domains": ["harbor", "ember", "glide", "hushed"],
    "lin.identity_mappings": ["handheld/camera", "mono/palette"],
    "json.parses": True,
    "json.duplicate_object_keys": 0,
    "json.nan_or_infinity": 0,
    "json.bom": False,
    "json.non_ascii_chars": 4,
    "json.non_ascii_chars.detail": "\u2014",
    # 3. file, schema and rows per list
    "schema.version": "v1 (unversioned)",
    "schema.coverage_snapshot_present": False,
    "schema.exported_at": "2026-03-04T09:19:02.517Z",
    "schema.top_level_keys": ["exported_at", "registries", "loop_progress"],
    "schema.registries_keys": ["pure_static", "blended_dynamic", "semantic_narrative", "interpretation", "linguistic"],
    "rows.lists": 23,
    "rows.pure_static.primitives.color_primaries": 16,
    "rows.pure_static.primitives.sound_primaries": 4,
    "rows.pure_static.discoveries.colors": 28,
    "rows.pure_static.discoveries.sound": 9,
    "rows.blended_dynamic.canonical.gradient_type": 4,
    "rows.blended_dynamic.canonical.camera_motion": 16,
    "rows.blended_dynamic.canonical.motion": 8,
    "rows.blended_dynamic.canonical.sound": 13,
    "rows.blended_dynamic.discoveries.colors": 16,
    "rows.blended_dynamic.discoveries.motion": 14,
    "rows.blended_dynamic.discoveries.gradient": 2,
    "rows.blended_dynamic.discoveries.camera": 3,
    "rows.blended_dynamic.discoveries.sound": 5,
    "rows.blended_dynamic.discoveries.blends": 12,
    "rows.semantic_narrative.genre": 4,
    "rows.semantic_narrative.mood": 5,
    "rows.semantic_narrative.themes": 5,
    "rows.semantic_narrative.plots": 3,
    "rows.semantic_narrative.settings": 4,
    "rows.semantic_narrative.style": 3,
    "rows.semantic_narrative.scene_type": 4,
    "rows.interpretation": 8,
    "rows.linguistic": 12,
    "rows.total": 198,
    "rows.by_family": {"primitives": 20, "canonical": 41, "static": 37, "blended": 52, "narrative": 28,
                       "interpretation": 8, "linguistic": 12},
    "rows.invented": 137,
    "rows.named": 117,
    "primitives.color_valid_rgb": 16,
    "primitives.match_old_16": True,
    "primitives.sound": ["silence", "rumble", "tone", "hiss"],
    # 3. static colours and static sound
    "sc.rows": 28,
    "sc.count_sum": 333,
    "sc.key_other_suffix": 0,
    "sc.key_channels_multiple_of_25": True,
    "sc.depth_primitives_only": 8,
    "sc.opacity_levels": "1 of 21",
    "sc.cov_rgb_cells_11_grid": "25 of 1331 (1.88 %)",
    "sc.cov_vs_27951_cells": "25 of 27951 (0.089 %)",
    "ss.rows": 9,
    "ss.count_sum": 128,
    "ss.key_tones": {"low": 3, "mid": 3, "silent": 2, "neutral": 1},
    "ss.no_strength_pct": 2,
    "ss.no_depth_breakdown": 2,
    "ss.distinct_strength_raw": 6,
    "ss.distinct_strength_as_fraction": 6,
    "ss.origin_noises_sum_ne_1": 0,
    "ss.count_by_dominant_noise": {"rumble": 63, "silence": 54, "none": 11},
    # 3. blended colours, motion, gradient, camera, sound and blends
    "bc.rows": 16,
    "bc.count_sum": 8599,
    "bc.distinct_keys": 16,
    "bc.key_has_suffix": 0,
    "bc.has_rgb_fields": 0,
    "bc.depth_non_primitive_key_rows": 0,
    "xc.static_blended_key_union": 36,
    "mo.rows": 14,
    "mo.count_sum": 948,
    "mo.distinct_keys": 14,
    "mo.key_other_grammar": 0,
    "mo.directions": {"horizontal": 4, "neutral": 4, "vertical": 3},
    "mo.rhythm_not_in_origins": 0,
    "mo.trend_field_ne_key": 0,
    "gr.keys": ["static", "vertical"],
    "gr.coverage": "1 of 4",
    "ca.keys": ["pan", "zoom", "static"],
    "ca.key_not_canonical": 0,
    "ca.coverage": "3 of 16",
    "bs.presence_mood_tempo_coverage": "4 of 75",
    "bl.rows": 12,
    "bl.domains": {"color": 9, "motion": 3},
    "bl.key_over_80_chars": 0,
    "bl.no_count_field": 12,
    "bl.motion_depth_keys": ["medium", "slow", "static"],
    # 3. names, narrative, interpretation, linguistic and progress
    "names.total": 117,
    "names.distinct": 106,
    "nar.rows": 28,
    "nar.rows_per_aspect": {"genre": 4, "mood": 5, "themes": 5, "plots": 3, "settings": 4, "style": 3, "scene_type": 4},
    "nar.entry_key_ne_value": 0,
    "nar.count_1_rows": 11,
    "nar.origin_values_present": {"genre": "3/7", "mood": "3/7", "themes": "2/8", "plots": "3/4", "settings": "2/8",
                                  "style": "3/5", "scene_type": "2/8"},
    "int.rows": 8,
    "int.distinct_prompts": 6,
    "int.instruction_field_count": 35,
    "int.instruction_fields_match_old_35": True,
    "int.raw_prompt_ne_lower_prompt": 0,
    "int.ids_unique_uuid": True,
    "int.updated_at_format_ok": True,
    "int.ordered_newest_first": True,
    "int.non_ascii_prompts": 2,
    "lin.rows": 12,
    "lin.domains": {"count": 8, "domains": ["audio_mood", "audio_presence", "audio_tempo", "camera", "gradient",
                                            "lighting", "motion", "palette"]},
    "lin.variant_types": {"synonym": 12},
    "lin.duplicate_span_domain_pairs": 0,
    "lin.count_sum": 3158,
    "lp.values": {"last_n": 20, "total_runs": 20, "runs_with_learning": 15, "precision_pct": 75, "target_pct": 95,
                  "runs_with_discovery": 17, "discovery_rate_pct": 85, "repetition_score": 0.34},
}


@pytest.fixture(scope="module")
def figures():
    return quality_figures(read_export(SAMPLE))


@pytest.mark.parametrize("metric", sorted(EXPECTED))
def test_sample_figure(figures, metric):
    assert figures[metric] == EXPECTED[metric], metric


def test_every_counter_is_ordered_by_count_then_value(figures):
    for metric in ("sc.depth_sum_incl_opacity", "ss.key_tones", "ss.origin_conventions", "mo.directions"):
        assert list(figures[metric].items()) == list(EXPECTED[metric].items()), metric


@pytest.fixture()
def store(tmp_path):
    return TableStore(tmp_path / "data")


def _stored_bytes(store: TableStore) -> dict[str, bytes]:
    directory = Path(store.table_dir(TABLE))
    return {p.name: p.read_bytes() for p in sorted(directory.glob("*.parquet"))} if directory.exists() else {}


def test_import_outcome_of_the_sample(store):
    report = import_export(store, SAMPLE)
    outcome = {label: (o["imported"], o["merged"], o["rejected"]) for label, o in report["outcome"].items()}
    assert outcome == {
        "static.colors": (25, 3, 0), "static.sound": (6, 2, 1), "blended.colors": (16, 0, 0),
        "blended.motion": (11, 0, 3), "blended.gradient": (1, 0, 1), "blended.camera": (3, 0, 0),
        "blended.sound": (4, 0, 1), "blended.blends": (7, 5, 0), "narrative.genre": (4, 0, 0),
        "narrative.mood": (5, 0, 0), "narrative.themes": (5, 0, 0), "narrative.plots": (3, 0, 0),
        "narrative.settings": (4, 0, 0), "narrative.style": (3, 0, 0), "narrative.scene_type": (4, 0, 0),
        "interpretation": (6, 2, 0), "linguistic": (12, 0, 0),
    }
    assert report["totals"] == {"rows": 137, "imported": 119, "merged": 12, "rejected": 6}
    assert sorted((r["list"], r["key"], r["reason"]) for r in report["rejected"]) == sorted([
        ("static.sound", "0.6_neutral", "tone is not a sound band"),
        ("blended.motion", "2.7_steady", "legacy key lacks direction and rhythm"),
        ("blended.motion", "4.4_increasing", "legacy key lacks direction and rhythm"),
        ("blended.motion", "1.6_steady", "legacy key lacks direction and rhythm"),
        ("blended.gradient", "static", "not a gradient type"),
        ("blended.sound", "ambient", "role only, with no mood or tempo"),
    ])
    assert report["partial_lists"] == []
    assert [c["key"] for c in report["conversions"]] == ["0.07_mid_mid"]
    # The merged static twins (expected.md §4): counts summed, mean count-weighted, legacy names kept as aliases.
    rows = {r["key"]: r for r in imported_rows(store, "static_colors", "orange", provenance=True)}
    saffron = rows["color@1:r=153;g=102;b=51;opacity=100"]
    assert saffron["count"] == 34 and saffron["aliases"] == ["Saffron", "Russet"]
    assert json.loads(saffron["legacy"])["mean_rgb"] == [163.54, 112.41, 62.11]
    heron = {r["key"]: r for r in imported_rows(store, "static_colors", "blue", provenance=True)}[
        "color@1:r=76;g=128;b=178;opacity=100"]
    assert heron["count"] == 50 and heron["aliases"] == ["Heron", "Fjord"]
    assert json.loads(heron["legacy"])["mean_rgb"] == [88.71, 137.65, 186.09]
    silence = imported_rows(store, "static_sound", "silence", provenance=True)
    assert [(r["count"], r["aliases"]) for r in silence] == [(38, ["sound_hush", "Harbor", "sound_lull"])]
    aliases = imported_aliases(store, "narrative")
    assert aliases["genre@1:explainer"] == ["Qomavetilu"]


def test_imported_rows_have_the_registry_row_shape_and_good_names(store):
    from motion_assets.naming.dictionary import name_problems

    import_export(store, SAMPLE)
    for registry, category in (("static_colors", "blue"), ("static_sound", "tone"), ("dynamic_blends", "motion"),
                               ("narrative", "theme"), ("linguistic", "palette")):
        rows = imported_rows(store, registry, category)
        assert rows and all(list(r) == REGISTRY_SCHEMA.names for r in rows)
        assert pa.Table.from_pylist(rows, schema=REGISTRY_SCHEMA).num_rows == len(rows)
        if registry != "linguistic":
            assert all(not name_problems(r["name"]) for r in rows), [r["name"] for r in rows]
    interpretations = imported_rows(store, "interpretations", "neutral")
    assert interpretations and all(list(r) == INTERPRETATION_SCHEMA.names for r in interpretations)
    assert all(not any(ch.isdigit() for ch in r["name"]) for r in interpretations)
    names = [r["name"] for c in ("neutral", "calm") for r in imported_rows(store, "interpretations", c)]
    assert all("kemovalitu" not in n for n in names)


def test_reimport_is_idempotent_and_dry_run_writes_nothing(store, tmp_path):
    dry = import_export(store, SAMPLE, dry_run=True)
    assert dry["dry_run"] and not store.exists(store.table_dir(TABLE))
    import_export(store, SAMPLE)
    first = _stored_bytes(store)
    import_export(store, SAMPLE)
    assert _stored_bytes(store) == first
    rows = imported_rows(store, "static_colors", "blue")
    assert len({r["key"] for r in rows}) == len(rows) == 9


def test_malformed_files_write_nothing(store, tmp_path):
    bad = tmp_path / "bad.json"
    for text, message in (("{not json", "not valid JSON"), ('{"exported_at": "x"}', "no top-level 'registries'"),
                          ('{"exported_schema_version": 9, "registries": {}}', "unknown export schema version 9"),
                          ('{"registries": {"linguistic": {}}}', "should be a list")):
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(ExportFormatError, match=message):
            import_export(store, bad)
    assert not store.exists(store.table_dir(TABLE))


def test_a_v2_file_is_read(store, tmp_path):
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data = {"exported_at": data["exported_at"], "exported_schema_version": 2, **{k: v for k, v in data.items()
                                                                                 if k != "exported_at"}}
    colors = data["registries"]["pure_static"]["discoveries"]["colors"]
    colors[0] = {**colors[0], "key": "75,125,175", "opacity_pct": 50,
                 "depth_breakdown": {"gray": 58, "teal": 42}, "theme_breakdown": {}}
    data["registries"]["blended_dynamic"]["discoveries"]["lighting"] = []
    data["registries"]["future_list"] = []
    path = tmp_path / "v2.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    report = import_export(store, path, dry_run=True)
    assert report["schema"] == "v2"
    assert "future_list" in report["unknown_lists"]
    keys = {e for e in report["written"]}
    assert "static_colors.blue" in keys
    assert report["outcome"]["static.colors"]["imported"] == 26  # the 50 % cell is no longer a twin


def _registry_rows() -> dict[str, list[dict]]:
    def row(registry, category, key, name, params, depth, count, observed=True):
        return {"registry": registry, "category": category, "key": key, "name": name,
                "params": json.dumps(params, sort_keys=True), "depth": json.dumps(depth, sort_keys=True),
                "count": count, "jobs": 1, "first_seen": "explorer-000001-v01", "last_seen": "explorer-000002-v02",
                "source_jobs": ["explorer-000001-v01"], "source_prompts": ["a teal drift \u2014 calm"],
                "observed": observed}
    return {
        "static_colors/blue": [row("static_colors", "blue", "color@1:r=0;g=0;b=255;opacity=50", "blue, half sheer",
                                   {"r": 0, "g": 0, "b": 255, "opacity": 50}, {"blue": 100}, 3)],
        "static_colors/neutral": [row("static_colors", "neutral", "color@1:r=128;g=128;b=128;opacity=100", "grey",
                                      {"r": 128, "g": 128, "b": 128, "opacity": 100}, {"black": 50, "white": 50}, 7)],
        "static_sound/hiss": [row("static_sound", "hiss", "sound_cell@1:noise=hiss;strength=20", "faint high hiss",
                                  {"noise": "hiss", "strength": 20}, {"hiss": 100}, 5)],
        "dynamic_blends/motion": [row("dynamic_blends", "motion", "motion@1:speed=slow;rhythm=steady;direction=left",
                                      "slow steady leftward drift",
                                      {"speed": "slow", "rhythm": "steady", "direction": "left"}, {"slow": 100}, 2)],
        "dynamic_blends/gradient": [row("dynamic_blends", "gradient", "gradient@1:type=radial;strength=soft",
                                        "soft radial gradient", {"type": "radial", "strength": "soft"},
                                        {"radial": 100}, 2)],
        "narrative/genre": [row("narrative", "genre", "genre@1:documentary", "documentary genre",
                                {"value": "documentary"}, {"documentary": 100}, 4, False)],
        "linguistic/palette": [row("linguistic", "palette", 'linguistic.palette@1:ember = "fire"', "ember meaning fire",
                                   {"span": "ember", "domain": "palette", "value": "fire", "variant": "synonym",
                                    "confidence": 0.9}, {}, 6, False)],
    }


def test_export_then_import_gives_the_same_registries(tmp_path):
    source = TableStore(tmp_path / "source")
    for place, rows in _registry_rows().items():
        registry, category = place.split("/")
        source.write(registry_table(registry), category, pa.Table.from_pylist(rows, schema=REGISTRY_SCHEMA))
    interpretation = {"mood": "calm", "normalised": "a teal drift \u2014 calm", "name": "a teal drift calm",
                      "instruction": json.dumps({"mood": "calm"}), "count": 2, "first_seen": "interpret-000001-v01",
                      "last_seen": "interpret-000001-v02"}
    source.write(registry_table("interpretations"), "calm",
                 pa.Table.from_pylist([interpretation], schema=INTERPRETATION_SCHEMA))
    out = tmp_path / "export.json"
    write_export(source, out, exported_at="2026-05-01T00:00:00.000Z")
    text = out.read_text(encoding="utf-8")
    assert text == dumps(export_registries(source, "2026-05-01T00:00:00.000Z"))  # deterministic
    data = json.loads(text)
    assert data["exported_schema_version"] == 2 and data["motion_assets"]["complete"] is True
    assert data["registries"]["pure_static"]["discoveries"]["colors"][0]["key"] in ("125,125,125", "0,0,250")
    assert {r["key"] for r in data["registries"]["pure_static"]["discoveries"]["colors"]} == {"125,125,125", "0,0,250"}
    assert data["registries"]["pure_static"]["discoveries"]["sound"][0]["key"] == "0.02_high_high"
    assert "\u2014" in text  # non-ASCII raw, as the old exporter wrote it

    target = TableStore(tmp_path / "target")
    report = import_export(target, out)
    assert report["schema"] == "v3" and report["totals"]["rejected"] == 0
    for place, rows in _registry_rows().items():
        registry, category = place.split("/")
        assert imported_rows(target, registry, category) == rows, place
    assert imported_rows(target, "interpretations", "calm") == [interpretation]
    # ...and the round trip is stable: exporting the imported rows gives the same registry rows again.
    again = import_export(target, out)
    assert again["written"] == report["written"]


def test_cli_import_and_export(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MOTION_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))  # the import re-materializes registries there
    assert main(["import", str(SAMPLE), "--dry-run", "--json"]) == 0
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert report["dry_run"] is True and report["totals"]["imported"] == 119
    assert report["quality"]["names.strict_cv_gibberish"] == 12
    assert not (tmp_path / "data" / "tables").exists()
    assert main(["import", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "static.colors" in out and "rejected blended.gradient static (Glassfen): not a gradient type" in out
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2", encoding="utf-8")
    before = _stored_bytes(TableStore(tmp_path / "data"))
    assert main(["import", str(bad)]) == 1
    assert "not valid JSON" in capsys.readouterr().err
    assert _stored_bytes(TableStore(tmp_path / "data")) == before
    assert main(["import", str(tmp_path / "missing.json")]) == 2
    assert main(["export", "--out", str(tmp_path / "out" / "registries.json")]) == 0
    printed = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert Path(printed["out"]).exists()
    with pytest.raises(SystemExit) as exit_info:
        main(["export"])
    assert exit_info.value.code == 2
