"""Stale registries show as such: one check per registry, ``<registry>_up_to_date``, warns while loop batches
are stored that the registry has not grown from yet, or while a run over some of its categories left the others
behind the batches it folded.

It runs in every loop job after the batch's discoveries (so a batch run from the UI, a sensor or the command line
marks the registries stale at once) and with every registry run (which clears the mark). A registry stays marked
while nothing grows it: the growth sensor stopped, no daemon running, or a blocking check failed on a batch.
"""


from dagster import AssetCheckExecutionContext, AssetCheckSeverity, AssetCheckSpec, multi_asset_check

from motion_assets.defs.check_results import check_result
from motion_assets.defs.registry_assets import REGISTRIES
from motion_assets.defs.resources import MotionStore
from motion_assets.defs.workflow_assets import upstream_keys
from motion_assets.keys.canonical import REGISTRY_CATEGORIES
from motion_assets.registry.fold import categories_behind, source_table, unfolded_batches

SHOWN = 5


def up_to_date_check_name(registry: str) -> str:
    return f"{registry}_up_to_date"


@multi_asset_check(
    specs=[AssetCheckSpec(
        up_to_date_check_name(registry), asset=registry,
        additional_deps=upstream_keys(source_table(registry)),
        description=f"{registry} holds every stored loop batch. Warns, naming them, while batches are stored that "
        f"it has not grown from: a loop batch marks it stale, its next run (the growth sensor, `motion-assets "
        f"loop` or grow_{registry}_job) clears the mark; it stays stale while a blocking check holds it back, "
        f"and for the categories a run over other categories left behind.")
        for registry in REGISTRIES],
    can_subset=True,
)
def registries_up_to_date(context: AssetCheckExecutionContext, motion_store: MotionStore):
    store = motion_store.tables()
    for key in sorted(context.selected_asset_check_keys, key=lambda k: REGISTRIES.index(k.asset_key.path[-1])):
        registry = key.asset_key.path[-1]
        waiting = unfolded_batches(store, registry)
        # A run over some categories folds every new batch but rewrites only its own categories' tables.
        behind = categories_behind(store, registry, list(REGISTRY_CATEGORIES[registry]))
        stored = len(store.partitions(source_table(registry)))
        summary = (f"stale: {len(waiting)} of {stored} stored batch(es) not grown into it yet: "
                   f"{', '.join(waiting[:SHOWN])}{', ...' if len(waiting) > SHOWN else ''}" if waiting else
                   f"stale: {len(behind)} of {len(REGISTRY_CATEGORIES[registry])} categories not grown from the "
                   f"latest batches (a run covered other categories): {', '.join(behind[:SHOWN])}"
                   f"{', ...' if len(behind) > SHOWN else ''}" if behind else
                   f"up to date: grown from all {stored} stored batch(es)")
        yield check_result(not waiting and not behind, summary,
                           {"waiting": len(waiting), "stored_batches": stored,
                            "first_waiting": ", ".join(waiting[:50]) or "none",
                            "categories_behind": ", ".join(behind) or "none"},
                           severity=AssetCheckSeverity.WARN, check_name=key.name, asset_key=key.asset_key)


UP_TO_DATE_CHECKS = [registries_up_to_date]
UP_TO_DATE_CHECK_NAMES = frozenset(up_to_date_check_name(registry) for registry in REGISTRIES)
