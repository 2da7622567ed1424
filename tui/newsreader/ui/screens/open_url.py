"""The "Open URL" dialog (``O``, palette "Open URL"): asks for a web page's address.

It only checks the address (http or https, with a host; ``subscriptions.check_url``) and
dismisses with it; the app fetches the page in a worker. ``escape`` cancels (None).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from newsreader.library.subscriptions import SubscriptionError, check_url
from newsreader.ui import keys


class OpenUrlDialog(ModalScreen[str | None]):
    """One field for the address; enter opens, escape cancels."""

    BINDINGS = keys.bindings(keys.OPEN_URL_KEYS)

    def compose(self) -> ComposeResult:
        with Vertical(id="open-url-box"):
            yield Label(Content("Open a web page (its main text is fetched and stored)"))
            yield Input(placeholder="https://…", id="open-url-input")
            yield Static(Content(""), id="open-url-error")

    def on_mount(self) -> None:
        self.query_one("#open-url-box").border_title = "Open URL"
        self.query_one(Input).focus()

    @on(Input.Submitted, "#open-url-input")
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            url = check_url(event.value)
        except SubscriptionError as exc:
            self.query_one("#open-url-error", Static).update(Content(str(exc)))
            return
        self.dismiss(url)

    def action_cancel(self) -> None:
        self.dismiss(None)
