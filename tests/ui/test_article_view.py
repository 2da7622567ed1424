"""The article view inside the app: literal text, layers, search, mentions, flash, jumps."""

from __future__ import annotations

from rich.style import Style

from newsreader.model.vocabulary import LAYERS
from newsreader.ui.app import NewsreaderApp
from newsreader.ui.widgets.actors_panel import ActorsPanel
from uihelp import SEED, FakeService, big_markdown, wait_for


async def _open_seed(pilot, app):
    await wait_for(pilot, lambda: app.document is not None and app.analysis is not None)
    await pilot.pause()


def _word(article, text: str, phrase: str, word: str) -> Style:
    """Style of ``word`` where it occurs inside the first ``phrase`` of the text."""
    offset = text.index(phrase) + phrase.index(word)
    return _style_of(article, article.line_of_offset(offset), word)


def _word_text(article, text: str, phrase: str, word: str) -> Style:
    offset = text.index(phrase) + phrase.index(word)
    return _style_of_text(article, article.line_of_offset(offset), word)


def _style_of(article, line: int, word: str) -> Style:
    for text, style in article.line_styles(line):
        if text == word:
            return style
    raise AssertionError(f"{word!r} is not its own segment on line {line}: {article.line_styles(line)}")


async def test_brackets_in_the_seed_are_shown_literally():
    app = NewsreaderApp([str(SEED)], service=FakeService())
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_seed(pilot, app)
        text = "\n".join(app.article.rendered_text())
        assert "[responsibly]" in text
        assert "highly [responsibly]”." in " ".join(text.split())


async def test_hostile_markup_in_a_title_is_not_executed(tmp_path):
    hostile = tmp_path / "hostile.md"
    hostile.write_text(
        "# Breaking [@click=app.quit] news [bold]now[/bold]\n\nBody with [link=x]text[/link] and [red]red[/].\n",
        encoding="utf-8",
    )
    app = NewsreaderApp([str(hostile)], service=False)
    async with app.run_test(size=(200, 30)) as pilot:
        await wait_for(pilot, lambda: app.document is not None)
        await pilot.pause()
        article_text = "\n".join(app.article.rendered_text())
        assert "[@click=app.quit]" in article_text
        assert "[bold]now[/bold]" in article_text
        assert "[red]red[/]" in article_text
        # The library row shows the title literally too, and clicking it doesn't quit.
        await pilot.click("#library", offset=(5, 0))
        await pilot.pause()
        assert app.is_running
        assert "[@click=app.quit]" in app.library.entries[0].title
        rows = " ".join(line.strip() for line in app.library.entry_text(0))
        assert "[@click=app.quit]" in rows


async def test_layers_colour_entities_and_toggle_without_reanalysis():
    service = FakeService()
    app = NewsreaderApp([str(SEED)], service=service)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_seed(pilot, app)
        article = app.article
        text = app.document.text
        phrase = "Tokayev on Friday"
        plain = article.rich_style
        people = _word(article, text, phrase, "Tokayev")
        dates = _word(article, text, phrase, "Friday")
        assert people.color != plain.color and people.color is not None
        assert dates.color not in (plain.color, people.color)

        await pilot.press("1")  # hide people
        assert "people" not in article.visible_layers
        assert _word_text(article, text, phrase, "Tokayev").color == plain.color
        assert _word(article, text, phrase, "Friday") == dates  # other layers untouched
        await pilot.press("1")
        assert _word(article, text, phrase, "Tokayev") == people

        await pilot.press("0")  # all off
        assert article.visible_layers == frozenset()
        assert _word_text(article, text, phrase, "Friday").color == plain.color
        await pilot.press("0")  # all on
        assert article.visible_layers == frozenset(LAYERS)
        assert service.analyzed == []  # the cached analysis was used; nothing re-ran
        assert app.legend.visible_layers == set(LAYERS)


def _style_of_text(article, line: int, word: str) -> Style:
    """Style of the segment containing ``word`` (when it is not highlighted it merges with text)."""
    for text, style in article.line_styles(line):
        if word in text:
            return style
    raise AssertionError(word)


