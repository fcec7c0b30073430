"""The scene fields of the instruction (origins.scenes): every one read from real prompts, with senses, and negated
where the prompt says so."""

from __future__ import annotations

import pytest

from motion_assets.interpretation import interpret
from motion_assets.origins.scenes import (
    AMBIENT_BEDS,
    CAMERA_MOVES,
    MUSIC_GENRES,
    SCENE_SETTINGS,
    SUBJECT_KINDS,
    TIMES_OF_DAY,
    WEATHER,
)

SCENE_FIELDS = {"scene_setting", "time_of_day", "weather", "subjects", "camera_move", "shots", "music_genre",
                "tempo", "ambient_beds", "monochrome"}


def read(prompt: str) -> dict:
    return interpret(prompt).to_dict()


def senses(instruction: dict, domain: str) -> list:
    """The values read for ``domain`` (negated readings, {"not": value}, left out)."""
    return [s["value"] for s in instruction["senses"] if s["domain"] == domain and not isinstance(s["value"], dict)]


@pytest.mark.parametrize("prompt,setting", [
    ("waves rolling in on the open sea", "ocean"), ("a calm ocean", "ocean"), ("sunset at the beach", "beach"),
    ("a quiet shore", "beach"), ("a misty lake", "lake"), ("a stream in spring", "river"),
    ("rolling hills", "hills"), ("green fields and a meadow", "hills"), ("the countryside", "hills"),
    ("snowy mountains", "mountains"), ("deep in the woods", "forest"), ("a dense jungle", "forest"),
    ("desert dunes", "desert"), ("a vast snow field", "snow_field"), ("the arctic tundra", "snow_field"),
    ("city skyline", "city"), ("downtown at night", "city"), ("a wet alley", "street"),
    ("an empty road", "street"), ("a cosy bedroom", "room"), ("a white studio", "room"),
    ("indoors by the window", "room"), ("a coral reef", "underwater"), ("under the sea", "underwater"),
    ("a spiral galaxy", "space"), ("outer space", "space"), ("a night sky with stars", "space"),
    ("clouds above", "sky"), ("birds over the ocean under a blue sky", "ocean"),
])
def test_scene_setting_is_one_of_the_scene_settings(prompt, setting):
    instruction = read(prompt)
    assert instruction["scene_setting"] == setting
    assert setting in senses(instruction, "scene_setting")


def test_no_setting_when_none_is_said_and_a_negated_one_is_not_used():
    assert read("slow and calm")["scene_setting"] is None
    assert read("not in a city, a forest instead")["scene_setting"] == "forest"


@pytest.mark.parametrize("prompt,time", [
    ("sunrise over the lake", "dawn"), ("at dawn", "dawn"), ("high noon", "day"), ("daytime traffic", "day"),
    ("a sunny midday", "day"), ("golden hour glow", "golden_hour"), ("a red sunset", "sunset"),
    ("dusk in the park", "dusk"), ("twilight", "dusk"), ("a moonlit bay", "night"), ("midnight", "night"),
    ("city at night", "night"),
])
def test_time_of_day_is_one_of_the_scene_times(prompt, time):
    instruction = read(prompt)
    assert instruction["time_of_day"] == time and time in TIMES_OF_DAY
    assert time in senses(instruction, "time_of_day")


@pytest.mark.parametrize("prompt,weather", [
    ("a rainy street", ["rain"]), ("light drizzle", ["rain"]), ("a sudden downpour", ["rain"]),
    ("snowfall in the forest", ["snow"]), ("a blizzard", ["snow"]), ("foggy harbour", ["fog"]),
    ("misty hills", ["fog"]), ("haze over the city", ["fog"]), ("an overcast morning", ["clouds"]),
    ("cloudy skies", ["clouds"]), ("a thunderstorm", ["storm"]), ("lightning over the sea", ["storm"]),
    ("misty and rainy", ["fog", "rain"]), ("a clear day", []), ("no rain, just fog", ["fog"]),
    ("not a single cloud", []),
])
def test_weather_is_a_list_of_scene_weathers(prompt, weather):
    instruction = read(prompt)
    assert instruction["weather"] == weather
    assert all(w in WEATHER and w != "clear" for w in instruction["weather"])
    assert set(weather) <= set(senses(instruction, "weather"))


