"""Property tests for issue 18: generated file names, declared encodings and config/state/theme
shapes never make the library, the loader or the start-up raise.

Quick budgets run with the suite; ``make fuzz`` (``NEWSREADER_FUZZ=long``, marked slow) runs
the same properties with many more examples.
"""

from __future__ import annotations

import codecs
import encodings.aliases
import json
import os
import tempfile
import unicodedata
from pathlib import Path

import pytest
import tomlkit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsreader import config, state
from newsreader.library import discover, display_name, load_document, parse_bytes, read_library
from newsreader.library.decoding import TEXT_CODECS
from newsreader.model.document import DocStatus
from newsreader.present import export
from newsreader.ui import themes

LONG = os.environ.get("NEWSREADER_FUZZ") == "long"
QUICK = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
THOROUGH = settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# -- file names ----------------------------------------------------------------------------------

# Any bytes but "/" and NUL; biased towards what breaks things: invalid UTF-8, controls,
# bidi overrides, "#N" (feed entry addresses), dots, long names.
_NAME_PIECES = [
    b"\xff",
    b"\xfe",
    b"\xe9",
    b"\xc3",
    b"\x80",
    b"\x1b[2J",
    b"\n",
    b"\r",
    b"\t",
    b" ",
    b"\xe2\x80\xae",
    b"#1",
    b"#",
    b".",
    b"..",
    b"-",
    b"~",
    b"$HOME",
    b"%s",
    b"\\",
    b"'",
    b'"',
    "é".encode(),
    "中".encode(),
    b"a",
    b"news",
]
name_bytes = st.lists(
    st.one_of(st.sampled_from(_NAME_PIECES), st.binary(min_size=1, max_size=4)), min_size=1, max_size=20
).map(lambda parts: b"".join(parts).replace(b"/", b"_").replace(b"\0", b"_")[:200])
suffixes = st.sampled_from([b".md", b".txt", b".html", b".xml", b""])


def _check_names(names: list[bytes], suffix: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = os.fsencode(tmp)
        made = set()
        for i, raw in enumerate(names):
            name = raw + suffix if raw not in (b".", b"..") else b"n" + suffix
            if name.startswith(b"."):
                name = b"_" + name
            try:
                with open(os.path.join(root, name), "wb") as handle:
                    handle.write(b"# Title %d\n\nSome text.\n" % i)
            except OSError:
                continue  # a name the file system refuses (too long, reserved)
            made.add(name)
        files, problems = discover([tmp])
        assert problems == []
        for _ in range(2):  # fresh, then from the row cache
            rows = [row for batch in read_library(files) for row in batch]
            # .xml files holding no feed are not listed from a folder, nor files without a suffix.
            assert len(rows) == sum(1 for n in made if n.endswith((b".md", b".txt", b".html")))
            for row in rows:
                shown = display_name(row.path)
                assert shown and not any(unicodedata.category(ch) in ("Cc", "Cs") or ch in BIDI for ch in shown)
        for path in files[:3]:
            document = load_document(path)
            assert document.status is not DocStatus.ERROR or document.problems


@QUICK
@given(st.lists(name_bytes, min_size=1, max_size=6), suffixes)
def test_any_file_names_list_and_open(names, suffix):
    _check_names(names, suffix)


@QUICK
@given(name_bytes)
def test_export_to_any_name_writes_or_refuses_with_a_message(raw):
    from newsreader.model.analysis import Analysis
    from newsreader.model.document import Document, Metadata

    document = Document(path="/nowhere/a.md", text="Text.", blocks=[], meta=Metadata(title="T"), sha256="0")
    with tempfile.TemporaryDirectory() as tmp:
        try:
            target = export.resolve_target(os.fsdecode(raw), Path(tmp))
            result = export.export(document, Analysis(model="m"), "md", target)
        except export.ExportError as error:
            assert str(error)
        else:
            assert result.path.is_file() and not result.path.is_symlink()


# -- declared encodings -------------------------------------------------------------------------

_CODEC_NAMES = sorted(
    set(encodings.aliases.aliases)
    | set(encodings.aliases.aliases.values())
    | {"punycode", "zlib", "base64", "rot13", "unicode_escape", "idna", "utf-7", "hex", "bz2"}
)
labels = st.sampled_from(_CODEC_NAMES) | st.text(st.characters(min_codepoint=33, max_codepoint=126), max_size=12)
bodies = st.binary(max_size=400) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass"))


def _check_declared(label: str, body: bytes) -> None:
    safe = label.replace('"', "").replace(">", "").replace("?", "")
    page = b'<html><head><meta charset="' + safe.encode("ascii", "replace") + b'"></head><body><p>' + body + b"</p>"
    feed = (
        b'<?xml version="1.0" encoding="' + safe.encode("ascii", "replace") + b'"?><rss version="2.0"><channel>'
        b"<title>T</title><item><title>x</title><description>" + body + b"</description></item></channel></rss>"
    )
    for data, name in ((page, "f.html"), (page + b"\xff", "g.html"), (feed, "f.xml"), (feed + b"\xe9", "g.xml")):
        document = parse_bytes(data, name)
        assert document.status in (DocStatus.OK, DocStatus.WARNING, DocStatus.ERROR)
        if document.encoding is not None and name.endswith(".html"):
            assert (
                codecs.lookup(document.encoding).name in TEXT_CODECS | {"utf-8-sig"} or document.encoding == "utf-8-sig"
            )


@QUICK
@given(labels, bodies)
def test_any_declared_encoding_reads_or_says_why(label, body):
    _check_declared(label, body)


# -- config, state and theme shapes ------------------------------------------------------------

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)
keys = st.sampled_from(
    [
        "theme",
        "layers",
        "library",
        "model",
        "keys",
        "name",
        "primary",
        "dark",
        "variables",
        "read",
        "bookmarks",
        "version",
    ]
) | st.text(max_size=10)
shapes = st.dictionaries(keys, values, max_size=8)
deep = st.integers(1, 3000).map(lambda n: "x = " + "[" * n + "]" * n + "\n")
tomlish = shapes.map(lambda d: tomlkit.dumps(_toml_safe(d))) | deep | st.text(max_size=300)


