"""`motion-assets`: the loop, generation, interpretation and reports, through the same code as the assets.

Exit codes: 0 success, 1 a failure while working (with the reason), 2 bad arguments or input.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import sys
import warnings
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


class UsageError(Exception):
    """Bad arguments or input: exit code 2."""


def _data_dir() -> str:
    """The data location (a path or URL): MOTION_DATA_DIR, else ./data of this repository."""
    from motion_assets.storage.tables import data_dir_from_env

    return data_dir_from_env(REPO_ROOT / "data" if (REPO_ROOT / "pyproject.toml").exists() else "data")


def prepare_dagster_home() -> Path:
    """DAGSTER_HOME, defaulting to <data>/dagster_home with the repository's dagster.yaml (SQLite, embedded); with
    registry data in an object store, ~/.motion_assets/dagster_home."""
    from motion_assets.storage.tables import is_local_location, local_path

    location = _data_dir()
    default = local_path(location) / "dagster_home" if is_local_location(location) else \
        Path.home() / ".motion_assets" / "dagster_home"
    home = Path(os.environ.get("DAGSTER_HOME") or default).resolve()
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    template = REPO_ROOT / "dagster.yaml"
    if not config.exists() and template.exists():
        shutil.copyfile(template, config)
    os.environ["DAGSTER_HOME"] = str(home)
    return home


def _progress(done: int, total: int, label: str) -> None:
    width = 30
    filled = int(width * done / max(total, 1))
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {label:<40}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _above_progress(line: str, details: list[str]) -> None:
    """Print a run's outcome (and what did not pass, one line each) on stdout above the progress bar."""
    sys.stderr.write("\r" + " " * 80 + "\r")
    sys.stderr.flush()
    print(line)
    for detail in details:
        print(f"  {detail}")
    sys.stdout.flush()


def cmd_loop(args: argparse.Namespace) -> int:
    if args.batches < 1 or args.videos_per_batch < 1:
        raise UsageError("--batches and --videos-per-batch must be at least 1")
    if args.parallel is not None and args.parallel < 1:
        raise UsageError("--parallel must be at least 1")
    from motion_assets.storage.tables import TableStore

    store = TableStore(_data_dir())
    store.ensure_writable()
    prepare_dagster_home()
    from motion_assets.defs.partitions import add_batches, adopt_legacy_batches
    from motion_assets.defs.runs import batches_to_run, fail_abandoned_runs, \
        grow_registries, loop_parallelism, persistent_instance, run_loop_batches, stored_batch_size
    from motion_assets.loop.jobs import default_workers

    with persistent_instance() as instance:
        adopt_legacy_batches(instance)
        # Nothing lost: batches a killed or failed loop left unfinished are completed first, in order.
        unfinished, keys = batches_to_run(instance, store, args.workflow, args.batches)
        if unfinished:
            print(f"completing {len(unfinished)} unfinished {args.workflow} batch(es) first: "
                  f"{', '.join(unfinished)}", file=sys.stderr)
        add_batches(instance, keys)
        batches = unfinished + keys
        steps = len(batches) + 1
        abandoned = fail_abandoned_runs(instance)
        if abandoned:
            print(f"marked {len(abandoned)} run(s) of a killed process as failed: {', '.join(abandoned)}",
                  file=sys.stderr)
        parallel = min(loop_parallelism(args.workflow, args.parallel or default_workers()), len(batches))
        if parallel > 1:
            print(f"running up to {parallel} {args.workflow} batches at once", file=sys.stderr)
        sized = [(key, stored_batch_size(store, key, args.videos_per_batch)) for key in batches]
        _progress(0, steps, f"loop batch {batches[0]}" if batches else "")
        for done, (key, outcome) in enumerate(run_loop_batches(instance, args.workflow, sized, parallel), 1):
            _above_progress(f"{key}: {outcome['growth'] or 'nothing extracted'}; "
                            f"checks: {outcome['checks_passed']} passed", outcome["check_lines"])
            if done < len(batches):
                _progress(done, steps, f"loop batch {batches[done]}")
        _progress(len(batches), steps, "growing registries")
        grown = grow_registries(instance)
        _above_progress(f"registries grown; checks: {grown['checks_passed']} passed", grown["check_lines"])
        _progress(steps, steps, "done")
    if unfinished:
        print(f"completed {len(unfinished)} unfinished {args.workflow} batch(es): {', '.join(unfinished)}")
    print(f"materialized {len(keys)} {args.workflow} batch(es): {', '.join(keys)}")
    return 0


