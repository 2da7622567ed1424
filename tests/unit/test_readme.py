"""The README documents what the code does: its key table is the one in ``ui/keys.py``, its test
command is the one CI runs, its links work and its quality figures say what they were measured on."""

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


def test_readme_test_command_is_the_one_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = [line for line in ci.splitlines() if line.strip() and not line.startswith(("#", "set ", "cd "))][-1]
    assert command.strip() == "make test"
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert re.search(r"^make test\b", quick, re.M), "the Quick start must show the command CI runs"


def test_readme_links_to_files_that_exist():
    links = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", README)
    local = [link for link in links if not re.match(r"[a-z]+:", link)]
    assert "docs/performance.md" in local and "docs/internals.md" in local
    missing = [link for link in local if not (ROOT / link).exists()]
    assert missing == [], missing
    for page in ("performance.md", "internals.md"):
        text = (ROOT / "docs" / page).read_text(encoding="utf-8")
        assert "](../README.md)" in text


def test_readme_quality_figures_say_what_they_were_measured_on():
    section = README.split("## How good the analysis is", 1)[1].split("\n## ", 1)[0]
    header = next(line for line in section.splitlines() if line.startswith("| Measure"))
    assert "Tuning part" in header and "Checking part" in header
    assert "never tuned on" in section and "make quality" in section


def test_readme_says_shared_is_only_for_developers():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "../shared" in quick
    development = README.split("## Development", 1)[1].split("\n## ", 1)[0]
    assert "make quality" in development and "skip" in development
