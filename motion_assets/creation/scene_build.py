"""Instruction -> scene spec: the world, light, subjects, camera, shots and soundtrack a prompt describes.

What the prompt said is honoured; what it left open is chosen deterministically from the job's seed (hashlib),
within what fits what it did say (a night scene gets the moon, a storm its lightning and thunder, a beach its
waves). Colours: the first colour the prompt names paints the largest region of the setting, the next ones the
following regions, in the order of ``SETTING_REGIONS``; colours bound to a subject ("a red car") paint the
subject; colours the prompt excludes lose their hue in the grade, so no pixel shows them. Colours the prompt leaves
open are the registries' observed colours nearest the setting's own (``creation.materials``), and the spec records
the registry value of every part (``SceneVideoSpec.materials``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from collections.abc import Mapping, Sequence

import numpy as np

from motion_assets.creation.materials import NO_MATERIALS, SceneMaterials, colour_key
from motion_assets.creation.scene_spec import (
    Grade,
    Material,
    MusicPart,
    SceneVideoSpec,
    Shot,
    Soundtrack,
    SubjectPlacement,
)
from motion_assets.keys.canonical import HUE_FAMILY_RANGES, canonical_key, hue_ranges_for, text_key
from motion_assets.origins.scenes import (
    AMBIENT_BEDS,
    CAMERA_MOVES,
    REGISTRY_CAMERA_TYPES,
    SCENE_SETTINGS,
    SETTING_BEDS,
    SUBJECT_KINDS,
    TIMES_OF_DAY,
    WEATHER,
    WEATHER_BEDS,
)

DEFAULT_DURATION_S = 6.0
DEFAULT_FPS = 24
DEFAULT_SIZE = (640, 360)
MAX_SUBJECTS = 8
SPACE_SUIT = (232, 234, 238)

#: The regions of each setting, largest area first: where the prompt's colours go, in the order it names them.
SETTING_REGIONS: Mapping[str, tuple[str, ...]] = {
    "sky": ("sky_top", "sky_low", "land_far"),
    "ocean": ("water", "sky_top", "sky_low"),
    "beach": ("land", "water", "sky_top", "sky_low"),
    "lake": ("water", "sky_top", "land", "land_far"),
    "river": ("land", "sky_top", "water", "land_far"),
    "hills": ("land", "sky_top", "land_far", "sky_low"),
    "mountains": ("land_far", "sky_top", "land", "sky_low"),
    "forest": ("land", "sky_top", "land_far", "sky_low"),
    "desert": ("land", "sky_top", "accent", "sky_low"),
    "snow_field": ("land", "sky_top", "land_far", "sky_low"),
    "city": ("land_far", "sky_top", "water", "sky_low"),
    "street": ("accent", "land_far", "land", "sky_top"),
    "room": ("accent", "land", "land_far", "sky_top"),
    "underwater": ("water", "land", "accent"),
    "space": ("sky_top", "accent", "land_far", "sky_low"),
}

#: The surfaces whose colour a scene takes from the registry when the prompt leaves it open (the sky is the time
#: of day's light, not a material).
PAINTED_REGIONS = ("land", "land_far", "water", "accent")

#: Each setting's own colours (by day; the sky comes from the time of day).
SETTING_COLOURS: Mapping[str, Mapping[str, tuple[int, int, int]]] = {
    "sky": {"land": (90, 120, 90), "land_far": (110, 130, 120), "water": (40, 100, 150), "accent": (200, 180, 150)},
    "ocean": {"land": (90, 130, 80), "land_far": (100, 120, 120), "water": (22, 92, 148), "accent": (200, 180, 150)},
    "beach": {"land": (232, 208, 156), "land_far": (110, 130, 110), "water": (30, 120, 160), "accent": (210, 180, 130)},
    "lake": {"land": (70, 130, 60), "land_far": (50, 90, 60), "water": (35, 95, 130), "accent": (200, 180, 150)},
    "river": {"land": (85, 150, 65), "land_far": (95, 125, 110), "water": (45, 110, 160), "accent": (200, 180, 150)},
    "hills": {"land": (88, 155, 62), "land_far": (115, 145, 120), "water": (40, 100, 150), "accent": (200, 180, 150)},
    "mountains": {"land": (80, 130, 70), "land_far": (110, 115, 130), "water": (40, 100, 150), "accent": (200, 180, 150)},
    "forest": {"land": (45, 110, 48), "land_far": (70, 110, 90), "water": (40, 100, 150), "accent": (200, 180, 150)},
    "desert": {"land": (228, 186, 122), "land_far": (200, 160, 120), "water": (40, 100, 150), "accent": (170, 110, 70)},
    "snow_field": {"land": (238, 242, 250), "land_far": (170, 180, 200), "water": (60, 100, 140), "accent": (200, 210, 230)},
    "city": {"land": (70, 70, 78), "land_far": (72, 80, 98), "water": (30, 55, 85), "accent": (120, 110, 140)},
    "street": {"land": (150, 150, 155), "land_far": (150, 95, 80), "water": (40, 60, 90), "accent": (185, 160, 130)},
    "room": {"land": (150, 100, 62), "land_far": (120, 90, 70), "water": (40, 100, 150), "accent": (214, 196, 168)},
    "underwater": {"land": (200, 185, 140), "land_far": (40, 110, 120), "water": (18, 96, 140), "accent": (230, 120, 80)},
    "space": {"land": (60, 60, 80), "land_far": (60, 90, 170), "water": (20, 40, 80), "accent": (130, 60, 170)},
}

#: Time of day -> (sky top, sky at the horizon, light on subjects, sun kind, sun height above the horizon, sun
#: colour, stars, share of windows lit).
TIME_LOOKS = {
    "dawn": ((92, 112, 172), (250, 160, 112), (255, 225, 210), "sun", 0.05, (255, 215, 170), 0.0, 0.3),
    "day": ((62, 122, 216), (186, 212, 240), (255, 255, 255), "sun", 0.36, (255, 248, 225), 0.0, 0.08),
    "golden_hour": ((96, 132, 198), (255, 198, 118), (255, 226, 180), "sun", 0.13, (255, 214, 140), 0.0, 0.2),
    "sunset": ((74, 62, 132), (252, 122, 58), (255, 190, 150), "sun", 0.03, (255, 150, 70), 0.0, 0.45),
    "dusk": ((34, 40, 92), (165, 102, 124), (170, 160, 190), "moon", 0.22, (230, 228, 215), 0.45, 0.7),
    "night": ((7, 11, 34), (28, 38, 74), (120, 130, 175), "moon", 0.3, (236, 236, 222), 1.0, 0.75),
}

#: Words of the older vocabulary (``place``, ``setting``) that name a scene setting.
PLACE_SETTINGS = {
    "ocean": "ocean", "sea": "ocean", "waves": "ocean", "seaside": "beach", "coast": "beach", "beach": "beach",
    "shore": "beach", "island": "beach", "lake": "lake", "pond": "lake", "river": "river", "stream": "river",
    "waterfall": "river", "hill": "hills", "hills": "hills", "field": "hills", "fields": "hills", "meadow": "hills",
    "countryside": "hills", "farm": "hills", "garden": "hills", "park": "hills", "mountain": "mountains",
    "mountains": "mountains", "valley": "mountains", "forest": "forest", "woods": "forest", "jungle": "forest",
    "desert": "desert", "dune": "desert", "dunes": "desert", "snow": "snow_field", "tundra": "snow_field",
    "arctic": "snow_field", "city": "city", "skyline": "city", "downtown": "city", "metropolis": "city",
    "street": "street", "alley": "street", "road": "street", "town": "street", "market": "street",
    "room": "room", "studio": "room", "kitchen": "room", "bedroom": "room", "office": "room", "cafe": "room",
    "house": "room", "interior": "room", "underwater": "underwater", "reef": "underwater", "space": "space",
    "galaxy": "space", "cosmos": "space", "universe": "space", "sky": "sky", "clouds": "sky",
    "urban": "city", "nature": "hills", "indoors": "room", "indoor": "room",
}

#: Words that put mountains on a setting's horizon ("a lake surrounded by mountains"), and the settings that can
#: show them behind their own far land.
MOUNTAIN_WORDS = frozenset({"mountain", "mountains", "peaks", "alps", "alpine", "himalayas", "rockies"})
#: Autumn turns a place's leaves and grass to the season's colours.
AUTUMN_WORDS = frozenset({"autumn", "autumnal", "fall", "foliage"})
AUTUMN_SETTINGS = frozenset({"hills", "forest", "lake", "river", "mountains", "street"})
AUTUMN_LEAVES = (196, 104, 38)
BUSY_WORDS = frozenset({"busy", "crowded", "bustling", "packed", "lively", "thronged", "hectic"})
MOUNTAIN_BACKDROPS = frozenset({"lake", "river", "hills", "forest", "snow_field", "sky", "desert", "beach"})

#: The older camera vocabulary with a motion direction -> a camera move in the viewer's terms.
CAMERA_FROM_TYPE = {
    ("pan", "left"): "pan_left", ("pan", "right"): "pan_right", ("pan", "none"): "pan_right",
    ("truck", "left"): "pan_left", ("truck", "right"): "pan_right", ("tracking", "left"): "pan_left",
    ("tilt", "up"): "tilt_up", ("tilt", "down"): "tilt_down", ("tilt", "none"): "tilt_up",
    ("pedestal", "up"): "tilt_up", ("pedestal", "down"): "tilt_down", ("crane", "down"): "tilt_down",
    ("crane", "none"): "tilt_up", ("zoom", "out"): "zoom_out", ("zoom", "none"): "zoom_in", ("zoom_out", "none"): "zoom_out",
    ("dolly", "out"): "dolly_out", ("dolly", "none"): "dolly_in", ("handheld", "none"): "shake",
    ("arc", "none"): "orbit", ("rotate", "none"): "orbit", ("roll", "none"): "orbit", ("whip_pan", "left"): "pan_left",
    ("whip_pan", "none"): "pan_right", ("tracking", "none"): "pan_right", ("birds_eye", "none"): "tilt_down",
}

SPEED_FACTOR = {"still": 0.0, "slow": 0.5, "medium": 1.0, "fast": 2.0}
#: Medium speed: a pan crosses about a tenth of the frame's width per second (a slow one half that), a tilt a
#: twentieth of its height; zooms change the scale by about 8% per second.
CAMERA_BASE_RATE = {"pan_left": 0.16, "pan_right": 0.16, "tilt_up": 0.06, "tilt_down": 0.06, "zoom_in": 0.08,
                    "zoom_out": 0.08, "dolly_in": 0.08, "dolly_out": 0.08, "orbit": 0.09, "shake": 0.014,
                    "static": 0.0}
#: Subject motion -> (world units per second at medium speed, radians per second of its own cycle, bob).
MOTION_RATES = {"drive": (0.16, 9.0, 0.0), "fly": (0.12, 7.0, 0.01), "swim": (0.07, 5.0, 0.012),
                "drift": (0.03, 0.0, 0.006), "float": (0.015, 0.0, 0.015), "flutter": (0.06, 14.0, 0.02),
                "walk": (0.05, 7.0, 0.0), "dance": (0.0, 5.0, 0.0), "sway": (0.0, 1.4, 0.0),
                "flicker": (0.0, 5.0, 0.0), "twinkle": (0.0, 3.0, 0.0), "still": (0.0, 0.0, 0.0)}
#: Subject kind -> half height as a share of the frame height.
SUBJECT_SIZES = {"skyscraper": 0.3, "castle": 0.2, "lighthouse": 0.22, "peak": 0.26, "bridge": 0.2, "house": 0.15,
                 "cabin": 0.13, "tree": 0.16, "whale": 0.13, "ship": 0.11, "train": 0.09, "bus": 0.09,
                 "moon": 0.08, "sun": 0.09, "planet": 0.11, "balloon": 0.11, "horse": 0.1, "person": 0.1,
                 "dancer": 0.11, "plane": 0.09, "boat": 0.1, "candle": 0.13, "fire": 0.1,
                 # small things a prompt names are shown close up, as a camera would frame them
                 "fireworks": 0.2, "flower": 0.11, "rose": 0.11, "butterfly": 0.09, "cat": 0.09, "dog": 0.09}
BRIGHTNESS_LUMA = {"dark": 0.13, "dim": 0.27, "balanced": 0.45, "bright": 0.66}
SATURATION_GAIN = {"muted": 0.35, "balanced": 1.0, "vivid": 1.55}
WARMTH = {"cool": -0.13, "neutral": 0.0, "warm": 0.12}
#: The picture's mean red minus blue (0-1) a warm or cool grade reaches at least (the renderer meters it).
WARMTH_TARGET = {"cool": -0.08, "warm": 0.08}
MOOD_GENRES = {"calm": "ambient", "peaceful": "ambient", "sad": "piano", "melancholic": "piano",
               "happy": "orchestral", "joyful": "orchestral", "tense": "electronic", "dark": "electronic",
               "energetic": "electronic", "exciting": "rock", "romantic": "jazz", "mysterious": "ambient",
               "nostalgic": "lofi", "dreamy": "ambient", "epic": "orchestral"}
NOISE_BEDS = {"rumble": "thunder", "hiss": "rain", "whoosh": "wind", "rustle": "wind", "drip": "rain",
              "hum": "city", "click": "fire"}


GENRE_TEMPO = {"lofi": 78, "ambient": 66, "orchestral": 96, "electronic": 124, "jazz": 112, "piano": 72,
               "rock": 128}
TEMPO_FACTOR = {"slow": 0.8, "medium": 1.0, "fast": 1.25}
MINOR_MOODS = {"sad", "melancholic", "tense", "dark", "mysterious", "scary", "eerie", "lonely", "gloomy"}


def music_for(genre: str, instruction: Mapping, register: str, seed: int) -> MusicPart:
    """The music a scene plays: the genre's pace scaled by the asked tempo, a key the mood fits."""
    tempo = int(round(GENRE_TEMPO[genre] * TEMPO_FACTOR.get(str(instruction.get("tempo") or "medium"), 1.0)))
    explicit_tempo = "tempo" in (instruction.get("explicit") or [])
    if not explicit_tempo:
        tempo = GENRE_TEMPO[genre]
    mode = "minor" if str(instruction.get("mood") or "") in MINOR_MOODS or instruction.get("genre") in (
        "horror", "noir", "thriller") else "major"
    root = 45 + int(_rng(seed, "key").integers(0, 7))
    return MusicPart(genre=genre, tempo_bpm=max(40, min(200, tempo)), root=root, mode=mode, register=register)


