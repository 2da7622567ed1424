"""The reader session without Textual: what is listed, what is open, where a step leads."""

from __future__ import annotations

from types import SimpleNamespace

from newsreader.model.analysis import Analysis
from newsreader.model.document import DocStatus, Document, LibraryEntry, Metadata
from newsreader.present.session import ReaderSession, is_key_of
from newsreader.state import ReadingState


def _entries(*names: str, sources: dict[str, str] | None = None) -> list[LibraryEntry]:
    return [LibraryEntry(path=f"/lib/{n}.md", title=n.title(), source=(sources or {}).get(n)) for n in names]


def _doc(path: str, status: DocStatus = DocStatus.OK) -> Document:
    return Document(path=path, text="Some text.", blocks=[], meta=Metadata(title="T"), status=status, sha256="abc")


def _session(tmp_path, *names: str, read: set[str] = frozenset(), **kwargs) -> ReaderSession:  # type: ignore[assignment]
    session = ReaderSession(reading=ReadingState(tmp_path / "state.json"), **kwargs)
    session.library_loaded(_entries(*names), set(read), set())
    return session


def test_views_keep_the_article_being_read_and_count_what_is_shown(tmp_path):
    session = _session(tmp_path, "a", "b", "c", read={"/lib/a.md", "/lib/b.md"})
    session.arrange(lambda code: code)
    assert [e.title for e in session.entries] == ["A", "B", "C"]
    assert session.library_title() == "Library · 3 · 1 unread"
    session.show(_doc("/lib/b.md"))
    assert session.cycle_view() == "unread"
    session.arrange(lambda code: code)
    # The open article stays listed in the unread view; the count is of the unread ones.
    assert [e.title for e in session.entries] == ["B", "C"]
    assert session.library_title() == "Unread · 1/3"
    assert session.view_phrase() == "unread articles only"
    assert session.cycle_view() == "bookmarked" and session.cycle_view() == "all"


def test_view_and_order_are_kept_for_the_next_start(tmp_path):
    session = _session(tmp_path, "a")
    session.arrange(lambda code: code)
    session.cycle_sort()
    session.arrange(lambda code: code)
    later = ReaderSession(reading=session.reading)
    later.arrange(lambda code: code)
    assert later.sort == "source" and later.sort_name() == "by source"


def test_sort_by_country_groups_and_says_what_is_not_analysed(tmp_path):
    session = _session(tmp_path, "a", "b")
    assert session.set_countries({"/lib/b.md": ("FRA",)}) and not session.set_countries({"/lib/b.md": ("FRA",)})
    session.cycle_sort()
    session.cycle_sort()
    arranged = session.arrange(lambda code: {"FRA": "France"}.get(code, code))
    assert arranged.groups == ["France · FRA", "Not analysed yet"]
    assert session.sort_phrase() == "by country (articles not analysed yet are listed last)"


def test_the_filter_narrows_the_list_and_clearing_it_says_whether_to_redraw(tmp_path):
    session = _session(tmp_path, "a", "b", "c")
    session.arrange(lambda code: code)
    assert not session.clear_filter()  # nothing in force
    query = SimpleNamespace(describe=lambda: "paris", problems=())
    session.set_filter(query, session.all_entries[1:2])
    session.arrange(lambda code: code)
    assert [e.title for e in session.entries] == ["B"] and session.library_title().startswith(
        "Library (filtered) · 1/3"
    )
    assert session.filter_base() == session.all_entries  # a new filter works on the whole library
    assert session.clear_filter() and session.filter is None and session.filtered is None


def test_steps_stop_at_either_end_and_start_from_the_cursor(tmp_path):
    session = _session(tmp_path, "a", "b", "c")
    session.arrange(lambda code: code)
    assert session.step_target(1, cursor=0) == 0  # nothing open: the row under the cursor
    entry, _token = session.open_row(5)  # past the end: the last row
    assert entry.title == "C" and session.current_index == 2 and session.open_path == "/lib/c.md"
    assert session.step_target(1, cursor=0) is None and session.step_target(-1, cursor=0) == 1
    assert session.article_title() == "Article · 3/3"
    assert ReaderSession().step_target(1, cursor=0) is None  # an empty library


def test_results_for_an_article_left_behind_are_not_current(tmp_path):
    session = _session(tmp_path, "a", "b")
    session.arrange(lambda code: code)
    _, first = session.open_row(0)
    _, second = session.open_row(1)
    assert not session.is_current(first) and session.is_current(second)
    session.show(_doc("/lib/b.md"))
    session.analysing = True
    session.set_analysis(Analysis(model="m"))
    assert session.analysis is not None and not session.analysing
    session.show(_doc("/lib/a.md"))
    assert session.analysis is None  # a new article starts without the old analysis


def test_marks_and_bookmarks_go_to_the_reading_state(tmp_path):
    session = _session(tmp_path, "a", "b")
    session.arrange(lambda code: code)
    session.open_row(1)
    session.show(_doc("/lib/b.md"))
    assert session.mark_opened(session.document)
    assert "/lib/b.md" in session.read and session.reading.last_opened() == "/lib/b.md"
    assert not session.mark_opened(_doc("/lib/x.md", DocStatus.ERROR))
    # The list has focus: the row under the cursor; else the open article.
    assert session.target_entry(cursor=0, list_focused=True).title == "A"
    target = session.target_entry(cursor=0, list_focused=False)
    assert target.title == "B"
    assert session.toggle_read(target) is False and "/lib/b.md" not in session.read
    assert session.toggle_bookmark(target) is True and session.bookmarks == {"/lib/b.md"}
    assert session.reading.is_bookmarked("/lib/b.md")
    assert ReaderSession().toggle_read(target) is None  # without a reading state nothing is kept


def test_a_start_reopens_the_last_article_and_a_jump_is_taken_once(tmp_path):
    session = _session(tmp_path, "a", "b")
    session.reading.set_last_opened("/lib/b.md")
    assert session.resume_index(session.all_entries) == 1
    assert session.path_being_read() == "/lib/b.md"
    session.pending_jump = (3, 9)
    assert session.take_jump() == (3, 9) and session.take_jump() is None
    assert session.add_entry(LibraryEntry(path="/web/p.html", title="P")) and not session.add_entry(
        session.all_entries[0]
    )
    assert session.all_entries[0].path == "/web/p.html" and session.in_library("/web/p.html")
    assert is_key_of("/lib/b.md", "/lib/b.md") and not is_key_of("/lib/b.md", "/other/c.md")
