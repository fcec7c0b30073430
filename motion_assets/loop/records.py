"""The operator's signals for each loop job: its extraction focus, learning record and discovery record.

Extraction focus (LOOP_EXTRACTION_FOCUS or the run's config): ``frame`` extracts and grows the per-frame
registries (static colours and sounds), ``window`` the per-window one (dynamic blends), ``all`` both. Narrative,
linguistic and interpretation values come from the prompt, not from extraction, so every focus records them.

Learning record: what the job was asked and what it measured (prompt, instruction, spec, analysis). Discovery
record: what it added to the registries (keys new to each registry, per registry). A job without both is an
incomplete job, and the loop's blocking check fails the run rather than report success without them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping

import pyarrow as pa

EXTRACTION_FOCI = ("frame", "window", "all")
FOCUS_ENV = "LOOP_EXTRACTION_FOCUS"
FOCUS_REGISTRIES = {
    "frame": ("static_colors", "static_sound"),
    "window": ("dynamic_blends",),
    "all": ("static_colors", "static_sound", "dynamic_blends"),
}

LEARNING_SCHEMA = pa.schema([("job_id", pa.string()), ("batch", pa.string()), ("prompt", pa.string()),
                             ("instruction", pa.string()), ("spec", pa.string()), ("analysis", pa.string())])
DISCOVERY_RECORD_SCHEMA = pa.schema([("job_id", pa.string()), ("batch", pa.string()), ("focus", pa.string()),
                                     ("observations", pa.string()), ("added", pa.string()),
                                     ("added_keys", pa.list_(pa.string()))])


class FocusConfigError(ValueError):
    """The run config names an extraction focus that does not exist."""


def resolve_focus(configured: str = "", environ: Mapping[str, str] | None = None) -> tuple[str, str | None]:
    """(focus, note): the run config's focus if given, else LOOP_EXTRACTION_FOCUS, else all.

    An invalid run-config value is an error (the user typed it for this run); an unset environment value is the
    documented default (all, no note); an invalid one means all, and ``note`` says so, to be logged once per run.
    """
    configured = (configured or "").strip().lower()
    if configured:
        if configured not in EXTRACTION_FOCI:
            raise FocusConfigError(
                f"extraction_focus {configured!r} is not one of {', '.join(EXTRACTION_FOCI)}")
        return configured, None
    environ = os.environ if environ is None else environ
    raw = environ.get(FOCUS_ENV)
    if raw is None or not raw.strip():
        return "all", None
    value = raw.strip().lower()
    if value not in EXTRACTION_FOCI:
        return "all", f"{FOCUS_ENV}={raw!r} is not one of {', '.join(EXTRACTION_FOCI)}: extracting all"
    return value, None


def learning_record(job_id: str, batch: str, prompt: str, instruction: dict, spec_json: str,
                    analysis: dict) -> dict:
    return {"job_id": job_id, "batch": batch, "prompt": prompt,
            "instruction": json.dumps(instruction, sort_keys=True, ensure_ascii=False), "spec": spec_json,
            "analysis": json.dumps(analysis, sort_keys=True)}


def discovery_record(job_id: str, batch: str, focus: str, rows: Iterable[dict],
                     known: Mapping[str, Mapping[str, str]], already_added: set[str]) -> dict:
    """What ``rows`` (one job's discoveries) add to the registries.

    ``known``: registry -> {key: first_seen job id} of the registries as stored; a key is added by this job when
    the registry does not hold it yet or first saw it in this job (so re-running after growth tells the same
    story), and no earlier job of this batch (``already_added``, updated here) added it.
    """
    observations: dict[str, int] = {}
    added: dict[str, int] = {registry: 0 for registry in FOCUS_REGISTRIES[focus]}
    added_keys = []
    for row in rows:
        registry, key = row["registry"], row["key"]
        observations[registry] = observations.get(registry, 0) + 1
        first_seen = known.get(registry, {}).get(key)
        if (first_seen is None or first_seen == job_id) and (registry, key) not in already_added:
            already_added.add((registry, key))
            added[registry] = added.get(registry, 0) + 1
            added_keys.append(key)
    return {"job_id": job_id, "batch": batch, "focus": focus,
            "observations": json.dumps(observations, sort_keys=True), "added": json.dumps(added, sort_keys=True),
            "added_keys": sorted(added_keys)}


def missing_records(job_ids: Iterable[str], learning: Iterable[str], discovery: Iterable[str]) -> list[str]:
    """``Missing learning (job_id=...)`` / ``Missing discovery (job_id=...)`` for every incomplete job."""
    learned, discovered = set(learning), set(discovery)
    problems = []
    for job_id in sorted(job_ids):
        if job_id not in learned:
            problems.append(f"Missing learning (job_id={job_id})")
        if job_id not in discovered:
            problems.append(f"Missing discovery (job_id={job_id})")
    return problems


def growth_line(focus: str, records: Iterable[dict]) -> str:
    """``Growth [focus]: registry +N, ...`` summed over the records (zero counts included)."""
    totals = {registry: 0 for registry in FOCUS_REGISTRIES[focus]}
    for record in records:
        for registry, count in json.loads(record["added"]).items():
            totals[registry] = totals.get(registry, 0) + count
    return f"Growth [{focus}]: " + ", ".join(f"{registry} +{count}" for registry, count in totals.items())


def known_keys(store, registries: Iterable[str]) -> dict[str, dict[str, str]]:
    """registry -> {key: first_seen job id} of the stored registry tables (empty where none is stored yet)."""
    from motion_assets.keys.canonical import REGISTRY_CATEGORIES
    from motion_assets.registry.report import registry_table

    known: dict[str, dict[str, str]] = {}
    for registry in registries:
        entries: dict[str, str] = {}
        for category in REGISTRY_CATEGORIES[registry]:
            table = store.read(registry_table(registry), category)
            if table is not None and table.num_rows:
                entries.update(zip(table.column("key").to_pylist(), table.column("first_seen").to_pylist()))
        known[registry] = entries
    return known


#: What a batch stores, in the order its run writes it; the batch is complete only when every table holds it and
#: every job has both records.
RENDER_BATCH_TABLES = ("loop_prompts", "loop_interpretations", "loop_specs", "linguistic_discoveries",
                       "narrative_discoveries", "loop_videos", "frame_discoveries", "window_discoveries",
                       "learning_records", "discovery_records")
INTERPRET_BATCH_TABLES = ("loop_prompts", "loop_interpretations", "linguistic_discoveries")


def batch_tables(batch: str) -> tuple[str, ...]:
    from motion_assets.loop.batches import parse_batch_key

    workflow, _ = parse_batch_key(batch)
    return INTERPRET_BATCH_TABLES if workflow == "interpret" else RENDER_BATCH_TABLES


def batch_gaps(store, batch: str, listed: Mapping[str, set[str]] | None = None) -> list[str]:
    """What batch ``batch`` lacks: ``missing <table>`` per table without its partition and the missing records of
    its jobs (``Missing learning (job_id=...)``); empty when the batch is complete. ``listed`` (table -> stored
    partitions) saves listing the tables again for every batch."""
    tables = batch_tables(batch)
    listed = listed if listed is not None else {table: set(store.partitions(table)) for table in tables}
    gaps = [f"missing {table}" for table in tables if batch not in listed[table]]
    if "learning_records" in tables and "missing loop_prompts" not in gaps:
        jobs = store.read("loop_prompts", batch).column("job_id").to_pylist()
        stored = {}
        for table in ("learning_records", "discovery_records"):
            records = store.read(table, batch)
            stored[table] = records.column("job_id").to_pylist() if records is not None else []
        gaps += missing_records(jobs, stored["learning_records"], stored["discovery_records"])
    return gaps


def incomplete_batches(store, batches: Iterable[str]) -> dict[str, list[str]]:
    """batch -> its gaps, for every batch of ``batches`` that is not complete (in the order given). A batch with
    nothing stored (added, never run) is incomplete too: its gaps name every table."""
    listed = {table: set(store.partitions(table)) for table in RENDER_BATCH_TABLES}
    result = {}
    for batch in batches:
        gaps = batch_gaps(store, batch, listed)
        if gaps:
            result[batch] = gaps
    return result
