"""Instruction + registry state -> VideoSpec.

Every choice is data-driven: what the instruction says explicitly is honoured (an explicit "static" camera or
"vertical" gradient is never randomised away); what it leaves open is drawn from the origin vocabularies with a
generator seeded from the job, weighted towards under-used registry entries when the workflow exploits. Colour and
sound cells follow the workflow: explorer and sound sweep their spaces in a fixed order so a batch never repeats
a cell another batch already covered; the others draw cells around the prompt's palette and noises.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from motion_assets.creation.materials import NO_MATERIALS, SceneMaterials
from motion_assets.creation.look import graded_look, look_targets, start_for_look
from motion_assets.creation.spec import FrameLayout, SceneSpec, VideoSpec
from motion_assets.keys.canonical import canonical_key, color_cell_key, sound_cell_key
from motion_assets.keys.color_space import all_color_cells, canonical_cell
from motion_assets.origins.vocabulary import (
    CAMERA_TYPES,
    COMPOSITION_BALANCES,
    GRADIENT_SPAN,
    GRADIENT_STRENGTHS,
    GRADIENT_TYPES,
    LIGHTING_PRESETS,
    MOTION_DIRECTIONS,
    MOTION_RHYTHMS,
    NARRATIVE,
    NOISE_KIND,
    NOISE_PITCH,
    NOISES,
    OPACITY_LEVELS_PCT,
    STRENGTH_LEVELS_PCT,
    TRANSITION_DURATIONS,
    TRANSITION_TYPES,
)
from motion_assets.coverage.sweeps import blend_cells, dynamic_cells, explorer_cell
from motion_assets.keys.seeds import sweep_order
from motion_assets.origins.grading import safe_input_range

TEMPO_TO_CAMERA_SPEED = {"slow": "slow", "medium": "medium", "fast": "fast"}


@dataclass(frozen=True)
class RenderSettings:
    width: int = 512
    height: int = 512
    fps: int = 24
    duration_s: float = 1.0
    #: Scenes (the creative workflow): their own frame size and length, used where the prompt gives none.
    scene_width: int = 320
    scene_height: int = 180
    scene_duration_s: float = 4.0

    @property
    def frame_count(self) -> int:
        return max(1, round(self.fps * self.duration_s))


@dataclass(frozen=True)
class RegistryState:
    """Observation counts per registry key, and the observed colours scenes are made of, as known before the batch
    being built."""

    counts: Mapping[str, int] = field(default_factory=dict)
    materials: SceneMaterials = NO_MATERIALS

    def count(self, key: str) -> int:
        return int(self.counts.get(key, 0))


def all_sound_cells() -> tuple[tuple[str, int], ...]:
    """Every static sound cell: silence at 0, every other noise at every strength level."""
    cells = [("silence", 0)]
    cells += [(noise, level) for noise in NOISES if noise != "silence" for level in STRENGTH_LEVELS_PCT]
    return tuple(cells)


def build_spec(
    *,
    job_id: str,
    seed: int,
    prompt: str,
    instruction: Mapping,
    workflow: str,
    sweep_index: int,
    state: RegistryState,
    settings: RenderSettings = RenderSettings(),
) -> VideoSpec:
    """The spec for one loop video. ``sweep_index`` numbers this video within its workflow's sweep (0, 1, ...)."""
    rng = np.random.default_rng(seed)
    explicit = set(instruction.get("explicit", ()))
    exploit = workflow in ("exploiter", "balanced")

    def pick(field_name: str, options: Sequence[str], key_of=None) -> str:
        value = instruction.get(field_name)
        if field_name in explicit and value in options:
            return value
        if exploit and key_of is not None:
            weights = np.array([1.0 / (1.0 + state.count(key_of(o))) for o in options])
            return str(options[int(rng.choice(len(options), p=weights / weights.sum()))])
        return str(options[int(rng.integers(len(options)))])

    tempo = instruction.get("tempo") or "medium"
    camera_speed = TEMPO_TO_CAMERA_SPEED.get(tempo, "medium")
    camera_type = pick("camera", CAMERA_TYPES, lambda o: canonical_key("camera", {"type": o, "speed": camera_speed}))
    if camera_type == "static":
        camera_speed = "slow"  # a static camera has no speed; one canonical value keeps one key
    gradient_strength = str(GRADIENT_STRENGTHS[int(rng.integers(len(GRADIENT_STRENGTHS)))])
    gradient_type = pick(
        "gradient", GRADIENT_TYPES, lambda o: canonical_key("gradient", {"type": o, "strength": gradient_strength})
    )
    motion = instruction.get("motion") or {}
    motion_speed = motion.get("speed") or "medium"
    motion_direction = motion.get("direction") or "none"
    motion_rhythm = motion.get("rhythm") or "steady"
    if "motion" not in explicit:
        motion_direction = str(MOTION_DIRECTIONS[1 + int(rng.integers(len(MOTION_DIRECTIONS) - 1))])
        motion_rhythm = str(MOTION_RHYTHMS[int(rng.integers(len(MOTION_RHYTHMS)))])
    elif motion_speed != "still" and motion_direction == "none":
        # "a fast dancer" asks for speed, not a way: any planar way shows it.
        motion_direction = str(MOTION_DIRECTIONS[1 + int(rng.integers(4))])
    if motion_speed == "still" or motion_direction == "none":
        motion_speed, motion_rhythm, motion_direction = "still", "steady", "none"
    lighting = pick("lighting", tuple(LIGHTING_PRESETS), lambda o: canonical_key("lighting", {"preset": o}))
    composition = pick("composition", COMPOSITION_BALANCES, lambda o: canonical_key("composition", {"balance": o}))
    transition_type = pick("transition", TRANSITION_TYPES)
    duration_ms = 0 if transition_type == "cut" else int(1000 * TRANSITION_DURATIONS[int(rng.integers(2))])

    if workflow in RANDOM_BASELINES:
        # The random-choice baseline (benchmarks/coverage.py): every dynamic value drawn uniformly from its space.
        motion_speed, motion_rhythm, motion_direction = _uniform(rng, "motion")
        camera_type, camera_speed = _uniform(rng, "camera")
        transition_type, duration_ms = _uniform(rng, "transition")
        gradient_type, gradient_strength = _uniform(rng, "gradient")
        (lighting,) = _uniform(rng, "lighting")
        (composition,) = _uniform(rng, "composition")
    if workflow == "explorer":
        # The explorer sweeps every dynamic space (coverage.sweeps). Its prompt asks for the cell's camera, motion,
        # lighting and transition, which the interpretation then names; what a prompt cannot say (camera speed
        # apart from motion, gradient, composition, transition length) comes from the cell. A field the
        # instruction names explicitly still wins.
        cell = explorer_cell(sweep_index)
        if "motion" not in explicit:
            motion_speed, motion_rhythm, motion_direction = cell["motion"]
        if "camera" not in explicit:
            camera_type = cell["camera"][0]
        camera_speed = "slow" if camera_type == "static" else cell["camera"][1] if cell["camera"][0] != "static" \
            else camera_speed
        if "transition" not in explicit:
            transition_type = cell["transition"][0]
        if transition_type == cell["transition"][0]:
            duration_ms = cell["transition"][1]
        if "gradient" not in explicit:
            gradient_type, gradient_strength = cell["gradient"]
        if "lighting" not in explicit:
            (lighting,) = cell["lighting"]
        if "composition" not in explicit:
            (composition,) = cell["composition"]

    start, end = gradient_colors(instruction, rng, lighting, gradient_strength)
    palette = _palette_rgb(instruction)
    subject = _contrasting_subject(palette, start, end)
    scene = SceneSpec(
        gradient_type=gradient_type,
        gradient_strength=gradient_strength,
        gradient_colors=(start, end),
        shot_b_colors=shot_b_colors(start, end, lighting),
        subject_color=subject,
        camera_type=camera_type,
        camera_speed=camera_speed,
        motion_speed=motion_speed,
        motion_rhythm=motion_rhythm,
        motion_direction=motion_direction,
        lighting=lighting,
        composition=composition,
        transition_type=transition_type,
        transition_duration_ms=duration_ms,
    )
    layout = FrameLayout(settings.width, settings.height)
    frames = settings.frame_count
    color_cells = _color_cells(workflow, sweep_index, layout.cells_per_frame, frames, palette, rng, state)
    sound_cells = _sound_cells(workflow, sweep_index, frames, instruction, rng, settings.fps, state)
    narrative = {
        category: str(instruction[category])
        for category in NARRATIVE
        if instruction.get(category) and str(instruction[category]) in NARRATIVE[category]
    }
    if workflow in RANDOM_BASELINES:
        narrative = random_narrative(rng)
    return VideoSpec(
        job_id=job_id,
        seed=seed,
        prompt=prompt,
        width=settings.width,
        height=settings.height,
        fps=settings.fps,
        frame_count=frames,
        scene=scene,
        color_cells=color_cells,
        sound_cells=sound_cells,
        narrative=narrative,
    )