def _rng(seed: int, *labels: object) -> np.random.Generator:
    digest = hashlib.sha256("/".join(map(str, (seed, *labels))).encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "big"))


def scene_fields(instruction: Mapping, seed: int) -> dict:
    """The scene-level reading of an instruction: setting, time, weather, subjects, camera, shots, monochrome.

    Fields of the scene contract (``scene_setting``, ``weather`` lists, ``subjects``, ``camera_move`` ...) are used
    as given; an instruction without them is read through the older fields (``place``, ``camera`` + direction).
    """
    rng = _rng(seed, "scene-fields")
    setting = instruction.get("scene_setting")
    if setting not in SCENE_SETTINGS:
        setting = PLACE_SETTINGS.get(str(instruction.get("place") or ""), None) \
            or PLACE_SETTINGS.get(str(instruction.get("setting") or ""), None)
    time_of_day = str(instruction.get("time_of_day") or "").replace(" ", "_")
    time_of_day = {"sunrise": "dawn", "morning": "dawn", "noon": "day", "daytime": "day", "midday": "day",
                   "afternoon": "day", "evening": "dusk", "twilight": "dusk", "midnight": "night",
                   "golden": "golden_hour"}.get(time_of_day, time_of_day)
    weather_value = instruction.get("weather")
    weather = [weather_value] if isinstance(weather_value, str) else list(weather_value or [])
    weather = sorted({w for w in weather if w in WEATHER and w != "clear"})
    subjects = [dict(s) for s in instruction.get("subjects") or [] if s.get("kind") in SUBJECT_KINDS]
    kinds = {s["kind"] for s in subjects}
    lighting = instruction.get("lighting")
    noir = lighting == "noir" or instruction.get("style") == "noir"
    if setting is None:
        setting = "space" if kinds & {"planet", "star"} else "ocean" if kinds & {"boat", "ship", "whale"} \
            else "underwater" if "fish" in kinds else "city" if kinds & {"skyscraper", "taxi"} \
            else "street" if kinds & {"car", "bus", "bicycle"} else "room" if kinds & {"candle", "cat"} \
            else "sky" if kinds & {"balloon", "plane", "bird"} else "street" if noir else \
            ("city", "hills", "ocean", "forest", "mountains", "beach", "lake")[int(rng.integers(7))]
    brightness = instruction.get("brightness")
    if time_of_day not in TIMES_OF_DAY:
        time_of_day = "night" if setting == "space" or brightness == "dark" or noir or kinds & {"moon", "star"} \
            else "golden_hour" if instruction.get("lighting") == "golden_hour" else "day"
    camera_move = instruction.get("camera_move")
    if camera_move not in CAMERA_MOVES:
        direction = (instruction.get("motion") or {}).get("direction", "none")
        camera = str(instruction.get("camera") or "static")
        camera_move = CAMERA_FROM_TYPE.get((camera, direction)) or CAMERA_FROM_TYPE.get((camera, "none")) or "static"
    # The interpreter decides monochrome ("noir but in colour" is not); older instructions only say "noir".
    monochrome = bool(instruction["monochrome"]) if "monochrome" in instruction else lighting == "noir"
    shots = instruction.get("shots")
    shots = int(shots) if isinstance(shots, int) and shots >= 1 else 1
    words = set(re.findall(r"[a-z]+", str(instruction.get("prompt") or "").lower()))
    words |= {str(instruction.get("place") or ""), str(instruction.get("setting") or "")}
    far_mountains = setting in MOUNTAIN_BACKDROPS and bool(words & MOUNTAIN_WORDS)
    autumn = bool(words & AUTUMN_WORDS) and setting in AUTUMN_SETTINGS
    busy = setting == "street" and bool(words & BUSY_WORDS)
    if busy and not subjects:  # a busy street is full of people and traffic
        subjects = [{"kind": "person", "count": 4, "color": None}, {"kind": "car", "count": 1, "color": None}]
    black = _black_screen(instruction)
    if black:  # nothing to show: the empty dark of space, with its stars put out below
        setting, time_of_day = "space", "night"
    return {"setting": setting, "time_of_day": time_of_day, "weather": weather, "subjects": subjects,
            "camera_move": camera_move, "monochrome": monochrome, "shots": min(shots, 6),
            "far_mountains": far_mountains, "black_screen": black, "busy": busy, "autumn": autumn}


