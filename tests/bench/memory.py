"""``make bench`` rows: the peak memory of ``newsreader extract`` on 900 KB texts of each line
structure (``shapes.py``: short lines, prose on one line, the same prose in paragraphs, numbers),
beside the same command on a 3 KB article (the model and the program: the constant part).

Issue 18 measured 3.9 GB, 2.7 GB, 0.7 GB and 2.6 GB before the analysis parsed in bounded
batches; the target is issue 17's 400 MB for normal use.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.bench import shapes
from tests.bench.run import Cell, Target, spawn

SIZE = 900_000
LABELS = {
    "short-lines": "short lines",
    "one-line-prose": "prose on one line",
    "paragraphs": "prose in paragraphs",
    "numbers": "numbers",
}


def add_rows(row, bench, inputs: Path) -> None:
    """Add the rows through ``run.main``'s ``row(name, ours, competitor, theirs, target)``."""
    folder = inputs / "shapes"
    paths: dict[str, Path] = {}
    small: dict[str, Cell] = {}

    def shape_path(shape: str) -> Path:
        if not paths:
            paths.update(shapes.write_shapes(folder, SIZE))
        return paths[shape]

    def small_article() -> Cell:
        if "cell" not in small:
            path = folder / "small" / "article-3k.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(shapes.paragraphs(3_000), encoding="utf-8")
            small["cell"] = peak(path)
        return small["cell"]

    def peak(path: Path) -> Cell:
        cmd = [sys.executable, "-m", "newsreader", "extract", "--no-cache", "--format", "jsonl", str(path)]
        run = spawn(cmd, bench.env(), timeout=1800)
        if run.error:
            return Cell(run.error)
        mb = run.rss_kb / 1024
        return Cell(f"{mb:.0f} MB peak RSS ({run.wall_s:.0f} s)", f"{mb:.0f} MB", mb, mb)

    for shape in shapes.SHAPES:
        row(
            f"extract peak memory: {SIZE // 1000:,} KB of {LABELS[shape]}",
            lambda s=shape: peak(shape_path(s)),
            "same command, 3 KB article",
            small_article,
            Target("<= 400 MB (issue 17)", lambda ours, theirs: ours <= 400),
        )
