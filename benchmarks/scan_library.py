"""How long listing a library folder takes: a first scan, and a rescan after one file changed.

    .venv/bin/python benchmarks/scan_library.py [--repeat N] [FOLDER ...]

The app rescans when its folder changes on disk (a sync tool, an editor). `full` describes every
file; `rescan` uses the entry cache after one file was touched; both run in the same process on
the same folder. Without FOLDER it uses ../shared/corpus/bulk/* beside the checkout. Each
folder is copied to a temporary folder first: the rescan changes a file's modification time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reader.core.library import EntryCache, scan_folder  # noqa: E402


def stats(samples: list[float]) -> str:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    return f"{statistics.median(samples):8.1f} / {p95:8.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    folders = args.folders or sorted((REPO.parent / "shared" / "corpus" / "bulk").glob("*"))
    if not folders:
        print("no folders given and ../shared/corpus/bulk is not beside the checkout")
        return 2
    print(f"{'folder':36} {'files':>6}  {'full (ms)':>19}  {'rescan (ms)':>19}")
    print(f"{'':36} {'':>6}  {'median / p95':>19}  {'median / p95':>19}")
    for original in folders:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / original.name
            shutil.copytree(original, folder)
            measure(folder, args.repeat)
    return 0


def measure(folder: Path, repeat: int) -> None:
    full: list[float] = []
    files = 0
    for _ in range(repeat):
        start = time.perf_counter()
        files = len(scan_folder(folder))
        full.append((time.perf_counter() - start) * 1000)
    cache = EntryCache()
    scan_folder(folder, cache)
    touched = next(p for p in sorted(folder.rglob("*")) if p.is_file())
    rescan: list[float] = []
    for i in range(repeat):
        # A new mtime on one file, as a sync tool writing it would leave.
        info = touched.stat()
        os.utime(touched, ns=(info.st_atime_ns, info.st_mtime_ns + 1000 * (i + 1)))
        start = time.perf_counter()
        scan_folder(folder, cache)
        rescan.append((time.perf_counter() - start) * 1000)
    print(f"{folder.name[:36]:36} {files:6d}  {stats(full):>19}  {stats(rescan):>19}")


if __name__ == "__main__":
    raise SystemExit(main())
