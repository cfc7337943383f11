"""Opening hostile transcripts under the size limit, against a normal one of the same size.

    .venv/bin/python benchmarks/pathological_open.py [--repeat N] [--megabytes MB] [CASE ...]

Each case is written to a temporary file of MB megabytes (default: the 1.5 MB limit) and
measured in a fresh process, so its peak memory is its own. N times each (median and p95, ms):
  parse    read + decode + format detection + the reader (load_transcript)
  layout   Transcript -> QTextDocument + full layout at a 900 px reading width
  total    parse + layout, one after the other, as opening a file in the window does
  CPU      the same as total, in CPU time: steadier than wall time on a busy machine
and the number of blocks and the process's peak memory (MB).

Cases (CASE picks some; all by default):
  normal          the bundled Eye on AI interview repeated: the comparison
  sentence-lines  the same words, one sentence per line (what some speech-to-text tools write)
  unbroken-line   one line of "x": no break opportunity anywhere
  hex-words       hexadecimal "words" just under the document builder's unbreakable-run limit,
                  separated by spaces: the most Qt still wraps itself
  tiny-paragraphs "Hi." and a blank line, repeated
  tiny-runs       "Hi." lines with a larger gap after every second one
  short-lines     one short sentence per line, just long enough on average that the raw-text
                  reader keeps one paragraph per line: the most blocks a file of this size gets
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import timed  # noqa: E402 (benchmarks/ is the script's folder)

REPO = Path(__file__).resolve().parents[1]
EYE = REPO / "resources" / "transcripts" / "eye-on-ai-ilya-sutskever.txt"
# The limits the hex-words and short-lines cases stay just under or over; older code had none.
DEFAULT_UNBREAKABLE_RUN = 2_000
DEFAULT_FRAGMENT_CHARS = 40




def _repeat_to(unit: bytes, size: int) -> bytes:
    return (unit * (size // len(unit) + 1))[:size]


def _eye_body() -> tuple[bytes, bytes]:
    title, _, rest = EYE.read_bytes().partition(b"\n")
    return title + b"\n", rest


def _unbreakable_limit() -> int:
    sys.path.insert(0, str(REPO))
    from reader.ui import document_builder
    return int(getattr(document_builder, "UNBREAKABLE_RUN_CHARS", DEFAULT_UNBREAKABLE_RUN))


def _fragment_chars() -> int:
    sys.path.insert(0, str(REPO))
    from reader.core.formats import rawtext
    return int(getattr(rawtext, "FRAGMENT_CHARS", DEFAULT_FRAGMENT_CHARS))


def make_case(name: str, size: int) -> bytes:
    if name == "normal":
        title, rest = _eye_body()
        return title + _repeat_to(rest, size - len(title))
    if name == "sentence-lines":
        title, rest = _eye_body()
        text = " ".join(rest.decode("utf-8").split())
        lines = re.sub(r"([.?!]) (?=[A-Z])", "\\1\n", text).encode("utf-8") + b"\n"
        return title + _repeat_to(lines, size - len(title))
    if name == "unbroken-line":
        return b"x" * size
    if name == "hex-words":
        word = (b"0123456789abcdef" * 1_000)[: _unbreakable_limit() - 100]
        return _repeat_to(word + b" ", size)
    if name == "tiny-paragraphs":
        return _repeat_to(b"Hi.\n\n", size)
    if name == "tiny-runs":
        return _repeat_to(b"Hi.\n\nHi.\n\n\n", size)
    if name == "short-lines":
        line = b"We tried that and it worked"
        while len(line) + 1 <= _fragment_chars():
            line += b" yes"
        return _repeat_to(line + b".\n", size)
    raise SystemExit(f"unknown case {name!r}")


CASES = ("normal", "sentence-lines", "unbroken-line", "hex-words", "tiny-paragraphs",
         "tiny-runs", "short-lines")


def measure_one(path: Path, repeat: int) -> dict[str, object]:
    """Runs in a child process, so peak memory belongs to this case alone."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(REPO))
    from PySide6.QtWidgets import QApplication

    from reader.core.formats import load_transcript
    from reader.ui.document_builder import build_document

    app = QApplication([])  # noqa: F841 (kept alive while documents are laid out)
    transcript = load_transcript(path)

    def layout_only() -> None:
        document = build_document(transcript)
        document.setTextWidth(900)
        document.documentLayout().documentSize()

    def total() -> None:
        document = build_document(load_transcript(path))
        document.setTextWidth(900)
        document.documentLayout().documentSize()

    return {
        "parse": timed(lambda: load_transcript(path), repeat),
        "layout": timed(layout_only, repeat),
        "total": timed(total, repeat),
        "total_cpu": timed(total, repeat, time.process_time),
        "blocks": len(transcript.blocks),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("cases", nargs="*", default=list(CASES))
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--megabytes", type=float, default=1.5)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_one(args.child, args.repeat)))
        return 0
    columns = ("parse", "layout", "total", "total_cpu")
    headings = ("parse", "layout", "total", "CPU")
    print(f"{'case':16}  " + "  ".join(f"{name:>15}" for name in headings)
          + f"  {'blocks':>7}  {'peak RSS':>8}")
    print(f"{'':16}  " + "  ".join(f"{'med / p95 ms':>15}" for _ in columns)
          + f"  {'':>7}  {'MB':>8}")
    size = int(args.megabytes * 2**20)
    with tempfile.TemporaryDirectory() as folder:
        for name in args.cases:
            path = Path(folder) / f"{name}.txt"
            path.write_bytes(make_case(name, size))
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(path), "--repeat", str(args.repeat)],
                check=True, capture_output=True, text=True,
            ).stdout
            result = json.loads(out.strip().splitlines()[-1])
            cells = "  ".join(f"{result[k][0]:7.0f} /{result[k][1]:6.0f}" for k in columns)
            print(f"{name:16}  {cells}  {result['blocks']:7}  {result['peak_mb']:8.0f}",
                  flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
