"""How opening time and memory grow with transcript size: the evidence for decode.MAX_BYTES.

    .venv/bin/python benchmarks/transcript_size_limit.py [--repeat N] [--sizes MB,MB,...]

For each size it writes a transcript of that many megabytes made of real text repeated (the
bundled hard-wrapped Eye on AI interview, so the raw-text reader reflows it with sentence
splitting, the slower of the two readers) and, in a fresh process per size, times
  parse    read + decode + format detection + the reader (load_transcript)
  layout   Transcript -> QTextDocument + full layout at a 900 px reading width
  total    parse + layout, one after the other, as opening a file in the window does
  CPU      the same as total, in CPU time: steadier than wall time on a busy machine
N times each (median and p95, milliseconds), and reports the process's peak memory (MB).
A 10-hour podcast transcript is about 1 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import timed  # noqa: E402 (benchmarks/ is the script's folder)

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "resources" / "transcripts" / "eye-on-ai-ilya-sutskever.txt"




def write_transcript(path: Path, megabytes: float) -> None:
    body = SOURCE.read_bytes()
    title, _, rest = body.partition(b"\n")
    wanted = int(megabytes * 2**20)
    parts = [title + b"\n"]
    size = len(parts[0])
    while size < wanted:
        parts.append(rest)
        size += len(rest)
    path.write_bytes(b"".join(parts)[:wanted])


def measure_one(path: Path, repeat: int) -> dict[str, object]:
    """Runs in a child process, so peak memory belongs to this size alone."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(REPO))
    from PySide6.QtWidgets import QApplication

    from reader.core.formats import decode, load_transcript
    from reader.ui.document_builder import build_document

    decode.MAX_BYTES = 2**40  # measure past the limit the app enforces

    app = QApplication([])  # noqa: F841 (kept alive while documents are laid out)

    def layout() -> None:
        document = build_document(load_transcript(path))
        document.setTextWidth(900)
        document.documentLayout().documentSize()

    transcript = load_transcript(path)

    def layout_only() -> None:
        document = build_document(transcript)
        document.setTextWidth(900)
        document.documentLayout().documentSize()

    return {
        "parse": timed(lambda: load_transcript(path), repeat),
        "layout": timed(layout_only, repeat),
        "total": timed(layout, repeat),
        "total_cpu": timed(layout, repeat, time.process_time),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--sizes", default="0.5,1,2,4,8,16")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_one(args.child, args.repeat)))
        return 0
    columns = ("parse", "layout", "total", "total_cpu")
    print(f"{'MB':>5}  " + "  ".join(f"{name:>15}" for name in ("parse", "layout", "total", "CPU"))
          + f"  {'peak RSS':>8}")
    print(f"{'':>5}  " + "  ".join(f"{'med / p95 ms':>15}" for _ in columns) + f"  {'MB':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for megabytes in (float(size) for size in args.sizes.split(",")):
            path = Path(folder) / f"transcript-{megabytes}MB.txt"
            write_transcript(path, megabytes)
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(path), "--repeat", str(args.repeat)],
                check=True, capture_output=True, text=True,
            ).stdout
            result = json.loads(out.strip().splitlines()[-1])
            cells = "  ".join(f"{result[k][0]:7.0f} /{result[k][1]:6.0f}"
                              for k in columns)
            print(f"{megabytes:5g}  {cells}  {result['peak_mb']:8.0f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
