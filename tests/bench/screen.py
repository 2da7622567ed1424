"""What the user sees: a program run in a pseudo-terminal, its output read by a terminal emulator.

The in-process probes (``probe.py``) note the moment the app hands a frame to its terminal
driver. This module measures from outside, as a person in front of the terminal would: the
program runs in a pty of a given size, every byte it writes is recorded with the time it was
read, and the bytes are played into the ``pyte`` terminal emulator. A *watch* is a question
about the emulated screen ("is this word on it?", "is this word drawn in this colour?"); its
time is the moment the byte that made it true was read. Playing the bytes into the emulator
happens while the program is quiet (and once more at the end), so the emulator's own CPU time
does not compete with the program being timed on a small machine.

``python -m tests.bench.screen [--cols C --rows R] [--wait S] -- CMD...`` prints what the
screen holds after ``--wait`` seconds (with the colour of each cell as a second picture).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import pyte

#: The terminal the bench measures in: the size the issue's figures were taken at.
TERM_SIZE = (120, 40)  # columns, rows


def hex_colour(colour: str) -> str:
    """``#F4A261`` / ``f4a261`` -> ``f4a261`` (pyte's spelling of a 24-bit colour)."""
    return colour.strip().lstrip("#").lower()


class Screen:
    """An emulated terminal fed with a program's output bytes."""

    def __init__(self, cols: int, rows: int) -> None:
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self._syncing = False

    def in_sync_block(self, data: bytes) -> bool:
        """After ``data`` (just fed), whether a synchronized update is still open (its frame
        not complete yet)."""
        marks = _SYNC.findall(data)
        if marks:
            self._syncing = marks[-1] == b"h"
        return self._syncing

    def feed(self, data: bytes) -> None:
        self.stream.feed(data)

    def lines(self) -> list[str]:
        return list(self.screen.display)

    def find(self, text: str) -> list[tuple[int, int]]:
        """(row, column) of every place ``text`` is written on one line of the screen.

        ``screen.display`` pads wide characters with an empty cell; columns here are cell
        columns, so they index ``screen.buffer`` directly."""
        places = []
        for row in range(self.screen.lines):
            line = self.screen.buffer[row]
            cells = [line[col].data for col in range(self.screen.columns)]
            joined = "".join(cells)
            # map string offsets back to cells (a wide character's second cell holds "")
            offsets = []
            for col, data in enumerate(cells):
                offsets.extend([col] * len(data))
            start = joined.find(text)
            while start != -1:
                places.append((row, offsets[start]))
                start = joined.find(text, start + 1)
        return places

    def contains(self, text: str) -> bool:
        return bool(self.find(text))

    def colours(self, text: str) -> list[set[str]]:
        """For each place ``text`` is on the screen, the foreground colours of its cells
        (pyte names: ``default``, ``red``, ..., or six hex digits)."""
        result = []
        for row, col in self.find(text):
            line = self.screen.buffer[row]
            cells = []
            width = 0
            c = col
            while width < len(text) and c < self.screen.columns:
                cells.append(line[c])
                width += len(line[c].data)
                c += 1
            result.append({cell.fg for cell in cells})
        return result

    def has_colour(self, text: str, colour: str, context: str | None = None) -> bool:
        """Whether ``text`` is somewhere on the screen with every cell in ``colour``; with
        ``context`` (a longer text holding ``text``), only where that context is written (the
        same name elsewhere on the screen, e.g. in a side panel, does not count)."""
        wanted = hex_colour(colour)
        if context is None:
            return any(found == {wanted} for found in self.colours(text))
        skip = context.index(text)
        for row, col in self.find(context):
            line = self.screen.buffer[row]
            # walk to the cell where ``text`` starts inside the context
            consumed, c = 0, col
            while consumed < skip:
                consumed += len(line[c].data)
                c += 1
            cells, width = [], 0
            while width < len(text) and c < self.screen.columns:
                cells.append(line[c])
                width += len(line[c].data)
                c += 1
            if {cell.fg for cell in cells} == {wanted}:
                return True
        return False


#: Modes the emulated terminal says it supports when asked (DECRQM), as tmux, kitty, foot,
#: WezTerm and Ghostty do: synchronized output (2026), with which Textual brackets each frame
#: so the terminal shows it whole. Other modes are answered "not recognised", as xterm does.
SUPPORTED_MODES = {2026}
_MODE_QUERY = re.compile(rb"\x1b\[\?(\d+)\$p")
_SYNC = re.compile(rb"\x1b\[\?2026([hl])")


def answers(data: bytes) -> bytes:
    """What a terminal writes back for the mode queries in ``data``."""
    out = b""
    for match in _MODE_QUERY.finditer(data):
        mode = int(match.group(1))
        out += b"\x1b[?%d;%d$y" % (mode, 2 if mode in SUPPORTED_MODES else 0)
    return out


#: A question about the screen; true once the screen shows what is waited for.
Check = Callable[[Screen], bool]


def text_on_screen(text: str) -> Check:
    return lambda screen: screen.contains(text)


def text_in_colour(text: str, colour: str, context: str | None = None) -> Check:
    return lambda screen: screen.has_colour(text, colour, context)


