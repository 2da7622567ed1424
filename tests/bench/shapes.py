"""Texts of one size in the line structures that once made ``extract``'s memory grow without bound
(issue 18): short lines, prose on one line, the same prose in paragraphs, and numbers.

Made up from ``generate``'s word lists (no corpus text is copied); a fixed seed makes every run
write the same files. ``python -m tests.bench.shapes DIR [BYTES]`` writes the four files.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from tests.bench.generate import _sentence

SHAPES = ("short-lines", "one-line-prose", "paragraphs", "numbers")


def _sentences(target_bytes: int, seed: int):
    rng = random.Random(seed)
    size = 0
    while size < target_bytes:
        sentence = _sentence(rng)
        size += len(sentence.encode("utf-8")) + 1
        yield sentence


def short_lines(target_bytes: int, seed: int = 7) -> str:
    """One short sentence per line."""
    return "\n".join(_sentences(target_bytes, seed)) + "\n"


def one_line_prose(target_bytes: int, seed: int = 7) -> str:
    """Prose with no line break at all."""
    return " ".join(_sentences(target_bytes, seed)) + "\n"


def paragraphs(target_bytes: int, seed: int = 7) -> str:
    """The same prose in paragraphs of four sentences."""
    sentences = list(_sentences(target_bytes, seed))
    return "\n\n".join(" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)) + "\n"


def numbers(target_bytes: int, seed: int = 7) -> str:
    """A table dump: lines of ten numbers (integers, decimals, thousands, percentages)."""
    rng = random.Random(seed)
    forms = (
        lambda: str(rng.randint(0, 99_999)),
        lambda: f"{rng.uniform(0, 1000):.2f}",
        lambda: f"{rng.randint(1000, 9_999_999):,}",
        lambda: f"{rng.randint(0, 100)}%",
    )
    lines: list[str] = []
    size = 0
    while size < target_bytes:
        line = " ".join(rng.choice(forms)() for _ in range(10))
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines) + "\n"


MAKERS = {"short-lines": short_lines, "one-line-prose": one_line_prose, "paragraphs": paragraphs, "numbers": numbers}


def write_shapes(folder: Path, target_bytes: int) -> dict[str, Path]:
    """The four shapes as ``folder/<shape>.txt``, each about ``target_bytes`` long."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for shape, make in MAKERS.items():
        path = folder / f"{shape}.txt"
        path.write_text(make(target_bytes), encoding="utf-8")
        out[shape] = path
    return out


if __name__ == "__main__":
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 900_000
    for name, path in write_shapes(Path(sys.argv[1]), size).items():
        print(name, path, path.stat().st_size)
