"""Named entities and numbers of parsed chunks as highlight-layer ``Entity`` objects.

Layers: people (PERSON), organizations (ORG), places (GPE, LOC, FAC), groups (NORP), numbers
(CARDINAL, QUANTITY, MONEY, PERCENT), dates (DATE, TIME). ORDINAL ("first", "3rd") is left out:
highlighting every "first" adds noise without telling the reader anything. Other labels (EVENT,
LAW, PRODUCT, WORK_OF_ART, LANGUAGE) have no layer and are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from newsreader.model.analysis import Entity

if TYPE_CHECKING:
    from newsreader.analysis.pipeline import Chunk

#: spaCy label -> highlight layer.
LAYER_OF_LABEL: dict[str, str] = {
    "PERSON": "people",
    "ORG": "organizations",
    "GPE": "places",
    "LOC": "places",
    "FAC": "places",
    "NORP": "groups",
    "CARDINAL": "numbers",
    "QUANTITY": "numbers",
    "MONEY": "numbers",
    "PERCENT": "numbers",
    "DATE": "dates",
    "TIME": "dates",
}


def extract_entities(chunks: Iterable[Chunk]) -> list[Entity]:
    """Every entity on a layer, with absolute offsets into the analysed text and the gazetteer's
    country code (``span._.country``) when known. Sorted by position."""
    out: list[Entity] = []
    for chunk in chunks:
        for ent in chunk.doc.ents:
            layer = LAYER_OF_LABEL.get(ent.label_)
            if layer is None:
                continue
            country = ent._.country if ent.has_extension("country") else None
            out.append(
                Entity(
                    start=chunk.offset + ent.start_char,
                    end=chunk.offset + ent.end_char,
                    text=ent.text,
                    label=ent.label_,
                    layer=layer,
                    country=country,
                )
            )
    out.sort(key=lambda e: (e.start, e.end))
    return out
