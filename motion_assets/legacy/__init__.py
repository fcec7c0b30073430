"""Import of the older system's registry exports (v1, v2) and of our own (v3); export of our registries.

    report = import_export(store, "motion-registries-2026-02-21.json", dry_run=False)
    rows = imported_rows(store, "static_colors", "blue")   # same shape as registry.aggregate rows
    data = export_registries(store)                          # EXPORT_V3.md

No Dagster here: the CLI and (later) the registry assets call these functions. Policy and reasons:
IMPORT_DECISIONS.md; the format we write: EXPORT_V3.md.
"""

from __future__ import annotations

import json
from pathlib import Path

from motion_assets.legacy.export import export_registries, write_export
from motion_assets.legacy.importer import LEGACY, LIST_LABELS, ImportPlan, plan_import
from motion_assets.legacy.quality import cap_of, quality_figures
from motion_assets.legacy.reader import V1_LISTS, ExportFormatError, read_export
from motion_assets.registry.names import key_field
from motion_assets.registry.imported import imported_aliases, imported_rows, rejected_table, write_import
from motion_assets.storage.tables import TableStore

__all__ = ["ExportFormatError", "export_registries", "import_export", "imported_aliases", "imported_rows",
           "write_export", "stored_rows_of"]


def import_export(store: TableStore | None, path: str | Path, dry_run: bool = False) -> dict:
    """Read, check and import one export file; returns the report. ``dry_run`` (or ``store=None``) writes nothing.

    Raises ExportFormatError (nothing written) when the file cannot be read as an export.
    """
    raw = Path(path).read_bytes() if Path(path).exists() else None
    if raw is None:
        raise ExportFormatError(f"no such file: {path}")
    export = read_export(raw, source=str(path))
    plan = plan_import(export, raw)
    rows = stored_rows_of(plan)
    written = write_import(store, rows, plan.source_id, dry_run=dry_run or store is None, history=plan.names,
                           rejected=rejected_table(plan.rejected, plan.source_id, plan.exported_at)) \
        if store is not None else {}
    return _report(export, plan, written, dry_run or store is None)


def stored_rows_of(plan: ImportPlan) -> list[dict]:
    """The plan's entries as rows of table imported_entries (names chosen when stored)."""
    if plan.version == 3:
        rows = []
        for row in plan.registry_rows:
            registry = row.get("registry", "interpretations")
            known = plan.names.get(registry, {}).get(row[key_field(registry)])
            rows.append({**row, "aliases": list(known["aliases"]) if known else [], "legacy": "{}",
                         "source": plan.source_id, "exported_at": plan.exported_at})
        return rows
    seen = f"legacy:{plan.exported_at}"
    rows = []
    for entry in plan.entries.values():
        provenance = json.dumps({"rows": entry.legacy, **{k: v for k, v in entry.extra.items()
                                                          if k not in ("instruction",)}},
                                sort_keys=True, ensure_ascii=False)
        common = {"name": None, "count": entry.count, "aliases": entry.aliases, "legacy": provenance,
                  "source": plan.source_id, "exported_at": plan.exported_at}
        if entry.registry == "interpretations":
            rows.append({"mood": entry.category, "normalised": entry.key,
                         "instruction": json.dumps(entry.extra["instruction"], sort_keys=True, ensure_ascii=False),
                         "first_seen": seen, "last_seen": seen, **common})
            continue
        rows.append({"registry": entry.registry, "category": entry.category, "key": entry.key,
                     "params": json.dumps(entry.params, sort_keys=True, ensure_ascii=False),
                     "depth": json.dumps(entry.depth, sort_keys=True), "jobs": 0, "first_seen": seen,
                     "last_seen": seen, "source_jobs": [], "source_prompts": [], "observed": entry.observed, **common})
    return rows


