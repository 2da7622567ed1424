"""Synthetic news articles for the benchmarks: big single articles and a big library.

The text is made up from small word lists (no corpus text is copied), but it reads like wire
copy — people with titles, countries, organisations, numbers, dates, quotes — so the analysis
does real work on it. A fixed random seed makes every run generate the same files.
"""

from __future__ import annotations

import random
from pathlib import Path

PEOPLE = [
    ("President", "Amara Okafor"),
    ("Prime Minister", "Lukas Brandt"),
    ("Foreign Minister", "Mei Lin Zhou"),
    ("Defence Secretary", "Jonas Eriksen"),
    ("Senator", "Rosa Delgado"),
    ("General", "Omar Haddad"),
    ("Ambassador", "Ingrid Solberg"),
    ("Minister", "Kenji Watanabe"),
    ("Governor", "Aisha Bello"),
    ("Spokesperson", "Daniel Moreau"),
]
COUNTRIES = [
    ("Kenya", "Kenyan", "Nairobi"),
    ("Germany", "German", "Berlin"),
    ("Japan", "Japanese", "Tokyo"),
    ("Brazil", "Brazilian", "Brasilia"),
    ("Canada", "Canadian", "Ottawa"),
    ("India", "Indian", "New Delhi"),
    ("France", "French", "Paris"),
    ("Egypt", "Egyptian", "Cairo"),
    ("Norway", "Norwegian", "Oslo"),
    ("Mexico", "Mexican", "Mexico City"),
    ("Turkey", "Turkish", "Ankara"),
    ("Australia", "Australian", "Canberra"),
]
ORGS = [
    "the United Nations",
    "the European Union",
    "NATO",
    "the World Health Organization",
    "the African Union",
    "the World Bank",
    "the International Monetary Fund",
    "Reuters",
    "the Red Cross",
]
VERBS = [
    "condemned",
    "welcomed",
    "criticised",
    "praised",
    "rejected",
    "supported",
    "urged",
    "accused",
    "threatened",
    "met",
    "called on",
    "warned",
    "agreed with",
    "denied",
]
THINGS = ["protesters", "soldiers", "refugees", "workers", "students", "civilians", "officials", "journalists"]
EVENTS = ["were killed", "were injured", "were arrested", "were evacuated", "gathered", "were detained"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TOPICS = [
    "fuel prices",
    "the border dispute",
    "the election results",
    "the trade agreement",
    "the ceasefire",
    "water rights",
    "the new sanctions",
    "the peace talks",
    "the energy crisis",
]


def _sentence(rng: random.Random) -> str:
    title, name = rng.choice(PEOPLE)
    country, demonym, city = rng.choice(COUNTRIES)
    other, other_demonym, _ = rng.choice(COUNTRIES)
    n = rng.choice([rng.randint(2, 99), rng.randint(100, 5000), rng.randint(1, 40) * 1000])
    pick = rng.randrange(6)
    if pick == 0:
        return f"{demonym} {title} {name} {rng.choice(VERBS)} {other} on {rng.choice(DAYS)} over {rng.choice(TOPICS)}."
    if pick == 1:
        return f"According to {rng.choice(ORGS)}, {n:,} {rng.choice(THINGS)} {rng.choice(EVENTS)} in {city} since {rng.choice(DAYS)}."
    if pick == 2:
        return f"\u201cWe will not accept {rng.choice(TOPICS)},\u201d {name} told reporters in {city}."
    if pick == 3:
        org = rng.choice(ORGS)
        return f"{org[0].upper() + org[1:]} {rng.choice(VERBS)} the {other_demonym} government and called for talks."
    if pick == 4:
        return f"About {n:,} people {rng.choice(EVENTS)} after {rng.choice(TOPICS)} led to clashes in {country}."
    return f"The {demonym} authorities said {rng.randint(2, 30)} checkpoints had been set up across {country}."


def article(target_bytes: int | None = None, words: int | None = None, seed: int = 7, title: str | None = None) -> str:
    """A Markdown article of about ``target_bytes`` bytes (or exactly ``words`` words or more)."""
    rng = random.Random(seed)
    head = f"# {title or 'Tensions rise as ministers meet over ' + rng.choice(TOPICS)}\n\n"
    parts = [head]
    size, count, section = len(head), len(head.split()), 0
    while (target_bytes is not None and size < target_bytes) or (words is not None and count < words):
        if rng.random() < 0.08:
            section += 1
            block = f"## Part {section}: {rng.choice(TOPICS).capitalize()}\n\n"
        else:
            block = " ".join(_sentence(rng) for _ in range(rng.randint(3, 6))) + "\n\n"
        parts.append(block)
        size += len(block.encode("utf-8"))
        count += len(block.split())
    text = "".join(parts)
    if words is not None and target_bytes is None:
        text = " ".join(text.split(" ")[: max(words, 1)])  # trim to about the asked word count
    return text.rstrip() + "\n"


def write_article(path: Path, **kwargs) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(article(**kwargs), encoding="utf-8")
    return path


def write_library(folder: Path, count: int, seed: int = 11) -> Path:
    """``count`` small dated articles, all in ``folder`` (flat, so a directory listing sees them all)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        country, _, city = rng.choice(COUNTRIES)
        title = f"{country}: {rng.choice(TOPICS)} in {city} ({i})"
        body = " ".join(_sentence(rng) for _ in range(rng.randint(4, 8)))
        date = f"{2000 + i % 25}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        (folder / f"{date}-article-{i:05d}.md").write_text(f"# {title}\n\n{body}\n", encoding="utf-8")
    return folder