@pytest.mark.parametrize("prompt,subjects", [
    ("cars on a highway", [("car", 3, None)]), ("two boats on a lake", [("boat", 2, None)]),
    ("a red car", [("car", 1, [220, 30, 30])]), ("a kitten asleep", [("cat", 1, None)]),
    ("a puppy in the park", [("dog", 1, None)]), ("an airplane in the sky", [("plane", 1, None)]),
    ("a jet overhead", [("plane", 1, None)]), ("a sailboat at sea", [("boat", 1, None)]),
    ("skyscrapers at dusk", [("skyscraper", 3, None)]), ("a woman walking", [("person", 1, None)]),
    ("a man and a woman", [("person", 2, None)]), ("people in a square", [("person", 3, None)]),
    ("a mountain peak", [("peak", 1, None)]), ("a campfire", [("fire", 1, None)]), ("flames", [("fire", 3, None)]),
    ("five white roses", [("rose", 5, [245, 245, 245])]), ("a seagull", [("bird", 1, None)]),
    ("the moon and the stars", [("moon", 1, None), ("star", 3, None)]), ("the sun", [("sun", 1, None)]),
    ("a flock of birds", [("bird", 6, None)]), ("a couple of horses", [("horse", 2, None)]),
    ("a lighthouse on the coast", [("lighthouse", 1, None)]), ("3 yellow taxis", [("taxi", 3, [250, 220, 40])]),
])
def test_subjects_are_counted_and_coloured(prompt, subjects):
    instruction = read(prompt)
    got = [(s["kind"], s["count"], s["color"]) for s in instruction["subjects"]]
    assert got == subjects
    assert all(s["kind"] in SUBJECT_KINDS for s in instruction["subjects"])
    assert {kind for kind, _, _ in subjects} <= set(senses(instruction, "subject"))


def test_a_setting_noun_is_no_subject_and_negated_subjects_are_not_listed():
    assert read("the ocean at dawn")["subjects"] == []
    assert read("a street without any cars")["subjects"] == []
    assert [s["kind"] for s in read("no whales, only a boat")["subjects"]] == ["boat"]
    assert read("this track is fire")["subjects"] == []


@pytest.mark.parametrize("prompt,move", [
    ("pan left across the bay", "pan_left"), ("panning to the right", "pan_right"), ("tilt up to the sky", "tilt_up"),
    ("tilt down to the street", "tilt_down"), ("zoom in on the clock", "zoom_in"), ("zoom out slowly", "zoom_out"),
    ("push in on her face", "dolly_in"), ("dolly in", "dolly_in"), ("pull back to reveal the city", "dolly_out"),
    ("dolly out from the house", "dolly_out"), ("orbit the statue", "orbit"), ("circling the tower", "orbit"),
    ("handheld in the crowd", "shake"), ("shaky footage", "shake"), ("static shot of a road", "static"),
    ("locked off", "static"), ("on a tripod", "static"), ("drone flyover of the coast", "dolly_in"),
    ("never shaky", "static"),
])
def test_camera_move_is_the_viewers_direction(prompt, move):
    instruction = read(prompt)
    assert instruction["camera_move"] == move and move in CAMERA_MOVES
    assert move in senses(instruction, "camera_move")


def test_camera_move_is_none_when_the_camera_is_not_mentioned_and_agrees_with_camera():
    assert read("a quiet lake")["camera_move"] is None
    drone = read("drone flyover of the coast")
    assert drone["camera"] == "birds_eye" and "hum" not in drone["sound"]["noises"]
    assert read("pan left")["camera"] == "pan"


@pytest.mark.parametrize("prompt,shots", [
    ("three shots of the sea", 3), ("two scenes, a dissolve between them", 2), ("a montage of 4 shots", 4),
    ("one continuous shot", 1), ("a 5 second shot", None), ("a wide shot", None),
])
def test_shots_are_counted(prompt, shots):
    instruction = read(prompt)
    assert instruction["shots"] == shots
    if shots:
        assert shots in senses(instruction, "shots")


def test_shots_keep_the_transition_field():
    instruction = read("two shots joined by a slow dissolve")
    assert instruction["shots"] == 2 and instruction["transition"] == "dissolve"


