"""The primitive (origin) vocabularies of every domain, as data.

Taken from the older system's documented origins (ORIGINAL_FACTS.md §2) and widened where the mission asks for
more (ten origin noises, fifteen moods, the extra genres). Everything else in the project speaks in these terms:
creation chooses among them, extraction measures onto them, the registries' spaces are built from them.
"""

from __future__ import annotations

from types import MappingProxyType

# --- colour -------------------------------------------------------------------------------------------------
#: The 16 depth primitives; every colour depth breakdown is a weighting over these (sRGB, 0-255).
COLOR_PRIMITIVES: MappingProxyType[str, tuple[int, int, int]] = MappingProxyType(
    {
        "black": (0, 0, 0),
        "white": (255, 255, 255),
        "red": (255, 0, 0),
        "green": (0, 255, 0),
        "blue": (0, 0, 255),
        "yellow": (255, 255, 0),
        "cyan": (0, 255, 255),
        "magenta": (255, 0, 255),
        "orange": (255, 165, 0),
        "purple": (128, 0, 128),
        "pink": (255, 192, 203),
        "brown": (165, 42, 42),
        "navy": (0, 0, 128),
        "gray": (128, 128, 128),
        "olive": (128, 128, 0),
        "teal": (0, 128, 128),
    }
)

#: Channel levels of the static colour grid: 11 evenly spaced levels over 0-255 (the older system's 11-level
#: target, but with cell centres that are real, renderable 8-bit values including both ends).
COLOR_LEVELS: tuple[int, ...] = tuple(round(i * 25.5) for i in range(11))

#: Opacity levels: 0.00 to 1.00 in steps of 0.05 (21 levels), stored as integer percent.
OPACITY_LEVELS_PCT: tuple[int, ...] = tuple(range(0, 101, 5))

# --- sound --------------------------------------------------------------------------------------------------
#: The ten origin noises. Each is synthesised as a genuinely different sound (see rendering.audio).
NOISES: tuple[str, ...] = (
    "silence",
    "rumble",
    "hum",
    "tone",
    "hiss",
    "rustle",
    "thump",
    "click",
    "whoosh",
    "drip",
)

#: Strength of a noise as a percentage of full scale (RMS relative to the loudest level we render).
#: Silence has strength 0 only; every other noise takes each of these levels.
STRENGTH_LEVELS_PCT: tuple[int, ...] = (20, 40, 60, 80, 100)
#: Which noises sound low, mid or high, and which are ambient, musical or effects (for sound blends and prompts).
NOISE_PITCH = MappingProxyType({"rumble": "low", "hum": "low", "thump": "low", "tone": "mid", "rustle": "mid",
                                "whoosh": "mid", "drip": "mid", "hiss": "high", "click": "high"})
NOISE_KIND = MappingProxyType({"rumble": "ambient", "hum": "ambient", "hiss": "ambient", "whoosh": "ambient",
                               "rustle": "ambient", "tone": "music", "thump": "sfx", "click": "sfx", "drip": "sfx"})

SOUND_PITCHES: tuple[str, ...] = ("low", "mid", "high")
SOUND_TEMPOS: tuple[str, ...] = ("slow", "medium", "fast")
SOUND_MOODS: tuple[str, ...] = ("neutral", "calm", "tense", "uplifting", "dark")
SOUND_PRESENCES: tuple[str, ...] = ("silence", "ambient", "music", "sfx", "full")

# --- motion, camera, gradient, lighting, composition, transition ---------------------------------------------
MOTION_SPEEDS: tuple[str, ...] = ("still", "slow", "medium", "fast")
MOTION_RHYTHMS: tuple[str, ...] = ("steady", "pulsing", "wave", "random")
MOTION_DIRECTIONS: tuple[str, ...] = ("none", "left", "right", "up", "down", "in", "out")

CAMERA_TYPES: tuple[str, ...] = (
    "static",
    "pan",
    "tilt",
    "dolly",
    "crane",
    "zoom",
    "zoom_out",
    "handheld",
    "roll",
    "truck",
    "pedestal",
    "arc",
    "tracking",
    "birds_eye",
    "whip_pan",
    "rotate",
)
CAMERA_SPEEDS: tuple[str, ...] = ("slow", "medium", "fast")

