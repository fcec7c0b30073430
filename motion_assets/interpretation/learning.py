"""Learning new words: a span the interpreter did not know, seen again and again beside words of one meaning,
becomes a candidate mapping with its evidence; a rule promotes candidates, never anything silent.

Evidence for an unknown span in one prompt is every (domain, value) the interpreter read elsewhere in that prompt
(its context). A span is a candidate for (domain, value) when it appeared in at least MIN_PROMPTS distinct prompts
and that reading was in the context of at least MIN_AGREEMENT of them. ``promote`` keeps the candidates that meet
the rule and returns them in the form ``interpret(prompt, learned=...)`` accepts. ``linguistic_records`` turns one
instruction's senses into records (span, domain, value, variant, confidence) and ``aggregate_records`` many into
registry rows with counts and example prompts, one row per sense of a span. Everything here is pure Python and
deterministic (ties broken by sorting).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from motion_assets.origins.vocabulary import MOTION_DIRECTIONS, MOTION_SPEEDS, NOISES

MIN_PROMPTS = 3
MIN_AGREEMENT = 0.8
#: Domains whose readings make useful context (approval and intensity say how, not what).
CONTEXT_DOMAINS = frozenset({"mood", "camera", "motion", "setting", "time_of_day", "weather", "genre", "style",
                             "sound", "brightness", "temperature", "saturation", "lighting", "transition"})


@dataclass(frozen=True)
class Candidate:
    span: str
    domain: str
    value: str
    prompts: int
    agreement: float
    examples: tuple[str, ...]

    @property
    def promotable(self) -> bool:
        return self.prompts >= MIN_PROMPTS and self.agreement >= MIN_AGREEMENT


def linguistic_records(instruction: dict) -> list[dict]:
    """One record per resolved span: span, domain, value, variant, confidence (for the linguistic registry)."""
    return [{"span": s["span"], "domain": s["domain"], "value": s["value"], "variant": s["variant"],
             "confidence": s["confidence"]} for s in instruction.get("senses", [])]


def aggregate_records(readings: Iterable[tuple[str, dict]], examples: int = 3) -> list[dict]:
    """Linguistic registry rows from (prompt, instruction) pairs: one row per (span, domain, value, variant) with
    its count (distinct prompts), mean confidence and the first example prompts (sorted). A span read in different
    senses keeps one row per sense."""
    prompts: dict[tuple, set[str]] = defaultdict(set)
    confidence: dict[tuple, list[float]] = defaultdict(list)
    for prompt, instruction in readings:
        for record in linguistic_records(instruction):
            key = (record["span"], record["domain"], _text(record["value"]), record["variant"])
            if prompt not in prompts[key]:
                prompts[key].add(prompt)
                confidence[key].append(float(record["confidence"]))
    rows = [{"span": span, "domain": domain, "value": value, "variant": variant, "count": len(prompts[key]),
             "confidence": round(sum(confidence[key]) / len(confidence[key]), 4),
             "examples": sorted(prompts[key])[:examples]}
            for key in prompts for span, domain, value, variant in [key]]
    return sorted(rows, key=lambda row: (-row["count"], row["span"], row["domain"], row["value"]))


def _text(value) -> str:
    if isinstance(value, dict) and "not" in value:
        return f"not {value['not']}"
    return str(value)


def candidates(readings: Iterable[tuple[str, dict]]) -> list[Candidate]:
    """Candidate mappings from (prompt, instruction) pairs, strongest evidence first."""
    seen_in: dict[str, set[str]] = defaultdict(set)
    context: dict[str, Counter] = defaultdict(Counter)
    for prompt, instruction in readings:
        unknown = set(instruction.get("unknown", []))
        if not unknown:
            continue
        around = {(s["domain"], str(s["value"])) for s in instruction.get("senses", [])
                  if s["domain"] in CONTEXT_DOMAINS and not isinstance(s["value"], dict)}
        for span in unknown:
            if prompt in seen_in[span]:
                continue
            seen_in[span].add(prompt)
            context[span].update(around)
    found = []
    for span, prompts in seen_in.items():
        if not context[span]:
            continue
        (domain, value), hits = min(context[span].items(), key=lambda item: (-item[1], item[0]))
        found.append(Candidate(span, domain, value, len(prompts), round(hits / len(prompts), 4),
                               tuple(sorted(prompts)[:5])))
    return sorted(found, key=lambda c: (-c.prompts, -c.agreement, c.span))


def promote(found: Iterable[Candidate]) -> dict[str, tuple[str, str]]:
    """The candidates that meet the rule, as ``learned`` mappings for ``interpret``."""
    return {c.span: (_reading_domain(c.domain, c.value), c.value) for c in found if c.promotable}


def _reading_domain(domain: str, value: str) -> str:
    """Senses report motion and sound as one domain each; a reading names the part."""
    if domain == "motion":
        return ("speed" if value in MOTION_SPEEDS else "direction" if value in MOTION_DIRECTIONS else "rhythm")
    if domain == "sound":
        return "noise" if value in NOISES else "pitch" if value in ("low", "mid", "high") else "presence"
    return domain
