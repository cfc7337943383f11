"""WebVTT captions: every cue kept with its time, merged into paragraphs by speaker and pause.

webvtt-py splits the file into blocks by the WebVTT rules (its lower-level block reader) and
reads the header. Around it this reader copes with what real files do that it does not:

- timing lines are read here, stamps outside the standard included (Whisper's
  ``59:58.800 --> 1:00:01.960``, Hindenburg's ``0.860 --> 7.380``); webvtt-py's caption
  objects (a timestamp object per stamp, parsed cue settings the reader does not use) cost
  more than all the rest of the parse on files of thousands of short cues, so they are not
  built;
- a cue text line directly followed by the next timing line gets the blank line it lacks (a
  numeric cue id stays with its cue);
- ``<v Speaker>`` voice tags, closed or not, name the speaker; a voice carries on to the cues
  after it that name none, and ``Name:`` prefixes do the same in files without voice tags;
- YouTube's auto-captions roll: each cue repeats the line the one before ended with, so a cue
  keeps only the lines it adds, and its inline word times (``<00:05:04.199><c> will</c>``)
  give each word its own time;
- entities (``&amp;``) are resolved, ruby annotations (``<rt>``) dropped.

A title comes from the file's own metadata (a ``Title:`` header or note, or text after
``WEBVTT`` on its first line), else from the file name; never from the ``WEBVTT`` line itself.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cached_property

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError
from webvtt.vtt import _iter_blocks_of_lines as vtt_blocks

from reader.core.errors import TranscriptError, printable
from reader.core.formats.cues import Cue, paragraphs_from_cues
from reader.core.formats.decode import SourceText
from reader.core.formats.subtitles import (
    clean,
    is_arrowless_timing,
    is_rolling,
    is_unreadable_timing,
    parse_stamp,
    parse_timing,
    prefix_name,
    repeated_lines,
    speaker_names,
    strip_markup,
)
from reader.core.formats.titles import title_from_path
from reader.core.model import Transcript, build_transcript

NAME = "webvtt"
VERSION = 2  # 2: inline word times kept inside their cue; no-arrow cues noted
INPUT_ERRORS: tuple[type[Exception], ...] = (ValueError, MalformedFileError, MalformedCaptionError)

_HEADER = re.compile(r"\A\s*WEBVTT(?=[ \t\n]|\Z)")
_TAG = re.compile(r"<([^<>\n]*)>")
_INLINE_TIME = re.compile(r"^\d{1,10}(?::\d{1,2}){1,2}\.\d{1,3}$")
_TITLE_FIELD = re.compile(r"^\s*title\s*[:=]\s*(\S.*?)\s*$", re.IGNORECASE)
_KEY_VALUE = re.compile(r"^[\w-]+\s*[:=]")
# What some tools write after WEBVTT that names no episode ("WEBVTT FILE").
_NOT_TITLES = frozenset({"file", "captions", "subtitles", "transcript", "webvtt"})
_CUE_TAGS = frozenset({"", "c", "i", "b", "u", "ruby", "lang", "v"})


@dataclass(frozen=True)
class ParsedVtt:
    """The file's header, read at once (enough for the library list), and its cues, read on
    first use (opening the transcript)."""

    source: SourceText
    title: str  # from the file's metadata; empty when it has none

    @cached_property
    def body(self) -> tuple[tuple[Cue, ...], tuple[str, ...]]:
        """The cues, and notes on what could not be read."""
        return parse_cues(self.source.text)


def recognise(source: SourceText) -> ParsedVtt | None:
    """A file whose first line is ``WEBVTT`` (after blank lines) is WebVTT, readable or not."""
    if not _HEADER.match(source.text):
        return None
    return ParsedVtt(source, _title(source.text))


def describe(parsed: ParsedVtt) -> tuple[str, str | None]:
    if not _has_a_cue(parsed.source.text):
        raise _no_cue(parsed)
    return parsed.title, None


def read(parsed: ParsedVtt) -> Transcript:
    cues, notes = parsed.body
    if not cues:
        raise _no_cue(parsed)
    blocks, chapters = paragraphs_from_cues(cues)
    source = parsed.source
    return build_transcript(
        title=parsed.title or title_from_path(source.path), show=None, format=NAME,
        source=source.path, fingerprint=source.fingerprint, blocks=blocks, chapters=chapters,
        notes=notes,
    )


def _no_cue(parsed: ParsedVtt) -> TranscriptError:
    return TranscriptError(parsed.source.path, "is a WebVTT file without a readable cue")


def _has_a_cue(text: str) -> bool:
    """Is there a timing line that reads, with some text under it? (A quick look for the
    library list; opening the file reads every cue.)"""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if "-->" not in line or parse_timing(line) is None:
            continue
        for following in lines[index + 1:]:
            if not following.strip() or "-->" in following:
                break
            if strip_markup(_TAG.sub("", following)):
                return True
    return False


def parse_cues(text: str) -> tuple[tuple[Cue, ...], tuple[str, ...]]:
    """Every readable cue, and a note on how many could not be read (if any)."""
    lines, times, readable, unreadable = _prepared_lines(text)
    raw = [cue for block in vtt_blocks(lines) if (cue := _cue_block(block, times)) is not None]
    skipped = unreadable + max(0, readable - len(raw))
    notes = (f"{skipped} cue{'s' if skipped != 1 else ''} with unreadable times left out",
             ) if skipped else ()
    return tuple(_cues(raw)), notes


def _cue_block(block: list[str], times: dict[str, tuple[float, float]]
               ) -> tuple[float, float, list[str]] | None:
    """(start, end, text lines) of a cue block, as webvtt-py's ``WebVTTCueBlock`` tells one:
    its timing line first or after an id, and no arrow on the line after it. Other blocks
    (the header, notes, styles, regions, unreadable cues) are None. The times are the ones
    ``_prepared_lines`` read, so webvtt-py's per-caption objects (timestamps, cue settings we
    do not use) are not built: on thousands of short cues they were half the parse time."""
    first = block[0]
    timing = times.get(first)
    at = 0
    if timing is None:
        if len(block) < 2 or "-->" in first:
            return None
        timing = times.get(block[1])
        at = 1
        if timing is None:
            return None
    if len(block) > at + 1 and "-->" in block[at + 1]:
        return None
    return timing[0], timing[1], block[at + 1:]


def _prepared_lines(text: str) -> tuple[list[str], dict[str, tuple[float, float]], int, int]:
    """The text's lines made easy for webvtt-py's block reader: header first, whitespace-only
    lines blank, every readable timing line after a blank line (or after its cue id), arrows
    in text escaped. Also the times of each timing line (read here, in the forms real files
    write, so webvtt-py need not), and how many timing lines read and how many do not."""
    prepared: list[str] = []
    times: dict[str, tuple[float, float]] = {}
    readable = unreadable = 0
    for line in text.lstrip().split("\n"):
        if "-->" not in line:
            if is_arrowless_timing(line) and (not prepared or not prepared[-1] or (
                    prepared[-1].strip().isdigit() and (len(prepared) < 2 or not prepared[-2]))):
                unreadable += 1  # a cue whose timing line lost its arrow: left out, counted
            prepared.append(line if line.strip() else "")
            continue
        timing = parse_timing(line)
        if timing is None:
            if line.lstrip()[:1].isdigit() or is_unreadable_timing(line):
                # a cue whose times do not read: a block of its own, left out and counted
                unreadable += 1
                _open_block(prepared, times)
            # (an arrow in the text is escaped as WebVTT wants, and read back as text)
            prepared.append(line.replace("-->", "--&gt;"))
            continue
        times[line] = timing[:2]
        readable += 1
        _open_block(prepared, times)
        prepared.append(line)
    return prepared, times, readable, unreadable


def _open_block(prepared: list[str], times: dict[str, tuple[float, float]]) -> None:
    """Make the next line start a block: after a blank line, or after a cue id that does."""
    if not prepared or not prepared[-1]:
        return
    if len(prepared) >= 2 and not prepared[-2] and prepared[-1] not in times:
        return  # the line before is this cue's id
    if prepared[-1].strip().isdigit() and len(prepared) >= 2:
        prepared.insert(len(prepared) - 1, "")  # an id right under the last cue's text
        return
    prepared.append("")


def _title(text: str) -> str:
    """A title the file gives itself: a ``Title:`` header line or note, else the text after
    ``WEBVTT`` on the first line (``WEBVTT - Episode 12``). Only the part before the first cue
    is read."""
    text = text.lstrip()
    first_cue = text.find("-->")
    head = text if first_cue < 0 else text[: text.rfind("\n", 0, first_cue) + 1]
    header = webvtt.WebVTT.from_string(head or "WEBVTT")  # (a timing line on the first line)
    # With no cue in it, webvtt-py files the notes of this part as footer comments.
    notes = [*header.header_comments, *header.footer_comments]
    for line in [*header.metadata, *"\n".join(notes).split("\n")]:
        match = _TITLE_FIELD.match(line)
        if match:
            return printable(clean(match.group(1)))
    text = clean(header.header_text).strip("-–—:| ")
    if _KEY_VALUE.match(text) or text.casefold() in _NOT_TITLES:
        return ""
    return printable(text)


def _cues(raw: list[tuple[float, float, list[str]]]) -> list[Cue]:
    """Each caption's text as cues: rolling repeats dropped, voices and ``Name:`` prefixes
    turned into speakers, inline word times splitting it into timed pieces."""
    plain = [[strip_markup(_TAG.sub("", line) if "<" in line else line) for line in lines]
             for _, _, lines in raw]
    kept_lines = [_kept(lines, text) for (_, _, lines), text in zip(raw, plain, strict=True)]
    if is_rolling([[text for _, text in kept] for kept in kept_lines]):
        kept_lines = _without_repeats(kept_lines)
    voices = any("<v" in line for _, _, lines in raw for line in lines)
    names = {} if voices else speaker_names([t for kept in kept_lines for _, t in kept])
    cues: list[Cue] = []
    speaker: str | None = None
    for (start, end, _), kept in zip(raw, kept_lines, strict=True):
        lines = ([_voice_for_prefix(line, names) for line, _ in kept] if names
                 else [line for line, _ in kept])
        joined = "\n".join(lines)
        if "<" not in joined and "&" not in joined:  # plain text (most cues): one piece
            if text := clean(joined):
                cues.append(Cue(text, start, end, speaker))
            continue
        pieces, speaker = _pieces(joined, start, end, speaker)
        cues.extend(pieces)
    return cues


def _kept(lines: list[str], plain: list[str]) -> list[tuple[str, str]]:
    """(raw line, its plain text) for the lines that say something."""
    return [(line, text) for line, text in zip(lines, plain, strict=True) if text]


def _without_repeats(cues: list[list[tuple[str, str]]]) -> list[list[tuple[str, str]]]:
    """Each rolling cue without the lines it repeats from the cue before it."""
    kept: list[list[tuple[str, str]]] = []
    before: list[str] = []
    for cue in cues:
        texts = [text for _, text in cue]
        kept.append(cue[repeated_lines(before, texts):])
        before = texts
    return kept


def _voice_for_prefix(line: str, names: dict[str, str]) -> str:
    """``Sarah: Hi`` -> ``<v Sarah>Hi`` when Sarah is one of the file's speakers."""
    found = prefix_name(line) if names else None
    if found is None or found[0] not in names:
        return line
    return f"<v {names[found[0]]}>{found[1]}"


