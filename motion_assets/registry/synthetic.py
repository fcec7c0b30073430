"""Discovery partitions synthesised at scale: the loop tables' real schemas, keys and depth breakdowns, with value
distributions shaped like the loop's (for `benchmarks/registry_scale.py` and the fold tests).

A synthetic video has what a measured 1-second, 24 fps loop video has: 112 colour cells a frame (2,688 rows, about
three quarters of them distinct; half from a sweep through the colour space, half from a long-tailed choice, as
the explorer and the exploiting workflows make them), one sound cell a frame, seven window values, two to four
narrative values, a handful of interpreted spans from a long-tailed vocabulary, and one interpreted prompt.
Every choice comes from a generator seeded with SHA-256 of the batch key, so a batch is the same bytes every time.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache

import numpy as np
import pyarrow as pa

from motion_assets.coverage.spaces import DYNAMIC_FIELDS, static_color_space, static_sound_space
from motion_assets.coverage.sweeps import dynamic_cells
from motion_assets.keys.canonical import LINGUISTIC_DOMAINS, canonical_key, text_key
from motion_assets.loop.jobs import DISCOVERY_SCHEMA, _color_cell_fields
from motion_assets.naming.dictionary import english_words
from motion_assets.origins.vocabulary import NARRATIVE
from motion_assets.storage.tables import TableStore

FRAMES = 24
CELLS_PER_FRAME = 112
SPANS = 3000
PROMPTS_PER_VIDEO_POOL = 0.6  # distinct prompts per video: the rest repeat earlier ones

INTERPRETATION_SCHEMA = pa.schema([("job_id", pa.string()), ("job_order", pa.string()), ("batch", pa.string()),
                                   ("prompt", pa.string()), ("normalised", pa.string()), ("mood", pa.string()),
                                   ("instruction", pa.string())])


def _rng(batch: str) -> np.random.Generator:
    return np.random.default_rng(int.from_bytes(hashlib.sha256(batch.encode()).digest()[:8], "big"))


def _strings(values) -> pa.Array:
    return pa.array(list(values), type=pa.string())


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, dict]:
    """Per registry: arrays (category, key, params, depth) of every value a synthetic video can hold, sorted by
    (category, key) as stored rows are, and each value's category rank."""
    colors = [_color_cell_fields(*_cell(key)) for category in static_color_space()
              for key in static_color_space()[category]]
    sounds = []
    for noise, keys in static_sound_space().items():
        for key in keys:
            strength = int(key.rsplit("strength=", 1)[1].split(";")[0])
            sounds.append((noise, key, json.dumps({"noise": noise, "strength": strength}, sort_keys=True),
                           json.dumps({noise: 100}, sort_keys=True)))
    window = []
    for category, cells in dynamic_cells().items():
        for cell in cells:
            params = dict(zip(DYNAMIC_FIELDS[category], cell))
            window.append((category, canonical_key(category, params), json.dumps(params, sort_keys=True),
                           json.dumps({str(cell[0]): 100}, sort_keys=True)))
    narrative = [(category, text_key(category, value), json.dumps({"value": value}), json.dumps({value: 100}))
                 for category, values in NARRATIVE.items() for value in values]
    linguistic = []
    words = _words()
    for number in range(SPANS):
        domain = LINGUISTIC_DOMAINS[number % len(LINGUISTIC_DOMAINS)]
        span, value = words[(number * 7919) % len(words)], words[(number * 104729 + 13) % len(words)]
        params = {"span": span, "domain": domain, "value": value, "variant": "synonym", "confidence": 0.95}
        linguistic.append((domain, text_key(f"linguistic.{domain}", f'{span} = "{value}"'),
                           json.dumps(params, sort_keys=True), "{}"))
    vocabulary = {}
    for name, rows in (("static_colors", colors), ("static_sound", sounds), ("dynamic_blends", window),
                       ("narrative", narrative), ("linguistic", linguistic)):
        rows = sorted(rows, key=lambda row: (row[0], row[1]))
        categories = sorted({row[0] for row in rows})
        columns = {field: _strings(column) for field, column in zip(("category", "key", "params", "depth"),
                                                                     zip(*rows))}
        columns["rank"] = np.array([categories.index(row[0]) for row in rows])
        columns["ranges"] = {c: (min(i for i, r in enumerate(rows) if r[0] == c),
                                 max(i for i, r in enumerate(rows) if r[0] == c) + 1) for c in categories}
        vocabulary[name] = columns
    return vocabulary


