"""``python -m newsreader``: the same as the ``newsreader`` command."""

from newsreader.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
