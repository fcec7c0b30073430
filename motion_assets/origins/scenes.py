"""The scene vocabulary: what a full-frame scene can show and a soundtrack can play, as data.

Interpretation reads prompts onto these values, creation composes scenes and soundtracks from them, the scene
renderer draws them and extraction's scene readers measure some of them back. Every value here is one the renderer
can really show (a setting recognisable in a still frame, a subject drawn as a shaded vector shape, a bed or a
music genre it can synthesise).

Instruction fields that carry them (all optional; ``None`` or empty means "not said", and creation chooses):
- ``scene_setting``: one of ``SCENE_SETTINGS``
- ``time_of_day``: one of ``TIMES_OF_DAY``
- ``weather``: list of ``WEATHER`` values ("clear" is the default and never listed)
- ``subjects``: list of ``{"kind": SUBJECT_KINDS key, "count": int >= 1, "color": [r, g, b] or None}``
- ``camera_move``: one of ``CAMERA_MOVES`` (the viewer's direction: "pan_left" moves the view left, so the
  picture slides right)
- ``shots``: number of shots asked (int >= 1) or None; ``transition`` gives how they join
- ``music_genre``: one of ``MUSIC_GENRES`` or None; ``tempo`` (slow/medium/fast) its pace
- ``ambient_beds``: list of ``AMBIENT_BEDS``
- ``monochrome``: bool ("black and white", "monochrome", "noir", "greyscale")
- ``sound.pitch``: "low"/"high" when asked; ``sound.presence`` "silence" for a silent video
"""

from __future__ import annotations

from types import MappingProxyType

SCENE_SETTINGS: tuple[str, ...] = (
    "sky", "ocean", "beach", "lake", "river", "hills", "mountains", "forest", "desert", "snow_field", "city",
    "street", "room", "underwater", "space",
)

TIMES_OF_DAY: tuple[str, ...] = ("dawn", "day", "golden_hour", "sunset", "dusk", "night")

WEATHER: tuple[str, ...] = ("clear", "clouds", "rain", "snow", "fog", "storm")

#: Subject kinds: noun -> (where it lives: "ground", "water", "air", "sky", "any"; default colour; default motion).
SUBJECT_KINDS: MappingProxyType[str, tuple[str, tuple[int, int, int], str]] = MappingProxyType({
    "car": ("ground", (200, 40, 40), "drive"),
    "taxi": ("ground", (245, 200, 30), "drive"),
    "bus": ("ground", (220, 120, 30), "drive"),
    "bicycle": ("ground", (40, 90, 200), "drive"),
    "train": ("ground", (70, 80, 100), "drive"),
    "boat": ("water", (235, 235, 225), "drift"),
    "ship": ("water", (60, 60, 70), "drift"),
    "whale": ("water", (60, 80, 110), "swim"),
    "fish": ("water", (250, 140, 40), "swim"),
    "balloon": ("air", (230, 60, 60), "float"),
    "bird": ("air", (40, 40, 45), "fly"),
    "butterfly": ("air", (250, 150, 40), "flutter"),
    "plane": ("air", (230, 230, 235), "fly"),
    "moon": ("sky", (235, 235, 220), "still"),
    "sun": ("sky", (255, 220, 120), "still"),
    "planet": ("sky", (200, 140, 90), "still"),
    "star": ("sky", (255, 250, 230), "twinkle"),
    "tree": ("ground", (40, 110, 50), "sway"),
    "flower": ("ground", (240, 90, 160), "sway"),
    "rose": ("ground", (200, 20, 40), "sway"),
    "person": ("ground", (60, 60, 90), "walk"),
    "dancer": ("ground", (180, 40, 120), "dance"),
    "cat": ("ground", (230, 140, 60), "walk"),
    "dog": ("ground", (150, 100, 60), "walk"),
    "horse": ("ground", (120, 75, 45), "walk"),
    "house": ("ground", (210, 190, 160), "still"),
    "cabin": ("ground", (130, 85, 50), "still"),
    "lighthouse": ("ground", (235, 235, 235), "still"),
    "castle": ("ground", (150, 150, 160), "still"),
    "skyscraper": ("ground", (90, 100, 120), "still"),
    "bridge": ("ground", (180, 70, 50), "still"),
    "peak": ("ground", (120, 120, 135), "still"),
    "fire": ("ground", (255, 130, 20), "flicker"),
    "candle": ("ground", (245, 235, 210), "flicker"),
    "fireworks": ("sky", (255, 90, 160), "twinkle"),
})

CAMERA_MOVES: tuple[str, ...] = (
    "static", "pan_left", "pan_right", "tilt_up", "tilt_down", "zoom_in", "zoom_out", "dolly_in", "dolly_out",
    "orbit", "shake",
)
#: Camera move -> the camera type the dynamic_blends registry files it under (a viewer's pan left or right is a pan).
REGISTRY_CAMERA_TYPES: dict[str, str] = {
    "static": "static", "pan_left": "pan", "pan_right": "pan", "tilt_up": "tilt", "tilt_down": "tilt",
    "zoom_in": "zoom", "zoom_out": "zoom_out", "dolly_in": "dolly", "dolly_out": "dolly", "orbit": "arc",
    "shake": "handheld",
}

MUSIC_GENRES: tuple[str, ...] = ("lofi", "ambient", "orchestral", "electronic", "jazz", "piano", "rock")

AMBIENT_BEDS: tuple[str, ...] = (
    "waves", "rain", "wind", "thunder", "city", "birdsong", "fire", "crowd", "underwater", "night",
)

#: The ambient beds a setting or weather brings when the prompt names no sound.
SETTING_BEDS = MappingProxyType({
    "ocean": ("waves",), "beach": ("waves", "wind"), "lake": ("birdsong",), "river": ("waves", "birdsong"),
    "hills": ("wind", "birdsong"), "mountains": ("wind",), "forest": ("birdsong", "wind"), "desert": ("wind",),
    "snow_field": ("wind",), "city": ("city",), "street": ("city",), "room": (), "underwater": ("underwater",),
    "space": (), "sky": ("wind",),
})
WEATHER_BEDS = MappingProxyType({"rain": ("rain",), "storm": ("rain", "thunder"), "snow": ("wind",),
                                 "fog": (), "clouds": (), "clear": ()})
