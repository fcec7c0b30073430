"""`motion-assets export`: every registry, complete, in a superset of the older system's v2 export (EXPORT_V3.md).

The file is a valid v2 export (``exported_schema_version: 2``; every v2 key keeps its v2 meaning, lists we cannot
fill faithfully are present and empty) plus a ``motion_assets`` object holding every registry row whole, which is
what an import of this file restores, so export -> import gives the same registries.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from motion_assets.keys.canonical import KEY_VERSION, REGISTRY_CATEGORIES
from motion_assets.legacy.reader import V3_FORMAT
from motion_assets.naming import NAMING_VERSION
from motion_assets.origins.vocabulary import COLOR_PRIMITIVES, NOISE_PITCH, NOISES
from motion_assets.registry.names import read_ledger
from motion_assets.registry.report import registry_table
from motion_assets.storage.tables import TableStore

FORMAT_VERSION = 3
ASPECTS_V2 = {"genre": "genre", "mood": "mood", "theme": "themes", "plot": "plots", "setting": "settings",
              "style": "style", "scene_type": "scene_type"}


def read_all_registries(store: TableStore) -> dict[str, dict[str, list[dict]]]:
    """registry -> category -> stored rows (sorted as stored), for every registry and category."""
    out: dict[str, dict[str, list[dict]]] = {}
    for registry, categories in REGISTRY_CATEGORIES.items():
        out[registry] = {}
        for category in categories:
            table = store.read(registry_table(registry), category)
            out[registry][category] = table.to_pylist() if table is not None else []
    return out


def export_registries(store: TableStore, exported_at: str | None = None) -> dict:
    """The export object (see EXPORT_V3.md). ``exported_at`` defaults to now (UTC, milliseconds, ``Z``)."""
    registries = read_all_registries(store)
    if exported_at is None:
        now = datetime.now(timezone.utc)
        exported_at = now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"
    flat = {registry: [row for rows in categories.values() for row in rows] for registry, categories in registries.items()}
    v2 = _v2_lists(flat)
    totals = {registry: {category: len(rows) for category, rows in categories.items()}
              for registry, categories in registries.items()}
    return {
        "exported_at": exported_at,
        "exported_schema_version": 2,
        "registries": v2,
        "loop_progress": None,
        "motion_assets": {
            "format": V3_FORMAT,
            "version": FORMAT_VERSION,
            "key_version": KEY_VERSION,
            "naming_version": NAMING_VERSION,
            "complete": True,
            "row_totals": totals,
            "list_totals": _list_totals(v2),
            "registries": {registry: {category: [_jsonable(r) for r in rows] for category, rows in categories.items()}
                           for registry, categories in registries.items()},
            "names": {registry: [_jsonable(row) for _, row in sorted(read_ledger(store, registry).items())]
                      for registry in REGISTRY_CATEGORIES},
        },
    }


def restore_rows(data: dict) -> list[dict]:
    """The registry rows of a v3 export, as stored (``registry``/``category`` set; interpretations by ``mood``)."""
    section = data["motion_assets"]
    if section.get("version") != FORMAT_VERSION:
        from motion_assets.legacy.reader import ExportFormatError

        raise ExportFormatError(f"unknown motion_assets export version {section.get('version')}")
    rows = []
    for registry, categories in sorted(section.get("registries", {}).items()):
        if registry not in REGISTRY_CATEGORIES:
            continue
        for category, items in sorted(categories.items()):
            for row in items:
                row = dict(row)
                if registry == "interpretations":
                    row.pop("registry", None)
                    row["mood"] = category
                else:
                    row["registry"], row["category"] = registry, category
                rows.append(row)
    return rows


def restore_names(data: dict) -> dict[str, dict[str, dict]]:
    """registry -> key -> name ledger row of a v3 export (empty for exports written before the ledger)."""
    return {registry: {row["key"]: row for row in rows}
            for registry, rows in data["motion_assets"].get("names", {}).items() if registry in REGISTRY_CATEGORIES}


def write_export(store: TableStore, out: str | os.PathLike, exported_at: str | None = None) -> dict:
    """Write the export to ``out`` atomically (temp file + rename); returns the row totals."""
    data = export_registries(store, exported_at)
    text = dumps(data)
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return data["motion_assets"]["row_totals"]


def dumps(data: dict) -> str:
    """Deterministic text: UTF-8, 2-space indent, non-ASCII raw, no trailing newline (as the old exporter)."""
    return json.dumps(data, indent=2, ensure_ascii=False)


def _jsonable(row: dict) -> dict:
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in row.items()}


def _old_cell(value: int) -> int:
    return min(int(value) // 25 * 25, 250)


def _v2_lists(flat: dict[str, list[dict]]) -> dict:
    colors, sounds = [], []
    for row in flat["static_colors"]:
        p = json.loads(row["params"])
        colors.append({"key": ",".join(str(_old_cell(p[c])) for c in "rgb"), "r": p["r"], "g": p["g"], "b": p["b"],
                       "name": row["name"], "count": row["count"], "depth_pct": 100 if json.loads(row["depth"]) else 0,
                       "depth_breakdown": json.loads(row["depth"]), "opacity_pct": p["opacity"], "theme_breakdown": {},
                       "motion_assets_key": row["key"]})
    for row in flat["static_sound"]:
        p = json.loads(row["params"])
        amplitude = round(p["strength"] / 1000, 4)
        band = "silent" if p["noise"] == "silence" else NOISE_PITCH.get(p["noise"], "mid")
        sounds.append({"key": f"{amplitude}_{band}_{band}", "name": row["name"], "count": row["count"],
                       "strength_pct": round(100 * amplitude, 2), "amplitude": amplitude, "noise": p["noise"],
                       "depth_breakdown": {"origin_noises": {p["noise"]: 1}, "amplitude": amplitude,
                                           "strength_pct": round(100 * amplitude, 2)},
                       "motion_assets_key": row["key"]})
    dynamic = {category: [] for category in ("gradient", "camera", "lighting", "composition")}
    for row in flat["dynamic_blends"]:
        p = json.loads(row["params"])
        if row["category"] in dynamic and "legacy" not in p:
            field = {"lighting": "preset", "composition": "balance"}.get(row["category"], "type")
            dynamic[row["category"]].append({"name": row["name"], "key": p[field], "depth_pct": 100,
                                             "depth_breakdown": json.loads(row["depth"]), "count": row["count"],
                                             "motion_assets_key": row["key"]})
    narrative = {aspect: [] for aspect in ASPECTS_V2.values()}
    for row in flat["narrative"]:
        value = json.loads(row["params"])["value"]
        narrative[ASPECTS_V2[row["category"]]].append({"entry_key": value, "value": value, "name": row["name"],
                                                       "count": row["count"]})
    linguistic = []
    for row in flat["linguistic"]:
        p = json.loads(row["params"])
        linguistic.append({"span": p["span"], "canonical": p["value"], "domain": p["domain"],
                           "variant_type": p.get("variant") or "synonym", "count": row["count"],
                           "name": row["name"]})
    by_count = lambda rows: sorted(rows, key=lambda r: (-r.get("count", 0), r.get("motion_assets_key", r.get("key", r.get("entry_key", r.get("span"))))))  # noqa: E731
    return {
        "pure_static": {
            "primitives": {"color_primaries": [{"name": n, "r": v[0], "g": v[1], "b": v[2]} for n, v in COLOR_PRIMITIVES.items()],
                           "sound_primaries": list(NOISES)},
            "discoveries": {"colors": by_count(colors), "sound": by_count(sounds)},
        },
        "blended_dynamic": {
            "canonical": {"gradient_type": ["vertical", "horizontal", "radial", "angled"],
                          "camera_motion": ["static", "pan", "tilt", "dolly", "crane", "zoom", "zoom_out", "handheld",
                                            "roll", "truck", "pedestal", "arc", "tracking", "birds_eye", "whip_pan",
                                            "rotate"],
                          "motion": ["static", "slow", "medium", "fast", "steady", "pulsing", "wave", "random"],
                          "sound": [f"tempo: {t}" for t in ("slow", "medium", "fast")] +
                                   [f"mood: {m}" for m in ("neutral", "calm", "tense", "uplifting", "dark")] +
                                   [f"presence: {p}" for p in ("silence", "ambient", "music", "sfx", "full")]},
            "discoveries": {"colors": [], "motion": [], "gradient": by_count(dynamic["gradient"]),
                            "camera": by_count(dynamic["camera"]), "sound": [], "blends": [],
                            "colors_from_blends": [], "lighting": by_count(dynamic["lighting"]),
                            "composition": by_count(dynamic["composition"]), "graphics": [], "temporal": [],
                            "technical": []},
        },
        "semantic_narrative": {aspect: by_count(rows) for aspect, rows in narrative.items()},
        "interpretation": [],
        "linguistic": by_count(linguistic),
    }


def _list_totals(v2: dict) -> dict[str, int]:
    totals = {}

    def walk(node, prefix):
        for key, value in node.items():
            path = f"{prefix}{key}"
            if isinstance(value, dict):
                walk(value, f"{path}.")
            elif isinstance(value, list):
                totals[path] = len(value)

    walk(v2, "")
    return totals
