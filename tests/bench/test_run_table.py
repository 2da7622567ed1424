"""The bench table: one Markdown table under the date and machine, targets judged per row."""

from __future__ import annotations

from tests.bench.run import Cell, Row, Target, machine_description, print_table


def test_table_is_markdown_with_date_machine_and_verdicts(capsys) -> None:
    rows = [
        Row(
            "seed: cold",
            Cell("1.76 s", "310 MB", 1.76, 310.0),
            "bare spaCy",
            Cell("1.10 s", "", 1.10),
            Target("< 2.5 s", lambda ours, theirs: ours < 2.5),
        ),
        Row(
            "600 KB | first paint",
            Cell("1.20 s", "90 MB", 1.2, 90.0),
            "MarkdownViewer",
            Cell("10.1 s", "", 10.1),
            Target("< 1 s", lambda ours, theirs: ours < 1.0),
        ),
        Row(
            "extract, 2 jobs",
            Cell("8,000 tok/s", "520 MB", 8000.0, 520.0),
            "bare n=2",
            Cell("error: boom"),
            Target(">= 1.6x bare n_process=1", lambda ours, theirs: ours >= 1.6 * 4000, ratio_to=lambda: 4000.0),
        ),
        Row("broken row", Cell("error: exit 1"), "x", Cell(""), Target("< 1 s", lambda ours, theirs: ours < 1)),
    ]
    print_table(rows, 3, (0.5, 0.7), started=0)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "newsreader benchmark, 1970-01-01 00:00 UTC"
    assert out[1].startswith("Machine: ") and "cores" in out[1]
    table = [line for line in out if line.startswith("|")]
    assert len(table) == 2 + len(rows)
    assert len({line.count("|") for line in table}) == 1  # no cell breaks the columns ("|" in a name)
    assert "< 2.5 s: met (1.60x competitor)" in table[2]
    assert "< 1 s: MISSED" in table[3]
    assert ">= 1.6x bare n_process=1: met (2.00x)" in table[4]
    assert "< 1 s: no figure" in table[5]
    assert any("MISSED (largest 520 MB: extract, 2 jobs)" in line for line in out)


def test_machine_description_names_cpu_and_versions() -> None:
    text = machine_description()
    assert "cores" in text and "Python" in text and "textual" in text
