"""Every data-quality figure of an older-system export, under the rules of sample_export_v1.expected.md §1.

`quality_figures(export)` returns ``{metric_id: value}`` with the metric ids of that document (``sc.collisions``,
``names.strict_cv_gibberish``, ...). Values are plain JSON: integers, booleans (the document's yes/no), strings,
lists (in file order unless the metric says otherwise) and counters (dicts ordered by count descending, then
value: rule 13). Most figures carry their detail in a sibling ``<metric>.detail`` entry when the document lists
where a defect is.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from datetime import datetime

from motion_assets.legacy.reader import NARRATIVE_ASPECTS, V1_LISTS, V2_EXTRA_LISTS, LegacyExport
from motion_assets.naming.dictionary import is_cv_gibberish, is_numbered, is_prefixed, legacy_name_class

OLD_COLOR_PRIMITIVES = {
    "black": (0, 0, 0), "white": (255, 255, 255), "red": (255, 0, 0), "green": (0, 255, 0), "blue": (0, 0, 255),
    "yellow": (255, 255, 0), "cyan": (0, 255, 255), "magenta": (255, 0, 255), "orange": (255, 165, 0),
    "purple": (128, 0, 128), "pink": (255, 192, 203), "brown": (165, 42, 42), "navy": (0, 0, 128),
    "gray": (128, 128, 128), "olive": (128, 128, 0), "teal": (0, 128, 128),
}
OLD_SOUND_PRIMITIVES = ("silence", "rumble", "tone", "hiss")
BANDS = {"low": "rumble", "mid": "tone", "high": "hiss", "silent": "silence"}
PALETTES = ("ocean", "default", "night", "forest", "warm_sunset", "fire", "dreamy", "neon", "mono")
GRADIENT_TYPES = ("vertical", "horizontal", "radial", "angled")
CAMERA_MOTIONS = ("static", "pan", "tilt", "dolly", "crane", "zoom", "zoom_out", "handheld", "roll", "truck",
                  "pedestal", "arc", "tracking", "birds_eye", "whip_pan", "rotate")
CANONICAL_MOTION = ("static", "slow", "medium", "fast", "steady", "pulsing", "wave", "random")
SOUND_TEMPOS = ("slow", "medium", "fast")
SOUND_MOODS = ("neutral", "calm", "tense", "uplifting", "dark")
SOUND_PRESENCES = ("silence", "ambient", "music", "sfx", "full")
CANONICAL_SOUND = tuple(f"tempo: {v}" for v in SOUND_TEMPOS) + tuple(f"mood: {v}" for v in SOUND_MOODS) + tuple(
    f"presence: {v}" for v in SOUND_PRESENCES)
MOTION_DIRECTIONS = ("none", "horizontal", "vertical", "diagonal", "radial")
MOTION_RHYTHMS = ("steady", "pulsing", "wave", "random")
MOTION_TRENDS = ("steady", "increasing", "decreasing")
NARRATIVE_ORIGINS = {
    "genre": ("general", "documentary", "thriller", "ad", "tutorial", "educational", "explainer"),
    "mood": ("neutral", "dreamy", "dark", "bright", "calm", "energetic", "moody"),
    "themes": ("general", "transformation", "conflict", "journey", "identity", "connection", "loss", "hope"),
    "plots": ("flat", "slow_build", "standard", "immediate"),
    "settings": ("general", "urban", "nature", "interior", "exterior", "studio", "outdoor", "abstract"),
    "style": ("cinematic", "abstract", "minimal", "realistic", "anime"),
    "scene_type": ("establishing", "closeup", "wide", "medium", "dialogue", "action", "montage", "b-roll"),
}
INSTRUCTION_FIELDS_V1 = (
    "palette_name", "motion_type", "intensity", "palette_hints", "motion_hints", "lighting_hints",
    "composition_balance_hints", "composition_symmetry_hints", "color_primitive_lists", "gradient_type",
    "camera_motion", "shape_overlay", "shot_type", "transition_in", "transition_out", "lighting_preset", "genre",
    "composition_balance", "composition_symmetry", "pacing_factor", "tension_curve", "audio_tempo", "audio_mood",
    "audio_presence", "text_overlay", "text_position", "educational_template", "depth_parallax", "duration_seconds",
    "style", "tone", "keywords", "avoid_motion", "avoid_palette", "raw_prompt",
)
#: The old namer's colour vocabulary groups and RGB hint (expected.md appendix).
HINT_WORDS = {
    "shadow": "shadow charcoal obsidian onyx raven coal ink",
    "graphite": "graphite iron lead pewter gunmetal",
    "slate": "slate stone flint ash steel silver",
    "mist": "mist fog haze pearl cloud frost",
    "ember": "ember rust copper terracotta brick",
    "sunset": "sunset coral salmon blush apricot tangerine",
    "rust": "rust sienna ochre bronze umber",
    "moss": "moss sage fern olive jade",
    "forest": "forest pine cedar evergreen laurel",
    "olive": "olive khaki sand tan taupe",
    "teal": "teal turquoise aqua cyan mint",
    "violet": "violet lavender lilac plum amethyst",
    "ocean": "ocean navy indigo sapphire azure",
    "midnight": "midnight twilight dusk deep abyss",
    "neutral": "stone sand linen ivory cream",
}
HINT_GROUPS = {hint: frozenset(words.split()) for hint, words in HINT_WORDS.items()}
COLOUR_WORDS = frozenset().union(*HINT_GROUPS.values())
CAPS = {"interpretation": 100, "linguistic": 200}
DEFAULT_CAP = 500
NAMED_FAMILIES = ("pure_static.discoveries", "blended_dynamic.discoveries", "semantic_narrative")
STATIC_KEY = re.compile(r"^(\d{1,3}),(\d{1,3}),(\d{1,3})(?:_(\d+(?:\.\d+)?))?$")
UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
SC, SS = "pure_static.discoveries.colors", "pure_static.discoveries.sound"
BC, MO = "blended_dynamic.discoveries.colors", "blended_dynamic.discoveries.motion"
GR, CA = "blended_dynamic.discoveries.gradient", "blended_dynamic.discoveries.camera"
BS, BL = "blended_dynamic.discoveries.sound", "blended_dynamic.discoveries.blends"


def rgb_hint(r: float, g: float, b: float) -> str:
    """The old namer's `_rgb_to_semantic_hint` (rules in order)."""
    mx, mn = max(r, g, b), min(r, g, b)
    if mx < 50:
        return "shadow"
    if mx - mn < 40:
        mean = (r + g + b) / 3
        return "graphite" if mean < 80 else "slate" if mean < 140 else "mist"
    if r == mx:
        return "ember" if b > g else ("sunset" if r > 180 else "rust")
    if g == mx:
        return "moss" if r > b else ("forest" if g > 120 else "olive")
    return "teal" if g > r else ("violet" if r > g else ("ocean" if b > 140 else "midnight"))


