"""Mapping the older system's export rows onto our registries (policy and reasons: IMPORT_DECISIONS.md).

`plan_import(export)` decides, row by row, what each row becomes: an entry of one of our registries (keyed with
`keys/canonical.py`, depth from `keys/depth.py`), a merge into an entry another row already made, a row held in a
legacy partition (values we have no registry category for), or a rejection with its reason. Nothing is written
here; `motion_assets.registry.imported` stores a plan.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from motion_assets.keys.canonical import REGISTRY_CATEGORIES, color_cell_key, color_family, text_key
from motion_assets.keys.color_space import canonical_cell
from motion_assets.keys.depth import color_depth, largest_remainder_percentages
from motion_assets.legacy.quality import (
    BANDS,
    BC,
    BL,
    BS,
    CA,
    CAMERA_MOTIONS,
    GR,
    GRADIENT_TYPES,
    MO,
    MOTION_DIRECTIONS,
    MOTION_RHYTHMS,
    MOTION_TRENDS,
    OLD_COLOR_PRIMITIVES,
    PALETTES,
    SC,
    SS,
    STATIC_KEY,
    _sound_parts,
    canonical_blend_value,
    norm_static_key,
    parse_blend_key,
    parse_sound_key,
)
from motion_assets.legacy.reader import NARRATIVE_ASPECTS, LegacyExport
from motion_assets.naming.dictionary import legacy_name_class
from motion_assets.origins.vocabulary import COLOR_LEVELS, OPACITY_LEVELS_PCT

#: Old narrative aspect -> our narrative category.
ASPECTS = {"genre": "genre", "mood": "mood", "themes": "theme", "plots": "plot", "settings": "setting",
           "style": "style", "scene_type": "scene_type"}
#: Old linguistic domain -> our linguistic domain (a domain we lack becomes "other"; the old name is kept).
LINGUISTIC_DOMAIN_MAP = {"audio_tempo": "tempo", "audio_mood": "mood", "audio_presence": "sound", "tone": "mood",
                         "tension": "plot", "composition_balance": "other", "composition_symmetry": "other",
                         "shape": "other"}
#: Where each list of the export goes (report labels of expected.md §4).
LIST_LABELS = {
    SC: "static.colors", SS: "static.sound", BC: "blended.colors", MO: "blended.motion", GR: "blended.gradient",
    CA: "blended.camera", BS: "blended.sound", BL: "blended.blends",
    **{f"semantic_narrative.{a}": f"narrative.{a}" for a in NARRATIVE_ASPECTS},
    "interpretation": "interpretation", "linguistic": "linguistic",
}
#: Registry "legacy": values with no category in our registries, kept (and exported) but not served to a registry.
LEGACY = "legacy"
AMPLITUDE_REFERENCE = 0.1  # our strength 100 % = RMS 0.1 of full scale (README: how the sound carries values)


@dataclass
class Entry:
    """One value after import: where it goes and everything known about it."""

    registry: str
    category: str
    key: str
    params: dict
    depth: dict
    count: int
    observed: bool
    aliases: list[str] = field(default_factory=list)
    legacy: list[dict] = field(default_factory=list)  # the old rows (list, key, name, count, extra fields)
    extra: dict = field(default_factory=dict)  # interpretation fields (normalised prompt, instruction)


@dataclass
class ImportPlan:
    source: str
    source_id: str
    exported_at: str
    version: int
    entries: dict[tuple[str, str, str], Entry] = field(default_factory=dict)
    outcome: dict[str, dict[str, int]] = field(default_factory=dict)
    rejected: list[dict] = field(default_factory=list)
    merged: list[dict] = field(default_factory=list)
    defects: list[dict] = field(default_factory=list)
    conversions: list[dict] = field(default_factory=list)
    registry_rows: list[dict] = field(default_factory=list)  # v3 only: rows restored whole
    names: dict[str, dict[str, dict]] = field(default_factory=dict)  # v3 only: registry -> key -> name ledger row

    def count(self, label: str, what: str) -> None:
        self.outcome.setdefault(label, {"rows": 0, "imported": 0, "merged": 0, "rejected": 0})[what] += 1

    def reject(self, label: str, row: dict, reason: str) -> None:
        self.count(label, "rejected")
        self.rejected.append({"list": label, "key": row.get("key", row.get("entry_key")), "name": row.get("name"),
                              "reason": reason})

    def flag(self, label: str, key, defect: str) -> None:
        self.defects.append({"list": label, "key": key, "defect": defect})

    def add(self, label: str, entry: Entry, row: dict, legacy_key) -> None:
        """Import ``entry``, or merge it into the entry already holding its key (counts summed, names aliased)."""
        identity = (entry.registry, entry.category, entry.key)
        name = row.get("name")
        name = name if isinstance(name, str) or name is None else json.dumps(name, ensure_ascii=False)
        provenance = {"list": label, "key": legacy_key, "name": name, "count": row.get("count")}
        existing = self.entries.get(identity)
        if existing is None:
            entry.legacy.append(provenance)
            if name and name not in entry.aliases:
                entry.aliases.append(name)
            self.entries[identity] = entry
            self.count(label, "imported")
            return
        self.count(label, "merged")
        self.merged.append({"list": label, "key": legacy_key, "into": existing.key, "name": name})
        _merge(existing, entry)
        existing.legacy.append(provenance)
        if name and name not in existing.aliases:
            existing.aliases.append(name)


def _merge(into: Entry, other: Entry) -> None:
    if "mean_rgb" in into.extra and "mean_rgb" in other.extra:
        total = into.count + other.count
        into.extra["mean_rgb"] = [round((a * into.count + b * other.count) / total, 2) if total else a
                                  for a, b in zip(into.extra["mean_rgb"], other.extra["mean_rgb"])]
    into.count += other.count
    for key in ("prompts", "legacy_ids"):
        if key in other.extra:
            into.extra.setdefault(key, []).extend(x for x in other.extra[key] if x not in into.extra[key])


def source_id(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:16]


def plan_import(export: LegacyExport, raw: bytes) -> ImportPlan:
    plan = ImportPlan(source=export.source, source_id=source_id(raw), exported_at=str(export.data.get("exported_at")),
                      version=export.version)
    if export.version == 3:
        from motion_assets.legacy.export import restore_names, restore_rows

        plan.registry_rows = restore_rows(export.data)
        plan.names = restore_names(export.data)
        for row in plan.registry_rows:
            label = f"{row.get('registry', 'interpretations')}.{row['category'] if 'category' in row else row['mood']}"
            plan.count(label, "rows")
            plan.count(label, "imported")
        return plan
    for path, label in LIST_LABELS.items():
        for row in export.rows(path):
            plan.count(label, "rows")
            if not isinstance(row, dict):
                plan.reject(label, {"key": repr(row)[:60]}, "row is not an object")
                continue
            try:
                IMPORTERS[_family(path)](plan, export, path, label, row)
            except Exception as error:  # one unreadable row is rejected with its reason, never the whole import
                plan.reject(label, {"key": _shown_key(row), "name": row.get("name")},
                            f"unreadable row ({type(error).__name__}: {error})"[:200])
    # Rows sorted by count so that merges keep the higher-count row first (its name is the primary alias).
    for entry in plan.entries.values():
        entry.legacy.sort(key=lambda p: (-(p.get("count") or 0), str(p.get("key"))))
        names = [p["name"] for p in entry.legacy if p.get("name")]
        entry.aliases = list(dict.fromkeys(names))
    return plan


def _shown_key(row: dict) -> str:
    key = row.get("key", row.get("entry_key", row.get("span", row.get("id"))))
    return str(key)[:80] if key is not None else repr(row)[:60]


def _family(path: str) -> str:
    return path if path in (SC, SS, BC, MO, GR, CA, BS, BL, "interpretation", "linguistic") else "narrative"


# --- per list ---------------------------------------------------------------------------------------------------


def _static_color(plan: ImportPlan, export: LegacyExport, path: str, label: str, row: dict) -> None:
    key = str(row.get("key", ""))
    match = STATIC_KEY.match(key)
    if not match:
        plan.reject(label, row, "key is not R,G,B or R,G,B_O")
        return
    channels = [int(c) for c in match.groups()[:3]]
    if any(c % 25 or c > 250 for c in channels):
        plan.reject(label, row, "key channel is not a multiple of 25 in 0-250")
        return
    suffix = norm_static_key(key)[1]
    if suffix is None:
        opacity = _opacity_from(row)
        plan.flag(label, key, f"legacy bare key: opacity assumed {opacity} %")
    else:
        opacity = round(float(suffix) * 20) * 5
        if opacity not in OPACITY_LEVELS_PCT:
            plan.reject(label, row, f"opacity suffix {suffix} is not in 0.0-1.0")
            return
    # Old cell c (a multiple of 25, floor) is grid level c/25 of the same 11-level grid: ours is 25.5 * level.
    rgb, opacity = canonical_cell(tuple(COLOR_LEVELS[c // 25] for c in channels), opacity)
    mean = [row.get(c) for c in "rgb"]
    if all(isinstance(v, (int, float)) for v in mean):
        drift = [c for c, v, k in zip("rgb", mean, channels) if int(v // 25) * 25 != k]
        if drift:
            plan.flag(label, key, f"mean RGB outside its cell ({', '.join(drift)}): key kept")
    depth = dict(row.get("depth_breakdown") or {})
    themes = {n: depth.pop(n) for n in list(depth) if n in PALETTES}
    legacy_opacity = depth.pop("opacity", None)
    if legacy_opacity is not None:
        plan.flag(label, key, "opacity inside depth_breakdown: moved to the opacity field")
    if themes:
        plan.flag(label, key, f"palette names in depth_breakdown ({'+'.join(themes)}): moved to theme_breakdown")
    unknown = sorted(set(depth) - set(OLD_COLOR_PRIMITIVES))
    if unknown:
        plan.flag(label, key, f"non-primitive depth keys {unknown}: dropped")
    entry = Entry("static_colors", color_family(rgb, opacity), color_cell_key(rgb, opacity),
                  {"r": rgb[0], "g": rgb[1], "b": rgb[2], "opacity": opacity}, color_depth(rgb),
                  int(row.get("count") or 0), True,
                  extra={"mean_rgb": [float(v) for v in mean] if all(isinstance(v, (int, float)) for v in mean) else None,
                         "theme_breakdown": _percentages(themes), "legacy_depth": _percentages(
                             {k: v for k, v in depth.items() if k in OLD_COLOR_PRIMITIVES})})
    plan.add(label, entry, row, key)


def _opacity_from(row: dict) -> int:
    value = row.get("opacity_pct")  # v2
    if isinstance(value, (int, float)) and round(value / 5) * 5 in OPACITY_LEVELS_PCT:
        return int(round(value / 5) * 5)
    return 100


def _percentages(weights: dict) -> dict:
    clean = {k: float(v) for k, v in weights.items() if isinstance(v, (int, float)) and v > 0}
    return largest_remainder_percentages(clean) if clean else {}


def _static_sound(plan: ImportPlan, export: LegacyExport, path: str, label: str, row: dict) -> None:
    key = str(row.get("key", ""))
    amplitude, parts = parse_sound_key(key)
    if amplitude is None or not parts or len(parts) > 2:
        plan.reject(label, row, "key is not A_TONE or A_TONE_TIMBRE")
        return
    band = parts[0]
    if band not in BANDS:
        plan.reject(label, row, "tone is not a sound band")
        return
    if len(parts) == 1:
        plan.flag(label, key, f"legacy 2-part key: read as {key}_{band}")
    strength = row.get("strength_pct")
    if isinstance(strength, (int, float)) and not isinstance(strength, bool):
        if abs(strength - 100 * amplitude) < 1e-9 and strength != 0:
            plan.conversions.append({"list": label, "key": key, "strength_pct": strength,
                                     "read_as_fraction": round(strength / 100, 6)})
            plan.flag(label, key, f"strength_pct {strength} is a percent: converted to {strength / 100}")
        elif abs(strength - amplitude) > 1e-9:
            plan.flag(label, key, f"strength_pct {strength} disagrees with the key's amplitude {amplitude}")
    noise = BANDS[band]
    origin = (row.get("depth_breakdown") or {}).get("origin_noises") if isinstance(row.get("depth_breakdown"), dict) else None
    if noise != "silence" and amplitude == 0:
        # An audible band at amplitude 0 is silence: its own breakdown says so ({"silence": 1}).
        plan.flag(label, key, "audible band with amplitude 0: imported as silence")
        noise = "silence"
    elif isinstance(origin, dict) and noise not in origin and amplitude > 0:
        plan.flag(label, key, f"band {band} missing from origin_noises {origin}: the key's band is used")
    level = 0 if noise == "silence" else round(amplitude * 100 / AMPLITUDE_REFERENCE)
    if noise != "silence" and level not in (20, 40, 60, 80, 100):
        plan.flag(label, key, f"strength {level} % lies between our strength levels: kept exact")
    entry = Entry("static_sound", noise, _sound_key(noise, level),
                  {"noise": noise, "strength": level}, {noise: 100}, int(row.get("count") or 0), True,
                  extra={"amplitude": amplitude, "band": band})
    plan.add(label, entry, row, key)


def _sound_key(noise: str, strength: int) -> str:
    from motion_assets.keys.canonical import canonical_key

    return canonical_key("sound_cell", {"noise": noise, "strength": int(strength)})


def _blended_color(plan: ImportPlan, export: LegacyExport, path: str, label: str, row: dict) -> None:
    key = str(row.get("key", ""))
    match = STATIC_KEY.match(key)
    if not match or match.group(4) is not None:
        plan.reject(label, row, "key is not R,G,B")
        return
    depth = {k: v for k, v in (row.get("depth_breakdown") or {}).items() if k in OLD_COLOR_PRIMITIVES}
    channels = tuple(int(c) for c in match.groups()[:3])
    entry = Entry(LEGACY, "blended_colors", text_key("legacy.blended_color", key), {"rgb": list(channels)},
                  _percentages(depth), int(row.get("count") or 0), True)
    plan.add(label, entry, row, key)


def _motion(plan: ImportPlan, export: LegacyExport, path: str, label: str, row: dict) -> None:
    key = str(row.get("key", ""))
    parts = key.split("_")
    if len(parts) == 2:
        plan.reject(label, row, "legacy key lacks direction and rhythm")
        return
    if len(parts) != 4:
        plan.reject(label, row, "key is not L_TREND_DIRECTION_RHYTHM")
        return
    level, trend, direction, rhythm = parts
    try:
        float(level)
    except ValueError:
        plan.reject(label, row, "level is not a number")
        return
    if trend not in MOTION_TRENDS or rhythm not in MOTION_RHYTHMS:
        plan.reject(label, row, "trend or rhythm outside the vocabulary")
        return
    if direction not in MOTION_DIRECTIONS:
        plan.flag(label, key, f"direction {direction!r} is out of vocabulary: kept")
    entry = Entry("dynamic_blends", "motion", text_key("legacy.motion", key),
                  {"legacy": "motion", "level": level, "trend": trend, "direction": direction, "rhythm": rhythm},
                  {}, int(row.get("count") or 0), True)
    plan.add(label, entry, row, key)


def _gradient(plan: ImportPlan, export: LegacyExport, path: str, label: str, row: dict) -> None:
    key = str(row.get("key", ""))
    if key not in GRADIENT_TYPES:
        plan.reject(label, row, "not a gradient type")
        return
    _profile(plan, label, row, "gradient", {"legacy": "gradient", "type": key})


def _camera(plan: ImportPlan, export: LegacyExport, path: str, label: str, row: dict) -> None:
    key = str(row.get("key", ""))
    if key not in CAMERA_MOTIONS:
        plan.reject(label, row, "not a camera motion")
        return
    _profile(plan, label, row, "camera", {"legacy": "camera", "type": key})


def _blended_sound(plan: ImportPlan, export: LegacyExport, path: str, label: str, row: dict) -> None:
    parts = _sound_parts(row)
    if parts is None:
        plan.reject(label, row, "role only, with no mood or tempo" if "_" not in str(row.get("key")) and " / " not in
                    str(row.get("key")) else "presence, mood or tempo outside the vocabulary")
        return
    presence, mood, tempo = parts
    _profile(plan, label, row, "sound", {"legacy": "sound", "presence": presence, "mood": mood, "tempo": tempo},
             key=f"{presence}_{mood}_{tempo}")


def _profile(plan: ImportPlan, label: str, row: dict, category: str, params: dict, key: str | None = None) -> None:
    legacy_key = str(row.get("key"))
    if row.get("count") == 0 or (row.get("depth_pct") == 0 and row.get("name") == legacy_key and plan.version == 2):
        plan.reject(label, row, "v2 placeholder row, not an observation")
        return
    entry = Entry("dynamic_blends", category, text_key(f"legacy.{category}", key or legacy_key), params, {},
                  int(row.get("count") or 0), True)
    plan.add(label, entry, row, legacy_key)


def _blend(plan: ImportPlan, export: LegacyExport, path: str, label: str, row: dict) -> None:
    value, ok = parse_blend_key(row.get("key"))
    if not ok:
        plan.flag(label, row.get("key"), "truncated blend key: raw text kept")
    domain = str(row.get("domain") or "unknown")
    identity = canonical_blend_value(row.get("key"))
    entry = Entry(LEGACY, "blends", text_key(f"legacy.blend.{domain}", identity),
                  {"domain": domain, "output": value if ok else None, "raw_key": None if ok else row.get("key")},
                  _percentages(row.get("depth_breakdown") or {}), int(row.get("count") or 0), True)
    plan.add(label, entry, row, row.get("key"))


def _narrative(plan: ImportPlan, export: LegacyExport, path: str, label: str, row: dict) -> None:
    aspect = path.rsplit(".", 1)[1]
    value = row.get("value") or row.get("entry_key")
    if not isinstance(value, str) or not value.strip():
        plan.reject(label, row, "no value")
        return
    category = ASPECTS[aspect]
    value = " ".join(value.split()).lower()
    entry = Entry("narrative", category, text_key(category, value), {"value": value}, {value: 100},
                  int(row.get("count") or 0), False)
    plan.add(label, entry, row, value)


def _linguistic(plan: ImportPlan, export: LegacyExport, path: str, label: str, row: dict) -> None:
    span, canonical, old_domain = row.get("span"), row.get("canonical"), row.get("domain")
    if not all(isinstance(x, str) and x.strip() for x in (span, canonical, old_domain)):
        plan.reject(label, row, "span, canonical or domain missing")
        return
    span = " ".join(span.split()).lower()
    domain = old_domain if old_domain in REGISTRY_CATEGORIES["linguistic"] else LINGUISTIC_DOMAIN_MAP.get(old_domain, "other")
    value = json.dumps(canonical, sort_keys=True)
    params = {"span": span, "domain": domain, "value": canonical, "variant": row.get("variant_type") or "synonym",
              "confidence": None, "legacy_domain": old_domain}
    entry = Entry("linguistic", domain, text_key(f"linguistic.{domain}", f"{span} = {value}"), params, {},
                  int(row.get("count") or 0), False)
    plan.add(label, entry, {**row, "name": None}, f"{span}/{old_domain}")


def _interpretation(plan: ImportPlan, export: LegacyExport, path: str, label: str, row: dict) -> None:
    from motion_assets.interpretation import EmptyPromptError, interpret, normalise_prompt

    prompt = row.get("prompt")
    if not isinstance(prompt, str):
        plan.reject(label, row, "no prompt")
        return
    try:
        instruction = interpret(prompt).to_dict()
    except EmptyPromptError:
        plan.reject(label, row, "empty prompt")
        return
    normalised = normalise_prompt(prompt)
    entry = Entry("interpretations", instruction["mood"], normalised, {"prompt": normalised}, {}, 1, False,
                  extra={"instruction": instruction, "legacy_ids": [row.get("id")],
                         "updated_at": row.get("updated_at")})
    plan.add(label, entry, {**row, "key": row.get("id"), "name": None}, row.get("id"))


IMPORTERS = {SC: _static_color, SS: _static_sound, BC: _blended_color, MO: _motion, GR: _gradient, CA: _camera,
             BS: _blended_sound, BL: _blend, "narrative": _narrative, "linguistic": _linguistic,
             "interpretation": _interpretation}


def name_quality(name) -> str:
    return legacy_name_class(str(name)) if name else "none"
