"""Naming rules: real words that say what the value is, unique within a registry, deterministic, stable, short."""

from __future__ import annotations

import json
import random

import pytest

from motion_assets.keys.canonical import LINGUISTIC_DOMAINS, canonical_key, color_cell_key, sound_cell_key, text_key
from motion_assets.keys.color_space import all_color_cells
from motion_assets.naming import NAMING_VERSION, color_name, number_words, sound_name, unique_names
from motion_assets.naming.dictionary import NAME_LIMIT, name_problems
from motion_assets.origins.vocabulary import NOISES, STRENGTH_LEVELS_PCT
from motion_assets.registry.naming import names_for


def _color_entries(cells):
    return [(color_cell_key(rgb, o), {"r": rgb[0], "g": rgb[1], "b": rgb[2], "opacity": o}) for rgb, o in cells]


@pytest.fixture(scope="module")
def ten_thousand():
    cells = list(all_color_cells())
    return _color_entries(random.Random(20260304).sample(cells, 10_000))


def test_ten_thousand_random_colours_as_one_registry(ten_thousand):
    names = names_for("static_colors", ten_thousand)
    assert len(names) == 10_000
    assert len(set(names.values())) == 10_000  # unique
    assert max(len(n) for n in names.values()) <= NAME_LIMIT
    bad = {k: (n, name_problems(n)) for k, n in names.items() if name_problems(n)}
    assert not bad, list(bad.items())[:5]  # every word a dictionary word; no digits, prefixes, underscores
    assert names_for("static_colors", ten_thousand) == names  # deterministic
    assert names_for("static_colors", list(reversed(ten_thousand))) == names  # order of the input does not matter


def test_whole_colour_space_is_nameable():
    names = names_for("static_colors", _color_entries(all_color_cells()))
    assert len(set(names.values())) == len(names) == 20_686


def test_given_names_are_kept_and_collisions_use_words(ten_thousand):
    first = dict(ten_thousand[:500])
    names = names_for("static_colors", list(first.items()))
    grown = names_for("static_colors", ten_thousand[:1000], given=names)
    assert all(grown[k] == v for k, v in names.items())  # stable: a name once given does not move
    assert len(set(grown.values())) == 1000
    assert any(" leaning " in n for n in grown.values())  # a more specific qualifier, in words


def test_colour_names_say_what_the_colour_is():
    assert color_name((0, 0, 0), 100) == "black"
    assert color_name((255, 255, 255), 100) == "white"
    assert color_name((0, 0, 0), 0) == "fully clear"
    assert color_name((0, 128, 128), 50).endswith(", half sheer")
    assert color_name((0, 128, 128), 100) == "dark cyan"  # XKCD's "teal" is 2,147,134
    assert color_name((76, 128, 178), 100) != color_name((76, 128, 178), 95)


def test_sound_dynamic_narrative_names():
    assert sound_name("hiss", 20) == "faint high hiss"
    assert sound_name("rumble", 100) == "loud low rumble"
    assert sound_name("silence", 0) == "silence"
    entries = [(sound_cell_key(n, s), {"noise": n, "strength": s}) for n in NOISES if n != "silence"
               for s in STRENGTH_LEVELS_PCT] + [(sound_cell_key("silence", 0), {"noise": "silence", "strength": 0})]
    names = names_for("static_sound", entries)
    assert len(set(names.values())) == len(entries) == 46
    assert all(not name_problems(n) for n in names.values())
    motion = {"speed": "slow", "rhythm": "steady", "direction": "left"}
    gradient = {"type": "radial", "strength": "soft"}
    dynamic = names_for("dynamic_blends", [(canonical_key("motion", motion), motion),
                                           (canonical_key("gradient", gradient), gradient)])
    assert sorted(dynamic.values()) == ["slow steady leftward drift", "soft radial gradient"]
    assert names_for("narrative", [("genre@1:documentary", {"value": "documentary"})]) == {
        "genre@1:documentary": "documentary genre"}


def test_legacy_dynamic_names_are_words_and_unique():
    params = [{"legacy": "motion", "level": level, "trend": "steady", "direction": "horizontal", "rhythm": "steady"}
              for level in ("3.3", "3.4", "3.8")]
    names = names_for("dynamic_blends", [(f"legacy.motion@1:{p['level']}_steady_horizontal_steady", p) for p in params])
    assert len(set(names.values())) == 3
    assert all(not name_problems(n) for n in names.values()), names
    assert "constant even sideways change at three point four" in names.values()


