"""Saved web pages (.html/.htm): metadata, main text, offsets, hostile content, fallbacks.

Every page is written by the test into tmp_path. The network is switched off for every
test here (``no_network``): reading a page must never fetch anything.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from conftest import assert_linear_growth
from newsreader.library import discover, load_document, parse_bytes, read_entries, read_entry, webpage
from newsreader.model.document import BlockKind, DocStatus, InlineStyle
from test_markdown_offsets import assert_well_formed


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Refuse (and remember) every attempt to resolve a name or open a connection."""
    attempts: list[str] = []

    def refuse(name: str):
        def guard(*args, **kwargs):
            attempts.append(f"{name}{args[:2]!r}")
            raise OSError(f"network access attempted in a test: {name}")

        return guard

    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, name, refuse(name))
    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect_ex"))
    yield attempts
    # Checked after the test: code that catches every exception would otherwise hide it.
    assert attempts == [], f"network access attempted: {attempts}"


ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Macron condemns attack on aid convoy | Northgate Post</title>
<meta property="og:title" content="Macron condemns attack on aid convoy">
<meta property="og:site_name" content="Northgate Post">
<meta property="og:url" content="https://northgate.example.org/world/convoy-attack">
<link rel="canonical" href="https://northgate.example.org/world/convoy-attack?ref=canonical">
<meta property="article:published_time" content="2024-03-05T10:30:00+01:00">
<meta name="author" content="Claire Moreau">
<script>window.tracker = "should never be shown";</script>
<style>body { color: red }</style>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a> | <a href="/about">About us</a></nav>
<article>
<h1>Macron condemns attack on aid convoy</h1>
<p>French President <b>Emmanuel Macron</b> condemned the attack on a humanitarian convoy near the
border on Tuesday, calling it "an unacceptable violation of international law".</p>
<p>The German foreign minister said Berlin would send 20 million euros in emergency aid, and the
Italian government offered to fly the wounded to hospitals in Rome.</p>
<h2>Reactions abroad</h2>
<ul><li>Spain urged both sides to show restraint.</li><li>Norway offered to host talks in Oslo.</li></ul>
<blockquote><p>We will not stand by while aid workers are targeted, a spokesperson for the agency said.</p></blockquote>
<table><tr><th>Country</th><th>Pledge</th></tr><tr><td>Germany</td><td>20 million euros</td></tr></table>
<p>Officials said 12 people were injured and three lorries destroyed in the strike, which took place
about 40 kilometres from the nearest town.</p>
</article>
<footer><p>Copyright 2024 Northgate Post. All rights reserved. Subscribe to our newsletter.</p></footer>
</body></html>
"""


def write(tmp_path: Path, text: str | bytes, name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def kinds(doc) -> list[tuple[str, str]]:
    return [(block.kind.value, doc.block_text(block)) for block in doc.blocks]


def test_title_date_source_url_and_author_come_from_the_head(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path, ARTICLE))
    assert doc.status is DocStatus.OK, doc.problems
    assert doc.meta.title == "Macron condemns attack on aid convoy"
    assert doc.meta.source == "Northgate Post"
    assert doc.meta.date == "2024-03-05"
    assert doc.meta.url == "https://northgate.example.org/world/convoy-attack?ref=canonical"  # canonical wins
    assert doc.meta.extra.get("author") == "Claire Moreau"
    assert doc.encoding == "utf-8" and len(doc.sha256) == 64
    assert_well_formed(doc)


def test_main_text_keeps_the_article_and_drops_the_boilerplate(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path, ARTICLE))
    assert doc.blocks[0].kind is BlockKind.TITLE
    assert doc.block_text(doc.blocks[0]) == "Macron condemns attack on aid convoy"
    assert doc.text.count("Macron condemns attack on aid convoy") == 1  # the <h1> is the title, not a repeat
    assert "French President Emmanuel Macron condemned the attack on a humanitarian convoy near the border" in doc.text
    assert "40 kilometres from the nearest town." in doc.text
    for boilerplate in ("About us", "Subscribe to our newsletter", "should never be shown", "color: red"):
        assert boilerplate not in doc.text
    found = kinds(doc)
    assert ("heading", "Reactions abroad") in found
    assert ("list_item", "Spain urged both sides to show restraint.") in found
    assert (
        "quote",
        "We will not stand by while aid workers are targeted, a spokesperson for the agency said.",
    ) in found
    assert ("table_row", "Country │ Pledge") in found
    strong = [doc.text[r.start : r.end] for b in doc.blocks for r in b.runs if r.style is InlineStyle.STRONG]
    assert "Emmanuel Macron" in strong


def test_offsets_round_trip_and_every_block_is_its_slice(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path, ARTICLE))
    assert_well_formed(doc)
    rebuilt = "\n\n".join(doc.block_text(b) for b in doc.blocks if b.kind is not BlockKind.RULE)
    assert rebuilt == doc.text
    start = doc.text.index("Emmanuel Macron")
    run = next(r for b in doc.blocks for r in b.runs if r.style is InlineStyle.STRONG)
    assert (run.start, run.end) == (start, start + len("Emmanuel Macron"))


def test_library_row_reads_the_head_only_and_agrees_with_the_document(tmp_path: Path, monkeypatch) -> None:
    path = write(tmp_path, ARTICLE)
    doc = load_document(path)
    monkeypatch.setattr(webpage, "_extract", lambda text: pytest.fail("read_entry must not run the extractor"))
    monkeypatch.setattr(webpage, "_extracted_metadata", lambda *a, **k: pytest.fail("nor its metadata search"))
    entry = read_entry(path)
    assert (entry.title, entry.source, entry.date) == (doc.meta.title, doc.meta.source, doc.meta.date)
    assert entry.status is DocStatus.OK and entry.path == str(path)
    assert read_entries(path) == [entry]


def test_title_tag_without_og_loses_the_site_name_and_head_beyond_8_kb_is_read(tmp_path: Path) -> None:
    filler = "<script>" + "var x = 1;\n" * 2000 + "</script>"  # ~22 KB of inline script before the title
    page = (
        f"<html><head>{filler}<meta property='og:site_name' content='Harbour Times'>"
        "<title>Port strike ends after talks - Harbour Times</title>"
        "<meta name='date' content='12 January 2023'></head><body><article>"
        "<p>Dock workers in Rotterdam returned to work on Monday after union leaders and the port "
        "authority agreed a new wage deal, ending a strike that had lasted nine days.</p>"
        "</article></body></html>"
    )
    path = write(tmp_path, page, "strike.htm")
    entry = read_entry(path)
    assert (entry.title, entry.source, entry.date) == ("Port strike ends after talks", "Harbour Times", "2023-01-12")
    doc = load_document(path)
    assert doc.meta.title == entry.title and doc.meta.date == "2023-01-12"
    assert doc.text.startswith("Port strike ends after talks\n\nDock workers in Rotterdam")


def test_metadata_missing_from_the_head_comes_from_the_extractor(tmp_path: Path) -> None:
    page = """<html><head><title>Talks resume in Geneva</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Talks resume in Geneva", "datePublished": "2023-11-02T08:00:00Z",