def _pieces(joined: str, start: float, end: float, speaker: str | None
            ) -> tuple[list[Cue], str | None]:
    """The cue's text (its lines joined) as timed pieces: a new piece at each voice change
    and at each inline time between words. Returns them and the voice in force at the end of
    the cue."""
    pieces: list[Cue] = []
    buffer: list[str] = []
    time, pending = start, None
    in_ruby_text = False

    def emit(next_time: float | None) -> None:
        text = clean("".join(buffer))
        if text:
            pieces.append(Cue(text, time, next_time if next_time is not None else end, speaker))
        buffer.clear()

    for index, token in enumerate(_TAG.split(joined)):
        if index % 2 == 0:  # text between tags
            if in_ruby_text or not token:
                continue
            text = html.unescape(token) if "&" in token else token
            if pending is not None and text.strip():
                joined = "".join(buffer)
                if not joined.strip():
                    time = pending
                elif joined[-1].isspace() or text[0].isspace():
                    emit(pending)
                    time = pending
                pending = None
            buffer.append(text)
            continue
        tag = token.strip()
        name = tag.split(None, 1)
        if name and (name[0] == "v" or name[0].startswith("v.")):
            emit(None)
            speaker = clean(name[1]) if len(name) > 1 and clean(name[1]) else None
        elif _INLINE_TIME.match(tag):
            stamp = parse_stamp(tag)
            if stamp is not None:  # kept inside the cue; one going back in time is ignored
                stamp = min(max(stamp, start), end)
                if stamp >= time:
                    pending = stamp
        elif tag == "rt":
            in_ruby_text = True
        elif tag == "/rt":
            in_ruby_text = False
        elif re.split(r"[.\s]", tag.lstrip("/"), maxsplit=1)[0] in _CUE_TAGS:
            continue  # styling: classes, italics, bold, underline, language
        else:  # not a cue tag: text that happens to be in angle brackets
            buffer.append(f"<{token}>")
    emit(None)
    return pieces, speaker
