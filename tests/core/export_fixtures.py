"""Notes on the two bundled interviews, written with fixed ids and times so exports are
byte-for-byte comparable: highlights in several chapters, a multi-line quote, an orphan whose
quote is full of Markdown syntax, notes with Markdown, tags and a transcript note."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path

from reader.core.annotations import TextQuote, find_quote
from reader.core.annotations.anchoring import place
from reader.core.annotations.model import Annotation, TranscriptNote
from reader.core.export import NotesStore
from reader.core.formats import load_transcript
from reader.core.model import ChapterKind, ChapterSpec, Transcript, place_chapters

T0 = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
NEWEST = T0 + timedelta(days=3)  # the newest change: the export date is 2026-03-17

TRICKY_QUOTE = ("# Not a heading\n> not a quote\n- not a list\n1. not a list either\n"
                "`code` and <b>bold</b> and *stars*")

LEX_HIGHLIGHTS = [
    # (quote, color, note, tags, modified offset in hours)
    ("Hessian-free optimization as an early proof that deep nets can train from scratch",
     "yellow", "Martens (2010) is **still** the reference.\n\n- second-order\n- `HF` for short",
     ("optimization", "history of ML"), 1),
    ("Over-parameterization wasn’t the main worry; compute availability was\n"
     "Alex’s fast CUDA kernels + ImageNet as the catalytic combination", "green", "", (), 2),
    ("Double descent curve vs. model size (with fixed dataset)", "pink",
     "Compare with the *bias–variance* trade-off.", ("scaling",), 3),
    ("Data + compute transformed language modeling", "blue", "", ("scaling",), 4),
]
LEX_NOTE = ("Listened on **2026-03-14**.\n\n> A note may quote too.\n\n"
            "1. first thought\n2. second thought")

EYE_HIGHLIGHTS = [
    ("I’m Craig Smith, and this is Eye on AI.", "orange", "", (), 5),
    ("And the human brain is just a neural network with slow neurons.", "yellow",
     "The core bet, in one sentence.", ("brain", "scaling"), 6),
    ("But perhaps one day we will discover that there is some little twist on the thing that "
     "we scale", "purple", "", ("open question",), 7),
]
# Chapters made by the user (the bundled interview has none): kept fixed here, so the snapshot
# does not change with automatic sections.
EYE_CHAPTERS = [(2, "Introduction"), (14, "From AlexNet to GPT"), (28, "Scaling")]


def _stamp(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def highlight(transcript: Transcript, number: int, quote: str, color: str, note: str,
              tags: tuple[str, ...], hours: float) -> Annotation:
    start, end = find_quote(transcript.text, quote)
    blank = Annotation(f"urn:uuid:00000000-0000-4000-8000-{number:012d}", TextQuote(""),
                       None, None, color, note, tags, created=_stamp(hours),
                       modified=_stamp(hours))
    return place(blank, transcript, start, end)


def orphan(number: int, quote: str, note: str, tags: tuple[str, ...] = ()) -> Annotation:
    """A highlight whose quote is no longer in the transcript."""
    return Annotation(f"urn:uuid:00000000-0000-4000-8000-{number:012d}", TextQuote(quote),
                      None, None, "purple", note, tags, created=_stamp(0), modified=_stamp(0))


def eye_transcript(path: Path) -> Transcript:
    transcript = load_transcript(path)
    chapters = place_chapters(transcript.blocks, [
        ChapterSpec(title, block, kind=ChapterKind.USER, id=f"user-{block}")
        for block, title in EYE_CHAPTERS])
    return dataclasses.replace(transcript, chapters=chapters)


def write_notes(transcript: Transcript, records: list[Annotation | TranscriptNote]) -> None:
    """Save ``records`` beside the transcript through the app's store."""
    store = NotesStore(transcript)
    store.load()
    store.merge_in(records, offsets_hold=True)
    store.save()


def annotate_lex(path: Path) -> Transcript:
    transcript = load_transcript(path)
    records: list[Annotation | TranscriptNote] = [
        highlight(transcript, i, *spec) for i, spec in enumerate(LEX_HIGHLIGHTS, start=1)]
    records.append(orphan(90, TRICKY_QUOTE, "Kept from an older version of the text.",
                          ("tricky",)))
    records.append(TranscriptNote("urn:uuid:00000000-0000-4000-8000-000000000099", LEX_NOTE,
                                  _stamp(0), NEWEST))
    write_notes(transcript, records)
    return transcript


def annotate_eye(path: Path) -> Transcript:
    transcript = eye_transcript(path)
    records: list[Annotation | TranscriptNote] = [
        highlight(transcript, 10 + i, *spec) for i, spec in enumerate(EYE_HIGHLIGHTS)]
    records.append(orphan(91, "A sentence the new transcript no longer has.\nOn two lines.",
                          "Find where this went."))
    records.append(TranscriptNote("urn:uuid:00000000-0000-4000-8000-000000000098",
                                  "Ilya on *why* scale worked.", _stamp(0), _stamp(1)))
    write_notes(transcript, records)
    return transcript
