"""The start-up pause of the garbage collector (gc_pause)."""

from __future__ import annotations

import gc

from newsreader import gc_pause


def test_pause_then_resume_turns_the_collector_back_on():
    assert gc.isenabled()
    try:
        gc_pause.pause()
        assert not gc.isenabled()
        gc_pause.resume()
        assert gc.isenabled()
        gc_pause.resume()  # a second resume changes nothing
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_resume_without_pause_leaves_a_disabled_collector_alone():
    gc.disable()
    try:
        gc_pause.resume()
        assert not gc.isenabled()  # someone else turned it off: not ours to turn on
        gc_pause.pause()  # already off: not paused by us, so resume leaves it off too
        gc_pause.resume()
        assert not gc.isenabled()
    finally:
        gc.enable()
