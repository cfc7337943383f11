"""Clock times as people write them in show notes: ``7:01``, ``36:05``, ``1:13:41``, ``75:30``."""

from __future__ import annotations

import re

# Hours take any number of digits (a 100-hour stream is ``100:00:00``). Minutes without an hours
# field may pass 59: ``75:30`` is a common way to write 1:15:30.
_CLOCK = re.compile(r"^(?:(\d+):)?(\d+):(\d\d)(?:[.,](\d{1,3}))?$")


class InvalidClock(ValueError):
    """Text written like a clock time that is no time at all: ``7:75`` (75 seconds)."""


def parse_clock(text: str) -> float | None:
    """``"1:13:41"`` -> 4421.0; ``"7:01"`` -> 421.0; ``"75:30"`` -> 4530.0.

    None if ``text`` is not written as a clock time. Raises :class:`InvalidClock` when it is
    written like one but a field is out of range (seconds past 59, or minutes past 59 after an
    hours field): a reader should say so rather than quietly drop the time.
    """
    match = _CLOCK.match(text.strip())
    if not match:
        return None
    hours, minutes, seconds, fraction = match.groups()
    if int(seconds) > 59:
        raise InvalidClock(f"{text.strip()} is not a time (seconds past 59)")
    if hours is not None and int(minutes) > 59:
        raise InvalidClock(f"{text.strip()} is not a time (minutes past 59 after the hours)")
    total = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return total + (int(fraction.ljust(3, "0")) / 1000 if fraction else 0.0)


def format_clock(seconds: float) -> str:
    """4421 -> ``"1:13:41"``; 421 -> ``"7:01"``; under an hour has no hours field."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
