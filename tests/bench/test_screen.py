"""The bench's screen reading (tests/bench/screen.py) on canned terminal output: no programs
run, no clocks read; the times are the ones written into the canned chunks."""

from __future__ import annotations

from tests.bench.screen import Recording, Screen, answers, hex_colour, text_absent, text_in_colour, text_on_screen

PERSON = "#F4A261"
FG = b"\x1b[38;2;217;220;226m"  # the theme's plain text colour
ORANGE = b"\x1b[38;2;244;162;97m"  # the person colour


def _screen(data: bytes, cols: int = 60, rows: int = 6) -> Screen:
    screen = Screen(cols, rows)
    screen.feed(data)
    return screen


def test_text_and_its_colour_are_read_per_cell():
    data = b"\x1b[2;3H" + FG + b"President " + ORANGE + b"Kassym-Jomart Tokayev" + FG + b" spoke.\x1b[0m"
    screen = _screen(data)
    assert screen.find("Tokayev") == [(1, 2 + len("President Kassym-Jomart "))]
    assert screen.contains("President Kassym-Jomart Tokayev spoke.")
    assert screen.colours("Kassym-Jomart Tokayev") == [{hex_colour(PERSON)}]
    assert screen.has_colour("Kassym-Jomart Tokayev", PERSON, context="President Kassym-Jomart Tokayev")
    assert not screen.has_colour("President", PERSON)
    assert not screen.contains("Nazarbayev")


def test_the_name_counts_only_where_the_text_has_it():
    # The side panel shows the bare name in the person colour; the article line does not (yet).
    data = (
        b"\x1b[1;1H"
        + FG
        + b"President Kassym-Jomart Tokayev said"
        + b"\x1b[1;40H"
        + ORANGE
        + b"Kassym-Jomart Tokayev\x1b[0m"
    )
    screen = _screen(data, cols=70)
    name, context = "Kassym-Jomart Tokayev", "President Kassym-Jomart Tokayev"
    assert screen.has_colour(name, PERSON)  # somewhere: the panel
    assert not screen.has_colour(name, PERSON, context)  # not in the text
    screen.feed(b"\x1b[1;11H" + ORANGE + b"Kassym-Jomart Tokayev")  # the highlight is drawn
    assert screen.has_colour(name, PERSON, context)


def test_partly_coloured_name_is_not_highlighted():
    data = b"\x1b[1;1H" + FG + b"President " + ORANGE + b"Kassym" + FG + b"-Jomart Tokayev"
    assert not _screen(data).has_colour("Kassym-Jomart Tokayev", PERSON, "President Kassym-Jomart Tokayev")


def test_wide_characters_keep_columns_right():
    data = "\x1b[1;1H‘中文’ \x1b[38;2;244;162;97mTokayev".encode()
    screen = _screen(data)
    assert screen.contains("Tokayev") and screen.has_colour("Tokayev", PERSON)
    assert screen.find("Tokayev") == [(0, 7)]  # ‘ 中(2 cells) 文(2 cells) ’ space


def test_replay_times_each_watch_at_the_chunk_that_completes_it():
    recording = Recording(
        [
            (0.10, b"\x1b[?1049h\x1b[1;1HLoading\xe2\x80\xa6"),
            (0.20, b"\x1b[1;1H" + FG + b"President Kassym-Jomart"),  # a frame split across reads
            (0.21, b" Tokayev said"),
            (0.35, b"\x1b[1;11H" + ORANGE + b"Kassym-Jomart Tokayev"),
        ]
    )
    watches = {
        "loading": text_on_screen("Loading…"),
        "text": text_on_screen("Tokayev said"),
        "gone": text_absent("Loading…"),
        "highlighted": text_in_colour("Kassym-Jomart Tokayev", PERSON, "President Kassym-Jomart Tokayev"),
    }
    _, times, played = Recording(recording.chunks[:2]).replay(40, 3, watches)
    assert played == 2 and times == {"loading": 0.10, "gone": 0.20}
    _, times, _ = recording.replay(40, 3, watches)
    assert times == {"loading": 0.10, "gone": 0.20, "text": 0.21, "highlighted": 0.35}


def test_replay_continues_where_it_stopped():
    recording = Recording([(0.1, b"Hello"), (0.2, b", terminal.")])
    watches = {"hello": text_on_screen("Hello, terminal.")}
    screen, times, played = Recording(recording.chunks[:1]).replay(40, 3, watches)
    assert times == {} and played == 1
    screen, times, played = recording.replay(40, 3, watches, screen, played, times)
    assert times == {"hello": 0.2} and played == 2


def test_a_synchronized_frame_counts_when_it_ends():
    recording = Recording(
        [
            (0.30, b"\x1b[?2026h\x1b[1;1HHello, terminal."),
            (0.31, b"\x1b[2;1Hmore of the frame"),
            (0.32, b"\x1b[?2026l"),
        ]
    )
    _, times, _ = recording.replay(40, 3, {"text": text_on_screen("Hello, terminal.")})
    assert times == {"text": 0.32}


def test_mode_queries_are_answered_like_a_modern_terminal():
    assert answers(b"\x1b[?2026$p\x1b[?2048$p\x1b[?25l") == b"\x1b[?2026;2$y\x1b[?2048;0$y"
    assert answers(b"plain text") == b""