def counter(values) -> dict:
    """Rule 13: value -> count, by count descending then value."""
    counts = Counter(values)
    return dict(sorted(counts.items(), key=lambda item: (-item[1], str(item[0]))))


def is_float_noise(value) -> bool:
    """Rule 6: a float whose shortest decimal form has 10 or more decimals."""
    if not isinstance(value, float) or not math.isfinite(value):
        return False
    text = repr(value)
    if "e" in text or "E" in text:
        return True
    return "." in text and len(text.split(".")[1]) >= 10


def norm_static_key(key: str) -> tuple[str, str | None]:
    """Rule 2: (R,G,B text, opacity text or None for a bare key)."""
    head, sep, tail = key.partition("_")
    return head, (tail if sep else None)


def parse_sound_key(key: str) -> tuple[float | None, list[str]]:
    parts = key.split("_")
    try:
        amplitude = float(parts[0])
    except ValueError:
        amplitude = None
    return amplitude, parts[1:]


def cap_of(path: str) -> int:
    return CAPS.get(path, DEFAULT_CAP)


def _numeric_sum(breakdown: dict) -> float:
    return sum(v for v in breakdown.values() if isinstance(v, (int, float)) and not isinstance(v, bool))


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else repr(float(number))


def named_rows(export: LegacyExport) -> list[tuple[str, dict]]:
    """(list path, row) of every row that carries a name (rule 1), in file order."""
    rows = []
    for path in V1_LISTS + V2_EXTRA_LISTS:
        if path.startswith(NAMED_FAMILIES):
            rows += [(path, row) for row in export.rows(path) if isinstance(row, dict) and "name" in row]
    return rows


def value_identity(path: str, row: dict) -> tuple:
    """Rule 3: (list, normalised key); narrative rows (aspect, value)."""
    if path.startswith("semantic_narrative."):
        return path, row.get("value", row.get("entry_key"))
    key = row.get("key")
    if path == SC and isinstance(key, str):
        key = norm_static_key(key)[0]
    return path, key


def short(path: str) -> str:
    """Short list label used in the document: static.colors, blended.motion, narrative.genre..."""
    return (path.replace("pure_static.discoveries.", "static.").replace("blended_dynamic.discoveries.", "blended.")
            .replace("semantic_narrative.", "narrative."))


def _count(row: dict) -> float:
    """A row's count where it is a number, else 0 (an unreadable count is reported by the importer)."""
    value = row.get("count")
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else 0