def test_interpretation_names_drop_gibberish_and_digits():
    names = names_for("interpretations", [("kemovalitu motion over neon streets", {"prompt": "kemovalitu motion over neon streets"}),
                                          ("a 5-second clip of rain", {"prompt": "a 5-second clip of rain"})])
    assert names["kemovalitu motion over neon streets"] == "neon streets"  # its look and subject, in real words
    assert not any(ch.isdigit() for ch in names["a 5-second clip of rain"])
    # Numbers and lengths say nothing of the subject or the look: never spelled into the name.
    assert names_for("interpretations", [("p", {"prompt": "a 30-second loop of rain over a misty harbour in the 80s"})]) \
        == {"p": "rain over a misty harbour"}


#: Loop prompts (creation.prompts, plan_batch) and the names a person would give them: look, subject, place, then
#: camera and sound; nothing the prompt says it does not want ("anything but gloomy", "never shaky").
PROMPT_NAMES = {
    "a skate park at midnight, a low hum, hella spooky, whip pan": "spooky skate park at midnight, whip pan, low hum",
    "that desert road is dope, electric blue vibes": "electric blue desert road that is dope",
    "hype lighthouse in the blue hour, a low hum, anything but gloomy":
        "hype lighthouse in the blue hour, low hum, not gloomy",
    "romantic vinyl record in the morning, soft hiss of rain, never shaky":
        "romantic vinyl record, soft hiss of rain, never shaky",
    "vaporwave clouds, heavy rain, no blue tones, zoom out": "vaporwave clouds in heavy rain, zoom out, no blue",
    "a 10 second clip of empty street in a cool breeze, whip pan": "empty street in a cool breeze, whip pan",
    "lowkey diner booth is giving cosy, violet vibes": "cosy violet diner booth",
    "a few trains over a big city at dusk, in light rain, dolly in, in two shots with a wipe, with vivid colours":
        "vivid trains over a big city at dusk in light rain, dolly in",
    "a little truck left on a cosy reading nook, neon green at high noon":
        "neon green cosy reading nook at high noon, truck left",
    "purple and purple harbour at low tide, crane shot, eerie": "eerie purple harbour at low tide, crane shot",
}


def test_prompt_names_read_as_a_person_says_them():
    from motion_assets.naming.prompts import prompt_candidates

    got = {prompt: next(prompt_candidates(prompt)) for prompt in PROMPT_NAMES}
    assert got == PROMPT_NAMES
    # Real loop prompts of every prompt-making workflow: good names, nearly all different on their first choice
    # (so their names do not depend on the order they arrive in).
    prompts = sorted({job.prompt for job in _loop_jobs()})
    first = {p: next(prompt_candidates(p)) for p in prompts}
    assert not [(p, n, name_problems(n)) for p, n in first.items() if name_problems(n)]
    shared = len(prompts) - len(set(first.values()))
    assert len(prompts) > 700 and shared <= len(prompts) // 200, shared


def _loop_jobs():
    from motion_assets.loop.batches import batch_key, plan_batch

    return [job for workflow in ("explorer", "exploiter", "balanced", "sound", "scenes") for n in range(1, 26)
            for job in plan_batch(batch_key(workflow, n), 6)]


def test_unique_names_fails_loudly_and_words_for_numbers():
    with pytest.raises(ValueError, match="no free name"):
        unique_names({"a": ["x"], "b": ["x"]})
    assert number_words(255) == "two hundred fifty five"
    assert NAMING_VERSION >= 2


# --- names that never run out, depend on the value only, and read as people say them ---------------------------

from motion_assets.naming import ordinal_words  # noqa: E402
from motion_assets.origins.vocabulary import NOISES as _NOISES  # noqa: E402
from motion_assets.registry.names import assign_names, read_ledger  # noqa: E402
from motion_assets.storage.tables import TableStore  # noqa: E402

_WORDS = ("harbour rain neon dusk city forest ocean jazz drift lighthouse misty teal calm dark bright slow fast "
          "pov vlog lo-fi sci-fi b-roll hip-hop time-lapse golden hour street night dawn snow storm soft warm").split()
_GIBBERISH = ("qitudaterara", "lokofacixofa", "dsc_9f3a", "Novel04211", "夜景", "ночь", "saudade", "!!!", "12345")


