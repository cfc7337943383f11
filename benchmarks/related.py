"""Related passages: latency of one query on a big library, and the one-time learning of its
abbreviations.

    .venv/bin/python benchmarks/related.py [--size N] [--queries N] [--keep DIR]

Builds the benchmark library of benchmarks/search.py (N transcripts, default 1,000, repeated
from ../shared/corpus under new names) and its index (the build process the window runs),
then:

- abbreviations: learned from every passage of the index on the first query (once per version
  of the index), then read from their cache beside the index by a new finder;
- one query: ``RelatedFinder.related(transcript, offset, limit=10)`` for passages spread over
  the library (a different passage each time, every passage of a transcript equally likely),
  the index held open as the window and the command line hold it; median and p95 in ms.

``--keep DIR`` builds into DIR once and reuses it on later runs.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from search import build, make_library  # noqa: E402
from timing import timed  # noqa: E402

from reader.core.formats import load_transcript  # noqa: E402
from reader.core.library import walk_folder  # noqa: E402
from reader.core.related import RelatedFinder, passage_at  # noqa: E402
from reader.core.related.finder import CACHE_FILE  # noqa: E402
from reader.core.search import SearchIndex  # noqa: E402
from reader.core.search.documents import passage_documents  # noqa: E402


def prepare(folder: Path, corpus: Path, size: int) -> tuple[Path, Path]:
    library, index_dir = folder / "library", folder / "index"
    if not library.exists():
        mb = make_library(corpus, library, size) / 1e6
        print(f"library: {size} transcripts, {mb:.0f} MB")
        seconds, _ = build(library, index_dir)
        print(f"index built in {seconds:.0f} s")
    return library, index_dir


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--keep", type=Path, help="build the library here once and reuse it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        library, index_dir = prepare(args.keep or Path(tmp), args.corpus, args.size)
        (index_dir / CACHE_FILE).unlink(missing_ok=True)
        files = walk_folder(library).files
        rng = random.Random(94)
        picks = []
        while len(picks) < args.queries + 5:
            try:
                transcript = load_transcript(rng.choice(files))
            except Exception:
                continue
            starts = [int(doc.data["start"]) for doc in passage_documents(transcript, "")]
            if starts:
                picks.append((transcript, rng.choice(starts)))
        with SearchIndex(library, index_dir) as index:
            finder = RelatedFinder(index)
            start = time.perf_counter()
            learned = finder.abbreviations_now()
            print(f"abbreviations learned in {time.perf_counter() - start:.2f} s "
                  f"({len(learned.long_forms)} acronyms with long forms)")
            start = time.perf_counter()
            RelatedFinder(index).abbreviations_now()
            print(f"abbreviations read from the cache in "
                  f"{(time.perf_counter() - start) * 1000:.0f} ms")
            for transcript, offset in picks[:5]:  # warm: the searcher and its caches
                finder.related(transcript, offset, 10)
            queue = iter(picks[5:])
            hits = []

            def one() -> None:
                transcript, offset = next(queue)
                hits.append(len(finder.related(transcript, offset, 10).hits))

            median, p95 = timed(one, args.queries)
        assert passage_at(picks[0][0], picks[0][1]) is not None
        print(f"one related query (limit 10, {args.queries} passages): "
              f"median {median:.1f} ms, p95 {p95:.1f} ms; {sum(hits) / len(hits):.1f} hits")
        if args.keep is None:
            shutil.rmtree(library, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
