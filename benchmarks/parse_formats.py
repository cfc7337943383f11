"""Parse time of the largest corpus file of every reader, against decoding in the same run.

    .venv/bin/python benchmarks/parse_formats.py [--repeat N] [--largest K] [CORPUS]

For the largest file each reader takes in ``../shared/corpus/`` (and the K largest files
overall), CPU time of this process, median and p95 in milliseconds over N runs, in one run so
that load from other work on the machine touches every row alike:
  decode  bytes -> text (the floor: what any reader pays before it starts)
  parse   format detection + the reader, on the decoded text
Then parse time normalised to 150 KB; the aim is under 100 ms.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from timing import timed  # noqa: E402 (benchmarks/ is the script's folder)

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reader.core.errors import TranscriptError  # noqa: E402
from reader.core.formats import SourceText, read_source, recognise  # noqa: E402
from reader.core.model import Transcript  # noqa: E402

TARGET_KB = 150
TARGET_MS = 100.0


def reader_name(path: Path) -> str | None:
    try:
        return recognise(read_source(path))[0].name
    except TranscriptError:
        return None


def largest_files(corpus: Path, extra: int) -> list[tuple[Path, str]]:
    """The largest file of each reader, then the ``extra`` largest files of the corpus."""
    named = [(path, name) for path in sorted(corpus.rglob("*"), key=lambda p: -p.stat().st_size)
             if path.is_file() and (name := reader_name(path)) is not None]
    chosen: dict[Path, str] = {}
    for path, name in named:
        if name not in chosen.values():
            chosen[path] = name
    for path, name in named[:extra]:
        chosen.setdefault(path, name)
    return sorted(chosen.items(), key=lambda item: (item[1], -item[0].stat().st_size))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--largest", type=int, default=3)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    print(f"| file | KB | reader | decode ms | parse ms | parse ms per {TARGET_KB} KB |")
    print("|---|---:|---|---:|---:|---:|")
    for path, name in largest_files(args.corpus, args.largest):
        source = read_source(path)

        def parse(source: SourceText = source) -> Transcript:
            reader, parsed = recognise(source)
            return reader.read(parsed)

        def decode(path: Path = path) -> SourceText:
            return read_source(path)

        parse()  # imports and caches warm before timing
        decoding = timed(decode, args.repeat, clock=time.process_time)
        parsing = timed(parse, args.repeat, clock=time.process_time)
        kb = path.stat().st_size / 1024
        per = parsing[0] * TARGET_KB / kb
        flag = "" if per < TARGET_MS else " (over)"
        print(f"| {path.relative_to(args.corpus)} | {kb:.0f} | {name} | "
              f"{decoding[0]:.1f} / {decoding[1]:.1f} | {parsing[0]:.1f} / {parsing[1]:.1f} | "
              f"{per:.0f}{flag} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