@pytest.mark.parametrize("prompt,genre,tempo", [
    ("lofi beats", "lofi", "slow"), ("lo-fi study music", "lofi", "slow"), ("ambient music", "ambient", "slow"),
    ("orchestral", "orchestral", "medium"), ("a cinematic score", "orchestral", None),
    ("epic score", "orchestral", None), ("edm", "electronic", "fast"), ("techno", "electronic", "fast"),
    ("synth music", "electronic", "fast"), ("jazz", "jazz", "medium"), ("cool jazz", "jazz", None),
    ("solo piano", "piano", "slow"), ("rock", "rock", "fast"), ("guitar", "rock", "fast"),
    ("jazz, fast tempo", "jazz", "fast"), ("slow tempo techno", "electronic", "slow"),
])
def test_music_genre_and_tempo(prompt, genre, tempo):
    instruction = read(prompt)
    assert instruction["music_genre"] == genre and genre in MUSIC_GENRES
    assert instruction["sound"]["presence"] == "music"
    if tempo:
        assert instruction["tempo"] == tempo
    assert genre in senses(instruction, "music_genre")


def test_cool_jazz_is_music_not_a_cool_colour_and_no_jazz_is_no_genre():
    assert read("cool jazz")["temperature"] == "neutral"
    assert read("no jazz, a rainy street")["music_genre"] is None
    assert read("silent, no music")["music_genre"] is None


@pytest.mark.parametrize("prompt,beds", [
    ("the sound of waves", ["waves"]), ("rain sounds", ["rain"]), ("wind in the trees", ["wind"]),
    ("distant thunder", ["thunder"]), ("traffic", ["city"]), ("city noise", ["city"]),
    ("birds chirping", ["birdsong"]), ("a crackling fire", ["fire"]), ("crowd chatter", ["crowd"]),
    ("bubbling", ["underwater"]), ("crickets", ["night"]), ("night sounds", ["night"]),
    ("we hear the rain and the wind", ["rain", "wind"]), ("waves crashing, birds singing", ["waves", "birdsong"]),
    ("a rainy street", []), ("the ocean", []),
])
def test_ambient_beds_are_the_sounds_asked(prompt, beds):
    instruction = read(prompt)
    assert instruction["ambient_beds"] == beds
    assert all(b in AMBIENT_BEDS for b in instruction["ambient_beds"])
    assert set(beds) <= set(senses(instruction, "ambient_bed"))


def test_negated_beds_are_not_listed():
    assert read("no wind, just rain sounds")["ambient_beds"] == ["rain"]
    assert read("without traffic noise")["ambient_beds"] == []


@pytest.mark.parametrize("prompt,mono", [
    ("black and white", True), ("b&w street photo", True), ("monochrome", True), ("greyscale", True),
    ("grayscale", True), ("film noir", True), ("a noir alley", True), ("not black and white", False),
    ("black cat on a white wall", False), ("colourful", False),
])
def test_monochrome(prompt, mono):
    instruction = read(prompt)
    assert instruction["monochrome"] is mono
    if mono:
        assert True in senses(instruction, "monochrome") or instruction["lighting"] == "noir"


@pytest.mark.parametrize("prompt,pitch,noise", [
    ("a low hum", "low", "hum"), ("deep rumble", "low", "rumble"), ("high pitched squeal", "high", None),
])
def test_sound_pitch(prompt, pitch, noise):
    instruction = read(prompt)
    assert instruction["sound"]["pitch"] == pitch
    if noise:
        assert noise in instruction["sound"]["noises"]


@pytest.mark.parametrize("prompt", ["silent", "no sound", "mute", "in silence", "a silent black screen",
                                    "no whales and no sound"])
def test_silence(prompt):
    instruction = read(prompt)
    assert instruction["sound"]["presence"] == "silence"
    assert instruction["ambient_beds"] == [] and instruction["music_genre"] is None


def test_each_negation_governs_its_own_phrase():
    instruction = read("no cars and two boats")
    assert [s["kind"] for s in instruction["subjects"]] == ["boat"]
    assert read("no whales and no sound")["sound"]["presence"] == "silence"
    assert read("no people and no music")["sound"]["presence"] == "ambient"


def test_every_instruction_carries_the_scene_fields():
    for prompt in ("slow pan", "two red cars on a street at night, rain sounds, lofi", "asdf"):
        instruction = read(prompt)
        assert SCENE_FIELDS <= set(instruction)
        assert instruction["scene_setting"] is None or instruction["scene_setting"] in SCENE_SETTINGS
        assert isinstance(instruction["weather"], list) and isinstance(instruction["subjects"], list)
        assert instruction["shots"] is None or instruction["shots"] >= 1
        assert all(s["count"] >= 1 for s in instruction["subjects"])
