"""Scenes a person recognises: prompts -> scene specs -> real MP4s, judged from the decoded picture and sound."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from motion_assets.creation.scene_build import build_scene_spec
from motion_assets.creation.scene_spec import SceneVideoSpec
from motion_assets.extraction.sound import read_audio_track
from motion_assets.interpretation import interpret
from motion_assets.loop.jobs import render_video
from motion_assets.origins.scenes import SCENE_SETTINGS, SUBJECT_KINDS
from motion_assets.rendering.audio import SAMPLE_RATE
from motion_assets.rendering.encode import decode_frames
from motion_assets.rendering.scene_frames import render_shot_frame
from motion_assets.verification import viewer

SMALL = (192, 108)


def make(prompt: str | None = None, instruction: dict | None = None, seconds: float = 1.0, size=SMALL, seed=3):
    instruction = instruction if instruction is not None else interpret(prompt).to_dict()
    return build_scene_spec(job_id="clip", seed=seed, prompt=prompt or "", instruction=instruction,
                            duration_s=seconds, size=size)


def rendered(tmp_path: Path, spec: SceneVideoSpec) -> tuple[np.ndarray, np.ndarray, Path]:
    record = render_video(spec, tmp_path)
    mp4 = Path(record.mp4_path)
    return decode_frames(mp4), read_audio_track(mp4, SAMPLE_RATE), mp4


def test_spec_round_trips_and_the_same_spec_gives_the_same_bytes(tmp_path):
    spec = make("a red car on a rainy street at night, slow pan left, two shots with a dissolve", seconds=1.0,
                size=(128, 72))
    assert SceneVideoSpec.from_json(spec.to_json()) == spec
    first = render_video(spec, tmp_path / "a")
    second = render_video(SceneVideoSpec.from_json(spec.to_json()), tmp_path / "b")
    assert first.mp4_sha256 == second.mp4_sha256 and first.wav_sha256 == second.wav_sha256


def test_named_colours_fill_the_frame_and_the_first_dominates(tmp_path):
    frames, _, _ = rendered(tmp_path, make("green hills under a yellow sky"))
    shares = viewer.hue_shares(frames)
    coloured = {k: v for k, v in shares.items() if k != "neutral"}
    assert max(coloured, key=coloured.get) == "green" and shares["green"] > 0.25, shares
    assert shares["yellow"] > 0.1, shares
    # Full frame: no calibration strip, the bottom rows are the scene's ground, not swatches over black/white.
    bottom = viewer.hue_shares(frames[:, -12:])
    assert bottom["green"] > 0.8, bottom


def test_negated_colours_are_absent_from_every_frame(tmp_path):
    frames, _, _ = rendered(tmp_path, make("a forest with no green"))
    assert all(viewer.hue_shares(frame[None])["green"] == 0.0 for frame in frames)
    frames, _, _ = rendered(tmp_path, make("sunset over the sea without any red"))
    assert max(viewer.hue_shares(frame[None])["red"] for frame in frames) < 0.001


def test_black_and_white_is_truly_monochrome(tmp_path):
    frames, _, _ = rendered(tmp_path, make("black and white film noir city street at night"))
    assert viewer.chroma_p99(frames) <= 6, viewer.chroma_p99(frames)
    assert viewer.mean_luma(frames) < 0.4


def test_brightness_asked_is_what_the_picture_shows(tmp_path):
    dark, _, _ = rendered(tmp_path / "dark", make("a dark forest at night"))
    bright, _, _ = rendered(tmp_path / "bright", make("a bright sunny beach"))
    black, audio, _ = rendered(tmp_path / "black", make("a silent black screen"))
    assert viewer.mean_luma(dark) < 0.2 < 0.5 < viewer.mean_luma(bright)
    assert viewer.mean_luma(black) < 0.06
    assert viewer.loudness_dbfs(audio) < -80


@pytest.mark.parametrize("move,expected", [("pan_left", "pan_left"), ("pan_right", "pan_right"),
                                           ("zoom_in", "zoom_in"), ("tilt_up", "tilt_up")])
def test_camera_moves_in_the_viewers_direction(tmp_path, move, expected):
    instruction = {"scene_setting": "city", "time_of_day": "day", "camera_move": move,
                   "motion": {"speed": "medium", "direction": "none"}}
    frames, _, _ = rendered(tmp_path, make(instruction=instruction, seconds=1.5, size=(256, 144)))
    if move == "pan_left":
        # Pan left: the view turns left, so what is in the picture slides right.
        dx, _ = viewer.phase_shift(frames[0], frames[12])
        assert dx > 0
    assert viewer.camera_direction(frames, 24) == expected


def test_a_static_shot_of_a_still_scene_is_truly_still(tmp_path):
    spec = make(instruction={"scene_setting": "lake", "time_of_day": "day", "camera_move": "static",
                             "motion": {"speed": "still", "direction": "none"}})
    from motion_assets.rendering.scene_frames import render_scene_frames

    drawn = render_scene_frames(spec)
    assert all(np.array_equal(frame, drawn[0]) for frame in drawn)
    # What the codec adds is noise of a level or two, far below any motion a viewer sees.
    frames, _, _ = rendered(tmp_path, spec)
    assert viewer.picture_motion(frames, 24) < 0.2


def test_every_setting_and_every_subject_kind_draws_something_distinct():
    base = make(instruction={"scene_setting": "hills", "time_of_day": "day"}).shots[0]
    means = {}
    for setting in SCENE_SETTINGS:
        shot = make(instruction={"scene_setting": setting, "time_of_day": "day"}).shots[0]
        frame = render_shot_frame(shot, 0, 24, 96, 54, 1)
        means[setting] = hashlib.sha256(frame.tobytes()).hexdigest()
    assert len(set(means.values())) == len(SCENE_SETTINGS)
    empty = render_shot_frame(base, 0, 24, 96, 54, 1)
    for kind in SUBJECT_KINDS:
        shot = make(instruction={"scene_setting": "hills", "time_of_day": "day",
                                 "subjects": [{"kind": kind, "count": 1, "color": None}]}).shots[0]
        assert [s.kind for s in shot.subjects] == [kind]
        frame = render_shot_frame(shot, 0, 24, 96, 54, 1)
        changed = np.abs(frame.astype(int) - empty.astype(int)).max(axis=2) > 20
        assert changed.mean() > 0.004, kind


def test_the_prompts_length_and_shots(tmp_path):
    spec = make(instruction={"scene_setting": "forest", "duration_seconds": 2, "shots": 2, "transition": "cut"},
                seconds=None, size=(128, 72))
    frames, audio, _ = rendered(tmp_path, spec)
    assert len(frames) == 48 and abs(len(audio) / SAMPLE_RATE - 2.0) < 0.05
    assert viewer.cut_count(frames) >= 1


def test_soundtrack_fits_the_scene(tmp_path):
    _, waves, _ = rendered(tmp_path / "w", make(instruction={"scene_setting": "ocean", "sound": {"presence": "ambient"}}))
    _, music, _ = rendered(tmp_path / "m", make(instruction={"scene_setting": "room", "music_genre": "piano"}, seconds=2))
    _, silent, _ = rendered(tmp_path / "s", make(instruction={"scene_setting": "forest", "sound": {"presence": "silence"}}))
    assert viewer.loudness_dbfs(waves) > -40 and viewer.tonal_share(waves, SAMPLE_RATE) < 0.3
    assert viewer.tonal_share(music, SAMPLE_RATE) > 0.3
    assert viewer.loudness_dbfs(silent) < -80


def _spec_for(prompt: str, size=(160, 90), seconds=1.0) -> SceneVideoSpec:
    return build_scene_spec(job_id="binding", seed=3, prompt=prompt, instruction=interpret(prompt).to_dict(),
                            duration_s=seconds, size=size)


@pytest.mark.parametrize("prompt, top, bottom", [
    ("a violet sky above black mountains", "purple", None),
    ("pink clouds over a grey sea", "magenta", "neutral"),
    ("green hills and a yellow sky", "yellow", "green"),
    ("deep blue ocean under a pink sky", "magenta", "blue"),
])
def test_a_colour_paints_the_noun_it_is_written_before(prompt, top, bottom):
    spec = _spec_for(prompt)
    frame = render_shot_frame(spec.shots[0], 0, spec.fps, spec.width, spec.height, spec.seed)[None]
    third = frame.shape[1] // 3
    sky, ground = viewer.hue_shares(frame[:, :third]), viewer.hue_shares(frame[:, 2 * third:])
    coloured = {k: v for k, v in sky.items() if k != "neutral"}
    assert max(coloured, key=coloured.get) == top, (prompt, sky)
    if bottom is not None:
        assert max(ground, key=ground.get) == bottom, (prompt, ground)


def test_purple_by_name_is_shown_as_purple_not_magenta():
    spec = _spec_for("a purple sky over the desert")
    frame = render_shot_frame(spec.shots[0], 0, spec.fps, spec.width, spec.height, spec.seed)[None]
    shares = viewer.hue_shares(frame[:, : frame.shape[1] // 3])
    assert shares["purple"] > shares["magenta"], shares


def test_a_scene_is_made_of_the_registrys_observed_colours_where_the_prompt_leaves_them_open():
    from motion_assets.creation.materials import SceneMaterials, colour_key

    prompt = "a yellow taxi on a street at dusk, slow pan left"
    bare = make(prompt)
    made = {m.part: m for m in bare.materials}
    # Every region and subject is recorded with its registry key; nothing is taken from an empty registry.
    assert {"shot 1 land", "shot 1 sky_top", "shot 1 taxi 1", "shot 1 camera"} <= set(made)
    assert made["shot 1 taxi 1"].source == "asked" and made["shot 1 camera"].key == "camera@1:type=pan;speed=slow"
    assert {m.source for p, m in made.items() if p.startswith("shot 1 ") and "taxi" not in p and "camera" not in p} \
        == {"scene"}
    # A registry that has observed a grey near the street's own: the street is painted with it, the taxi keeps
    # the yellow the prompt asked for, and a far-off colour is never used.
    near = (153, 153, 153)
    rows = [{"registry": "static_colors", "key": colour_key(rgb), "observed": True, "count": 5,
             "params": {"r": rgb[0], "g": rgb[1], "b": rgb[2], "opacity": 100}}
            for rgb in (near, (230, 26, 204))]
    rows.append({"registry": "static_colors", "key": colour_key((102, 102, 102)), "observed": False, "count": 9,
                 "params": {"r": 102, "g": 102, "b": 102, "opacity": 100}})  # only intended: never material
    built = build_scene_spec(job_id="clip", seed=3, prompt=prompt, instruction=interpret(prompt).to_dict(),
                             duration_s=1.0, size=SMALL, materials=SceneMaterials.from_rows(rows))
    parts = {m.part: m for m in built.materials}
    assert parts["shot 1 land"] == replace(made["shot 1 land"], key=colour_key(near), source="registry")
    assert built.shots[0].land != bare.shots[0].land  # dusk dims the registry's grey as it dims the street's own
    assert built.shots[0].subjects[0].color == bare.shots[0].subjects[0].color
    assert colour_key((230, 26, 204)) not in {m.key for m in built.materials}
    assert SceneVideoSpec.from_json(built.to_json()) == built


def test_mountains_named_behind_a_lake_stand_on_its_horizon_and_a_subject_word_is_no_colour():
    lake = make("a quiet lake surrounded by snowy mountains at sunrise")
    assert lake.shots[0].setting == "lake" and lake.shots[0].far_mountains
    assert not make("a quiet lake among green hills").shots[0].far_mountains
    assert not make("snowy mountains at sunset").shots[0].far_mountains  # the setting is the mountains themselves
    # "by the fire" shows a fire; the wall is not painted fire orange.
    room = make("a cat sleeping by the fire in a cozy room at night")
    assert {s.kind for s in room.shots[0].subjects} == {"cat", "fire"}
    assert all(m.source != "asked" for m in room.materials if m.part in ("shot 1 accent", "shot 1 land"))


@pytest.mark.parametrize("prompt,grade", [("a snow field, warm", "warm"), ("a desert at sunset, cool", "cool"),
                                          # blue water needs most of the warm shift; lightning is not metered
                                          ("underwater in a storm, warm", "warm")])
def test_a_warm_or_cool_grade_makes_a_warm_or_cool_picture_whatever_the_scene(prompt, grade):
    from motion_assets.extraction.scene import measure_look
    from motion_assets.rendering.scene_frames import metered

    spec = make(prompt)
    shot = spec.shots[0]
    assert shot.grade.target_warmth and (shot.grade.target_warmth > 0) == (grade == "warm")
    frame = render_shot_frame(metered(shot, spec.fps, spec.seed), 0, spec.fps, 96, 54, spec.seed)
    assert measure_look(frame[None]).grade == grade
    # Ungraded, the same scene reads the other way or neutral: the grade, not the scene, made it warm or cool.
    plain = render_shot_frame(replace(shot, grade=replace(shot.grade, warmth=0.0, target_warmth=None)), 0,
                              spec.fps, 96, 54, spec.seed)
    assert measure_look(plain[None]).grade != grade


@pytest.mark.parametrize("prompt", ["outer space, bright", "the ocean at night, bright"])
def test_a_dark_setting_asked_to_be_bright_is_bright(prompt):
    # Outer space is a dark sky: it needs about ten times the exposure to reach a bright picture.
    from motion_assets.extraction.scene import measure_look
    from motion_assets.rendering.scene_frames import metered

    spec = make(prompt)
    shot = metered(spec.shots[0], spec.fps, spec.seed)
    frames = np.stack([render_shot_frame(shot, i, spec.fps, 128, 72, spec.seed) for i in (0, spec.shots[0].frames // 2)])
    assert measure_look(frames).key == "bright"


@pytest.mark.parametrize("prompt,setting", [
    ("a red sports car speeding down a desert road at noon", "desert"), ("a winding mountain road", "mountains"),
    ("a country road through fields", "hills"), ("a city road at night", "street"), ("a mountain lake", "lake"),
    ("a forest lake at dawn", "lake"), ("a city street in the rain", "street")])
def test_a_road_through_open_land_is_that_land_and_a_compound_names_its_last_place(prompt, setting):
    assert make(prompt).shots[0].setting == setting


def test_fireworks_burst_in_the_night_sky_and_each_burst_is_heard():
    from motion_assets.creation.scene_build import firework_bursts

    spec = make("fireworks over a city skyline at night", seconds=4.0)
    shot = spec.shots[0]
    assert {s.kind for s in shot.subjects} == {"fireworks"} and shot.setting == "city"
    bursts = firework_bursts(shot, spec.fps)
    assert len(bursts) >= 4 and all(0 < t < 4.0 for t in bursts)
    assert [t for e, t, _ in spec.soundtrack.events if e == "impact"] == bursts
    # The sparks light the sky: a frame of the display is brighter above the skyline than the same night without.
    plain = replace(shot, subjects=())
    lit, dark = (render_shot_frame(s, 30, spec.fps, 96, 54, spec.seed)[:20].mean() for s in (shot, plain))
    assert lit > dark + 3


def test_each_cut_is_carried_by_a_whoosh_and_a_silent_video_has_none():
    spec = make("a forest at dawn, then a lake, three shots with hard cuts", seconds=3.0)
    cuts = [sum(s.frames for s in spec.shots[:i]) / spec.fps for i in range(1, len(spec.shots))]
    assert len(cuts) == 2
    whooshes = [t for e, t, _ in spec.soundtrack.events if e == "whoosh"]
    assert whooshes == [round(c - 0.4, 3) for c in cuts]
    assert not make("three shots of a forest, in total silence", seconds=3.0).soundtrack.events


def test_a_black_screen_is_black_noir_is_a_night_street_and_a_busy_street_is_full():
    from motion_assets.rendering.scene_frames import render_scene_frames

    black = make("a silent black screen", size=(64, 36))
    assert render_scene_frames(black).max() == 0 and black.soundtrack.silent
    assert render_scene_frames(make("a black screen with a white moon", size=(64, 36))).max() > 100
    noir = make("black and white film noir").shots[0]
    assert (noir.setting, noir.time_of_day, noir.grade.monochrome) == ("street", "night", True)
    busy = make("a busy market street")
    assert sum(s.kind == "person" for s in busy.shots[0].subjects) >= 3
    assert "crowd" in dict(busy.soundtrack.beds)


def test_autumn_turns_the_leaves_and_grass_to_the_seasons_colours():
    autumn, summer = (make(f"trees on a hill{season}").shots[0] for season in (" in autumn", ""))
    assert autumn.land[0] > autumn.land[1] and summer.land[1] > summer.land[0]  # orange-brown, not green
    assert all(s.color[0] > s.color[1] for s in autumn.subjects if s.kind == "tree")
    assert make("a red tree in the fall").shots[0].subjects[0].color[0] > 150  # a colour asked for stays
    assert not make("a waterfall in the forest").shots[0].land[0] > make("a waterfall in the forest").shots[0].land[1]


def test_no_rain_or_snow_falls_indoors_but_it_is_heard():
    room = make("a cosy room while snow falls outside, rain on the window")
    assert room.shots[0].setting == "room" and room.shots[0].weather == ()
    assert "rain" in dict(room.soundtrack.beds)
