"""A saved web page and a feed entry go through the real analysis like Markdown articles.

The page and the feed are written by the test (sentences of our own); the analysis runs
with the real English model and no cache, and must find entities and at least one actor
placed in a country. The network is off throughout: nothing may be fetched.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from newsreader.library import load_document, read_entries
from newsreader.model.document import DocStatus

pytestmark = [pytest.mark.model, pytest.mark.xdist_group("model")]

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>France condemns strike on aid convoy | Riverside Courier</title>
<meta property="og:site_name" content="Riverside Courier">
<link rel="canonical" href="https://courier.example.org/world/aid-convoy">
<meta property="article:published_time" content="2024-03-05T10:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>France condemns strike on aid convoy</h1>
<p>French President Emmanuel Macron condemned the attack on a humanitarian convoy near the border
on Tuesday, calling it an unacceptable violation of international law.</p>
<p>German Chancellor Olaf Scholz said Berlin would send 20 million euros in emergency aid to the
region, and the Italian government offered to fly the wounded to hospitals in Rome.</p>
<p>Officials said 12 people were injured in the strike.</p>
</article>
<footer>Copyright 2024 Riverside Courier</footer>
</body></html>
"""

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>World Desk</title><link>https://desk.example.com/</link>
<item><title>Japan welcomes talks with South Korea</title><link>https://desk.example.com/talks</link>
<pubDate>Mon, 01 Apr 2024 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Japanese Prime Minister Fumio Kishida welcomed the agreement to hold talks with
South Korea in Seoul next month.&lt;/p&gt;&lt;p&gt;Chinese officials criticised the plan on Tuesday.&lt;/p&gt;</description>
</item></channel></rss>
"""


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    attempts: list[str] = []

    def refuse(*args, **kwargs):
        attempts.append(repr(args[:2]))
        raise OSError("network access attempted in a test")

    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    yield
    assert attempts == []


@pytest.fixture(scope="module")
def service():
    from newsreader.analysis.service import AnalysisService

    return AnalysisService(use_cache=False)


def _check(analysis, document) -> None:
    assert analysis.entities, "no entities found"
    for entity in analysis.entities:
        assert 0 <= entity.start < entity.end <= len(document.text)
    placed = [actor for actor in analysis.actors if actor.country]
    assert placed, f"no actor with a country among {[a.name for a in analysis.actors]}"


def test_saved_web_page_is_analysed_like_an_article(tmp_path: Path, service) -> None:
    path = tmp_path / "convoy.html"
    path.write_text(PAGE, encoding="utf-8")
    document = load_document(path)
    assert document.status is DocStatus.OK and "Home" not in document.text
    analysis = service.analyze(document)
    _check(analysis, document)
    countries = {actor.country for actor in analysis.actors}
    assert "FRA" in countries
    texts = {document.text[e.start : e.end] for e in analysis.entities}
    assert "Emmanuel Macron" in texts


def test_feed_entry_is_analysed_like_an_article(tmp_path: Path, service) -> None:
    path = tmp_path / "desk.rss"
    path.write_text(FEED, encoding="utf-8")
    (entry,) = read_entries(path)
    document = load_document(entry.path)
    assert document.status is DocStatus.OK and document.meta.source == "World Desk"
    analysis = service.analyze(document)
    _check(analysis, document)
    assert "JPN" in {actor.country for actor in analysis.actors}
