"""What words and phrases mean: the interpreter's lexicon, as data.

Each entry maps a phrase (one or more words, lower case) to readings ``(domain, value, variant)``; variant is one of
synonym | slang | dialect | typo | phrase | sense. Words with several senses (cool, light, blue, pitch, fire, dark,
deep, heavy, sharp, soft, sick, drip, ...) are resolved from their neighbours by ``interpretation.senses``.
Colour names come from the XKCD colour survey (via matplotlib) and CSS, plus object colours.
"""

from __future__ import annotations

from functools import lru_cache

from motion_assets.origins.vocabulary import LIGHTING_PRESETS

# --- colours -----------------------------------------------------------------------------------------------------

OBJECT_COLOURS = {
    "emerald": (0, 155, 119), "crimson": (220, 20, 60), "sunflower": (255, 200, 20), "sunflowers": (255, 200, 20),
    "snow": (250, 250, 255), "snowy": (245, 248, 255), "ocean": (0, 105, 148), "sea": (20, 110, 160),
    "desert": (210, 170, 110), "sand": (220, 195, 145), "forest": (34, 100, 34), "grass": (70, 160, 60),
    "candle": (255, 180, 90), "candlelight": (255, 180, 90), "fire": (255, 90, 20), "flames": (255, 100, 20),
    "flame": (255, 100, 20), "ice": (200, 235, 255), "icy": (200, 235, 255), "sky": (135, 206, 235),
    "sunset": (250, 110, 60), "blood": (138, 7, 7), "gold": (255, 200, 60), "golden": (255, 190, 60),
    "silver": (192, 192, 192), "amber": (255, 170, 40), "ruby": (180, 15, 50), "sapphire": (15, 82, 186),
    "jade": (0, 168, 107), "ivory": (255, 255, 240), "coal": (30, 30, 30), "charcoal": (54, 69, 79),
    "midnight": (25, 25, 70), "lava": (207, 16, 32), "rose": (255, 0, 127), "roses": (220, 30, 70),
    "lavender": (181, 126, 220), "mint": (152, 255, 152), "peach": (255, 203, 164), "coral": (255, 127, 80),
    "honey": (235, 170, 50), "cherry": (210, 30, 60), "lemon": (255, 244, 79), "lime": (150, 220, 40),
    "chocolate": (123, 63, 0), "coffee": (111, 78, 55), "rust": (183, 65, 14), "neon": (57, 255, 20),
    "cream": (255, 253, 208), "wine": (114, 47, 55), "bronze": (205, 127, 50), "copper": (184, 115, 51),
    "pearl": (234, 224, 200), "ink": (20, 20, 40), "moss": (138, 154, 91), "plum": (142, 69, 133),
    "turquoise": (64, 224, 208), "denim": (21, 96, 189), "cobalt": (0, 71, 171), "indigo": (75, 0, 130),
}
BASIC_COLOURS = {
    "red": (220, 30, 30), "green": (40, 170, 60), "blue": (40, 80, 220), "yellow": (250, 220, 40),
    "orange": (255, 140, 0), "purple": (128, 0, 128), "pink": (255, 150, 190), "brown": (140, 80, 40),
    "black": (10, 10, 10), "white": (245, 245, 245), "gray": (128, 128, 128), "teal": (0, 128, 128),
    "cyan": (0, 220, 220), "magenta": (230, 0, 200), "violet": (143, 0, 255), "navy": (0, 0, 128),
    "olive": (128, 128, 0), "maroon": (128, 0, 0), "beige": (225, 200, 160), "tan": (210, 180, 140),
}
#: The hue family each colour word belongs to, for exclusions ("no red" removes crimson and ruby too).
FAMILY_OF = {"crimson": "red", "ruby": "red", "blood": "red", "cherry": "red", "lava": "red", "maroon": "red",
             "wine": "red", "rose": "red", "roses": "red", "emerald": "green", "jade": "green", "mint": "green",
             "lime": "green", "grass": "green", "forest": "green", "moss": "green", "olive": "green",
             "sapphire": "blue", "cobalt": "blue", "denim": "blue", "navy": "blue", "sky": "blue", "ocean": "blue",
             "sea": "blue", "indigo": "blue", "turquoise": "blue", "teal": "blue", "cyan": "blue",
             "lavender": "purple", "plum": "purple", "violet": "purple", "magenta": "purple",
             "gold": "yellow", "golden": "yellow", "lemon": "yellow", "sunflower": "yellow",
             "sunflowers": "yellow", "honey": "yellow", "amber": "orange", "peach": "orange", "coral": "orange",
             "sunset": "orange", "rust": "orange", "copper": "orange", "bronze": "orange", "fire": "orange",
             "flames": "orange", "flame": "orange", "candle": "orange", "candlelight": "orange",
             "chocolate": "brown", "coffee": "brown", "desert": "brown", "sand": "brown", "tan": "brown",
             "beige": "brown", "coal": "black", "ink": "black", "midnight": "black", "charcoal": "gray",
             "silver": "gray", "snow": "white", "snowy": "white", "ivory": "white", "cream": "white",
             "pearl": "white", "ice": "white", "icy": "white", "pink": "pink", "neon": "neon"}
#: Colour modifiers: how each changes a colour (applied to the next colour word).
COLOUR_MODIFIERS = {"light": "pale", "pale": "pale", "pastel": "pastel", "soft": "pastel", "baby": "pale",
                    "deep": "deep", "dark": "deep", "rich": "deep", "neon": "neon", "electric": "neon",
                    "vivid": "vivid", "bright": "vivid", "hot": "vivid", "muted": "muted", "dusty": "muted",
                    "faded": "muted", "dull": "muted"}


