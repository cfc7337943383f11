"""Bringing a large library's search index up to date: nothing changed, one file changed.

    .venv/bin/python benchmarks/search_update.py LIBRARY INDEX_DIR [--files 9] [--repeat 9]

Works on LIBRARY and its index in INDEX_DIR in place and edits files of the library, so give
it a copy (e.g. of the 1,000-transcript library and index that ``benchmarks/search.py --size
1000`` builds), at the same path: the index names its transcripts by path. Set
``XDG_DATA_HOME`` to an empty folder so that no user's notes are looked at.

Median / p95 in ms, wall clock and the CPU time of this process, of:

- the update with nothing changed (what every command-line search pays first), ``--repeat``
  runs after one;
- one changed file: ``--files`` files spread over the library (the first the one
  ``benchmarks/search.py`` edits), each a line added and the index updated; each file is
  edited twice, in two rounds. The first round also pays, once, for records an older version
  of the indexer wrote (the transcripts paired with an edited file are read again to learn
  what their companion gives them); the second round is the steady state. Each run says how
  many transcripts were read and indexed again. The update makes the edit searchable; the
  merge of small segments it may call for (about one update in four) runs after it, as the
  window and the command line run it, and is timed on its own, then added.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reader.core.library import walk_folder  # noqa: E402
from reader.core.search import SearchIndex  # noqa: E402


def stats(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, round(0.95 * len(ordered)) - 1)]


def timed_update(index: SearchIndex) -> tuple[float, float, int]:
    """(wall ms, CPU ms, transcripts indexed again) of one update."""
    start, start_cpu = time.perf_counter(), time.process_time()
    report = index.update()
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    if report.rebuilt:
        raise SystemExit(f"the index was rebuilt: {report.messages}")
    return wall * 1000, cpu * 1000, len(report.indexed)


def timed_tidy(index: SearchIndex) -> tuple[float, float, int]:
    """(wall ms, CPU ms, 1 if segments were merged) of the merge an update may call for,
    run after it (see ``SearchIndex.tidy``)."""
    start, start_cpu = time.perf_counter(), time.process_time()
    merged = index.tidy()
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    return wall * 1000, cpu * 1000, int(merged)


def edited_files(library: Path, count: int) -> list[Path]:
    """``count`` files spread over the library, from its middle (search.py's changed file);
    Markdown and plain text, which take a line added at their end."""
    files = sorted(path for path in walk_folder(library).files
                   if path.suffix in (".md", ".txt"))
    everything = sorted(path for path in library.iterdir() if path.is_file())
    middle = files.index(everything[len(everything) // 2])
    step = max(1, len(files) // count)
    return [files[(middle + number * step) % len(files)] for number in range(count)]


def show(name: str, runs: list[tuple[float, float, int]]) -> None:
    wall = stats([run[0] for run in runs])
    cpu = stats([run[1] for run in runs])
    indexed = ",".join(str(run[2]) for run in runs)
    print(f"{name:44} {wall[0]:7.0f} / {wall[1]:7.0f}   CPU {cpu[0]:6.0f} / {cpu[1]:6.0f}"
          f"   indexed again: {indexed}")
    print(f"{'':44} CPU of each run: {', '.join(f'{run[1]:.0f}' for run in runs)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("library", type=Path)
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("--files", type=int, default=9)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    index = SearchIndex(args.library, args.index_dir)
    if not index.exists():
        print(f"{args.index_dir}: no index there")
        return 2
    print(f"first update: {timed_update(index)[0]:.0f} ms")
    print(f"{'median / p95 ms':44} {'wall':>17}   {'CPU':>17}")
    show("update, nothing changed", [timed_update(index) for _ in range(args.repeat)])
    files = edited_files(args.library, args.files)
    for round_ in ("first", "second"):
        runs, merges = [], []
        for path in files:
            with path.open("a", encoding="utf-8") as stream:
                stream.write(f"\n\nOne more line, {round_} round.\n")
            runs.append(timed_update(index))
            merges.append(timed_tidy(index))
        show(f"one changed file, {round_} round", runs)
        show("  then merging small segments (1: merged)", merges)
        show("  both", [(a[0] + b[0], a[1] + b[1], a[2])
                        for a, b in zip(runs, merges, strict=True)])
    show("update, nothing changed (after)", [timed_update(index) for _ in range(args.repeat)])
    index.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
