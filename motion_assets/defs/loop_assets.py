"""The loop as assets, one partition per batch of K videos:
loop_prompts -> loop_interpretations -> loop_specs -> loop_videos -> frame/window/narrative/linguistic discoveries.

Each asset writes its own Parquet partition through the MotionStore resource and returns metadata for the UI.
"""


import base64
import io
import json
import tempfile
from collections import Counter
from pathlib import Path

import pyarrow as pa
from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetExecutionContext,
    AssetKey,
    AssetSpec,
    Failure,
    MaterializeResult,
    MetadataValue,
    RetryPolicy,
    asset,
    multi_asset,
)
from PIL import Image

from motion_assets.creation.build import RegistryState
from motion_assets.creation.materials import NO_MATERIALS, SceneMaterials
from motion_assets.creation.scene_spec import SceneVideoSpec
from motion_assets.creation.spec import VideoSpec
from motion_assets.extraction.scene import measure_scene_file
from motion_assets.defs.check_results import check_result
from motion_assets.defs.partitions import loop_batches
from motion_assets.defs.resources import LoopSettings, MotionStore
from motion_assets.interpretation import interpret, normalise_prompt
from motion_assets.loop.batches import LoopJob, parse_batch_key, plan_batch
from motion_assets.loop.jobs import (
    discovery_table,
    frame_discoveries as frame_rows,
    linguistic_discoveries as linguistic_rows,
    make_spec,
    measure_video,
    narrative_discoveries as narrative_rows,
    observed_narrative_discoveries as observed_narrative_rows,
    VideoRecord,
    in_threads,
    render_video,
    render_videos,
    spec_from_json,
    window_discoveries as window_rows,
)
from motion_assets.loop.scene_discoveries import scene_frame_discoveries, scene_values, scene_window_discoveries
from motion_assets.rendering.encode import remove_partial_files
from motion_assets.loop.records import (
    DISCOVERY_RECORD_SCHEMA,
    FOCUS_REGISTRIES,
    LEARNING_SCHEMA,
    FocusConfigError,
    discovery_record,
    growth_line,
    known_keys,
    learning_record,
    missing_records,
    resolve_focus,
)
from motion_assets.extraction.narrative import narrative_agreement, observed_narrative
from motion_assets.origins.vocabulary import SCENE_WORKFLOWS
from motion_assets.registry.admission import held_back, record_checks
from motion_assets.registry.report import material_names
from motion_assets.storage.tables import TableStore
from motion_assets.verification.agreement import agreement, explicit_fields
from motion_assets.verification.contact_sheet import write_contact_sheet
from motion_assets.verification.scene_fields import expected_fields, field_correct, measured_fields, scene_agreement
from motion_assets.verification.precision import (
    Score,
    discovery_problems,
    dynamic_mismatches,
    measured_dynamic,
    static_color_score,
    static_sound_score,
)

GROUP = "loop"
#: The heavy steps (render, extract) retry once after a transient failure (a killed ffmpeg, a full disk freed):
#: every write replaces its partition's file whole, so a retried step cannot count anything twice.
TRANSIENT_RETRY = RetryPolicy(max_retries=1, delay=1)


def _jobs(store: TableStore, batch: str) -> list[LoopJob]:
    table = store.read("loop_prompts", batch)
    if table is None:
        raise FileNotFoundError(f"loop_prompts has no partition {batch}; materialize loop_prompts first")
    return [LoopJob(**row) for row in table.to_pylist()]


def _instructions(store: TableStore, batch: str) -> dict[str, dict]:
    table = store.read("loop_interpretations", batch)
    if table is None:
        raise FileNotFoundError(f"loop_interpretations has no partition {batch}")
    return {row["job_id"]: json.loads(row["instruction"]) for row in table.to_pylist()}


def _specs(store: TableStore, batch: str) -> dict[str, VideoSpec | SceneVideoSpec]:
    table = store.read("loop_specs", batch)
    if table is None:
        raise FileNotFoundError(f"loop_specs has no partition {batch}")
    return {row["job_id"]: spec_from_json(row["spec"]) for row in table.to_pylist()}