def scene_palette(instruction: Mapping, fields: Mapping) -> list[tuple[str, tuple[int, int, int]]]:
    """(name, rgb) of the prompt's colours for the setting's regions: named colours, minus scene words and subject
    colours."""
    scene_words = {str(instruction.get("place") or ""), str(instruction.get("time_of_day") or ""),
                   fields["setting"], fields["time_of_day"], *SCENE_SETTINGS, "sunset", "sunrise", "night", "sky",
                   "sea", "ocean", "forest", "desert", "snow", "sand"}
    subject_colours = {tuple(s["color"]) for s in fields["subjects"] if s.get("color")}
    # A word that names a subject shows the subject, not its colour ("by the fire" is a fire, not fire orange).
    scene_words |= {s["kind"] for s in fields["subjects"]}
    excluded = instruction.get("avoid_colors") or []
    colours, names = [], []
    # Only colours the prompt named: the interpreter fills an unnamed palette with defaults for the probe.
    named = instruction.get("palette") if "palette" in (instruction.get("explicit") or []) else []
    for entry in named or []:
        rgb = tuple(int(c) for c in entry["rgb"])
        if entry.get("name") in scene_words or rgb in subject_colours or rgb in colours:
            continue
        if any(_hue_in(rgb, hue_ranges_for(word)) for word in excluded):
            continue
        colours.append(_true_to_name(rgb, str(entry.get("name") or "")))
        names.append(str(entry.get("name") or ""))
    return list(zip(names, colours))[:4]


