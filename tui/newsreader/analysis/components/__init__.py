"""The project's spaCy components, each registered with ``@Language.factory`` on import.

Importing this package imports spaCy, so only ``pipeline`` imports it. Span extensions set here:

- ``span._.country``: ISO3 code or organisation code (EU, UN, NATO...) from the gazetteer, or None.
- ``span._.kind``: "country" | "group" | "place" | "organization" | "source" | None.
- ``span._.title``: the role written before a person ("French President"), or None.
- ``span._.title_span``: (start_char, end_char) of that role in the doc, or None.
"""

from __future__ import annotations

from spacy.tokens import Span

for _name in ("country", "kind", "title", "title_span"):
    Span.set_extension(_name, default=None, force=True)

from . import body_names, fast_rules, gazetteer_ruler, known_names, numbers, person_names, run_in_labels, titles  # noqa: E402,F401  (register factories)

__all__ = ["body_names", "fast_rules", "gazetteer_ruler", "numbers", "person_names", "run_in_labels", "titles"]