def _spec_row(job_id: str, spec: VideoSpec | SceneVideoSpec) -> dict:
    """What the UI shows of a spec: a scene's place, time, weather, subjects and camera; a probe's scene fields."""
    if isinstance(spec, SceneVideoSpec):
        first = spec.shots[0]
        subjects = sorted({s.kind for shot in spec.shots for s in shot.subjects})
        music = spec.soundtrack.music.genre if spec.soundtrack.music else "silent" if spec.soundtrack.silent else "none"
        return {"job_id": job_id, "setting": first.setting, "time": first.time_of_day,
                "weather": "+".join(first.weather) or "clear", "subjects": ", ".join(subjects) or "none",
                "camera": first.camera_move, "shots": f"{len(spec.shots)} ({spec.join})", "music": music,
                "made_of": ", ".join(f"{n} {source}" for source, n in sorted(
                    Counter(m.source for m in spec.materials).items())) or "nothing recorded",
                "spec": spec.to_json()}
    return {"job_id": job_id, "camera": spec.scene.camera_type, "gradient": spec.scene.gradient_type,
            "lighting": spec.scene.lighting, "transition": spec.scene.transition_type, "spec": spec.to_json()}


def own_keys(context: AssetExecutionContext) -> dict[str, AssetKey]:
    """The keys of the assets this step makes, by name: each workflow's copy of a loop asset carries its workflow
    as a key prefix (``explorer/frame_discoveries``)."""
    return {key.path[-1]: key for key in context.assets_def.keys}


def _rows_preview(rows: list[dict], columns: list[str], limit: int = 10) -> MetadataValue:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in rows[:limit]:
        lines.append("| " + " | ".join(str(row[c]).replace("|", "/")[:80] for c in columns) + " |")
    return MetadataValue.md("\n".join(lines))


@asset(partitions_def=loop_batches, group_name=GROUP, description="The prompts of a loop batch: K jobs, each with "
       "its job id, seed and a natural-English prompt composed for its workflow.")
def loop_prompts(context: AssetExecutionContext, motion_store: MotionStore, loop_settings: LoopSettings):
    store = motion_store.tables()
    state = registry_state_before(store, context.partition_key)
    jobs = plan_batch(context.partition_key, loop_settings.videos_per_batch, loop_settings.base_seed,
                      usage=state.counts)
    rows = [job.to_row() for job in jobs]
    path = store.write("loop_prompts", context.partition_key, pa.Table.from_pylist(rows))
    return MaterializeResult(metadata={"jobs": len(rows), "path": store.shown(path),
                                       "prompts": _rows_preview(rows, ["job_id", "prompt"])})


@asset(partitions_def=loop_batches, group_name=GROUP, deps=[loop_prompts],
       description="Each prompt interpreted into an instruction (the interpretation JSON contract).")
def loop_interpretations(context: AssetExecutionContext, motion_store: MotionStore):
    store = motion_store.tables()
    rows = []
    for job in _jobs(store, context.partition_key):
        instruction = interpret(job.prompt).to_dict()
        rows.append({"job_id": job.job_id, "job_order": job.job_order, "batch": job.batch, "prompt": job.prompt,
                     "normalised": normalise_prompt(job.prompt), "mood": instruction["mood"],
                     "instruction": json.dumps(instruction, sort_keys=True, ensure_ascii=False)})
    path = store.write("loop_interpretations", context.partition_key, pa.Table.from_pylist(rows))
    return MaterializeResult(metadata={"interpretations": len(rows), "path": store.shown(path),
                                       "moods": _rows_preview(rows, ["job_id", "mood", "prompt"])})


