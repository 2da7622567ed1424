"""Presentation without Textual: what the reader shows and in which order, as plain Python."""
