"""How good are related passages? Precision at 3 on the judgments in
tests/data/related_judgments.json, for the method and for a plain TF-IDF baseline.

    .venv/bin/python benchmarks/related_eval.py [--verbose] [--within DIR]

Both bundled interviews go into a throwaway library with its own index. For each judged
query (a passage of one interview, found by its quote) the top 3 related passages are taken;
a hit counts when it overlaps a passage judged related. Precision at 3 is the mean over the
queries of (relevant hits in the top 3) / 3; "unrelated in top 3" counts the hits that
overlap a passage judged unrelated (lower is better).

- method: :class:`reader.core.related.RelatedFinder` as the app and the command line use it,
  and the same with one part switched off at a time (chapter context of the query, the
  chapter rule, abbreviations), to show what each part brings;
- baseline: plain TF-IDF over the same passages, the query being the same whole paragraph
  the method starts from: lower-cased words of two or more letters,
  no stemming, no stop words, idf = ln((1 + n) / (1 + df)) + 1, vectors normalised, cosine
  (scikit-learn's TfidfVectorizer defaults, written out here since it is not installed).

``--within DIR`` measures the method in a big library too: DIR is a library folder with its
index (``DIR/library``, ``DIR/index``: what ``benchmarks/related.py --keep DIR`` builds); both
interviews are copied into it (they stay there) and the index updated, so the key terms are
weighed against the big library's document frequencies. Each query's top 3 are then taken
among the other interview's passages only (the library holds many copies of other Lex
Fridman #94 files, which would fill the top), for the finder as it is and for the finder
keeping its first key terms whatever their document count (``max_documents``), as before.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reader.core.annotations.lookup import whitespace_matches  # noqa: E402
from reader.core.formats import load_transcript  # noqa: E402
from reader.core.model import Transcript  # noqa: E402
from reader.core.related import (  # noqa: E402
    RelatedFinder,
    finder,
    offset_of_quote,
    passage_at,
    terms,
)
from reader.core.related.abbreviations import Abbreviations  # noqa: E402
from reader.core.related.learning import after_index_update  # noqa: E402
from reader.core.search import SearchIndex  # noqa: E402
from reader.core.search import documents as d  # noqa: E402
from reader.core.search.documents import passage_documents  # noqa: E402

JUDGMENTS = REPO / "tests" / "data" / "related_judgments.json"
TOP = 3
Ranker = Callable[[Transcript, int, Transcript], list[tuple[int, int]]]


def spans(text: str, quotes: list[str]) -> list[tuple[int, int]]:
    return [span for quote in quotes for span in whitespace_matches(text, quote)[:1]]


def overlaps(hit: tuple[int, int], targets: list[tuple[int, int]]) -> bool:
    return any(hit[0] < end and start < hit[1] for start, end in targets)


def evaluate(rank: Ranker, judgments: dict, transcripts: dict[str, Transcript],
             verbose: bool = False, name: str = "") -> tuple[float, int]:
    """(precision at 3, hits judged unrelated in the top 3, over all queries)."""
    precisions, unrelated = [], 0
    for query in judgments["queries"]:
        source = transcripts[query["from"]]
        other = transcripts["eye" if query["from"] == "lex" else "lex"]
        top = rank(source, offset_of_quote(source, query["quote"]), other)[:TOP]
        good = spans(other.text, query["related"])
        bad = spans(other.text, query["unrelated"])
        relevant = sum(overlaps(hit, good) for hit in top)
        unrelated += sum(overlaps(hit, bad) for hit in top)
        precisions.append(relevant / TOP)
        if verbose:
            print(f"{name:>10} {relevant}/{TOP} {query['topic']}: {query['quote'][:50]}")
            for start, end in top:
                mark = "+" if overlaps((start, end), good) else "-"
                print(f"{'':>12}{mark} {other.text[start:end][:90]!r}")
    return sum(precisions) / len(precisions), unrelated


def method_ranker(index: SearchIndex) -> Ranker:
    found = RelatedFinder(index)

    def rank(source: Transcript, offset: int, _other: Transcript) -> list[tuple[int, int]]:
        return [(hit.start, hit.end) for hit in found.related(source, offset, TOP).hits]

    return rank


WORD = re.compile(r"(?u)\b\w\w+\b")


def tfidf_ranker(transcripts: dict[str, Transcript]) -> Ranker:
    """Plain TF-IDF cosine over every passage of the library (see the module)."""
    passages = {name: [(int(doc.data["start"]), int(doc.data["end"]), str(doc.data["text"]))
                       for doc in passage_documents(t, "")]
                for name, t in transcripts.items()}
    every = [text for found in passages.values() for _, _, text in found]
    df: Counter[str] = Counter()
    for text in every:
        df.update(set(WORD.findall(text.lower())))
    n = len(every)

    def vector(text: str) -> dict[str, float]:
        tf = Counter(WORD.findall(text.lower()))
        v = {w: c * (math.log((1 + n) / (1 + df[w])) + 1) for w, c in tf.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {w: x / norm for w, x in v.items()}

    vectors = {name: [(s, e, vector(text)) for s, e, text in found]
               for name, found in passages.items()}

    def rank(source: Transcript, offset: int, other: Transcript) -> list[tuple[int, int]]:
        here = passage_at(source, offset)  # the same whole paragraph the method starts from
        q = vector(here.text if here is not None else "")
        target = next(name for name, t in transcripts.items() if t is other)
        scored = sorted(((sum(w * v.get(t, 0.0) for t, w in q.items()), s, e)
                         for s, e, v in vectors[target]), key=lambda x: -x[0])
        return [(s, e) for _, s, e in scored]

    return rank


def within_ranker(index: SearchIndex, library: Path, max_documents: int) -> Ranker:
    """The method in a big library, its candidates only the other interview's passages."""
    found = RelatedFinder(index)
    found.max_documents = max_documents
    owners = {path.name: d.owner(d.PASSAGE, d.transcript_key(path.resolve()))
              for path in library.iterdir()}
    best = found._best

    def rank(source: Transcript, offset: int, other: Transcript) -> list[tuple[int, int]]:
        assert other.source is not None
        others = [owner for name, owner in owners.items() if name != other.source.name]
        found._best = lambda engine, weights, _, frequencies=None: best(  # type: ignore
            engine, weights, others, frequencies)
        return [(hit.start, hit.end) for hit in found.related(source, offset, TOP).hits]

    return rank


