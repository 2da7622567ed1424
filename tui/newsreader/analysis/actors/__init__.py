"""Actors: entity mentions merged into people, organisations, countries, places and groups.

A person mentioned as "Kazakhstan President Kassym-Jomart Tokayev", "President Tokayev",
"Tokayev" and "the Kazakh president" is one actor with role "President" and country KAZ.

Where to look:
- ``names``: comparing and showing names (``fold``, ``may_be_same_person``), title words;
- ``countries``: how an actor gets a country -- the evidence ladder (text, knowledge,
  context), the title/apposition readers and the country in context;
- ``registry``: ``ActorRegistry``, the actors of one document as they are assembled;
- ``non_actors``: names that are never actors (titles of works, celestial bodies, diseases).

The reaction extractor (``analysis/events/``) walks the parse and asks the registry.
Pure Python over spaCy docs; no UI imports. The names below are the package's public API.
"""

from newsreader.analysis.actors.countries import (
    CONTEXT_LEAD,
    EVIDENCE_CONTEXT,
    EVIDENCE_GAZETTEER,
    EVIDENCE_OFFICE,
    EVIDENCE_ORG,
    EVIDENCE_TEXT,
    CountryContext,
    apposition_country,
    country_named_after,
    descriptor_country,
    dominant_country,
    institution_country,
    national_title_country,
    offices,
    title_phrase,
)
from newsreader.analysis.actors.names import (
    PERSON_PRONOUNS,
    THING_PRONOUNS,
    clean_name,
    fold,
    initials,
    is_title,
    may_be_same_person,
    name_parts,
    slug,
    title_words,
)
from newsreader.analysis.actors.registry import ActorRegistry, Draft

__all__ = [
    "CONTEXT_LEAD",
    "EVIDENCE_CONTEXT",
    "EVIDENCE_GAZETTEER",
    "EVIDENCE_OFFICE",
    "EVIDENCE_ORG",
    "EVIDENCE_TEXT",
    "PERSON_PRONOUNS",
    "THING_PRONOUNS",
    "ActorRegistry",
    "CountryContext",
    "Draft",
    "apposition_country",
    "clean_name",
    "country_named_after",
    "descriptor_country",
    "dominant_country",
    "fold",
    "initials",
    "institution_country",
    "is_title",
    "may_be_same_person",
    "name_parts",
    "national_title_country",
    "offices",
    "slug",
    "title_phrase",
    "title_words",
]
