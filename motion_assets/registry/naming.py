"""Names for registry entries: the naming rules of motion_assets.naming applied to one registry's entries.

Candidates go from plain to more specific; the first one not taken wins, entries processed in key order, so the
same set of entries always gets the same names.
"""

from __future__ import annotations

from collections.abc import Sequence

from motion_assets.naming import color_name, dynamic_name, narrative_name, sound_name, unique_names

NAME_LIMIT = 60


def _candidates(registry: str, key: str, params: dict) -> list[str]:
    category = key.partition("@")[0]
    if registry == "static_colors":
        rgb, opacity = (params["r"], params["g"], params["b"]), params["opacity"]
        return [color_name(rgb, opacity, detail=level) for level in range(4)]
    if registry == "static_sound":
        return [sound_name(params["noise"], params["strength"])]
    if registry == "dynamic_blends":
        return [dynamic_name(category, params)]
    if registry == "narrative":
        return [narrative_name(category, params["value"])]
    if registry == "linguistic":
        value = params["value"]
        shown = value if isinstance(value, str) else " ".join(str(v) for v in value) if isinstance(value, list) else str(value)
        base = f"{params['span']} meaning {shown}".replace("_", " ")
        return [base[:NAME_LIMIT].strip(), f"{params['span']} as {params['variant']} for {shown}"[:NAME_LIMIT].strip()]
    if registry == "interpretations":
        words = params["prompt"].split()
        text = ""
        for word in words:
            if len(text) + len(word) + 1 > NAME_LIMIT:
                break
            text = f"{text} {word}".strip()
        return [text or "untitled prompt", f"{text} again".strip()[:NAME_LIMIT]]
    raise ValueError(f"unknown registry {registry!r}")


def names_for(registry: str, entries: Sequence[tuple[str, dict]]) -> dict[str, str]:
    """key -> name, unique across the given (key, params) entries of one registry."""
    proposals = {key: _candidates(registry, key, params) for key, params in entries}
    return unique_names(proposals)
