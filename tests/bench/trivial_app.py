"""The trivial Textual app the bench measures newsreader's start against (one line of text).

Run as a script (``python tests/bench/trivial_app.py``), the way the ``newsreader`` console
script runs newsreader: a fresh interpreter, then Textual's imports, then the first frame."""

from textual.app import App, ComposeResult
from textual.widgets import Static

TEXT = "Hello, terminal."


class Trivial(App):
    def compose(self) -> ComposeResult:
        yield Static(TEXT, id="hello")


if __name__ == "__main__":
    Trivial().run()