def _frame_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise UsageError(f"--size must look like 640x360, got {text!r}") from None
    if not (16 <= width <= 3840 and 16 <= height <= 2160) or width % 2 or height % 2:
        raise UsageError(f"--size must be even numbers within 16x16..3840x2160, got {text!r}")
    return width, height


def cmd_generate(args: argparse.Namespace) -> int:
    from motion_assets.creation.materials import NO_MATERIALS
    from motion_assets.creation.scene_build import DEFAULT_DURATION_S, build_scene_spec
    from motion_assets.registry.report import material_names, scene_materials
    from motion_assets.storage.tables import TableStore
    from motion_assets.interpretation import EmptyPromptError, interpret
    from motion_assets.loop.jobs import render_video
    from motion_assets.verification.contact_sheet import write_contact_sheet

    if args.duration is not None and not 0 < args.duration <= 60:
        raise UsageError("--duration must be in (0, 60] seconds")
    if not 1 <= args.fps <= 60:
        raise UsageError("--fps must be in [1, 60]")
    size = _frame_size(args.size)
    out = Path(args.out)
    if out.suffix.lower() != ".mp4":
        raise UsageError("--out must name an .mp4 file")
    try:
        instruction = interpret(args.prompt).to_dict()
    except EmptyPromptError as error:
        raise UsageError(str(error)) from error
    asked = instruction.get("duration_seconds")
    duration = args.duration or (min(float(asked), 60.0) if asked else DEFAULT_DURATION_S)
    store = TableStore(_data_dir())
    materials = NO_MATERIALS if args.no_registry else scene_materials(store)
    spec = build_scene_spec(job_id=out.stem, seed=args.seed, prompt=args.prompt, instruction=instruction,
                            duration_s=duration, fps=args.fps, size=size, materials=materials)
    record = render_video(spec, out.parent if str(out.parent) else Path("."))
    sheet = out.with_suffix(".sheet.png")
    write_contact_sheet(Path(record.mp4_path), sheet, spec.fps, caption=args.prompt)
    shot = spec.shots[0]
    track = spec.soundtrack
    print(json.dumps({
        "mp4": record.mp4_path, "wav": record.wav_path, "spec": record.spec_path, "contact_sheet": str(sheet),
        "bytes": record.mp4_bytes, "seconds": round(spec.duration_s, 3), "frames": spec.frame_count,
        "size": f"{spec.width}x{spec.height}",
        "scene": {"setting": shot.setting, "time_of_day": shot.time_of_day, "weather": list(shot.weather),
                  "subjects": [s.kind for s in shot.subjects], "camera": shot.camera_move, "shots": len(spec.shots),
                  "join": spec.join, "monochrome": shot.grade.monochrome},
        "soundtrack": {"silent": track.silent, "beds": [b for b, _ in track.beds],
                       "music": track.music.genre if track.music else None,
                       "tempo_bpm": track.music.tempo_bpm if track.music else None},
        "made_of": material_names(store, spec.materials),
    }))
    return 0


