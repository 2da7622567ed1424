"""A cached analysis is painted with the text: the first frame that draws the article already
has its highlights and the actors panel (no second frame once a worker finds the cache)."""

from __future__ import annotations

import shutil

import pytest

from newsreader.ui.app import NewsreaderApp
from newsreader.ui.widgets.article_view import ArticleView
from uihelp import SEED, FakeService, wait_for


@pytest.mark.parametrize("given", ["file", "folder"])
async def test_cached_analysis_is_there_whenever_the_text_is_drawn(tmp_path, monkeypatch, given):
    # A named file is read before the first paint; a folder goes through the library and
    # document workers: both must draw the text and its analysis together.
    shutil.copy(SEED, tmp_path / SEED.name)
    target = tmp_path / SEED.name if given == "file" else tmp_path
    service = FakeService(cached=True)
    app = NewsreaderApp([str(target)], service=service, index=False)
    drawn: list[tuple[bool, bool]] = []  # per line of the article drawn: (highlights, panel)
    render_line = ArticleView.render_line

    def watching_render_line(view: ArticleView, y: int):
        document = view.document
        if document is not None and document.path.endswith(SEED.name):
            drawn.append((view.analysis is not None and bool(view._entities), view.app.panel.analysis is not None))
        return render_line(view, y)

    monkeypatch.setattr(ArticleView, "render_line", watching_render_line)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.analysis is not None and bool(drawn))
        await pilot.pause()
    assert drawn, "the article was never drawn"
    assert all(highlights for highlights, _ in drawn), "text drawn before its cached highlights"
    assert all(panel for _, panel in drawn), "text drawn before the actors panel had its analysis"
    assert service.analyzed == []  # served from the cache, nothing analysed
