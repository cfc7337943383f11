"""Time stamps as transcripts write them beside the words: ``[04:05]``, ``\\[01:00:10.15\\]``,
``[(00:12:21)](https://…&t=741)``, ``[Speaker 1] [01:20:47]``.

Real files are looser than :func:`reader.core.timefmt.parse_clock`: Changelog writes
``\\[01:00:9.15\\]`` (one-digit seconds, centiseconds), Oxide switches from ``[MM:SS]`` to
``[HH:MM:SS]`` after an hour. A stamp whose seconds (or minutes, after hours) pass 59 is no
stamp at all and stays in the text as written.
"""

from __future__ import annotations

import math

# No recording runs ten thousand hours: a later time is a broken one, whatever the format.
LONGEST_SECONDS = 10_000 * 3600
# What the readers' notes call such a time.
ABSURD_TIME = "negative, not a number, or 10,000 hours or more"

# Hours or minutes first (minutes may pass 59 without an hours field: 75:30), then one or two
# more fields and an optional fraction.
CLOCK = r"\d{1,3}:\d{1,2}(?::\d{1,2})?(?:[.,]\d{1,3})?"
# The same with hours of any length, for readers that drop an absurd time (``[9999999:00:00]``)
# rather than leave the stamp in the text.
WIDE_CLOCK = r"\d{1,12}:\d{1,2}(?::\d{1,2})?(?:[.,]\d{1,3})?"


def usable_seconds(seconds: float) -> float | None:
    """``seconds`` when it can be a moment in a recording; None for a negative, NaN or
    infinite time, or one of ten thousand hours or more (every reader drops those)."""
    if not math.isfinite(seconds) or not 0 <= seconds < LONGEST_SECONDS:
        return None
    return seconds


def dropped_times_note(count: int) -> tuple[str, ...]:
    """The note a reader adds when it dropped ``count`` unusable times (none when 0)."""
    if not count:
        return ()
    return (f"{count} time{'s' if count != 1 else ''} left out ({ABSURD_TIME})",)


def clock_seconds(text: str) -> float | None:
    """``"1:13:41"`` -> 4421.0, ``"01:00:9.15"`` -> 3609.15; None if it is not a time, or
    not one a recording has (see :func:`usable_seconds`)."""
    value = clock_value(text)
    return None if value is None else usable_seconds(value)


def clock_value(text: str) -> float | None:
    """The seconds a clock stamp writes, however large; None if it is not a clock."""
    fields = text.strip().replace(",", ".").split(":")
    if not 2 <= len(fields) <= 3:
        return None
    try:
        *whole, last = fields
        numbers = [int(field) for field in whole]
        seconds = float(last)
    except ValueError:
        return None
    if not 0 <= seconds < 60 or any(n < 0 for n in numbers):
        return None
    if len(numbers) == 2:
        hours, minutes = numbers
        if minutes > 59:
            return None
        return hours * 3600 + minutes * 60 + seconds
    return numbers[0] * 60 + seconds


def stamp_ends(times: list[float | None]) -> list[float | None]:
    """End times for pieces of speech in order: a piece ends where the next one starts, when
    both are timed and the next does not start earlier; else the end is unknown."""
    ends: list[float | None] = []
    for current, following in zip(times, [*times[1:], None], strict=False):
        known = current is not None and following is not None and following >= current
        ends.append(following if known else None)
    return ends
