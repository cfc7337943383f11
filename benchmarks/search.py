"""Search speed: building the index, re-indexing one file, and queries with snippets, against
SQLite FTS5 (stdlib) on the same passages in the same run.

    .venv/bin/python benchmarks/search.py [--size N] [--repeat N] [--corpus DIR] [--keep DIR]

Builds a library of N transcripts (default 250; ``--size 1000`` for the full ~60 MB library
of the issue, about 4 minutes) by repeating the files of ../shared/corpus under new names,
then measures, median / p95 where it repeats:

- build: ``python -m reader.core.search.build`` in its own process (as the window runs it),
  from files to a committed index, so reading and parsing are included; MB/s of source bytes,
  and the CPU time of each of its processes (a large build runs in two): the longer one is
  about the wall clock on an idle machine with two cores;
- update with nothing changed (what every command-line search pays first), and after one
  transcript changed;
- queries through ``SearchIndex.search`` (the index held open, limit 10, snippets built, the
  diversity rule applied), and the same query on FTS5 with ``snippet()`` over the same
  passages, wall clock and CPU time; fuzzy has no FTS5 counterpart. Fuzzy again after the
  one-file update (one more segment);
- a whole command-line search process, and the interpreter's own start for reference.

``--keep DIR`` builds the library, its index and the FTS5 database in DIR once (or uses the
``library`` and ``index`` found there); later runs reuse them and measure the queries and the
command line only (the library is left as it is: no one-file update).
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
from functools import partial
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
    """Median and p95 in ms of ``fn(run)`` after ``warm`` runs (``run`` counts from 0); the
    same of this process's CPU time in ``LAST_CPU``."""
    for run in range(warm):
        fn(run)
    samples, cpu = [], []
    for run in range(warm, warm + repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn(run)
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    LAST_CPU[:] = stats(cpu)
    return stats(samples)


LAST_CPU: list[float] = [0.0, 0.0]

# The build process, reporting its own CPU time and that of the processes it waited for (the
# second build process) on stderr as it exits.
BUILD_WRAPPER = """
import atexit, resource, runpy, sys
def report():
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print("cpu", own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime,
          file=sys.stderr)
atexit.register(report)
sys.argv = ["build", *sys.argv[1:]]
runpy.run_module("reader.core.search.build", run_name="__main__")
"""


def build(library: Path, index_dir: Path) -> tuple[float, float, float, float, int]:
    """Seconds of the build (wall clock; CPU of all its processes, of the first, of the
    second) and the peak RSS in MB of the largest."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    argv = build_command(library, index_dir, rebuild=True)
    done = subprocess.run([argv[0], "-c", BUILD_WRAPPER, *argv[3:]], capture_output=True,
                          text=True, check=True, cwd=REPO)
    seconds = time.perf_counter() - start
    last = parse_event(done.stdout.splitlines()[-1])
    assert last is not None and last["event"] == "done", done.stdout[-500:]
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    own, helper = (float(x) for x in done.stderr.split("cpu ")[-1].split()[:2])
    return seconds, cpu, own, helper, after.ru_maxrss // 1024


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
    parser.add_argument("--keep", type=Path, help="build here once, then only query")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"{args.corpus} is not there: the benchmark needs the shared corpus")
        return 2
    load = os.getloadavg()[0]  # other work on the machine shows in every number
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        os.environ["XDG_DATA_HOME"] = str(root / "data")  # no user's sidecars or settings
        library, index_dir = root / "library", root / "index"
        kept = args.keep is not None and index_dir.is_dir()
        if kept:
            print(f"library and index kept in {root}: queries only")
            if not (root / "fts.db").is_file():
                fts5_build(library, root / "fts.db")[0].close()
            connection = sqlite3.connect(root / "fts.db")
        else:
            connection = build_all(args, root, library, index_dir)

        index = SearchIndex(library, index_dir)
        nothing = timed(lambda _: index.update(), 5, warm=1)
        print(f"update, nothing changed: {nothing[0]:.0f} / {nothing[1]:.0f} ms "
              f"(CPU {LAST_CPU[0]:.0f} / {LAST_CPU[1]:.0f})")
        print("\nmedian / p95 ms, wall clock and (CPU) of this process")
        print(f"{'query':32} {'whoosh + snippets':>30} {'fts5 + snippet()':>30} {'p95':>6}")
        for name, query, fts in QUERIES:
            ours = timed(partial(lambda q, _: index.search(q, 10), query), args.repeat)
            ours_cpu = tuple(LAST_CPU)
            theirs = timed(partial(lambda q, _: fts5_query(connection, q), fts), args.repeat)
            print(f"{name + ' ' + query:32} {ours[0]:6.1f} / {ours[1]:5.1f} "
                  f"({ours_cpu[0]:5.1f} / {ours_cpu[1]:5.1f}) "
                  f"{theirs[0]:6.1f} / {theirs[1]:5.1f} ({LAST_CPU[0]:5.1f} / {LAST_CPU[1]:5.1f})"
                  f" {ours[1] / theirs[1]:5.1f}×")
        fuzzy = timed(lambda run: index.search(FUZZY[run % len(FUZZY)], 10), args.repeat)
        print(f"{'fuzzy ' + FUZZY[0] + ' …':32} {fuzzy[0]:6.1f} / {fuzzy[1]:5.1f} "
              f"({LAST_CPU[0]:5.1f} / {LAST_CPU[1]:5.1f}) {'n/a':>30}")

        if kept:
            index.close()
            command_line(library, index_dir, root)
            print(f"load average (1 min) at the start and end: {load:.1f}, "
                  f"{os.getloadavg()[0]:.1f}")
            return 0
        changed = sorted(library.iterdir())[len(list(library.iterdir())) // 2]
        changed.write_text(changed.read_text("utf-8", "replace") + "\n\nOne more line.\n",
                           "utf-8")
        start, start_cpu = time.perf_counter(), time.process_time()
        report = index.update()
        one, one_cpu = time.perf_counter() - start, time.process_time() - start_cpu
        print(f"\nre-index one changed file ({changed.name}, {len(report.changed)} changed): "
              f"{one * 1000:.0f} ms (CPU {one_cpu * 1000:.0f})")
        after = timed(lambda run: index.search(FUZZY[run % len(FUZZY)], 10), args.repeat)
        print(f"fuzzy after it (one more segment): {after[0]:.1f} / {after[1]:.1f} ms "
              f"(CPU {LAST_CPU[0]:.1f} / {LAST_CPU[1]:.1f})")
        index.close()
        command_line(library, index_dir, root)
    print(f"load average (1 min) at the start and end: {load:.1f}, {os.getloadavg()[0]:.1f}")
    return 0


def build_all(args: argparse.Namespace, root: Path, library: Path, index_dir: Path
              ) -> sqlite3.Connection:
    """The library, its index and the FTS5 database, each timed; the FTS5 connection."""
    size_bytes = make_library(args.corpus, library, args.size)
    print(f"library: {args.size} transcripts, {size_bytes / 1e6:.1f} MB")
    seconds, cpu, own, helper, rss = build(library, index_dir)
    segments = len(list(index_dir.glob("*.trm")))
    longest = max(own, helper)  # the wall clock of an idle two-core machine, about
    print(f"whoosh build (own process, files to committed index): {seconds:.1f} s, "
          f"{size_bytes / 1e6 / seconds:.2f} MB/s; CPU {cpu:.1f} s in all (first process "
          f"{own:.1f} s, second {helper:.1f} s: {size_bytes / 1e6 / longest:.2f} MB/s of "
          f"the longer), peak RSS {rss} MB, index {folder_mb(index_dir):.1f} MB in "
          f"{segments} segments")
    connection, parse_s, insert_s = fts5_build(library, root / "fts.db")
    passages = connection.execute("SELECT count(*) FROM passages").fetchone()[0]
    print(f"passages: {passages}; reading and parsing alone: {parse_s:.1f} s "
          f"({size_bytes / 1e6 / parse_s:.2f} MB/s)")
    print(f"fts5 build (insert + optimize, parsed passages given): {insert_s:.1f} s, "
          f"{size_bytes / 1e6 / insert_s:.1f} MB/s")
    return connection


def command_line(library: Path, index_dir: Path, root: Path) -> None:
    """A whole command-line search process, against the interpreter's own start."""
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


if __name__ == "__main__":
    raise SystemExit(main())