def _hex(code: str) -> tuple[int, int, int]:
    return tuple(int(code[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


@lru_cache(maxsize=1)
def colour_names() -> dict[str, tuple[int, int, int]]:
    """Every colour phrase we know: XKCD survey names, CSS names, basic and object colours."""
    from matplotlib import colors

    names: dict[str, tuple[int, int, int]] = {}
    for name, code in colors.CSS4_COLORS.items():
        names[name] = _hex(code)
    for name, code in colors.XKCD_COLORS.items():
        plain = name.removeprefix("xkcd:").replace("/", " ").replace("'", "")
        # "cool blue" or "warm grey" read better as a temperature and a colour; "dark" alone is no colour.
        if plain.replace(" ", "").isalpha() and not plain.startswith(("cool ", "warm ")) and plain != "dark":
            names[plain] = _hex(code)
    names.update(BASIC_COLOURS)
    names.update(OBJECT_COLOURS)
    names["grey"] = BASIC_COLOURS["gray"]
    return names


def family(name: str) -> str:
    """The hue family of a colour phrase ("crimson" -> red, "sky blue" -> blue, "scarlet" -> red by its hue)."""
    last = name.split()[-1]
    if last in FAMILY_OF:
        return FAMILY_OF[last]
    if last in BASIC_COLOURS:
        return {"maroon": "red", "navy": "blue", "teal": "blue", "cyan": "blue", "magenta": "purple",
                "violet": "purple", "olive": "green", "beige": "brown", "tan": "brown"}.get(last, last)
    rgb = colour_names().get(name) or colour_names().get(last)
    return hue_family(rgb) if rgb else last


def hue_family(rgb: tuple[int, int, int]) -> str:
    """The basic colour family of an sRGB colour, from its hue, chroma and value."""
    r, g, b = (c / 255.0 for c in rgb)
    high, low = max(r, g, b), min(r, g, b)
    chroma = high - low
    if chroma < 0.12 or (high > 0 and chroma / high < 0.15):
        return "black" if high < 0.25 else "white" if high > 0.85 else "gray"
    if high == r:
        hue = (60 * (g - b) / chroma) % 360
    elif high == g:
        hue = 60 * (b - r) / chroma + 120
    else:
        hue = 60 * (r - g) / chroma + 240
    if hue >= 345 or hue < 15:
        if low > 0.55:
            return "pink"
        return "brown" if high < 0.45 else "red"
    if hue < 45:
        return "brown" if high < 0.6 else "orange"
    if hue < 70:
        return "brown" if high < 0.45 else "yellow"
    if hue < 165:
        return "green"
    if hue < 260:
        return "blue"
    if hue < 300:
        return "purple"
    if hue >= 325 and high < 0.5:
        return "red"  # burgundy, wine
    return "pink" if low > 0.35 or high > 0.85 else "purple"


# --- words of the other domains ------------------------------------------------------------------------------------

LEXICON: dict[str, list[tuple[str, object, str]]] = {}


def _add(domain: str, value, variant: str, *phrases: str) -> None:
    for phrase in phrases:
        LEXICON.setdefault(phrase, []).append((domain, value, variant))


# camera
_add("camera", "static", "synonym", "static", "static shot", "locked off", "tripod", "still camera",
     "fixed camera", "steady camera")
_add("camera", "pan", "synonym", "pan", "pans", "panning", "panned", "pan shot", "sweep", "sweeping")
_add("camera", "tilt", "synonym", "tilt", "tilts", "tilting", "tilt up", "tilt down")
_add("direction", "up", "synonym", "tilt up", "pedestal up")
_add("direction", "down", "synonym", "tilt down", "pedestal down")
_add("direction", "left", "synonym", "truck left")
_add("direction", "right", "synonym", "truck right")
_add("camera", "dolly", "synonym", "dolly", "dolly in", "dolly shot", "push in", "pushing in", "push",
     "dolly forward")
_add("camera", "crane", "synonym", "crane", "crane shot", "jib", "boom")
_add("camera", "zoom", "synonym", "zoom", "zoom in", "zooming", "zooming in", "zooms in", "zoomed in", "punch in")
_add("camera", "zoom_out", "phrase", "zoom out", "zooming out", "zooms out", "zoomed out", "pull back",
     "pulling back", "pull out")
_add("camera", "handheld", "synonym", "handheld", "hand held", "hand-held", "shaky", "shaky cam", "shakycam",
     "wobbly", "jittery")
_add("camera", "roll", "synonym", "roll", "rolling camera", "dutch roll", "barrel roll")
_add("camera", "truck", "synonym", "truck", "trucking", "truck left", "truck right", "lateral move")
_add("camera", "pedestal", "synonym", "pedestal", "pedestal up", "pedestal down")
_add("camera", "arc", "synonym", "arc", "arc shot", "orbit", "orbiting", "orbits", "circling", "circle around")
_add("camera", "tracking", "synonym", "tracking", "tracking shot", "follow shot", "following shot", "follows",
     "following")
_add("camera", "birds_eye", "phrase", "bird's eye", "birds eye", "bird's eye view", "birds eye view",
     "birds-eye", "overhead", "top down", "top-down", "aerial", "drone shot", "from above")
_add("camera", "whip_pan", "phrase", "whip pan", "whip-pan", "whip pans", "swish pan", "snap pan")
_add("camera", "rotate", "synonym", "rotate", "rotating", "spinning", "spin", "spins", "turning", "twirling")
# motion
_add("speed", "still", "synonym", "still", "motionless", "frozen", "stationary", "static scene")
_add("speed", "slow", "synonym", "slow", "slowly", "slow motion", "slo mo", "slo-mo", "slowmo", "gentle",
     "gently", "leisurely", "lazy", "lazily", "unhurried", "drifting", "drift", "creeping", "gliding",
     "glide", "glides")
_add("speed", "medium", "synonym", "steady pace", "moderate", "walking pace")
_add("speed", "fast", "synonym", "fast", "quick", "quickly", "rapid", "rapidly", "speedy", "racing", "rushing",
     "zooming by", "time lapse", "timelapse", "time-lapse", "hyperlapse", "frantic", "swift", "swiftly")
_add("direction", "left", "synonym", "left", "leftward", "leftwards", "to the left")
_add("direction", "right", "synonym", "right", "rightward", "rightwards", "to the right")
_add("direction", "up", "synonym", "up", "upward", "upwards", "rising", "ascending", "climbing")
_add("direction", "down", "synonym", "down", "downward", "downwards", "falling", "descending", "sinking")
_add("direction", "in", "synonym", "approaching", "towards the camera", "toward the camera", "closer")
_add("direction", "out", "synonym", "receding", "away", "moving away", "fading away")
_add("rhythm", "pulsing", "synonym", "pulsing", "pulse", "pulses", "throbbing", "stop and go", "stop-go",
     "stuttering", "beat", "beats")
_add("rhythm", "wave", "synonym", "waves", "wave", "waving", "swaying", "sway", "undulating", "bobbing",
     "rocking", "floating")
_add("rhythm", "random", "synonym", "random", "erratic", "chaotic", "jerky", "unpredictable", "flickering")
_add("rhythm", "steady", "synonym", "steady", "smooth", "smoothly", "constant", "even")
# look
_add("brightness", "dark", "synonym", "dark", "darkness", "pitch black", "pitch dark", "pitch-black", "night time",
     "unlit", "gloomy", "shadowy", "shadows", "blackout", "murky")
_add("brightness", "dim", "synonym", "dim", "dimly", "dimly lit", "low light", "low-light", "dusky", "muted light",
     "candlelit", "faint")
_add("brightness", "bright", "synonym", "bright", "brighter", "sunny", "sunlit", "luminous", "radiant",
     "well lit", "well-lit", "glowing", "dazzling", "brilliant", "daylight", "high key", "high-key")
_add("temperature", "warm", "synonym", "warm", "warmer", "hot", "toasty", "sunbaked", "cozy", "cosy")
_add("temperature", "cool", "synonym", "cold", "chilly", "icy", "frosty", "freezing", "wintry", "cooler", "frozen")
_add("saturation", "vivid", "synonym", "vivid", "vibrant", "saturated", "colorful", "colourful", "punchy",
     "psychedelic", "rainbow", "technicolor", "technicolour", "bold colors", "bold colours")
_add("saturation", "muted", "synonym", "muted", "desaturated", "washed out", "washed-out", "faded", "pastel",
     "pastels", "monochrome", "black and white", "black-and-white", "greyscale", "grayscale", "subdued", "dull",
     "bleak", "drab")
# lighting, transition, gradient
for _preset in LIGHTING_PRESETS:
    _add("lighting", _preset, "synonym", _preset.replace("_", " "))
_add("lighting", "golden_hour", "phrase", "golden hour", "magic hour")
_add("lighting", "noir", "synonym", "film noir", "noir", "chiaroscuro", "hard shadows")
_add("lighting", "neon", "synonym", "neon lights", "neon lit", "neon-lit", "neon glow")
_add("lighting", "documentary", "synonym", "documentary", "natural light", "natural lighting", "realistic lighting")
_add("lighting", "moody", "synonym", "moody lighting", "low key", "low-key")
_add("transition", "cut", "synonym", "cut", "cuts", "hard cut", "jump cut", "jump cuts", "smash cut")
_add("transition", "fade", "synonym", "fade", "fades", "fade out", "fade in", "fade to black", "fading")
_add("transition", "dissolve", "synonym", "dissolve", "dissolves", "cross dissolve", "crossfade", "cross fade",
     "melting into")
_add("transition", "wipe", "synonym", "wipe", "wipes", "swipe")
_add("gradient", "vertical", "synonym", "vertical gradient", "top to bottom")
_add("gradient", "horizontal", "synonym", "horizontal gradient", "left to right", "side to side")
_add("gradient", "radial", "synonym", "radial", "radial gradient", "vignette", "spotlight", "halo")
_add("gradient", "angled", "synonym", "angled", "diagonal", "diagonal gradient", "slanted")
# sound
_add("noise", "rumble", "synonym", "rumble", "rumbling", "thunder", "thunderous", "earthquake", "engine", "traffic",
     "distant thunder")
_add("noise", "hum", "synonym", "hum", "humming", "buzz", "buzzing", "drone", "fridge", "neon hum", "electric hum")
_add("noise", "tone", "synonym", "tone", "beep", "sine", "whistle", "whistling", "chime", "chimes", "bell",
     "bells", "ringing", "hoot", "hoots", "hooting", "owl", "singing", "melody")
_add("noise", "hiss", "synonym", "hiss", "hissing", "static noise", "white noise", "rain", "rainfall",
     "drizzle", "shower", "sizzle", "sizzling", "steam", "surf")
_add("noise", "rustle", "synonym", "rustle", "rustling", "leaves", "crackle", "crackling", "paper", "footsteps",
     "crunch", "crunching", "scratching")
_add("noise", "thump", "synonym", "thump", "thumping", "thud", "knock", "knocking", "boom", "booming", "bass",
     "kick drum", "heartbeat", "stomp", "stomping")
_add("noise", "click", "synonym", "click", "clicks", "clicking", "tick", "ticking", "clock", "typing",
     "tapping", "clatter")
_add("noise", "whoosh", "synonym", "whoosh", "whooshing", "swoosh", "wind", "windy", "gust", "gusts", "breeze",
     "whirl", "rush of air")
_add("noise", "drip", "synonym", "drip", "drips", "dripping", "droplets", "trickle", "trickling", "leak",
     "leaking", "faucet", "tap")
_add("presence", "silence", "synonym", "silence", "silent", "quiet", "no sound", "mute", "muted sound",
     "soundless", "hushed")
_add("presence", "music", "synonym", "music", "song", "songs", "soundtrack", "score", "tune", "tunes",
     "melodic", "orchestra", "orchestral", "piano", "guitar", "synth", "synths", "jazz", "disco", "techno", "beats")
_add("presence", "ambient", "synonym", "ambient", "ambience", "ambiance", "atmosphere", "soundscape",
     "background noise", "room tone")
_add("presence", "sfx", "synonym", "sound effects", "sfx", "foley")
_add("presence", "full", "synonym", "full soundtrack", "full sound", "everything loud", "wall of sound")
_add("pitch", "low", "synonym", "low pitch", "low-pitched", "low pitched", "deep bass", "deep voice", "bassy",
     "sub bass", "subwoofer", "rumbly", "low end", "low frequency")
_add("pitch", "high", "synonym", "high pitch", "high-pitched", "high pitched", "shrill", "squeaky", "piercing",
     "tinny", "treble", "high frequency")
_add("pitch", "mid", "synonym", "mid range", "midrange", "mid-range")
# narrative
_add("mood", "calm", "synonym", "calm", "calming", "peaceful", "serene", "tranquil", "relaxing", "relaxed",
     "soothing", "zen", "placid", "quiet mood")
_add("mood", "calm", "slang", "chill", "chilled", "chillin", "chilling", "comfy", "cozy", "cosy", "vibey")
_add("mood", "tense", "synonym", "tense", "suspense", "suspenseful", "nervous", "anxious", "thriller",
     "edgy", "uneasy", "gripping")
_add("mood", "uplifting", "synonym", "uplifting", "inspiring", "inspirational", "joyful", "cheerful",
     "happy", "feel good", "feel-good", "sunny mood", "wholesome")
_add("mood", "dark", "synonym", "grim", "sinister", "bleak mood", "menacing", "ominous", "dread")
_add("mood", "dreamy", "synonym", "dreamy", "dreamlike", "dream", "surreal", "ethereal", "hazy", "floaty",
     "otherworldly")
_add("mood", "energetic", "synonym", "energetic", "energy", "lively", "dynamic", "upbeat", "pumped",
     "explosive", "intense")
_add("mood", "energetic", "slang", "hype", "hyped", "lit", "turnt", "banger", "bangers")
_add("mood", "moody", "synonym", "moody", "brooding", "atmospheric", "sultry")
_add("mood", "melancholic", "synonym", "melancholic", "melancholy", "sad", "sadness", "sorrowful", "somber",
     "sombre", "wistful", "mournful", "lonely", "nostalgic", "heartbroken", "gloomy mood", "blue mood",
     "feeling blue", "feel blue", "feels blue", "down bad")
_add("mood", "eerie", "synonym", "eerie", "creepy", "haunting", "haunted", "unsettling", "uncanny", "ghostly")
_add("mood", "eerie", "slang", "spooky", "spoopy", "creepy af")
_add("mood", "romantic", "synonym", "romantic", "romance", "love", "lovers", "tender", "intimate", "date night")
_add("mood", "playful", "synonym", "playful", "fun", "funny", "silly", "whimsical", "quirky", "goofy",
     "cheeky", "bouncy")
_add("mood", "epic", "synonym", "epic", "grand", "majestic", "heroic", "monumental", "cinematic scale")
_add("mood", "mysterious", "synonym", "mysterious", "mystery", "enigmatic", "cryptic", "secretive", "mystical")
_add("mood", "hopeful", "synonym", "hopeful", "hope", "optimistic", "promising", "new beginnings", "sunrise hope")
_add("genre", "comedy", "synonym", "comedy", "comedic", "sitcom", "slapstick", "dark comedy", "black comedy",
     "rom com", "romcom")
_add("genre", "horror", "synonym", "horror", "slasher", "scary movie", "jump scare", "frightening", "terrifying")
_add("genre", "drama", "synonym", "drama", "dramatic", "melodrama")
_add("genre", "sci_fi", "synonym", "sci fi", "sci-fi", "scifi", "science fiction", "cyberpunk", "futuristic",
     "space opera")
_add("genre", "fantasy", "synonym", "fantasy", "magical", "magic", "fairy tale", "fairytale", "dragons", "wizard")
_add("genre", "music_video", "synonym", "music video", "mv")
_add("genre", "documentary", "synonym", "documentary film", "doc", "nature documentary")
_add("scene_type", "action", "synonym", "action", "action movie", "chase", "car chase", "explosions", "fight",
     "fights")
_add("mood", "energetic", "synonym", "action movie", "car chase", "explosions")
_add("genre", "thriller", "synonym", "thriller film", "crime thriller", "heist")
_add("genre", "drama", "synonym", "romance film", "love story", "period drama", "western", "cowboy", "cowboys",
     "wild west")
_add("mood", "romantic", "synonym", "romance film", "love story")
_add("setting", "nature", "synonym", "wild west")
_add("genre", "thriller", "synonym", "noir film", "detective story", "whodunit", "crime drama")
_add("lighting", "noir", "synonym", "noir film", "detective story")
_add("style", "abstract", "synonym", "experimental film", "experimental")
_add("style", "cinematic", "synonym", "cinematic", "filmic", "movie-like", "widescreen", "anamorphic")
_add("style", "abstract", "synonym", "abstract", "geometric", "shapes", "patterns")
_add("style", "minimal", "synonym", "minimal", "minimalist", "minimalistic", "clean", "simple", "sparse")
_add("style", "realistic", "synonym", "realistic", "photoreal", "photorealistic", "lifelike", "real life")
_add("style", "anime", "synonym", "anime", "manga", "ghibli")
_add("style", "cartoon", "synonym", "cartoon", "cartoony", "animated", "toon", "pixar")
_add("style", "cinematic", "slang", "aesthetic", "aesthetics")
_add("setting", "urban", "synonym", "city", "cities", "street", "streets", "urban", "downtown", "alley",
     "alleyway", "rooftop", "skyline", "subway", "metro", "neon city", "traffic jam")
_add("setting", "nature", "synonym", "nature", "forest", "woods", "jungle", "mountain", "mountains", "lake",
     "lakes", "river", "field", "fields", "meadow", "desert", "beach", "ocean", "sea", "coast", "valley",
     "countryside", "garden", "waterfall", "canyon", "island")
_add("setting", "interior", "synonym", "interior", "indoors", "indoor", "room", "kitchen", "bedroom",
     "living room", "office", "house", "home", "cafe", "café", "bar", "club", "library", "hallway", "attic",
     "basement", "apartment")
_add("setting", "exterior", "synonym", "exterior", "outdoors", "outdoor", "outside", "open air", "backyard",
     "parking lot", "stadium")
_add("setting", "studio", "synonym", "studio", "soundstage", "set", "backdrop", "white cyc")
_add("setting", "abstract", "synonym", "void", "nowhere", "abstract space", "infinite space")
_add("setting", "space", "synonym", "space", "outer space", "deep space", "galaxy", "stars", "starfield",
     "nebula", "cosmos", "planet", "moon")
_add("setting", "underwater", "synonym", "underwater", "under water", "undersea", "under the sea", "coral reef",
     "reef", "seabed", "ocean floor", "deep sea", "aquarium")
_add("scene_type", "establishing", "synonym", "establishing", "establishing shot", "opening shot")
_add("scene_type", "closeup", "phrase", "close up", "close-up", "closeup", "macro", "extreme close up", "detail shot")
_add("scene_type", "wide", "synonym", "wide", "wide shot", "wide angle", "wide-angle", "panorama",
     "panoramic", "landscape shot", "vista")
_add("scene_type", "medium", "synonym", "medium shot", "mid shot", "waist up")
_add("scene_type", "dialogue", "synonym", "dialogue", "dialog", "conversation", "talking", "interview")
_add("scene_type", "action", "synonym", "action scene", "action sequence", "fight scene", "stunt")
_add("scene_type", "montage", "synonym", "montage", "sequence of shots", "recap", "highlights")
_add("scene_type", "b-roll", "synonym", "b-roll", "b roll", "broll", "cutaway", "cutaways", "filler footage")
_add("genre", "documentary", "synonym", "wildlife", "ecology", "nature documentary")
_add("setting", "nature", "synonym", "wildlife")
_add("setting", "urban", "synonym", "city life", "nightlife")
_add("time_of_day", "night", "synonym", "nightlife")
_add("theme", "loss", "synonym", "heartbreak", "breakup", "break up")
_add("mood", "melancholic", "synonym", "heartbreak", "breakup")
_add("theme", "connection", "synonym", "first love", "romance theme", "reunion", "family")
_add("mood", "romantic", "synonym", "first love")
_add("theme", "journey", "synonym", "journey", "road trip", "voyage", "adventure", "travel", "travelling",
     "traveling")
_add("mood", "melancholic", "synonym", "nostalgia", "memories")
_add("era", "retro", "synonym", "retro", "vintage", "throwback", "old school", "old-school")
_add("saturation", "muted", "synonym", "vintage", "sepia", "film grain")
_add("genre", "sci_fi", "synonym", "technology", "robots", "robot", "computers", "machines", "androids", "aliens",
     "alien", "spaceship", "spaceships", "ufo")
_add("theme", "conflict", "synonym", "war", "battle", "conflict", "rivalry")
_add("theme", "identity", "synonym", "identity", "self discovery", "coming of age")
_add("time_of_day", "dawn", "synonym", "dawn", "daybreak", "first light", "crack of dawn")
_add("time_of_day", "sunrise", "synonym", "sunrise", "sun rise", "sunup")
_add("time_of_day", "sunrise", "phrase", "early morning", "early in the morning", "first thing in the morning")
_add("time_of_day", "morning", "synonym", "morning", "mornings", "breakfast time", "am")
_add("time_of_day", "noon", "synonym", "noon", "midday", "high noon", "lunchtime")
_add("time_of_day", "afternoon", "synonym", "afternoon", "afternoons", "late afternoon")
_add("time_of_day", "golden_hour", "phrase", "golden hour", "magic hour")
_add("time_of_day", "sunset", "synonym", "sunset", "sundown", "sun set")
_add("time_of_day", "evening", "synonym", "evening", "evenings", "twilight")
_add("time_of_day", "dusk", "synonym", "dusk", "nightfall", "gloaming", "blue hour")
_add("time_of_day", "night", "synonym", "night", "nights", "nighttime", "night time", "tonight", "at night",
     "starry night", "moonlit")
_add("time_of_day", "midnight", "synonym", "midnight", "witching hour", "3am", "late night")
_add("weather", "clear", "synonym", "clear sky", "clear skies", "cloudless", "sunny day")
_add("weather", "cloudy", "synonym", "cloudy", "clouds", "cloud", "partly cloudy")
_add("weather", "overcast", "synonym", "overcast", "grey sky", "gray sky", "grey skies", "gray skies")
_add("weather", "fog", "synonym", "fog", "foggy", "mist", "misty", "haze", "smog")
_add("weather", "rain", "synonym", "rain", "rainy", "raining", "rainfall", "drizzle", "drizzly", "shower",
     "showers", "downpour", "heavy rain", "light rain")
_add("weather", "storm", "synonym", "storm", "stormy", "thunderstorm", "lightning", "hurricane", "tempest",
     "thunder")
_add("weather", "snow", "synonym", "snow", "snowy", "snowing", "snowfall", "blizzard", "snowstorm", "flurries")
_add("weather", "wind", "synonym", "wind", "windy", "breeze", "breezy", "gusty", "gale")
# intensity
_add("intensify", 0.2, "synonym", "very", "super", "really", "extremely", "so", "incredibly", "ultra", "totally",
     "intensely", "insanely", "mega", "hella", "crazy", "wildly", "deeply", "highly", "too", "way", "full on")
_add("intensify", 0.2, "slang", "extra", "af", "mad", "hecka", "lowkey not", "no cap")
_add("diminish", -0.2, "synonym", "slightly", "barely", "a bit", "a little", "somewhat", "kind of", "kinda",
     "sort of", "sorta", "mildly", "gently", "faintly", "hardly", "subtle", "subtly", "soft", "softly")
_add("diminish", -0.2, "slang", "lowkey", "low key", "lil", "smol")
_add("approval", "positive", "slang", "slaps", "slap", "bussin", "goated", "fire", "lit", "dope", "sick",
     "banger", "vibes", "vibe", "hits different", "elite", "fresh", "based", "iconic", "a vibe", "bop", "w")
_add("approval", "negative", "slang", "mid", "cringe", "trash", "meh", "basic", "l", "wack", "whack")
_add("noise", "hiss", "synonym", "light rain", "heavy rain", "pouring rain")
_add("intensify", 0.2, "sense", "heavy rain", "pouring rain", "deep bass", "pitch black", "pitch dark")
_add("diminish", -0.2, "sense", "light rain")
_add("presence", "music", "synonym", "concert", "gig", "festival", "dj", "dj set", "rave", "karaoke", "band")
_add("setting", "interior", "synonym", "fireplace", "mall", "museum", "church", "warehouse", "factory", "garage",
     "diner", "restaurant", "hotel", "lobby", "classroom", "gym", "dance floor", "disco floor")
_add("temperature", "warm", "synonym", "fireplace", "campfire", "bonfire")
_add("setting", "nature", "synonym", "cliff", "cliffs", "volcano", "glacier", "prairie", "swamp")
_add("setting", "urban", "synonym", "neighborhood", "suburb", "suburbs", "market", "highway", "freeway")
_add("mood", "neutral", "synonym", "neutral mood", "matter of fact", "no particular mood")
_add("genre", "general", "synonym", "general interest", "general audience")
_add("genre", "ad", "synonym", "ad", "advert", "advertisement", "commercial", "promo")
_add("genre", "tutorial", "synonym", "tutorial", "how to", "walkthrough", "step by step")
_add("genre", "educational", "synonym", "educational", "lesson", "classroom video")
_add("genre", "explainer", "synonym", "explainer", "explainer video")
_add("genre", "thriller", "synonym", "thriller")
_add("theme", "general", "synonym", "everyday story", "slice of life")
_add("theme", "transformation", "synonym", "transformation", "metamorphosis", "change", "rebirth")
_add("theme", "connection", "synonym", "connection", "togetherness", "friendship", "belonging")
_add("theme", "loss", "synonym", "loss", "grief", "mourning", "farewell")
_add("theme", "hope", "synonym", "story of hope", "tale of hope", "theme of hope")
_add("plot", "standard", "synonym", "standard arc", "classic arc", "three act")
_add("setting", "general", "synonym", "anywhere", "any place", "somewhere")
_add("scene_type", "action", "synonym", "action shot")
_add("speed", "slow", "phrase", "barely moving", "hardly moving", "barely moves")
_add("diminish", -0.2, "phrase", "barely moving", "hardly moving", "barely moves")
_add("speed", "still", "phrase", "not moving", "doesn't move", "no movement", "no motion")
_add("genre", "documentary", "synonym", "documentary", "docuseries")
_add("genre", "comedy", "synonym", "sitcom", "standup", "stand up comedy")
_add("plot", "slow_build", "synonym", "slow burn", "slow build", "builds up", "building up", "gradually",
     "crescendo")
_add("plot", "immediate", "synonym", "instantly", "straight away", "right away", "in medias res", "suddenly")
_add("plot", "flat", "synonym", "uneventful", "nothing happens", "loop", "looping")
# informal register, aesthetics and music words (each with the domain it affects)
_add("mood", "calm", "slang", "lofi", "lo fi", "lo-fi", "vibing", "vibin", "chillwave", "cottagecore", "hygge",
     "unwind", "unwinding")
_add("presence", "music", "slang", "lofi", "lo fi", "lo-fi", "chillwave", "synthwave", "vaporwave", "bops")
_add("presence", "music", "synonym", "rock", "rock music", "heavy metal", "metal music", "hip hop", "hip-hop", "rap",
     "edm", "house music", "dubstep", "drum and bass", "dnb", "jam", "slow jam", "playlist", "radio", "vinyl",
     "drums", "violin", "cello", "saxophone", "sax", "trumpet", "choir", "lullaby", "anthem", "ballad", "opera")
_add("mood", "energetic", "synonym", "heavy metal", "hip hop", "hip-hop", "edm", "dubstep", "drum and bass",
     "anthem", "rave")
_add("mood", "calm", "synonym", "lullaby", "slow jam", "ballad")
_add("mood", "uplifting", "slang", "good vibes", "happy vibes", "good vibes only", "wholesome af", "glow up",
     "main character", "main character energy", "living my best life")
_add("mood", "tense", "slang", "bad vibes", "sus", "sketchy", "unhinged")
_add("mood", "energetic", "slang", "feral", "chaotic energy", "unhinged energy", "turnt up", "going hard",
     "goes hard", "popping", "poppin", "litty")
_add("mood", "dreamy", "slang", "trippy", "vaporwave", "dreamcore", "floaty vibes")
_add("saturation", "vivid", "slang", "trippy")
_add("mood", "eerie", "slang", "liminal", "liminal space", "cursed", "creepypasta", "backrooms")
_add("mood", "dark", "slang", "gritty", "grungy", "grunge", "edgelord")
_add("style", "realistic", "synonym", "gritty", "raw", "documentary style")
_add("lighting", "neon", "slang", "synthwave", "vaporwave", "cyberpunk", "outrun")
_add("era", "1980s", "slang", "synthwave", "outrun")
_add("era", "1990s", "slang", "vaporwave", "grunge")
_add("era", "2000s", "slang", "y2k")
_add("saturation", "muted", "slang", "cottagecore", "dark academia", "beige aesthetic")
_add("setting", "nature", "slang", "cottagecore")
_add("mood", "moody", "slang", "dark academia", "in my feels", "in my feelings")
_add("mood", "melancholic", "slang", "sad girl", "sad boi", "sadboi", "crying in the club", "down bad")
_add("mood", "playful", "slang", "silly goofy", "goofy ahh", "zany", "wacky", "derpy", "cute", "kawaii")
_add("mood", "romantic", "slang", "lovey dovey", "date night", "bae", "boo")
_add("mood", "epic", "slang", "legendary", "larger than life", "go big", "huge energy")
_add("approval", "positive", "slang", "slay", "slayed", "slaying", "no notes", "chef's kiss", "fye",
     "a blast", "awesome", "amazing", "epic win", "crisp", "clean af", "fresh af", "good", "great",
     "nice", "beautiful", "gorgeous", "stunning", "lovely")
_add("approval", "negative", "slang", "ick", "corny", "cheesy", "lame", "boring", "mid af")
_add("brightness", "dark", "phrase", "lights out", "lights off", "blacked out", "in the dark")
_add("brightness", "dim", "phrase", "lights down", "lights down low", "lights low", "half lit", "low lit")
_add("brightness", "bright", "phrase", "lights on", "lights up", "broad daylight", "full sun", "blinding")
_add("camera", "static", "phrase", "no camera movement", "no camera motion", "camera doesn't move",
     "camera does not move", "camera stays still", "locked camera", "locked down", "on a tripod")
_add("negate", "not", "phrase", "anything but", "far from", "neither", "no more", "none of", "free of",
     "instead of", "rather than", "lack of", "lacking")
_add("theme", "hope", "synonym", "silver lining", "light at the end of the tunnel")
_add("time_of_day", "night", "synonym", "starry", "starry sky", "stars above", "under the stars", "moonlight",
     "moon light", "full moon")
_add("setting", "space", "synonym", "astronaut", "orbit around earth", "milky way", "asteroid", "asteroids")
_add("setting", "urban", "synonym", "town", "village", "plaza", "parking garage", "arcade")
_add("setting", "interior", "synonym", "cabin", "stairwell", "corridor", "tunnel", "cellar", "dungeon",
     "bathroom", "stage", "studio apartment", "nook", "reading nook", "hospital", "theater", "cinema")
_add("setting", "nature", "synonym", "park", "hills", "hill", "pond", "lagoon", "shore", "cliffside", "tundra",
     "savanna", "cave", "caves", "orchard", "vineyard", "rainforest", "woodland", "dunes", "harbor", "pier",
     "marsh", "bay")
_add("setting", "exterior", "synonym", "football pitch", "soccer field", "playground", "rooftop terrace", "patio",
     "porch", "courtyard")
_add("speed", "fast", "synonym", "faster", "fastest", "hurried", "hurry", "speeding", "zippy", "blur",
     "whizzing", "darting", "dashing", "sprinting", "frenetic")
_add("speed", "slow", "synonym", "slower", "slowest", "crawling", "sluggish", "languid", "meandering",
     "wandering", "strolling", "ambling", "slowed", "slowed down", "slow jam")
_add("speed", "still", "synonym", "stillness", "frozen in time", "freeze frame", "freeze-frame", "hold still",
     "not a single movement", "standstill")
_add("rhythm", "pulsing", "synonym", "strobe", "strobing", "flashing", "blinking", "heartbeat", "throb")
_add("rhythm", "wave", "synonym", "rippling", "ripples", "ripple", "undulate", "flowing", "flow", "swirling")
_add("noise", "tone", "synonym", "birdsong", "birds singing", "chirping", "chirp", "chirps", "tweeting", "hoot",
     "gulls", "seagulls", "whale song", "humming bird")
_add("noise", "rustle", "synonym", "crowd noise", "murmur", "murmurs",
     "whispers", "whispering", "chatter")
_add("noise", "whoosh", "synonym", "waves crashing", "crashing waves", "surf", "swish")
_add("rhythm", "wave", "synonym", "waves crashing", "crashing waves")
_add("noise", "thump", "synonym", "drumbeat", "drum", "drums", "drumming", "stomping", "pounding",
     "bass drop", "the drop")
_add("noise", "rumble", "synonym", "growl", "growling", "roar", "roaring", "engine roar", "earthquake rumble")
_add("noise", "click", "synonym", "keyboard", "clacking", "footstep clicks", "camera shutter", "shutter")
_add("pitch", "low", "synonym", "low rumble", "low hum", "low drone", "deep rumble", "deep hum")
_add("pitch", "high", "synonym", "high whine", "squeal", "squealing", "screech", "screeching", "whine")
_add("weather", "storm", "synonym", "thunderstorms", "rainstorm", "lightning storm", "monsoon")
_add("weather", "clear", "synonym", "blue sky", "blue skies", "sunny", "sunshine")
_add("weather", "fog", "synonym", "fogbank", "hazy morning", "mists")
_add("weather", "rain", "synonym", "drizzling", "pouring", "rainy day", "raindrops", "puddles", "wet streets")
_add("setting", "urban", "synonym", "wet streets")
_add("transition", "cut", "synonym", "quick cuts", "fast cuts", "rapid cuts", "jumpcut", "cutting")
_add("speed", "fast", "synonym", "quick cuts", "fast cuts", "rapid cuts")
_add("colour", "blue", "synonym", "blue sky", "blue skies")
_add("transition", "fade", "synonym", "fade away", "fades out", "fades in", "faded out")
_add("temperature", "warm", "synonym", "warmth", "balmy", "sweltering", "scorching", "heatwave", "summery",
     "sun-kissed", "sunkissed", "tropical")
_add("temperature", "cool", "synonym", "wintery", "arctic", "polar", "glacial", "nippy", "crisp air", "cold blue")
_add("saturation", "vivid", "synonym", "saturated colours", "poppy", "eye-popping", "candy coloured",
     "candy colored", "rich colours", "rich colors", "lush")
_add("saturation", "muted", "synonym", "earthy", "earth tones", "neutral tones", "low saturation", "sepia tones",
     "bleached", "ashen", "colourless", "colorless")
_add("intensify", 0.4, "synonym", "really really", "super duper", "very very", "so so")
_add("intensify", 0.2, "synonym", "absolutely", "utterly", "massively",
     "seriously", "properly", "majorly", "strongly")
_add("diminish", -0.2, "synonym", "a touch", "a tad", "a hint of", "hint of", "touch of", "not very",
     "a little bit", "just a bit", "a smidge", "moderately", "fairly", "relatively", "quietly")
_add("mood", "tense", "synonym", "nerve-wracking", "nail biting", "nail-biting", "on edge", "claustrophobic",
     "panic", "dread-filled", "intense suspense")
_add("mood", "mysterious", "synonym", "shadowy figure", "secret", "secrets", "hidden", "unknown")
_add("mood", "hopeful", "synonym", "new day", "fresh start", "brighter days", "dawn of hope")
_add("mood", "epic", "synonym", "sweeping", "vast", "colossal", "titanic", "mythic", "legendary battle")
_add("mood", "dreamy", "synonym", "daydream", "daydreaming", "reverie", "soft focus", "hazy glow", "whimsy")
_add("mood", "melancholic", "synonym", "rainy sunday", "tearful", "tears", "crying", "forlorn", "bittersweet")
_add("mood", "uplifting", "synonym", "triumphant", "celebration", "celebrating", "joy", "bliss", "blissful",
     "sunny disposition", "feel good vibes")
_add("mood", "playful", "synonym", "bubbly", "giggling", "laughing", "laughter", "party", "carnival")
_add("mood", "romantic", "synonym", "candlelit dinner", "kiss", "kissing", "wedding", "valentine", "honeymoon")
_add("mood", "energetic", "synonym", "adrenaline", "frenzy", "electrifying", "high energy", "high-energy")
_add("scene_type", "closeup", "phrase", "close shot", "tight shot", "close in", "up close")
_add("scene_type", "wide", "phrase", "long shot", "extreme wide shot", "wide view")
_add("scene_type", "establishing", "phrase", "opening scene", "intro shot")
_add("genre", "horror", "synonym", "zombie", "zombies", "ghost story", "haunted house", "monster")
_add("genre", "fantasy", "synonym", "elves", "unicorn", "unicorns", "enchanted", "castle in the clouds")
_add("genre", "comedy", "synonym", "sketch comedy", "parody", "spoof", "prank")
_add("genre", "ad", "synonym", "product shot", "product video", "ad spot", "unboxing")
_add("genre", "music_video", "synonym", "lyric video", "performance video")
_add("intensify", 0.2, "synonym", "total", "complete", "utter", "pure", "sheer")
_add("approval", "positive", "slang", "a whole vibe", "whole vibe", "it's giving", "slays", "left no crumbs")
_add("setting", "nature", "synonym", "low tide", "high tide", "tide", "cherry blossom", "cherry blossoms",
     "blossom", "blossoms", "koi pond", "ridge", "mountain ridge", "lighthouse", "wheat field", "lavender field",
     "frozen waterfall")
_add("setting", "urban", "synonym", "bus stop", "subway platform", "platform", "train station", "night market",
     "skate park", "skatepark", "carousel", "fairground", "funfair")
_add("setting", "interior", "synonym", "booth", "diner booth", "greenhouse", "glass greenhouse", "reading nook")
# negators and fillers
NEGATORS = frozenset({"no", "not", "without", "avoid", "don't", "dont", "never", "nothing", "none", "nor",
                      "isn't", "aren't", "wasn't", "shouldn't", "mustn't", "minus", "except", "skip", "lose",
                      "stop", "zero", "less", "w/o", "nah", "doesn't", "doesnt", "didn't", "didnt", "won't", "wont",
                      "can't", "cant", "cannot", "isnt", "arent", "wasnt", "weren't", "werent", "shouldnt",
                      "mustnt", "hasn't", "haven't", "shan't", "wouldn't", "wouldnt"})
SCOPE_BREAKERS = frozenset({",", ".", ";", "!", "?", "but", "though", "however", "yet", "instead", "rather"})
FILLERS = frozenset("""character energy giving empty half honestly literally ngl tbh fr lol lmao omg pls plz okay
ok yeah yes idk imo btw just only
lighting camera cameras movement movements colors colored colours center theater moment moments full kinda
a an the of on in at and or with over under to into onto from by for is was are were be been
being it its it's this that these those my your our their his her me us them i you we they he she some any all
as like than then just very also please make show give create render film shoot want need let lets let's get
scene shot video clip footage frame frames image picture look looks looking looked feel feels feeling felt
vibe mood style kind type sort one ones thing things something stuff where when while during through across
along around about above below behind between near next beside inside outside up there here what who how
which do does did done doing going goes go went come comes came have has had having can could would should
will shall may might must bit much more most many few lots lot little big small huge tiny large long short
tall wide new old young first last next other another same each every both either neither own such only
even still already yet again ever always often sometimes usually once twice time times day days way ways
people person man woman men women kid kids child children guy girl boy friend friends someone everyone
dancer dancers walking walk walks running run runs standing stand sitting sit moving move moves dancing dance
flying fly flies swimming swim driving drive car cars train trains boat boats bird birds dog dogs cat cats
tree trees flower flowers house window windows door road roads path paths bridge wall walls floor sky water
light lights sun moon star clouds cloud rain snow fire ice lamp lamps sign signs record vinyl candle candles
use using used color colors palette tones tone hues hue shade shades tint vibes across against toward towards
behind beyond within without onto off out over floor floors ground table chair chairs bed glass mirror
""".split())
#: Eras: decades read as times, never as durations.
ERA_WORDS = {"twenties": "1920s", "thirties": "1930s", "forties": "1940s", "fifties": "1950s", "sixties": "1960s",
             "seventies": "1970s", "eighties": "1980s", "nineties": "1990s", "noughties": "2000s"}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "sixty": 60, "ninety": 90,
                "a": 1, "an": 1, "half": 0.5, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "fifty": 50, "seventy": 70,
                "eighty": 80, "couple": 2, "few": 3, "several": 4}
DIALECT = {"colour": "color", "colours": "colors", "coloured": "colored", "grey": "gray", "greys": "grays",
           "centre": "center", "theatre": "theater", "favourite": "favorite", "neighbourhood": "neighborhood",
           "harbour": "harbor", "cosy": "cozy", "metre": "meter", "aeroplane": "airplane", "mum": "mom"}

# --- compositional phrases (a phrase whose words alone would be read otherwise) ---------------------------------
_add("presence", "music", "phrase", "cool jazz", "smooth jazz", "cool jazz music")
_add("mood", "calm", "phrase", "cool jazz", "smooth jazz")
_add("noise", "hum", "phrase", "low hum", "deep hum", "low drone", "low humming", "quiet hum")
_add("noise", "rumble", "phrase", "low rumble", "deep rumble", "distant rumble")
_add("noise", "tone", "phrase", "high whine")
_add("camera", "birds_eye", "phrase", "drone flyover", "drone fly over", "drone flythrough", "flyover", "fly over",
     "flythrough", "fly through", "drone footage", "fpv drone", "drone pass")
_add("camera", "dolly", "phrase", "dolly out", "dolly back", "dolly backwards", "pull away", "pulling away",
     "dolly in", "move in", "moving in")
_add("direction", "out", "phrase", "dolly out", "dolly back", "dolly backwards", "pull away", "pulling away")
_add("direction", "in", "phrase", "dolly in", "move in", "moving in")
_add("direction", "right", "phrase", "left to right", "from left to right", "to the right")
_add("direction", "left", "phrase", "right to left", "from right to left", "to the left")
_add("direction", "down", "phrase", "top to bottom", "from top to bottom")
_add("direction", "up", "phrase", "bottom to top", "from bottom to top")
_add("brightness", "dark", "phrase", "black screen", "blank screen", "black frame", "black void", "pitch black screen")
_add("setting", "nature", "phrase", "snow field", "snowfield", "snow fields", "snowy field", "ice field")
_add("time_of_day", "noon", "synonym", "daytime", "day time", "during the day", "broad daylight", "midday sun")
_add("weather", "rain", "synonym", "rain sounds", "sound of rain", "rain ambience")
_add("noise", "hiss", "synonym", "rain sounds", "sound of rain", "rain ambience")
_add("tempo", "slow", "phrase", "slow tempo", "downtempo", "down tempo", "slow beat", "slow bpm")
_add("tempo", "medium", "phrase", "mid tempo", "midtempo", "medium tempo", "moderate tempo")
_add("tempo", "fast", "phrase", "fast tempo", "uptempo", "up tempo", "high tempo", "fast beat", "high bpm")

# --- the scene vocabulary (origins.scenes): what the scene renderer can show and the soundtrack can play ------------
#: phrase -> scene setting. A setting word is never also a subject.
SCENE_SETTING_WORDS: dict[str, str] = {}
#: phrase -> subject kind (singular and plural forms are both listed by ``_subjects``).
SUBJECT_WORDS: dict[str, str] = {}
#: phrase -> music genre.
MUSIC_GENRE_WORDS: dict[str, str] = {}
#: phrase -> ambient bed, for phrases that are always a sound ("birdsong", "traffic", "sound of waves").
AMBIENT_BED_WORDS: dict[str, str] = {}
#: noun -> the bed it makes when heard ("waves" with "crashing", "sound of", "sounds", ...).
BED_NOUNS: dict[str, str] = {}
#: phrases that make the picture black and white.
MONOCHROME_WORDS = frozenset({"black and white", "black n white", "b and w", "b w", "monochrome", "monochromatic",
                              "greyscale", "grayscale", "gray scale", "grey scale", "noir", "film noir"})
#: words that make a neighbouring bed noun a sound ("waves crashing", "rain sounds", "the sound of birds").
SOUND_HEADS = frozenset({"sound", "sounds", "noise", "noises", "ambience", "ambiance", "audio", "soundscape", "bed",
                         "sfx", "recording", "chorus"})
SOUND_VERBS = frozenset({"crashing", "lapping", "chirping", "chirp", "singing", "tweeting", "crackling", "crackle",
                         "popping", "howling", "howl", "whistling", "rumbling", "roaring", "pattering", "drumming",
                         "bubbling", "humming", "murmuring", "buzzing", "honking", "rolling", "croaking", "hooting",
                         "babbling", "gurgling", "splashing", "pounding", "tapping", "falling", "chattering",
                         "cheering", "rustling", "whooshing", "blowing", "gusting"})
LISTEN_WORDS = frozenset({"hear", "hearing", "heard", "listen", "listening", "audible"})


def _words(table: dict[str, str], value: str, *phrases: str) -> None:
    for phrase in phrases:
        table[phrase] = value


for _setting, _phrases_ in {
    "ocean": ("ocean", "sea", "waves", "open sea", "open ocean", "seascape", "high seas", "the deep", "oceans",
              "seas"),
    "beach": ("beach", "shore", "seashore", "seaside", "coast", "coastline", "shoreline", "sandy beach", "beaches",
              "boardwalk"),
    "lake": ("lake", "pond", "lagoon", "loch", "lakeside", "lakeshore", "lakes", "ponds", "reservoir"),
    "river": ("river", "stream", "creek", "brook", "riverbank", "canal", "rivers", "streams", "riverside"),
    "hills": ("hills", "hill", "fields", "field", "meadow", "meadows", "countryside", "farmland", "prairie",
              "grassland", "rolling hills", "valley", "pasture", "hillside", "wheat field", "lavender field",
              "farm", "savanna", "moor", "moors", "plains"),
    "mountains": ("mountains", "mountain", "mountain range", "mountain valley", "alpine valley", "alps", "mountainside", "mountain top", "mountaintop",
                  "peaks", "himalayas", "rockies"),
    "forest": ("forest", "woods", "jungle", "woodland", "rainforest", "rain forest", "grove", "forests",
               "pine forest", "the trees"),
    "desert": ("desert", "dunes", "sand dunes", "sahara", "badlands", "deserts", "dune"),
    "snow_field": ("snow field", "snowfield", "snow fields", "snowy field", "field of snow", "fields of snow", "tundra", "arctic", "ice field",
                   "glacier", "polar", "antarctica", "antarctic", "frozen tundra"),
    "city": ("city", "skyline", "downtown", "cityscape", "metropolis", "town", "city skyline", "cities",
             "new york", "tokyo", "london", "paris", "manhattan", "city centre", "city center", "urban"),
    "street": ("street", "streets", "alley", "alleyway", "road", "roads", "avenue", "sidewalk", "highway",
               "crosswalk", "boulevard", "lane", "freeway", "back street", "side street", "motorway"),
    "room": ("room", "studio", "kitchen", "bedroom", "indoors", "indoor", "living room", "office", "cafe", "café",
             "library", "apartment", "interior", "classroom", "hallway", "bathroom", "lounge",
             "coffee shop"),
    "underwater": ("underwater", "under the sea", "under water", "coral reef", "reef", "seabed", "ocean floor",
                   "sea floor", "seafloor", "deep sea", "aquarium", "beneath the waves", "under the ocean",
                   "undersea"),
    "space": ("space", "outer space", "galaxy", "starry sky", "night sky with stars", "cosmos", "nebula",
              "deep space", "milky way", "starfield", "universe", "galaxies", "starry night sky"),
    "sky": ("sky", "clouds above", "skies", "above the clouds", "cloudscape", "the heavens", "blue sky",
            "open sky", "night sky"),
}.items():
    _words(SCENE_SETTING_WORDS, _setting, *_phrases_)

for _kind, _phrases_ in {
    "car": ("car", "automobile", "sedan", "sports car", "convertible", "jeep", "truck", "van", "suv", "race car",
            "racecar", "pickup truck", "vehicle", "motorcycle", "motorbike"),
    "taxi": ("taxi", "cab", "taxicab", "yellow cab"),
    "bus": ("bus", "double decker", "double decker bus", "school bus", "minibus"),
    "bicycle": ("bicycle", "bike", "cyclist", "bmx", "scooter", "tricycle"),
    "train": ("train", "locomotive", "tram", "steam train", "subway train", "freight train", "streetcar"),
    "boat": ("boat", "sailboat", "sailing boat", "yacht", "canoe", "kayak", "rowboat", "rowing boat",
             "fishing boat", "dinghy", "raft", "sail boat", "gondola", "speedboat"),
    "ship": ("ship", "cruise ship", "ocean liner", "tanker", "freighter", "pirate ship", "steamship", "battleship",
             "galleon"),
    "whale": ("whale", "humpback", "orca", "dolphin", "blue whale", "humpback whale"),
    "fish": ("fish", "goldfish", "koi", "shark", "jellyfish", "clownfish", "tuna", "salmon"),
    "balloon": ("balloon", "hot air balloon", "air balloon"),
    "bird": ("bird", "seagull", "gull", "crow", "raven", "pigeon", "owl", "eagle", "hawk", "sparrow", "swallow",
             "parrot", "duck", "swan", "goose", "dove", "flamingo", "songbird", "robin", "heron", "falcon",
             "hummingbird"),
    "butterfly": ("butterfly", "moth"),
    "plane": ("plane", "airplane", "aeroplane", "jet", "airliner", "aircraft", "jumbo jet", "fighter jet",
              "helicopter", "jetliner", "biplane", "spaceship", "rocket"),
    "moon": ("moon", "full moon", "crescent moon", "half moon", "moonrise", "the moon"),
    "sun": ("sun", "the sun", "rising sun", "setting sun", "sunball"),
    "planet": ("planet", "saturn", "jupiter", "mars", "exoplanet"),
    "star": ("star", "shooting star", "stars", "starlight"),
    "tree": ("tree", "pine", "pine tree", "palm tree", "palm", "oak", "oak tree", "birch", "willow", "fir",
             "maple", "cherry tree", "christmas tree"),
    "flower": ("flower", "tulip", "daisy", "lily", "orchid", "wildflower", "wildflowers", "sunflower", "blossom",
               "cherry blossom", "lotus", "dandelion", "bouquet"),
    "rose": ("rose",),
    "person": ("person", "people", "woman", "man", "girl", "boy", "kid", "child", "guy", "lady", "figure",
               "stranger", "hiker", "runner", "skater", "surfer", "traveller", "traveler", "men", "women",
               "children", "kids", "astronaut", "soldier", "old man", "old woman", "walker",
               "pedestrian", "pedestrians", "someone", "student", "knight", "cowboy", "wizard", "friends"),
    "dancer": ("dancer", "ballerina", "ballet dancer", "breakdancer"),
    "cat": ("cat", "kitten", "kitty", "tabby", "kitties"),
    "dog": ("dog", "puppy", "pup", "doggo", "corgi", "retriever", "labrador", "pupper", "hound", "puppies"),
    "horse": ("horse", "pony", "stallion", "mare", "foal"),
    "house": ("house", "cottage", "farmhouse", "barn", "bungalow", "villa", "mansion"),
    "cabin": ("cabin", "log cabin", "hut", "shack", "chalet"),
    "lighthouse": ("lighthouse",),
    "castle": ("castle", "palace", "fortress", "citadel"),
    "skyscraper": ("skyscraper", "tower", "high rise", "highrise", "tower block", "office tower"),
    "bridge": ("bridge", "golden gate bridge", "footbridge"),
    "peak": ("peak", "mountain peak", "summit", "volcano", "snowy peak", "mountain top"),
    "fire": ("fire", "campfire", "bonfire", "flames", "flame", "fireplace", "camp fire", "open fire", "hearth"),
    "candle": ("candle", "candles", "tealight", "candlestick"),
    "fireworks": ("fireworks", "firework", "firework display", "fireworks display", "pyrotechnics", "sparklers"),
}.items():
    _words(SUBJECT_WORDS, _kind, *_phrases_)

for _genre, _phrases_ in {
    "lofi": ("lofi", "lo fi", "lofi beats", "lofi hip hop", "chillhop", "chill beats", "lofi music", "study beats",
             "lofi girl", "beats to study to", "hip hop beats"),
    "ambient": ("ambient music", "ambient drone", "drone music", "new age", "ambient pads", "ambient track",
                "meditation music", "ambient soundtrack", "ambient score", "ambient synth pads", "ambient electronica"),
    "orchestral": ("orchestral", "orchestra", "cinematic score", "epic score", "film score", "symphony", "symphonic",
                   "strings", "string quartet", "classical", "classical music", "violin", "violins", "cello",
                   "epic music", "cinematic music", "movie score", "orchestral score", "choir", "opera",
                   "epic orchestral", "string section", "trailer music"),
    "electronic": ("electronic", "electronic music", "edm", "techno", "synth", "synths", "synthwave", "house music",
                   "trance", "dubstep", "electro", "drum and bass", "dnb", "vaporwave", "chillwave", "rave music",
                   "synthpop", "synth pop", "electronica", "retrowave", "outrun", "club music", "dance music"),
    "jazz": ("jazz", "cool jazz", "smooth jazz", "jazzy", "saxophone", "sax", "bebop", "swing music", "blues music", "blues band", "the blues",
             "jazz band", "jazz trio", "bossa nova", "jazz music"),
    "piano": ("piano", "piano music", "solo piano", "soft piano", "piano melody", "grand piano",
              "piano ballad", "piano solo"),
    "rock": ("rock", "rock music", "guitar", "guitars", "electric guitar", "metal", "heavy metal", "punk",
             "punk rock", "indie rock", "rock band", "guitar riff", "guitar solo", "hard rock", "grunge",
             "classic rock", "acoustic guitar"),
}.items():
    _words(MUSIC_GENRE_WORDS, _genre, *_phrases_)

#: The pace a genre is played at when the prompt gives none.
GENRE_TEMPO = {"lofi": "slow", "ambient": "slow", "orchestral": "medium", "electronic": "fast", "jazz": "medium",
               "piano": "slow", "rock": "fast"}

for _bed, _phrases_ in {
    "waves": ("sound of waves", "sound of the waves", "sounds of waves", "waves crashing", "crashing waves",
              "surf", "ocean sounds", "sea sounds", "lapping waves", "waves lapping", "sound of the sea",
              "sound of the ocean", "wave sounds", "crashing surf"),
    "rain": ("rain sounds", "sound of rain", "sound of the rain", "rain ambience", "pitter patter", "rain noise",
             "rain on the roof", "rain on a tin roof", "rain on the window", "patter of rain", "pattering rain",
             "rain falling"),
    "wind": ("wind", "winds", "windy", "breeze", "breezy", "gust", "gusts", "gusty", "howling wind", "gale",
             "wind howling", "whistling wind", "wind noise"),
    "thunder": ("thunder", "thunderclap", "thunderclaps", "rumble of thunder", "rolling thunder", "thunderous",
                "distant thunder", "thunder rumbling", "thunder cracks"),
    "city": ("traffic", "city noise", "city sounds", "street noise", "traffic noise", "car horns", "honking",
             "sirens", "city ambience", "sound of traffic", "urban noise", "street sounds", "busy traffic"),
    "birdsong": ("birdsong", "birds chirping", "birds singing", "chirping birds", "singing birds", "bird song",
                 "bird sounds", "chirping", "tweeting", "dawn chorus", "birdsongs", "bird calls", "birds tweeting",
                 "songbirds"),
    "fire": ("crackling fire", "fire crackling", "crackle of the fire", "crackling fireplace", "fireplace crackling",
             "crackling campfire", "campfire crackling", "crackling", "crackle", "crackling flames",
             "fire sounds"),
    "crowd": ("crowd", "crowds", "chatter", "crowd noise", "murmur", "murmurs", "murmuring", "people talking",
              "voices", "cheering", "cheering crowd", "applause", "hubbub", "babble of voices", "crowd chatter"),
    "underwater": ("underwater sounds", "underwater sound", "bubbling", "bubbles", "bubble sounds", "gurgling",
                   "underwater ambience", "muffled underwater"),
    "night": ("crickets", "night sounds", "crickets chirping", "cicadas", "frogs croaking", "night ambience",
              "sounds of the night", "chirping crickets", "owl hooting", "owls hooting", "croaking frogs",
              "nighttime sounds", "night noises"),
}.items():
    _words(AMBIENT_BED_WORDS, _bed, *_phrases_)

for _bed, _nouns in {"waves": ("waves", "wave", "sea", "ocean", "surf", "tide"),
                     "rain": ("rain", "raindrops", "rainfall", "drizzle", "downpour"),
                     "wind": ("wind", "breeze"), "thunder": ("thunder", "storm", "thunderstorm"),
                     "city": ("city", "street", "traffic", "cars", "horns", "streets"),
                     "birdsong": ("birds", "bird", "songbirds", "seagulls", "gulls"),
                     "fire": ("fire", "campfire", "fireplace", "flames", "bonfire"),
                     "crowd": ("crowd", "people", "voices"),
                     "underwater": ("underwater", "bubbles", "water"),
                     "night": ("night", "crickets", "cicadas", "frogs", "owls", "owl")}.items():
    for _noun in _nouns:
        BED_NOUNS[_noun] = _bed

#: Irregular plurals of subject words.
PLURALS = {"people": "person", "men": "man", "women": "woman", "children": "child", "geese": "goose",
           "fish": "fish", "kids": "kid", "puppies": "puppy", "kitties": "kitty", "ponies": "pony",
           "butterflies": "butterfly", "candles": "candle", "flames": "flame", "stars": "star", "skies": "sky",
           "wolves": "wolf", "leaves": "leaf", "knives": "knife", "lives": "life", "buses": "bus", "lilies": "lily",
           "daisies": "daisy", "cities": "city", "bodies": "body", "ferries": "ferry", "sheep": "sheep",
           "jellyfish": "jellyfish"}
#: Colour words that name a colour and are not a thing of the scene ("a golden car", not "a forest cabin").
SUBJECT_COLOUR_WORDS = frozenset(BASIC_COLOURS) | {
    "grey", "emerald", "crimson", "golden", "gold", "silver", "amber", "ruby", "sapphire", "jade", "ivory",
    "charcoal", "lavender", "mint", "peach", "coral", "lemon", "lime", "turquoise", "cobalt", "indigo", "bronze",
    "copper", "cream", "plum", "cherry", "scarlet", "burgundy", "khaki", "lilac", "mauve", "fuchsia", "aqua",
    "azure", "ochre", "rust", "pastel", "neon", "blonde", "auburn", "chestnut", "ginger"}
#: Counts said in words before a subject ("a couple of boats", "a flock of birds").
COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "single": 1, "lone": 1, "solitary": 1, "two": 2, "pair": 2, "couple": 2,
               "both": 2, "twin": 2, "three": 3, "few": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
               "nine": 9, "ten": 10, "several": 4, "some": 3, "many": 6, "lots": 6, "dozen": 12, "dozens": 12,
               "flock": 6, "school": 6, "herd": 5, "bunch": 5, "group": 4, "fleet": 5, "hundreds": 12,
               "countless": 12, "twelve": 12, "eleven": 11, "twenty": 20, "numerous": 6, "multiple": 3}
#: Words that count shots ("three shots", "a montage of 4 scenes").
SHOT_NOUNS = frozenset({"shots", "scenes", "clips", "parts", "segments", "takes", "cuts", "vignettes", "sequences",
                        "panels", "chapters", "acts", "angles"})
ONE_SHOT_PHRASES = frozenset({"one shot", "single shot", "one take", "single take", "one continuous shot",
                              "oner", "single continuous shot", "one continuous take", "unbroken shot"})
#: A scene word read otherwise after these words ("negative space", "depth of field", "a rock on the beach").
SCENE_BLOCKERS = {"space": frozenset({"negative", "liminal", "white", "empty", "safe", "personal", "living", "work",
                                      "open", "studio", "parking", "storage", "head"}),
                  "field": frozenset({"of", "football", "soccer", "baseball", "playing", "sports", "magnetic"}),
                  "fields": frozenset({"of", "football", "soccer", "baseball", "playing", "sports"}),
                  "rock": frozenset({"a", "the", "big", "giant", "huge", "mossy", "wet", "on", "of", "grey", "gray",
                                     "black", "red", "sharp", "jagged", "lone", "flat", "every", "each", "that"}),
                  "metal": frozenset({"a", "the", "rusty", "rusted", "shiny", "of", "sheet", "scrap", "cold"}),
                  "jet": frozenset(), "keys": frozenset(), "figure": frozenset({"a", "action"}),
                  "star": frozenset({"rock", "pop", "movie", "five", "film", "tv", "north"}),
                  "tower": frozenset({"clock", "water"}), "strings": frozenset({"puppet", "no"}),
                  "palm": frozenset({"his", "her", "my", "your", "the"}), "wave": frozenset({"a", "new", "heat"}),
                  "waves": frozenset({"radio", "sound", "heat", "brain"}), "sun": frozenset(),
                  "bed": frozenset(), "surf": frozenset(), "classical": frozenset()}
#: A scene word read otherwise before these words ("jet black", "rock formations", "fire truck").
SCENE_BLOCKERS_AFTER = {"jet": frozenset({"black", "lag"}), "rock": frozenset({"formation", "formations", "pool",
                                                                               "pools", "wall", "face", "cliff",
                                                                               "arch", "pile", "garden"}),
                        "fire": frozenset({"truck", "engine", "escape", "station", "hydrant", "alarm"}),
                        "space": frozenset({"bar"}), "star": frozenset({"wars", "trek", "sign"}),
                        "sun": frozenset({"kissed", "glasses", "bleached"}), "moon": frozenset({"walk"}),
                        "snow": frozenset({"globe"}), "tree": frozenset({"house", "line"}),
                        "city": frozenset({"pop"}), "street": frozenset({"food", "art", "style", "wear"})}

_add("diminish", -0.2, "phrase", "tiny bit", "a tiny bit", "wee bit", "a wee bit", "ever so slightly", "a tiny bit of",
     "just a little", "the slightest")
_add("intensify", 0.2, "synonym", "loud", "loudly", "blaring", "booming loud", "roaring loud")
_add("intensify", 0.4, "synonym", "deafening", "ear splitting", "very very very", "really really really")
#: Phrases that ask for colour, overriding a monochrome default ("noir but in colour").
COLOUR_FILM_WORDS = frozenset({"in colour", "in color", "full colour", "full color", "in full colour", "in full color",
                               "colourful", "colorful", "technicolor", "technicolour", "colour film", "color film"})
