"""Export of one article's analysis (JSON/CSV/Markdown) and the evidence clip."""

from __future__ import annotations

import csv
import io
import json
import os

import pytest

from newsreader.model.analysis import Actor, Analysis, Entity, Figure, Reaction
from newsreader.model.document import Document, Metadata
from newsreader.model.record import extract_record
from newsreader.present import export as ex

TEXT = (
    "Unrest in Almaty\n\n"
    "Germany denounced Tokayev's use of force. France did not condemn the arrests. "
    "About 3,000 people were detained, Reuters reported.\n\n"
    '=HYPERLINK("http://evil") said nobody.'
)


def _span(word: str, text: str = TEXT) -> tuple[int, int]:
    i = text.index(word)
    return i, i + len(word)


def _sentence(first: str, text: str = TEXT) -> tuple[int, int]:
    i = text.index(first)
    return i, text.index(".", i) + 1


def make_document(title: str = "Unrest in Almaty", **meta) -> Document:
    return Document(
        path="/library/almaty.md",
        text=TEXT,
        blocks=[],
        meta=Metadata(
            title=title,
            source=meta.get("source", "Wire"),
            date=meta.get("date", "2022-01-07"),
            url=meta.get("url", "https://example.com/almaty"),
        ),
        sha256="ab" * 32,
    )


def make_analysis() -> Analysis:
    return Analysis(
        model="test-fixed",
        entities=[Entity(*_span("Germany"), "Germany", "GPE", "places", "DEU")],
        actors=[
            Actor("deu", "Germany", "country", "DEU", None, [_span("Germany")]),
            Actor("fra", "France", "country", "FRA", "Republic", [_span("France")]),
            Actor("reuters", "Reuters", "organization", None, None, [_span("Reuters")], is_source=True),
            Actor("evil", '=HYPERLINK("http://evil")', "person", None, None, [_span("=HYPERLINK")]),
        ],
        reactions=[
            Reaction(
                "deu",
                "DEU",
                "ACCUSE",
                "denounced",
                "Tokayev",
                _sentence("Germany"),
                trigger_span=_span("denounced"),
                summary="denounced Tokayev's use of force",
                actor_name="Germany",
            ),
            Reaction(
                "fra",
                "FRA",
                "ACCUSE",
                "condemn",
                "the arrests",
                _sentence("France"),
                negated=True,
                trigger_span=_span("condemn"),
                actor_name="France",
            ),
            Reaction("reuters", None, "CONSULT", "reported", None, _sentence("About"), actor_name="Reuters"),
            Reaction(
                "evil", None, "ACCUSE", "said", "-1+2", _sentence("=HYPERLINK"), actor_name='=HYPERLINK("http://evil")'
            ),
        ],
        figures=[Figure(3000, True, "About 3,000", "people", "detained", _span("About 3,000"), _sentence("About"))],
    )


def names(code: str) -> str:
    return {"DEU": "Germany", "FRA": "France"}.get(code, code)


def test_json_is_the_extract_record():
    doc, analysis = make_document(), make_analysis()
    assert json.loads(ex.to_json(doc, analysis)) == json.loads(json.dumps(extract_record(doc, analysis)))


def test_csv_one_row_per_reaction_without_sources():
    rows = list(csv.DictReader(io.StringIO(ex.to_csv(make_document(), make_analysis(), names))))
    assert [r["actor"] for r in rows] == ["Germany", "France", '\'=HYPERLINK("http://evil")']
    assert list(rows[0]) == list(ex.CSV_COLUMNS)
    first = rows[0]
    assert first["country"] == "DEU" and first["country_name"] == "Germany"
    assert first["evidence"] == "Germany denounced Tokayev's use of force."
    assert (int(first["start"]), int(first["end"])) == _sentence("Germany")
    assert first["title"] == "Unrest in Almaty" and first["url"] == "https://example.com/almaty"
    assert rows[1]["negated"] == "true" and rows[1]["role"] == "Republic"
    # Formula-looking text from the article can't run in a spreadsheet.
    assert rows[2]["target"] == "'-1+2" and rows[2]["evidence"].startswith("'=")


def test_markdown_brief_groups_by_country_with_quotes():
    md = ex.to_markdown(make_document(), make_analysis(), names)
    assert md.startswith("# Unrest in Almaty\n")
    assert "- URL: <https://example.com/almaty>" in md
    assert "### Germany · DEU" in md
    assert "**Germany** denounced Tokayev's use of force — ACCUSE (verbal, hostile)" in md
    assert "  > Germany denounced Tokayev's use of force." in md
    assert "did not condemn" in md
    assert "## Key figures" in md and "\\~3,000 people — detained" in md
    assert "## Sources" in md and "- Reuters" in md
    assert "CONSULT" not in md  # Reuters reporting is not an act