def cmd_interpret(args: argparse.Namespace) -> int:
    from motion_assets.interpretation import EmptyPromptError, interpret

    if args.jsonl:
        if args.prompt not in ("-", None):
            raise UsageError("--jsonl reads prompts from standard input: pass '-' as the prompt")
        # Bytes that are not UTF-8 become U+FFFD: one bad line is read as unknown text, never a crash mid-stream.
        stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
        for line in stdin:
            if not line.strip():
                continue
            print(json.dumps(interpret(line.rstrip("\n")).to_dict(), ensure_ascii=False))
        return 0
    if args.prompt is None:
        raise UsageError("give a prompt, or --jsonl - to read prompts from standard input")
    try:
        instruction = interpret(args.prompt).to_dict()
    except EmptyPromptError as error:
        raise UsageError(str(error)) from error
    if args.json:
        print(json.dumps(instruction, ensure_ascii=False))
    else:
        print(json.dumps(instruction, ensure_ascii=False, indent=2))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from motion_assets.registry.report import registry_report
    from motion_assets.storage.tables import TableStore

    report = registry_report(TableStore(_data_dir()))
    if args.json:
        print(json.dumps(report, sort_keys=True))
        return 0
    for registry, body in report["registries"].items():
        share = f", {body['covered']}/{body['total']} of its space ({body['coverage_pct']:.2f}%)" if "total" in body \
            else " (open-ended)"
        print(f"{registry}: {body['entries']} entries{share}")
        for category, figures in body["categories"].items():
            cover = f" {figures['covered']:>6}/{figures['total']:<6} {figures['coverage_pct']:6.2f}%" \
                if "total" in figures else \
                f" +{figures['new_entries']} since loop batch {figures['since_loop_batches']}" \
                if "new_entries" in figures else ""
            print(f"  {category:<16} {figures['entries']:>7} entries {figures['observations']:>9} observations{cover}")
    pairs = report["registries"]["narrative"]["pairs"]
    print(f"narrative pairs: {pairs['covered']}/{pairs['total']} ({pairs['coverage_pct']:.2f}%)")
    for name, figures in report["narrative_pairs"].items():
        print(f"  {name:<24} {figures['covered']:>6}/{figures['total']:<6} {figures['coverage_pct']:6.2f}%")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from motion_assets.legacy import ExportFormatError, format_report, import_export
    from motion_assets.storage.tables import TableStore

    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"no such export file: {path}")
    store = TableStore(_data_dir())
    if not args.dry_run:
        store.ensure_writable()
    try:
        report = import_export(store, path, dry_run=args.dry_run)
    except ExportFormatError as error:
        # A malformed file is a failure of the input, reported with its reason; nothing has been written.
        print(f"motion-assets: failed: {error} (nothing imported)", file=sys.stderr)
        return 1
    if not args.dry_run:
        _grow_after_import(report)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, sort_keys=True))
    else:
        print(format_report(report))
    return 0


def _grow_after_import(report: dict) -> None:
    """Re-materialize the registries an import touched, on the persistent instance: the registries then show the
    imported values, and the names sensor judges their names."""
    from motion_assets.keys.canonical import REGISTRY_CATEGORIES

    registries = sorted({p.split(".", 1)[0] for p in report["written"]} & set(REGISTRY_CATEGORIES))
    if not registries:
        return
    prepare_dagster_home()
    from motion_assets.defs.runs import grow_registries, persistent_instance

    with persistent_instance() as instance:
        grow_registries(instance, registries)
    print(f"registries re-materialized: {', '.join(registries)}", file=sys.stderr)


def cmd_lookup(args: argparse.Namespace) -> int:
    from motion_assets.registry.names import NAMED_REGISTRIES, find_name
    from motion_assets.storage.tables import TableStore

    if args.registry and args.registry not in NAMED_REGISTRIES:
        raise UsageError(f"unknown registry {args.registry}; choose from {', '.join(NAMED_REGISTRIES)}")
    if not args.name.strip():
        raise UsageError("give a name to look up")
    store = TableStore(_data_dir())
    found = find_name(store, args.name, [args.registry] if args.registry else NAMED_REGISTRIES)
    if not args.registry:
        from motion_assets.registry.imported import find_rejected

        found += find_rejected(store, args.name)
    if args.json:
        print(json.dumps(found, ensure_ascii=False))
    for match in [] if args.json else found:
        reason = f": {match['list']}, {match['reason']}" if "reason" in match else ""
        print(f"{match['registry']:<16} {match['key']:<40} {match['name']!r} ({match['matched']}{reason})")
    if not found:
        print(f"no value is or was named {args.name!r}", file=sys.stderr)
        return 1
    return 0


