"""The export dialog (``e``): choose a format and a file name, then write the analysis.

The dialog does the writing itself (``newsreader.export.export``), so a problem — a missing
folder, an existing file, no permission — is shown in the dialog, which stays open for the
reader to fix the name. On success it dismisses with the ``ExportResult``; ``escape`` cancels
(result None). Relative names are saved under the working directory (shown before saving);
nothing is written until the reader confirms, and an existing file is only replaced when
"Replace" is ticked.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from newsreader.analysis.model import Analysis
from newsreader.export import (
    FORMAT_LABELS,
    FORMATS,
    ExportError,
    ExportResult,
    default_country_name,
    export,
    normalize_format,
    not_analysed_message,
    one_line,
    resolve_target,
    suggested_name,
)



class ExportDialog(ModalScreen[ExportResult | None]):
    """Asks for a format and a file name; writes the export on ``enter``/Export."""

    DEFAULT_CSS = """
    ExportDialog {
        align: center middle;
        background: $background 60%;
    }
    ExportDialog #export-box {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    ExportDialog #export-article {
        color: $text-muted;
        margin-bottom: 1;
    }
    ExportDialog RadioSet {
        width: 100%;
        border: none;
        background: $surface;
    }
    ExportDialog #export-target {
        color: $text-muted;
        height: auto;
    }
    ExportDialog #export-error {
        color: $error;
        height: auto;
    }
    ExportDialog #export-buttons {
        height: auto;
        align-horizontal: right;
        margin-top: 1;
    }
    ExportDialog Button {
        margin-left: 1;
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export.cancel")]

    def __init__(
        self,
        document: Any,
        analysis: Analysis | None,
        fmt: str = "md",
        base: Path | None = None,
        country_name: Callable[[str], str] = default_country_name,
    ) -> None:
        """``base``: the folder relative names are saved in (the working directory by default)."""
        super().__init__()
        self.document = document
        self.analysis = analysis
        self.fmt = normalize_format(fmt)
        # None: relative names are resolved against the working directory when typed (it may
        # have been deleted since start-up; resolve_target then says so in the dialog).
        self.base = base
        self.country_name = country_name
        self._suggested = suggested_name(document, self.fmt)

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = "Export analysis"
            box.border_subtitle = "enter export · esc cancel"
            title = one_line(getattr(self.document.meta, "title", "")) or Path(self.document.path or "").name
            yield Static(Content(title), id="export-article")
            with RadioSet(id="export-format"):
                for name in FORMATS:
                    yield RadioButton(FORMAT_LABELS[name], value=name == self.fmt, id=f"export-{name}")
            yield Label("File name")
            yield Input(value=self._suggested, id="export-name", select_on_focus=False)
            yield Static(Content(""), id="export-target")
            yield Checkbox("Replace the file if it exists", id="export-overwrite")
            yield Static(Content(""), id="export-error")
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        name = self.query_one("#export-name", Input)
        name.focus()
        name.cursor_position = len(name.value)
        self._show_target()
        self.show_error("")

    # ------------------------------------------------------------------ state

    @property
    def file_name(self) -> str:
        return self.query_one("#export-name", Input).value

    @property
    def overwrite(self) -> bool:
        return self.query_one("#export-overwrite", Checkbox).value

    @property
    def error(self) -> str:
        """The message shown in the dialog ("" when none), for tests and the app."""
        return str(self.query_one("#export-error", Static).render())

    def show_error(self, message: str) -> None:
        """Show ``message`` under the form; "" clears it (an unanalysed article always says so)."""
        if not message and self.analysis is None:
            message = not_analysed_message(self.document)
        self.query_one("#export-error", Static).update(Content(message))

    def _show_target(self) -> None:
        try:
            target = str(resolve_target(self.file_name, self.base))
            line = f"Saves to {target}"
        except (ExportError, OSError, ValueError):
            line = ""
        self.query_one("#export-target", Static).update(Content(one_line(line)))

    # ------------------------------------------------------------------ events

    @on(RadioSet.Changed, "#export-format")
    def _on_format(self, event: RadioSet.Changed) -> None:
        new = (event.pressed.id or "").removeprefix("export-")
        if new not in FORMATS or new == self.fmt:
            return
        field = self.query_one("#export-name", Input)
        value = field.value
        if value == self._suggested:
            value = suggested_name(self.document, new)
        elif value.lower().endswith(FORMATS[self.fmt]):
            # Keep the reader's name, with the new format's extension.
            value = value[: -len(FORMATS[self.fmt])] + FORMATS[new]
        self.fmt = new
        self._suggested = suggested_name(self.document, new)
        field.value = value
        self.show_error("")

    @on(Input.Changed, "#export-name")
    def _on_name_changed(self) -> None:
        self._show_target()
        self.show_error("")

    @on(Checkbox.Changed, "#export-overwrite")
    def _on_overwrite(self) -> None:
        self.show_error("")

    @on(Input.Submitted, "#export-name")
    @on(Button.Pressed, "#export-ok")
    def action_export(self) -> None:
        """Validate the name and write the file; stay open with a message if it fails."""
        try:
            target = resolve_target(self.file_name, self.base)
            result = export(self.document, self.analysis, self.fmt, target, self.overwrite, self.country_name)  # type: ignore[arg-type]
        except ExportError as exc:
            self.show_error(str(exc))
            return
        except (OSError, ValueError) as exc:
            # Whatever the file system says (name too long, a folder that cannot be searched, the
            # working folder deleted) belongs in the dialog, never ends the app.
            reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            self.show_error(one_line(f"Could not export: {reason}."))
            return
        self.dismiss(result)

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
