"""Pure NLP: Document text in, plain dataclasses (``model.Analysis``) out. No Textual here.

Importing this package must stay cheap: spaCy is imported only when a pipeline is built
(``pipeline.load_pipeline``), so the UI can show cached analyses without loading it.
"""
