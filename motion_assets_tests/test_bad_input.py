"""Bad input of every kind: a clear error naming the problem, a non-zero exit for commands, a failed run with the
reason for assets, and stored data left exactly as it was."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from dagster import materialize

from motion_assets.defs.workflow_assets import loop_assets_for
from motion_assets.defs.partitions import add_batches
from motion_assets.defs.resources import LoopSettings, MotionStore
from motion_assets.extraction.sound import read_audio_track
from motion_assets.loop.jobs import measure_video, render_video
from motion_assets.rendering.audio import write_wav
from motion_assets.rendering.encode import encode_mp4
from motion_assets.rendering.frames import render_frames
from motion_assets_tests.conftest import make_spec

HOSTILE_PROMPTS = [
    "x" * 100_000,  # under the kernel's 128 KiB limit for one argument
    "🔥🔥 neon night 🌃 ✨",
    "夕焼けの海、ゆっくり",
    "закат над морем",
    "<script>alert('x')</script><b>red</b> sky",
    "'; DROP TABLE registry_static_colors; -- calm blue",
    "tab\tand\x00nul\x1bescape\x07bell red",
    "\u202eRTL override\u202c slow pan",
]


def cli(args, env, stdin=None):
    return subprocess.run([sys.executable, "-m", "motion_assets.cli", *args], env=env, input=stdin,
                          capture_output=True, timeout=300)


def tree_digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_hostile_prompts_are_read_never_crash_and_come_back_verbatim(cli_env):
    lines = "\n".join(p.replace("\n", " ") for p in HOSTILE_PROMPTS[1:]).encode() + b"\n\xff\xfe binary \x80 junk\n"
    result = cli(["interpret", "--jsonl", "-"], cli_env, stdin=lines)
    assert result.returncode == 0, result.stderr.decode()
    objects = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(objects) == len(HOSTILE_PROMPTS)  # the binary line is read too, as replacement characters
    assert objects[0]["prompt"] == HOSTILE_PROMPTS[1]
    assert objects[4]["prompt"] == HOSTILE_PROMPTS[5]
    huge = cli(["interpret", HOSTILE_PROMPTS[0], "--json"], cli_env)
    assert huge.returncode == 0 and json.loads(huge.stdout.decode().splitlines()[-1])


@pytest.mark.parametrize("prompt", ["", "   ", "\n\t "])
def test_empty_prompts_exit_2_and_say_why(cli_env, prompt):
    result = cli(["interpret", prompt, "--json"], cli_env)
    assert result.returncode == 2
    assert "empty" in result.stderr.decode().lower()


def test_markup_and_sql_in_a_prompt_are_stored_as_plain_text(cli_env, tmp_path):
    prompt = HOSTILE_PROMPTS[5] + " " + HOSTILE_PROMPTS[4]
    out = tmp_path / "clip.mp4"
    result = cli(["generate", prompt, "--out", str(out), "--duration", "0.5", "--size", "128x72"], cli_env)
    assert result.returncode == 0, result.stderr.decode()
    spec = json.loads((tmp_path / "clip.spec.json").read_text())
    assert spec["prompt"] == prompt


@pytest.fixture(scope="module")
def video(tmp_path_factory):
    return render_video(make_spec(seed=31), tmp_path_factory.mktemp("video"))


def test_truncated_and_corrupt_mp4s_name_the_file(video, tmp_path):
    data = Path(video.mp4_path).read_bytes()
    truncated = tmp_path / "truncated.mp4"
    truncated.write_bytes(data[: len(data) // 3])
    with pytest.raises(ValueError, match="truncated.mp4"):
        measure_video(truncated, 24)
    garbage = tmp_path / "garbage.mp4"
    garbage.write_bytes(bytes(np.random.default_rng(0).integers(0, 256, 4096, dtype=np.uint8)))
    with pytest.raises(ValueError, match="garbage.mp4"):
        measure_video(garbage, 24)


def test_a_video_without_audio_and_empty_or_corrupt_wavs_name_the_problem(tmp_path):
    spec = make_spec(seed=32)
    silent_track = encode_mp4(render_frames(spec), 24, None, 48000, tmp_path / "no_audio.mp4")
    with pytest.raises(ValueError, match="no_audio.mp4"):
        measure_video(silent_track, 24)
    empty = write_wav(tmp_path / "empty.wav", np.zeros(0, dtype=np.float32), 48000)
    with pytest.raises(ValueError, match="empty.wav"):
        read_audio_track(empty)
    corrupt = tmp_path / "corrupt.wav"
    corrupt.write_bytes(b"RIFF\x00\x00\x00\x00WAVEjunk")
    with pytest.raises(ValueError, match="corrupt.wav"):
        read_audio_track(corrupt)


def test_invalid_run_config_fails_the_run_with_the_reason_and_keeps_stored_data(instance, data_dir):
    resources = {"motion_store": MotionStore(data_dir=str(data_dir))}
    add_batches(instance, ["explorer-000001"])
    first = materialize(loop_assets_for("explorer-000001"), instance=instance, partition_key="explorer-000001",
                        resources={**resources, "loop_settings": LoopSettings(videos_per_batch=1)})
    assert first.success
    before = tree_digest(data_dir)
    bad = materialize(loop_assets_for("explorer-000001"), instance=instance, partition_key="explorer-000001", raise_on_error=False,
                      resources={**resources, "loop_settings": LoopSettings(videos_per_batch=0)})
    assert not bad.success
    failure = next(e for e in bad.all_events if e.event_type_value == "STEP_FAILURE")
    assert "videos_per_batch must be at least 1" in str(failure.event_specific_data.error)
    assert tree_digest(data_dir) == before


def test_an_unwritable_data_directory_is_named_and_nothing_starts(cli_env, tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("not a directory")
    env = {**cli_env, "MOTION_DATA_DIR": str(blocker / "data")}
    result = cli(["loop", "--batches", "1"], env)
    assert result.returncode == 1
    assert str(blocker / "data") in result.stderr.decode() and "not writable" in result.stderr.decode()


def test_an_unwritable_data_directory_fails_the_asset_run_with_the_reason(instance, tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("not a directory")
    add_batches(instance, ["explorer-000001"])
    result = materialize(loop_assets_for("explorer-000001"), instance=instance, partition_key="explorer-000001", raise_on_error=False,
                         resources={"motion_store": MotionStore(data_dir=str(blocker / "data")),
                                    "loop_settings": LoopSettings(videos_per_batch=1)})
    assert not result.success
    failure = next(e for e in result.all_events if e.event_type_value == "STEP_FAILURE")
    assert str(blocker / "data") in str(failure.event_specific_data.error)