def test_markdown_escapes_hostile_metadata():
    doc = make_document(title="[click](javascript:alert(1)) <script>x</script> *bold*", url="javascript:alert(1)")
    md = ex.to_markdown(doc, make_analysis(), names)
    title = md.splitlines()[0]
    assert "\\[click\\](javascript" in title and "\\<script\\>" in title and "\\*bold\\*" in title
    assert "<javascript" not in md and "- URL: javascript:alert(1)" in md


def test_export_writes_atomically_and_refuses_to_overwrite(tmp_path):
    doc, analysis = make_document(), make_analysis()
    target = tmp_path / "brief.md"
    result = ex.export(doc, analysis, "markdown", target)
    assert result.path == target and result.fmt == "md" and result.reactions == 3
    assert target.read_text(encoding="utf-8").startswith("# Unrest")
    with pytest.raises(ex.ExportError, match="already exists"):
        ex.export(doc, analysis, "csv", target)
    ex.export(doc, analysis, "csv", target, overwrite=True)
    assert target.read_text(encoding="utf-8").startswith("country,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.md"]  # no temp files left


def test_export_errors_are_messages(tmp_path):
    doc, analysis = make_document(), make_analysis()
    with pytest.raises(ex.ExportError, match="No such folder"):
        ex.export(doc, analysis, "json", tmp_path / "missing" / "x.json")
    with pytest.raises(ex.ExportError, match="is a folder"):
        ex.export(doc, analysis, "json", tmp_path)
    with pytest.raises(ex.ExportError, match="Unknown export format"):
        ex.export(doc, analysis, "pdf", tmp_path / "x.pdf")
    with pytest.raises(ex.ExportError, match="not been analysed"):
        ex.export(doc, None, "json", tmp_path / "x.json")


def test_export_never_replaces_the_article(tmp_path):
    article = tmp_path / "article.md"
    article.write_text(TEXT, encoding="utf-8")
    doc = make_document()
    doc.path = str(article)
    with pytest.raises(ex.ExportError, match="article itself"):
        ex.export(doc, make_analysis(), "md", article, overwrite=True)
    assert article.read_text(encoding="utf-8") == TEXT


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_export_to_read_only_folder_is_a_message(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ex.ExportError, match=r"permission denied|Could not write"):
            ex.export(make_document(), make_analysis(), "json", folder / "x.json")
    finally:
        folder.chmod(0o700)


def test_resolve_target_and_suggested_name(tmp_path):
    assert ex.resolve_target("out.csv", tmp_path) == tmp_path / "out.csv"
    assert ex.resolve_target("~/x.md").is_absolute()
    with pytest.raises(ex.ExportError):
        ex.resolve_target("   ")
    with pytest.raises(ex.ExportError, match="control"):
        ex.resolve_target("a\x1b[2Jb.md")
    assert ex.suggested_name(make_document(title="Kazakhstan: unrest!"), "md") == "kazakhstan-unrest-analysis.md"
    assert ex.suggested_name(make_document(title="***"), "json") == "almaty-analysis.json"


def test_evidence_clip_expands_to_the_sentence_with_its_source():
    doc = make_document()
    start, end = _span("Tokayev")
    clip = ex.evidence_clip(doc, start, end)
    assert (
        clip
        == "“Germany denounced Tokayev's use of force.”\n— Unrest in Almaty, Wire, 2022-01-07, https://example.com/almaty"
    )
    assert ex.evidence_clip(doc, *_sentence("France")).startswith("“France did not condemn the arrests.”")


def test_evidence_clip_drops_control_characters():
    text = "Bad \x1b]52;c;AAAA\x07 thing happened. Next."
    doc = Document(path="x.txt", text=text, blocks=[], meta=Metadata(title="T\x1b[31m"))
    clip = ex.evidence_clip(doc, 0, 4)
    assert "\x1b" not in clip and "\x07" not in clip
    assert clip.startswith("“Bad ]52;c;AAAA thing happened.”")


def test_sentence_around_edges():
    assert ex.sentence_around("", 0, 5) == (0, 0)
    text = "One. Two three\n\nFour"
    assert text[slice(*ex.sentence_around(text, 6, 9))] == "Two three"
    assert text[slice(*ex.sentence_around(text, 17, 18))] == "Four"


def test_failed_write_is_a_message_and_leaves_nothing(tmp_path, monkeypatch):
    def refuse(target, data):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(ex, "write_bytes", refuse)
    with pytest.raises(ex.ExportError, match=r"Could not write .*Permission denied"):
        ex.export(make_document(), make_analysis(), "csv", tmp_path / "x.csv")
    assert list(tmp_path.iterdir()) == []


