"""SubStation Alpha subtitles (.ass, .ssa): the ``Dialogue:`` lines of ``[Events]``.

Each dialogue line is a cue: its fields are named by the section's ``Format:`` line (the text is
the last field and may hold commas). The speaker is the Name field, else the style when the
file gives its lines several styles (diarised exports name them ``Speaker00``, ``Speaker01``);
override blocks (``{\\c&HFFF000&}``) are dropped, ``\\N`` and ``\\n`` become spaces, and the
text of vector drawings (``{\\p1}m 0 0 l 100 0``) is left out. Events are read in time order;
the same line repeated on another layer at the same time (an outline or shadow) counts once.

The title is the Script Info ``Title:`` when it says something (Aegisub's "Default Aegisub
file" or an export's "Transcript" does not), else the file name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from reader.core.errors import TranscriptError, printable
from reader.core.formats.cues import Cue, paragraphs_from_cues
from reader.core.formats.decode import SourceText
from reader.core.formats.subtitles import clean, parse_stamp, strip_markup
from reader.core.formats.titles import title_from_path
from reader.core.model import Transcript, build_transcript

NAME = "substation"
VERSION = 2  # 2: nested and unclosed override blocks are hidden
INPUT_ERRORS: tuple[type[Exception], ...] = (ValueError,)

_SCRIPT_INFO = re.compile(r"\A\s*\[script info\]", re.IGNORECASE)
_SECTION = re.compile(r"^\s*\[([^\]]+)\]\s*$")
_DRAWING = re.compile(r"\{[^{}]*\\p[1-9][^{}]*\}.*?(?=\{[^{}]*\\p0[^{}]*\}|$)")
_ASS_STAMP = re.compile(r"^\d{1,10}:\d{1,2}:\d{1,2}(?:[.,]\d{1,9})?$")
# Titles that name no episode: editors' and exporters' defaults.
_EMPTY_TITLES = frozenset({
    "", "default", "default aegisub file", "untitled", "<untitled>", "transcript", "subtitles",
    "subtitle", "captions", "new subtitles",
})
_DEFAULT_FORMAT = ("layer", "start", "end", "style", "name", "marginl", "marginr", "marginv",
                   "effect", "text")


@dataclass(frozen=True, slots=True)
class Dialogue:
    start: float
    end: float
    style: str
    name: str
    text: str
    layer: str


@dataclass(frozen=True)
class ParsedAss:
    """A SubStation file's title and dialogue lines; their cleaned text is made on first use
    (opening the file, not listing it)."""

    source: SourceText
    title: str
    dialogues: tuple[Dialogue, ...]

    @cached_property
    def cues(self) -> tuple[Cue, ...]:
        return tuple(_cues(self.dialogues))


def recognise(source: SourceText) -> ParsedAss | None:
    if not _SCRIPT_INFO.match(source.text):
        return None
    info, dialogues = parse_sections(source.text)
    title = clean(info.get("title", ""))
    meaningful = title.casefold() not in _EMPTY_TITLES
    return ParsedAss(source, printable(title) if meaningful else "", tuple(dialogues))


def describe(parsed: ParsedAss) -> tuple[str, str | None]:
    if not any(strip_markup(_DRAWING.sub("", d.text)) for d in parsed.dialogues):
        raise _no_dialogue(parsed)
    return parsed.title, None


def read(parsed: ParsedAss) -> Transcript:
    if not parsed.cues:
        raise _no_dialogue(parsed)
    blocks, chapters = paragraphs_from_cues(parsed.cues)
    source = parsed.source
    return build_transcript(
        title=parsed.title or title_from_path(source.path), show=None, format=NAME,
        source=source.path, fingerprint=source.fingerprint, blocks=blocks, chapters=chapters,
    )


def _no_dialogue(parsed: ParsedAss) -> TranscriptError:
    return TranscriptError(parsed.source.path,
                           "is a SubStation file without a readable Dialogue line")


def parse_sections(text: str) -> tuple[dict[str, str], list[Dialogue]]:
    """Script Info fields (keys in lower case) and the dialogue lines of ``[Events]``."""
    info: dict[str, str] = {}
    dialogues: list[Dialogue] = []
    section = ""
    fields: tuple[str, ...] = _DEFAULT_FORMAT
    for line in text.split("\n"):
        heading = _SECTION.match(line)
        if heading:
            section = heading.group(1).strip().casefold()
            continue
        key, colon, value = line.partition(":")
        if not colon:
            continue
        key = key.strip().casefold()
        if section == "script info":
            info.setdefault(key, value.strip())
        elif section == "events" and key == "format":
            fields = tuple(field.strip().casefold() for field in value.split(","))
        elif section == "events" and key == "dialogue":
            dialogue = _dialogue(value, fields)
            if dialogue is not None:
                dialogues.append(dialogue)
    return info, dialogues


def _dialogue(value: str, fields: tuple[str, ...]) -> Dialogue | None:
    """One dialogue line by the Format's field names; None when its times are unreadable."""
    if "text" not in fields or fields[-1] != "text":
        return None
    parts = value.split(",", len(fields) - 1)
    if len(parts) < len(fields):
        return None
    named = dict(zip(fields, parts, strict=True))
    start, end = named.get("start", "").strip(), named.get("end", "").strip()
    if not _ASS_STAMP.match(start) or not _ASS_STAMP.match(end):
        return None
    start_time, end_time = parse_stamp(start), parse_stamp(end)
    if start_time is None or end_time is None:
        return None
    return Dialogue(start_time, max(start_time, end_time), named.get("style", "").strip(),
                    named.get("name", "").strip(), named["text"], named.get("layer", "").strip())


def _cues(dialogues: Sequence[Dialogue]) -> list[Cue]:
    """Dialogues in time order as cues, layered copies dropped, speakers named."""
    ordered = sorted(dialogues, key=lambda d: d.start)  # stable: equal starts keep file order
    styles = {d.style.casefold() for d in ordered if d.style}
    styles_are_speakers = len(styles) >= 2
    cues: list[Cue] = []
    seen: set[tuple[float, float, str]] = set()
    for dialogue in ordered:
        text = strip_markup(_DRAWING.sub("", dialogue.text))
        key = (dialogue.start, dialogue.end, text)
        if not text or key in seen:
            continue
        seen.add(key)
        speaker = clean(dialogue.name) or (
            clean(dialogue.style.lstrip("*")) if styles_are_speakers else "") or None
        if speaker is not None and speaker.casefold() == "default":
            speaker = None
        cues.append(Cue(text, dialogue.start, dialogue.end, speaker))
    return cues