def cmd_backfill_names(args: argparse.Namespace) -> int:
    from motion_assets.registry.names import NAMED_REGISTRIES

    unknown = sorted(set(args.registry or ()) - set(NAMED_REGISTRIES))
    if unknown:
        raise UsageError(f"unknown registry {', '.join(unknown)}; choose from {', '.join(NAMED_REGISTRIES)}")
    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit must be at least 1")
    from motion_assets.storage.tables import TableStore

    if not args.dry_run:
        TableStore(_data_dir()).ensure_writable()
    prepare_dagster_home()
    from motion_assets.defs.runs import backfill_names, persistent_instance

    with persistent_instance() as instance:
        outcome = backfill_names(instance, dry_run=args.dry_run, registries=args.registry or [],
                                 limit=args.limit or 0)
    if args.json:
        print(json.dumps(outcome, ensure_ascii=False, sort_keys=True))
        return 0
    verb = "would rename" if args.dry_run else "renamed"
    for rename in outcome["renames"]:
        print(f"{rename['registry']:<16} {rename['key']:<40} {rename['old']!r} -> {rename['new']!r}")
    more = outcome["renamed"] - len(outcome["renames"])
    if more > 0:
        print(f"... and {more} more (browse the name_renames asset in the UI)")
    print(f"{verb} {outcome['renamed']} name(s) (run {outcome['run_id']}); failing names before: "
          f"{outcome['failing_before']}" + ("" if args.dry_run else f", after: {outcome['failing_after']}")
          + (f"; {outcome['deferred_by_limit']} left by --limit" if outcome["deferred_by_limit"] else "")
          + (f"; registries re-materialized: {', '.join(outcome['refreshed'])}" if outcome["refreshed"] else ""))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from motion_assets.legacy import write_export
    from motion_assets.storage.tables import TableStore

    out = Path(args.out)
    if out.exists() and out.is_dir():
        raise UsageError(f"--out names a directory: {out}")
    totals = write_export(TableStore(_data_dir()), out)
    rows = sum(n for categories in totals.values() for n in categories.values())
    print(json.dumps({"out": str(out), "rows": rows,
                      "registries": {r: sum(c.values()) for r, c in totals.items()}}))
    return 0


class _Stop(Exception):
    """SIGTERM or SIGINT reached `motion-assets ui`."""


#: `dagster dev` says it is superseded by `dg dev` (another package); the project starts it on purpose.
QUIET_DEV = "ignore:Function `dev_command` is superseded"