def test_article_url_only_for_web_addresses():
    assert ex.article_url(make_document(url="https://example.com/a?b=1")) == "https://example.com/a?b=1"
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "https://x.com/\x1b]52", "", "https://a b"):
        assert ex.article_url(make_document(url=bad)) is None
    doc = make_document()
    doc.meta.url = None
    assert ex.article_url(doc) is None


def test_markdown_quotes_a_shared_sentence_once():
    analysis = make_analysis()
    germany = analysis.reactions[0]
    analysis.reactions.insert(
        1, Reaction("deu", "DEU", "THREATEN", "warned", None, germany.sentence, actor_name="Germany")
    )
    md = ex.to_markdown(make_document(), analysis, names)
    assert md.count("> Germany denounced Tokayev's use of force.") == 1
    assert "**Germany** warned — THREATEN" in md


def test_undecodable_names_export_in_every_format(tmp_path):
    doc = make_document(title="caf\udce9")
    doc.path = "/library/caf\udce9.md"
    for fmt in ("json", "csv", "md"):
        result = ex.export(doc, make_analysis(), fmt, tmp_path / f"out.{fmt}")
        assert result.path.read_text(encoding="utf-8")
    assert "caf\ufffd" in (tmp_path / "out.md").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the export folder


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A home folder of its own, with no documents folder named anywhere yet."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    return home


def test_export_folder_falls_back_from_documents_to_home(home):
    assert ex.export_folder() == ex.ExportFolder(home, "your home folder")
    (home / "Documents").mkdir()
    assert ex.export_folder() == ex.ExportFolder(home / "Documents", "your documents folder")


def test_export_folder_reads_the_xdg_user_dirs_file(home):
    (home / "Papers").mkdir()
    (home / ".config").mkdir()
    user_dirs = home / ".config" / "user-dirs.dirs"
    user_dirs.write_text(
        '# written by xdg-user-dirs-update\nXDG_DOWNLOAD_DIR="$HOME/Downloads"\nXDG_DOCUMENTS_DIR="$HOME/Papers"\n',
        encoding="utf-8",
    )
    assert ex.export_folder().path == home / "Papers"
    user_dirs.write_text(f'XDG_DOCUMENTS_DIR="{home / "Papers"}"\n', encoding="utf-8")  # absolute form
    assert ex.export_folder().path == home / "Papers"
    user_dirs.write_text('XDG_DOCUMENTS_DIR="$HOME/"\n', encoding="utf-8")  # "$HOME/": no such folder
    assert ex.export_folder().path == home
    user_dirs.write_text('XDG_DOCUMENTS_DIR="$HOME/Gone"\n', encoding="utf-8")  # named but missing
    assert ex.export_folder().path == home
    user_dirs.write_bytes(b"\xff\xfe not text")
    assert ex.export_folder().path == home  # an unreadable file is no folder, not an error


def test_export_folder_environment_and_config_come_first(home, monkeypatch, tmp_path):
    (home / "Documents").mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(elsewhere))
    assert ex.export_folder().path == elsewhere
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", "relative/path")  # not a folder it can trust
    assert ex.export_folder().path == home / "Documents"
    chosen = ex.export_folder(tmp_path / "not-yet")  # configured: kept even before it exists
    assert chosen == ex.ExportFolder(tmp_path / "not-yet", "export_folder in config.toml")


def test_short_path_writes_home_as_tilde(home):
    assert ex.short_path(home / "Documents" / "x.md") == "~/Documents/x.md"
    assert ex.short_path(home) == "~"
    assert ex.short_path(str(home) + "x/y.md") == str(home) + "x/y.md"  # a sibling, not inside
    assert ex.short_path("/srv/x.md") == "/srv/x.md"


def test_export_folder_in_the_config_file(tmp_path):
    from newsreader import config

    path = tmp_path / "conf" / "config.toml"
    path.parent.mkdir()
    path.write_text('export_folder = "briefs"\n', encoding="utf-8")
    loaded, notices = config.load_config(path)
    assert not notices and loaded.export_path == tmp_path / "conf" / "briefs"  # from the config's folder
    loaded.theme = "light"
    config.save_config(loaded)
    assert config.load_config(path)[0].export_folder == "briefs"  # kept when the app rewrites the file
    path.write_text("export_folder = 3\n", encoding="utf-8")
    loaded, notices = config.load_config(path)
    assert loaded.export_path is None and "export_folder" in notices[0]
    assert config.Config().export_path is None