def quality_figures(export: LegacyExport) -> dict:  # noqa: C901 - one figure after another, in document order
    f: dict = {}
    data, lists = export.data, export.lists
    rows = export.rows

    # --- schema and rows ------------------------------------------------------------------------------------
    f["schema.version"] = {1: "v1 (unversioned)", 2: "v2", 3: "v3 (motion_assets)"}[export.version]
    f["schema.coverage_snapshot_present"] = "coverage_snapshot" in data
    f["schema.exported_at"] = data.get("exported_at")
    f["schema.top_level_keys"] = list(data)
    f["schema.registries_keys"] = list(data["registries"])
    f["schema.absent_lists"] = [p for p in export.absent if p in V1_LISTS]
    f["schema.absent_v2_lists"] = [p.rsplit(".", 1)[1] for p in V2_EXTRA_LISTS if p in export.absent]
    f["schema.unknown_lists"] = export.extra_lists
    present = [p for p in V1_LISTS if p in lists]
    f["rows.lists"] = len(present)
    for path in V1_LISTS:
        f[f"rows.{path}"] = len(rows(path))
    f["rows.total"] = sum(len(rows(p)) for p in V1_LISTS)
    family = {"primitives": "pure_static.primitives", "canonical": "blended_dynamic.canonical",
              "static": "pure_static.discoveries", "blended": "blended_dynamic.discoveries",
              "narrative": "semantic_narrative", "interpretation": "interpretation", "linguistic": "linguistic"}
    f["rows.by_family"] = {name: sum(len(rows(p)) for p in V1_LISTS if p.startswith(prefix))
                           for name, prefix in family.items()}
    f["rows.invented"] = sum(n for name, n in f["rows.by_family"].items() if name not in ("primitives", "canonical"))
    named = named_rows(export)
    f["rows.named"] = len(named)

    primaries = rows("pure_static.primitives.color_primaries")
    valid = [p for p in primaries if isinstance(p, dict) and all(
        isinstance(p.get(c), int) and not isinstance(p.get(c), bool) and 0 <= p[c] <= 255 for c in "rgb")]
    f["primitives.color_valid_rgb"] = len(valid)
    f["primitives.match_old_16"] = [(p.get("name"), (p.get("r"), p.get("g"), p.get("b"))) for p in primaries] == [
        (n, v) for n, v in OLD_COLOR_PRIMITIVES.items()]
    f["primitives.sound"] = list(rows("pure_static.primitives.sound_primaries"))

    # --- static colours -----------------------------------------------------------------------------------------
    sc = [r for r in rows(SC) if isinstance(r, dict)]
    keys = [r.get("key", "") for r in sc]
    f["sc.rows"] = len(sc)
    f["sc.count_sum"] = sum(_count(r) for r in sc)
    f["sc.key_with_suffix_1.0"] = sum(1 for k in keys if norm_static_key(k)[1] == "1.0")
    f["sc.key_other_suffix"] = sum(1 for k in keys if norm_static_key(k)[1] not in (None, "1.0"))
    f["sc.key_bare"] = sum(1 for k in keys if norm_static_key(k)[1] is None)
    f["sc.key_bare.detail"] = [k for k in keys if norm_static_key(k)[1] is None]
    f["sc.key_not_grammar"] = [k for k in keys if not STATIC_KEY.match(k)]
    cells: dict[str, list[dict]] = {}
    for r in sc:
        cells.setdefault(norm_static_key(r.get("key", ""))[0], []).append(r)
    collided = {k: v for k, v in cells.items() if len(v) > 1}
    f["sc.collisions"] = len(collided)
    different = {k: [r.get("name") for r in v] for k, v in collided.items() if len({r.get("name") for r in v}) > 1}
    same = {k: [r.get("name") for r in v] for k, v in collided.items() if len({r.get("name") for r in v}) == 1}
    f["sc.collisions_different_names"] = len(different)
    f["sc.collisions_different_names.detail"] = {k: "/".join(v) for k, v in sorted(different.items())}
    f["sc.collisions_same_name"] = len(same)
    f["sc.collisions_same_name.detail"] = {k: "/".join(v) for k, v in sorted(same.items())}
    f["sc.collision_rows"] = sum(len(v) for v in collided.values())
    f["sc.distinct_normalised_keys"] = len(cells)
    f["sc.bare_rows_with_opacity_entry"] = sum(
        1 for r in sc if norm_static_key(r.get("key", ""))[1] is None and "opacity" in (r.get("depth_breakdown") or {}))
    outside = []
    for r in sc:
        match = STATIC_KEY.match(r.get("key", ""))
        if not match:
            continue
        for channel, key_value in zip("rgb", match.groups()[:3]):
            mean = r.get(channel)
            if isinstance(mean, (int, float)) and math.floor(mean / 25) * 25 != int(key_value):
                outside.append(f"{r['key']} {channel}={_fmt(mean)}")
    f["sc.mean_outside_key_bucket"] = len(outside)
    f["sc.mean_outside_key_bucket.detail"] = outside
    channels = [int(c) for k in keys if (m := STATIC_KEY.match(k)) for c in m.groups()[:3]]
    f["sc.key_channels_multiple_of_25"] = all(c % 25 == 0 and c <= 250 for c in channels)
    breakdowns = [(r.get("key"), r.get("depth_breakdown") or {}) for r in sc]
    f["sc.depth_primitives_only"] = sum(1 for _, d in breakdowns if d and set(d) <= set(OLD_COLOR_PRIMITIVES))
    f["sc.depth_with_opacity"] = sum(1 for _, d in breakdowns if "opacity" in d)
    themed = {k: [n for n in d if n in PALETTES] for k, d in breakdowns if any(n in PALETTES for n in d)}
    f["sc.depth_with_theme_keys"] = len(themed)
    f["sc.depth_with_theme_keys.detail"] = {k: "+".join(v) for k, v in themed.items()}
    f["sc.depth_theme_keys_seen"] = sorted({n for v in themed.values() for n in v})
    f["sc.depth_non_primitive_key_rows"] = sum(1 for _, d in breakdowns if set(d) - set(OLD_COLOR_PRIMITIVES))
    sums_incl = [_numeric_sum(d) for _, d in breakdowns]
    sums_excl = [_numeric_sum({n: v for n, v in d.items() if n != "opacity"}) for _, d in breakdowns]
    f["sc.depth_sum_incl_opacity"] = counter(int(s) if float(s).is_integer() else s for s in sums_incl)
    f["sc.depth_sum_ne_100_incl_opacity"] = sum(1 for s in sums_incl if abs(s - 100) > 0.5)
    f["sc.depth_sum_ne_100_excl_opacity"] = sum(1 for s in sums_excl if abs(s - 100) > 0.5)
    f["sc.depth_sum_101_excl_opacity_keys"] = [k for (k, _), s in zip(breakdowns, sums_excl) if abs(s - 100) > 0.5]
    f["sc.depth_pct_values"] = counter(r.get("depth_pct") for r in sc)
    f["sc.rgb_non_integer"] = sum(1 for r in sc if any(not float(r.get(c, 0)).is_integer() for c in "rgb"))
    f["sc.rgb_integer"] = [r["key"] for r in sc if all(float(r.get(c, 0)).is_integer() for c in "rgb")]
    f["sc.rgb_out_of_range"] = sum(1 for r in sc if any(isinstance(r.get(c), (int, float)) and not 0 <= r[c] <= 255 for c in "rgb"))
    f["sc.rgb_missing"] = sum(1 for r in sc if any(not isinstance(r.get(c), (int, float)) for c in "rgb"))
    opacities = {norm_static_key(k)[1] or "1.0" for k in keys}
    f["sc.opacity_levels"] = f"{len(opacities)} of 21"
    rgb_cells = set(cells)
    opacity_cells = {(norm_static_key(k)[0], float(norm_static_key(k)[1] or 1.0)) for k in keys}
    f["sc.cov_rgb_cells_11_grid"] = f"{len(rgb_cells)} of 1331 ({100 * len(rgb_cells) / 1331:.2f} %)"
    f["sc.cov_vs_27951_cells"] = f"{len(opacity_cells)} of 27951 ({100 * len(opacity_cells) / 27951:.3f} %)"

    # --- static sound -----------------------------------------------------------------------------------------
    ss = [r for r in rows(SS) if isinstance(r, dict)]
    f["ss.rows"] = len(ss)
    f["ss.count_sum"] = sum(_count(r) for r in ss)
    parsed = [(r, *parse_sound_key(r.get("key", ""))) for r in ss]
    f["ss.key_tones"] = counter(parts[0] for _, _, parts in parsed if parts)
    f["ss.key_2_part_legacy"] = [r["key"] for r, _, parts in parsed if len(parts) == 1]
    f["ss.key_3_part"] = sum(1 for _, _, parts in parsed if len(parts) == 2)
    f["ss.tone_not_primitive_band"] = [r["key"] for r, _, parts in parsed if parts and parts[0] not in BANDS]
    f["ss.no_strength_pct"] = sum(1 for r in ss if "strength_pct" not in r)
    f["ss.no_depth_breakdown"] = sum(1 for r in ss if "depth_breakdown" not in r)
    f["ss.no_strength_and_no_depth_keys"] = [r["key"] for r in ss if "strength_pct" not in r and "depth_breakdown" not in r]
    strengths = [(r, a, r["strength_pct"]) for r, a, _ in parsed if isinstance(r.get("strength_pct"), (int, float))]
    f["ss.distinct_strength_raw"] = len({s for _, _, s in strengths})
    f["ss.distinct_strength_as_fraction"] = len({round(s / 100 if s > 1 else s, 9) for _, _, s in strengths})
    f["ss.strength_fraction_0_1"] = sum(1 for _, _, s in strengths if 0 < s < 1)
    f["ss.strength_percent_gt_1"] = sum(1 for _, _, s in strengths if s > 1)
    f["ss.strength_percent_gt_1.detail"] = [f"{r['key']}={_fmt(s)}" for r, _, s in strengths if s > 1]
    f["ss.strength_zero"] = sum(1 for _, _, s in strengths if s == 0)
    f["ss.strength_ne_key_amplitude"] = sum(1 for _, a, s in strengths if a is None or abs(s - a) > 1e-9)
    f["ss.strength_ne_key_amplitude.detail"] = [r["key"] for r, a, s in strengths if a is None or abs(s - a) > 1e-9]
    conventions = []
    noises_seen: set[str] = set()
    sum_ne_1 = 0
    dominant = []
    band_missing, zero_audible = [], []
    for r, amplitude, parts in parsed:
        depth = r.get("depth_breakdown")
        band = parts[0] if parts else None
        origin = depth.get("origin_noises") if isinstance(depth, dict) else None
        if not isinstance(origin, dict):
            conventions.append("no depth")
            dominant.append(("none", _count(r)))
        else:
            if len(origin) == 1 and list(origin.values())[0] == 1:
                conventions.append("single weight 1")
            elif set(origin) == {"silence", BANDS.get(band)} and amplitude is not None and \
                    abs(origin[BANDS[band]] - amplitude) < 1e-9:
                conventions.append("silence+band by amplitude")
            else:
                conventions.append("other")
            noises_seen |= {n for n, w in origin.items() if w}
            if abs(sum(origin.values()) - 1) > 1e-6:
                sum_ne_1 += 1
            top = min(origin, key=lambda n: (-origin[n], n)) if origin else "none"
            dominant.append((top, _count(r)))
            if band in BANDS and band != "silent" and amplitude and BANDS[band] not in origin:
                band_missing.append(r["key"])
        if band in BANDS and band != "silent" and amplitude == 0:
            zero_audible.append(r["key"])
    f["ss.origin_conventions"] = counter(conventions)
    f["ss.origin_noises_sum_ne_1"] = sum_ne_1
    by_noise: Counter = Counter()
    for noise, count in dominant:
        by_noise[noise] += count
    f["ss.count_by_dominant_noise"] = dict(sorted(by_noise.items(), key=lambda i: (-i[1], i[0])))
    f["ss.band_missing_from_origin_noises"] = band_missing
    f["ss.audible_band_zero_amplitude"] = zero_audible
    sound_primaries = list(rows("pure_static.primitives.sound_primaries")) or list(OLD_SOUND_PRIMITIVES)
    f["ss.noise_types_seen"] = f"{len(noises_seen & set(sound_primaries))} of {len(sound_primaries)}"
    f["ss.noise_types_seen.detail"] = {"seen": sorted(noises_seen), "missing": sorted(set(sound_primaries) - noises_seen)}
    f["ss.name_sound_prefix"] = sum(1 for r in ss if str(r.get("name", "")).startswith("sound_"))

    # --- blended colours ------------------------------------------------------------------------------------
    bc = [r for r in rows(BC) if isinstance(r, dict)]
    f["bc.rows"] = len(bc)
    f["bc.count_sum"] = sum(_count(r) for r in bc)
    f["bc.distinct_keys"] = len({r.get("key") for r in bc})
    f["bc.key_has_suffix"] = sum(1 for r in bc if "_" in str(r.get("key", "")))
    f["bc.has_rgb_fields"] = sum(1 for r in bc if any(c in r for c in "rgb"))
    f["bc.depth_non_primitive_key_rows"] = sum(
        1 for r in bc if set(r.get("depth_breakdown") or {}) - set(OLD_COLOR_PRIMITIVES))
    bc_sums = [(r.get("key"), _numeric_sum(r.get("depth_breakdown") or {})) for r in bc]
    f["bc.depth_sum_ne_100"] = sum(1 for _, s in bc_sums if abs(s - 100) > 0.5)
    f["bc.depth_sum_ne_100.detail"] = counter(round(s) for _, s in bc_sums if abs(s - 100) > 0.5)
    f["bc.depth_pct_eq_max_component"] = sum(
        1 for r in bc if r.get("depth_breakdown") and r.get("depth_pct") == max(r["depth_breakdown"].values()))
    noisy_rows, noisy_values = [], 0
    for r in bc:
        values = [r.get("depth_pct"), *(r.get("depth_breakdown") or {}).values()]
        n = sum(1 for v in values if is_float_noise(v))
        if n:
            noisy_rows.append(r.get("key"))
            noisy_values += n
    f["bc.float_noise_rows"] = len(noisy_rows)
    f["bc.float_noise_rows.detail"] = noisy_rows
    f["bc.float_noise_values"] = noisy_values
    static_rgb = set(cells)
    blended_rgb = {r.get("key") for r in bc}
    f["xc.static_blended_key_union"] = len(static_rgb | blended_rgb)
    shared = [k for k in cells if k in blended_rgb]
    f["xc.static_blended_shared_keys"] = len(shared)
    blended_name = {r.get("key"): r.get("name") for r in bc}
    differently = {k: ("/".join(r.get("name") for r in cells[k]), blended_name[k]) for k in shared
                   if blended_name[k] not in {r.get("name") for r in cells[k]}}
    f["xc.shared_keys_named_differently"] = len(differently)
    f["xc.shared_keys_named_differently.detail"] = {k: f"{a} vs {b}" for k, (a, b) in differently.items()}

    # --- motion ---------------------------------------------------------------------------------------------
    mo = [r for r in rows(MO) if isinstance(r, dict)]
    f["mo.rows"] = len(mo)
    f["mo.count_sum"] = sum(_count(r) for r in mo)
    f["mo.distinct_keys"] = len({r.get("key") for r in mo})
    parts_of = [(r, str(r.get("key", "")).split("_")) for r in mo]
    f["mo.key_2_part_legacy"] = [r["key"] for r, p in parts_of if len(p) == 2]
    f["mo.key_4_part"] = sum(1 for _, p in parts_of if len(p) == 4)
    f["mo.key_other_grammar"] = sum(1 for _, p in parts_of if len(p) not in (2, 4))
    f["mo.directions"] = counter(p[2] for _, p in parts_of if len(p) == 4)
    f["mo.direction_not_in_origins"] = counter(p[2] for _, p in parts_of if len(p) == 4 and p[2] not in MOTION_DIRECTIONS)
    f["mo.direction_not_in_origins.detail"] = [r["key"] for r, p in parts_of
                                               if len(p) == 4 and p[2] not in MOTION_DIRECTIONS]
    f["mo.rhythm_not_in_origins"] = sum(1 for _, p in parts_of if len(p) == 4 and p[3] not in MOTION_RHYTHMS)
    f["mo.trend_field_ne_key"] = sum(1 for r, p in parts_of if len(p) >= 2 and r.get("trend") != p[1])
    f["mo.no_depth_fields"] = sum(1 for r in mo if "depth_pct" not in r and "depth_breakdown" not in r)
    counts = [r.get("count") for r in mo if isinstance(r.get("count"), int)]
    low = min(counts) if counts else None
    f["mo.min_count_and_ties"] = {"min_count": low, "rows": sum(1 for c in counts if c == low),
                                  "keys": [r["key"] for r in mo if r.get("count") == low]}

    # --- gradient, camera, blended sound --------------------------------------------------------------------------
    gr, ca, bs = (rows(GR), rows(CA), rows(BS))
    f["gr.keys"] = [r.get("key") for r in gr]
    f["gr.key_not_canonical"] = [r.get("key") for r in gr if r.get("key") not in GRADIENT_TYPES]
    observed_gr = {r.get("key") for r in gr if not _placeholder(r)}
    f["gr.coverage"] = f"{len(observed_gr & set(GRADIENT_TYPES))} of {len(GRADIENT_TYPES)}"
    f["ca.keys"] = [r.get("key") for r in ca]
    f["ca.key_not_canonical"] = sum(1 for r in ca if r.get("key") not in CAMERA_MOTIONS)
    observed_ca = {r.get("key") for r in ca if not _placeholder(r)}
    f["ca.coverage"] = f"{len(observed_ca & set(CAMERA_MOTIONS))} of {len(CAMERA_MOTIONS)}"
    f["bs.key_not_presence_mood_tempo"] = [r.get("key") for r in bs if _sound_parts(r) is None]
    combos = {p for r in bs if (p := _sound_parts(r))}
    f["bs.presence_mood_tempo_coverage"] = f"{len(combos)} of {5 * 5 * 3}"
    empty = {name: sum(1 for r in lst if r.get("depth_pct") == 0 and r.get("depth_breakdown") == {})
             for name, lst in (("gradient", gr), ("camera", ca), ("sound", bs))}
    f["gcs.depth_0_and_empty"] = sum(empty.values())
    f["gcs.depth_0_and_empty.detail"] = empty

    # --- blends ---------------------------------------------------------------------------------------------
    bl = [r for r in rows(BL) if isinstance(r, dict)]
    f["bl.rows"] = len(bl)
    f["bl.domains"] = counter(r.get("domain") for r in bl)
    f["bl.key_over_80_chars"] = sum(1 for r in bl if len(str(r.get("key", ""))) > 80)
    f["bl.no_count_field"] = sum(1 for r in bl if "count" not in r)
    f["bl.json_string_keys"] = sum(1 for r in bl if parse_blend_key(r.get("key"))[1])
    f["bl.truncated_keys"] = [r.get("key") for r in bl if not parse_blend_key(r.get("key"))[1]]
    for domain in ("color", "motion"):
        values = [canonical_blend_value(r.get("key")) for r in bl if r.get("domain") == domain]
        f[f"bl.{domain}_distinct_values"] = len(set(values))
        f[f"bl.{domain}_redundant_rows"] = len(values) - len(set(values))
    per_key = Counter((r.get("domain"), canonical_blend_value(r.get("key"))) for r in bl)
    f["bl.max_rows_per_key"] = max(per_key.values(), default=0)
    f["bl.color_rows_misfiled_v2"] = sum(1 for r in bl if r.get("domain") == "color")
    f["bl.motion_depth_keys"] = sorted({k for r in bl if r.get("domain") == "motion" for k in r.get("depth_breakdown") or {}})
    bl_sums = [_numeric_sum(r.get("depth_breakdown") or {}) for r in bl]
    f["bl.depth_sum_ne_100"] = sum(1 for s in bl_sums if abs(s - 100) > 0.5)
    f["bl.depth_sum_ne_100.detail"] = counter(round(s) for s in bl_sums if abs(s - 100) > 0.5)
    f["bl.depth_pct_eq_max_component"] = sum(
        1 for r in bl if r.get("depth_breakdown") and r.get("depth_pct") == max(r["depth_breakdown"].values()))
    f["bl.numbered_names"] = sum(1 for r in bl if is_numbered(str(r.get("name", ""))))

    # --- depth overall --------------------------------------------------------------------------------------
    absent_motion = sum(1 for r in mo if "depth_breakdown" not in r)
    absent_sound = sum(1 for r in ss if "depth_breakdown" not in r)
    empty_any = sum(1 for path in (SC, BC, GR, CA, BS, BL) for r in rows(path)
                    if isinstance(r, dict) and r.get("depth_breakdown") == {})
    absent_other = sum(1 for path in (SC, BC, GR, CA, BS, BL) for r in rows(path)
                       if isinstance(r, dict) and "depth_breakdown" not in r)
    f["depth.missing_or_empty_total"] = absent_motion + absent_sound + empty_any + absent_other
    f["depth.missing_or_empty_total.detail"] = {"motion absent": absent_motion, "static sound absent": absent_sound,
                                               "empty {}": empty_any, "other absent": absent_other}

    # --- names ----------------------------------------------------------------------------------------------
    names = [(p, r, str(r.get("name") or "")) for p, r in named]
    f["names.total"] = len(names)
    f["names.distinct"] = len({n for _, _, n in names})
    f["names.missing_or_empty"] = sum(1 for _, _, n in names if not n.strip())
    classes = [(p, r, n, legacy_name_class(n)) for p, r, n in names]
    cv = [(p, n) for p, _, n, c in classes if c == "cv_gibberish"]
    f["names.strict_cv_gibberish"] = len(cv)
    f["names.strict_cv_gibberish.detail"] = counter(
        "narrative" if p.startswith("semantic_narrative") else p.split(".")[0].split("_")[0] for p, _ in cv)
    f["names.strict_cv_gibberish_list"] = [n for _, n in cv]
    narrative_cv = [r for p, r, n, c in classes if c == "cv_gibberish" and p.startswith("semantic_narrative")]
    f["nar.cv_names_are_count_1"] = all(r.get("count") == 1 for r in narrative_cv)
    pseudo = [(p, r, n) for p, r, n, c in classes if c == "pseudo_word"]
    f["names.planted_pseudo_words"] = len(pseudo)
    f["names.planted_pseudo_words.detail"] = [n for _, _, n in pseudo]
    f["names.compounds"] = [n for _, _, n, c in classes if c == "compound"]
    prefixed = [(p, n) for p, _, n in names if is_prefixed(n)]
    f["names.category_prefix_placeholders"] = len(prefixed)
    f["names.category_prefix_placeholders.detail"] = counter(
        "static sound" if p == SS else "narrative" if p.startswith("semantic_narrative") else short(p) for p, _ in prefixed)
    f["names.with_underscore"] = sum(1 for _, _, n in names if "_" in n)
    f["names.genre_starer_typo_present"] = any(n == "genre_starer" for _, _, n in names)
    numbered = [(p, n) for p, _, n in names if is_numbered(n)]
    f["names.numbered"] = len(numbered)
    f["names.numbered.detail"] = {"blends": sum(1 for p, _ in numbered if p == BL),
                                  "other": [n for p, n in numbered if p != BL]}
    f["names.disambiguation_suffix_rgb"] = sum(1 for _, _, n, c in classes if c == "rgb_suffix")
    identities: dict[str, set] = {}
    lists_of: dict[str, set] = {}
    rows_of: Counter = Counter()
    for p, r, n in names:
        identities.setdefault(n, set()).add(value_identity(p, r))
        lists_of.setdefault(n, set()).add(p)
        rows_of[n] += 1
    reused = {n: len(ids) for n, ids in identities.items() if len(ids) > 1}
    f["names.used_for_multiple_values"] = len(reused)
    f["names.used_for_multiple_values.detail"] = dict(sorted(reused.items(), key=lambda i: (-i[1], i[0])))
    f["names.rows_carrying_such_names"] = sum(rows_of[n] for n in reused)
    multi_list = {n: len(lists_of[n]) for n in reused if len(lists_of[n]) > 1}
    f["names.in_two_or_more_lists"] = len(multi_list)
    f["names.in_two_or_more_lists.detail"] = dict(sorted(multi_list.items(), key=lambda i: (-i[1], i[0])))
    within: dict[str, list[str]] = {}
    for n in reused:
        for path in lists_of[n]:
            if len({i for i in identities[n] if i[0] == path}) > 1:
                within.setdefault(short(path), []).append(n)
    f["names.reused_within_one_list"] = {k: sorted(v) for k, v in within.items()}
    top = max(rows_of, key=lambda n: (rows_of[n], n)) if rows_of else None
    f["names.most_reused"] = {"name": top, "rows": rows_of.get(top, 0), "lists": len(lists_of.get(top, ()))}
    f["names.harbor_rows"] = {"rows": rows_of.get("Harbor", 0), "lists": len(lists_of.get("Harbor", ()))}
    far, near, colour_word_rows, mismatches = [], [], 0, []
    for p, r, n in names:
        if p not in (SC, BC):
            continue
        rgb = _colour_of(p, r)
        if rgb is None:
            continue
        lower = n.lower()
        if lower in OLD_COLOR_PRIMITIVES:
            distance = math.dist(rgb, OLD_COLOR_PRIMITIVES[lower])
            (far if distance > 60 else near).append(f"{n} {r.get('key')} ({distance:.1f})")
        if lower in COLOUR_WORDS:
            colour_word_rows += 1
            hint = rgb_hint(*rgb)
            if lower not in HINT_GROUPS[hint]:
                mismatches.append(f"{n}->{hint}")
    f["names.primitive_name_far_gt60"] = len(far)
    f["names.primitive_name_far_gt60.detail"] = far
    f["names.primitive_name_near_le60"] = len(near)
    f["names.primitive_name_near_le60.detail"] = near
    f["names.colour_word_names"] = colour_word_rows
    f["names.colour_word_vs_hint_mismatch"] = len(mismatches)
    f["names.colour_word_vs_hint_mismatch.detail"] = mismatches

    # --- narrative ------------------------------------------------------------------------------------------
    nar = [(aspect, r) for aspect in NARRATIVE_ASPECTS for r in rows(f"semantic_narrative.{aspect}") if isinstance(r, dict)]
    f["nar.rows"] = len(nar)
    f["nar.rows_per_aspect"] = {a: len(rows(f"semantic_narrative.{a}")) for a in NARRATIVE_ASPECTS}
    f["nar.entry_key_ne_value"] = sum(1 for _, r in nar if r.get("entry_key") != r.get("value", r.get("entry_key")))
    f["nar.count_1_rows"] = sum(1 for _, r in nar if r.get("count") == 1)
    f["nar.low_count_lt5"] = sum(1 for _, r in nar if _count(r) < 5)
    f["nar.low_count_name_ne_value"] = sum(1 for _, r in nar if _count(r) < 5 and r.get("name") != r.get("value"))
    aspects_of: dict[str, list[str]] = {}
    for aspect, r in nar:
        aspects_of.setdefault(r.get("value"), []).append(aspect)
    multi = {v: a for v, a in aspects_of.items() if len(set(a)) > 1}
    f["nar.values_in_multiple_aspects"] = len(multi)
    f["nar.values_in_multiple_aspects.detail"] = {v: "/".join(a) for v, a in multi.items()}
    f["nar.non_origin_values"] = {a: [r.get("value") for asp, r in nar if asp == a and r.get("value") not in NARRATIVE_ORIGINS[a]]
                                  for a in NARRATIVE_ASPECTS}
    f["nar.non_origin_values"] = {a: v for a, v in f["nar.non_origin_values"].items() if v}
    f["nar.count_in_non_origin_values"] = {
        a: f"{sum(r.get('count') or 0 for asp, r in nar if asp == a and r.get('value') not in NARRATIVE_ORIGINS[a])}"
           f"/{sum(r.get('count') or 0 for asp, r in nar if asp == a)}" for a in NARRATIVE_ASPECTS}
    f["nar.origin_values_present"] = {
        a: f"{len({r.get('value') for asp, r in nar if asp == a} & set(NARRATIVE_ORIGINS[a]))}/{len(NARRATIVE_ORIGINS[a])}"
        for a in NARRATIVE_ASPECTS}

    # --- interpretation -------------------------------------------------------------------------------------
    it = [r for r in rows("interpretation") if isinstance(r, dict)]
    prompts = [str(r.get("prompt", "")) for r in it]
    f["int.rows"] = len(it)
    f["int.distinct_prompts"] = len(set(prompts))
    field_lists = [list((r.get("instruction") or {}).keys()) for r in it]
    f["int.instruction_field_count"] = sorted({len(x) for x in field_lists})[0] if len(
        {len(x) for x in field_lists}) == 1 else sorted({len(x) for x in field_lists})
    f["int.instruction_fields_match_old_35"] = bool(it) and all(x == list(INSTRUCTION_FIELDS_V1) for x in field_lists)
    f["int.raw_prompt_ne_lower_prompt"] = sum(
        1 for r in it if (r.get("instruction") or {}).get("raw_prompt") != str(r.get("prompt", "")).lower())
    ids = [str(r.get("id", "")) for r in it]
    f["int.ids_unique_uuid"] = len(set(ids)) == len(ids) and all(UUID4.match(i) for i in ids)
    stamps = [str(r.get("updated_at", "")) for r in it]
    f["int.updated_at_format_ok"] = all(_stamp(s) for s in stamps)
    f["int.ordered_newest_first"] = stamps == sorted(stamps, reverse=True)
    f["int.updated_at_window"] = f"{min(stamps)} .. {max(stamps)}" if stamps else None
    f["int.non_ascii_prompts"] = sum(1 for p in prompts if any(ord(ch) > 127 for ch in p))
    repeated = {p: n for p, n in Counter(prompts).items() if n > 1}
    f["int.prompts_repeated"] = len(repeated)
    f["int.prompts_repeated.detail"] = repeated
    f["int.rows_in_repeated_prompts"] = sum(repeated.values())
    gib = [p for p in prompts if any(is_cv_gibberish(t) for t in re.findall(r"[A-Za-z]{8,}", p))]
    f["int.prompts_with_cv_gibberish_token"] = len(gib)
    f["int.prompts_with_cv_gibberish_token.detail"] = gib

    # --- linguistic -----------------------------------------------------------------------------------------
    li = [r for r in rows("linguistic") if isinstance(r, dict)]
    f["lin.rows"] = len(li)
    domains = sorted({str(r.get("domain")) for r in li})
    f["lin.domains"] = {"count": len(domains), "domains": domains}
    f["lin.variant_types"] = counter(r.get("variant_type") for r in li)
    pairs = Counter((r.get("span"), r.get("domain")) for r in li)
    f["lin.duplicate_span_domain_pairs"] = sum(1 for n in pairs.values() if n > 1)
    f["lin.count_sum"] = sum(_count(r) for r in li)
    spans: dict[str, set] = {}
    for r in li:
        spans.setdefault(r.get("span"), set()).add(r.get("domain"))
    f["lin.spans_in_multiple_domains"] = [s for s, d in spans.items() if len(d) > 1]
    f["lin.identity_mappings"] = [f"{r.get('span')}/{r.get('domain')}" for r in li if r.get("span") == r.get("canonical")]

    # --- truncation, sparse lists, progress, JSON -------------------------------------------------------------
    discovery_like = [p for p in V1_LISTS if p.startswith(("pure_static.discoveries", "blended_dynamic.discoveries",
                                                           "semantic_narrative"))]
    f["lists.partial_truncated"] = [p for p in discovery_like + ["interpretation", "linguistic"]
                                    if len(rows(p)) == cap_of(p) and p in lists]
    f["lists.sparse_le5"] = {short(p): len(rows(p)) for p in discovery_like if p in lists and len(rows(p)) <= 5}
    lp = data.get("loop_progress")
    f["lp.values"] = lp
    if isinstance(lp, dict):
        total = lp.get("total_runs") or 0
        f["lp.precision_below_target"] = (lp.get("precision_pct") or 0) < (lp.get("target_pct") or 95)
        f["lp.precision_consistent"] = bool(total) and lp.get("precision_pct") == round(
            100 * (lp.get("runs_with_learning") or 0) / total)
        f["lp.discovery_rate_consistent"] = bool(total) and lp.get("discovery_rate_pct") == round(
            100 * (lp.get("runs_with_discovery") or 0) / total)
    f["json.parses"] = True
    f["json.duplicate_object_keys"] = export.duplicate_keys
    f["json.nan_or_infinity"] = export.nan_or_infinity
    f["json.bom"] = export.bom
    f["json.non_ascii_chars"] = export.non_ascii_chars
    f["json.non_ascii_chars.detail"] = export.non_ascii_set
    return f