def cmd_ui(args: argparse.Namespace) -> int:
    """`dagster dev` as a child that stops cleanly on SIGTERM and SIGINT, even when this command was started in the
    background (where a shell leaves SIGINT ignored, and `dagster dev` would ignore both)."""
    import signal
    import subprocess

    home = prepare_dagster_home()
    from motion_assets.defs.partitions import adopt_legacy_batches
    from motion_assets.defs.runs import persistent_instance

    with persistent_instance() as instance:
        adopt_legacy_batches(instance)  # an instance from before the per-workflow batch partitions
    print(f"DAGSTER_HOME={home}; starting dagster dev on http://127.0.0.1:{args.port}", file=sys.stderr)
    command = [sys.executable, "-m", "dagster", "dev", "-w", str(REPO_ROOT / "workspace.yaml"), "-p", str(args.port)]
    env = dict(os.environ, PYTHONWARNINGS=",".join(filter(None, [os.environ.get("PYTHONWARNINGS"), QUIET_DEV])))

    def stop(signum, frame):
        raise _Stop(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    # Started in DAGSTER_HOME: from the repository folder `dagster dev` would warn about the dagster.yaml template
    # there, which DAGSTER_HOME's copy already is. Its own session: a terminal's Ctrl-C reaches it once, from here.
    child = subprocess.Popen(command, cwd=home, env=env, start_new_session=True,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        return child.wait()
    except _Stop:
        print("motion-assets: stopping the Dagster UI", file=sys.stderr)
        child.send_signal(signal.SIGINT)  # dagster dev then stops its webserver, daemon and code server
        try:
            child.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
        return 0


def build_parser() -> argparse.ArgumentParser:
    from motion_assets.origins.vocabulary import WORKFLOWS

    parser = argparse.ArgumentParser(prog="motion-assets", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    loop = sub.add_parser("loop", help="materialize the next loop batches on the persistent Dagster instance")
    loop.add_argument("--workflow", choices=WORKFLOWS, default="explorer")
    loop.add_argument("--batches", type=int, default=1)
    loop.add_argument("--videos-per-batch", type=int, default=2)
    loop.add_argument("--parallel", type=int, default=None, metavar="N",
                      help="run up to N batches at once (default: the number of cores); batches of a workflow "
                      "steered by its earlier batches (all but explorer) always run one after another")
    loop.set_defaults(handler=cmd_loop)
    generate = sub.add_parser("generate", help="render the video a prompt describes")
    generate.add_argument("prompt")
    generate.add_argument("--out", required=True)
    generate.add_argument("--seed", type=int, default=0)
    generate.add_argument("--duration", type=float, default=None,
                          help="seconds (default: the length the prompt asks for, else 6)")
    generate.add_argument("--size", default="640x360", help="WIDTHxHEIGHT, even numbers (default 640x360)")
    generate.add_argument("--fps", type=int, default=24)
    generate.add_argument("--no-registry", action="store_true",
                          help="paint with the scenes' own colours only, not the registries' observed ones (what a "
                               "fresh install shows)")
    generate.set_defaults(handler=cmd_generate)
    interp = sub.add_parser("interpret", help="print the instruction a prompt is read as")
    interp.add_argument("prompt", nargs="?")
    interp.add_argument("--json", action="store_true", help="one JSON object on one line")
    interp.add_argument("--jsonl", action="store_true", help="one prompt per stdin line, one object per line")
    interp.set_defaults(handler=cmd_interpret)
    report = sub.add_parser("report", help="entries and counts per registry and category")
    report.add_argument("--json", action="store_true")
    report.set_defaults(handler=cmd_report)
    imp = sub.add_parser("import", help="import an older-system registry export (v1, v2) or our own export")
    imp.add_argument("file", help="the export JSON file")
    imp.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    imp.add_argument("--json", action="store_true", help="the report as one JSON object on the last line")
    imp.set_defaults(handler=cmd_import)
    export = sub.add_parser("export", help="write every registry to one JSON file (EXPORT_V3.md)")
    export.add_argument("--out", required=True, help="the file to write (atomically)")
    export.set_defaults(handler=cmd_export)
    backfill = sub.add_parser("backfill-names", help="rename every name that fails the naming rules, everywhere "
                              "(runs the backfill_names job on the persistent instance and waits for it)")
    backfill.add_argument("--dry-run", action="store_true", help="print what would be renamed, write nothing")
    backfill.add_argument("--limit", type=int, help="rename at most N names")
    backfill.add_argument("--registry", action="append", help="only this registry (repeatable)")
    backfill.add_argument("--json", action="store_true", help="the outcome as one JSON object on one line")
    backfill.set_defaults(handler=cmd_backfill_names)
    lookup = sub.add_parser("lookup", help="find the values a name means: current names, legacy aliases and names "
                            "retired by backfill-names")
    lookup.add_argument("name")
    lookup.add_argument("--registry", help="only this registry")
    lookup.add_argument("--json", action="store_true", help="the matches as one JSON list")
    lookup.set_defaults(handler=cmd_lookup)
    ui = sub.add_parser("ui", help="start the Dagster UI on the persistent instance")
    ui.add_argument("--port", type=int, default=3000)
    ui.set_defaults(handler=cmd_ui)
    return parser


def main(argv: list[str] | None = None) -> int:
    warnings.filterwarnings("ignore", category=Warning, module="dagster")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except UsageError as error:
        print(f"motion-assets: error: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # a failure while working: say why, exit non-zero
        print(f"motion-assets: failed: {type(error).__name__}: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
