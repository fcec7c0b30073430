"""The scene spec: the single record of a full-frame scene video and its soundtrack.

Creation builds it from an instruction (``creation.scene_build``), the scene renderer draws exactly it and the
soundtrack synthesiser plays exactly it. Plain data: JSON round-trips losslessly, and it is validated where built.
Positions are world units (the frame is one unit high at zoom 1, the centre is 0, y grows up); rates are per
second, so the same spec renders the same scene at any frame rate and size.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from motion_assets.origins.scenes import (
    AMBIENT_BEDS,
    CAMERA_MOVES,
    MUSIC_GENRES,
    SCENE_SETTINGS,
    SUBJECT_KINDS,
    TIMES_OF_DAY,
    WEATHER,
)

SCENE_SPEC_VERSION = 1
SHOT_JOINS = ("cut", "dissolve", "fade", "wipe")
SOUND_EVENTS = ("whoosh", "thunder", "impact")
SUN_KINDS = ("none", "sun", "moon")
Rgb = tuple[int, int, int]


@dataclass(frozen=True)
class SubjectPlacement:
    kind: str
    x: float
    y: float
    size: float                 # half height in world units
    vx: float = 0.0             # world units per second
    vy: float = 0.0
    color: Rgb = (128, 128, 128)
    facing: int = 1             # +1 faces right, -1 left
    phase_rate: float = 0.0     # radians per second of its own motion (wheels, wings, legs, flames)
    bob: float = 0.0            # vertical sway amplitude (floating, swimming)

    def __post_init__(self) -> None:
        _require(self.kind, tuple(SUBJECT_KINDS), "subject kind")
        if not 0.0 < self.size <= 1.0:
            raise ValueError(f"subject size must be in (0, 1], got {self.size}")
        if self.facing not in (-1, 1):
            raise ValueError(f"subject facing must be -1 or 1, got {self.facing}")
        _require_rgb(self.color, "subject colour")


#: The most a grade's exposure lifts the picture: outer space asked to be bright is a dark sky lifted about
#: tenfold (at 3, the old limit, it stayed dim).
MAX_EXPOSURE = 16.0


@dataclass(frozen=True)
class Grade:
    exposure: float = 1.0
    saturation: float = 1.0
    warmth: float = 0.0
    monochrome: bool = False
    excluded_hues: tuple[tuple[float, float], ...] = ()   # [from, to) degrees, lose their colour
    target_luma: float | None = None  # when set, the renderer meters the shot and sets the exposure to reach it
    # When set, the renderer meters the shot and raises (lowers) the warmth until the picture's mean red minus
    # blue (0-1) is at least (at most) this: a warm grade makes a warm picture, whatever colours the scene has
    # (a blue underwater scene needs a warmth near 0.9 to read warm).
    target_warmth: float | None = None

    def __post_init__(self) -> None:
        if self.target_luma is not None and not 0.02 <= self.target_luma <= 0.95:
            raise ValueError(f"target luma must be in [0.02, 0.95], got {self.target_luma}")
        if self.target_warmth is not None and not -0.3 <= self.target_warmth <= 0.3:
            raise ValueError(f"target warmth must be in [-0.3, 0.3], got {self.target_warmth}")
        if not (0.05 <= self.exposure <= MAX_EXPOSURE and 0.0 <= self.saturation <= 3.0 and -0.9 <= self.warmth <= 0.9):
            raise ValueError(f"grade out of range: {self}")
        if len(self.excluded_hues) > 8 or any(not 0 <= a < b <= 360 for a, b in self.excluded_hues):
            raise ValueError(f"excluded hues must be at most 8 intervals within [0, 360): {self.excluded_hues}")


@dataclass(frozen=True)
class Shot:
    setting: str
    time_of_day: str
    frames: int
    horizon: float
    sky_top: Rgb
    sky_low: Rgb
    land: Rgb
    land_far: Rgb
    water: Rgb
    accent: Rgb
    light: Rgb
    sun_kind: str = "none"
    sun_pos: tuple[float, float] = (0.3, 0.2)
    sun_color: Rgb = (255, 230, 170)
    stars: float = 0.0
    windows_lit: float = 0.0
    weather: tuple[str, ...] = ()
    subjects: tuple[SubjectPlacement, ...] = ()
    camera_move: str = "static"
    camera_rate: float = 0.0    # pan/tilt/orbit: world units per second; zoom/dolly: scale change per second
    camera_start: tuple[float, float] = (0.0, 0.0)
    animate: bool = True        # False: a still scene (nothing moves unless the camera does)
    lightning_frames: tuple[int, ...] = ()
    grade: Grade = field(default_factory=Grade)
    far_mountains: bool = False  # snow-capped mountains stand behind the setting's own far land

    def __post_init__(self) -> None:
        _require(self.setting, SCENE_SETTINGS, "setting")
        _require(self.time_of_day, TIMES_OF_DAY, "time of day")
        _require(self.sun_kind, SUN_KINDS, "sun kind")
        _require(self.camera_move, CAMERA_MOVES, "camera move")
        for value in self.weather:
            _require(value, WEATHER, "weather")
        if self.frames < 1:
            raise ValueError(f"a shot needs at least one frame, got {self.frames}")
        if len(self.subjects) > 8:
            raise ValueError(f"a shot holds at most 8 subjects, got {len(self.subjects)}")
        for name in ("sky_top", "sky_low", "land", "land_far", "water", "accent", "light", "sun_color"):
            _require_rgb(getattr(self, name), name)


#: Genres played without a pulse (held pads and a slow line over them): a listener hears no beat, whatever tempo
#: the part's notes are written in.
BEATLESS_GENRES = ("ambient",)


@dataclass(frozen=True)
class MusicPart:
    genre: str
    tempo_bpm: int
    root: int                   # MIDI note of the key's tonic
    mode: str                   # "major" or "minor"
    register: str = "mid"       # "low", "mid" or "high"
    gain_db: float = -14.0

    def __post_init__(self) -> None:
        _require(self.genre, MUSIC_GENRES, "music genre")
        _require(self.mode, ("major", "minor"), "mode")
        _require(self.register, ("low", "mid", "high"), "register")
        if not 40 <= self.tempo_bpm <= 200 or not 24 <= self.root <= 84:
            raise ValueError(f"music tempo or key out of range: {self}")

    @property
    def beat_bpm(self) -> int | None:
        """The beat a listener taps: the part's tempo, or None for a genre played without a pulse."""
        return None if self.genre in BEATLESS_GENRES else self.tempo_bpm