def _report(export, plan: ImportPlan, written: dict, dry_run: bool) -> dict:
    rows_per_list = {path: len(export.rows(path)) for path in V1_LISTS if path in export.lists}
    partial = [path for path in rows_per_list if rows_per_list[path] == cap_of(path)
               and not path.startswith(("pure_static.primitives", "blended_dynamic.canonical"))]
    totals = {"rows": 0, "imported": 0, "merged": 0, "rejected": 0}
    for label in dict.fromkeys(list(LIST_LABELS.values()) + list(plan.outcome)):
        for what in totals:
            totals[what] += plan.outcome.get(label, {}).get(what, 0)
    held = sorted({e.category for e in plan.entries.values() if e.registry == LEGACY})
    return {
        "source": plan.source,
        "source_id": plan.source_id,
        "schema": {1: "v1", 2: "v2", 3: "v3"}[export.version],
        "exported_at": plan.exported_at,
        "dry_run": dry_run,
        "rows_per_list": rows_per_list,
        "absent_lists": export.absent,
        "unknown_lists": export.extra_lists,
        "partial_lists": [{"list": p, "rows": rows_per_list[p], "cap": cap_of(p),
                           "note": "at its export cap: the registry's true size is unknown"} for p in partial],
        "outcome": plan.outcome,
        "totals": totals,
        "held_without_registry_category": held,
        "rejected": plan.rejected,
        "merged": plan.merged,
        "conversions": plan.conversions,
        "defects": plan.defects,
        "quality": _quality(export),
        "written": written,
    }


def _quality(export) -> dict:
    """The data-quality figures; rows too malformed for a figure leave it out with the reason, never the import."""
    if export.version == 3:
        return {}
    try:
        return quality_figures(export)
    except (TypeError, ValueError, KeyError, AttributeError) as error:
        return {"unavailable": f"rows too malformed for the figures ({type(error).__name__}: {error})"}


def format_report(report: dict) -> str:
    """The report as text for a terminal."""
    lines = [f"{report['source']}: schema {report['schema']}, exported {report['exported_at']}"
             + (" (dry run: nothing written)" if report["dry_run"] else "")]
    lines.append(f"rows per list ({len(report['rows_per_list'])} lists, {sum(report['rows_per_list'].values())} rows):")
    for path, n in report["rows_per_list"].items():
        lines.append(f"  {path:<45} {n:>6}")
    if report["absent_lists"]:
        lines.append(f"absent lists (read as empty): {', '.join(report['absent_lists'])}")
    lines.append("partial lists (truncated at the export cap): "
                 + (", ".join(f"{p['list']} ({p['rows']}/{p['cap']})" for p in report["partial_lists"]) or "none"))
    lines.append(f"{'list':<22} {'rows':>5} {'imported':>9} {'merged':>7} {'rejected':>9}")
    for label, o in report["outcome"].items():
        lines.append(f"{label:<22} {o['rows']:>5} {o['imported']:>9} {o['merged']:>7} {o['rejected']:>9}")
    t = report["totals"]
    lines.append(f"{'total':<22} {t['rows']:>5} {t['imported']:>9} {t['merged']:>7} {t['rejected']:>9}")
    if report["held_without_registry_category"]:
        lines.append("held in the legacy partitions (no registry category here): "
                     + ", ".join(report["held_without_registry_category"]))
    for r in report["rejected"]:
        lines.append(f"rejected {r['list']} {r['key']} ({r['name']}): {r['reason']}")
    for m in report["merged"]:
        lines.append(f"merged {m['list']} {m['key']} ({m['name']}) into {m['into']}")
    for c in report["conversions"]:
        lines.append(f"converted {c['list']} {c['key']}: strength_pct {c['strength_pct']} read as percent")
    lines.append(f"data-quality defects at import: {len(report['defects'])}")
    for d in report["defects"]:
        lines.append(f"  {d['list']} {d['key']}: {d['defect']}")
    if report["quality"]:
        lines.append("data-quality figures (sample_export_v1.expected.md metric ids):")
        for metric, value in report["quality"].items():
            lines.append(f"  {metric}: {json.dumps(value, ensure_ascii=False)}")
    if report["written"]:
        lines.append("stored: " + ", ".join(f"{p} ({n})" for p, n in report["written"].items()))
    return "\n".join(lines)
