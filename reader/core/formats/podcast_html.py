"""Podcasting 2.0 HTML transcripts: ``<cite>Name:</cite> <time>0:00</time> <p>text</p>`` turns.

The ``text/html`` form of the ``podcast:transcript`` spec, as Buzzsprout and Podnews serve it.
Read as a whole page (saved from a browser, with ``<html>``, ``<body>`` and a comment first) or
as a fragment (Podnews starts with an indented ``<time>``, its first turn has no ``<cite>``).

- A ``<cite>`` names the speaker of the turns after it (its trailing colon dropped); a turn with
  no ``<cite>`` before it keeps the speaker before (none at the start).
- A ``<time>`` gives the turn's start; it ends where the next one starts.
- The text is what a browser shows: entities decoded, tags dropped, ``<br>`` a space. Scripts
  and styles are skipped.

The standard library's :class:`html.parser.HTMLParser` does the tokenising: it never fetches
anything and takes time linear in the input. A page is taken for a transcript only when at least
one ``<time>`` holding a clock time is followed by a ``<p>``. The title is the page's
``<title>``, else the file name.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from reader.core.formats.cues import Cue, clean_cue_text, paragraphs_from_cues
from reader.core.formats.decode import SourceText
from reader.core.formats.titles import title_from_path
from reader.core.model import Transcript, build_transcript
from reader.core.timefmt import InvalidClock, parse_clock

NAME = "podcast-html"
VERSION = 1
INPUT_ERRORS: tuple[type[Exception], ...] = (ValueError,)
__all__ = ["INPUT_ERRORS", "NAME", "VERSION", "describe", "read", "recognise"]

_SKIPPED = frozenset({"script", "style", "template", "noscript"})
_COLLECTED = ("cite", "time", "p", "title")


@dataclass(slots=True)
class Turn:
    speaker: str | None
    time_text: str | None
    text: str


@dataclass(frozen=True, slots=True)
class HtmlTranscript:
    source: SourceText
    title: str | None
    turns: list[Turn]


class _Collector(HTMLParser):
    """Turns in document order: the speaker and time seen last, then a paragraph."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.turns: list[Turn] = []
        self.title: str | None = None
        self._speaker: str | None = None
        self._time: str | None = None
        self._open: str | None = None  # the collected element we are inside
        self._buffer: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skip_depth += 1
        elif tag == "br" and self._open:
            self._buffer.append(" ")
        elif tag in _COLLECTED and not self._skip_depth:
            self._finish()  # an unclosed <p> ends where the next turn starts
            self._open, self._buffer = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag == self._open:
            self._finish()

    def handle_data(self, data: str) -> None:
        if self._open and not self._skip_depth:
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._finish()

    def _finish(self) -> None:
        tag, text = self._open, clean_cue_text("".join(self._buffer))
        self._open, self._buffer = None, []
        if tag == "cite":
            self._speaker = text.rstrip(":").strip() or None
        elif tag == "time":
            self._time = text or None
        elif tag == "title" and self.title is None:
            self.title = text or None
        elif tag == "p" and text:
            self.turns.append(Turn(self._speaker, self._time, text))
            self._time = None


def recognise(source: SourceText) -> HtmlTranscript | None:
    text = source.text
    if "<time" not in text or "<p" not in text:
        return None
    collector = _Collector()
    collector.feed(text)
    collector.close()
    if not any(turn.time_text and _is_clock(turn.time_text) for turn in collector.turns):
        return None
    return HtmlTranscript(source, collector.title, collector.turns)


def _is_clock(text: str) -> bool:
    try:
        return parse_clock(text) is not None
    except InvalidClock:
        return True  # written as a clock: the reader says which one is wrong


def describe(parsed: HtmlTranscript) -> tuple[str, str | None]:
    return parsed.title or title_from_path(parsed.source.path), None


def read(parsed: HtmlTranscript) -> Transcript:
    notes: list[str] = []
    starts: list[float | None] = []
    for turn in parsed.turns:
        try:
            starts.append(parse_clock(turn.time_text) if turn.time_text else None)
        except InvalidClock as error:
            notes.append(f"{error}; the turn starting \"{turn.text[:30]}\" has no time")
            starts.append(None)
    ends: list[float | None] = []
    following: float | None = None
    for start in reversed(starts):  # a turn ends where the next timed one starts
        ends.append(following)
        following = start if start is not None else following
    cues = [Cue(turn.text, start, end, turn.speaker)
            for turn, start, end in zip(parsed.turns, starts, reversed(ends), strict=True)]
    blocks, _ = paragraphs_from_cues(cues)
    source = parsed.source
    return build_transcript(title=describe(parsed)[0], show=None, format=NAME,
                            source=source.path, fingerprint=source.fingerprint, blocks=blocks,
                            notes=notes)