def registry_state_before(store: TableStore, batch: str) -> RegistryState:
    """Observation counts from the same workflow's earlier batches only, so rebuilding a batch is reproducible;
    the colours scenes are made of from those of them whose blocking checks passed (what the registries hold)."""
    workflow, _ = parse_batch_key(batch)
    counts: dict[str, int] = {}
    materials = NO_MATERIALS
    for table in ("frame_discoveries", "window_discoveries", "narrative_discoveries"):
        earlier = [p for p in store.partitions(table) if p.startswith(f"{workflow}-") and p < batch]
        if not earlier:
            continue
        result = store.query(
            "SELECT key, count(*) AS n FROM d GROUP BY key", {"d": table}, partitions={"d": earlier})
        counts.update(zip(result.column("key").to_pylist(), result.column("n").to_pylist()))
        if table == "frame_discoveries" and workflow in SCENE_WORKFLOWS:
            admitted = sorted(set(earlier) - held_back(store, earlier))
            if admitted:
                colours = store.query(
                    "SELECT registry, key, min(params) AS params, count(*) AS count, true AS observed FROM d "
                    "WHERE registry = 'static_colors' AND observed GROUP BY registry, key",
                    {"d": table}, partitions={"d": admitted})
                materials = SceneMaterials.from_rows(colours.to_pylist())
    return RegistryState(counts, materials)


@asset(partitions_def=loop_batches, group_name=GROUP, deps=[loop_interpretations],
       description="The video specs: the single record of what each video renders, built from the instruction and "
       "the registry state before this batch.")
def loop_specs(context: AssetExecutionContext, motion_store: MotionStore, loop_settings: LoopSettings):
    store = motion_store.tables()
    instructions = _instructions(store, context.partition_key)
    state = registry_state_before(store, context.partition_key)
    specs = [make_spec(job, instructions[job.job_id], state, loop_settings.render_settings())
             for job in _jobs(store, context.partition_key)]
    rows = [_spec_row(spec.job_id, spec) for spec in specs]
    path = store.write("loop_specs", context.partition_key, pa.Table.from_pylist(rows))
    metadata = {"specs": len(rows), "path": store.shown(path),
                "scenes": _rows_preview(rows, [c for c in rows[0] if c != "spec"] if rows else ["job_id"])}
    made_of = [dict(part=f"{spec.job_id} {m['part']}", **{k: m[k] for k in ("registry", "source", "name", "key")})
               for spec in specs if isinstance(spec, SceneVideoSpec) for m in material_names(store, spec.materials)]
    if made_of:
        metadata["made_of"] = _rows_preview(made_of, ["part", "registry", "source", "name", "key"], limit=40)
    return MaterializeResult(metadata=metadata)