async def test_layer_colours_follow_the_theme():
    app = NewsreaderApp([str(SEED)], theme="dark", service=FakeService())
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_seed(pilot, app)
        text = app.document.text
        dark = _word(app.article, text, "Tokayev on Friday", "Tokayev")
        app.theme = "light"
        await pilot.pause()
        light = _word(app.article, text, "Tokayev on Friday", "Tokayev")
        assert dark.color != light.color


async def test_search_counts_steps_and_clears():
    app = NewsreaderApp([str(SEED)], service=FakeService())
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_seed(pilot, app)
        await pilot.press("slash")
        assert app.search_bar.display
        for ch in "tokayev":
            await pilot.press(ch)
        article = app.article
        expected = app.document.text.lower().count("tokayev")
        assert article.match_count == expected > 3
        await pilot.press("enter")
        assert article.current_match == 0
        count = app.search_bar.query_one("#search-count").render()
        assert str(count) == f"1/{expected}"
        await pilot.press("n")
        assert article.current_match == 1
        await pilot.press("N", "N")
        assert article.current_match == expected - 1  # wraps around
        # The current match is on screen and styled differently from the others.
        s, e = article._matches[article.current_match]
        line = article.line_of_offset(s)
        assert article.scroll_y <= line < article.scroll_y + article.size.height
        other_s, _ = article._matches[0]
        text = app.document.text
        current_style = _style_of(article, line, text[s:e])
        other_style = _style_of(article, article.line_of_offset(other_s), text[other_s : other_s + len("tokayev")])
        assert current_style != other_style
        assert other_style.bgcolor != article.rich_style.bgcolor
        await pilot.press("escape")
        assert article.match_count == 0
        assert not app.search_bar.display


async def test_search_with_no_match_says_so():
    app = NewsreaderApp([str(SEED)], service=FakeService())
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_seed(pilot, app)
        await pilot.press("slash", "z", "q", "x")
        assert app.article.match_count == 0
        assert str(app.search_bar.query_one("#search-count").render()) == "no matches"
        await pilot.press("escape")
        assert app.focused is app.article


async def test_jump_to_scrolls_and_flashes_then_fades():
    app = NewsreaderApp([str(SEED)], service=FakeService())
    async with app.run_test(size=(100, 20)) as pilot:
        await _open_seed(pilot, app)
        text = app.document.text
        start = text.index("Ablyazov")
        app.panel.post_message(ActorsPanel.JumpTo(start, start + len("Ablyazov")))
        await pilot.pause()
        article = app.article
        line = article.line_of_offset(start)
        assert article.scroll_y <= line < article.scroll_y + article.size.height
        flashed = _style_of(article, line, "Ablyazov")
        assert flashed.bgcolor != article.rich_style.bgcolor
        article._end_flash()  # what the 1.5 s timer does
        assert _style_of_text(article, line, "Ablyazov").bgcolor == article.rich_style.bgcolor


async def test_mentions_are_marked_and_escape_clears_them():
    app = NewsreaderApp([str(SEED)], service=FakeService())
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_seed(pilot, app)
        text = app.document.text
        start = text.index("Germany")
        app.panel.post_message(ActorsPanel.ShowMentions([(start, start + 7)]))
        await pilot.pause()
        article = app.article
        assert article.has_mentions
        line = article.line_of_offset(start)
        assert _style_of(article, line, "Germany").underline
        article.focus()
        await pilot.press("escape")
        assert not article.has_mentions


async def test_paging_and_top_bottom_keys(tmp_path):
    long = tmp_path / "long.md"
    long.write_text("# Long\n\n" + "\n\n".join(f"Paragraph {i} " + "word " * 30 for i in range(200)), encoding="utf-8")
    app = NewsreaderApp([str(long)], service=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.document is not None)
        await pilot.pause()
        article = app.article
        article.focus()
        assert article.scroll_y == 0
        await pilot.press("space")
        first_page = article.scroll_y
        assert first_page > 10
        await pilot.press("pagedown")
        assert article.scroll_y > first_page
        await pilot.press("b")
        assert article.scroll_y == first_page
        await pilot.press("G")
        await pilot.pause()
        assert article.scroll_y == article.max_scroll_y > 100
        await pilot.press("g")
        await pilot.pause()
        assert article.scroll_y == 0
        await pilot.press("j", "j")
        assert article.scroll_y == 2
        await pilot.press("k")
        assert article.scroll_y == 1


