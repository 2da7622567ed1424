"""The reader on the project's own articles (tests/fixtures/articles): every format and every
messy file is listed, opens and paints, with no ../shared needed."""

from __future__ import annotations

from conftest import ARTICLES, MESSY
from newsreader.model.document import DocStatus
from newsreader.ui.app import NewsreaderApp
from test_hostile_render import frame_problems
from uihelp import FakeService, wait_for


async def test_every_own_article_is_listed_opens_and_paints() -> None:
    app = NewsreaderApp([str(ARTICLES)], service=FakeService(cached=True), index=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_for(pilot, lambda: app.library_ready and app.document is not None)
        rows = app.library_entries
        titles = {row.title for row in rows}
        # one row per article file, one per feed entry (two feeds of two entries each)
        assert {
            "Norway sends rescue ships after a ferry runs aground",
            "Fiji asks for help after a cyclone",
            "Coastal province elects a new governor",
            "Café owners in Liège protest new market rules",
        } <= titles
        assert len(rows) == len([p for p in ARTICLES.rglob("*") if p.is_file() and not p.name.startswith(".")]) + 2
        marked = {row.title: row.status for row in rows if row.status is not DocStatus.OK}
        assert marked["picture"] is DocStatus.ERROR and marked["empty"] is DocStatus.WARNING
        seen = []
        for step in range(len(rows)):
            await wait_for(pilot, lambda: app.document is not None and app.document.path not in seen)
            seen.append(app.document.path)
            await pilot.pause()
            assert frame_problems(app) == [], app.document.path
            if step < len(rows) - 1:
                await pilot.press("J")
        assert len(seen) == len(rows)
        assert any(path.startswith(str(MESSY)) for path in seen)