def _contact_sheet(mp4_path: str, fps: int, caption: str, sheet_path: Path) -> str:
    """Write the video's contact sheet (six frames, labelled with their times and the prompt) beside it, and return
    a small inline copy (JPEG) for the materialization's metadata."""
    image = write_contact_sheet(Path(mp4_path), sheet_path, fps, caption=caption)
    small = image.resize((image.width // 2, image.height // 2), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    small.save(buffer, format="JPEG", quality=72)
    return f"![contact sheet](data:image/jpeg;base64,{base64.b64encode(buffer.getvalue()).decode()})"


@asset(partitions_def=loop_batches, group_name=GROUP, deps=[loop_specs], retry_policy=TRANSIENT_RETRY,
       description="The batch's videos, H.264 + AAC MP4s with their lossless WAV, spec and contact sheet beside them: "
       "full-frame scenes with a soundtrack in the scenes workflow, the calibration pattern (swatch strip, sound "
       "cells) in the probe workflows. The materialization shows each video's contact sheet.",
       check_specs=[AssetCheckSpec(
           "rerender_identical", asset="loop_videos", blocking=True,
           description="Rendering the batch's first spec again gives byte-identical MP4 and WAV files.")])
def loop_videos(context: AssetExecutionContext, motion_store: MotionStore, loop_settings: LoopSettings):
    store = motion_store.tables()
    specs = _specs(store, context.partition_key)
    prompts = {job.job_id: job.prompt for job in _jobs(store, context.partition_key)}
    rows, sheets = [], []
    with store.media_workspace(context.partition_key) as out_dir:
        removed = remove_partial_files(out_dir)
        if removed:
            context.log.warning(f"removed {len(removed)} partial file(s) an interrupted run left in {out_dir}")
        def sheet_of(video: VideoRecord) -> str:
            # made while the file is local (an object store gets it uploaded just below)
            return _contact_sheet(video.mp4_path, specs[video.job_id].fps,
                                  f"{video.job_id}: {prompts.get(video.job_id, '')}",
                                  Path(out_dir) / f"{video.job_id}.sheet.png")

        ordered = [spec for _, spec in sorted(specs.items())]
        for video, inline in render_videos(ordered, out_dir, loop_settings.workers(), then=sheet_of):
            record, job_id = video.__dict__, video.job_id
            sheet = Path(out_dir) / f"{job_id}.sheet.png"
            for field in ("mp4_path", "wav_path", "spec_path"):
                record[field] = store.publish_media(context.partition_key, record[field])
            sheets.append(f"**{job_id}** {prompts.get(job_id, '')}  \n`{store.publish_media(context.partition_key, str(sheet))}`"
                          f"  \n{inline}")
            rows.append(record)
            context.log.info(f"rendered {job_id}: {record['mp4_path']} ({record['mp4_bytes']} bytes)")
    path = store.write("loop_videos", context.partition_key, pa.Table.from_pylist(rows))
    yield MaterializeResult(metadata={
        "videos": len(rows),
        "path": store.shown(path),
        "total_bytes": sum(r["mp4_bytes"] for r in rows),
        "files": _rows_preview(rows, ["job_id", "mp4_path", "mp4_bytes"]),
        "contact_sheets": MetadataValue.md("\n\n".join(sheets) or "none"),
    })
    yield _rerender_check(specs, rows)


def _rerender_check(specs: dict[str, VideoSpec], rows: list[dict]) -> AssetCheckResult:
    if not rows:
        return check_result(True, "no video in this batch to render again", {"videos": 0},
                            check_name="rerender_identical")
    sample = rows[0]
    with tempfile.TemporaryDirectory() as scratch:
        again = render_video(specs[sample["job_id"]], Path(scratch))
    differing = [name for name in ("mp4_sha256", "wav_sha256") if getattr(again, name) != sample[name]]
    summary = f"{sample['job_id']} rendered again: " + (
        f"{' and '.join(differing)} differ" if differing else "MP4 and WAV byte-identical")
    return check_result(
        not differing, summary, check_name="rerender_identical",
        metadata={"job_id": sample["job_id"], "mp4_sha256": sample["mp4_sha256"],
                  "differing": ", ".join(differing) or "none"})


PRECISION_CHECKS = [
    AssetCheckSpec("frame_colors_precision", asset="frame_discoveries", blocking=True,
                   description="This batch's frame discoveries (what the static_colors registry grows from): every "
                   "colour cell the specs put into the videos is extracted from the MP4s, and nothing else: precision "
                   "and recall 100%."),
    AssetCheckSpec("frame_sound_precision", asset="frame_discoveries", blocking=True,
                   description="This batch's frame discoveries (what the static_sound registry grows from): every "
                   "sound cell (noise and strength) of the specs is extracted from the MP4s' audio, and nothing else: "
                   "precision and recall 100%."),
    AssetCheckSpec("depth_and_keys", asset="frame_discoveries", blocking=True,
                   description="Every discovery has a canonical key and a depth breakdown summing to exactly 100; "
                   "colour breakdowns reconstruct their colour within half an 8-bit step."),
    AssetCheckSpec("dynamic_recovery", asset="window_discoveries",
                   description="What each MP4 shows equals what its spec rendered: for a probe video its motion, "
                   "gradient, camera, lighting, composition, transition and sound blend; for a scene its shots and "
                   "joins, fades, key, grade, monochrome, camera, silence, music, tempo and pitch register."),
]


def _score_result(check: str, asset_key: AssetKey, score: Score) -> AssetCheckResult:
    summary = (f"precision {score.precision:.2%}, recall {score.recall:.2%}: {score.matched} of {score.expected} "
               f"rendered cells extracted, {score.extracted - score.matched} extracted that were not rendered")
    return check_result(
        score.exact, summary, check_name=check, asset_key=asset_key,
        metadata={
            "precision": score.precision,
            "recall": score.recall,
            "expected": score.expected,
            "extracted": score.extracted,
            "mismatches": MetadataValue.md("\n".join(f"- {m}" for m in score.mismatches) or "none"),
        },
    )


RECORD_CHECK = AssetCheckSpec(
    "records_complete", asset="discovery_records", blocking=True,
    description="Every job of the batch has a stored learning record and a stored discovery record.")
AGREEMENT_CHECK = AssetCheckSpec(
    "prompt_agreement", asset="learning_records",
    description="Each video shows what its prompt asked for: brightness, temperature, saturation, motion speed, "
    "camera and sound presence/pitch measured from the MP4 against the interpretation (fields the prompt named).")
#: The checks of a batch's discoveries; the blocking ones decide whether the registries may grow from the batch.
BATCH_CHECKS = [*PRECISION_CHECKS, RECORD_CHECK, AGREEMENT_CHECK]
BLOCKING_CHECKS = frozenset(spec.name for spec in BATCH_CHECKS if spec.blocking)


def _not_extracted(check: str, asset_key: AssetKey, focus: str) -> AssetCheckResult:
    return check_result(True, f"skipped: not extracted in this run (extraction focus is {focus})",
                        {"focus": focus, "checked": False}, check_name=check, asset_key=asset_key)


@multi_asset(
    partitions_def=loop_batches,
    retry_policy=TRANSIENT_RETRY,
    check_specs=BATCH_CHECKS,
    specs=[
        AssetSpec("frame_discoveries", group_name=GROUP, deps=[loop_videos],
                  description="Per-frame values measured from each MP4: colour cells and sound cells."),
        AssetSpec("window_discoveries", group_name=GROUP, deps=[loop_videos],
                  description="Per-window values measured from each MP4: motion, gradient, camera, lighting, "
                  "composition, transition and sound blend."),
        AssetSpec("learning_records", group_name=GROUP, deps=[loop_videos],
                  description="One learning record per loop job: prompt, instruction, spec and what was measured."),
        AssetSpec("discovery_records", group_name=GROUP, deps=[loop_videos],
                  description="One discovery record per loop job: the extraction focus and the keys it added to "
                  "each registry."),
    ],
)
def video_discoveries(context: AssetExecutionContext, motion_store: MotionStore, loop_settings: LoopSettings):
    try:
        focus, note = resolve_focus(loop_settings.extraction_focus)
    except FocusConfigError as error:
        raise Failure(description=str(error)) from error
    if note:
        context.log.warning(note)
    store = motion_store.tables()
    batch = context.partition_key
    key = own_keys(context)
    videos = store.read("loop_videos", batch)
    if videos is None:
        raise FileNotFoundError(f"loop_videos has no partition {batch}")
    specs = _specs(store, batch)
    instructions = _instructions(store, batch)
    jobs = {job.job_id: job for job in _jobs(store, batch)}
    known = known_keys(store, FOCUS_REGISTRIES[focus])
    frame, window, learning, discovery = [], [], [], []
    added_in_batch: set = set()
    agreements: dict[str, dict] = {}
    colours, sounds = Score(), Score()
    dynamic: dict[str, str] = {}
    scene_batch = any(isinstance(spec, SceneVideoSpec) for spec in specs.values())
    def measure(video: dict):
        spec = specs[video["job_id"]]
        with store.local_media(video["mp4_path"]) as mp4:
            return measure_scene_file(mp4) if isinstance(spec, SceneVideoSpec) else measure_video(mp4, spec.fps, focus)

    video_rows = videos.to_pylist()
    for video, measured in zip(video_rows, in_threads(measure, video_rows, loop_settings.workers())):
        job = jobs[video["job_id"]]
        spec = specs[job.job_id]
        if isinstance(spec, SceneVideoSpec):
            scene = measured
            job_frame = scene_frame_discoveries(job, scene) if focus != "window" else []
            job_window = scene_window_discoveries(job, scene) if focus != "frame" else []
            frame += job_frame
            window += job_window
            analysis: dict = {"focus": focus, "scene": _scene_summary(scene)}
            if focus != "frame":
                recovered = _scene_recovery(spec, scene)
                analysis["recovery"] = recovered
                dynamic.update({f"{job.job_id} {name}": f"job={job.job_id}: {name} expected {r['expected']!r}, "
                                f"measured {r['measured']!r}" for name, r in recovered.items() if not r["agrees"]})
                analysis["agreement"] = agreements[job.job_id] = scene_agreement(instructions[job.job_id], scene)
            observed = observed_narrative(scene)
            analysis["narrative"] = {"intended": dict(spec.narrative), "observed": observed,
                                     "agreement": narrative_agreement(spec.narrative, observed)}
            learning.append(learning_record(job.job_id, batch, job.prompt, instructions[job.job_id], spec.to_json(),
                                            _plain(analysis)))
            discovery.append(discovery_record(job.job_id, batch, focus, job_frame + job_window, known,
                                              added_in_batch))
            continue
        job_frame = frame_rows(job, measured) if focus != "window" else []
        job_window = window_rows(job, measured, spec.fps) if focus != "frame" else []
        frame += job_frame
        window += job_window
        analysis = {"focus": focus, "lighting": measured.lighting, "sound_cells": len(measured.sound_cells),
                    "color_cells": sum(len(cells) for cells in measured.color_cells)}
        if focus != "window":
            colours.add(static_color_score(spec, measured))
            sounds.add(static_sound_score(spec, measured))
        if focus != "frame":
            analysis["dynamic"] = measured_dynamic(measured, spec.fps)
            instruction = instructions[job.job_id]
            analysis["agreement"] = agreement(instruction, measured, spec.fps, explicit_fields(instruction))
            agreements[job.job_id] = analysis["agreement"]
            dynamic.update({f"{job.job_id} {category}": text
                            for category, text in dynamic_mismatches(spec, measured).items()})
        learning.append(learning_record(job.job_id, batch, job.prompt, instructions[job.job_id], spec.to_json(),
                                        analysis))
        discovery.append(discovery_record(job.job_id, batch, focus, job_frame + job_window, known, added_in_batch))
    # Until the checks below have passed, no registry grows from what is written next (registry/admission.py).
    record_checks(store, batch, [(spec.name, True, "pending", "checks not run yet") for spec in BATCH_CHECKS
                                 if spec.blocking])
    for name, rows in (("frame_discoveries", frame), ("window_discoveries", window)):
        path = store.write(name, batch, discovery_table(rows))
        yield MaterializeResult(asset_key=key[name], metadata={
            "rows": len(rows), "distinct_keys": len({r["key"] for r in rows}), "path": store.shown(path), "focus": focus})
    store.write("learning_records", batch, pa.Table.from_pylist(learning, schema=LEARNING_SCHEMA))
    store.write("discovery_records", batch, pa.Table.from_pylist(discovery, schema=DISCOVERY_RECORD_SCHEMA))
    growth = growth_line(focus, discovery)
    context.log.info(growth)
    yield MaterializeResult(asset_key=key["learning_records"], metadata={"records": len(learning)})
    yield MaterializeResult(asset_key=key["discovery_records"], metadata={
        "records": len(discovery), "focus": focus, "growth": growth,
        "added": MetadataValue.json({r["job_id"]: json.loads(r["added"]) for r in discovery})})
    checks: list[AssetCheckResult] = []
    if scene_batch:
        checks.append(_not_exact("frame_colors_precision", key["frame_discoveries"]))
        checks.append(_not_exact("frame_sound_precision", key["frame_discoveries"]))
    elif focus != "window":
        checks.append(_score_result("frame_colors_precision", key["frame_discoveries"], colours))
        checks.append(_score_result("frame_sound_precision", key["frame_discoveries"], sounds))
    else:
        checks.append(_not_extracted("frame_colors_precision", key["frame_discoveries"], focus))
        checks.append(_not_extracted("frame_sound_precision", key["frame_discoveries"], focus))
    problems = discovery_problems(frame + window)
    checks.append(check_result(
        not problems, f"{len(problems)} of {len(frame) + len(window)} discoveries have a bad key or depth"
        if problems else f"all {len(frame) + len(window)} discoveries have canonical keys and depths summing to 100",
        check_name="depth_and_keys", asset_key=key["frame_discoveries"],
        metadata={"rows": len(frame) + len(window),
                  "problems": MetadataValue.md("\n".join(f"- {p}" for p in problems[:20]) or "none")}))
    if focus != "frame":
        checks.append(check_result(
            not dynamic, f"{len(dynamic)} dynamic value(s) measured differently from the spec" if dynamic else
            f"every dynamic value of {len(videos)} video(s) measured as rendered",
            check_name="dynamic_recovery", asset_key=key["window_discoveries"], severity=AssetCheckSeverity.WARN,
            metadata={"windows": len(videos), "not_recovered": len(dynamic),
                      "mismatches": MetadataValue.md("\n".join(f"- {v}" for v in list(dynamic.values())[:20])
                                                     or "none")}))
    else:
        checks.append(_not_extracted("dynamic_recovery", key["window_discoveries"], focus))
    checks.append(_records_check(store, batch, list(jobs), key["discovery_records"]))
    if focus != "frame":
        checks.append(_agreement_check(agreements, key["learning_records"]))
    else:
        checks.append(_not_extracted("prompt_agreement", key["learning_records"], focus))
    # The verdicts are stored before any result is reported: a failing blocking check ends the step.
    record_checks(store, batch, [(c.check_name, c.check_name in BLOCKING_CHECKS, _status(c),
                                  c.metadata["summary"].value) for c in checks])
    yield from checks


def _status(result: AssetCheckResult) -> str:
    """passed | failed | skipped: a check that did not look (another focus, a scene batch) is skipped."""
    checked = result.metadata.get("checked")
    if checked is not None and checked.value is False:
        return "skipped"
    return "passed" if result.passed else "failed"


def _plain(value):
    """``value`` with numpy scalars and tuples made plain JSON values (measurements carry numpy numbers)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value.item() if hasattr(value, "item") else value


def _scene_summary(scene) -> dict:
    """The scene measurement in the learning record: per shot its look, camera and dominant colours with shares."""
    return {
        "shots": [{"frames": [shot.start, shot.end], "key": shot.look.key, "grade": shot.look.grade,
                   "monochrome": shot.look.monochrome, "camera": shot.camera,
                   "colours": [{"rgb": list(c.rgb), "share": c.share, "cell": c.cell} for c in shot.colours]}
                  for shot in scene.shots],
        "joins": [[j.kind, j.start, j.frames] for j in scene.joins],
        "fades": [scene.fade_in_frames, scene.fade_out_frames],
        "silent": scene.silent, "music": scene.music, "tempo_bpm": scene.tempo_bpm,
        "loudness_dbfs": scene.loudness_dbfs,
        "values": [[frame, category, params] for frame, category, params in scene_values(scene)],
    }


def _scene_recovery(spec: SceneVideoSpec, scene) -> dict[str, dict]:
    """Each field the spec decides, against the same field measured from the MP4."""
    measured = measured_fields(scene)
    return {name: {"expected": expected, "measured": measured[name],
                   "agrees": bool(field_correct(name, expected, measured[name], spec.join_frames))}
            for name, expected in expected_fields(spec).items()}


def _not_exact(check: str, asset_key: AssetKey) -> AssetCheckResult:
    return check_result(True, "skipped: a scene batch; the exact round trip of the primitive spaces is the probe "
                        "workflows' (dynamic_recovery compares this batch's scenes with their specs)",
                        {"checked": False, "reason": "scene batch"}, check_name=check, asset_key=asset_key)


def _agreement_check(agreements: dict[str, dict], asset_key: AssetKey) -> AssetCheckResult:
    compared = [(job_id, field, value) for job_id, fields in sorted(agreements.items())
                for field, value in fields.items()]
    missed = [f"job={job_id}: asked {field} {value['asked']!r}, shown {value['shown']!r}"
              for job_id, field, value in compared if not value["agrees"]]
    rate = 1.0 - len(missed) / len(compared) if compared else 1.0
    return check_result(
        not missed, f"{len(compared) - len(missed)} of {len(compared)} asked fields shown ({rate:.0%})",
        check_name="prompt_agreement", asset_key=asset_key, severity=AssetCheckSeverity.WARN,
        metadata={"compared": len(compared), "agreement_rate": round(rate, 4),
                  "missed": MetadataValue.md("\n".join(f"- {m}" for m in missed[:20]) or "none")})


def _records_check(store: TableStore, batch: str, job_ids: list[str], asset_key: AssetKey) -> AssetCheckResult:
    """Read back what was stored: a record counts only once it is on disk."""
    stored = {}
    for table in ("learning_records", "discovery_records"):
        records = store.read(table, batch)
        stored[table] = records.column("job_id").to_pylist() if records is not None else []
    problems = missing_records(job_ids, stored["learning_records"], stored["discovery_records"])
    return check_result(
        not problems, f"{len(problems)} record(s) missing for {len(job_ids)} job(s)" if problems else
        f"learning and discovery records stored for all {len(job_ids)} job(s)",
        check_name="records_complete", asset_key=asset_key,
        metadata={"jobs": len(job_ids), "missing": len(problems),
                  "problems": MetadataValue.md("\n".join(f"- {p}" for p in problems) or "none")})


@asset(partitions_def=loop_batches, group_name=GROUP, deps=[loop_specs, AssetKey("learning_records")],
       description="Narrative values each video was made to carry (from its prompt, observed=false) and, for a "
       "scene, the mood, scene type and setting a viewer reads off its measured picture and sound (observed=true), "
       "with their agreement per category.")
def narrative_discoveries(context: AssetExecutionContext, motion_store: MotionStore):
    store = motion_store.tables()
    batch = context.partition_key
    jobs = {job.job_id: job for job in _jobs(store, batch)}
    records = store.read("learning_records", batch)
    readings = {} if records is None else {
        r["job_id"]: json.loads(r["analysis"]).get("narrative") for r in records.to_pylist()}
    rows = []
    agreed: dict[str, list[bool]] = {}
    for job_id, spec in sorted(_specs(store, batch).items()):
        rows += narrative_rows(jobs[job_id], spec)
        reading = readings.get(job_id)
        if reading:
            rows += observed_narrative_rows(jobs[job_id], reading["observed"])
            for category, verdict in reading["agreement"].items():
                agreed.setdefault(category, []).append(verdict["agrees"])
    path = store.write("narrative_discoveries", batch, discovery_table(rows))
    agreement = {category: f"{sum(v)}/{len(v)}" for category, v in sorted(agreed.items())}
    return MaterializeResult(metadata={
        "rows": len(rows), "observed_rows": sum(1 for r in rows if r["observed"]), "path": store.shown(path),
        "agreement": MetadataValue.json(agreement),
        "summary": MetadataValue.text("intended vs observed: " + (", ".join(f"{c} {a}" for c, a in agreement.items())
                                                                 or "no scene measured"))})


@asset(partitions_def=loop_batches, group_name=GROUP, deps=[loop_interpretations],
       description="Every span the interpreter resolved in this batch's prompts (span, domain, value, variant).")
def linguistic_discoveries(context: AssetExecutionContext, motion_store: MotionStore):
    store = motion_store.tables()
    instructions = _instructions(store, context.partition_key)
    rows = []
    for job in _jobs(store, context.partition_key):
        rows += linguistic_rows(job, instructions[job.job_id])
    path = store.write("linguistic_discoveries", context.partition_key, discovery_table(rows))
    return MaterializeResult(metadata={"rows": len(rows), "path": store.shown(path)})


#: The loop assets as templates: each workflow runs its own copy (defs/workflow_assets.py), partitioned by its
#: own batches. A workflow that renders runs them all; the others (interpret) run INTERPRET_ASSETS.
LOOP_ASSETS = [loop_prompts, loop_interpretations, loop_specs, loop_videos, video_discoveries,
               narrative_discoveries, linguistic_discoveries]
INTERPRET_ASSETS = [loop_prompts, loop_interpretations, linguistic_discoveries]