def _true_to_name(rgb: tuple[int, int, int], name: str) -> tuple[int, int, int]:
    """``rgb`` with its hue moved just inside the family its name says, when a colour table puts it outside: CSS
    "purple" (128, 0, 128) sits at 300 degrees, where a viewer sees magenta; a person asking for purple means purple."""
    import colorsys

    words = name.split()
    family = words[-1] if words and words[-1] in HUE_FAMILY_RANGES else None
    r, g, b = (c / 255.0 for c in rgb)
    h, sat, val = colorsys.rgb_to_hsv(r, g, b)
    if family is None or sat < 0.15 or _hue_in(rgb, HUE_FAMILY_RANGES[family]):
        return rgb
    hue = h * 360.0
    inside = [(a + 8.0, z - 8.0) for a, z in HUE_FAMILY_RANGES[family]]
    target = min((min(max(hue, a), z) for a, z in inside), key=lambda t: min(abs(t - hue), 360 - abs(t - hue)))
    return tuple(int(round(c * 255)) for c in colorsys.hsv_to_rgb((target % 360.0) / 360.0, sat, val))


#: Nouns a colour can be written before ("pink clouds", "a grey sea") -> the region of the picture they name.
REGION_NOUNS = {
    "sky": "sky_top", "skies": "sky_top", "clouds": "sky_top", "cloud": "sky_top", "heavens": "sky_top",
    "horizon": "sky_low", "sea": "water", "ocean": "water", "water": "water", "waters": "water", "lake": "water",
    "river": "water", "waves": "water", "pond": "water", "stream": "water", "mountains": "land_far",
    "mountain": "land_far", "peaks": "land_far", "hills": "land", "hill": "land", "field": "land",
    "fields": "land", "meadow": "land", "meadows": "land", "grass": "land", "sand": "land", "dunes": "land",
    "desert": "land", "beach": "land", "snow": "land", "ground": "land", "floor": "land", "forest": "land",
    "trees": "land", "woods": "land", "city": "land_far", "skyline": "land_far", "buildings": "land_far",
    "walls": "accent", "wall": "accent", "seabed": "land", "reef": "accent", "road": "land", "street": "land",
}
#: Where a noun's region differs in a setting (the hills behind a lake are its far land).
SETTING_REGION_NOUNS = {"lake": {"hills": "land_far", "hill": "land_far", "trees": "land_far"},
                        "river": {"hills": "land_far", "hill": "land_far"},
                        "sky": {"hills": "land_far", "hill": "land_far", "fields": "land_far"},
                        "mountains": {"hills": "land", "hill": "land"}}