def _toml_safe(value):
    """TOML has no null and needs table keys as strings: drop what it cannot hold."""
    if isinstance(value, dict):
        return {str(k): _toml_safe(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_toml_safe(v) for v in value if v is not None]
    return value


def _check_own_files(toml_text: str, state_data, prefix: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        config_file = base / "config.toml"
        try:
            config_file.write_bytes(prefix + toml_text.encode("utf-8", "surrogatepass"))
        except (ValueError, RecursionError):
            return
        _cfg, notices = config.load_config(config_file)
        assert all(isinstance(n, str) for n in notices)
        config.save_theme("dark", config_file)  # never raises; refuses when the file was bad
        (base / "themes").mkdir()
        (base / "themes" / "t.toml").write_bytes(config_file.read_bytes())
        loaded = themes.load_themes(user_dir=base / "themes")
        assert "dark" in loaded.names
        state_file = base / "state.json"
        state_file.write_text(state_data, encoding="utf-8")
        reading = state.ReadingState.load(state_file)
        reading.mark_read("/lib/a.md")
        assert reading.is_read("/lib/a.md")


state_texts = (
    values.map(lambda v: json.dumps(v))
    | shapes.map(json.dumps)
    | st.integers(1, 3000).map(lambda n: '{"read": ' + "[" * n + "]" * n + "}")
    | st.text(max_size=100)
)


@QUICK
@given(tomlish, state_texts, st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe"]))
def test_any_config_state_and_theme_shape_starts(toml_text, state_text, prefix):
    _check_own_files(toml_text, state_text, prefix)


@pytest.mark.slow
@pytest.mark.skipif(not LONG, reason="set NEWSREADER_FUZZ=long for the long fuzz run")
def test_long_fuzz_names_encodings_and_shapes() -> None:
    THOROUGH(given(st.lists(name_bytes, min_size=1, max_size=6), suffixes)(_check_names))()
    THOROUGH(given(labels, bodies)(_check_declared))()
    THOROUGH(given(tomlish, state_texts, st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe"]))(_check_own_files))()