def _palette_rgb(instruction: Mapping) -> list[tuple[int, int, int]]:
    palette = [tuple(int(c) for c in entry["rgb"]) for entry in instruction.get("palette") or [] if "rgb" in entry]
    return palette or [(96, 96, 140), (160, 160, 200)]


#: Further gradient directions to try when the palette's cannot give the look: grey, then the primaries and
#: secondaries both ways.
LOOK_DIRECTIONS = tuple(np.array(v, dtype=np.float64) for v in (
    (1, 1, 1), (1, 0, 0), (0, 1, 0), (0, 0, 1), (-1, 0, 0), (0, -1, 0), (0, 0, -1),
    (1, 1, 0), (0, 1, 1), (1, 0, 1), (-1, -1, 0), (0, -1, -1), (-1, 0, -1)))


def gradient_colors(instruction: Mapping, rng: np.random.Generator, lighting: str,
                    strength: str = "medium") -> tuple[tuple[int, int, int], ...]:
    """The gradient's two end colours, GRADIENT_SPAN[strength] apart (RGB 0-1 distance, so strength is
    measurable), pointing from the palette's first colour toward its second (a muted look points along the grey
    axis instead), placed so the graded scene has the instruction's brightness, temperature and saturation
    (creation.look), inside the range the lighting grade leaves unclipped (no pixel goes flat, every value can be
    read)."""
    palette = np.asarray(_palette_rgb(instruction), dtype=np.float64) / 255.0
    first = palette[0]
    second = palette[1] if len(palette) > 1 else np.clip(first + rng.uniform(-0.4, 0.4, 3), 0, 1)
    direction = second - first
    if np.linalg.norm(direction) < 1e-3 or instruction.get("saturation") == "muted":
        direction = np.array([1.0, 1.0, 1.0])
    targets = look_targets(instruction.get("brightness") or "balanced", instruction.get("temperature") or "neutral",
                           instruction.get("saturation") or "balanced")
    # The palette's way first; where the look cannot be reached that way (a bright warm scene running toward
    # blue), the reverse way, then the grey axis and the colour axes (a dark vivid scene runs along red, say).
    best = None
    for way in (direction, -direction, *LOOK_DIRECTIONS):
        travel = GRADIENT_SPAN[strength] * way / np.linalg.norm(way)
        start = start_for_look(first, travel, targets, lighting)
        miss = float(np.abs(graded_look(start, travel, lighting) - targets).max())
        if best is None or miss < best[0] - 1e-9:
            best = (miss, start, travel)
        if miss < 0.02:
            break
    _, start, travel = best
    return tuple(int(round(c * 255)) for c in start), tuple(int(round(c * 255)) for c in start + travel)