def _random_text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(_WORDS + list(_GIBBERISH)) if rng.random() < 0.8 else str(rng.randrange(10**6))
                    for _ in range(n))


def _lexicon_senses() -> list[tuple[str, tuple]]:
    from motion_assets.interpretation.lexicon import LEXICON

    return [(span, sense) for span, senses in sorted(LEXICON.items()) for sense in senses]


_LEXICON_SENSES = _lexicon_senses()


def random_values(kind: str, n: int, seed: int = 14, realistic: bool = False) -> list[tuple[str, dict]]:
    """n random values of one kind of registry value, as (key, params); keys as the registries make them."""
    rng = random.Random(f"{kind}:{seed}")
    values = {}
    while len(values) < n:
        if kind == "static_sound":
            noise = rng.choice(_NOISES)
            top = 1001 if realistic else 10**rng.randrange(2, 6)  # an amplitude of 1 is 1,000 %
            strength = 0 if noise == "silence" else rng.randrange(1, top)
            values[canonical_key("sound_cell", {"noise": noise, "strength": strength})] = {  # as imports key them
                "noise": noise, "strength": strength}
        elif kind == "dynamic_blends":
            params = {"legacy": "motion", "level": f"{rng.randrange(0, 100 if realistic else 10**rng.randrange(1, 5))}.{rng.randrange(10)}",
                      "trend": rng.choice(("steady", "increasing", "decreasing")),
                      "direction": rng.choice(("horizontal", "vertical", "neutral", "none", "diagonal", "radial")),
                      "rhythm": rng.choice(("steady", "pulsing", "wave", "random"))}
            values[f"legacy.motion@1:{params['level']}_{params['trend']}_{params['direction']}_{params['rhythm']}"] = params
        elif kind == "narrative":
            category = rng.choice(("genre", "mood", "theme", "plot", "setting", "style", "scene_type"))
            value = _random_text(rng, rng.randrange(1, 4)).lower()
            if realistic:  # words of the field and a few single non-English values, as the real exports hold
                value = " ".join(rng.sample(_WORDS, rng.randrange(1, 3))) if rng.random() < 0.99 else rng.choice(_GIBBERISH)
            values[f"{category}@1:{value}"] = {"value": value}
        elif kind == "linguistic" and realistic:  # what the interpreter resolves, a few negated, 1% not words
            span, (domain, value, variant) = rng.choice(_LEXICON_SENSES)
            domain = domain if domain in LINGUISTIC_DOMAINS else "other"
            if rng.random() < 0.1:
                value = {"not": value}
            if rng.random() < 0.01:
                span = rng.choice(_GIBBERISH).lower()
            values[text_key(f"linguistic.{domain}", f"{span} = {json.dumps(value, sort_keys=True)}")] = {
                "span": span, "domain": domain, "value": value, "variant": variant}
        elif kind == "linguistic":
            span, value = _random_text(rng, rng.randrange(1, 3)).lower(), rng.choice(_WORDS)
            domain = rng.choice(("mood", "palette", "camera", "tempo", "other"))
            values[f"linguistic.{domain}@1:{span} = {value}"] = {"span": span, "value": value, "domain": domain,
                                                                "variant": rng.choice(("synonym", "slang"))}
        elif kind == "interpretations" and realistic:  # the loop's own prompts, lower case as the registry keys them
            prompts = sorted({" ".join(job.prompt.lower().split()) for job in _loop_jobs()})
            return [(prompt, {"prompt": prompt}) for prompt in rng.sample(prompts, min(n, len(prompts)))]
        elif kind == "interpretations":
            prompt = _random_text(rng, rng.randrange(1, 9)).lower()
            values[prompt] = {"prompt": prompt}
        elif kind == "legacy":
            domain = rng.choice(("composition", "lighting", "motion", "narrative"))
            raw = '{"' + rng.choice(("center_x", "brightness", "key", "contrast")) + f'":{rng.random()}'[:rng.randrange(5, 30)]
            values[f"legacy.blend.{domain}@1:{raw}"] = {"domain": domain, "output": None, "raw_key": raw}
    return sorted(values.items())


KINDS = ("static_sound", "dynamic_blends", "narrative", "linguistic", "interpretations", "legacy")


