"""A one-line bar around a text field that is hidden until asked for (search, filter).

The bar's children are built the first time it opens, not at start-up: an ``Input`` and its
labels cost about 8 ms each to compose and style before the first frame, for a field most
sessions never open.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input


class InputBar(Horizontal):
    """Subclasses say what the bar holds (``parts``) and the id of its ``Input``."""

    INPUT_ID = ""

    def parts(self) -> Iterable[Widget]:
        """The bar's widgets, one of them an ``Input`` with id ``INPUT_ID``."""
        raise NotImplementedError

    @property
    def built(self) -> bool:
        """Whether the bar's widgets exist (it has been opened at least once)."""
        return bool(self.children)

    def build(self) -> None:
        """Create the bar's widgets now (idempotent)."""
        if not self.built:
            self.mount(*self.parts())

    @property
    def input(self) -> Input:
        self.build()
        return self.query_one(f"#{self.INPUT_ID}", Input)

    @property
    def value(self) -> str:
        return self.input.value if self.built else ""

    def open(self) -> None:
        """Show the bar and put the cursor in its field."""
        self.build()
        self.display = True
        self.input.focus()
