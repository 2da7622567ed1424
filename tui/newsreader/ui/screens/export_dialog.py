"""The export dialog (``e``): choose a format and a file name, then write the analysis.

The dialog does the writing itself (``newsreader.present.export.export``), so a problem — a missing
folder, an existing file, no permission — is shown in the dialog, which stays open for the
reader to fix the name. On success it dismisses with the ``ExportResult``; ``escape`` cancels
(result None). Plain names are saved in the export folder (``newsreader.present.export.export_folder``:
``export_folder`` in config.toml, else the documents folder), which the dialog shows with the
full path before saving; nothing is written until the reader confirms, and an existing file is
only replaced when "Replace" is ticked. It is a modal over the reader, which stays visible,
dimmed (the styles are in newsreader.tcss).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Mount
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from newsreader.model.analysis import Analysis
from newsreader.present.export import (
    FORMAT_LABELS,
    FORMATS,
    ExportError,
    ExportFolder,
    ExportResult,
    default_country_name,
    export,
    export_folder,
    normalize_format,
    not_analysed_message,
    resolve_target,
    short_path,
    suggested_name,
)
from newsreader.present.text import clean
from newsreader.ui import keys


class FormatChoice(RadioSet):
    """The format buttons, whose highlight is always the chosen format.

    A plain RadioSet highlights its first button when mounted, whatever button is pressed, and
    its arrow keys move the highlight without choosing: the dialog showed JSON highlighted while
    Markdown was chosen (and exported). Here the highlight starts on the pressed button and the
    arrows choose as they move, as radio groups do elsewhere.
    """

    def _on_mount(self, _: Mount) -> None:
        # RadioSet's own mount handler (which highlights the first button) runs after this one.
        self.call_later(self._highlight_pressed)

    def _highlight_pressed(self) -> None:
        if self.pressed_button is not None:
            self._selected = self.pressed_index  # RadioSet's highlight (a reactive it watches)

    def action_next_button(self) -> None:
        super().action_next_button()
        self._choose_highlighted()

    def action_previous_button(self) -> None:
        super().action_previous_button()
        self._choose_highlighted()

    def _choose_highlighted(self) -> None:
        if self._selected is not None and self.is_mounted and self.pressed_index != self._selected:
            self.action_toggle_button()


class ExportDialog(ModalScreen[ExportResult | None]):
    """Asks for a format and a file name; writes the export on ``enter``/Export."""

    BINDINGS = keys.bindings(keys.EXPORT_KEYS)

    def __init__(
        self,
        document: Any,
        analysis: Analysis | None,
        fmt: str = "md",
        folder: ExportFolder | Path | None = None,
        country_name: Callable[[str], str] = default_country_name,
    ) -> None:
        """``folder``: where plain names are saved (``export_folder()``, the documents folder,
        by default)."""
        super().__init__()
        self.document = document
        self.analysis = analysis
        self.fmt = normalize_format(fmt)
        if folder is None:
            folder = export_folder()
        elif not isinstance(folder, ExportFolder):
            folder = ExportFolder(Path(folder), "")
        self.folder = folder
        self.base = folder.path
        self.country_name = country_name
        self._suggested = suggested_name(document, self.fmt)

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = "Export analysis"
            box.border_subtitle = (
                f"{keys.active_keys(self.app, 'export.submit')} export · "
                f"{keys.active_keys(self.app, 'export.cancel')} cancel"
            )
            title = clean(getattr(self.document.meta, "title", "")) or Path(self.document.path or "").name
            yield Static(Content(title), id="export-article")
            with FormatChoice(id="export-format"):
                for name in FORMATS:
                    yield RadioButton(FORMAT_LABELS[name], value=name == self.fmt, id=f"export-{name}")
            yield Label("File name")
            yield Input(value=self._suggested, id="export-name", select_on_focus=False)
            with Horizontal(classes="export-line"):
                yield Label("Saves to", classes="export-caption")
                yield Static(Content(""), id="export-target")
            with Horizontal(classes="export-line"):
                yield Label("Folder", classes="export-caption")
                why = f" ({self.folder.why})" if self.folder.why else ""
                yield Static(Content(clean(f"{short_path(self.folder.path)}{why}")), id="export-folder")
            # Compact controls (one line each): the dialog fits an 80x24 terminal whole.
            yield Checkbox("Replace the file if it exists", id="export-overwrite", compact=True)
            yield Static(Content(""), id="export-error")
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-ok", compact=True)
                yield Button("Cancel", id="export-cancel", compact=True)

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
        error = self.query_one("#export-error", Static)
        error.update(Content(message))
        error.display = bool(message)

    def _show_target(self) -> None:
        try:
            line = short_path(resolve_target(self.file_name, self.base))
        except (ExportError, OSError, ValueError):
            line = ""
        self.query_one("#export-target", Static).update(Content(clean(line)))

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
            self.show_error(clean(f"Could not export: {reason}."))
            return
        self.dismiss(result)

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
