"""Reading the older system's registry exports (schema v1 without a version field, v2, and our own v3).

`read_export` parses the bytes once, keeping what JSON hygiene checks need (byte-order mark, duplicate object
keys, NaN/Infinity literals, non-ASCII characters), detects the schema version and gathers the 23 v1 lists (plus
any v2 lists) by their dotted path. A missing list is empty and reported *absent*, never an error
(EXPORT_FORMAT.md §2). Anything that is not an export raises `ExportFormatError` with a message a user can act on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

#: The 23 lists of a v1 export, by dotted path under ``registries``, in file order.
V1_LISTS: tuple[str, ...] = (
    "pure_static.primitives.color_primaries",
    "pure_static.primitives.sound_primaries",
    "pure_static.discoveries.colors",
    "pure_static.discoveries.sound",
    "blended_dynamic.canonical.gradient_type",
    "blended_dynamic.canonical.camera_motion",
    "blended_dynamic.canonical.motion",
    "blended_dynamic.canonical.sound",
    "blended_dynamic.discoveries.colors",
    "blended_dynamic.discoveries.motion",
    "blended_dynamic.discoveries.gradient",
    "blended_dynamic.discoveries.camera",
    "blended_dynamic.discoveries.sound",
    "blended_dynamic.discoveries.blends",
    "semantic_narrative.genre",
    "semantic_narrative.mood",
    "semantic_narrative.themes",
    "semantic_narrative.plots",
    "semantic_narrative.settings",
    "semantic_narrative.style",
    "semantic_narrative.scene_type",
    "interpretation",
    "linguistic",
)
#: Lists that v2 documents and v1 lacks (EXPORT_FORMAT.md §11).
V2_EXTRA_LISTS: tuple[str, ...] = tuple(
    f"blended_dynamic.discoveries.{name}"
    for name in ("colors_from_blends", "lighting", "composition", "graphics", "temporal", "technical")
)
NARRATIVE_ASPECTS: tuple[str, ...] = ("genre", "mood", "themes", "plots", "settings", "style", "scene_type")

#: Our own format (EXPORT_V3.md): a v2-compatible file with a ``motion_assets`` object.
V3_FORMAT = "motion_assets.registry_export"


class ExportFormatError(ValueError):
    """The file is not a registry export we can read (the message says why)."""


@dataclass
class LegacyExport:
    data: dict
    version: int  # 1, 2 or 3 (3: our own export, a superset of v2)
    lists: dict[str, list] = field(default_factory=dict)
    absent: list[str] = field(default_factory=list)
    extra_lists: list[str] = field(default_factory=list)
    bom: bool = False
    duplicate_keys: int = 0
    nan_or_infinity: int = 0
    non_ascii_chars: int = 0
    non_ascii_set: str = ""
    source: str = ""

    def rows(self, path: str) -> list:
        return self.lists.get(path, [])


def read_export(path_or_bytes: str | Path | bytes, source: str | None = None) -> LegacyExport:
    """Parse an export file (a path or its bytes). Raises ExportFormatError for anything unreadable."""
    if isinstance(path_or_bytes, bytes):
        raw, source = path_or_bytes, source or "<bytes>"
    else:
        path = Path(path_or_bytes)
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise ExportFormatError(f"cannot read {path}: {error.strerror or error}") from error
        source = source or str(path)
    bom = raw.startswith(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ExportFormatError(f"{source} is not UTF-8 text (byte {error.start})") from error
    duplicates = 0
    specials = 0

    def pairs(items):
        nonlocal duplicates
        seen: dict = {}
        for key, value in items:
            if key in seen:
                duplicates += 1
            seen[key] = value
        return seen

    def constant(name):
        nonlocal specials
        specials += 1
        return None  # read as null, as JSON.stringify would have written it; reported

    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
    except json.JSONDecodeError as error:
        raise ExportFormatError(f"{source} is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}") \
            from error
    if not isinstance(data, dict) or not isinstance(data.get("registries"), dict):
        raise ExportFormatError(f"{source} is not a registry export: no top-level 'registries' object")
    version = _version(data)
    non_ascii = [ch for ch in text if ord(ch) > 127]
    export = LegacyExport(data=data, version=version, bom=bom, duplicate_keys=duplicates, nan_or_infinity=specials,
                          non_ascii_chars=len(non_ascii), non_ascii_set="".join(sorted(set(non_ascii))), source=source)
    registries = data["registries"]
    for path in V1_LISTS + V2_EXTRA_LISTS:
        value = _dig(registries, path)
        if value is None:
            export.absent.append(path)
            continue
        if not isinstance(value, list):
            raise ExportFormatError(f"{source}: registries.{path} should be a list, found {type(value).__name__}")
        export.lists[path] = value
    known_top = {"pure_static", "blended_dynamic", "semantic_narrative", "interpretation", "linguistic"}
    export.extra_lists = sorted(set(registries) - known_top)
    discoveries = _dig(registries, "blended_dynamic.discoveries") or {}
    if isinstance(discoveries, dict):
        known = {p.rsplit(".", 1)[1] for p in V1_LISTS + V2_EXTRA_LISTS if p.startswith("blended_dynamic.discoveries")}
        export.extra_lists += [f"blended_dynamic.discoveries.{k}" for k in sorted(set(discoveries) - known)]
    return export


def _version(data: dict) -> int:
    if isinstance(data.get("motion_assets"), dict) and data["motion_assets"].get("format") == V3_FORMAT:
        return 3
    if "exported_schema_version" not in data:
        return 1
    version = data["exported_schema_version"]
    if version == 2 and not isinstance(version, bool):
        return 2
    raise ExportFormatError(f"unknown export schema version {version}")


def _dig(tree: dict, path: str):
    node = tree
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node