@lru_cache(maxsize=1)
def _words() -> tuple[str, ...]:
    return tuple(sorted(w for w in english_words() if w.isalpha() and 4 <= len(w) <= 9))


def _prompt(number: int) -> str:
    """A distinct prompt of real words for each number below the square of the word list (its name is its words)."""
    words = _words()
    scattered = (number * 7919) % len(words) ** 2  # neighbouring numbers far apart in the word list
    first, second = divmod(scattered, len(words))
    return f"{words[first]} {words[second]} over {words[(first + second) % len(words)]}"


def _cell(key: str) -> tuple[tuple[int, int, int], int]:
    fields = dict(part.split("=") for part in key.split(":", 1)[1].split(";"))
    return (int(fields["r"]), int(fields["g"]), int(fields["b"])), int(fields["opacity"])


def _long_tail(rng: np.random.Generator, size: int, count: int) -> np.ndarray:
    """``count`` indices into ``size`` values, the first values far more often (Zipf, exponent 1.2)."""
    return (rng.zipf(1.2, count) - 1) % size


DISCOVERY_PARTS = {"frame_discoveries": (("static_colors", True), ("static_sound", True)),
                   "window_discoveries": (("dynamic_blends", True),),
                   "narrative_discoveries": (("narrative", False),),
                   "linguistic_discoveries": (("linguistic", False),)}