@pytest.mark.parametrize("kind", KINDS)
def test_hundred_thousand_random_values_of_every_kind_are_named(kind):
    values = random_values(kind, 100_000)
    names = names_for(kind, values)
    assert len(names) == len(values) == 100_000
    assert len(set(names.values())) == 100_000
    bad = [(k, n, name_problems(n)) for k, n in names.items() if name_problems(n)]
    assert not bad, bad[:5]


def test_the_stored_colour_space_names_are_the_names_the_rules_give():
    """The package stores the names of the whole colour space (computing them costs seconds per process); they
    must be the rules' names for this naming version. After a naming change: python -m motion_assets.registry.naming"""
    from motion_assets.registry.naming import SPACE_NAMES_FILE, _stored_space_names, compute_space_color_names

    stored = _stored_space_names()
    opacities = sorted({o for _, o in all_color_cells()})
    assert sorted(stored) == opacities, f"{SPACE_NAMES_FILE} is missing or of another naming version"
    for opacity in opacities:
        computed = compute_space_color_names(opacity)
        differ = [(rgb, name, stored[opacity].get(rgb)) for rgb, name in computed.items()
                  if stored[opacity].get(rgb) != name]
        assert not differ and len(stored[opacity]) == len(computed), (opacity, len(differ), differ[:3])


def test_every_colour_cell_is_named_and_reads_well():
    names = names_for("static_colors", _color_entries(all_color_cells()))
    assert len(set(names.values())) == len(names) == 20_686
    assert not [n for n in names.values() if name_problems(n)]


def test_ordinals_never_run_out():
    assert [ordinal_words(n) for n in (1, 2, 3, 12, 21, 100, 1001)] == [
        "first", "second", "third", "twelfth", "twenty first", "one hundredth", "one thousand first"]
    crowd = {f"k{i:06d}": ["same name"] for i in range(3)}
    with pytest.raises(ValueError):
        unique_names(crowd)
    values = [(f"scene_type@1:{v}", {"value": v}) for v in ("夜景", "景色", "風景", "夜空")]
    names = names_for("narrative", values)  # four values whose own names are all alike: ordinals in words
    assert len(set(names.values())) == 4 and all(not name_problems(n) for n in names.values()), names


def _ledger_after(tmp_path, name: str, batches: list[list[tuple[str, dict]]], registry: str) -> dict:
    store = TableStore(tmp_path / name)
    for batch in batches:
        assign_names(store, registry, batch)
    return {k: row["name"] for k, row in read_ledger(store, registry).items()}


@pytest.mark.parametrize("kind", ("static_colors", "static_sound", "dynamic_blends", "narrative", "linguistic",
                                  "interpretations"))
def test_the_same_values_in_three_orders_give_identical_ledgers(tmp_path, kind):
    if kind == "static_colors":
        values = _color_entries(random.Random(3).sample(list(all_color_cells()), 1000))
    else:
        values = random_values(kind, 1500, seed=3, realistic=True)
    shuffled = list(values)
    random.Random(5).shuffle(shuffled)
    orders = {"sorted, one batch": [sorted(values)],
              "reversed, batches of 5": [list(reversed(values))[i:i + 5] for i in range(0, len(values), 5)],
              "shuffled, batches of 37": [shuffled[i:i + 37] for i in range(0, len(shuffled), 37)]}
    ledgers = {order: _ledger_after(tmp_path, str(i), batches, kind) for i, (order, batches) in enumerate(orders.items())}
    first = next(iter(ledgers.values()))
    for order, ledger in ledgers.items():
        differ = [(k, first[k], ledger[k]) for k in first if first[k] != ledger[k]]
        assert not differ, (order, len(differ), differ[:5])


def test_names_read_as_people_say_them():
    for bad in ("darker bright light blue", "lighter dark indigo", "robins egg leaning robin egg blue",
                "dark meaning dark", "motion motion green"):
        assert name_problems(bad), bad
    for good in ("pale dusty teal", "soft low hum", "slow whip pan", "pov scene type", "lo-fi genre",
                 "sci-fi genre", "b-roll scene type", "hip-hop genre", "time-lapse style", "vlog genre"):
        assert name_problems(good) == [], good
    names = names_for("linguistic", [("linguistic.mood@1:dark = \"dark\"", {"span": "dark", "value": "dark",
                                                                             "domain": "mood", "variant": "synonym"})])
    assert list(names.values()) == ["dark as a mood word"]
