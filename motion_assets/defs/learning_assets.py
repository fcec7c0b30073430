"""Learning new words in the UI: candidate mappings for spans the interpreter did not know, with their evidence.

Candidates are computed from every stored interpretation (prompt -> instruction); promotion is a rule
(interpretation.learning), shown per candidate. Nothing here changes how prompts are read: a promoted mapping is
used only where it is passed to the interpreter.
"""

import json

import pyarrow as pa
from dagster import (
    AllPartitionMapping,
    AssetDep,
    AssetExecutionContext,
    AutomationCondition,
    MaterializeResult,
    MetadataValue,
    asset,
    define_asset_job,
)

from motion_assets.defs.resources import MotionStore
from motion_assets.defs.workflow_assets import upstream_keys
from motion_assets.interpretation.learning import MIN_AGREEMENT, MIN_PROMPTS, candidates

CANDIDATE_SCHEMA = pa.schema([("span", pa.string()), ("domain", pa.string()), ("value", pa.string()),
                              ("prompts", pa.int64()), ("agreement", pa.float64()), ("promotable", pa.bool_()),
                              ("examples", pa.list_(pa.string()))])


@asset(
    group_name="registries",
    automation_condition=AutomationCondition.eager(),
    deps=[AssetDep(key, partition_mapping=AllPartitionMapping()) for key in upstream_keys("loop_interpretations")],
    description="Words the interpreter did not know, each with the meaning it keeps company with and the evidence "
    f"(distinct prompts, agreement); promotable when seen in {MIN_PROMPTS}+ prompts with {MIN_AGREEMENT:.0%}+ "
    "agreement.",
)
def linguistic_candidates(context: AssetExecutionContext, motion_store: MotionStore) -> MaterializeResult:
    store = motion_store.tables()
    readings = []
    if store.files("loop_interpretations"):
        table = store.query("SELECT prompt, instruction FROM i ORDER BY job_order", {"i": "loop_interpretations"})
        readings = [(row["prompt"], json.loads(row["instruction"])) for row in table.to_pylist()]
    found = candidates(readings)
    rows = [{"span": c.span, "domain": c.domain, "value": c.value, "prompts": c.prompts, "agreement": c.agreement,
             "promotable": c.promotable, "examples": list(c.examples)} for c in found]
    path = store.write("linguistic_candidates", "all", pa.Table.from_pylist(rows, schema=CANDIDATE_SCHEMA))
    lines = ["| span | reads as | prompts | agreement | promotable |", "|---|---|---|---|---|"]
    lines += [f"| {r['span']} | {r['domain']} = {r['value']} | {r['prompts']} | {r['agreement']:.0%} | "
              f"{'yes' if r['promotable'] else 'no'} |" for r in rows[:30]]
    context.log.info(f"{len(rows)} candidate(s), {sum(r['promotable'] for r in rows)} promotable")
    return MaterializeResult(metadata={
        "candidates": len(rows), "promotable": sum(r["promotable"] for r in rows),
        "interpretations_read": len(readings), "path": store.shown(path), "table": MetadataValue.md("\n".join(lines))})


learn_words_job = define_asset_job(
    "learn_words_job", selection=[linguistic_candidates],
    description="Recompute the candidate mappings for unknown words from every stored interpretation.")