def batch_picks(batch: str, number: int, videos: int) -> tuple[list[dict], dict[str, np.ndarray]]:
    """One synthetic batch as numbers: its jobs (loop_interpretations rows) and, per registry, rows of
    (video, value index into the registry's synthetic vocabulary, frame or -1)."""
    rng = _rng(batch)
    vocabulary = _vocabulary()
    workflow = batch.rsplit("-", 1)[0]
    pool = max(1, int((number + 1) * videos * PROMPTS_PER_VIDEO_POOL))
    prompt_numbers = rng.integers(0, pool, videos)
    moods = NARRATIVE["mood"]
    jobs = []
    for video, prompt_number in enumerate(prompt_numbers):
        prompt, mood = _prompt(int(prompt_number)), moods[prompt_number % len(moods)]
        jobs.append({"job_id": f"{batch}-v{video:02d}", "job_order": f"{number:06d}-{workflow}-{video:03d}",
                     "batch": batch, "prompt": prompt, "normalised": prompt, "mood": mood,
                     "instruction": json.dumps({"mood": mood, "prompt": prompt}, sort_keys=True)})
    colors = len(vocabulary["static_colors"]["key"])
    half = FRAMES * CELLS_PER_FRAME // 2
    picks = {}
    colour = []
    for video in range(videos):
        sweep = ((number * videos + video) * half + np.arange(half)) % colors
        colour.append(np.concatenate([sweep, _long_tail(rng, colors, half)]))
    picks["static_colors"] = np.stack([np.repeat(np.arange(videos), 2 * half), np.concatenate(colour),
                                       np.tile(np.arange(2 * half) // CELLS_PER_FRAME, videos)], axis=1)
    picks["static_sound"] = np.stack([np.repeat(np.arange(videos), FRAMES),
                                      rng.integers(0, len(vocabulary["static_sound"]["key"]), videos * FRAMES),
                                      np.tile(np.arange(FRAMES), videos)], axis=1)
    window = vocabulary["dynamic_blends"]["ranges"].values()
    picks["dynamic_blends"] = np.array([(video, rng.integers(lo, hi), -1) for video in range(videos)
                                        for lo, hi in window]).reshape(-1, 3)
    ranges = vocabulary["narrative"]["ranges"]
    picks["narrative"] = np.array([(video, rng.integers(*ranges[category]), -1) for video in range(videos)
                                   for category in rng.choice(sorted(ranges), size=int(rng.integers(2, 5)),
                                                              replace=False)]).reshape(-1, 3)
    picks["linguistic"] = np.array([(video, span, -1) for video in range(videos)
                                    for span in np.unique(_long_tail(rng, SPANS, int(rng.integers(3, 10))))]
                                   ).reshape(-1, 3)
    return jobs, picks


def batch_tables(batch: str, number: int, videos: int) -> dict[str, pa.Table]:
    """The discovery tables (frame, window, narrative, linguistic) and loop_interpretations of one synthetic
    batch: ``number`` is its place in the history, which moves the colour sweep along."""
    jobs, picks = batch_picks(batch, number, videos)
    tables = {table: _rows(jobs, [(registry, picks[registry], observed) for registry, observed in parts])
              for table, parts in DISCOVERY_PARTS.items()}
    tables["loop_interpretations"] = pa.Table.from_pylist(jobs, schema=INTERPRETATION_SCHEMA)
    return tables


def _rows(jobs: list[dict], parts) -> pa.Table:
    """Rows of one discovery table from (registry, picks, observed) parts, in the order
    `loop.jobs.discovery_table` stores them: job, registry, category, frame, key."""
    vocabularies = [_vocabulary()[registry] for registry, _, _ in parts]
    owner = np.concatenate([pick[:, 0] for _, pick, _ in parts])
    picks = [pick[:, 1] for _, pick, _ in parts]
    frame = np.concatenate([pick[:, 2] for _, pick, _ in parts])
    code = np.concatenate([np.full(len(pick), index) for index, pick in enumerate(picks)])
    rank = np.concatenate([vocabulary["rank"][pick] for vocabulary, pick in zip(vocabularies, picks)])
    order = pa.array(np.lexsort((np.concatenate(picks), frame, rank, code, owner)))
    values = {name: pa.concat_arrays([vocabulary[name].take(pa.array(pick, type=pa.int64()))
                                      for vocabulary, pick in zip(vocabularies, picks)]).take(order)
              for name in ("category", "key", "params", "depth")}
    owners, codes = pa.array(owner).take(order), pa.array(code).take(order)

    def job(field):
        return _strings(j[field] for j in jobs).take(owners)

    return pa.Table.from_arrays([
        job("job_id"), job("job_order"), job("batch"), _strings(registry for registry, _, _ in parts).take(codes),
        values["category"], values["key"], values["params"], values["depth"],
        pa.array([observed for _, _, observed in parts]).take(codes), pa.array(frame, type=pa.int32()).take(order),
        job("prompt"),
    ], schema=DISCOVERY_SCHEMA)


def write_batches(store: TableStore, workflow: str, first: int, last: int, videos: int = 2) -> list[str]:
    """Write synthetic batches ``<workflow>-<first>`` .. ``<workflow>-<last>`` (inclusive) into ``store``."""
    keys = []
    for number in range(first, last + 1):
        batch = f"{workflow}-{number:06d}"
        for table, data in batch_tables(batch, number, videos).items():
            store.write(table, batch, data)
        keys.append(batch)
    return keys


def write_batch_range(task: tuple[str, str, int, int, int]) -> int:
    """`write_batches` for (data location, workflow, first, last, videos per batch): a picklable task for a pool
    of writer processes. Returns the number of batches written."""
    location, workflow, first, last, videos = task
    return len(write_batches(TableStore(location), workflow, first, last, videos))
