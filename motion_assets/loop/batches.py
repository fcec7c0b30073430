"""Loop batches: partition keys, job ids and the prompts of each job.

A loop partition is one batch of K videos of one workflow, keyed ``<workflow>-<number>`` (``explorer-000003``).
A batch, not a video, is the unit of partitioning so that 100,000 videos need only 100,000 / K partitions, and
every job id (``explorer-000003-v01``) still names its video, spec and registry contributions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass

import numpy as np

from motion_assets.coverage.sweeps import explorer_cell
from motion_assets.creation.prompts import compose_prompt, describe_cell
from motion_assets.creation.scene_prompts import compose_scene_prompt
from motion_assets.origins.vocabulary import WORKFLOWS
from motion_assets.keys.seeds import derive_seed

BATCH_KEY = re.compile(r"^(?P<workflow>" + "|".join(WORKFLOWS) + r")-(?P<number>\d{6})$")


def batch_key(workflow: str, number: int) -> str:
    if workflow not in WORKFLOWS:
        raise ValueError(f"unknown workflow {workflow!r}; choose one of {', '.join(WORKFLOWS)}")
    if not 1 <= number <= 999_999:
        raise ValueError(f"batch number {number} out of range 1-999999")
    return f"{workflow}-{number:06d}"


def parse_batch_key(key: str) -> tuple[str, int]:
    match = BATCH_KEY.match(key)
    if not match:
        raise ValueError(f"not a loop batch key: {key!r} (expected e.g. explorer-000001)")
    return match["workflow"], int(match["number"])


def next_batch_keys(existing: Iterable[str], workflow: str, count: int) -> list[str]:
    """The next ``count`` batch keys of ``workflow`` after the highest one already present."""
    numbers = [parse_batch_key(k)[1] for k in existing if BATCH_KEY.match(k) and parse_batch_key(k)[0] == workflow]
    start = max(numbers, default=0) + 1
    return [batch_key(workflow, n) for n in range(start, start + count)]


@dataclass(frozen=True)
class LoopJob:
    job_id: str
    batch: str
    workflow: str
    video_index: int
    #: Position of this video in its workflow's sweep of a space (0, 1, 2, ...).
    sweep_index: int
    seed: int
    prompt: str
    #: Sorts jobs by batch number first, so "first seen" means the earliest batch across workflows.
    job_order: str

    def to_row(self) -> dict:
        return asdict(self)


#: Workflows whose batches follow from their keys alone (the explorer's prompt asks for its cell of the sweep and
#: its spec ignores the registry state), so a loop call may run several of its batches at once and store the same
#: bytes. Every other workflow steers a batch by what its earlier batches discovered: its batches run in order.
INDEPENDENT_WORKFLOWS: tuple[str, ...] = ("explorer",)


def plan_batch(batch: str, videos_per_batch: int, base_seed: int = 0,
               usage: Mapping[str, int] | None = None) -> list[LoopJob]:
    """The jobs of one batch; same batch, K, base seed and usage -> same jobs, prompts and seeds.

    The explorer's prompt asks for its cell of the dynamic sweep (coverage.sweeps); the scenes workflow's, for its
    setting, time of day and weather of the scene sweep (creation.scene_prompts). For the others ``usage``
    (registry key -> observations in the workflow's earlier batches) steers the prompts: the exploiter asks for
    what worked before, favouring its under-used entries; the balanced workflow alternates; the rest ask for what is
    under-covered.
    """
    workflow, number = parse_batch_key(batch)
    if videos_per_batch < 1:
        raise ValueError("videos_per_batch must be at least 1")
    jobs = []
    for index in range(videos_per_batch):
        seed = derive_seed(base_seed, batch, index)
        sweep_index = (number - 1) * videos_per_batch + index
        rng = np.random.default_rng(derive_seed(seed, "prompt"))
        if workflow == "explorer":
            prompt = describe_cell(explorer_cell(sweep_index), rng)
        elif workflow == "scenes":
            prompt = compose_scene_prompt(sweep_index, rng, usage)
        else:
            prompt = compose_prompt(rng, usage,
                                    exploit=workflow == "exploiter" or (workflow == "balanced" and index % 2 == 1))
        jobs.append(
            LoopJob(
                job_id=f"{batch}-v{index:02d}",
                batch=batch,
                workflow=workflow,
                video_index=index,
                sweep_index=sweep_index,
                seed=seed,
                prompt=prompt,
                job_order=f"{number:06d}-{workflow}-{index:03d}",
            )
        )
    return jobs


def unfinished_batches(batches: Iterable[str], gaps: Mapping[str, list[str]]) -> tuple[list[str], list[str]]:
    """(broken, waiting) among the incomplete batches (``gaps``: batch -> what it lacks, as
    loop.records.incomplete_batches gives it), each in workflow and batch order.

    Waiting: nothing stored yet and no later batch of its workflow stored anything (added, not run yet). Broken:
    every other incomplete batch, i.e. started and left unfinished, or a hole before a later batch."""
    def never_run(batch: str) -> bool:
        return "missing loop_prompts" in gaps.get(batch, [])

    keys = sorted((parse_batch_key(b), b) for b in batches if BATCH_KEY.match(b))
    last_run: dict[str, int] = {}
    for (workflow, number), batch in keys:
        if not never_run(batch):
            last_run[workflow] = number
    broken, waiting = [], []
    for (workflow, number), batch in keys:
        if batch not in gaps:
            continue
        if never_run(batch) and number > last_run.get(workflow, 0):
            waiting.append(batch)
        else:
            broken.append(batch)
    return broken, waiting
