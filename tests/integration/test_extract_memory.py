"""``newsreader extract``'s memory is bounded whatever the line structure of its input (issue 18).

Each shape (``tests/bench/shapes.py``: short lines, prose on one line, the same prose in
paragraphs, numbers) is extracted by a fresh process that reports its own peak RSS. Before the
fix, 200 KB of short lines or of one-line prose took about 550 MB more than a small article (the
model's working memory grew with the text parsed in one batch); now under 50 MB. The bound
is relative to the same process on a small article, so a bigger model does not fail it. Slow
(about a minute and a half of CPU): ``make fuzz`` runs it; ``make bench`` reports the figures.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bench import shapes

ROOT = Path(__file__).resolve().parents[2]
LONG = os.environ.get("NEWSREADER_FUZZ") == "long"
SIZE = 250_000
#: Peak RSS above the small article's that no shape may reach (generous: the fix leaves < 50 MB).
BOUND_MB = 200

#: Runs extract and writes the process's own peak resident set (KB) to the first argument.
_MEASURE = """\
import resource, sys
from newsreader.cli import main
rc = main(sys.argv[2:])
with open(sys.argv[1], "w") as fh:
    fh.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
sys.exit(rc)
"""


def peak_rss_mb(path: Path, tmp: Path) -> float:
    report = tmp / f"{path.stem}.rss"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "tui"))
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _MEASURE,
            str(report),
            "extract",
            "--no-cache",
            "--format",
            "jsonl",
            "-o",
            str(tmp / f"{path.stem}.jsonl"),
            str(path),
        ],
        capture_output=True,
        timeout=1200,
        env=env,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-500:]
    return int(report.read_text()) / 1024  # Linux reports kilobytes


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> float:
    tmp = tmp_path_factory.mktemp("memory")
    small = tmp / "small.txt"
    small.write_text(shapes.paragraphs(3_000), encoding="utf-8")
    return peak_rss_mb(small, tmp)


@pytest.mark.slow
@pytest.mark.skipif(not LONG, reason="set NEWSREADER_FUZZ=long (make fuzz) for the memory runs")
@pytest.mark.parametrize("shape", shapes.SHAPES)
def test_extract_memory_does_not_grow_with_the_line_structure(shape, baseline, tmp_path) -> None:
    path = tmp_path / f"{shape}.txt"
    path.write_text(shapes.MAKERS[shape](SIZE), encoding="utf-8")
    peak = peak_rss_mb(path, tmp_path)
    print(f"\n{shape}, {SIZE:,} bytes: peak RSS {peak:.0f} MB ({baseline:.0f} MB for a 3 KB article)")
    assert peak - baseline < BOUND_MB, f"{shape}: {peak:.0f} MB peak, {baseline:.0f} MB for a small article"
