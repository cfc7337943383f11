"""Related passages: latency of one query on a big library, and the one-time learning of its
abbreviations, each against the way it was done before, in the same run.

    .venv/bin/python benchmarks/related.py [--size N] [--queries N] [--keep DIR]

Builds the benchmark library of benchmarks/search.py (N transcripts, default 1,000, repeated
from ../shared/corpus under new names) and its index (the build process the window runs),
then:

- abbreviations: a first query with none saved (it learns a provisional table from a small
  sample); the update's last step learning them from an even sample of the index's passages
  read by document number (before: on the first query, from every stored document of the
  index, 10,000 passages kept); then read from their cache beside the index by a new finder;
- one query: ``RelatedFinder.related(transcript, offset, limit=10)`` for passages spread over
  the library (a different passage each time, every passage of a transcript equally likely),
  the index held open as the window and the command line hold it. Each passage is asked of
  two finders, in alternating order: the finder as it is (no key term in more than
  ``finder.MAX_DOCUMENTS`` documents unless all are, the transcript records read in one
  pass per version of the index, a candidate's possible outlines found by their names'
  numbers and words) and :class:`EarlierFinder` (how it was done before). Median and p95 in
  ms, wall clock and CPU time of the process (the machine is shared: the wall clock waits
  for other work); how many queries' hits differ, and how many of the before finder's top 3
  and top 10 the finder as it is keeps. The one pass over the records is timed on its own
  (it falls in the warm-up queries).

``--keep DIR`` builds into DIR once and reuses it on later runs; ``--max-documents N`` sets
``finder.MAX_DOCUMENTS``; ``--no-learning`` skips the abbreviations.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from search import build, make_library  # noqa: E402

from reader.core.formats import load_transcript  # noqa: E402
from reader.core.library import walk_folder  # noqa: E402
from reader.core.model import Transcript  # noqa: E402
from reader.core.related import RelatedFinder, abbreviations, finder  # noqa: E402
from reader.core.related.episodes import SameEpisode  # noqa: E402
from reader.core.related.learning import (  # noqa: E402
    CACHE_FILE,
    QUICK_TEXTS,
    prepare_abbreviations,
)
from reader.core.related.records import TranscriptRecords  # noqa: E402
from reader.core.search import SearchIndex  # noqa: E402
from reader.core.search import documents as d  # noqa: E402
from reader.core.search.documents import passage_documents  # noqa: E402
from reader.core.search.engine import term_of  # noqa: E402
from reader.core.search.index import open_engine, transcript_record  # noqa: E402

Sample = tuple[float, float]  # wall ms, CPU ms


def prepare(folder: Path, corpus: Path, size: int) -> tuple[Path, Path]:
    library, index_dir = folder / "library", folder / "index"
    if not library.exists():
        mb = make_library(corpus, library, size) / 1e6
        print(f"library: {size} transcripts, {mb:.0f} MB")
    if not (index_dir / "reader-index.json").exists():
        seconds, cpu = build(library, index_dir)[:2]  # wall and CPU seconds first
        print(f"index built in {seconds:.0f} s ({cpu:.0f} s CPU)")
    return library, index_dir


def measured(fn: Callable[[], object]) -> Sample:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def timed_related(finder: RelatedFinder, transcript: Transcript, offset: int
                  ) -> tuple[Sample, list[tuple[str, int]]]:
    """One query's wall and CPU ms, and where its hits are."""
    wall, cpu = time.perf_counter(), time.process_time()
    hits = finder.related(transcript, offset, 10).hits
    sample = (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000
    return sample, [(str(hit.path), hit.start) for hit in hits]


def summary(samples: list[Sample]) -> str:
    def stats(values: list[float]) -> str:
        ordered = sorted(values)
        p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
        return f"{statistics.median(ordered):7.1f} {p95:7.1f}"

    return f"{stats([w for w, _ in samples])} | {stats([c for _, c in samples])}"


class EarlierFinder(RelatedFinder):
    """The finder as it was before (in the same run): the first MIN_TERMS key terms kept
    whatever their document count, each candidate's transcript record looked up with a
    Whoosh query (``SearchIndex``'s, remembered per version of the index), and each of the
    folder's possible outlines asked whether it is a new candidate's outline."""

    def __init__(self, index: SearchIndex) -> None:
        super().__init__(index)
        self.max_documents = sys.maxsize
        self._episodes = AskEveryOutline()

    def _record(self, searcher: Any, key: str) -> Any:
        return transcript_record(self.index, open_engine(self.index), key)


class AskEveryOutline(SameEpisode):
    def _possible_outlines(self, path: Path) -> Any:
        return EveryOutline(super()._possible_outlines(path).files)


class EveryOutline:
    def __init__(self, files: list[Any]) -> None:
        self.files = files

    def matching(self, key: Any) -> list[Any]:
        return self.files


def learning_rows(index: SearchIndex, index_dir: Path, now: RelatedFinder,
                  pick: tuple[Transcript, int]) -> None:
    """The abbreviations: a first query with none saved, learned by the update, before."""
    (index_dir / CACHE_FILE).unlink(missing_ok=True)
    first = [timed_related(now, *pick)[0]]  # no table saved: a provisional one
    (index_dir / CACHE_FILE).unlink(missing_ok=True)
    learned = [measured(lambda: prepare_abbreviations(index))]
    before = [measured(lambda: learn_from_every_document(index))]
    cached = [measured(RelatedFinder(index).abbreviations_now)]
    table = now.abbreviations_now()
    print(f"first query, no abbreviations saved (learns from {QUICK_TEXTS:,} passages) | "
          f"{summary(first)}")
    print(f"abbreviations learned by the update, now ({len(table.long_forms)} acronyms, "
          f"from {abbreviations.MAX_TEXTS:,} passages) | {summary(learned)}")
    print(f"abbreviations learned, before (every stored document read) | {summary(before)}")
    print(f"abbreviations read from their cache | {summary(cached)}")


def learn_from_every_document(index: SearchIndex) -> abbreviations.Abbreviations:
    """How abbreviations were learned before: every stored document read, 10,000 kept."""
    searcher = open_engine(index).searcher()
    texts = ((str(f.get(d.OWNER, "")), str(f.get(d.DATA, {}).get("text", "")))
             for f in searcher.all_stored_fields()
             if str(f.get(d.OWNER, "")).startswith(d.PASSAGE + ":"))
    return abbreviations.learn(texts, term_of, 10_000)


def picks_from(library: Path, count: int) -> list[tuple[Transcript, int]]:
    files = walk_folder(library).files
    rng = random.Random(94)
    picks: list[tuple[Transcript, int]] = []
    while len(picks) < count:
        try:
            transcript = load_transcript(rng.choice(files))
        except Exception:
            continue
        starts = [int(doc.data["start"]) for doc in passage_documents(transcript, "")]
        if starts:
            picks.append((transcript, rng.choice(starts)))
    return picks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--keep", type=Path, help="build the library here once and reuse it")
    parser.add_argument("--max-documents", type=int, default=finder.MAX_DOCUMENTS)
    parser.add_argument("--no-learning", action="store_true", help="skip the abbreviations")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        library, index_dir = prepare(args.keep or Path(tmp), args.corpus, args.size)
        picks = picks_from(library, args.queries + 5)
        with SearchIndex(library, index_dir) as index:
            print("| | wall median | wall p95 | CPU median | CPU p95 |\n|---|---|---|---|---|")
            now = RelatedFinder(index)
            now.max_documents = args.max_documents
            if not args.no_learning:
                learning_rows(index, index_dir, now, picks[0])
            records = [measured(lambda: TranscriptRecords().get(
                open_engine(index).searcher(), ""))]
            old = EarlierFinder(index)
            for transcript, offset in picks[:5]:  # warm: the searcher and its caches
                now.related(transcript, offset, 10)
                old.related(transcript, offset, 10)
            samples: dict[str, list[Sample]] = {"now": [], "before": []}
            hits, differ, kept3, kept10 = [], 0, [], []
            for number, (transcript, offset) in enumerate(picks[5:]):
                order = [("now", now), ("before", old)]
                found: dict[str, list[tuple[str, int]]] = {}
                for name, one in order if number % 2 else reversed(order):
                    sample, found[name] = timed_related(one, transcript, offset)
                    samples[name].append(sample)
                hits.append(len(found["now"]))
                differ += found["now"] != found["before"]
                for top, kept in ((3, kept3), (10, kept10)):
                    if found["before"][:top]:
                        kept.append(len(set(found["now"][:top]) & set(found["before"][:top]))
                                    / len(found["before"][:top]))
        print(f"transcript records read in one pass (once per version of the index) | "
              f"{summary(records)}")
        print(f"one related query, now (key terms in {args.max_documents:,} documents at most; "
              f"{args.queries} passages) | {summary(samples['now'])}")
        print(f"one related query, before | {summary(samples['before'])}")
        print(f"{sum(hits) / len(hits):.1f} hits a query; {differ} queries whose hits differ; "
              f"of the before finder's top 3 kept {statistics.mean(kept3):.1%}, of its top 10 "
              f"{statistics.mean(kept10):.1%}")
        if args.keep is None:
            shutil.rmtree(library, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
