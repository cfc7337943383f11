"""Looking for each transcript's companion outline, as every load of a timed transcript does.

    .venv/bin/python benchmarks/companion_lookup.py [--corpus DIR] [--repeat 5]

For every transcript of the corpus (``../shared/corpus`` by default, folder by folder), the
outlines in its folder whose name or first line match it (``matching_outlines``) and the
companion it would get (``find_companion``), in one process as the indexer and the window do.
Reports the CPU time of one pass over all of them, median and slowest of ``--repeat`` passes
(the first pass included: it reads each folder's first lines).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reader.core.companions import find_companion, matching_outlines  # noqa: E402
from reader.core.library import walk_folder  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"{args.corpus} is not there")
        return 2
    files = [path for folder in sorted(args.corpus.iterdir()) if folder.is_dir()
             for path in walk_folder(folder).files]
    passes = []
    for _ in range(args.repeat):
        start = time.process_time()
        for path in files:
            matching_outlines(path)
            find_companion(path, [])
        passes.append((time.process_time() - start) * 1000)
    print(f"{len(files)} transcripts, one pass: CPU {statistics.median(passes):.0f} ms median, "
          f"{max(passes):.0f} ms slowest ({', '.join(f'{ms:.0f}' for ms in passes)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
