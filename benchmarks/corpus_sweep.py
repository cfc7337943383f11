"""Every file of the shared corpus through the format readers: what each became, and how fast.

    .venv/bin/python benchmarks/corpus_sweep.py [--repeat N] [--all] [--largest K] [CORPUS]

Per file: the reader that took it, paragraphs, speakers, timed paragraphs, chapters (from the
file or a companion file beside it; "auto": sections the app made for an unchaptered text), two
times (median of N runs, CPU milliseconds of this process, so that other work on the machine
counts less):
  parse  format detection + the reader, on text already decoded (what a reader costs)
  load   load_transcript: read + decode + parse + companion files (what opening costs)
Bulk folders (hundreds of files of one kind) get one summary row each unless --all is given.
Then the largest file of each reader and the K largest files overall, with their parse time per
150 KB: the aim is under 100 ms.
Files that are not transcripts are listed with their one-line error.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from timing import timed  # noqa: E402 (benchmarks/ is the script's folder)

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reader.core.errors import TranscriptError  # noqa: E402
from reader.core.formats import load_transcript, read_source, recognise  # noqa: E402
from reader.core.model import BlockKind, ChapterKind, Transcript  # noqa: E402

TARGET_KB = 150
TARGET_MS = 100.0


@dataclass(frozen=True)
class Row:
    name: str
    kb: float
    reader: str
    paragraphs: int
    speakers: int
    timed: int
    chapters: int
    auto: int
    parse_ms: float
    load_ms: float


def measure(path: Path, corpus: Path, repeat: int) -> Row | str:
    try:
        transcript = load_transcript(path)
    except TranscriptError as error:
        return str(error)
    source = read_source(path)

    def parse() -> Transcript:
        reader, parsed = recognise(source)
        return reader.read(parsed)

    parse_ms, _ = timed(parse, repeat, clock=time.process_time)
    load_ms, _ = timed(lambda: load_transcript(path), repeat, clock=time.process_time)
    paragraphs = [b for b in transcript.blocks if b.kind is BlockKind.PARAGRAPH]
    return Row(str(path.relative_to(corpus)), path.stat().st_size / 1024, transcript.format,
               len(paragraphs), len({b.speaker for b in paragraphs if b.speaker}),
               sum(b.start_time is not None for b in paragraphs),
               sum(c.kind is not ChapterKind.AUTO for c in transcript.chapters),
               sum(c.kind is ChapterKind.AUTO for c in transcript.chapters), parse_ms, load_ms)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--all", action="store_true", help="a row for every bulk file too")
    parser.add_argument("--largest", type=int, default=4)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    rows: list[Row] = []
    errors: list[str] = []
    for path in sorted(p for p in args.corpus.rglob("*") if p.is_file()):
        result = measure(path, args.corpus, args.repeat)
        if isinstance(result, str):
            errors.append(result)
        else:
            rows.append(result)

    print("| file | KB | reader | paragraphs | speakers | timed | chapters | auto | parse ms "
          "| load ms |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    bulk: dict[str, list[Row]] = {}
    for row in rows:
        parts = Path(row.name).parts
        if parts[0] == "bulk" and not args.all:
            bulk.setdefault(parts[1], []).append(row)
            continue
        print(f"| {row.name} | {row.kb:.0f} | {row.reader} | {row.paragraphs} | {row.speakers} | "
              f"{row.timed} | {row.chapters} | {row.auto} | {row.parse_ms:.1f} | "
              f"{row.load_ms:.1f} |")
    for folder, group in bulk.items():
        readers = ", ".join(sorted({f"{r.reader} ×{sum(x.reader == r.reader for x in group)}"
                                    for r in group}))
        print(f"| bulk/{folder}/ ({len(group)} files, median) | "
              f"{statistics.median(r.kb for r in group):.0f} | {readers} | "
              f"{statistics.median(r.paragraphs for r in group):.0f} | "
              f"{statistics.median(r.speakers for r in group):.0f} | "
              f"{statistics.median(r.timed for r in group):.0f} | "
              f"{statistics.median(r.chapters for r in group):.0f} | "
              f"{statistics.median(r.auto for r in group):.0f} | "
              f"{statistics.median(r.parse_ms for r in group):.1f} | "
              f"{statistics.median(r.load_ms for r in group):.1f} |")
    print()
    print(f"Largest files: parse time per {TARGET_KB} KB (aim: under {TARGET_MS:.0f} ms)")
    print()
    print(f"| file | KB | reader | parse ms | ms per {TARGET_KB} KB |")
    print("|---|---:|---|---:|---:|")
    by_size = sorted(rows, key=lambda r: r.kb, reverse=True)
    largest_per_reader = {row.reader: row for row in reversed(by_size)}
    shown = {row.name: row for row in [*largest_per_reader.values(), *by_size[:args.largest]]}
    for row in sorted(shown.values(), key=lambda r: (r.reader, -r.kb)):
        per = row.parse_ms * TARGET_KB / row.kb
        flag = "" if per < TARGET_MS else " (over)"
        print(f"| {row.name} | {row.kb:.0f} | {row.reader} | {row.parse_ms:.1f} | "
              f"{per:.1f}{flag} |")
    if errors:
        print()
        print("Not opened (one line each):")
        for error in errors:
            print(f"- {error}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