def shot_b_colors(start, end, lighting: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """Shot B is shot A with every channel moved by up to 0.3 toward its roomier side of the unclipped range,
    so every column changes across a transition while the gradient keeps its shape and strength. (The look the
    instruction asks for is the opening shot's: a uniform lighter/darker shot B kept the look but made transitions
    ambiguous in 3 clips of 60.)"""
    low, high = (int(round(v * 255)) for v in safe_input_range(lighting))
    high = min(high, 230)
    shift = []
    for a, b in zip(start, end):
        room_down, room_up = min(a, b) - low, high - max(a, b)
        shift.append(-min(77, room_down) if room_down > room_up else min(77, room_up))
    return tuple(tuple(int(np.clip(c + d, 0, 255)) for c, d in zip(colour, shift)) for colour in (start, end))


def _contrasting_subject(palette, start, end) -> tuple[int, int, int]:
    mean = (np.asarray(start) + np.asarray(end)) / 2.0
    best = max(palette, key=lambda c: (float(np.abs(np.asarray(c) - mean).sum()), c))
    if np.abs(np.asarray(best) - mean).sum() < 150:
        best = tuple(int(255 - m) for m in mean)
    return tuple(int(c) for c in best)


#: Workflows that are not loop workflows but the random-choice baseline the coverage benchmark compares the loop
#: with: every colour cell, sound cell, dynamic value and narrative value drawn uniformly from its space.
#: ``random`` draws sound cells per frame (the static sound baseline); ``random_blend`` draws one sound blend per
#: video and renders it as the explorer would (the dynamic sound baseline).
RANDOM_BASELINES = ("random", "random_blend")

#: Candidates an exploiting workflow draws around the prompt for each colour cell; it keeps the least used.
EXPLOIT_CANDIDATES = 4


def random_narrative(rng: np.random.Generator) -> dict[str, str]:
    """The random baseline's story: one value per narrative category, drawn uniformly."""
    return {category: str(values[int(rng.integers(len(values)))]) for category, values in NARRATIVE.items()}


def _uniform(rng: np.random.Generator, category: str) -> tuple:
    cells = dynamic_cells()[category]
    return cells[int(rng.integers(len(cells)))]


def _color_cells(workflow, sweep_index, per_frame, frames, palette, rng, state):
    """The colour cells of one video, frame by frame.

    - explorer: the next ``per_frame x frames`` cells of a fixed interleaving of the whole space, so video i holds
      cells [i x 2,688, (i + 1) x 2,688) and 8 videos hold all 20,686 (the lower bound);
    - exploiter: cells around the prompt's palette, each the least used (in the workflow's earlier batches) of a
      few candidates, so the registry's thin entries near what the prompt asks for fill in;
    - balanced: half of every frame sweeps the space (from the far end of the explorer's order, so running both
      fills it from both sides), half exploits as above;
    - the random baselines: cells drawn uniformly from the space.
    """
    total = per_frame * frames
    if workflow == "explorer":
        order = sweep_order(all_color_cells(), "static_colors")
        offset = sweep_index * total
        chosen = [order[(offset + i) % len(order)] for i in range(total)]
    elif workflow in RANDOM_BASELINES:
        space = all_color_cells()
        chosen = [space[int(i)] for i in rng.integers(0, len(space), total)]
    else:
        swept = total // 2 if workflow == "balanced" else 0
        order = sweep_order(all_color_cells(), "static_colors")
        chosen = [order[-1 - (sweep_index * swept + i) % len(order)] for i in range(swept)]
        base = np.asarray(palette, dtype=np.float64)
        exploit = workflow in ("exploiter", "balanced") and state is not None and bool(state.counts)
        for _ in range(total - swept):
            candidates = []
            for _ in range(EXPLOIT_CANDIDATES if exploit else 1):
                colour = base[int(rng.integers(len(base)))] + rng.normal(0, 30, 3)
                opacity = int(OPACITY_LEVELS_PCT[int(rng.integers(1, len(OPACITY_LEVELS_PCT)))])
                candidates.append(canonical_cell(tuple(min(max(float(c), 0.0), 255.0) for c in colour), opacity))
            chosen.append(min(candidates, key=lambda cell: state.count(color_cell_key(*cell))) if exploit
                          else candidates[0])
        if swept:  # interleave swept and exploited cells so every frame holds both
            exploited = chosen[swept:]
            chosen = [c for pair in zip(chosen[:swept], exploited) for c in pair] + exploited[swept:]
    cells = [(r, g, b, o) for (r, g, b), o in chosen]
    return tuple(tuple(cells[f * per_frame : (f + 1) * per_frame]) for f in range(frames))


#: Frames at the start of every video whose audio is silence. An AAC encoder starts cold: in its first block a
#: short event measured up to 21 % louder than rendered (a drip at 60 % read as 73 %), enough to cross a strength
#: level; from the second frame on the error stays under 3 %. The silent lead-in keeps every recorded sound exact.
SOUND_LEAD_IN_FRAMES = 1


def with_sound_lead_in(cells: Sequence[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    """``cells`` with the first SOUND_LEAD_IN_FRAMES replaced by silence."""
    return tuple(("silence", 0) if i < SOUND_LEAD_IN_FRAMES else tuple(c) for i, c in enumerate(cells))


#: The kinds of noise each sound presence is made of (a "full" soundscape mixes kinds).
PRESENCE_KINDS = {"ambient": ("ambient",), "music": ("music",), "sfx": ("sfx",), "full": ("ambient", "sfx", "music")}


def _noises_for(presence, pitch, rng) -> list[str]:
    """Three noises (fewer where fewer fit) of the presence's kinds, at the pitch asked for where one fits."""
    kinds = PRESENCE_KINDS.get(presence)
    if kinds is None:
        return [str(n) for n in rng.choice(np.array(NOISES[1:]), size=3, replace=False)]
    fitting = [n for n in NOISES[1:] if NOISE_KIND[n] in kinds]
    pitched = [n for n in fitting if NOISE_PITCH[n] == pitch]
    if presence == "full":
        # Every kind present, the pitch asked for leading: two noises at that pitch where possible, one other kind.
        leading = pitched or fitting
        first = leading[int(rng.integers(len(leading)))]
        others = [n for n in fitting if NOISE_KIND[n] != NOISE_KIND[first]]
        return [first, first, others[int(rng.integers(len(others)))]]
    pool = pitched or fitting
    count = min(3, len(pool))
    return [str(n) for n in rng.choice(np.array(pool), size=count, replace=False)]


def _sound_cells(workflow, sweep_index, frames, instruction, rng, fps=24, state=None):
    """The sound cells of one video (the first SOUND_LEAD_IN_FRAMES silent): the sound workflow sweeps the
    static sound space (23 audible cells a video: 2 videos hold all 46), the explorer its blend cell, the random
    baselines draw uniformly; the others play the prompt's noises, exploiting workflows at the least used of the
    strength levels around the prompt's intensity."""
    audible_frames = frames - SOUND_LEAD_IN_FRAMES
    if workflow == "random_blend":
        return blend_cells(_uniform(rng, "sound"), frames, fps, SOUND_LEAD_IN_FRAMES)
    if workflow == "random":
        space = all_sound_cells()
        return with_sound_lead_in([space[int(i)] for i in rng.integers(0, len(space), frames)])
    if workflow == "explorer" and not (instruction.get("sound") or {}).get("noises"):
        # The explorer sweeps the sound blends (coverage.sweeps) unless its prompt named noises.
        return blend_cells(explorer_cell(sweep_index)["sound"], frames, fps, SOUND_LEAD_IN_FRAMES)
    if workflow == "sound":
        order = sweep_order(all_sound_cells(), "static_sound")
        swept = [order[(sweep_index * audible_frames + i) % len(order)] for i in range(audible_frames)]
        return with_sound_lead_in([("silence", 0)] * SOUND_LEAD_IN_FRAMES + swept)
    sound = instruction.get("sound") or {}
    if sound.get("presence") == "silence":
        return tuple(("silence", 0) for _ in range(frames))
    noises = [n for n in sound.get("noises") or [] if n in NOISES and n != "silence"]
    if not noises:
        noises = _noises_for(sound.get("presence"), sound.get("pitch"), rng)
    intensity = float(instruction.get("intensity", 0.5) or 0.5)
    centre = min(range(len(STRENGTH_LEVELS_PCT)), key=lambda i: abs(STRENGTH_LEVELS_PCT[i] / 100 - intensity))
    exploit = workflow in ("exploiter", "balanced") and state is not None and bool(state.counts)
    cells = []
    for _ in range(frames):
        noise = noises[int(rng.integers(len(noises)))]
        level = int(np.clip(centre + rng.integers(-1, 2), 0, len(STRENGTH_LEVELS_PCT) - 1))
        if exploit:  # the least used level around the intensity (ties: the drawn one)
            near = sorted({max(0, centre - 1), centre, min(len(STRENGTH_LEVELS_PCT) - 1, centre + 1)},
                          key=lambda i: (state.count(sound_cell_key(noise, STRENGTH_LEVELS_PCT[i])), i != level))
            level = near[0]
        cells.append((noise, STRENGTH_LEVELS_PCT[level]))
    return with_sound_lead_in(cells)


#: Every instruction field creation honours. ``generate`` renders what was interpreted, defaults included; the loop
#: honours only what its prompt said (``explicit``) and explores the rest.
HONOURED_FIELDS = ("camera", "gradient", "lighting", "composition", "transition", "motion", "brightness",
                   "temperature", "saturation", "sound")


def fully_explicit(instruction: Mapping) -> dict:
    """``instruction`` with every honoured field marked explicit, for rendering exactly what was interpreted."""
    return {**instruction, "explicit": sorted(set(instruction.get("explicit") or ()) | set(HONOURED_FIELDS))}
