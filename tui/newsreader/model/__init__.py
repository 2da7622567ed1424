"""The model: plain records every other layer shares, and nothing else.

``document`` (an article read from a file: ``Document``, its ``Block``s, ``LibraryEntry`` and
``DocStatus``), ``analysis`` (what the analysis found: ``Analysis`` and its entities, actors,
reactions, events and figures), ``vocabulary`` (the closed lists those records use: highlight
layers, PLOVER categories), ``record`` (the JSON object ``extract`` writes for one document).

This package imports nothing else of newsreader (an import-linter contract in pyproject.toml
checks it): reading files, analysing, presenting and drawing all build on it, never the reverse.
"""
