"""Notes as Markdown people keep: front matter, the transcript note, then the highlights under
their chapters, orphans last (see docs/export.md for a sample).

The output is a pure function of the notes and the date: exporting unchanged notes twice gives
the same bytes. The date is the newest exported ``modified`` time (or the one given), never the
clock's (the clock only rules out a ``modified`` more than a day ahead of it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextvars import ContextVar
from datetime import UTC, date, datetime, timedelta
from typing import Any

import yaml

from reader.core.annotations.model import COLORS, Annotation
from reader.core.export.escape import escape_heading, escape_inline, one_line, quote_block
from reader.core.export.note_markdown import contain_note
from reader.core.export.notes import TranscriptNotes
from reader.core.model import Transcript
from reader.core.notes_export_files import GENERATOR, GENERATOR_KEY
from reader.core.timefmt import format_clock

ORPHANS_HEADING = "Orphaned highlights"
# Highlights in a transcript without chapters, or before its first chapter.
NO_CHAPTER_HEADING = "Highlights"
BEFORE_FIRST_CHAPTER = "Before the first chapter"
COMBINED_TITLE = "Transcript notes"
# How far after the clock a change may be dated and still give the export date (time zones).
FUTURE_ALLOWANCE = timedelta(days=1)

# Markdown lines another feature adds under each highlight while set (``export --related``:
# passages of other transcripts about the same idea, see reader/core/related/export.py).
UNDER_HIGHLIGHT: ContextVar[Callable[[Transcript, Annotation], Sequence[str]] | None] = \
    ContextVar("under_highlight", default=None)


def highlight_time(transcript: Transcript, annotation: Annotation) -> float | None:
    """Media time (seconds) where the highlight starts: the time of the cue it starts in (a
    paragraph of merged subtitle cues keeps each cue's time), else of its block."""
    if annotation.orphaned or annotation.start is None or not transcript.blocks:
        return None
    return transcript.time_at(annotation.start)


def export_date(notes: Sequence[TranscriptNotes], given: date | None = None,
                now: datetime | None = None) -> date | None:
    """``given``, else the UTC date of the newest exported change (None: nothing says when).
    A change dated more than a day after ``now`` (a wrong clock, or a hand-edited file) is not
    taken: the date in the front matter is never one that has not come yet."""
    if given is not None:
        return given
    until = (now or datetime.now(UTC)) + FUTURE_ALLOWANCE
    moments = [m for m in (n.newest(until) for n in notes) if m is not None]
    return max(moments).date() if moments else None


def tags_of(notes: Sequence[TranscriptNotes]) -> list[str]:
    """Every tag once (the first spelling met), sorted regardless of case."""
    spelling: dict[str, str] = {}
    for item in notes:
        for annotation in item.annotations:
            for tag in annotation.tags:
                word = tag_word(tag)
                spelling.setdefault(word.casefold(), word)
    return [spelling[key] for key in sorted(spelling)]


def counts(notes: Sequence[TranscriptNotes]) -> tuple[int, int]:
    """(highlights, notes): a note is a highlight's non-empty note or a transcript note."""
    highlights = sum(len(n.annotations) for n in notes)
    written = sum(sum(1 for a in n.annotations if a.note.strip()) + (1 if n.note_text else 0)
                  for n in notes)
    return highlights, written


class _FrontMatterDumper(yaml.SafeDumper):
    """PyYAML's safe dumper, writing a string that holds a YAML line break other than ``\\n``
    (NEL U+0085, U+2028, U+2029) double-quoted, where they are escapes: in a plain or single-
    quoted string PyYAML writes them raw and reads a NEL back as a space."""


def _string(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = '"' if any(c in text for c in _YAML_BREAKS) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_YAML_BREAKS = "\x85\u2028\u2029"
_FrontMatterDumper.add_representer(str, _string)


def front_matter(fields: dict[str, Any]) -> str:
    # A YAML library, not string concatenation: titles hold colons, quotes and `#`.
    dumped = yaml.dump(fields, Dumper=_FrontMatterDumper, sort_keys=False, allow_unicode=True,
                       default_flow_style=False, width=1 << 30)
    return f"---\n{dumped}---\n"


def _fields(notes: Sequence[TranscriptNotes], when: date | None,
            head: dict[str, Any]) -> dict[str, Any]:
    highlights, written = counts(notes)
    fields = dict(head)
    if when is not None:
        fields["exported"] = when
    fields.update({"highlights": highlights, "notes": written, "tags": tags_of(notes)})
    # Last, so the keys before it stay as earlier versions wrote them; the library tells its
    # own exports from transcripts by it (notes_export_files.py).
    fields[GENERATOR_KEY] = GENERATOR
    return fields


def tag_word(tag: str) -> str:
    """A tag as one word, as Obsidian and others read tags: spaces become ``-``."""
    return "-".join(tag.split())


def tag_text(tag: str) -> str:
    return "#" + escape_inline(tag_word(tag))


def _details(transcript: Transcript, annotation: Annotation) -> str:
    """The line under a quote: ``*36:05 · yellow* · #scaling #compute``."""
    parts: list[str] = []
    seconds = highlight_time(transcript, annotation)
    if seconds is not None:
        parts.append(format_clock(seconds))
    # Another tool's colour (``#ff8800``) as text, on this one line whatever it holds.
    parts.append(annotation.color if annotation.color in COLORS
                 else escape_inline(one_line(annotation.color)))
    details = f"*{' · '.join(parts)}*"
    tags = " ".join(tag_text(t) for t in annotation.tags)
    return f"{details} · {tags}" if tags else details


def _highlight(transcript: Transcript, annotation: Annotation) -> list[str]:
    out = [*quote_block(annotation.exact), "", _details(transcript, annotation)]
    if annotation.note.strip():
        out += ["", contain_note(annotation.note.strip("\n").rstrip())]
    under = UNDER_HIGHLIGHT.get()
    extra = list(under(transcript, annotation)) if under is not None else []
    return out + ["", *extra] if extra else out


def _chapter_heading(transcript: Transcript, index: int | None) -> str:
    if index is None:
        return NO_CHAPTER_HEADING if not transcript.chapters else BEFORE_FIRST_CHAPTER
    chapter = transcript.chapters[index]
    title = escape_heading(chapter.title) or f"Chapter {index + 1}"
    return title if chapter.start_time is None else f"{title} ({format_clock(chapter.start_time)})"


def _group_of(transcript: Transcript, annotation: Annotation) -> int | str | None:
    """The chapter index a highlight is listed under; None before any chapter; orphans apart."""
    if annotation.orphaned or annotation.start is None:
        return ORPHANS_HEADING
    return transcript.chapter_index_at(annotation.start)


def transcript_body(item: TranscriptNotes, *, combined: bool = False) -> list[str]:
    """``# Title``, the transcript note, one ``##`` per chapter with highlights (in reading
    order), then the orphans. In a combined file a line under the title names the show and the
    file (there is no front matter per transcript)."""
    transcript = item.transcript
    title = escape_heading(transcript.title) or escape_heading(item.source_name)
    out = [f"# {title}"]
    if combined:
        where = " · ".join(escape_inline(one_line(p))
                           for p in (transcript.show, item.source_name) if p)
        out += ["", f"*{where}*"] if where else []
    if item.note_text:
        out += ["", contain_note(item.note_text)]
    current: int | str | None = -1  # no group yet
    for annotation in item.annotations:
        group = _group_of(transcript, annotation)
        if group != current:
            heading = group if isinstance(group, str) else _chapter_heading(transcript, group)
            out += ["", f"## {heading}"]
            current = group
        out += ["", *_highlight(transcript, annotation)]
    return out


def render_transcript(item: TranscriptNotes, when: date | None = None) -> str:
    """One transcript's notes as a Markdown file (front matter first)."""
    head: dict[str, Any] = {"title": item.transcript.title}
    if item.transcript.show:
        head["show"] = item.transcript.show
    head["source"] = item.source_name
    fields = _fields([item], export_date([item], when), head)
    return front_matter(fields) + "\n" + "\n".join(transcript_body(item)) + "\n"


def render_combined(notes: Sequence[TranscriptNotes], when: date | None = None) -> str:
    """Several transcripts' notes in one file: one front matter, each transcript a ``#``."""
    if len(notes) == 1:
        return render_transcript(notes[0], when)
    head: dict[str, Any] = {"title": COMBINED_TITLE,
                            "transcripts": [n.transcript.title for n in notes]}
    fields = _fields(notes, export_date(notes, when), head)
    parts = ["\n".join(transcript_body(n, combined=True)) for n in notes]
    return front_matter(fields) + "\n" + "\n\n".join(parts) + "\n"
