"""Clock times as people write them in show notes: ``7:01``, ``36:05``, ``1:13:41``."""

from __future__ import annotations

import re

_CLOCK = re.compile(r"^(?:(\d+):)?([0-5]?\d):([0-5]\d)(?:[.,](\d{1,3}))?$")


def parse_clock(text: str) -> float | None:
    """``"1:13:41"`` -> 4421.0; ``"7:01"`` -> 421.0; None if ``text`` is not a clock time."""
    match = _CLOCK.match(text.strip())
    if not match:
        return None
    hours, minutes, seconds, fraction = match.groups()
    total = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return total + (int(fraction.ljust(3, "0")) / 1000 if fraction else 0.0)


def format_clock(seconds: float) -> str:
    """4421 -> ``"1:13:41"``; 421 -> ``"7:01"``; under an hour has no hours field."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
