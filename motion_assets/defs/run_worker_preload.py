"""Imported once by the run workers' forkserver (`run_launcher`): the code location's definitions, and the word
lists and lexicon the interpreter loads on first use (about a second), so a forked worker starts with them. Only
pure data is loaded here: a GL context or a subprocess would not survive the fork. Code that does not import is
left to the worker, which imports it again and fails its run with the error; the forkserver itself must start
whatever the code holds."""

import contextlib

with contextlib.suppress(Exception):
    import motion_assets.definitions  # noqa: F401
    from motion_assets.interpretation import interpret
    from motion_assets.naming.dictionary import is_real_word

    interpret("a slow pan over a rainy neon city at night, lofi")
    is_real_word("harbour")
