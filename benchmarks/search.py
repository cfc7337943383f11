"""Search speed: building the index, re-indexing one file, and queries with snippets, against
SQLite FTS5 (stdlib) on the same passages in the same run.

    .venv/bin/python benchmarks/search.py [--size N] [--repeat N] [--corpus DIR]

Builds a library of N transcripts (default 250; ``--size 1000`` for the full ~60 MB library
of the issue, about 4 minutes) by repeating the files of ../shared/corpus under new names,
then measures, median / p95 where it repeats:

- build: ``python -m reader.core.search.build`` in its own process (as the window runs it),
  from files to a committed index, so reading and parsing are included; MB/s of source bytes;
- update with nothing changed (what every command-line search pays first), and after one
  transcript changed;
- queries through ``SearchIndex.search`` (the index held open, limit 10, snippets built, the
  diversity rule applied), and the same query on FTS5 with ``snippet()`` over the same
  passages; fuzzy has no FTS5 counterpart. Fuzzy again after the one-file update (two
  segments);
- a whole command-line search process, and the interpreter's own start for reference.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reader.core.formats import load_transcript  # noqa: E402
from reader.core.library import is_candidate, walk_folder  # noqa: E402
from reader.core.search import SearchIndex, build_command, parse_event  # noqa: E402
from reader.core.search.documents import BODY, passage_documents, transcript_key  # noqa: E402

QUERIES = [  # (class, our query, FTS5 query)
    ("term", "compression", "compression"),
    ("common term", "people", "people"),
    ("AND", "neural network training", "neural network training"),
    ("phrase", '"open source"', '"open source"'),
    ("prefix", "transform*", "transform*"),
]
# Fuzzy words are expanded once per index version and remembered; each run here is another
# misspelling, so every run pays the expansion.
FUZZY = ["sutskevr~", "hintn~", "transformr~", "langauge~", "compresion~", "optimizaton~",
         "reinforcment~", "netwrk~", "intellgence~", "algoritm~", "benchmrk~", "datset~",
         "trainng~", "gradent~", "parameers~", "infrence~", "embeddng~", "recurent~",
         "convolutin~", "supervisd~", "robotcs~", "conciousness~", "philosphy~", "evoluton~"]


def make_library(corpus: Path, target: Path, size: int) -> int:
    """``size`` transcripts copied round-robin from the corpus; returns the bytes copied."""
    usable = [p for p in sorted(corpus.rglob("*")) if is_candidate(p)]
    target.mkdir(parents=True)
    total = 0
    for number in range(size):
        source = usable[number % len(usable)]
        copy = target / f"{number:04d}-{source.name}"
        shutil.copy(source, copy)
        total += copy.stat().st_size
    return total


def stats(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def timed(fn: Callable[[int], object], repeat: int, warm: int = 2) -> tuple[float, float]:
    """Median and p95 in ms of ``fn(run)`` after ``warm`` runs (``run`` counts from 0)."""
    for run in range(warm):
        fn(run)
    samples = []
    for run in range(warm, warm + repeat):
        start = time.perf_counter()
        fn(run)
        samples.append((time.perf_counter() - start) * 1000)
    return stats(samples)


def build(library: Path, index_dir: Path) -> tuple[float, float, int]:
    """Seconds of the build process (wall clock and CPU) and its peak RSS in MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(build_command(library, index_dir, rebuild=True), capture_output=True,
                          text=True, check=True)
    seconds = time.perf_counter() - start
    last = parse_event(done.stdout.splitlines()[-1])
    assert last is not None and last["event"] == "done", done.stdout[-500:]
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, cpu, after.ru_maxrss // 1024


def fts5_build(library: Path, database: Path) -> tuple[sqlite3.Connection, float, float]:
    """(connection, seconds to parse, seconds to insert and optimise)."""
    start = time.perf_counter()
    rows = []
    for path in walk_folder(library).files:
        try:
            transcript = load_transcript(path)
        except Exception:
            continue
        key = transcript_key(path)
        rows += [(str(path), doc.text[BODY]) for doc in passage_documents(transcript, key)]
    parsed = time.perf_counter()
    connection = sqlite3.connect(database)
    connection.execute("CREATE VIRTUAL TABLE passages USING fts5(path UNINDEXED, body, "
                       "tokenize='porter unicode61')")
    with connection:
        connection.executemany("INSERT INTO passages VALUES (?, ?)", rows)
        connection.execute("INSERT INTO passages(passages) VALUES ('optimize')")
    return connection, parsed - start, time.perf_counter() - parsed