"publisher": {"@type": "Organization", "name": "Lakeside Herald"}}</script></head>
<body><article><h1>Talks resume in Geneva</h1>
<p>Negotiators from Armenia and Azerbaijan met in Geneva on Thursday for a new round of talks on the
border dispute, the Swiss foreign ministry said.</p>
<p>Both delegations described the meeting as constructive, and a further session was planned for
December in the same city.</p></article></body></html>"""
    doc = load_document(write(tmp_path, page))
    assert doc.meta.title == "Talks resume in Geneva"
    assert doc.meta.date == "2023-11-02"
    assert doc.meta.source == "Lakeside Herald"
    assert doc.meta.url is None


def test_a_browser_saved_page_keeps_the_address_it_was_saved_from(tmp_path: Path) -> None:
    page = (
        "<!DOCTYPE html>\n<!-- saved from url=(0044)https://paper.example.com/2024/05/floods.html -->\n"
        "<html><head><title>Floods hit the coast</title></head><body><article><p>Heavy rain flooded "
        "coastal towns in Portugal on Sunday, and the government in Lisbon declared an emergency.</p>"
        "</article></body></html>"
    )
    doc = load_document(write(tmp_path, page))
    assert doc.meta.url == "https://paper.example.com/2024/05/floods.html"
    assert doc.meta.title == "Floods hit the coast" and "Lisbon" in doc.text


def test_declared_charset_decodes_a_non_utf8_page(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        "<title>Москва ответила</title></head><body><article><p>Министр иностранных дел России заявил, "
        "что Москва рассмотрит предложение. Переговоры продолжатся в среду в Женеве, сообщили "
        "дипломаты обеих сторон.</p></article></body></html>"
    )
    doc = load_document(write(tmp_path, page.encode("cp1251")))
    assert doc.encoding == "cp1251"
    assert doc.meta.title == "Москва ответила"
    assert "Министр иностранных дел России" in doc.text
    assert doc.status is DocStatus.OK, doc.problems
    latin = (
        '<html><head><meta charset="iso-8859-1"><title>Café société</title></head><body>'
        "<p>Le président a visité le café à Zürich.</p></body></html>"
    ).encode("latin-1")
    doc = load_document(write(tmp_path, latin, "latin.html"))
    assert doc.encoding == "iso8859-1" and "Zürich" in doc.text and doc.status is DocStatus.OK


def test_hostile_content_is_inert(tmp_path: Path) -> None:
    page = """<html><head><title>[bold red]Alert[/] \x1b]0;pwned\x07 headline</title>
