"""The README documents what the code does: its key table is the one in ``ui/keys.py``."""

from __future__ import annotations

import re

from conftest import ROOT
from newsreader.ui.keys import keys_markdown

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_key_table_matches_the_binding_table():
    match = re.search(r"<!-- keys-table:start[^>]*-->\n(.*?)\n<!-- keys-table:end -->", README, re.S)
    assert match, "README lost its generated key table markers"
    assert match.group(1).strip() == keys_markdown().strip(), (
        "README key table is stale: regenerate it from newsreader.ui.keys.keys_markdown()"
    )


def test_readme_quick_start_names_the_two_commands():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "make run" in quick and "make test" in quick
