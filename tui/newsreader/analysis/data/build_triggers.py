"""Build ``triggers_cameo.tsv`` from the CAMEO verb dictionary and the CAMEO->PLOVER table.

Sources (see /work/shared/reference/README.md):

* ``CAMEO.2.0.txt`` -- CAMEO verb-pattern dictionary from openeventdata/petrarch2
  (``petrarch2/data/dictionaries/``), Copyright (c) 2015 Open Event Data Alliance, MIT licence.
* ``CAMEO2PLOVER-2021.txt`` -- CAMEO code -> PLOVER event type table, PLOVER manual draft 0.8
  (openeventdata/PLOVER), CC BY-SA 4.0.  Only the code -> category mapping is used.

The output keeps only what the reaction extractor can match against a dependency parse:

* ``verb``            -- a verb lemma on its own ("denounce")
* ``verb+prep``       -- a verb with a particle or preposition child ("call+for", "crack+down")
* ``verb>obj``        -- a verb with a direct-object head noun ("impose>sanction")
* ``verb+prep>obj``   -- a verb, a preposition and that preposition's object ("call+for>ceasefire")

CAMEO codes 01x (public statements) carry no PLOVER category and are dropped; codes 02x
(appeals) are mapped to REQUEST, which in PLOVER absorbs both CAMEO APPEAL and DEMAND.
Patterns with words before the verb, nested phrases or codes marked passive-only are skipped:
the dictionary's own header warns that many patterns are noise, so the curated
``triggers_override.tsv`` always wins over this file.

Run: ``PYTHONPATH=tui .venv/bin/python tui/newsreader/analysis/data/build_triggers.py [REFERENCE_DIR]``
(default ``../shared/reference`` relative to the project root).
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_REFERENCE = HERE.parents[3].parent / "shared" / "reference"
OUTPUT = HERE / "triggers_cameo.tsv"

PARTICLES = {
    "up",
    "down",
    "out",
    "off",
    "back",
    "over",
    "away",
    "on",
    "in",
    "into",
    "for",
    "to",
    "with",
    "against",
    "from",
    "at",
    "upon",
    "about",
    "of",
    "by",
    "through",
    "behind",
}


def load_plover_table(path: Path) -> dict[str, str]:
    """CAMEO code -> PLOVER category, from the conversion table."""
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if m:
            table[m.group(1)] = m.group(2)
    return table


def plover_for(code: str, table: dict[str, str]) -> str | None:
    """Map one CAMEO code to PLOVER, walking up to broader codes when the exact one is missing."""
    code = code.strip()
    if not code or not code[0].isdigit():
        return None
    code = code.split(":")[0]
    if code.startswith("01"):
        return None  # public statements: not an event type in PLOVER
    if code.startswith("02"):
        return "REQUEST"
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def singular(word: str) -> str:
    """Crude singular for dictionary nouns (the parser lemmatises the text side)."""
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def parse_synsets(lines: list[str]) -> dict[str, list[str]]:
    """``&NAME`` blocks followed by ``+WORD`` lines."""
    sets: dict[str, list[str]] = {}
    current = None
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if line.startswith("&"):
            current = line.split()[0]
            sets[current] = []
        elif line.startswith("+") and current:
            sets[current].append(line[1:].strip("_ ").split()[0].replace("_", " "))
        elif not line:
            continue
        else:
            current = None
    return sets


def pattern_keys(verb: str, pattern: str, synsets: dict[str, list[str]]) -> list[str]:
    """Turn one ``- * ...`` pattern into match keys, or [] when it is too complex to use."""
    body = pattern.strip()
    if not body.startswith("*"):
        return []  # words before the verb (subject-side constraints): skipped
    groups = re.findall(r"\([^)]*\)|\{[^}]*\}|\S+", body[1:].strip())
    prep = obj = None
    for g in groups:
        if g in {"$", "^", "+", "%"}:
            continue
        if g.startswith("("):
            if prep is not None:
                return []
            words = g.strip("()").split()
            if not words or not words[0].isalpha():
                return []
            prep = words[0].lower()
            if len(words) > 1:
                obj = words[-1]
        elif g.startswith("{"):
            if obj is not None:
                return []
            words = g.strip("{}").split()
            if not words:
                return []
            obj = words[-1]
        else:
            if g.lower() in PARTICLES and prep is None and obj is None:
                prep = g.lower()
            elif obj is None:
                obj = g
            else:
                return []
    objs: list[str | None] = [None]
    if obj is not None:
        if obj.startswith("&"):
            members = synsets.get(obj, [])
            if len(members) > 30:
                return []  # huge synonym sets (currencies, crimes) mostly add noise
            objs = [singular(w) for w in members if " " not in w]
        elif obj.isalpha() or "-" in obj:
            objs = [singular(obj)]
        else:
            return []
    keys = []
    for o in objs:
        key = verb + (f"+{prep}" if prep else "") + (f">{o}" if o else "")
        if key != verb:
            keys.append(key)
    return keys


def build(reference: Path) -> list[tuple[str, str, str]]:
    """Return (key, PLOVER category, CAMEO code) rows, one per key (most frequent category wins)."""
    table = load_plover_table(reference / "CAMEO2PLOVER-2021.txt")
    lines = reference.joinpath("CAMEO.2.0.txt").read_text(encoding="utf-8", errors="replace").splitlines()
    start = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    synsets = parse_synsets(lines[:start])
    votes: dict[str, Counter] = defaultdict(Counter)
    codes: dict[tuple[str, str], str] = {}
    block_code = None
    block_verbs: list[str] = []
    for raw in lines[start + 1 :]:
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        head = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", line)
        if head:
            block_code = head.group(2).strip()
            block_verbs = []
            continue
        code_m = re.search(r"\[([^\]]*)\]\s*$", line)
        code = code_m.group(1).strip() if code_m else None
        text = line[: code_m.start()] if code_m else line
        if line.startswith("-"):
            if not code or code.startswith(":"):
                continue
            cat = plover_for(code, table)
            if not cat:
                continue
            for verb in block_verbs:
                for key in pattern_keys(verb, text.lstrip("- ").strip(), synsets):
                    votes[key][cat] += 1
                    codes.setdefault((key, cat), code)
            continue
        # a verb line: VERB, VERB {FORMS}, +MULTI_WORD {FORMS} [code]
        word = re.sub(r"\{[^}]*\}", "", text).strip().lstrip("+").strip("_ ")
        if not word or not re.match(r"^[A-Z][A-Z_'-]*$", word):
            continue
        parts = word.lower().split("_")
        verb = parts[0]
        key = verb if len(parts) == 1 else verb + "+" + parts[1] + (f">{parts[2]}" if len(parts) > 2 else "")
        if len(parts) == 1:
            block_verbs.append(verb)
        own = code or block_code
        if not own or own.startswith(("---", ":")):
            continue
        cat = plover_for(own, table)
        if cat:
            votes[key][cat] += 1
            codes.setdefault((key, cat), own)
    rows = []
    for key, counter in sorted(votes.items()):
        cat = counter.most_common(1)[0][0]
        rows.append((key, cat, codes[(key, cat)]))
    return rows


def main(argv: list[str]) -> int:
    reference = Path(argv[1]) if len(argv) > 1 else DEFAULT_REFERENCE
    rows = build(reference)
    header = (
        "# Generated by build_triggers.py -- do not edit; put corrections in triggers_override.tsv.\n"
        "# Source: CAMEO.2.0.txt (openeventdata/petrarch2, Copyright (c) 2015 Open Event Data Alliance,\n"
        "# MIT licence) mapped to PLOVER with CAMEO2PLOVER-2021.txt (openeventdata/PLOVER, CC BY-SA 4.0).\n"
        "# key<TAB>PLOVER category<TAB>CAMEO code. key: verb | verb+prep | verb>obj | verb+prep>obj\n"
    )
    OUTPUT.write_text(header + "".join(f"{k}\t{c}\t{code}\n" for k, c, code in rows), encoding="utf-8")
    print(f"{len(rows)} triggers -> {OUTPUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
