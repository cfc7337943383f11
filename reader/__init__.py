"""Transcript Reader: read, search, highlight and annotate long interview transcripts."""

__version__ = "0.1.0"
