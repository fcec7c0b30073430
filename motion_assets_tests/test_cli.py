"""Every command of `motion-assets`, run as a user would: a subprocess with its own data directory."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from motion_assets.keys.canonical import REGISTRY_CATEGORIES


def run(args: list[str], env: dict[str, str], stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "motion_assets.cli", *args], env=env, input=stdin,
                          capture_output=True, text=True, timeout=600)


@pytest.mark.slow
def test_loop_then_report_shows_every_registry(cli_env):
    result = run(["loop", "--batches", "1", "--videos-per-batch", "1"], cli_env)
    assert result.returncode == 0, result.stderr
    assert "explorer-000001" in result.stdout
    report = json.loads(run(["report", "--json"], cli_env).stdout.strip().splitlines()[-1])
    assert set(report["registries"]) == set(REGISTRY_CATEGORIES)
    for registry, body in report["registries"].items():
        assert body["entries"] > 0, registry
        assert sum(c["entries"] for c in body["categories"].values()) == body["entries"]
    # Each run's growth line and check outcomes, printed above the progress bar.
    assert "explorer-000001: Growth [all]: static_colors +" in result.stdout
    assert "; checks: 7 passed" in result.stdout and "registries grown; checks: 42 passed" in result.stdout
    # The runs went to the persistent instance as runs of the UI's code location: they show on the job pages.
    from dagster import DagsterInstance, RunsFilter

    with DagsterInstance.from_config(cli_env["DAGSTER_HOME"]) as instance:
        grown = instance.get_runs(RunsFilter(job_name="grow_static_colors_job",
                                             tags={".dagster/repository": "__repository__@motion_assets"}))
        assert len(grown) == 1 and grown[0].remote_job_origin.location_name == "motion_assets"
        # A new instance's first loop is quiet: no warning in any run's log, and every check's latest result (what
        # the UI shows) passed. The only checks that did not pass on the way are the registries' up-to-date checks
        # in the loop batch's run (stale until they grew, which the registry runs then cleared).
        from motion_assets.defs.registry_freshness import UP_TO_DATE_CHECK_NAMES

        latest = {}
        for dagster_run in reversed(instance.get_runs()):
            records = instance.all_logs(dagster_run.run_id)
            warnings = [r.user_message for r in records if r.level >= logging.WARNING]
            assert not warnings, (dagster_run.job_name, warnings)
            evaluations = [r.dagster_event.event_specific_data for r in records if r.dagster_event
                           and r.dagster_event.event_type_value == "ASSET_CHECK_EVALUATION"]
            failed = {e.check_name for e in evaluations if not e.passed}
            # Every check result says in one line what it found.
            for e in evaluations:
                assert "summary" in e.metadata and "\n" not in e.metadata["summary"].value, e.check_name
                assert e.description == e.metadata["summary"].value, e.check_name
            assert failed <= (UP_TO_DATE_CHECK_NAMES if dagster_run.job_name == "explorer_loop_job" else set()), \
                (dagster_run.job_name, failed)
            latest.update({(e.asset_key, e.check_name): e.passed for e in evaluations})
        assert len(latest) == 42 + 7 and all(latest.values()), [k for k, ok in latest.items() if not ok]
    # The sound workflow extracts with the focus its sensor uses (frame).
    again = run(["loop", "--workflow", "sound", "--batches", "1", "--videos-per-batch", "1"], cli_env)
    assert again.returncode == 0, again.stderr
    assert "sound-000001: Growth [frame]: static_colors +" in again.stdout
    text = run(["report"], cli_env)
    assert text.returncode == 0 and "static_colors" in text.stdout


def test_generate_writes_a_full_frame_scene_of_the_prompts_length(cli_env, tmp_path):
    out = tmp_path / "clip.mp4"
    prompt = "a 2 second clip: very slow push in on a candle in a room, golden hour"
    result = run(["generate", prompt, "--out", str(out), "--seed", "7", "--size", "256x144"], cli_env)
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout.strip().splitlines()[-1])
    assert out.stat().st_size > 10_000 and Path(info["spec"]).exists() and Path(info["wav"]).exists()
    assert Path(info["contact_sheet"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    spec = json.loads(Path(info["spec"]).read_text())
    assert spec["kind"] == "scene" and spec["seed"] == 7 and (spec["width"], spec["height"]) == (256, 144)
    assert info["seconds"] == 2.0 and info["frames"] == 48
    assert info["scene"]["setting"] == "room" and info["scene"]["camera"] == "dolly_in"
    # What the scene is made of, part by part: a fresh install's registries hold nothing yet, so nothing is named.
    made_of = {row["part"]: row for row in info["made_of"]}
    assert made_of["shot 1 candle 1"]["registry"] == "static_colors" and made_of["shot 1 camera"]["source"] == "asked"
    assert {row["source"] for row in info["made_of"]} <= {"scene", "asked"}
    assert all(row["name"] is None for row in info["made_of"])
    from motion_assets.rendering.encode import decode_frames

    assert decode_frames(out).shape == (48, 144, 256, 3)


def test_interpret_json_and_jsonl(cli_env):
    result = run(["interpret", "zoom out over the city at night", "--json"], cli_env)
    assert result.returncode == 0
    instruction = json.loads(result.stdout.strip().splitlines()[-1])
    assert instruction["camera"] == "zoom_out" and instruction["time_of_day"] == "night"
    lines = run(["interpret", "--jsonl", "-"], cli_env, stdin="a cool breeze\nthat concert was lit\n")
    objects = [json.loads(line) for line in lines.stdout.splitlines()]
    assert [o["prompt"] for o in objects] == ["a cool breeze", "that concert was lit"]


@pytest.mark.parametrize(
    "args",
    [
        ["interpret", "   "],
        ["loop", "--batches", "0"],
        ["loop", "--workflow", "nonsense"],
        ["generate", "a red sky", "--out", "clip.avi"],
        ["generate", "a red sky", "--out", "clip.mp4", "--duration", "-1"],
        ["generate", "a red sky", "--out", "clip.mp4", "--size", "big"],
        ["frobnicate"],
    ],
)
def test_bad_arguments_exit_2_with_a_message(cli_env, args):
    result = run(args, cli_env)
    assert result.returncode == 2
    assert "error" in result.stderr.lower()
