"""The record ``newsreader extract`` writes for one document: a ``Document`` and its ``Analysis``
as one JSON object (offsets index ``text``).

It lives in the model because every layer that writes it is below the presentation: the batch
runner (``extract``, ``--jobs``, ``--dask`` and the Python API) and the export (JSON) share it.
"""

from __future__ import annotations

from typing import Any

from newsreader.model.analysis import Analysis
from newsreader.model.document import Document


def extract_record(document: Document, analysis: Analysis) -> dict[str, Any]:
    """The JSON object ``extract`` writes for one document (offsets index ``text``)."""
    data = analysis.to_dict()
    return {
        "path": document.path,
        "title": document.title,
        "sha256": document.sha256,
        "text": document.text,
        "model": analysis.model,
        "entities": data["entities"],
        "actors": data["actors"],
        "reactions": data["reactions"],
        "figures": data["figures"],
        "events": data["events"],
        "notices": data["notices"],
        "complete": data["complete"],
        "status": document.status.value,
        "problems": list(document.problems),
        "meta": {k: v for k, v in _meta_dict(document).items() if v not in (None, "", {})},
    }


def _meta_dict(document: Document) -> dict[str, Any]:
    meta = document.meta
    return {
        "source": meta.source,
        "date": meta.date,
        "url": meta.url,
        "license": meta.license,
        "extra": dict(meta.extra),
    }
