"""The ``search`` and ``index`` commands: the library's search index from the command line.

    transcript-reader search QUERY [--library DIR] [--limit N] [--json] [--index-dir DIR]
    transcript-reader index [--library DIR] [--rebuild] [--index-dir DIR]

``search`` brings the index up to date first (a few milliseconds when nothing changed), then
prints the best hits; it exits 0 also when nothing is found. While another process (the app)
is updating the index, it searches the index as it is. ``index`` updates (or rebuilds) the
index with progress on stderr, naming each file that could not be read in one line.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from reader.core.errors import TranscriptError, display_path
from reader.core.library import ensure_default_library
from reader.core.paths import index_root
from reader.core.search import (
    Hit,
    IndexBusy,
    IndexUnavailable,
    Progress,
    SearchIndex,
    SearchResults,
    UpdateReport,
)
from reader.core.search.query import shorten
from reader.core.timefmt import format_clock

DEFAULT_LIMIT = 10
INDEX_WAIT = 60.0  # seconds ``index`` waits for another update to finish
PROGRESS_EVERY = 1.0  # seconds between progress lines


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--library", type=Path, metavar="DIR",
                        help="the library folder (default: the app's library)")
    root = display_path(index_root()).replace("%", "%%")  # argparse formats help with %
    parser.add_argument("--index-dir", type=Path, metavar="DIR",
                        help=f"keep the index in this folder (default: a folder per library "
                             f"in {root}: indexes/ of a source checkout, else the user cache "
                             f"folder, $XDG_CACHE_HOME when it is set)")


def search_parser(parser_class: type[argparse.ArgumentParser], prog: str
                  ) -> argparse.ArgumentParser:
    parser = parser_class(
        prog=f"{prog} search",
        description="Search every transcript and note in the library. Words must all match; "
                    "\"exact phrases\", OR, NOT or -word, prefix*, fuzzy~, and title: "
                    "chapter: speaker: note: tag: work too.")
    parser.add_argument("query", nargs="+", metavar="QUERY",
                        help="what to look for (several words may be given unquoted)")
    parser.add_argument("--limit", type=_positive, default=DEFAULT_LIMIT, metavar="N",
                        help=f"show at most N hits (default {DEFAULT_LIMIT})")
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    _common_options(parser)
    return parser


def index_parser(parser_class: type[argparse.ArgumentParser], prog: str
                 ) -> argparse.ArgumentParser:
    parser = parser_class(prog=f"{prog} index",
                          description="Bring the library's search index up to date.")
    parser.add_argument("--rebuild", action="store_true",
                        help="index every transcript again, from scratch")
    _common_options(parser)
    return parser


def _index_for(args: argparse.Namespace) -> SearchIndex:
    library = args.library if args.library is not None else ensure_default_library()
    if not library.is_dir():
        raise TranscriptError(library, "no such folder" if not library.exists()
                              else "is not a folder")
    return SearchIndex(library, args.index_dir)


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


# --- search ------------------------------------------------------------------------------


def run_search(args: argparse.Namespace) -> int:
    query = " ".join(args.query)
    with _index_for(args) as index:
        _bring_up_to_date(index)
        try:
            results = index.search(query, args.limit, exact_total=True)
        except IndexUnavailable as problem:  # damaged in a way only reading shows
            rebuild_damaged(index, problem)
            results = index.search(query, args.limit, exact_total=True)
    for note in results.notes:
        _say(note)
    if args.json:
        if results.suggestion:
            _say(f"Did you mean: {results.suggestion}")
        json.dump(results.as_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_results(results, bold=sys.stdout.isatty())
    sys.stdout.flush()
    index.tidy()  # the results are out: merging small segments keeps nobody waiting
    return 0


def _bring_up_to_date(index: SearchIndex) -> None:
    try:
        _report(index.update(wait=0))
    except (IndexBusy, TranscriptError) as busy:  # busy, or read only
        if index.exists():
            _say(f"{busy}; searching the index as it is")
            return
        if isinstance(busy, TranscriptError):
            raise
        _say(f"{busy}; waiting for it")  # being built for the first time
        _report(index.update(wait=INDEX_WAIT))


def rebuild_damaged(index: SearchIndex, problem: IndexUnavailable) -> None:
    """Rebuild an index that cannot be read, unless another process is at it (the window
    rebuilding an index of an older version, say): then one line says so."""
    try:
        _report(index.update(damaged=problem.reason, wait=INDEX_WAIT))
    except IndexBusy:
        raise TranscriptError(index.index_dir, f"another process is rebuilding the search "
                                               f"index (waited {INDEX_WAIT:g} s); try again "
                                               f"when it is done") from None


def _report(report: UpdateReport) -> None:
    for line in report.messages + report.errors:
        _say(line)


def _print_results(results: SearchResults, bold: bool) -> None:
    if not results.hits:
        print(f"No results for “{shorten(results.query)}”.")
        if results.suggestion:
            print(f"Did you mean: {results.suggestion}")
        return
    count = f"{results.total} hit{'s' if results.total != 1 else ''}"
    shown = "" if len(results.hits) >= results.total else f", the best {len(results.hits)}"
    print(f"{count} for “{shorten(results.query)}”{shown}:")
    for number, hit in enumerate(results.hits, 1):
        print()
        print(f"{number:>3}. {_where(hit)}")
        snippet = "".join(f"\033[1m{text}\033[0m" if match and bold else text
                          for text, match in hit.snippet.runs)
        print(f"     {'note: ' if hit.kind == 'note' else ''}{snippet}")
        print(f"     {hit.path} @{hit.start}")


def _where(hit: Hit) -> str:
    parts = [hit.title]
    if hit.chapter_title:
        parts.append(hit.chapter_title)
    if hit.time is not None:
        parts.append(format_clock(hit.time))
    return " · ".join(parts)


# --- index -------------------------------------------------------------------------------


class _ProgressLines:
    """Progress on stderr: at most one line a second, and every problem at once."""

    def __init__(self) -> None:
        self.last = 0.0

    def __call__(self, progress: Progress) -> None:
        if progress.message is not None:
            _say(progress.message)
            return
        now = time.monotonic()
        if progress.phase == "indexing" and now - self.last >= PROGRESS_EVERY:
            self.last = now
            _say(f"indexing {progress.done + 1} of {progress.total}: "
                 f"{progress.path.name if progress.path else ''}")
        elif progress.phase == "committing" and progress.done < progress.total:
            _say(f"saving what is indexed so far ({progress.done} of {progress.total})")
        elif progress.phase == "committing" and progress.total:
            _say(f"writing the index ({progress.total} transcripts)")


def run_index(args: argparse.Namespace) -> int:
    with _index_for(args) as index:
        try:
            report = index.update(rebuild=args.rebuild, wait=INDEX_WAIT,
                                  progress=_ProgressLines())
        except IndexBusy:
            raise TranscriptError(index.index_dir, f"another process is updating the search "
                                                   f"index (waited {INDEX_WAIT:g} s)") from None
        index.tidy(wait=INDEX_WAIT)
    _say(report.summary())
    return 0