def fts5_query(connection: sqlite3.Connection, query: str) -> list[tuple[str, str]]:
    return connection.execute(
        "SELECT path, snippet(passages, 1, '[', ']', '…', 24) FROM passages "
        "WHERE passages MATCH ? ORDER BY rank LIMIT 10", (query,)).fetchall()


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file()) / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=250)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"{args.corpus} is not there: the benchmark needs the shared corpus")
        return 2
    load = os.getloadavg()[0]  # other work on the machine shows in every number
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        os.environ["XDG_DATA_HOME"] = str(root / "data")  # no user's sidecars or settings
        library, index_dir = root / "library", root / "index"
        size_bytes = make_library(args.corpus, library, args.size)
        print(f"library: {args.size} transcripts, {size_bytes / 1e6:.1f} MB")
        seconds, cpu, rss = build(library, index_dir)
        segments = len(list(index_dir.glob("*.trm")))
        print(f"whoosh build (own process, files to committed index): {seconds:.1f} s, "
              f"{size_bytes / 1e6 / seconds:.2f} MB/s (CPU {cpu:.1f} s), peak RSS {rss} MB, "
              f"index {folder_mb(index_dir):.1f} MB in {segments} segments")
        connection, parse_s, insert_s = fts5_build(library, root / "fts.db")
        passages = connection.execute("SELECT count(*) FROM passages").fetchone()[0]
        print(f"passages: {passages}; reading and parsing alone: {parse_s:.1f} s "
              f"({size_bytes / 1e6 / parse_s:.2f} MB/s)")
        print(f"fts5 build (insert + optimize, parsed passages given): {insert_s:.1f} s, "
              f"{size_bytes / 1e6 / insert_s:.1f} MB/s")

        index = SearchIndex(library, index_dir)
        nothing = timed(lambda _: index.update(), 5, warm=1)
        print(f"update, nothing changed: {nothing[0]:.0f} / {nothing[1]:.0f} ms")
        print()
        print(f"{'query':32} {'whoosh + snippets':>17} {'fts5 + snippet()':>17} {'p95':>6}")
        for name, query, fts in QUERIES:
            ours = timed(lambda _, q=query: index.search(q, 10), args.repeat)
            theirs = timed(lambda _, q=fts: fts5_query(connection, q), args.repeat)
            print(f"{name + ' ' + query:32} {ours[0]:8.2f} / {ours[1]:6.2f} "
                  f"{theirs[0]:8.2f} / {theirs[1]:6.2f} {ours[1] / theirs[1]:5.1f}×")
        fuzzy = timed(lambda run: index.search(FUZZY[run % len(FUZZY)], 10), args.repeat)
        print(f"{'fuzzy ' + FUZZY[0] + ' …':32} {fuzzy[0]:8.2f} / {fuzzy[1]:6.2f} {'n/a':>17}")

        changed = sorted(library.iterdir())[len(list(library.iterdir())) // 2]
        changed.write_text(changed.read_text("utf-8", "replace") + "\n\nOne more line.\n",
                           "utf-8")
        start = time.perf_counter()
        report = index.update()
        one = time.perf_counter() - start
        print(f"\nre-index one changed file ({changed.name}, {len(report.changed)} changed): "
              f"{one * 1000:.0f} ms")
        after = timed(lambda run: index.search(FUZZY[run % len(FUZZY)], 10), args.repeat)
        print(f"fuzzy after it (two segments): {after[0]:.2f} / {after[1]:.2f} ms")
        index.close()

        command = [sys.executable, "-c",
                   "import sys; from reader import cli, cli_search; "
                   "sys.exit(cli_search.run_search(cli_search.search_parser(cli._Parser, "
                   "cli.PROG).parse_args(sys.argv[1:])))",
                   "compression", "--library", str(library), "--index-dir", str(index_dir),
                   "--json"]
        # Compiled modules cached as an installed app has them (this checkout may not).
        env = {**os.environ, "PYTHONPYCACHEPREFIX": str(root / "pycache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        cpu: list[float] = []

        def run_command(_: int) -> None:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO,
                                  env=env)
            said = [line for line in done.stderr.splitlines() if "search index" in line]
            if said:  # the index was rebuilt or busy: not the number wanted here
                print("command line said:", *said, sep="\n  ")
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
                       * 1000)

        whole = timed(run_command, 5, warm=1)
        bare = timed(lambda _: subprocess.run([sys.executable, "-c", "pass"], check=True), 5)
        print(f"command-line search process: {whole[0]:.0f} / {whole[1]:.0f} ms, CPU "
              f"{statistics.median(cpu[1:]):.0f} ms (python -c pass: {bare[0]:.0f} / "
              f"{bare[1]:.0f} ms)")
    print(f"load average (1 min) at the start and end: {load:.1f}, {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
