"""newsreader: a terminal reader for news that shows who did what, by country."""

__version__ = "0.1.0"