def _placeholder(row: dict) -> bool:
    """v2 appends canonical types as placeholders: count 0, or depth_pct 0 with name == key."""
    return row.get("count") == 0 or (row.get("depth_pct") == 0 and row.get("name") == row.get("key"))


def _sound_parts(row: dict) -> tuple[str, str, str] | None:
    """(presence, mood, tempo) of a blended-sound row, or None when the key is not a full combination."""
    key = str(row.get("key", ""))
    if " / " in key:
        tempo, mood, presence = (key.split(" / ") + ["", "", ""])[:3]
    else:
        parts = key.split("_")
        if len(parts) != 3:
            return None
        presence, mood, tempo = parts
    if presence in SOUND_PRESENCES and mood in SOUND_MOODS and tempo in SOUND_TEMPOS:
        return presence, mood, tempo
    return None


def parse_blend_key(key) -> tuple[object, bool]:
    """(parsed output, parsed_ok): a blend key is JSON text cut at 80 characters; a cut key stays raw text."""
    import json

    if not isinstance(key, str):
        return key, False
    try:
        return json.loads(key), True
    except ValueError:
        return key, False


def canonical_blend_value(key) -> str:
    import json

    value, ok = parse_blend_key(key)
    return json.dumps(value, sort_keys=True) if ok else str(key)


def _colour_of(path: str, row: dict) -> tuple[float, float, float] | None:
    if path == SC:
        values = [row.get(c) for c in "rgb"]
        return tuple(values) if all(isinstance(v, (int, float)) for v in values) else None  # type: ignore[return-value]
    match = STATIC_KEY.match(str(row.get("key", "")))
    return tuple(float(c) for c in match.groups()[:3]) if match else None  # type: ignore[return-value]


def _stamp(text: str) -> bool:
    try:
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").strftime("%Y-%m-%d %H:%M:%S") == text
    except ValueError:
        return False
