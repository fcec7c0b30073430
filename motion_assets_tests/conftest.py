"""Shared fixtures: a temporary data directory and Dagster instance per test that needs them."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from dagster import DagsterInstance, instance_for_test

from motion_assets.creation.build import RegistryState, RenderSettings, build_spec
from motion_assets.creation.spec import VideoSpec

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def instance() -> DagsterInstance:
    with instance_for_test() as test_instance:
        yield test_instance


def make_spec(seed: int = 0, workflow: str = "balanced", sweep_index: int = 0, **instruction) -> VideoSpec:
    """A loop spec for tests; keyword arguments override the instruction."""
    base = {"palette": [{"name": "teal", "rgb": [0, 128, 128], "weight": 0.5},
                        {"name": "orange", "rgb": [255, 140, 0], "weight": 0.5}]}
    base.update(instruction)
    return build_spec(job_id=f"test-{seed}", seed=seed, prompt="test prompt", instruction=base, workflow=workflow,
                      sweep_index=sweep_index, state=RegistryState(), settings=RenderSettings())


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    """Environment for CLI subprocesses: their own data directory and Dagster home."""
    env = dict(os.environ)
    env["MOTION_DATA_DIR"] = str(tmp_path / "data")
    env["DAGSTER_HOME"] = str(tmp_path / "dagster_home")
    return env


def pytest_collection_modifyitems(config, items):
    """Modules holding slow end-to-end tests run first, the most first: the workers start on them at once instead of one worker
    being left with a long test at the end while the other waits (module order kept, so module fixtures are set up
    once)."""
    slow = Counter(item.module.__name__ for item in items if item.get_closest_marker("slow"))
    items.sort(key=lambda item: -slow[item.module.__name__])