def colour_regions(setting: str, palette: Sequence[tuple[str, tuple[int, int, int]]],
                   prompt: str) -> list[tuple[str, tuple[int, int, int]]]:
    """(region, rgb) for each of the prompt's colours, first named first: a colour written right before a noun of
    one of the setting's regions paints that region ("pink clouds over a grey sea"); the others paint the remaining
    regions in the setting's order (largest area first)."""
    regions = SETTING_REGIONS[setting]
    tokens = re.findall(r"[a-z]+", prompt.lower())
    nouns = {**REGION_NOUNS, **SETTING_REGION_NOUNS.get(setting, {})}
    bound: dict[int, str] = {}
    for index, (name, _) in enumerate(palette):
        words = name.lower().split()
        for i in range(len(tokens) - len(words)):
            if tokens[i:i + len(words)] == words:
                region = nouns.get(tokens[i + len(words)])
                if region in regions and region not in bound.values():
                    bound[index] = region
                    break
    free = [region for region in regions if region not in bound.values()]
    painted = []
    for index, (_, rgb) in enumerate(palette):
        region = bound.get(index) or (free.pop(0) if free else None)
        if region is not None:
            painted.append((region, rgb))
    return painted


def _hue_in(rgb: Sequence[int], ranges: Sequence[tuple[float, float]]) -> bool:
    r, g, b = (c / 255.0 for c in rgb)
    high, low = max(r, g, b), min(r, g, b)
    if high - low < 0.08:
        return False
    import colorsys

    hue = colorsys.rgb_to_hsv(r, g, b)[0] * 360.0
    return any(a <= hue < z for a, z in ranges)


