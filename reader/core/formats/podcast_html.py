"""Podcasting 2.0 HTML transcripts: ``<cite>Name:</cite> <time>0:00</time> <p>text</p>`` turns.

The ``text/html`` form of the ``podcast:transcript`` spec, as Buzzsprout and Podnews serve it.
Read as a whole page (saved from a browser, with ``<html>``, ``<body>`` and a comment first) or
as a fragment (Podnews starts with an indented ``<time>``, its first turn has no ``<cite>``).

- A ``<cite>`` names the speaker of the turns after it (its trailing colon dropped); a turn with
  no ``<cite>`` before it keeps the speaker before (none at the start).
- A ``<time>`` gives the turn's start; it ends where the next one starts.
- The text is what a browser shows: entities decoded, tags dropped, ``<br>`` a space. Scripts
  and styles are skipped.

A small tokeniser (:func:`_tokenise`) reads the tags; it never fetches anything and takes time
linear in the input. A page is taken for a transcript only when at least
one ``<time>`` holding a clock time is followed by a ``<p>``. The title is the page's
``<title>``, else the file name.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from reader.core.errors import TranscriptError
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
# A start or end tag, up to the ">" already found (attributes are not needed).
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)(?:[\s/][^<>]*)?>")


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


class _Collector:
    """Turns in document order: the speaker and time seen last, then a paragraph."""

    def __init__(self) -> None:
        self.turns: list[Turn] = []
        self.title: str | None = None
        self._speaker: str | None = None
        self._time: str | None = None
        self._open: str | None = None  # the collected element we are inside
        self._buffer: list[str] = []

    def start(self, tag: str) -> None:
        if tag == "br" and self._open:
            self._buffer.append(" ")
        elif tag in _COLLECTED:
            self._finish()  # an unclosed <p> ends where the next turn starts
            self._open = tag

    def end(self, tag: str) -> None:
        if tag == self._open:
            self._finish()

    def data(self, text: str) -> None:
        if self._open:
            self._buffer.append(text)

    def close(self) -> None:
        self._finish()

    def _finish(self) -> None:
        tag, text = self._open, clean_cue_text(html.unescape("".join(self._buffer)))
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


def _tokenise(text: str, collector: _Collector) -> None:
    """Feed tags and text to ``collector`` in one pass: every search resumes where the last one
    ended or remembers that nothing is left to find, so no input takes more than linear time
    (the standard library's parser goes quadratic on unclosed ``<![CDATA[`` and the like). A
    ``<`` that does not open a tag is text; comments, declarations and processing
    instructions are skipped; so are scripts and styles, to their closing tag."""
    position, length = 0, len(text)
    close = -1  # the next ">" at or after the current "<" (-1: not looked for yet)
    while position < length:
        opening = text.find("<", position)
        if opening < 0:
            collector.data(text[position:])
            return
        collector.data(text[position:opening])
        if text.startswith("<!--", opening):
            end = text.find("-->", opening + 4)
            position = length if end < 0 else end + 3
            continue
        if close <= opening:
            close = text.find(">", opening + 1)
            if close < 0:
                # No tag can close any more: the rest is text, except that an unclosed
                # "<!..." is a bogus comment, dropped as browsers drop it.
                if text[opening + 1:opening + 2] not in ("!", "?"):
                    collector.data(text[opening:])
                return
        match = _TAG.match(text, opening, close + 1)
        if match is None:
            if text[opening + 1:opening + 2] in ("!", "?"):  # <!DOCTYPE>, <?xml?>
                position = close + 1
            else:
                collector.data("<")
                position = opening + 1
            continue
        name = match.group(2).lower()
        position = close + 1
        if match.group(1):
            collector.end(name)
        elif name in _SKIPPED:
            closing = re.compile(f"</{name}", re.IGNORECASE).search(text, position)
            position = length if closing is None else closing.start()
        else:
            collector.start(name)


def recognise(source: SourceText) -> HtmlTranscript | None:
    """The turns, or None; a ``.html`` file without any is refused in one line rather than
    shown as a page of markup by the raw-text reader."""
    text = source.text
    collector = _Collector()
    is_page = source.path.suffix.lower() in (".html", ".htm")
    # A file not named as a page must be markup from its first character: prose that quotes
    # the tags (a Markdown note about the format) is not a transcript page.
    if (is_page or text.lstrip().startswith("<")) and "<time" in text and "<p" in text:
        _tokenise(text, collector)
        collector.close()
    if any(turn.time_text and _is_clock(turn.time_text) for turn in collector.turns):
        return HtmlTranscript(source, collector.title, collector.turns)
    if is_page and "<" in text:
        raise TranscriptError(source.path, "is a web page with no transcript in it (this app "
                              "reads Podcasting 2.0 pages: <time> and <p> for each turn)")
    return None


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

