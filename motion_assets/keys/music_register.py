"""What "low", "mid" and "high" pitched music mean: one definition for creation, rendering and extraction.

A piece of music is in a register when the notes it plays lie in that register's band of pitches, every pitched
voice alike (bass line, chords and melody; drums have no pitch). Asking where "the" pitch of a piece lies is
otherwise ill-posed: the bass line of ordinary music sits two octaves under its melody, and which of the two a
listener attends to depends on how loud each is played, so a band defined on the melody, on the bass or on a
loudness-weighted mean changes its answer with the arrangement and the instruments. With every voice inside one
band, any fair summary of the pitches sounding (the median of the fundamental frequencies heard, however each note
is weighted) falls inside it, and so does a listener's judgement.

The bands are two octaves wide and meet at E3 (165 Hz) and E5 (659 Hz): "mid" is the range around middle C where
song melodies and their accompaniment lie, "low" that of bass, cello and tuba, "high" that of flute, piccolo and
celesta. MIDI note numbers, A4 = 69 = 440 Hz.
"""

from __future__ import annotations

import math

MUSIC_REGISTERS: tuple[str, ...] = ("low", "mid", "high")
#: register -> (lowest MIDI note, one past the highest): the notes a piece in that register plays.
MUSIC_REGISTER_NOTES: dict[str, tuple[int, int]] = {"low": (28, 52), "mid": (52, 76), "high": (76, 100)}
#: The pitches (MIDI) where one register ends and the next begins.
MUSIC_REGISTER_BOUNDS: tuple[int, int] = (MUSIC_REGISTER_NOTES["mid"][0], MUSIC_REGISTER_NOTES["high"][0])


def midi_of_hz(hz: float) -> float:
    """The (fractional) MIDI note number of a frequency in Hz."""
    return 69.0 + 12.0 * math.log2(hz / 440.0)


def register_of_pitch(midi: float) -> str:
    """The register whose band holds the pitch ``midi`` (below the lowest band: low; above the highest: high)."""
    low, high = MUSIC_REGISTER_BOUNDS
    return "low" if midi < low else "mid" if midi < high else "high"


def fold_into_register(note: int, register: str) -> int:
    """``note`` moved by whole octaves into ``register``'s band (the same pitch class, so harmony is kept)."""
    low, high = MUSIC_REGISTER_NOTES[register]
    while note < low:
        note += 12
    while note >= high:
        note -= 12
    return note
