"""The ``annotations`` and ``annotate`` commands: highlights and notes from the command line.

    transcript-reader annotations PATH [--json]
    transcript-reader annotate PATH --quote TEXT [--prefix TEXT] [--suffix TEXT] [--note MD]
                               [--tag TAG]... [--color NAME]

Both go through the same core store as the app: loading re-anchors highlights onto the current
text and writes new positions back; ``annotate`` merges with whatever another writer saved.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reader.core.annotations import (
    COLORS,
    DEFAULT_COLOR,
    Annotation,
    AnnotationStore,
    QuoteLookupError,
    chapter_of,
    find_quote,
    time_of,
)
from reader.core.errors import TranscriptError, display_path, printable
from reader.core.formats import load_transcript
from reader.core.model import Transcript
from reader.core.note_html import note_preview
from reader.core.store import resolve
from reader.core.tags import normalise_tags
from reader.core.timefmt import format_clock


def annotations_parser(parser_class: type[argparse.ArgumentParser], prog: str
                       ) -> argparse.ArgumentParser:
    parser = parser_class(prog=f"{prog} annotations",
                          description="List a transcript's highlights and notes in reading "
                                      "order, orphaned ones last.")
    parser.add_argument("path", type=Path, metavar="PATH")
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    return parser


def annotate_parser(parser_class: type[argparse.ArgumentParser], prog: str
                    ) -> argparse.ArgumentParser:
    parser = parser_class(prog=f"{prog} annotate",
                          description="Highlight a quote in a transcript and print the new "
                                      "highlight's id. Whitespace in the quote matches any "
                                      "whitespace in the text.")
    parser.add_argument("path", type=Path, metavar="PATH")
    parser.add_argument("--quote", required=True, metavar="TEXT", help="the text to highlight")
    parser.add_argument("--prefix", default="", metavar="TEXT",
                        help="text right before the quote, to pick one of several places")
    parser.add_argument("--suffix", default="", metavar="TEXT",
                        help="text right after the quote, to pick one of several places")
    parser.add_argument("--note", default="", metavar="MD", help="a note, in Markdown")
    parser.add_argument("--tag", action="append", default=[], metavar="TAG",
                        help="a tag (repeat for several)")
    parser.add_argument("--color", default=DEFAULT_COLOR, metavar="NAME",
                        help=f"one of {', '.join(COLORS)} (default {DEFAULT_COLOR})")
    return parser


def _open_store(path: Path) -> tuple[AnnotationStore, list[str]]:
    # The file itself, not a link to it: the window resolves links too, so a transcript
    # reached through a link has one sidecar, beside the real file.
    transcript = load_transcript(resolve(path))
    store = AnnotationStore(transcript)
    loaded = store.load()
    return store, list(loaded.messages)


def annotation_json(transcript: Transcript, annotation: Annotation) -> dict[str, Any]:
    chapter = chapter_of(transcript, annotation)
    return {
        "id": annotation.id,
        "exact": annotation.exact,
        "start": annotation.start,
        "end": annotation.end,
        "chapter": chapter.title if chapter else None,
        "time": time_of(transcript, annotation),
        "status": annotation.status.value,
        "color": annotation.color,
        "note": annotation.note,
        "tags": list(annotation.tags),
    }


def annotations_json(store: AnnotationStore, path: Path) -> dict[str, Any]:
    transcript = store.transcript
    return {
        "path": display_path(path),  # printable: no lone surrogates from odd file names
        "title": transcript.title,
        "annotations": [annotation_json(transcript, a) for a in store.annotations()],
        "transcript_note": store.transcript_note,
    }


def run_annotations(args: argparse.Namespace) -> int:
    import json

    store, messages = _open_store(args.path)
    for line in messages:
        print(line, file=sys.stderr)
    if args.json:
        json.dump(annotations_json(store, args.path), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    transcript = store.transcript
    annotations = store.annotations()
    count = f"{len(annotations)} highlight{'s' if len(annotations) != 1 else ''}"
    # Notes and tags may come from another tool's sidecar: print them as text, never as
    # terminal control sequences.
    print(printable(f"{transcript.title} — {count}"))
    if store.transcript_note.strip():
        print(f"{'note':>9}  {printable(note_preview(store.transcript_note, 200))}")
    for annotation in annotations:
        seconds = time_of(transcript, annotation)
        where = "orphaned" if annotation.orphaned else (
            format_clock(seconds) if seconds is not None else f"@{annotation.start}")
        quote = " ".join(annotation.exact.split())
        print(printable(f"{where:>9}  {annotation.color:<7} “{quote}”"))
        extra = [f"#{t}" for t in annotation.tags]
        if annotation.note.strip():
            extra.insert(0, note_preview(annotation.note, 100))
        if extra:
            print(printable(f"{'':>9}  {'':<7} {'  '.join(extra)}"))
    return 0


def run_annotate(args: argparse.Namespace) -> int:
    if args.color not in COLORS:
        raise TranscriptError(args.path, f"unknown colour {args.color!r} "
                                         f"(choose one of {', '.join(COLORS)})")
    store, messages = _open_store(args.path)
    for line in messages:
        print(line, file=sys.stderr)
    try:
        start, end = find_quote(store.transcript.text, args.quote, args.prefix, args.suffix)
    except QuoteLookupError as error:
        raise TranscriptError(args.path, str(error)) from None
    annotation = store.add_highlight(start, end, color=args.color, note=args.note,
                                     tags=normalise_tags(args.tag))
    result = store.save()
    for line in result.messages:
        print(line, file=sys.stderr)
    print(annotation.id)
    return 0
