"""The ``related`` command: passages of other transcripts about the same idea as one passage.

    transcript-reader related PATH (--offset N | --quote TEXT) [--library DIR] [--limit N]
                      [--json] [--index-dir DIR]

The passage is the one holding display-text offset ``N`` (see ``annotations --json``), or the
one where ``TEXT`` first occurs (any whitespace matches any whitespace). It brings the
library's index up to date first, as ``search`` does. JSON is ``search --json``'s shape, with
``query`` the key terms used; hits are passages of other transcripts only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reader.cli_search import (
    DEFAULT_LIMIT,
    _bring_up_to_date,
    _common_options,
    _index_for,
    _positive,
    _where,
    rebuild_damaged,
)
from reader.core.errors import TranscriptError
from reader.core.export.markdown_export import UNDER_HIGHLIGHT
from reader.core.formats import load_transcript
from reader.core.related import QuoteNotFound, RelatedFinder, offset_of_quote
from reader.core.related.export import related_lines
from reader.core.related.learning import after_index_update
from reader.core.search import IndexUnavailable, SearchIndex, SearchResults
from reader.core.search.query import shorten


def _offset(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def related_parser(parser_class: type[argparse.ArgumentParser], prog: str
                   ) -> argparse.ArgumentParser:
    parser = parser_class(
        prog=f"{prog} related",
        description="List the passages of other transcripts in the library that discuss the "
                    "same idea as one passage of PATH, best first.")
    parser.add_argument("path", type=Path, metavar="PATH")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--offset", type=_offset, metavar="N",
                       help="the passage holding this display-text offset")
    where.add_argument("--quote", metavar="TEXT", help="the passage where TEXT occurs")
    parser.add_argument("--limit", type=_positive, default=DEFAULT_LIMIT, metavar="N",
                        help=f"show at most N passages (default {DEFAULT_LIMIT})")
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    _common_options(parser)
    return parser


def run_related(args: argparse.Namespace) -> int:
    transcript = load_transcript(args.path)
    if args.quote is not None:
        try:
            offset = offset_of_quote(transcript, args.quote)
        except QuoteNotFound as problem:
            raise TranscriptError(args.path, f"{problem}: “{shorten(args.quote)}”") from None
    else:
        offset = args.offset
        if offset > len(transcript.text):
            raise TranscriptError(args.path, f"offset {offset} is past the end of the text "
                                             f"({len(transcript.text)} characters)")
    with _index_for(args) as index:
        _bring_up_to_date(index)
        after_index_update(index)  # the abbreviations of new text, learned with the update
        finder = RelatedFinder(index)
        try:
            results = finder.related(transcript, offset, args.limit)
        except IndexUnavailable as problem:  # damaged in a way only reading shows
            rebuild_damaged(index, problem)
            results = finder.related(transcript, offset, args.limit)
    if args.json:
        json.dump(results.as_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_related(results, bold=sys.stdout.isatty())
    sys.stdout.flush()
    index.tidy()  # the results are out: merging small segments keeps nobody waiting
    return 0


@contextmanager
def related_under_highlights(library: Path) -> Iterator[None]:
    """While open, a Markdown export lists related passages under each highlight."""
    with SearchIndex(library) as index:
        _bring_up_to_date(index)
        after_index_update(index)
        token = UNDER_HIGHLIGHT.set(related_lines(RelatedFinder(index)))
        try:
            yield
        finally:
            UNDER_HIGHLIGHT.reset(token)


def _print_related(results: SearchResults, bold: bool) -> None:
    if not results.hits:
        print("No related passages in other transcripts of the library.")
        return
    print(f"Related passages (key terms: {shorten(results.query)}):")
    for number, hit in enumerate(results.hits, 1):
        print()
        print(f"{number:>3}. {_where(hit)}")
        snippet = "".join(f"\033[1m{text}\033[0m" if match and bold else text
                          for text, match in hit.snippet.runs)
        print(f"     {snippet}")
        print(f"     {hit.path} @{hit.start}")
