"""One way to report a check: every result carries a one-line summary (shown as its description and in its
metadata, so the UI's check list and the check's history both say what was found)."""

from __future__ import annotations

from collections.abc import Mapping

from dagster import AssetCheckResult, AssetCheckSeverity, AssetKey, MetadataValue


def check_result(passed: bool, summary: str, metadata: Mapping | None = None, *,
                 severity: AssetCheckSeverity = AssetCheckSeverity.ERROR, check_name: str | None = None,
                 asset_key: str | AssetKey | None = None) -> AssetCheckResult:
    """The result with ``summary`` (one line) as its description and its ``summary`` metadata entry."""
    line = " ".join(summary.split())
    return AssetCheckResult(check_name=check_name, asset_key=asset_key, passed=passed, severity=severity,
                            description=line, metadata={"summary": MetadataValue.text(line), **(metadata or {})})