<meta property="og:url" content="javascript:alert(document.cookie)">
<link rel="canonical" href="  JaVa&#x09;script:alert(1)"></head><body><article>
<p>The minister said [@click=app.quit]nothing[/] about it \x1b[31mred\x1b[0m &#27;[2J and moved on.
Click <a href="javascript:alert(1)">here</a> or <a href="java\tscript:alert(2)">there</a> or
<a href="https://ok.example.org/more">read more</a>.</p>
<script>document.write("<p>injected paragraph</p>")</script>
<p onclick="evil()">Witnesses in the capital described hearing several explosions shortly after
midnight, and the police closed the main roads into the city centre for several hours.</p>
<img src="data:image/png;base64,AAAA" alt="A damaged \x07 lorry">
<p>Bidi \u202etxet desrever\u202c controls are dropped.</p>
</article></body></html>"""
    path = write(tmp_path, page)
    doc = load_document(path)
    assert_well_formed(doc)
    assert doc.meta.title == "[bold red]Alert[/] headline"
    assert doc.meta.url is None  # only http(s) addresses may become the article's URL
    assert "[@click=app.quit]nothing[/]" in doc.text  # kept literally, never interpreted
    assert "injected paragraph" not in doc.text and "document.write" not in doc.text
    assert "\x1b" not in doc.text and "\x07" not in doc.text and "\u202e" not in doc.text
    assert "red" in doc.text and "pwned" not in doc.text
    links = [(doc.text[r.start : r.end], r.href) for b in doc.blocks for r in b.runs if r.style is InlineStyle.LINK]
    assert ("here", None) in links and ("there", None) in links
    assert ("read more", "https://ok.example.org/more") in links
    entry = read_entry(path)
    assert entry.title == doc.meta.title
    assert doc.status is DocStatus.WARNING  # the control characters were repaired, and it says so
    assert any("terminal escape" in p or "control character" in p for p in doc.problems)


def test_when_the_extractor_finds_nothing_the_whole_body_is_shown_with_a_warning(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(webpage, "_extract", lambda text: None)
    doc = load_document(write(tmp_path, ARTICLE))
    assert doc.status is DocStatus.WARNING
    assert webpage.NO_MAIN_TEXT in doc.problems
    assert "About us" in doc.text and "French President Emmanuel Macron" in doc.text  # everything, menus included
    assert "should never be shown" not in doc.text and "color: red" not in doc.text
    assert doc.meta.title == "Macron condemns attack on aid convoy"
    assert_well_formed(doc)


def test_an_extractor_crash_is_a_warning_not_a_crash(tmp_path: Path, monkeypatch) -> None:
    def boom(text):
        raise RuntimeError("extractor bug")

    monkeypatch.setattr(webpage, "_extract", boom)
    doc = load_document(write(tmp_path, ARTICLE))
    assert doc.status is DocStatus.WARNING
    assert any("extractor failed (RuntimeError)" in p for p in doc.problems)
    assert "French President Emmanuel Macron" in doc.text


def test_a_page_with_too_many_tags_skips_extraction_with_a_warning(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(webpage, "MAX_EXTRACT_TAGS", 40)
    monkeypatch.setattr(webpage, "_extract", lambda text: pytest.fail("must not run the extractor"))
    doc = load_document(write(tmp_path, ARTICLE))
    assert doc.status is DocStatus.WARNING
    assert doc.problems[0].startswith("page too large for main-text extraction (")
    assert "French President Emmanuel Macron" in doc.text and "should never be shown" not in doc.text
    assert_well_formed(doc)


def test_scripts_styles_svg_and_comments_are_removed_before_extraction() -> None:
    html = "a<script>x<p>y</p></script>b<!-- c -->d<svg><text>e</text></svg>f<STYLE>g</STYLE>h"
    assert webpage.without_scripts(html) == "abdfh"
    assert webpage.without_scripts("a<svg>b<svg>c<script>never closed") == "abc"
    assert webpage.without_scripts("<script>" * 50_000) == ""
    assert_linear_growth(lambda n: webpage.without_scripts("<script>" * n), 5_000, 50_000)


def test_deeply_nested_page_falls_back_to_its_text(tmp_path: Path) -> None:
    def page(depth: int) -> str:
        return (
            "<html><head><title>Deep</title></head><body>"
            + "<div>" * depth
            + "Buried words survive."
            + "</div>" * depth
        )

    doc = load_document(write(tmp_path, page(5000)))
    assert "Buried words survive." in doc.text
    assert_well_formed(doc)
    paths = {depth: write(tmp_path, page(depth), f"deep{depth}.html") for depth in (500, 5000)}
    assert_linear_growth(lambda depth: load_document(paths[depth]), 500, 5000)


@pytest.mark.parametrize(
    ("data", "status", "problem"),
    [
        (b"", DocStatus.WARNING, "empty file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, DocStatus.ERROR, "binary file (PNG image?)"),
        (b"<html><body>   </body></html>", DocStatus.WARNING, "no text to show"),
    ],
    ids=["empty", "binary", "no-text"],
)
def test_unusable_pages_say_why(tmp_path: Path, data: bytes, status: DocStatus, problem: str) -> None:
    path = write(tmp_path, data)
    doc = load_document(path)
    assert doc.status is status and problem in doc.problems
    entry = read_entry(path)
    assert entry.status is not DocStatus.OK or status is DocStatus.WARNING


def test_broken_markup_keeps_every_word(tmp_path: Path) -> None:
    page = b"<html><body><p>Ministers met <b>in Cairo <div><p>and agreed a <i>ceasefire</table></li> <<<>>> plan"
    doc = load_document(write(tmp_path, page))
    assert doc.status in (DocStatus.OK, DocStatus.WARNING)
    for word in ("Ministers", "Cairo", "ceasefire", "plan"):
        assert word in doc.text
    assert_well_formed(doc)


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    doc = load_document(tmp_path / "gone.html")
    assert doc.status is DocStatus.ERROR and doc.problems == ["no such file"]
    assert read_entry(tmp_path / "gone.html").status is DocStatus.ERROR


def test_html_is_recognised_by_content_without_an_extension(tmp_path: Path) -> None:
    path = write(tmp_path, ARTICLE, "saved-page")
    doc = load_document(path)
    assert doc.meta.title == "Macron condemns attack on aid convoy" and "<nav>" not in doc.text
    assert read_entry(path).title == doc.meta.title
    assert parse_bytes(ARTICLE.encode(), "x.htm").meta.source == "Northgate Post"


def test_discover_lists_pages_but_not_the_browsers_files_folder(tmp_path: Path) -> None:
    write(tmp_path, ARTICLE, "story.html")
    (tmp_path / "story_files").mkdir()
    write(tmp_path / "story_files", "<html><body>ad frame</body></html>", "frame.html")
    (tmp_path / "other").mkdir()
    write(tmp_path / "other", ARTICLE, "b.HTM")
    files, problems = discover([tmp_path])
    assert problems == []
    assert [f.relative_to(tmp_path).as_posix() for f in files] == ["story.html", "other/b.HTM"]


def test_trafilatura_is_imported_only_when_a_page_is_read() -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    code = (
        "import sys, newsreader.library as l; "
        "print('trafilatura' in sys.modules, 'feedparser' in sys.modules, 'lxml' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(root / "tui"), "PATH": "/usr/bin:/bin"},
    )
    assert out.stdout.split() == ["False", "False", "False"]
