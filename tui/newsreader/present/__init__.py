"""The presentation: model records turned into what a screen, a file or a notice shows. No Textual.

``text`` (the one cleaner for untrusted text), ``facts`` (an article's source, date, length and
reading time), ``panel`` (an ``Analysis`` grouped by country for the side panel), ``overview``
(the country x category matrix across the library), ``query`` (the library filter language),
``library_view`` (views, sorts and groups of the library list), ``export`` (JSON, CSV and
Markdown files, evidence clips). The ``ui`` package draws these; tests check them without a
screen.
"""
