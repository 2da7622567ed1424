"""How each format is recognised from a file's first bytes, when its extension does not say.

Small byte tests, cheap to import (no parser behind them): the format registry
(``formats.py``) runs them on the first ``SNIFF_BYTES`` of a file whose extension no format
claims, and the folder walk runs ``looks_like_feed`` on ``.xml`` files (sitemaps and other
XML are not articles).
"""

from __future__ import annotations

import re

from .decoding import decode_bytes

#: How much of a file the sniffers look at.
SNIFF_BYTES = 4096

_HTML_HEAD = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL
)
_FEED_ROOT = re.compile(rb"<(?:[A-Za-z0-9_.-]+:)?(?:rss|feed|RDF|channel)\b", re.IGNORECASE)


def looks_like_html(head: bytes) -> bool:
    """A head starting (after a BOM, blanks and comments) with ``<!DOCTYPE html`` or ``<html``."""
    return _HTML_HEAD.match(head[:SNIFF_BYTES]) is not None


def looks_like_feed(head: bytes) -> bool:
    """Whether a file's first bytes look like RSS, Atom or RSS 1.0 (RDF)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "ignore").encode("utf-8")
    return _FEED_ROOT.search(head[:SNIFF_BYTES]) is not None


def looks_like_xml_feed(head: bytes) -> bool:
    """An XML document (``<?xml`` first) with an RSS/Atom/RDF root: the stricter test for a
    file whose extension says nothing (a text that merely mentions ``<rss`` stays text)."""
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml") and looks_like_feed(head)


def looks_like_markdown(head: bytes) -> bool:
    """Text starting with a heading ("#") or a metadata block ("---")."""
    decoded = decode_bytes(head[:SNIFF_BYTES], truncated=True)
    start = decoded.text.lstrip()[:4]
    return not decoded.binary and start.startswith(("#", "---"))
