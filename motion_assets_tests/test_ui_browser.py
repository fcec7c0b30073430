"""The Dagster UI in a real browser: headless Chromium opens the asset catalog, the registries' lineage and a
registry's checks page after a loop has run, and sees the registries and their checks. Screenshots go to
test-output/ui/.

Skipped where Chromium is absent, unless REQUIRE_UI_TESTS=1 (CI installs Debian's chromium and sets it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from motion_assets_tests.conftest import REPO_ROOT
from motion_assets_tests.test_webserver import running_webserver

REGISTRIES = ("static_colors", "static_sound", "dynamic_blends", "narrative", "linguistic", "interpretations")
SHOTS = REPO_ROOT / "test-output" / "ui"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                  "--no-first-run", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--window-size=1400,2000", "--virtual-time-budget=20000"]


def chromium() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        if os.environ.get("REQUIRE_UI_TESTS") == "1":
            pytest.fail("Chromium is required here (REQUIRE_UI_TESTS=1) but was not found")
        pytest.skip("no Chromium on this machine (install Debian's chromium to run the UI test)")
    return path


def browse(browser: str, url: str, screenshot: Path) -> str:
    """The rendered DOM of ``url`` after its scripts settled, and a screenshot of it."""
    for mode in (f"--screenshot={screenshot}", "--dump-dom"):
        with tempfile.TemporaryDirectory() as profile:
            result = subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", mode, url],
                                    capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.mark.slow
def test_registries_and_their_checks_are_shown_in_the_browser(tmp_path):
    browser = chromium()
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text((REPO_ROOT / "dagster.yaml").read_text())
    env = dict(os.environ, DAGSTER_HOME=str(home), MOTION_DATA_DIR=str(tmp_path / "data"))
    loop = subprocess.run([sys.executable, "-m", "motion_assets.cli", "loop", "--batches", "1",
                           "--videos-per-batch", "1"], env=env, cwd=REPO_ROOT, capture_output=True, text=True,
                          timeout=600)
    assert loop.returncode == 0, loop.stderr[-2000:]
    SHOTS.mkdir(parents=True, exist_ok=True)
    with running_webserver(tmp_path, env) as (port, _):
        base = f"http://127.0.0.1:{port}"
        catalog = browse(browser, f"{base}/assets", SHOTS / "catalog.png")
        for asset in (*REGISTRIES, "name_renames"):
            assert asset in catalog, f"{asset} missing from the asset catalog"
        lineage = browse(browser, f"{base}/locations/motion_assets/asset-groups/registries",
                         SHOTS / "registries_lineage.png")
        assert "Asset checks" in lineage
        checks = browse(browser, f"{base}/assets/static_colors?view=checks", SHOTS / "static_colors_checks.png")
        for check in ("integrity", "coverage", "density", "stagnation", "name_quality"):
            assert f"static_colors_{check}" in checks
        assert "Succeeded" in checks  # integrity passed; coverage of one batch is a warning, as it should be
        names = browse(browser, f"{base}/assets/name_renames?view=checks", SHOTS / "name_renames_checks.png")
        for check in ("names_unique", "names_not_gibberish", "no_retired_names"):
            assert check in names
    for name in ("catalog.png", "registries_lineage.png", "static_colors_checks.png", "name_renames_checks.png"):
        assert (SHOTS / name).stat().st_size > 10_000