GRADIENT_TYPES: tuple[str, ...] = ("vertical", "horizontal", "radial", "angled")
#: Gradient strength bands: the luminance span of the gradient across the frame.
GRADIENT_STRENGTHS: tuple[str, ...] = ("soft", "medium", "strong")
#: How far (RGB 0-1 distance) a gradient's colour travels across the scene at each strength: 0.5 x (0.2, 0.5, 0.9).
GRADIENT_SPAN = MappingProxyType({"soft": 0.1, "medium": 0.25, "strong": 0.45})


#: Lighting presets as colour grading in 0-1: add lift, multiply by gain, apply gamma, then stretch contrast
#: about 0.5 and saturation about luma (ORIGINAL_FACTS.md §2.6).
LIGHTING_PRESETS: MappingProxyType[str, MappingProxyType[str, float]] = MappingProxyType(
    {
        name: MappingProxyType(dict(zip(("contrast", "saturation", "lift", "gamma", "gain"), grade)))
        for name, grade in {
            "neutral": (1.0, 1.0, 0.0, 1.0, 1.0),
            "noir": (1.3, 0.6, -0.1, 1.1, 0.9),
            "golden_hour": (1.1, 1.2, 0.02, 0.95, 1.1),
            "neon": (1.2, 1.4, 0.0, 1.0, 1.15),
            "documentary": (1.05, 0.95, 0.0, 1.0, 1.0),
            "moody": (1.25, 0.8, -0.05, 1.15, 0.95),
        }.items()
    }
)

COMPOSITION_BALANCES: tuple[str, ...] = ("balanced", "left_heavy", "right_heavy", "top_heavy", "bottom_heavy")

TRANSITION_TYPES: tuple[str, ...] = ("cut", "fade", "dissolve", "wipe")
#: Transition durations in seconds (a cut is instantaneous).
TRANSITION_DURATIONS: tuple[float, ...] = (0.25, 0.5)

# --- narrative ----------------------------------------------------------------------------------------------
NARRATIVE: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(
    {
        "genre": (
            "general", "documentary", "thriller", "ad", "tutorial", "educational", "explainer",
            "comedy", "horror", "drama", "sci_fi", "fantasy", "music_video",
        ),
        "mood": (
            "neutral", "calm", "tense", "uplifting", "dark", "dreamy", "energetic", "moody", "melancholic",
            "eerie", "romantic", "playful", "epic", "mysterious", "hopeful",
        ),
        "theme": ("general", "transformation", "conflict", "journey", "identity", "connection", "loss", "hope"),
        "plot": ("flat", "slow_build", "standard", "immediate"),
        "setting": (
            "general", "urban", "nature", "interior", "exterior", "studio", "abstract", "space", "underwater",
        ),
        "style": ("cinematic", "abstract", "minimal", "realistic", "anime", "cartoon"),
        "scene_type": ("establishing", "closeup", "wide", "medium", "dialogue", "action", "montage", "b-roll"),
    }
)

#: Probe workflows: they acquire the primitive spaces exactly, rendering the calibration pattern (swatch strip,
#: per-frame sound cells) from prompts the loop composes; never used for a person's prompt.
PROBE_WORKFLOWS: tuple[str, ...] = ("explorer", "exploiter", "balanced", "sound")
#: Creative workflows: full-frame scenes with a soundtrack, measured as a viewer sees and hears them.
SCENE_WORKFLOWS: tuple[str, ...] = ("scenes",)
#: Workflows that render and extract videos.
RENDER_WORKFLOWS: tuple[str, ...] = (*PROBE_WORKFLOWS, *SCENE_WORKFLOWS)
#: Every loop workflow: ``interpret`` reads generated prompts only (interpretation and linguistic registries).
WORKFLOWS: tuple[str, ...] = (*RENDER_WORKFLOWS, "interpret")
#: The extraction focus each workflow's schedule runs with (None: the workflow extracts nothing).
WORKFLOW_FOCUS = MappingProxyType(
    {"explorer": "all", "exploiter": "all", "balanced": "all", "sound": "frame", "scenes": "all", "interpret": None})
