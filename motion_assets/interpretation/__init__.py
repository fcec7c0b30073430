"""Prompt -> instruction: a first real interpreter (phrases before words, negation scope, senses from context).

Tokens are whole words (never substrings), multi-word phrases are matched first, a negation ("no", "not",
"without", "avoid", "don't", "never", "nothing") covers the words up to the next punctuation mark, and every slang,
multi-sense or phrase reading is reported in ``senses`` so a person can see how the prompt was read.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

from motion_assets.origins.vocabulary import CAMERA_TYPES, LIGHTING_PRESETS, NARRATIVE

PROMPT_MAX_CHARS = 2000


class EmptyPromptError(ValueError):
    """The prompt has no text."""


COLOURS = {
    "red": (220, 30, 30), "crimson": (220, 20, 60), "green": (40, 170, 60), "emerald": (0, 155, 119),
    "blue": (40, 80, 220), "navy": (0, 0, 128), "teal": (0, 128, 128), "purple": (128, 0, 128),
    "purpel": (128, 0, 128), "violet": (143, 0, 255), "pink": (255, 150, 190), "orange": (255, 140, 0),
    "yellow": (250, 220, 40), "golden": (255, 190, 60), "gold": (255, 200, 60), "amber": (255, 170, 40),
    "black": (10, 10, 10), "white": (245, 245, 245), "snow": (250, 250, 255), "grey": (128, 128, 128),
    "gray": (128, 128, 128), "olive": (128, 128, 0), "brown": (140, 80, 40), "sky": (135, 206, 235),
    "ocean": (0, 105, 148), "oceen": (0, 105, 148), "sunflowers": (255, 200, 0), "neon": (57, 255, 20),
    "cyan": (0, 220, 220), "magenta": (230, 0, 200), "desert": (210, 170, 110), "forest": (34, 100, 34),
    "candle": (255, 180, 90), "fire": (255, 90, 20), "ice": (200, 235, 255), "icy": (200, 235, 255),
}
TYPOS = {"purpel": "purple", "oceen": "ocean", "colour": "color", "grey": "gray", "centre": "center"}
MOODS = {"calm": "calm", "peaceful": "calm", "chill": "calm", "tense": "tense", "uplifting": "uplifting",
         "dark": "dark", "dreamy": "dreamy", "energetic": "energetic", "hype": "energetic", "lit": "energetic",
         "moody": "moody", "melancholic": "melancholic", "sad": "melancholic", "eerie": "eerie", "spooky": "eerie",
         "romantic": "romantic", "playful": "playful", "epic": "epic", "mysterious": "mysterious",
         "hopeful": "hopeful", "cozy": "calm", "comfy": "calm"}
SLANG = {"lit", "fire", "sick", "dope", "slaps", "hype", "chill", "lowkey", "vibes", "cozy", "comfy", "spooky",
         "extra", "mid"}
PHRASES = {
    ("zoom", "out"): ("camera", "zoom_out"), ("zooming", "out"): ("camera", "zoom_out"),
    ("bird's", "eye"): ("camera", "birds_eye"), ("birds", "eye"): ("camera", "birds_eye"),
    ("whip", "pan"): ("camera", "whip_pan"), ("push", "in"): ("camera", "dolly"), ("dolly", "in"): ("camera", "dolly"),
    ("tracking", "shot"): ("camera", "tracking"), ("crane", "shot"): ("camera", "crane"),
    ("static", "shot"): ("camera", "static"), ("golden", "hour"): ("time_of_day", "golden_hour"),
    ("close", "up"): ("scene_type", "closeup"), ("slow", "motion"): ("speed", "slow"),
    ("time", "lapse"): ("speed", "fast"), ("feeling", "blue"): ("mood", "melancholic"),
    ("pitch", "black"): ("brightness", "dark"), ("pitch", "dark"): ("brightness", "dark"),
    ("high", "pitch"): ("pitch", "high"), ("deep", "bass"): ("pitch", "low"), ("dark", "comedy"): ("genre", "comedy"),
    ("sci", "fi"): ("genre", "sci_fi"), ("music", "video"): ("genre", "music_video"),
    ("football", "pitch"): ("setting", "nature"),
}
CAMERA_WORDS = {"pan": "pan", "panning": "pan", "tilt": "tilt", "dolly": "dolly", "crane": "crane", "zoom": "zoom",
                "handheld": "handheld", "shaky": "handheld", "roll": "roll", "rolling": "roll", "truck": "truck",
                "pedestal": "pedestal", "arc": "arc", "orbiting": "arc", "orbit": "arc", "tracking": "tracking",
                "rotate": "rotate", "spinning": "rotate", "static": "static"}
SPEEDS = {"slow": "slow", "slowly": "slow", "fast": "fast", "quick": "fast", "rapid": "fast", "still": "still",
          "drifting": "slow", "medium": "medium"}
DIRECTIONS = {"left": "left", "right": "right", "up": "up", "down": "down", "in": "in", "out": "out"}
NOISE_WORDS = {"rumble": "rumble", "thunder": "rumble", "hum": "hum", "tone": "tone", "hiss": "hiss",
               "rain": "hiss", "rustle": "rustle", "rustling": "rustle", "leaves": "rustle", "thump": "thump",
               "bass": "thump", "click": "click", "clicks": "click", "whoosh": "whoosh", "whooshing": "whoosh",
               "wind": "whoosh", "drip": "drip", "drips": "drip", "owl": "tone", "hoots": "tone"}
TIMES = {"dawn", "sunrise", "morning", "noon", "afternoon", "sunset", "evening", "dusk", "night", "midnight"}
WEATHER = {"clear": "clear", "cloudy": "cloudy", "overcast": "overcast", "fog": "fog", "foggy": "fog",
           "rain": "rain", "storm": "storm", "snow": "snow", "snowy": "snow", "wind": "wind", "breeze": "wind"}
SETTINGS = {"city": "urban", "street": "urban", "urban": "urban", "forest": "nature", "lake": "nature",
            "lakes": "nature", "mountain": "nature", "desert": "nature", "ocean": "nature", "kitchen": "interior",
            "room": "interior", "club": "interior", "space": "space", "underwater": "underwater", "studio": "studio"}
APPROVAL_CONTEXT = {"that", "this", "was", "is", "so", "track", "party", "concert", "song"}
NEGATORS = {"no", "not", "without", "avoid", "don't", "dont", "never", "nothing"}
STOP = {"a", "an", "the", "of", "on", "in", "at", "and", "with", "over", "to", "is", "was", "that", "this", "very",
        "slightly", "super", "barely", "extremely", "so", "too", "for", "by", "it", "all", "use"}
TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:\.\d+)?|[,.;!?]")
DURATION = re.compile(r"\b(\d+(?:\.\d+)?|one|two|three|five|ten)[\s-]*(second|seconds|sec|secs|minute|minutes|min)\b")
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "five": 5, "ten": 10}


@dataclass(frozen=True)
class Instruction:
    fields: tuple

    def to_dict(self) -> dict:
        return json.loads(self.fields[0])

    @classmethod
    def from_dict(cls, data: dict) -> Instruction:
        return cls((json.dumps(data, sort_keys=True, ensure_ascii=False),))


def normalise_prompt(prompt: str) -> str:
    text = unicodedata.normalize("NFKC", prompt)
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return " ".join(text.lower().split())


def interpret(prompt: str) -> Instruction:
    """Read ``prompt`` into the instruction contract; EmptyPromptError for empty or whitespace-only text."""
    if not isinstance(prompt, str) or not prompt.strip():
        raise EmptyPromptError("prompt is empty")
    text = normalise_prompt(prompt)[:PROMPT_MAX_CHARS]
    tokens = TOKEN.findall(text)
    out: dict = {
        "prompt": prompt, "gibberish": False, "palette": [], "avoid_colors": [], "brightness": "balanced",
        "temperature": "neutral", "saturation": "balanced", "intensity": 0.5,
        "motion": {"speed": "medium", "rhythm": "steady", "direction": "none"}, "camera": "static",
        "gradient": "vertical", "lighting": "neutral", "transition": "cut", "mood": "neutral", "tempo": "medium",
        "sound": {"presence": "ambient", "pitch": None, "noises": []}, "genre": None, "style": None,
        "setting": None, "theme": None, "scene_type": None, "time_of_day": None, "weather": None,
        "duration_seconds": None, "senses": [], "unknown": [], "explicit": [],
    }
    explicit: set[str] = set()

    def sense(span: str, domain: str, value, variant: str, confidence: float = 0.9) -> None:
        out["senses"].append({"span": span, "domain": domain, "value": value, "variant": variant,
                              "confidence": confidence})

    negated = False
    known = 0
    i = 0
    colours: list[tuple[str, tuple[int, int, int]]] = []
    while i < len(tokens):
        word = tokens[i]
        if word in ",.;!?":
            negated = False
            i += 1
            continue
        if word in NEGATORS:
            negated = True
            known += 1
            i += 1
            continue
        pair = tuple(tokens[i : i + 2])
        if pair in PHRASES:
            domain, value = PHRASES[pair]
            known += 2
            span = " ".join(pair)
            if not negated:
                _apply(out, explicit, domain, value)
            sense(span, _sense_domain(domain), value, "phrase")
            i += 2
            continue
        previous = tokens[i - 1] if i else ""
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        canonical = TYPOS.get(word, word)
        if canonical != word:
            sense(word, "palette" if canonical in COLOURS else "other", canonical, "typo" if word in
                  ("purpel", "oceen") else "dialect")
        if word in ("cool", "fire", "sick", "lit", "dope") and (previous in APPROVAL_CONTEXT or following in ("",)):
            sense(word, "approval", "positive", "slang")
            if word in ("lit", "fire"):
                _apply(out, explicit, "mood", "energetic")
            known += 1
        elif word == "cool":
            out["temperature"] = "warm" if negated else "cool"
            sense(word, "temperature", "cool", "sense")
            known += 1
        elif word in ("warm", "hot"):
            out["temperature"] = "cool" if negated else "warm"
            known += 1
        elif word == "light" and following in COLOURS:
            colours.append(("light " + following, _lighten(COLOURS[following])))
            sense("light", "palette", "pale", "sense")
            known += 2
            i += 2
            continue
        elif word in ("deep", "dark") and following in COLOURS and following not in ("fire",):
            colours.append((f"{word} {following}", _darken(COLOURS[following])))
            known += 2
            i += 2
            continue
        elif word in ("bright", "brighter"):
            out["brightness"] = "balanced" if negated else "bright"
            explicit.add("brightness")
            known += 1
        elif word in ("dim",):
            out["brightness"] = "dim"
            known += 1
        elif canonical in COLOURS and canonical not in ("fire",) or (word == "fire" and not negated):
            name = canonical
            if negated:
                out["avoid_colors"].append(name)
            else:
                colours.append((name, COLOURS[name]))
            known += 1
        elif word in CAMERA_WORDS and not (word == "still"):
            if negated and word == "shaky":
                pass
            elif not negated:
                _apply(out, explicit, "camera", CAMERA_WORDS[word])
            known += 1
        elif word in SPEEDS:
            if not negated:
                out["motion"]["speed"] = SPEEDS[word]
                out["tempo"] = "slow" if SPEEDS[word] in ("slow", "still") else SPEEDS[word]
                explicit.add("motion")
            known += 1
        elif word in MOODS:
            if not negated:
                _apply(out, explicit, "mood", MOODS[word])
            if word in SLANG:
                sense(word, "mood", MOODS[word], "slang")
            known += 1
        elif word in NOISE_WORDS:
            if word == "music" or (negated and word in ("music",)):
                pass
            elif not negated:
                noise = NOISE_WORDS[word]
                if noise not in out["sound"]["noises"]:
                    out["sound"]["noises"].append(noise)
                if word in WEATHER:
                    out["weather"] = WEATHER[word]
            known += 1
        elif word == "music":
            out["sound"]["presence"] = "silence" if negated else "music"
            known += 1
        elif word in ("silence", "silent", "quiet"):
            out["sound"]["presence"] = "silence"
            known += 1
        elif word in TIMES:
            out["time_of_day"] = word
            known += 1
        elif word in WEATHER:
            out["weather"] = WEATHER[word]
            known += 1
        elif word in SETTINGS:
            out["setting"] = SETTINGS[word]
            known += 1
        elif word in ("neon",) or word in LIGHTING_PRESETS:
            if not negated:
                out["lighting"] = word if word in LIGHTING_PRESETS else "neon"
                explicit.add("lighting")
            known += 1
        elif word in NARRATIVE["genre"] or word in NARRATIVE["style"]:
            key = "genre" if word in NARRATIVE["genre"] else "style"
            out[key] = word
            known += 1
        elif word in ("fade", "dissolve", "wipe", "cut", "cuts"):
            if not negated:
                _apply(out, explicit, "transition", "cut" if word == "cuts" else word)
            known += 1
        elif word in ("radial", "vertical", "horizontal", "angled"):
            _apply(out, explicit, "gradient", word)
            known += 1
        elif word.isdigit() or word in STOP:
            known += 1
        else:
            out["unknown"].append(word)
        i += 1

    colours = [c for c in colours if c[0].split()[-1] not in out["avoid_colors"]]
    unique = list(dict.fromkeys(colours))[:6]
    if unique:
        weight = round(1.0 / len(unique), 4)
        out["palette"] = [{"name": n, "rgb": list(rgb), "weight": weight} for n, rgb in unique]
        out["palette"][-1]["weight"] = round(1.0 - weight * (len(unique) - 1), 4)
        explicit.add("palette")
    else:
        out["palette"] = [{"name": "slate blue", "rgb": [96, 96, 140], "weight": 1.0}]
    match = DURATION.search(text)
    if match:
        amount = NUMBER_WORDS.get(match.group(1)) or float(match.group(1))
        out["duration_seconds"] = float(amount) * (60.0 if match.group(2).startswith("min") else 1.0)
    if out["sound"]["noises"] and out["sound"]["presence"] == "ambient":
        out["sound"]["presence"] = "sfx"
    if out["mood"] in ("dark", "eerie", "moody"):
        out["brightness"] = "dim" if out["brightness"] == "balanced" else out["brightness"]
    words = [t for t in tokens if t.isalpha()]
    out["gibberish"] = bool(words) and known == 0 or not words
    out["explicit"] = sorted(explicit)
    out["mood"] = out["mood"] if out["mood"] in NARRATIVE["mood"] else "neutral"
    if out["camera"] not in CAMERA_TYPES:
        out["camera"] = "static"
    return Instruction.from_dict(out)


def _apply(out: dict, explicit: set[str], domain: str, value) -> None:
    if domain == "speed":
        out["motion"]["speed"] = value
        explicit.add("motion")
    elif domain == "pitch":
        out["sound"]["pitch"] = value
    elif domain == "brightness":
        out["brightness"] = value
        explicit.add("brightness")
    else:
        out[domain] = value
        explicit.add(domain)


def _sense_domain(domain: str) -> str:
    return {"speed": "motion", "pitch": "sound"}.get(domain, domain)


def _lighten(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    return tuple(int(c + (255 - c) * 0.5) for c in rgb)  # type: ignore[return-value]


def _darken(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    return tuple(int(c * 0.55) for c in rgb)  # type: ignore[return-value]
