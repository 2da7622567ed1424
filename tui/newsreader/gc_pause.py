"""Keep Python's cyclic garbage collector out of the reader's start-up.

Starting the reader creates a few hundred thousand objects that live as long as the app
(Textual's and newsreader's modules, the stylesheet, the widget tree, the article and its
analysis) and almost no garbage. With the collector on, Python keeps re-scanning them while
they are being built: about 35 collections and 25 ms of a 300 ms start on the bench machine,
one full (oldest-generation) scan alone taking 15 ms.

So the command pauses the collector from its entry point (:func:`pause`) until the first frame
is on the screen (:func:`resume`, called by the app). Resuming collects once, then freezes the
survivors (``gc.freeze``: they are left out of every later scan, which keeps the collections
made while reading short) and turns the collector back on. Textual pauses the collector the
same way while a scroll animates (``App.PAUSE_GC_ON_SCROLL``).

Only the process that called :func:`pause` is affected: apps built directly (tests, Pilot)
never pause, and :func:`resume` without a pause does nothing.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Turn the collector off until :func:`resume` (no-op if it is already off)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Collect the start-up's garbage, freeze what survived and turn the collector back on.
    Does nothing unless :func:`pause` turned it off; safe to call more than once."""
    global _paused
    if not _paused:
        return
    _paused = False
    gc.collect()
    gc.freeze()
    gc.enable()