def within(folder: Path, judgments: dict) -> list[tuple[str, tuple[float, int]]]:
    """Rows of the method in the big library ``folder`` (see the module)."""
    library = folder / "library"
    transcripts = {}
    for name, file in judgments["transcripts"].items():
        if not (library / file).exists():
            shutil.copy(REPO / "resources" / "transcripts" / file, library / file)
        transcripts[name] = load_transcript(library / file)
    with SearchIndex(library, folder / "index") as index:
        index.update()
        after_index_update(index)
        size = sum(1 for _ in library.iterdir())
        return [(f"method in {size:,} transcripts, key terms in {finder.MAX_DOCUMENTS:,} "
                 f"documents at most", evaluate(within_ranker(
                     index, library, finder.MAX_DOCUMENTS), judgments, transcripts)),
                (f"method in {size:,} transcripts, the first {finder.MIN_TERMS} key terms "
                 f"whatever their documents (before)", evaluate(within_ranker(
                     index, library, sys.maxsize), judgments, transcripts))]


@contextmanager
def switched_off(part: str) -> Iterator[None]:
    """The method with one part switched off."""
    saved = (terms.CONTEXT_WEIGHT, finder.CHAPTER_WEIGHT, RelatedFinder.abbreviations)
    if part == "context":
        terms.CONTEXT_WEIGHT = 0.0
    elif part == "chapter rule":
        finder.CHAPTER_WEIGHT = 0.0
    elif part == "abbreviations":
        RelatedFinder.abbreviations = lambda self, engine: Abbreviations()  # type: ignore
    try:
        yield
    finally:
        terms.CONTEXT_WEIGHT, finder.CHAPTER_WEIGHT, RelatedFinder.abbreviations = saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every query's top 3")
    parser.add_argument("--within", type=Path, help="a big library folder (see the module)")
    args = parser.parse_args()
    judgments = json.loads(JUDGMENTS.read_text("utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        library = Path(tmp) / "library"
        library.mkdir()
        transcripts = {}
        for name, file in judgments["transcripts"].items():
            shutil.copy(REPO / "resources" / "transcripts" / file, library / file)
            transcripts[name] = load_transcript(library / file)
        with SearchIndex(library, Path(tmp) / "index") as index:
            index.update()
            rows = [("method", evaluate(method_ranker(index), judgments, transcripts,
                                        args.verbose, "method"))]
            for part in ("context", "chapter rule", "abbreviations"):
                with switched_off(part):
                    rows.append((f"method without {part}",
                                 evaluate(method_ranker(index), judgments, transcripts)))
        rows.append(("TF-IDF baseline", evaluate(tfidf_ranker(transcripts), judgments,
                                                 transcripts, args.verbose, "tf-idf")))
    if args.within is not None:
        rows += within(args.within, judgments)
    print(f"{len(judgments['queries'])} judged queries, precision at {TOP}:")
    print(f"| ranker | P@{TOP} | unrelated in top {TOP} |\n|---|---|---|")
    for name, (precision, unrelated) in rows:
        print(f"| {name} | {precision:.3f} | {unrelated} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
