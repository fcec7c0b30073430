"""Prompts of the creative ``scenes`` workflow: natural English a person could have written, drawn across the
scene grammar (setting, time of day, weather, subjects that live there, camera, shots, sound and music).

Each batch explores the grammar: the setting, time and weather cycle through every combination in a fixed,
seeded order (so a long run shows every setting at every time of day), the subjects are those that belong in the
setting, and the camera and mood follow registry usage the way the probe workflows' prompts do (exploring favours
what is under-covered). Everything comes from the caller's generator, so a batch's prompts are reproducible.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from motion_assets.creation.prompts import choose
from motion_assets.origins.scenes import SCENE_SETTINGS, TIMES_OF_DAY, WEATHER

SETTING_PHRASES: Mapping[str, tuple[str, ...]] = {
    "sky": ("an open sky", "a wide open sky", "the sky"),
    "ocean": ("the open ocean", "a rolling sea", "ocean waves"),
    "beach": ("a sandy beach", "a quiet beach", "the seaside"),
    "lake": ("a still lake", "a mountain lake", "a quiet pond"),
    "river": ("a winding river", "a river bend", "a slow stream"),
    "hills": ("green rolling hills", "a meadow", "open fields"),
    "mountains": ("snowy mountains", "a mountain valley", "high mountains"),
    "forest": ("a pine forest", "deep woods", "a forest"),
    "desert": ("desert dunes", "a sandy desert", "the dunes"),
    "snow_field": ("a snowy tundra", "an arctic plain", "a field of snow"),
    "city": ("the city skyline", "a downtown skyline", "a big city"),
    "street": ("a quiet street", "a narrow alley", "a town street"),
    "room": ("a cosy room", "a small kitchen", "a bedroom"),
    "underwater": ("underwater", "a coral reef", "deep underwater"),
    "space": ("outer space", "a distant galaxy", "deep space"),
}
TIME_PHRASES: Mapping[str, tuple[str, ...]] = {
    "dawn": ("at dawn", "at sunrise", "early in the morning"),
    "day": ("in broad daylight", "at midday", "on a sunny afternoon"),
    "golden_hour": ("at golden hour", "in the golden hour"),
    "sunset": ("at sunset", "as the sun sets"),
    "dusk": ("at dusk", "in the twilight"),
    "night": ("at night", "at midnight", "under the night sky"),
}
WEATHER_PHRASES: Mapping[str, tuple[str, ...]] = {
    "clear": ("",),
    "clouds": ("under heavy clouds", "with clouds rolling by"),
    "rain": ("in the rain", "in light rain", "with rain falling"),
    "snow": ("in falling snow", "while it snows"),
    "fog": ("in thick fog", "in the mist"),
    "storm": ("in a thunderstorm", "during a storm with lightning"),
}
#: Subjects that belong in each setting (they are placed by habitat: boats on water, birds in the air).
SETTING_SUBJECTS: Mapping[str, tuple[str, ...]] = {
    "sky": ("balloon", "bird", "plane", "butterfly"),
    "ocean": ("boat", "ship", "whale", "bird", "lighthouse"),
    "beach": ("boat", "person", "dog", "lighthouse", "bird", "fire"),
    "lake": ("boat", "tree", "cabin", "bird", "house"),
    "river": ("boat", "bridge", "tree", "horse", "bird"),
    "hills": ("tree", "house", "horse", "flower", "balloon", "person"),
    "mountains": ("peak", "cabin", "tree", "bird", "castle"),
    "forest": ("tree", "cabin", "fire", "bird", "butterfly", "person"),
    "desert": ("horse", "person", "car", "sun"),
    "snow_field": ("cabin", "tree", "dog", "person", "fire"),
    "city": ("skyscraper", "bridge", "taxi", "plane", "train"),
    "street": ("car", "taxi", "bus", "bicycle", "person", "dog", "house", "dancer"),
    "room": ("candle", "cat", "dog", "person", "rose", "fire"),
    "underwater": ("fish", "whale"),
    "space": ("planet", "moon", "star"),
}
SUBJECT_WORDS = {"peak": ("a mountain peak", "mountain peaks"), "person": ("a person", "people"),
                 "fish": ("a fish", "fish"), "sun": ("the sun", "the sun"), "moon": ("the moon", "the moon"),
                 "star": ("a star", "stars"), "fire": ("a campfire", "campfires"),
                 "bus": ("a bus", "buses"), "dancer": ("a dancer", "dancers")}
COUNT_WORDS = ("two", "three", "a few")
CAMERA_PHRASES = ("slow pan left", "pan right", "tilt up", "tilt down", "slow zoom in", "zoom out", "dolly in",
                  "dolly out", "orbiting shot", "handheld camera", "static shot", "locked-off camera")
SHOT_PHRASES = ("", "", "", "in two shots with a hard cut", "in three shots with cross dissolves",
                "in two shots with a wipe", "fading in and out")
MOODS = ("calm", "tense", "dreamy", "eerie", "romantic", "playful", "epic", "mysterious", "hopeful",
         "melancholic", "peaceful", "nostalgic")
SOUND_PHRASES = ("", "", "with lofi music", "with ambient music", "with an orchestral score", "with electronic music",
                 "with jazz", "with soft piano", "with rock music", "in total silence", "with a low drone",
                 "with high bright music", "with fast music", "with slow music")
LOOKS = ("", "", "", "", "in black and white", "with vivid colours", "muted and moody", "warm tones", "cool tones",
         "very bright", "dark and gloomy")


def scene_combination(sweep_index: int) -> tuple[str, str, str]:
    """The (setting, time of day, weather) a scenes video explores: every combination once per cycle of
    15 x 6 x 6 = 540 videos, settings changing fastest so each batch shows several places."""
    settings, times, weather = len(SCENE_SETTINGS), len(TIMES_OF_DAY), len(WEATHER)
    index = sweep_index % (settings * times * weather)
    return (SCENE_SETTINGS[index % settings], TIMES_OF_DAY[(index // settings) % times],
            WEATHER[(index // (settings * times)) % weather])


def _subjects(setting: str, rng: np.random.Generator) -> str:
    pool = list(SETTING_SUBJECTS[setting])
    count = 1 if float(rng.random()) < 0.55 else 2
    picked = [pool.pop(int(rng.integers(len(pool)))) for _ in range(min(count, len(pool)))]
    words = []
    for kind in picked:
        one, many = SUBJECT_WORDS.get(kind, (f"a {kind}", f"{kind}s"))
        plural = float(rng.random()) < 0.3 and one != many
        words.append(f"{COUNT_WORDS[int(rng.integers(len(COUNT_WORDS)))]} {many}" if plural else one)
    return " and ".join(words)


def compose_scene_prompt(sweep_index: int, rng: np.random.Generator, usage: Mapping[str, int] | None = None) -> str:
    """One scene prompt: the sweep's setting, time and weather with subjects, camera, shots, look and sound."""
    setting, time_of_day, weather = scene_combination(sweep_index)

    def pick(options: tuple[str, ...]) -> str:
        return options[int(rng.integers(len(options)))]

    place = pick(SETTING_PHRASES[setting])
    subjects = _subjects(setting, rng)
    joiner = " in " if setting in ("room", "underwater", "space") or place == "underwater" else " on " \
        if setting in ("beach", "lake", "river", "hills", "desert", "snow_field", "street") else " over "
    scene = f"{subjects}{joiner}{place}" if place != "underwater" else f"{subjects} deep underwater"
    if setting == "space":
        time_phrase = ""
    elif setting in ("room", "underwater"):
        time_phrase = "at night" if time_of_day == "night" else ""
    else:
        time_phrase = pick(TIME_PHRASES[time_of_day])
    weather_phrase = "" if setting in ("room", "underwater", "space") else pick(WEATHER_PHRASES[weather])
    mood = choose(rng, MOODS, usage)
    camera = choose(rng, CAMERA_PHRASES, usage)
    head = f"{mood} {scene}" if float(rng.random()) < 0.5 else scene
    if time_phrase:
        head = f"{head} {time_phrase}"
    rest = [weather_phrase, camera, pick(SHOT_PHRASES), pick(LOOKS), pick(SOUND_PHRASES)]
    return ", ".join([head, *(part for part in rest if part)])
