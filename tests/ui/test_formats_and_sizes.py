"""Web pages and feeds in the reader (each feed entry one row, opening like an article), and the
layout under live resizing from 200x60 down to 40x12."""

from __future__ import annotations

import pytest

from newsreader.ui.app import NewsreaderApp
from uihelp import SEED, FakeService, seed_analysis, wait_for

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Desk</title><link>https://desk.example.com/</link><description>Test feed</description>
<item>
  <title>Germany pledges aid after floods</title>
  <link>https://desk.example.com/germany-aid</link>
  <pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
  <description>&lt;p&gt;Germany denounced the delay. Berlin promised help within a week.&lt;/p&gt;</description>
</item>
<item>
  <title>Spain urges calm</title>
  <link>https://desk.example.com/spain-calm</link>
  <pubDate>Wed, 06 Mar 2024 08:30:00 GMT</pubDate>
  <description>Madrid urged all sides to remain calm.</description>
</item>
</channel></rss>
"""

PAGE = """<!doctype html><html><head><title>Harbour reopens | Coast News</title>
<meta property="og:site_name" content="Coast News">
<meta property="article:published_time" content="2024-03-08T07:00:00Z">
<link rel="canonical" href="https://coast.example.com/harbour"></head>
<body><nav>Home | World | Sport</nav><article><h1>Harbour reopens</h1>
<p>Germany denounced the closure of the harbour last month, and the port authority said on
Friday that ships would return to the quay by the end of the week.</p>
<p>Officials expect 3,000 containers in the first days.</p></article>
<footer>Copyright Coast News</footer></body></html>
"""


def germany(text: str):
    if "Germany denounced" not in text:
        from newsreader.model.analysis import Analysis

        return Analysis(model="t")
    from newsreader.model.analysis import Actor, Analysis, Entity, Reaction

    i = text.index("Germany denounced")
    end = text.index(".", i) + 1
    return Analysis(
        model="t",
        entities=[Entity(i, i + 7, "Germany", "GPE", "places", "DEU")],
        actors=[Actor("deu", "Germany", "country", "DEU", None, [(i, i + 7)])],
        reactions=[Reaction("deu", "DEU", "ACCUSE", "denounced", None, (i, end), actor_name="Germany")],
    )


async def test_feed_entries_are_rows_and_a_page_opens_with_its_panel(tmp_path):
    (tmp_path / "desk.rss").write_text(FEED, encoding="utf-8")
    (tmp_path / "harbour.html").write_text(PAGE, encoding="utf-8")
    app = NewsreaderApp([str(tmp_path)], service=FakeService(analysis_for=germany), index=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_for(pilot, lambda: app.library_ready and app.document is not None)
        titles = [e.title for e in app.library_entries]
        assert "Germany pledges aid after floods" in titles and "Spain urges calm" in titles
        assert any("Harbour reopens" in t for t in titles) and len(titles) == 3
        for title in ("Germany pledges aid after floods", "Harbour reopens"):
            path = next(e.path for e in app.library_entries if title in e.title)
            app.open_path(path)
            await wait_for(pilot, lambda path=path: app.document.path == path and app.analysis is not None)
            assert "Germany denounced" in app.document.text
            assert any(row.item is not None and row.item.text == "Germany" for row in app.panel.rows)
            lines = range(len(app.article.rendered_text()))
            styled = [s for i in lines for t, s in app.article.line_styles(i) if t.strip() == "Germany"]
            assert styled  # the entity is drawn as its own highlighted segment
        assert app.document.meta.url == "https://coast.example.com/harbour"


async def test_empty_library_message_names_every_format(tmp_path):
    app = NewsreaderApp([str(tmp_path)], service=False, index=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.library_ready)
        await pilot.pause()
        text = "\n".join(app.article.rendered_text())
        for fmt in (".md", ".txt", ".html", ".rss", ".atom", ".xml"):
            assert fmt in text


@pytest.mark.parametrize("start", [(200, 60), (120, 40)])
async def test_live_resizing_keeps_a_working_layout(start):
    app = NewsreaderApp([str(SEED)], service=FakeService(analysis_for=seed_analysis), index=False)
    async with app.run_test(size=start) as pilot:
        await wait_for(pilot, lambda: app.analysis is not None)
        for width, height in ((80, 24), (40, 12), (100, 30), (40, 12), (200, 60), start):
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            assert app.size == (width, height)
            assert app._pane_visible("library") == (width >= 110)
            assert app._pane_visible("panel") == (width >= 90)
            # The article always keeps a readable column and its text.
            assert app.article.size.width >= min(width, 30) - 2
            assert any("responsibly" in line for line in app.article.rendered_text())
        await pilot.resize_terminal(40, 12)
        await pilot.press("L")
        await pilot.pause()
        assert app._pane_visible("library") and app.article.size.width >= 18
        await pilot.press("L", "P")
        await pilot.pause()
        assert app._pane_visible("panel") and app.article.size.width >= 15