def text_absent(text: str) -> Check:
    return lambda screen: not screen.contains(text)


def all_of(*checks: Check) -> Check:
    return lambda screen: all(check(screen) for check in checks)


@dataclass
class Recording:
    """A program's output as read from the pty: (seconds since its start, bytes) chunks."""

    chunks: list[tuple[float, bytes]] = field(default_factory=list)

    def replay(
        self,
        cols: int,
        rows: int,
        watches: dict[str, Check],
        screen: Screen | None = None,
        start: int = 0,
        seen: dict[str, float] | None = None,
    ) -> tuple[Screen, dict[str, float], int]:
        """Play the chunks from ``start`` into ``screen`` (a new one if None), noting the time
        of the chunk after which each watch first held; returns (screen, times, chunks played)."""
        screen = screen or Screen(cols, rows)
        seen = {} if seen is None else seen
        for t, data in self.chunks[start:]:
            screen.feed(data)
            if screen.in_sync_block(data):
                continue  # a terminal shows a synchronized frame only when it is complete
            for name, check in watches.items():
                if name not in seen and check(screen):
                    seen[name] = t
        return screen, seen, len(self.chunks)


@dataclass
class Result:
    times: dict[str, float]  # watch name -> seconds from the program's start (absent: not seen)
    screen: Screen
    recording: Recording
    error: str | None = None


def run_in_terminal(
    cmd: list[str],
    watches: dict[str, Check],
    *,
    env: dict[str, str] | None = None,
    cwd: str | None = None,
    size: tuple[int, int] = TERM_SIZE,
    timeout: float = 120.0,
    quiet: float = 0.05,
    linger: float = 0.0,
    answer: bool = True,
) -> Result:
    """Run ``cmd`` in a ``size`` pty until every watch has held (then ``linger`` seconds more),
    the program exits, or ``timeout``; the program (its whole session) is killed at the end.

    Bytes are read as they come (time noted on each read) and played into the emulator only
    after ``quiet`` seconds without output, so the measuring does not take CPU from the
    program while it draws. With ``answer``, mode queries get a reply (``SUPPORTED_MODES``)."""
    cols, rows = size
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    t0 = time.monotonic()
    proc = subprocess.Popen(
        cmd, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd, start_new_session=True, close_fds=True
    )
    os.close(slave)
    recording = Recording()
    screen = Screen(cols, rows)
    seen: dict[str, float] = {}
    played = 0
    error = None
    done_at = None
    last_read = t0
    try:
        while True:
            now = time.monotonic()
            if now - t0 > timeout:
                error = f"timed out after {timeout:.0f} s"
                break
            if done_at is not None and now >= done_at:
                break
            ready, _, _ = select.select([master], [], [], quiet)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # EIO: the program closed the terminal (exited)
                    data = b""
                if not data:
                    break
                last_read = time.monotonic()
                recording.chunks.append((last_read - t0, data))
                reply = answers(data) if answer else b""
                if reply:
                    os.write(master, reply)
                continue
            if played < len(recording.chunks) and time.monotonic() - last_read >= quiet:
                screen, seen, played = recording.replay(cols, rows, watches, screen, played, seen)
                if done_at is None and len(seen) == len(watches):
                    done_at = time.monotonic() + linger
            if proc.poll() is not None and not ready:
                break
    finally:
        with contextlib.suppress(OSError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        # what was written before the kill is still in the pty: read it for the record
        while True:
            try:
                ready, _, _ = select.select([master], [], [], 0)
                data = os.read(master, 65536) if ready else b""
            except OSError:
                data = b""
            if not data:
                break
            recording.chunks.append((time.monotonic() - t0, data))
        os.close(master)
    screen, seen, played = recording.replay(cols, rows, watches, screen, played, seen)
    if error is None and len(seen) < len(watches):
        missing = ", ".join(sorted(set(watches) - set(seen)))
        error = f"the screen never showed: {missing}"
    return Result(seen, screen, recording, error)


def _colour_picture(screen: Screen) -> list[str]:
    """One letter per cell: the cell's foreground colour, numbered in order of appearance."""
    names: dict[str, str] = {}
    letters = "._abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    out = []
    for row in range(screen.screen.lines):
        line = screen.screen.buffer[row]
        chars = []
        for col in range(screen.screen.columns):
            fg = line[col].fg
            if fg not in names:
                names[fg] = letters[min(len(names), len(letters) - 1)]
            chars.append(names[fg] if line[col].data.strip() else " ")
        out.append("".join(chars))
    out.append("colours: " + ", ".join(f"{v}={k}" for k, v in names.items()))
    return out


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m tests.bench.screen")
    parser.add_argument("--cols", type=int, default=TERM_SIZE[0])
    parser.add_argument("--rows", type=int, default=TERM_SIZE[1])
    parser.add_argument("--wait", type=float, default=3.0)
    parser.add_argument("cmd", nargs="+")
    args = parser.parse_args(argv)
    env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor")
    never: Check = lambda screen: False  # noqa: E731 - run until --wait
    result = run_in_terminal(args.cmd, {"never": never}, env=env, size=(args.cols, args.rows), timeout=args.wait)
    print("\n".join(result.screen.lines()))
    print("\n".join(_colour_picture(result.screen)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
