"""Extraction quality on a tuning part and a checking part, with the shared scorers.

`make quality` runs this. It needs ../shared (the gold, the corpora and the scorers); without it it
says so and exits 0, since quality is measured by developers, not by users' installs.

The split is fixed by a hash of each item's name, so it never depends on what a change did:
- articles: the seed and ../shared/corpus/dev (long tuned on) plus a third of ../shared/corpus/dev2
  form the *tuning* part; the other two thirds of dev2 are the *checking* part, to be looked at
  only when a change is done;
- PLOVER dev sentences (../shared/eval/plover-gsr-dev.jsonl): half tuning, half checking;
- bare names: every gold person and organisation of each article part, alone in a file dated
  like its article ("Angela Merkel", "Foreign Minister Sergey Lavrov"), must get its gold
  country: what the knowledge tables and name handling know without any story around them.
A rule that lifts the tuning part and not the checking part fits text, not language.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def is_tuning(name: str, one_in: int) -> bool:
    """True when `name` falls in the tuning part: one in `one_in` names, by a stable hash."""
    return int(hashlib.sha1(name.encode()).hexdigest(), 16) % one_in == 0


def _extract(paths: list[Path], out: Path) -> None:
    cmd = [sys.executable, "-m", "newsreader", "extract", *map(str, paths), "--format", "jsonl"]
    with out.open("w") as fh:
        subprocess.run(cmd, stdout=fh, check=True)


def _headline(cmd: list[str]) -> dict:
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _articles(tmp: Path, verbose: bool) -> dict[str, dict]:
    gold, dev2_gold = SHARED / "gold", SHARED / "gold" / "dev2"
    extract = tmp / "articles.jsonl"
    _extract([SHARED / "seeds", SHARED / "corpus" / "dev", SHARED / "corpus" / "dev2"], extract)
    parts = {"tuning": tmp / "tune", "checking": tmp / "check"}
    docs = {"tuning": tmp / "tune-docs", "checking": tmp / "check-docs"}
    for d in [*parts.values(), *docs.values()]:
        d.mkdir()
    for g in gold.glob("*.json"):
        shutil.copy(g, parts["tuning"])
    for g in dev2_gold.glob("*.json"):
        part = "tuning" if is_tuning(g.stem, 3) else "checking"
        shutil.copy(g, parts[part])
    # score.py matches records by file name; one docs folder is only used to name things.
    scorer = SHARED / "eval" / "score.py"
    result = {}
    for part, gdir in parts.items():
        cmd = [sys.executable, str(scorer), str(gdir), str(docs[part]), str(extract)]
        if verbose:
            subprocess.run([*cmd, "--verbose"], check=True)
        result[part] = _headline(cmd) | {"files": len(list(gdir.glob("*.json")))}
    return result


def _plover(tmp: Path, verbose: bool) -> dict[str, dict]:
    scorer = SHARED / "eval" / "score_events.py"
    records = [json.loads(x) for x in (SHARED / "eval" / "plover-gsr-dev.jsonl").read_text().splitlines() if x.strip()]
    result = {}
    for part in ("tuning", "checking"):
        keep = [r for r in records if is_tuning(str(r["id"]), 2) == (part == "tuning")]
        gold = tmp / f"plover-{part}.jsonl"
        gold.write_text("".join(json.dumps(r) + "\n" for r in keep))
        sentences = tmp / f"plover-{part}"
        subprocess.run(
            [sys.executable, str(scorer), "write", str(gold), str(sentences)], check=True, capture_output=True
        )
        extract = tmp / f"plover-{part}-out.jsonl"
        _extract([sentences], extract)
        cmd = [sys.executable, str(scorer), "score", str(gold), str(extract)]
        if verbose:
            subprocess.run([*cmd, "--verbose"], check=True)
        result[part] = _headline(cmd) | {"records": len(keep)}
    return result


def _bare_names(tmp: Path) -> dict[str, dict]:
    """Each gold actor's name alone, dated like its article: the share given a gold country."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    result = {}
    for part, golds in (
        (
            "tuning",
            [
                *(SHARED / "gold").glob("*.json"),
                *(g for g in (SHARED / "gold" / "dev2").glob("*.json") if is_tuning(g.stem, 3)),
            ],
        ),
        ("checking", [g for g in (SHARED / "gold" / "dev2").glob("*.json") if not is_tuning(g.stem, 3)]),
    ):
        folder = tmp / f"bare-{part}"
        folder.mkdir()
        expected: dict[str, dict] = {}
        for g in golds:
            gold = json.loads(g.read_text())
            day = gold["doc"][:10] if gold["doc"][:4].isdigit() else ""
            for i, actor in enumerate(a for a in gold.get("actors", []) if a["kind"] in ("person", "organization")):
                name = f"{g.stem}-{i}.md"
                dated = f"date: {day}\n" if day else ""
                (folder / name).write_text(f"# Name\n{dated}\n{actor['name']}\n")
                expected[name] = actor
        extract = tmp / f"bare-{part}.jsonl"
        _extract([folder], extract)
        right = 0
        for line in extract.read_text().splitlines():
            rec = json.loads(line)
            actor = expected.get(Path(rec.get("path", "")).name)
            if actor is None:
                continue
            hits = [a for a in rec.get("actors", []) if score.name_match(actor["name"], a.get("name", ""))]
            right += any(a.get("country") in score.countries_of(actor) for a in hits)
        result[part] = {"names": len(expected), "country_right": round(right / len(expected), 3) if expected else 0.0}
    return result


def main(argv: list[str]) -> int:
    if not (SHARED / "eval" / "score.py").exists():
        print(f"quality: {SHARED} is not here (the gold and scorers live there); nothing measured")
        return 0
    verbose = "--verbose" in argv
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        report = {"articles": _articles(tmp, verbose), "plover": _plover(tmp, verbose), "bare_names": _bare_names(tmp)}
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