@dataclass(frozen=True)
class Soundtrack:
    beds: tuple[tuple[str, float], ...] = ()          # (ambient bed, gain dB)
    music: MusicPart | None = None
    events: tuple[tuple[str, float, float], ...] = ()  # (event, time s, gain dB)
    register: str = "mid"                             # "low" or "high" filters the beds

    def __post_init__(self) -> None:
        for bed, _ in self.beds:
            _require(bed, AMBIENT_BEDS, "ambient bed")
        for event, _, _ in self.events:
            _require(event, SOUND_EVENTS, "sound event")
        _require(self.register, ("low", "mid", "high"), "register")

    @property
    def silent(self) -> bool:
        return not self.beds and self.music is None and not self.events


MATERIAL_SOURCES = ("asked", "registry", "scene")


@dataclass(frozen=True)
class Material:
    """One part of the scene and the registry value it is made of: ``key`` is the value's key in ``registry``
    (which names it); ``source`` says where creation took it from: the prompt ("asked"), the registry's observed
    values ("registry"), or the setting's own look, no registry value being near it yet ("scene")."""

    part: str
    registry: str
    key: str
    source: str

    def __post_init__(self) -> None:
        _require(self.source, MATERIAL_SOURCES, "material source")


@dataclass(frozen=True)
class SceneVideoSpec:
    job_id: str
    seed: int
    prompt: str
    fps: int
    width: int
    height: int
    shots: tuple[Shot, ...]
    join: str = "cut"
    join_frames: int = 0
    fade_in_frames: int = 0
    fade_out_frames: int = 0
    soundtrack: Soundtrack = field(default_factory=Soundtrack)
    narrative: dict = field(default_factory=dict)
    materials: tuple[Material, ...] = ()
    kind: str = "scene"
    version: int = SCENE_SPEC_VERSION

    def __post_init__(self) -> None:
        if self.kind != "scene":
            raise ValueError(f"a scene spec has kind 'scene', got {self.kind!r}")
        if not self.shots:
            raise ValueError("a scene spec needs at least one shot")
        if not (16 <= self.width <= 3840 and 16 <= self.height <= 2160) or self.width % 2 or self.height % 2:
            raise ValueError(f"frame size must be even and within 16x16..3840x2160, got {self.width}x{self.height}")
        if not 1 <= self.fps <= 120:
            raise ValueError(f"fps must be in [1, 120], got {self.fps}")
        _require(self.join, SHOT_JOINS, "shot join")
        if self.join_frames < 0 or self.fade_in_frames < 0 or self.fade_out_frames < 0:
            raise ValueError("join and fade lengths cannot be negative")
        if self.fade_in_frames + self.fade_out_frames > self.frame_count:
            raise ValueError("fades are longer than the video")

    @property
    def frame_count(self) -> int:
        return sum(shot.frames for shot in self.shots)

    @property
    def duration_s(self) -> float:
        return self.frame_count / self.fps

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> SceneVideoSpec:
        data = json.loads(text)
        track = data["soundtrack"]
        soundtrack = Soundtrack(
            beds=tuple((b, g) for b, g in track["beds"]),
            music=MusicPart(**track["music"]) if track["music"] else None,
            events=tuple((e, t, g) for e, t, g in track["events"]),
            register=track["register"],
        )
        shots = tuple(_shot_from(shot) for shot in data["shots"])
        materials = tuple(Material(**m) for m in data.get("materials", ()))
        return cls(**{**data, "shots": shots, "soundtrack": soundtrack, "materials": materials})


def is_scene_document(text: str) -> bool:
    """True when a stored spec document is a scene spec (probe specs carry no ``kind``)."""
    return json.loads(text).get("kind") == "scene"


def _shot_from(data: dict) -> Shot:
    rgb_fields = ("sky_top", "sky_low", "land", "land_far", "water", "accent", "light", "sun_color")
    subjects = tuple(SubjectPlacement(**{**s, "color": tuple(s["color"])}) for s in data["subjects"])
    grade = data["grade"]
    return Shot(**{
        **data,
        **{name: tuple(data[name]) for name in rgb_fields},
        "sun_pos": tuple(data["sun_pos"]),
        "camera_start": tuple(data["camera_start"]),
        "weather": tuple(data["weather"]),
        "lightning_frames": tuple(data["lightning_frames"]),
        "subjects": subjects,
        "grade": Grade(**{**grade, "excluded_hues": tuple(tuple(r) for r in grade["excluded_hues"])}),
    })


def _require(value: object, allowed: tuple, what: str) -> None:
    if value not in allowed:
        raise ValueError(f"unknown {what} {value!r}; expected one of {', '.join(map(str, allowed))}")


def _require_rgb(value: object, what: str) -> None:
    if len(value) != 3 or any(not isinstance(c, int) or not 0 <= c <= 255 for c in value):
        raise ValueError(f"{what} must be three integers in [0, 255], got {value!r}")
