"""Issue 14 in the real app: a library you can scan (full titles, dates, short sources,
countries), its views and orders from keys, and reading that resumes where it stopped."""

from __future__ import annotations

from pathlib import Path

from newsreader.model.analysis import Actor, Analysis
from newsreader.state import ReadingState
from newsreader.ui.app import NewsreaderApp
from uihelp import FakeService, wait_for

TITLES = [
    (
        "Ministers of several neighbouring countries meet to discuss the river treaty",
        "2024-03-09",
        "Wire Service (text via a long corpus description that nobody scans)",
    ),
    ("Harbour reopens after the storm", "2024-03-08", "Coast Gazette"),
    (
        "A long awaited report on regional rail links is published at last",
        "2024-03-07",
        "Wire Service (text via a long corpus description that nobody scans)",
    ),
]


def write_articles(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, (title, date, source) in enumerate(TITLES):
        body = "\n\n".join(f"Paragraph {p} of the story about {title.lower()} in Berlin." for p in range(60))
        path = folder / f"story-{i}.md"
        path.write_text(
            f"---\ntitle: {title}\ndate: {date}\nsource: {source}\n---\n\n# {title}\n\n{body}\n", encoding="utf-8"
        )
        paths.append(path)
    return paths


def berlin(text: str) -> Analysis:
    """Every article is about Germany (Berlin), the harbour story about France too."""
    actors = [Actor("deu", "Germany", "country", "DEU", None, [(0, 1)])]
    if "harbour" in text.lower():
        actors.insert(0, Actor("fra", "France", "country", "FRA", None, [(0, 1), (2, 3), (4, 5)]))
    return Analysis(model="en_core_web_trf-3.8.0", actors=actors)


async def ready(pilot, app) -> None:
    await wait_for(pilot, lambda: app.library_ready and app.document is not None, timeout=20)
    await app.workers.wait_for_complete()
    await pilot.pause()


def pane_title(app) -> str:
    return str(app._main().query_one("#library-pane").border_title)


async def test_rows_show_full_title_date_short_source_and_countries(tmp_path):
    write_articles(tmp_path / "lib")
    app = NewsreaderApp([str(tmp_path / "lib")], service=FakeService(analysis_for=berlin), index=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot, app)
        await wait_for(pilot, lambda: app.analysis is not None)
        await pilot.pause()
        lines = app.library.entry_text(0)
        words = " ".join(line.strip(" •★") for line in lines[:-1])
        assert words == TITLES[0][0]  # the whole title, wrapped over lines, nothing cut
        assert len(lines) > 2
        meta = lines[-1]
        assert "2024-03-09" in meta and "Wire" in meta and "corpus" not in meta
        assert "DEU" in meta  # the open article is analysed: its country shows
        assert "DEU" not in app.library.entry_text(1)[-1]  # not analysed yet: nothing claimed
        # The status bar: the short source, the whole date and a short model name.
        assert "2024-03-09" in app.status_text and "spaCy trf" in app.status_text
        assert "en_core_web_trf-3.8.0" not in app.status_text and "corpus" not in app.status_text


async def test_s_orders_by_source_and_country_with_group_headings(tmp_path):
    write_articles(tmp_path / "lib")
    app = NewsreaderApp([str(tmp_path / "lib")], service=FakeService(analysis_for=berlin), index=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await ready(pilot, app)
        app.library.focus()
        await pilot.press("s")
        assert app.library_sort == "source"
        assert [e.title for e in app.library_entries] == [TITLES[1][0], TITLES[0][0], TITLES[2][0]]
        # a heading starts each group, with its unread count (the article opened at start is read)
        assert app.library.entry_text(0)[0].strip() == "Coast Gazette · 1 unread"
        assert app.library.entry_text(1)[0].strip() == "Wire Service · 1 unread"
        assert not app.library.entry_text(2)[0].strip().startswith("Wire Service")  # same group: no heading
        await pilot.press("g", "m")  # marking one read updates its group's count at once
        await pilot.pause()
        assert app.library.entry_text(0)[0].strip() == "Coast Gazette"
        await pilot.press("m")
        await pilot.pause()
        assert "by source" in str(app._main().query_one("#library-pane").border_subtitle)
        # Analyse the harbour story, then order by country.
        await pilot.press("g", "enter")
        await wait_for(pilot, lambda: app.analysis is not None and "Harbour" in app.document.meta.title)
        await pilot.pause()
        app.library.focus()
        await pilot.press("s")
        assert app.library_sort == "country"
        groups = [app.library.groups[i] for i in range(3)]
        # The harbour story is mostly about France; the first one (opened at start) Germany.
        assert groups == ["France · FRA", "Germany · DEU", "Not analysed yet"]
        assert app.library_entries[0].title == TITLES[1][0]
        await pilot.press("s")
        assert app.library_sort == "newest" and set(app.library.groups) == {""}
        assert [e.title for e in app.library_entries] == [t for t, _, _ in TITLES]


async def test_u_shows_only_unread_then_only_bookmarked_with_counts(tmp_path):
    write_articles(tmp_path / "lib")
    app = NewsreaderApp([str(tmp_path / "lib")], service=False, index=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await ready(pilot, app)
        assert "3" in pane_title(app) and "2 unread" in pane_title(app)  # the first one is open
        app.library.focus()
        await pilot.press("j", "B")
        await pilot.press("u")
        assert app.library_view == "unread"
        # The two unread articles, and the one being read (read, but open: it stays listed).
        assert [e.title for e in app.library_entries] == [TITLES[0][0], TITLES[1][0], TITLES[2][0]]
        assert pane_title(app).startswith("Unread · 2/3") and "1★" in pane_title(app)
        await pilot.press("J")  # reading the next one: still listed, one fewer unread
        await wait_for(pilot, lambda: app.document.meta.title == TITLES[1][0])
        assert len(app.library_entries) == 3 and pane_title(app).startswith("Unread · 1/3")
        await pilot.press("s")  # re-arranged: the article left behind is read, so it goes
        assert [e.title for e in app.library_entries] == [TITLES[1][0], TITLES[2][0]]
        await pilot.press("s", "s")
        await pilot.press("u")
        assert app.library_view == "bookmarked"
        assert [e.title for e in app.library_entries] == [TITLES[1][0]]
        assert pane_title(app).startswith("Bookmarked · 1/3") and "1 unread" in pane_title(app)
        await pilot.press("B")  # the bookmark goes: the list says why it is empty
        await pilot.press("u", "u", "u")
        assert app.library_view == "bookmarked" and app.library_entries == []
        assert "No bookmarks yet" in app.library.placeholder and "B" in app.library.placeholder
        await pilot.press("u")
        assert app.library_view == "all" and len(app.library_entries) == 3


async def test_opening_a_hidden_article_from_the_palette_shows_every_article(tmp_path):
    paths = write_articles(tmp_path / "lib")
    app = NewsreaderApp([str(tmp_path / "lib")], service=False, index=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await ready(pilot, app)
        await pilot.press("u", "u")  # bookmarked only: the open article is not listed
        assert app.library_view == "bookmarked" and not app.library_entries
        app.open_path(str(paths[0]))
        await pilot.pause()
        assert app.library_view == "all" and app.library_entries[app.current_index].path == str(paths[0])


async def test_scroll_position_is_kept_per_article_and_across_restarts(tmp_path):
    write_articles(tmp_path / "lib")
    app = NewsreaderApp([str(tmp_path / "lib")], service=False, index=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot, app)
        app.article.focus()
        await pilot.press(*["space"] * 3, "j", "j")
        await pilot.pause()
        where = app.article.top_offset
        assert where > 0
        await pilot.press("J")
        await wait_for(pilot, lambda: app.current_index == 1 and app.document.meta.title == TITLES[1][0])
        await pilot.pause()
        assert app.article.scroll_y == 0  # a new article starts at its top
        await pilot.press("space")
        second = app.article.top_offset
        await pilot.press("K")
        await wait_for(pilot, lambda: app.current_index == 0 and app.document.meta.title == TITLES[0][0])
        await pilot.pause()
        assert app.article.top_offset == where  # J then K: back where the reader was
        await pilot.press("J", "q")
    # A restart reopens the article being read, at the place it was left.
    assert ReadingState.load().last_opened().endswith("story-1.md")
    app = NewsreaderApp([str(tmp_path / "lib")], service=False, index=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot, app)
        await pilot.pause()
        assert app.document.meta.title == TITLES[1][0] and app.current_index == 1
        assert app.article.top_offset == second


async def test_view_and_order_come_back_after_a_restart(tmp_path):
    paths = write_articles(tmp_path / "lib")
    app = NewsreaderApp([str(tmp_path / "lib")], service=False, index=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await ready(pilot, app)
        app.library.focus()
        await pilot.press("s", "u")  # by source, unread only
        assert (app.library_sort, app.library_view) == ("source", "unread")
        await pilot.press("q")
    app = NewsreaderApp([str(tmp_path / "lib")], service=False, index=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await ready(pilot, app)
        assert (app.library_sort, app.library_view) == ("source", "unread")
        assert "by source" in str(app._main().query_one("#library-pane").border_subtitle)
        assert pane_title(app).startswith("Unread · 2/3")
        # The article read last is reopened, and listed although it is read.
        assert app.document.path == str(paths[0])
        assert app.library_entries[app.current_index].path == str(paths[0])
        assert app.library.entry_text(0)[0].strip() == "Coast Gazette · 1 unread"  # grouped by source
        await pilot.press("u", "u", "s", "s")  # back to every article, newest first
        await pilot.press("q")
    app = NewsreaderApp([str(tmp_path / "lib")], service=False, index=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await ready(pilot, app)
        assert (app.library_sort, app.library_view) == ("newest", "all")
        assert [e.title for e in app.library_entries] == [t for t, _, _ in TITLES]


async def test_an_unknown_stored_view_or_order_starts_with_the_defaults(tmp_path):
    import json

    from newsreader.state import state_path

    write_articles(tmp_path / "lib")
    state_path().parent.mkdir(parents=True, exist_ok=True)
    state_path().write_text(
        json.dumps({"version": 1, "read": {}, "bookmarks": {}, "library": {"view": "starred", "sort": 7}}),
        encoding="utf-8",
    )
    app = NewsreaderApp([str(tmp_path / "lib")], service=False, index=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await ready(pilot, app)
        assert (app.library_sort, app.library_view) == ("newest", "all")
        assert len(app.library_entries) == 3 and pane_title(app).startswith("Library")
        assert not [n for n in app._notifications if "damaged" in str(n.message)]


async def test_a_new_order_starts_the_list_at_its_top_when_the_cursor_shows_there(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    for i in range(12):
        source = "Zulu Post" if i == 2 else "Alpha Wire"
        (folder / f"n{i:02}.md").write_text(
            f"---\ntitle: Story number {i} about the harbour\ndate: 2024-03-{20 - i:02}\nsource: {source}\n---\n\nText {i}.\n",
            encoding="utf-8",
        )
    app = NewsreaderApp([str(folder)], service=False, index=False)
    async with app.run_test(size=(120, 24)) as pilot:
        await ready(pilot, app)
        app.open_path(str(folder / "n02.md"))
        await wait_for(pilot, lambda: app.document.path.endswith("n02.md"))
        app.library.focus()
        await pilot.press("s")  # by source: the Zulu Post story is last, the list scrolls down
        await pilot.pause()
        assert app.library.cursor == 11 and app.library.scroll_y > app.library.entry_rows(2)[0]
        await pilot.press("s", "s")  # newest first again: the story is third, on the first screen
        await pilot.pause()
        assert app.library_sort == "newest" and app.library.cursor == 2
        assert app.library.scroll_y == 0  # not left starting half-way through an entry