def build_scene_spec(*, job_id: str, seed: int, prompt: str, instruction: Mapping,
                     duration_s: float | None = None, fps: int = DEFAULT_FPS,
                     size: tuple[int, int] = DEFAULT_SIZE,
                     materials: SceneMaterials = NO_MATERIALS) -> SceneVideoSpec:
    """The scene a prompt describes, made of ``materials`` (the registries' observed values) where the prompt
    leaves a colour open; ``materials`` of the spec records which registry value each part is."""
    duration = float(duration_s or instruction.get("duration_seconds") or DEFAULT_DURATION_S)
    frame_count = max(1, int(round(duration * fps)))
    fields = scene_fields(instruction, seed)
    palette = scene_palette(instruction, fields)
    grade = _grade(instruction, fields)
    motion = instruction.get("motion") or {}
    speed = SPEED_FACTOR.get(motion.get("speed", "medium"), 1.0)
    still_scene = motion.get("speed") == "still"
    n_shots = min(fields["shots"], max(1, frame_count // max(fps // 2, 1)))
    lengths = [frame_count // n_shots + (1 if i < frame_count % n_shots else 0) for i in range(n_shots)]
    lightning = "storm" in fields["weather"]
    shots, made_of = [], []
    for number, frames in enumerate(lengths):
        rng = _rng(seed, "shot", number)
        shot, parts = _shot(fields, palette, grade, frames, fps, rng, number, speed, still_scene, instruction,
                            lightning_frames=_lightning_frames(rng, frames) if lightning else (), prompt=prompt,
                            materials=materials)
        shots.append(shot)
        made_of += parts
    transition = instruction.get("transition") if instruction.get("transition") in ("cut", "dissolve", "fade", "wipe") \
        else "cut"
    join_frames = 0 if n_shots == 1 or transition == "cut" else max(2, min(fps * 2 // 3, min(lengths) // 2))
    fade_frames = max(1, min(fps // 2, frame_count // 4)) if transition == "fade" and n_shots == 1 else 0
    soundtrack = _soundtrack(instruction, fields, shots, fps, duration, seed)
    narrative = {k: str(instruction[k]) for k in ("genre", "mood", "theme", "plot", "setting", "style", "scene_type")
                 if instruction.get(k)}
    made_of += [Material(category, "narrative", text_key(category, value), "asked")
                for category, value in sorted(narrative.items())]
    width, height = size
    return SceneVideoSpec(job_id=job_id, seed=seed, prompt=prompt, fps=fps, width=width, height=height,
                          shots=tuple(shots), join=transition if n_shots > 1 else "cut", join_frames=join_frames,
                          fade_in_frames=fade_frames, fade_out_frames=fade_frames, soundtrack=soundtrack,
                          narrative=narrative, materials=tuple(made_of))


def _black_screen(instruction: Mapping) -> bool:
    """"a black screen", "just darkness": the prompt asks for black or dark and names nothing to show."""
    named = instruction.get("palette") if "palette" in (instruction.get("explicit") or []) else []
    asks_black = (bool(named) and all(max(e["rgb"]) < 40 for e in named)) or (
        instruction.get("brightness") == "dark" and "brightness" in (instruction.get("explicit") or []))
    shows_nothing = not any(instruction.get(k) for k in ("place", "scene_setting", "subjects", "time_of_day",
                                                          "weather"))
    return asks_black and shows_nothing


def _grade(instruction: Mapping, fields: Mapping) -> Grade:
    explicit = set(instruction.get("explicit") or [])
    brightness = instruction.get("brightness")
    # Only a brightness the prompt asked for is metered; a night left to itself keeps its moon and stars bright.
    target = BRIGHTNESS_LUMA.get(brightness) if "brightness" in explicit else None
    if target is None and fields["monochrome"]:
        target = 0.3
    if fields.get("black_screen"):
        target = None  # the scene itself is black: metering would only lift its faint noise
    saturation = SATURATION_GAIN.get(instruction.get("saturation"), 1.0) if "saturation" in explicit else 1.0
    if instruction.get("lighting") == "neon":
        saturation = max(saturation, 1.5)
    warmth = WARMTH.get(instruction.get("temperature"), 0.0) if "temperature" in explicit else 0.0
    excluded: list[tuple[float, float]] = []
    for word in instruction.get("avoid_colors") or []:
        excluded.extend(hue_ranges_for(word, margin=12.0))
    warm_target = WARMTH_TARGET.get(instruction.get("temperature")) if warmth and not fields["monochrome"] else None
    return Grade(saturation=saturation, warmth=warmth, monochrome=fields["monochrome"], target_warmth=warm_target,
                 excluded_hues=tuple(sorted(set(excluded)))[:8], target_luma=target)


def _shot(fields, palette, grade, frames, fps, rng, number, speed, still_scene, instruction, lightning_frames,
          prompt="", materials: SceneMaterials = NO_MATERIALS) -> tuple[Shot, list[Material]]:
    setting = fields["setting"]
    time_of_day = fields["time_of_day"]
    sky_top, sky_low, light, sun_kind, sun_height, sun_color, stars, windows = TIME_LOOKS[time_of_day]
    colours = dict(SETTING_COLOURS[setting])
    colours.update(sky_top=sky_top, sky_low=sky_low)
    if setting == "space":
        colours.update(sky_top=(4, 5, 16), sky_low=(14, 14, 34))
        stars, sun_kind = 1.0, "none"
    # The scene's own colours give way to the registry's observed colours nearest them; light, weather and the
    # time of day then act on those, as light acts on what a place is made of.
    sources = dict.fromkeys(colours, "scene")
    for region in PAINTED_REGIONS:
        known = materials.colour_near(colours[region])
        colours[region], sources[region] = (known.rgb, "registry") if known else (colours[region], "scene")
    if fields.get("autumn"):
        for region, share in (("land", 0.7), ("land_far", 0.55)):
            colours[region] = tuple(int(round((1 - share) * c + share * a)) for c, a in zip(colours[region], AUTUMN_LEAVES))
    chosen = dict(colours)
    if setting in ("underwater", "room"):
        stars = 0.0
    if fields.get("black_screen"):
        colours = dict.fromkeys(colours, (0, 0, 0))
        stars, sun_kind, windows = 0.0, "none", 0.0
    if "snow" in fields["weather"] and setting in ("hills", "mountains", "forest", "lake", "river", "sky"):
        # Falling snow lies on the land (a colour the prompt gives the land still wins, below).
        colours["land"] = tuple(int(round(0.1 * c + 0.9 * w)) for c, w in zip(colours["land"], (232, 238, 252)))
    if time_of_day in ("night", "dusk") and setting not in ("room", "underwater"):
        for region in ("land", "land_far", "water", "accent"):
            colours[region] = tuple(int(round(c * (0.42 if time_of_day == "night" else 0.65))) for c in colours[region])
    if time_of_day in ("dawn", "golden_hour", "sunset") and setting not in ("room", "underwater", "space"):
        # A low sun fills the air with its colour: far hills and mountains take on the glow of the horizon.
        colours["land_far"] = tuple(int(round(0.5 * c + 0.5 * g)) for c, g in zip(colours["land_far"], sky_low))
    painted = colour_regions(setting, palette, prompt)
    for region, rgb in painted:
        colours[region] = chosen[region] = rgb
        sources[region] = "asked"
        if region == "sky_top" and len(painted) == 1:
            colours["sky_low"] = tuple(int(round(0.6 * c + 0.4 * s)) for c, s in zip(rgb, sky_low))
    # Indoors, under water and in space no rain or snow falls on the picture (it is still heard).
    weather = [] if setting in ("room", "underwater", "space") else fields["weather"]
    # Storm clouds are as dark as the hour: grey by day, near black at night.
    overcast = {"night": 0.3, "dusk": 0.55}.get(time_of_day, 1.0)
    if "storm" in weather or "rain" in weather:
        colours["sky_top"] = tuple(int(round(0.45 * c + 0.55 * g * overcast))
                                   for c, g in zip(colours["sky_top"], (70, 76, 88)))
        colours["sky_low"] = tuple(int(round(0.45 * c + 0.55 * g * overcast))
                                   for c, g in zip(colours["sky_low"], (120, 124, 132)))
        if sun_kind == "sun":
            sun_kind = "none"
    sky_asked = any(region == "sky_top" for region, _ in painted)
    # An overcast sky is grey, unless the prompt gave the sky its colour ("pink clouds").
    if "clouds" in weather and not ("storm" in weather or "rain" in weather or sky_asked):
        colours["sky_top"] = tuple(int(round(0.3 * c + 0.7 * g * overcast))
                                   for c, g in zip(colours["sky_top"], (150, 154, 160)))
        colours["sky_low"] = tuple(int(round(0.3 * c + 0.7 * g * overcast))
                                   for c, g in zip(colours["sky_low"], (178, 180, 184)))
    if "fog" in weather and sun_kind == "sun":
        sun_kind = "none"
    if "clouds" in weather and sun_kind == "sun" and time_of_day == "day":
        sun_kind = "none"
    subjects, subject_sources = _place_subjects(fields["subjects"], setting, rng, speed, still_scene, instruction,
                                                materials)
    if fields.get("autumn"):
        subjects = tuple(replace(s, color=AUTUMN_LEAVES) if s.kind == "tree" and source != "asked" else s
                         for s, source in zip(subjects, subject_sources))
    kinds = {s.kind for s in subjects}
    if kinds & {"moon", "sun"}:
        sun_kind = "none"
    if "star" in kinds and sum(1 for s in subjects if s.kind == "star") > 1:
        stars = 1.0
        subjects = tuple(s for s in subjects if s.kind != "star")
    horizon = {"sky": -0.42, "room": -0.16, "underwater": 0.45, "space": -0.6, "street": -0.05,
               "ocean": -0.04, "beach": 0.02, "city": -0.08}.get(setting, -0.03)
    # The first colour the prompt names must dominate: give its region the larger part of the frame.
    if painted and setting not in ("sky", "room", "underwater", "space", "street"):
        first = painted[0][0]
        horizon += 0.1 if first in ("land", "water") else -0.1 if first.startswith("sky") else 0.0
    # The next shot is framed higher or lower, as an editor's next angle would be: two views of a land that repeats
    # (a snow field, the sea, a forest at night) would otherwise look the same, and the cut between them unseen.
    horizon += (0.0, 0.09, -0.09)[number % 3]
    camera = fields["camera_move"]
    rate = CAMERA_BASE_RATE[camera] * (speed if camera != "static" and speed > 0 else 1.0)
    aspect_half = 0.9
    # Each later shot looks at another stretch of the same world; its subjects stand where that shot looks.
    view_x = round(number * 1.7 * aspect_half, 4)
    subjects = tuple(replace(s, x=round(s.x + view_x, 4)) for s in subjects)
    part = f"shot {number + 1}"
    made_of = [Material(f"{part} {region}", "static_colors", colour_key(chosen[region]), sources[region])
               for region in dict.fromkeys((*SETTING_REGIONS[setting], "sky_low"))]
    made_of += [Material(f"{part} {s.kind} {i + 1}", "static_colors", colour_key(s.color), source)
                for i, (s, source) in enumerate(zip(subjects, subject_sources))]
    made_of.append(_camera_material(part, camera, instruction))
    return Shot(
        setting=setting, time_of_day=time_of_day, frames=frames, horizon=horizon,
        sky_top=colours["sky_top"], sky_low=colours["sky_low"], land=colours["land"], land_far=colours["land_far"],
        water=colours["water"], accent=colours["accent"], light=light, sun_kind=sun_kind,
        sun_pos=(round(float(rng.uniform(-0.5, 0.5)), 4), round(horizon + sun_height + (0.1 if setting == "sky" else 0.0), 4)),
        sun_color=sun_color, stars=stars, windows_lit=windows, weather=tuple(weather), subjects=subjects,
        camera_move=camera, camera_rate=round(rate, 5),
        camera_start=(view_x, 0.0), animate=not still_scene,
        lightning_frames=lightning_frames, grade=grade, far_mountains=fields["far_mountains"]), made_of


def _camera_material(part: str, camera: str, instruction: Mapping) -> Material:
    """The shot's camera as the dynamic_blends value it files under (a static camera has the one speed "slow")."""
    asked_speed = (instruction.get("motion") or {}).get("speed")
    speed = "slow" if camera == "static" else asked_speed if asked_speed in ("slow", "medium", "fast") else "medium"
    asked = "camera" in (instruction.get("explicit") or []) or bool(instruction.get("camera_move"))
    return Material(f"{part} camera", "dynamic_blends",
                    canonical_key("camera", {"type": REGISTRY_CAMERA_TYPES[camera], "speed": speed}),
                    "asked" if asked else "scene")


def _lightning_frames(rng: np.random.Generator, frames: int) -> tuple[int, ...]:
    count = max(1, frames // 72)
    return tuple(sorted(int(v) for v in rng.choice(np.arange(2, max(frames - 2, 3)), size=min(count, max(frames - 4, 1)),
                                                   replace=False)))


def _place_subjects(asked, setting, rng, speed, still_scene, instruction,
                    materials: SceneMaterials = NO_MATERIALS) -> tuple[tuple[SubjectPlacement, ...], list[str]]:
    """The subjects, and where each one's colour came from (the prompt, the registry, or the kind's own)."""
    placements: list[SubjectPlacement] = []
    sources: list[str] = []
    total = sum(max(1, int(s.get("count") or 1)) for s in asked)
    slots = min(total, MAX_SUBJECTS)
    direction = (instruction.get("motion") or {}).get("direction")
    index = 0
    for entry in asked:
        kind = entry["kind"]
        habitat, default_colour, motion = SUBJECT_KINDS[kind]
        if setting == "space" and kind == "person":
            default_colour = SPACE_SUIT  # a person in space wears a spacesuit
        if entry.get("color"):
            colour, source = tuple(int(c) for c in entry["color"]), "asked"
        else:
            known = materials.colour_near(default_colour)
            colour, source = (known.rgb, "registry") if known else (default_colour, "scene")
        for _ in range(max(1, int(entry.get("count") or 1))):
            if index >= MAX_SUBJECTS:
                break
            # Spread subjects across the frame, each in its own column, with a seeded jitter.
            x = -0.62 + 1.24 * (index + 0.5) / slots + float(rng.uniform(-0.05, 0.05)) if slots > 1 \
                else float(rng.uniform(-0.15, 0.15))
            # A lone subject is the picture's focus; a crowd shares the frame.
            size = min(0.3, SUBJECT_SIZES.get(kind, 0.075) * (2.0 if slots <= 2 else 1.4 if slots <= 4 else 1.0))
            y = _subject_height(habitat, setting, size, rng)
            base_speed, phase_rate, bob = MOTION_RATES[motion]
            factor = 0.0 if still_scene else speed
            facing = -1 if direction == "left" else 1 if direction == "right" else int(rng.choice([-1, 1]))
            vx = base_speed * factor * facing
            vy = 0.012 * factor if motion == "float" else 0.0
            if setting == "space" and habitat != "sky":
                bob, vx = max(bob, 0.015), vx * 0.3
            placements.append(SubjectPlacement(kind=kind, x=round(x, 4), y=round(y, 4), size=round(size, 4),
                                               vx=round(vx, 5), vy=round(vy, 5), color=colour, facing=facing,
                                               phase_rate=round(phase_rate * (1.0 if factor else 0.0), 4),
                                               bob=round(bob * factor, 5)))
            sources.append(source)
            index += 1
    return tuple(placements), sources


def _subject_height(habitat: str, setting: str, size: float, rng: np.random.Generator) -> float:
    if setting == "space" and habitat != "sky":  # nothing stands in space: it floats
        return float(rng.uniform(-0.2, 0.15))
    if habitat == "sky":
        return float(rng.uniform(0.2, 0.3))
    if habitat == "air" or (habitat == "water" and setting == "underwater"):
        return float(rng.uniform(0.0, 0.25)) if habitat == "air" else float(rng.uniform(-0.2, 0.2))
    if habitat == "water" and setting in ("ocean", "lake", "beach", "river", "city"):
        return -0.1 + size * 0.55 if setting != "beach" else 0.0 + size * 0.45
    ground = {"room": -0.3, "street": -0.27, "city": -0.45, "beach": -0.33, "underwater": -0.36}.get(setting, -0.3)
    return ground + size * 0.95 + float(rng.uniform(-0.04, 0.04))


#: Fireworks: each of a display's three bursts lives 1 / (phase rate x FIREWORK_LIFE_RATE) seconds, burst b
#: starting FIREWORK_OFFSETS[b] of a life late (the shader's ``kind == 34``).
FIREWORK_LIFE_RATE = 0.16
#: A whoosh peaks half way through its 0.8 s: started this early, it peaks on the cut.
WHOOSH_LEAD_S = 0.4
FIREWORK_OFFSETS = (0.0, 0.37, 0.74)


def firework_bursts(shot: Shot, fps: int) -> list[float]:
    """When, in seconds into ``shot``, a firework bursts open (each one is heard as a bang)."""
    rates = {s.phase_rate for s in shot.subjects if s.kind == "fireworks" and s.phase_rate > 0}
    seconds = shot.frames / fps
    times = set()
    for rate in rates:
        life = 1.0 / (rate * FIREWORK_LIFE_RATE)
        for offset in FIREWORK_OFFSETS:
            k = 1
            while (k - offset) * life < seconds:
                times.add(round((k - offset) * life, 3))
                k += 1
    return sorted(times)


def _soundtrack(instruction, fields, shots, fps, duration, seed) -> Soundtrack:
    sound = instruction.get("sound") or {}
    presence = sound.get("presence")
    if presence == "silence":
        return Soundtrack()
    register = sound.get("pitch") if sound.get("pitch") in ("low", "high") else "mid"
    asked_beds = [b for b in instruction.get("ambient_beds") or [] if b in AMBIENT_BEDS]
    asked_beds += [NOISE_BEDS[n] for n in sound.get("noises") or [] if n in NOISE_BEDS]
    beds = list(dict.fromkeys(asked_beds))
    if not beds and presence != "music":
        beds = list(SETTING_BEDS[fields["setting"]])
        for w in fields["weather"]:
            beds += [b for b in WEATHER_BEDS[w] if b not in beds]
        if fields["time_of_day"] == "night" and fields["setting"] in ("hills", "forest", "lake", "river"):
            beds = [b for b in beds if b != "birdsong"] + ["night"]
        if any(s["kind"] == "fire" for s in fields["subjects"]) and "fire" not in beds:
            beds.append("fire")
        if fields.get("busy") and "crowd" not in beds:
            beds.append("crowd")
    genre = instruction.get("music_genre")
    wants_music = genre is not None or presence in ("music", "full") or not beds
    music = None
    if wants_music:
        if genre is None:
            genre = MOOD_GENRES.get(str(instruction.get("mood") or ""), "ambient")
        music = music_for(genre, instruction, register, seed)
    events = []
    for shot_start, shot in zip(np.cumsum([0] + [s.frames for s in shots[:-1]]), shots):
        for frame in shot.lightning_frames:
            events.append(("thunder", round(float(shot_start + frame) / fps + 0.4, 3), -6.0))
        events += [("impact", round(float(shot_start) / fps + t, 3), -9.0) for t in firework_bursts(shot, fps)]
        if shot_start:
            # An editor's whoosh carries the cut: it swells into the next shot's first frame.
            events.append(("whoosh", round(max(float(shot_start) / fps - WHOOSH_LEAD_S, 0.0), 3), -20.0))
    gains = {"waves": -12.0, "rain": -14.0, "wind": -16.0, "thunder": -18.0, "city": -16.0, "birdsong": -15.0,
             "fire": -14.0, "crowd": -17.0, "underwater": -13.0, "night": -17.0}
    bed_gain = -6.0 if music is None else 0.0
    return Soundtrack(beds=tuple((b, gains[b] + bed_gain) for b in beds[:4]), music=music,
                      events=tuple(sorted((e for e in events if e[1] < duration), key=lambda e: (e[1], e[0]))),
                      register=register)
