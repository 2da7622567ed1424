"""``PassStyleMixin``: a Line-API widget's base style worked out once per render pass.

Textual's ``rich_style`` walks every ancestor's styles to blend backgrounds (~40 µs) and is not
cached; a full-height pane that asks for it in each ``render_line`` pays that ~45 times a
frame. During a pass (``render_lines``) the style cannot change, so it is computed once.
"""

from __future__ import annotations

from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip


class PassStyleMixin:
    """Mix into a ``ScrollView`` (before it) and read ``base_style`` in ``render_line``."""

    _pass_style: Style | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        self._pass_style = self.rich_style  # type: ignore[attr-defined]
        try:
            return super().render_lines(crop)  # type: ignore[misc]
        finally:
            self._pass_style = None

    @property
    def base_style(self) -> Style:
        """The widget's ``rich_style``: the pass's copy while one runs, else computed."""
        style = self._pass_style
        return style if style is not None else self.rich_style  # type: ignore[attr-defined]