async def test_resize_rewraps_and_keeps_the_reading_position(tmp_path):
    app = NewsreaderApp([str(SEED)], service=FakeService())
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_seed(pilot, app)
        article = app.article
        offset = app.document.text.index("Ablyazov")
        article.scroll_to_offset(offset)
        await pilot.pause()
        before_lines = len(article.rendered_text())
        before_top = article._top_offset()
        assert before_top > 0
        await pilot.resize_terminal(70, 30)
        await pilot.pause()
        assert len(article.rendered_text()) != before_lines
        # The same text stays at the top (to within a line of the new, narrower wrap).
        assert abs(article._top_offset() - before_top) < 80


async def test_analysis_failure_keeps_text_and_notifies():
    app = NewsreaderApp([str(SEED)], service=FakeService(cached=False, fail=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.document is not None)
        await wait_for(pilot, lambda: any("Analysis failed" in str(n.message) for n in app._notifications))
        assert app.analysis is None and not app.analysing
        assert "[responsibly]" in "\n".join(app.article.rendered_text())


async def test_uncached_analysis_shows_analysing_state_then_result():
    import threading

    gate = threading.Event()

    class SlowService(FakeService):
        def analyze(self, document):
            gate.wait(5)
            return super().analyze(document)

    app = NewsreaderApp([str(SEED)], service=SlowService(cached=False))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.analysing)
        assert "analysing" in app.status_text
        assert app.panel.analysing
        assert "[responsibly]" in "\n".join(app.article.rendered_text())  # text first
        gate.set()
        await wait_for(pilot, lambda: app.analysis is not None)
        assert "analysing" not in app.status_text


async def test_600kb_article_shows_and_scrolls(tmp_path):
    # How fast it paints is a `make bench` row (600 KB article: first paint); how layout grows
    # with size, test_article_layout. Here: that it shows, scrolls to its end and searches.
    big = tmp_path / "big.md"
    big.write_text(big_markdown(), encoding="utf-8")
    app = NewsreaderApp([str(big)], service=False)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for(pilot, lambda: app.article_show_seconds is not None)
        article = app.article
        article.focus()
        await pilot.pause()  # let the first layout settle (the scrollbar appearing re-wraps)
        await pilot.press("G")
        await pilot.pause()
        assert article.scroll_y == article.max_scroll_y > 5_000
        await pilot.press("slash", *"geneva", "enter")
        assert article.match_count > 1000


async def test_control_characters_never_reach_the_terminal():
    from newsreader.model.analysis import Analysis, Entity
    from newsreader.model.document import Block, BlockKind, Document, Metadata

    title = "Title\x1b]0;pwned\x07"
    para = "Esc \x1b[31mred\x1b[0m bell\x07 tab\there \x9b2J done."
    code = "code\x1b[2J\tx"
    text = f"{title}\n\n{para}\n\n{code}"
    p, c = text.index(para), text.index(code)
    blocks = [
        Block(BlockKind.TITLE, 0, len(title)),
        Block(BlockKind.PARAGRAPH, p, p + len(para)),
        Block(BlockKind.CODE, c, c + len(code)),
    ]
    doc = Document(path="x.md", text=text, blocks=blocks, meta=Metadata(title="t"))
    # Entities may even stray past the end of the text: they are clipped, never fatal.
    analysis = Analysis(
        model="m", entities=[Entity(p, p + 3, "Esc", "PERSON", "people"), Entity(c, 5000, "x", "DATE", "dates")]
    )
    app = NewsreaderApp([str(SEED)], service=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.document is not None)
        app.article.show(doc, analysis)
        await pilot.pause()
        article = app.article
        rendered = "\n".join(
            "".join(text for text, _ in article.line_styles(i)) for i in range(len(article.rendered_text()))
        )
        assert not [ch for ch in rendered if (ord(ch) < 0x20 and ch != "\n") or 0x7F <= ord(ch) < 0xA0]
        assert "red" in rendered and "done." in rendered and "pwned" in rendered
