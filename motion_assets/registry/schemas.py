"""The row shapes of the registry tables (shared by the registry assets, imports and exports)."""

from __future__ import annotations

import pyarrow as pa

REGISTRY_SCHEMA = pa.schema(
    [
        ("registry", pa.string()),
        ("category", pa.string()),
        ("key", pa.string()),
        ("name", pa.string()),
        ("params", pa.string()),
        ("depth", pa.string()),
        ("count", pa.int64()),
        ("jobs", pa.int64()),
        ("first_seen", pa.string()),
        ("last_seen", pa.string()),
        ("source_jobs", pa.list_(pa.string())),
        ("source_prompts", pa.list_(pa.string())),
        ("observed", pa.bool_()),
    ]
)

INTERPRETATION_SCHEMA = pa.schema(
    [
        ("mood", pa.string()),
        ("normalised", pa.string()),
        ("name", pa.string()),
        ("instruction", pa.string()),
        ("count", pa.int64()),
        ("first_seen", pa.string()),
        ("last_seen", pa.string()),
    ]
)
