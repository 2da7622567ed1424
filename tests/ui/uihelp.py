"""Helpers for the UI tests: a fixed Analysis of the seed (no spaCy) and a fake service.

The fake analysis is built by finding words in the seed's own ``Document.text``, so every
offset is real and tests stay deterministic without loading a model.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from newsreader.library import load_document
from newsreader.model.analysis import Actor, Analysis, Entity, Reaction

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_567d9a6d704748c4.txt"

#: word -> (spaCy label, layer) for the fixed analysis.
SEED_ENTITIES = {
    "Tokayev": ("PERSON", "people"),
    "Nursultan Nazarbayev": ("PERSON", "people"),
    "Collective Security Treaty Organization": ("ORG", "organizations"),
    "CSTO": ("ORG", "organizations"),
    "Almaty": ("GPE", "places"),
    "Kazakhstan": ("GPE", "places"),
    "Russia": ("GPE", "places"),
    "Kazakh": ("NORP", "groups"),
    "Chinese": ("NORP", "groups"),
    "26": ("CARDINAL", "numbers"),
    "3,000": ("CARDINAL", "numbers"),
    "Friday": ("DATE", "dates"),
    "Thursday": ("DATE", "dates"),
}


def seed_document():
    return load_document(SEED)


def seed_analysis(text: str | None = None) -> Analysis:
    text = text if text is not None else seed_document().text
    entities: list[Entity] = []
    taken: list[tuple[int, int]] = []
    for word, (label, layer) in SEED_ENTITIES.items():
        for m in re.finditer(r"\b" + re.escape(word) + r"\b", text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append(m.span())
            entities.append(Entity(m.start(), m.end(), word, label, layer, None))
    entities.sort(key=lambda e: e.start)
    tokayev = [(e.start, e.end) for e in entities if e.text == "Tokayev"]
    germany = text.index("Germany denounced")
    sentence_end = text.index(".", germany) + 1
    actors = [
        Actor("kaz-tokayev", "Kassym-Jomart Tokayev", "person", "KAZ", "President", tokayev),
        Actor("deu", "Germany", "country", "DEU", None, [(germany, germany + len("Germany"))]),
    ]
    reactions = [
        Reaction(
            "deu",
            "DEU",
            "ACCUSE",
            "denounced",
            "Tokayev",
            (germany, sentence_end),
            trigger_span=(germany + 8, germany + 17),
            summary="denounced Tokayev's use of force",
            actor_name="Germany",
        ),
    ]
    return Analysis(model="test-fixed", entities=entities, actors=actors, reactions=reactions)


class FakeService:
    """Stands in for AnalysisService: answers instantly with a fixed analysis."""

    def __init__(self, analysis_for=seed_analysis, cached: bool = True, fail: bool = False):
        self.analysis_for = analysis_for
        self.is_cached = cached
        self.fail = fail
        self.analyzed: list[str] = []
        self.notices: list[str] = []

    def cached(self, document):
        return self.analysis_for(document.text) if self.is_cached and not self.fail else None

    def analyze(self, document):
        self.analyzed.append(document.path)
        if self.fail:
            raise RuntimeError("model exploded")
        return self.analysis_for(document.text)


@pytest.fixture
def seed_dir() -> Path:
    return SEEDS


async def wait_for(pilot, predicate, timeout: float = 60.0) -> None:
    """Let the app run until ``predicate()`` holds (workers finish) or fail after ``timeout``.

    The timeout only keeps a hang from stalling the suite; it is no speed budget, so it is
    generous (a loaded machine can take seconds to load the model). It returns as soon as the
    condition holds.
    """
    import time

    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not reached in {timeout:g} s (a hang?)")
        await pilot.pause(0.02)


def write_library(directory: Path, count: int = 3) -> list[Path]:
    """Small dated Markdown articles: newest first in the library order."""
    files = []
    for i in range(count):
        path = directory / f"article-{i}.md"
        body = "\n\n".join(f"Paragraph {p} of article {i} mentions Berlin and Paris." for p in range(40))
        path.write_text(
            f"---\ntitle: Article {i}\ndate: 2024-01-{10 + i:02d}\nsource: Wire {i}\n---\n\n# Article {i}\n\n{body}\n",
            encoding="utf-8",
        )
        files.append(path)
    return files


def big_markdown(target_bytes: int = 600_000) -> str:
    """A synthetic long article (generated words, no corpus text) of about ``target_bytes``."""
    words = [
        "minister",
        "said",
        "Tuesday",
        "the",
        "talks",
        "in",
        "Geneva",
        "would",
        "resume",
        "after",
        "a",
        "pause",
        "of",
        "3,000",
        "troops",
        "and",
        "*several*",
        "officials",
        "**denied**",
        "reports",
    ]
    parts, size, i = ["# A very long article\n"], 0, 0
    while size < target_bytes:
        para = " ".join(words[(i + k * 7) % len(words)] for k in range(90)) + "."
        if i % 25 == 0:
            para = f"## Section {i // 25}\n\n" + para
        parts.append(para)
        size += len(para) + 2
        i += 1
    return "\n\n".join(parts)


os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
