"""What the JSON readers share: parsing a source once, and times as JSON files write them.

Several readers look at the same JSON file in turn (Whisper, Podcasting 2.0, speaker-turn
lists); the last parse is kept so a 170 KB file is parsed once, not once per reader.
"""

from __future__ import annotations

import json
import math
from typing import Any

from reader.core.errors import TranscriptError
from reader.core.formats.decode import SourceText
from reader.core.formats.stamps import dropped_times_note, usable_seconds
from reader.core.timefmt import parse_clock

# What "this input is malformed" looks like to a JSON reader: a missing key, a list where an
# object was expected, a time that is not a time (or too large for a float).
INPUT_ERRORS: tuple[type[Exception], ...] = (KeyError, TypeError, ValueError, IndexError,
                                             AttributeError, OverflowError)

_last: tuple[str, str, Any] | None = None  # (fingerprint, text, parsed)
# Far past any recording (30 million years), still well inside a float.
_LARGEST_TIME = 10**15


class UnusableNumber(ValueError):
    """A number in the JSON text that no transcript can use (NaN, Infinity, too many digits)."""


def _no_constants(name: str) -> Any:
    raise UnusableNumber(f"{name} is not a number a transcript can use")


def _integer(digits: str) -> int:
    try:
        return int(digits)
    except ValueError:  # past Python's limit on digits converted
        raise UnusableNumber(f"a number {len(digits.lstrip('-'))} digits long is not "
                             "a number a transcript can use") from None


def parse_json(source: SourceText) -> Any:
    """The parsed JSON of ``source``, or None when the text is not JSON at all.

    A ``.json`` file whose text is broken JSON is a bad file, said in one line (a plain-text
    transcript may well start with ``[Speaker 1]``, so only the name makes it an error). In a
    ``.json`` file a bare value (``42``, ``"text"``, ``null``) is JSON too: see
    :func:`holds_json`."""
    global _last
    if holds_json(source):
        return _last[2] if _last is not None else None
    stripped = source.text.lstrip()
    bracketed = stripped.startswith(("{", "["))
    named_json = source.path.suffix.lower() == ".json"
    if not bracketed and not named_json:
        return None
    try:
        parsed = json.loads(stripped, parse_constant=_no_constants, parse_int=_integer)
    except (ValueError, RecursionError) as error:
        if not bracketed or not named_json:
            return None
        if isinstance(error, json.JSONDecodeError):
            detail = f"line {error.lineno}, column {error.colno}: {error.msg}"
        elif isinstance(error, RecursionError):
            detail = "nested too deeply"
        else:
            detail = " ".join(str(error).split())
        raise TranscriptError(source.path, f"is not valid JSON ({detail})") from None
    _last = (source.fingerprint, source.text, parsed)
    return parsed


def holds_json(source: SourceText) -> bool:
    """Did :func:`parse_json` find JSON in ``source`` (a bare ``null`` included)?"""
    return _last is not None and _last[0] == source.fingerprint and _last[1] is source.text


class Times:
    """Reads the times of one file, as JSON transcripts write them: a number of seconds
    (``12.5``), or a string (``"0:01:05"``, ``"1:05.250"``, ``"65.25"``). A time no recording
    has (negative, NaN, endless, 10,000 hours or more) is dropped and counted for a note, as
    every reader does; anything that is no time at all (``true``, ``"soon"``) is ValueError."""

    def __init__(self) -> None:
        self.dropped = 0

    def __call__(self, value: object) -> float | None:
        """The time ``value`` stands for; None when absent or dropped."""
        number = _number(value)
        if number is None:
            return None
        usable = usable_seconds(number)
        self.dropped += usable is None
        return usable

    @property
    def notes(self) -> tuple[str, ...]:
        return dropped_times_note(self.dropped)


def seconds(value: object) -> float | None:
    """One time read on its own (see :class:`Times`): an unusable one is None, unnoted."""
    return Times()(value)


def _number(value: object) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a time")
    if isinstance(value, int) and abs(value) > _LARGEST_TIME:
        return math.inf  # float() of a 400-digit integer overflows; it is past any recording
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        clock = parse_clock(text)
        try:
            return clock if clock is not None else float(text)
        except ValueError:
            raise ValueError(f"{_shown(value)} is not a time") from None
    raise ValueError(f"{_shown(value)} is not a time")


def _shown(value: object) -> str:
    """``value`` short enough for a one-line message."""
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def text_of(value: object) -> str:
    """A JSON text field: a string, or nothing (a missing or null text is an empty cue)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not text")
    return value


def timed_segments(data: Any, text_key: str, start_key: str,
                   end_key: str) -> list[dict[str, Any]] | None:
    """``data["segments"]`` when it is a list of objects whose first few carry ``text_key`` and
    a start or end time under the given keys (Whisper: text/start/end; Podcasting 2.0:
    body/startTime/endTime); None otherwise."""
    if not isinstance(data, dict) or not isinstance(data.get("segments"), list):
        return None
    segments = data["segments"]
    if not segments or not all(isinstance(s, dict) for s in segments):
        return None
    if not all(text_key in s and (start_key in s or end_key in s) for s in segments[:20]):
        return None
    return list(segments)
