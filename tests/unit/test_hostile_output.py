"""Issue 18, data loss: export and ``extract -o`` never write over an input, never over anything
that is not a regular file, keep what they replace (mode, hard links) and honour the umask.

Both go through ``newsreader.safe_output``; these tests drive the real entry points.
"""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from newsreader import cli
from newsreader import safe_output as so
from newsreader.model.analysis import Analysis, Reaction
from newsreader.model.document import DocStatus, Document, Metadata
from newsreader.present import export as ex

TEXT = "Germany denounced the arrests. France met the envoy."
FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Wire</title>
<item><title>One</title><description>Germany denounced the arrests.</description></item>
<item><title>Two</title><description>France met the envoy.</description></item>
</channel></rss>
"""


def document(path: str) -> Document:
    return Document(path=path, text=TEXT, blocks=[], meta=Metadata(title="Unrest"), sha256="ab" * 32)


def analysis(reactions: int = 2) -> Analysis:
    items = [Reaction("", None, "ACCUSE", "denounced", None, (0, 30), actor_name="Germany")] * reactions
    return Analysis(model="test", reactions=items)


def untouched(path: Path, before: os.stat_result) -> bool:
    after = os.lstat(path)
    return (after.st_ino, after.st_mode, after.st_size, after.st_mtime_ns) == (
        before.st_ino,
        before.st_mode,
        before.st_size,
        before.st_mtime_ns,
    )


# -- never over an input -----------------------------------------------------------------------


def test_export_never_replaces_the_feed_file_behind_an_entry(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(FEED, encoding="utf-8")
    with pytest.raises(ex.ExportError, match="article itself"):
        ex.export(document(f"{feed}#1"), analysis(), "md", feed, overwrite=True)
    assert feed.read_text(encoding="utf-8") == FEED


@pytest.mark.parametrize("spelling", ["hardlink", "symlink", "dotted"])
def test_export_never_replaces_the_article_under_another_name(tmp_path, spelling):
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    other = tmp_path / "other.txt"
    if spelling == "hardlink":
        os.link(article, other)
    elif spelling == "symlink":
        other.symlink_to(article)
    else:
        (tmp_path / "sub").mkdir()
        other = tmp_path / "sub" / ".." / "article.txt"
    with pytest.raises(ex.ExportError):
        ex.export(document(str(article)), analysis(), "json", other, overwrite=True)
    assert article.read_text(encoding="utf-8") == TEXT


def test_extract_refuses_to_write_over_its_input(tmp_path, capsys):
    article = tmp_path / "art.txt"
    article.write_text(TEXT, encoding="utf-8")
    status = cli.main(["extract", str(article), "-o", str(article)])
    assert status != 0
    assert "input" in capsys.readouterr().err
    assert article.read_text(encoding="utf-8") == TEXT


def test_extract_refuses_a_hard_link_of_an_input_inside_a_folder(tmp_path, capsys):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.md").write_text("# A\n\n" + TEXT, encoding="utf-8")
    os.link(folder / "a.md", tmp_path / "out.json")
    assert cli.main(["extract", str(folder), "-o", str(tmp_path / "out.json")]) != 0
    assert (folder / "a.md").read_text(encoding="utf-8").startswith("# A")


def test_extract_refuses_the_feed_file_of_its_entries(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(FEED, encoding="utf-8")
    assert cli.main(["extract", f"{feed}#2", "-o", str(feed)]) != 0
    assert feed.read_text(encoding="utf-8") == FEED


# -- never over anything but a regular file ----------------------------------------------------


def _special(tmp_path: Path, kind: str) -> Path:
    target = tmp_path / f"special-{kind}"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "socket":
        sock = socket.socket(socket.AF_UNIX)
        try:
            sock.bind(str(target))
        except OSError as error:  # a path too long for AF_UNIX on some systems
            pytest.skip(f"cannot bind a socket here: {error}")
        finally:
            sock.close()
    elif kind == "symlink":
        (tmp_path / "real.md").write_text("precious", encoding="utf-8")
        target.symlink_to(tmp_path / "real.md")
    elif kind == "dangling":
        target.symlink_to(tmp_path / "nowhere.md")
    elif kind == "device":
        try:
            os.mknod(target, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # like /dev/null
        except OSError as error:
            pytest.skip(f"cannot create a device node here: {error}")
    return target


@pytest.mark.parametrize("kind", ["fifo", "socket", "symlink", "dangling", "device"])
def test_export_never_replaces_a_special_file_even_with_replace(tmp_path, kind):
    target = _special(tmp_path, kind)
    before = os.lstat(target)
    with pytest.raises(ex.ExportError, match="not a regular file"):
        ex.export(document("/library/a.md"), analysis(), "md", target, overwrite=True)
    assert untouched(target, before)
    if kind == "symlink":
        assert (tmp_path / "real.md").read_text(encoding="utf-8") == "precious"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_dangling_symlink_is_refused_without_replace_too(tmp_path):
    target = _special(tmp_path, "dangling")
    with pytest.raises(ex.ExportError, match="symbolic link"):
        ex.export(document("/library/a.md"), analysis(), "md", target)
    assert target.is_symlink() and not (tmp_path / "nowhere.md").exists()


@pytest.mark.parametrize("kind", ["symlink", "dangling", "socket"])
def test_extract_never_replaces_a_link_or_socket(tmp_path, kind):
    article = tmp_path / "art.txt"
    article.write_text(TEXT, encoding="utf-8")
    target = _special(tmp_path, kind)
    before = os.lstat(target)
    assert cli.main(["extract", str(article), "-o", str(target)]) != 0
    assert untouched(target, before)


# -- what is replaced keeps its mode and links; new files follow the umask ---------------------


def test_replacing_keeps_the_mode_and_the_hard_links(tmp_path):
    target = tmp_path / "brief.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    ex.export(document("/library/a.md"), analysis(), "md", target, overwrite=True)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_text(encoding="utf-8").startswith("# Unrest")

    twin = tmp_path / "twin.md"
    os.link(target, twin)
    ex.export(document("/library/a.md"), analysis(), "csv", target, overwrite=True)
    assert os.path.samefile(target, twin), "the hard link was broken"
    assert twin.read_text(encoding="utf-8").startswith("country,")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.md", "twin.md"]


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_new_export_files_follow_the_umask(tmp_path, umask):
    old = os.umask(umask)
    try:
        result = ex.export(document("/library/a.md"), analysis(), "json", tmp_path / "new.json")
        extract_target = tmp_path / "new.jsonl"
        (tmp_path / "art.txt").write_text(TEXT, encoding="utf-8")
        cli.main(["extract", str(tmp_path / "art.txt"), "-o", str(extract_target), "--format", "jsonl"])
    finally:
        os.umask(old)
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o666 & ~umask
    assert stat.S_IMODE(extract_target.stat().st_mode) == 0o666 & ~umask


def test_a_file_appearing_while_writing_is_left_alone(tmp_path):
    target = tmp_path / "late.md"
    allowed = so.check_output(target)
    with pytest.raises(so.OutputError, match="appeared"), so.OutputFile(allowed) as fh:
        fh.write(b"new")
        target.write_text("someone else's", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "someone else's"
    assert [p.name for p in tmp_path.iterdir()] == ["late.md"]


# -- ordinary OS errors are messages ---------------------------------------------------------


def test_name_too_long_is_a_message(tmp_path):
    with pytest.raises(ex.ExportError, match="too long"):
        ex.export(document("/library/a.md"), analysis(), "md", tmp_path / ("x" * 300 + ".md"))


def test_working_folder_deleted_is_a_message(tmp_path, monkeypatch):
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    with pytest.raises(ex.ExportError, match="working folder"):
        ex.resolve_target("brief.md")


def test_export_counts_reactions_in_words():
    one = ex.ExportResult(Path("/tmp/x.md"), "md", 1)
    assert one.message == "Exported 1 reaction to /tmp/x.md"
    assert ex.ExportResult(Path("x.md"), "md", 0).message.startswith("Exported 0 reactions")


def test_an_article_that_failed_to_open_says_so():
    doc = document("/library/broken.txt")
    doc.status, doc.problems = DocStatus.ERROR, ["binary file (PNG image?)"]
    with pytest.raises(ex.ExportError, match=r"could not be opened .*PNG"):
        ex.export(doc, None, "md", "/tmp/never.md")
    assert "wait for the analysis" in ex.not_analysed_message(document("/library/a.md"))


def test_evidence_clip_is_capped():
    text = "word " * 60_000  # one 300,000-character "sentence"
    doc = Document(path="a.txt", text=text, blocks=[], meta=Metadata(title="T"))
    clip = ex.evidence_clip(doc, 150_000, 150_004)
    assert len(clip) <= ex.MAX_CLIP_CHARS + 20
    assert clip.startswith("“…") and "…”" in clip


def test_extract_with_stdout_closed_says_so(tmp_path, monkeypatch, capsys):
    (tmp_path / "art.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr("sys.stdout", None)
    assert cli.main(["extract", str(tmp_path / "art.txt")]) != 0
    assert "standard output is closed" in capsys.readouterr().err


def _deep_folder(root: Path) -> Path:
    """A folder nested beyond PATH_MAX (built with relative steps), holding one article."""
    part = "d" * 200
    root.mkdir()
    fd = os.open(root, os.O_RDONLY)
    depth = 0
    try:
        while depth * (len(part) + 1) < 4200:
            os.mkdir(part, dir_fd=fd)
            new = os.open(part, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = new
            depth += 1
        article = os.open("deep.md", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(article, b"# Deep\n\nText.\n")
        os.close(article)
    finally:
        os.close(fd)
    return root


def test_paths_longer_than_path_max_are_reported(tmp_path, capsys):
    from newsreader.library import discover

    root = _deep_folder(tmp_path / "lib")
    files, problems = discover([root])
    assert files == []
    assert problems and "too long" in problems[0][1]
    assert cli.main(["extract", str(root), "-o", str(tmp_path / "out.json")]) == 1
    assert "too long" in capsys.readouterr().err
