"""Build ``event_nouns_generated.tsv``: event nouns and noun phrases with a PLOVER category.

Two sources, both read at build time only (nothing here runs in the application):

* Open English WordNet (globalwordnet/english-wordnet, CC BY 4.0, derived from Princeton WordNet
  under the WordNet licence): each verb sense's ``derivation``/``event`` links name the nouns of
  that verb ("condemn" -> "condemnation", "withdraw" -> "withdrawal"). Every curated verb trigger
  of ``triggers_override.tsv`` with a PLOVER category lends its category to those nouns.
* ``CAMEO.2.0.txt`` (openeventdata/petrarch2, MIT) with ``CAMEO2PLOVER-2021.txt`` (openeventdata/PLOVER,
  CC BY-SA 4.0): the ``{NOUN PHRASE}`` objects of the patterns under the light verbs (START, STAGE,
  HOLD, LAUNCH, BEGIN, CONDUCT, JOIN, PURSUE, ...), e.g. ``- * {HUNGER STRIKE} [142]``.

Candidates were reviewed by hand: the nouns in ``event_nouns_review.tsv`` marked ``reject`` are left
out (everyday senses that are not acts: "charge" as a price, "fire" as a blaze, "support" as a
prop), and a hand-written ``event_nouns.tsv`` always wins over this file.

Run: ``PYTHONPATH=tui .venv/bin/python tui/newsreader/analysis/data/build_expressions.py WORDNET [REFERENCE_DIR]``
where WORDNET is a checkout or a bare git directory of globalwordnet/english-wordnet and
REFERENCE_DIR defaults to ``../shared/reference``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

from newsreader.model.vocabulary import PLOVER_CATEGORIES

HERE = Path(__file__).resolve().parent
DEFAULT_REFERENCE = HERE.parents[3].parent / "shared" / "reference"
OUTPUT = HERE / "event_nouns_generated.tsv"
REVIEW = HERE / "event_nouns_review.tsv"
CATEGORIES = set(PLOVER_CATEGORIES)
#: CAMEO verbs whose ``{noun}`` patterns name the event the verb starts, holds or carries out.
LIGHT_CAMEO_VERBS = {
    "START",
    "BEGIN",
    "STAGE",
    "HOLD",
    "LAUNCH",
    "CONDUCT",
    "JOIN",
    "PURSUE",
    "MOUNT",
    "ORGANIZE",
    "ORGANISE",
    "CARRY",
    "WAGE",
    "CALL",
    "IMPOSE",
    "DECLARE",
    "ANNOUNCE",
}
#: Noun endings that make a derivation a nominalisation of the act (not an agent or a result).
NOMINAL_ENDINGS = ("tion", "sion", "ment", "al", "ance", "ence", "age", "ure", "ing", "cy", "ism")


def _read(wordnet: Path, name: str) -> str:
    path = wordnet / name
    if path.is_file():
        return path.read_text(encoding="utf-8")
    return subprocess.run(
        ["git", f"--git-dir={wordnet}", "show", f"HEAD:{name}"], capture_output=True, text=True, check=True
    ).stdout


def wordnet_nouns(wordnet: Path) -> dict[str, set[str]]:
    """verb lemma -> nouns linked to any of its senses by ``derivation`` or ``event``."""
    out: dict[str, set[str]] = defaultdict(set)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        text = _read(wordnet, f"src/yaml/entries-{letter}.yaml")
        lemma = pos = None
        for line in text.splitlines():
            m = re.match(r"^'?([^\s':][^:]*?)'?:\s*$", line)
            if m:
                lemma, pos = m.group(1).lower(), None
                continue
            m = re.match(r"^  ([a-z]):\s*$", line)
            if m:
                pos = m.group(1)
                continue
            if pos == "v" and lemma:
                m = re.match(r"^\s+- '?([^%']+)%1:", line)
                if m and " " not in m.group(1):
                    out[lemma].add(m.group(1).lower())
    return out


def curated_verbs() -> dict[str, str]:
    """Verb lemma -> PLOVER category from the curated trigger file (single-word verbs only)."""
    out = {}
    for line in (HERE / "triggers_override.tsv").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and re.fullmatch(r"[a-z-]+", parts[0]) and parts[1].strip() in CATEGORIES:
            out[parts[0]] = parts[1].strip()
    return out


def cameo_nouns(reference: Path) -> dict[str, str]:
    """Noun phrase -> PLOVER category from ``{...}`` objects of CAMEO light-verb patterns."""
    from newsreader.analysis.data.build_triggers import load_plover_table, plover_for, singular

    table = load_plover_table(reference / "CAMEO2PLOVER-2021.txt")
    votes: dict[str, Counter] = defaultdict(Counter)
    verb = None
    for raw in reference.joinpath("CAMEO.2.0.txt").read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        m = re.match(r"^\+?([A-Z][A-Z_]*)\b", line)
        if m and not line.startswith("-"):
            verb = m.group(1).split("_")[0]
            continue
        m = re.match(r"^-\s+\*\s+\{([A-Z -]+)\}\s*(?:\$\s*)?\[(\d+)\]", line)
        if m and verb in LIGHT_CAMEO_VERBS:
            cat = plover_for(m.group(2), table)
            if cat in CATEGORIES:
                words = m.group(1).lower().split()
                phrase = " ".join([*words[:-1], singular(words[-1])])
                votes[phrase][cat] += 1
    return {p: c.most_common(1)[0][0] for p, c in votes.items()}


def reviewed() -> dict[str, str]:
    """Noun -> "reject" (or a corrected category) from the review file."""
    out = {}
    if REVIEW.is_file():
        for line in REVIEW.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 2 and not line.startswith("#"):
                out[parts[0].strip()] = parts[1].strip()
    return out


def build(wordnet: Path, reference: Path) -> list[tuple[str, str, str]]:
    """(noun, category, source) rows after review."""
    review = reviewed()
    rows: dict[str, tuple[str, str]] = {}
    derived = wordnet_nouns(wordnet)
    for verb, cat in sorted(curated_verbs().items()):
        for noun in sorted(derived.get(verb, ())):
            if noun == verb or (noun.endswith(NOMINAL_ENDINGS) and not noun.endswith(("er", "or", "ist"))):
                rows.setdefault(noun, (cat, f"wordnet:{verb}"))
    for phrase, cat in sorted(cameo_nouns(reference).items()):
        rows.setdefault(phrase, (cat, "cameo"))
    out = []
    for noun, (cat, source) in sorted(rows.items()):
        verdict = review.get(noun)
        if verdict == "reject":
            continue
        if verdict in CATEGORIES:
            cat = verdict
        out.append((noun, cat, source))
    return out


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    wordnet = Path(argv[0])
    reference = Path(argv[1]) if len(argv) > 1 else DEFAULT_REFERENCE
    rows = build(wordnet, reference)
    header = [
        "# Generated by build_expressions.py -- do not edit; corrections go in event_nouns_review.tsv",
        "# (reject or re-categorise) or in the hand-written event_nouns.tsv, which wins over this file.",
        "# Sources: Open English WordNet derivation/event links (globalwordnet/english-wordnet, CC BY 4.0;",
        "# Princeton WordNet licence) from the verbs of triggers_override.tsv; CAMEO.2.0.txt noun patterns",
        "# (openeventdata/petrarch2, MIT) mapped with CAMEO2PLOVER-2021.txt (openeventdata/PLOVER, CC BY-SA 4.0).",
        "# noun lemma (or modifier + noun)<TAB>PLOVER category<TAB>source",
    ]
    OUTPUT.write_text("\n".join(header + ["\t".join(r) for r in rows]) + "\n", encoding="utf-8")
    print(f"{len(rows)} event nouns -> {OUTPUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
