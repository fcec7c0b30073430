"""Which loop batches a registry may grow from: only those whose blocking checks passed.

A batch's discoveries are written before its checks run, so the files alone do not say whether they may be
trusted. The loop records each batch's check verdicts beside its discoveries (table ``batch_checks``, one file per
batch): first every blocking check as ``pending``, before any discovery file is written, then each check's outcome
(``passed``, ``failed`` or ``skipped``) once they are known. A registry run folds a batch only when none of its
blocking checks is pending or failed, so a batch that failed a blocking check (or is still being checked)
contributes nothing to any registry; when it is run again and passes, its rewritten files are folded then.
Batches without a verdict file were not written by the loop (imports, synthetic benchmark batches) and are folded
as before.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa

from motion_assets.storage.tables import TableStore

CHECKS_TABLE = "batch_checks"
CHECK_STATUSES = ("pending", "passed", "failed", "skipped")
CHECKS_SCHEMA = pa.schema([("batch", pa.string()), ("check", pa.string()), ("blocking", pa.bool_()),
                           ("status", pa.string()), ("summary", pa.string())])


def record_checks(store: TableStore, batch: str, verdicts: Iterable[tuple[str, bool, str, str]]) -> str:
    """Store ``batch``'s check verdicts, (check, blocking, status, summary) each, replacing earlier ones."""
    rows = []
    for check, blocking, status, summary in verdicts:
        if status not in CHECK_STATUSES:
            raise ValueError(f"unknown check status {status!r}; expected one of {', '.join(CHECK_STATUSES)}")
        rows.append({"batch": batch, "check": check, "blocking": bool(blocking), "status": status,
                     "summary": summary})
    return store.write(CHECKS_TABLE, batch, pa.Table.from_pylist(sorted(rows, key=lambda r: r["check"]),
                                                                schema=CHECKS_SCHEMA))


def held_back(store: TableStore, batches: Iterable[str]) -> set[str]:
    """The ``batches`` a registry must not fold: a blocking check of theirs is pending or failed."""
    held = set()
    for batch in batches:
        verdicts = store.read(CHECKS_TABLE, batch)
        if verdicts is None:
            continue
        for blocking, status in zip(verdicts.column("blocking").to_pylist(), verdicts.column("status").to_pylist()):
            if blocking and status in ("pending", "failed"):
                held.add(batch)
                break
    return held
