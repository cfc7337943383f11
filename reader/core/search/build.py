"""Update a library's search index in this process, reporting progress as JSON lines.

    python -m reader.core.search.build --library DIR [--index-dir DIR] [--rebuild]
                                       [--wait SECONDS]

The window runs this in a separate process (a Python thread that indexes stalls the interface
for up to 40 ms; a process, not at all) and reads the events described in :mod:`.events`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from reader.core.errors import TranscriptError
from reader.core.related.learning import after_index_update
from reader.core.search.events import EXIT_BUSY, EXIT_FAILED, encode_event
from reader.core.search.index import SearchIndex
from reader.core.search.indexer import Progress
from reader.core.search.location import IndexBusy


def _emit(event: str, **fields: object) -> None:
    sys.stdout.write(encode_event(event, **fields) + "\n")
    sys.stdout.flush()


def _progress(progress: Progress) -> None:
    if progress.phase == "rebuilding":
        _emit("message", text=progress.message)
    elif progress.phase == "unreadable":
        _emit("error", text=progress.message)
    else:
        _emit("progress", phase=progress.phase, done=progress.done, total=progress.total,
              path=None if progress.path is None else str(progress.path))


def _below_the_window() -> None:
    """Run at a lower priority than the window that started this: with every core busy
    indexing (a full build runs two processes), the window would otherwise wait its turn for
    a core and miss frames. The build loses nothing when the window is idle. The second
    process of a build inherits it."""
    with contextlib.suppress(AttributeError, OSError):  # no such call here, or not allowed
        os.nice(10)


def main(argv: Sequence[str] | None = None) -> int:
    _below_the_window()
    parser = argparse.ArgumentParser(prog="python -m reader.core.search.build",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--library", type=Path, required=True, metavar="DIR")
    parser.add_argument("--index-dir", type=Path, metavar="DIR")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--wait", type=float, default=30.0, metavar="SECONDS",
                        help="how long to wait for another update to finish (default 30)")
    args = parser.parse_args(argv)
    index = SearchIndex(args.library, args.index_dir)
    try:
        report = index.update(rebuild=args.rebuild, wait=args.wait, progress=_progress)
    except IndexBusy as busy:
        _emit("busy", text=str(busy))
        return EXIT_BUSY
    except TranscriptError as error:
        _emit("failed", text=str(error))
        return EXIT_FAILED
    finally:
        index.close()
    _emit("done", added=len(report.added), changed=len(report.changed),
          notes=len(report.notes), removed=len(report.removed), unchanged=report.unchanged,
          errors=len(report.errors), rebuilt=report.rebuilt, seconds=round(report.seconds, 3),
          summary=report.summary())
    # After "done": the window searches the updated index while small segments are merged
    # (about one update in four) and the related passages' abbreviations are learned.
    index.tidy(wait=args.wait)
    after_index_update(index)  # related passages: their abbreviations, learned here
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
