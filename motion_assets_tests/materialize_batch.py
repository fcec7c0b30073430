"""Run one loop batch on the instance in DAGSTER_HOME, as its own process (for concurrency and kill tests).

    python -m motion_assets_tests.materialize_batch BATCH [BATCH ...]
"""

from __future__ import annotations

import sys

from motion_assets.defs.partitions import add_batches
from motion_assets.defs.runs import persistent_instance, run_loop_batch
from motion_assets.loop.batches import parse_batch_key


def main(batches: list[str]) -> int:
    with persistent_instance() as instance:
        for batch in batches:
            workflow, _ = parse_batch_key(batch)
            add_batches(instance, [batch])
            run_loop_batch(instance, workflow, batch, videos_per_batch=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
