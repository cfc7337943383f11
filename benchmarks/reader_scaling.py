"""Time to read a transcript grows linearly with its size: load_transcript on 1, 2, 4, 8 MB.

    .venv/bin/python benchmarks/reader_scaling.py [--repeat N] [--sizes MB,MB,...]

Two kinds of raw text, both made from the bundled Eye on AI interview repeated to size, and an
outline made from the bundled Lex Fridman chapters repeated to size:
  unpunctuated  one line, lower case, no punctuation: an auto-caption dump (the worst case for
                the sentence splitter and the long-sentence cutter)
  punctuated    the interview as it is: hard-wrapped lines, sentences, speaker gaps
  outline       timed chapters with summaries and bullets (the chapter-outline reader)
For each kind and size it prints the median and p95 of N runs of load_transcript (milliseconds)
and its median per megabyte, beside the median per megabyte of decoding alone (read_source, the
floor every reader pays): flat ms/MB columns are linear time.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reader.core.formats import decode, load_transcript, read_source  # noqa: E402

SOURCE = REPO / "resources" / "transcripts" / "eye-on-ai-ilya-sutskever.txt"
OUTLINE = REPO / "resources" / "transcripts" / "lex-fridman-94-ilya-sutskever-chapters.txt"
MB = 2**20


def unpunctuated(size: int) -> str:
    words = re.sub(r"[^\w\s']", " ", SOURCE.read_text(encoding="utf-8")).lower().split()
    line = " " + " ".join(words)
    return (line * (size // len(line) + 1))[:size].rsplit(" ", 1)[0]


def punctuated(size: int) -> str:
    text = SOURCE.read_text(encoding="utf-8")
    return (text * (size // len(text) + 1))[:size].rsplit("\n", 1)[0] + "\n"


def outline(size: int) -> str:
    title, chapters = OUTLINE.read_text(encoding="utf-8").split("\n", 1)
    return title + "\n" + (chapters * (size // len(chapters) + 1))[:size].rsplit("\n", 1)[0]


def timed(load: Callable[[Path], object], path: Path, repeat: int) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        load(path)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default="1,2,4,8", help="megabytes, comma-separated")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    # The readers are measured past the file-size limit too: it may change, linearity may not.
    decode.MAX_BYTES = max(decode.MAX_BYTES, int(max(sizes) * MB) + MB)
    print(f"{'text':14} {'MB':>5} {'median ms':>10} {'p95 ms':>9} {'ms/MB':>8} "
          f"{'decode ms/MB':>13}")
    with tempfile.TemporaryDirectory() as folder:
        for kind, make in (("unpunctuated", unpunctuated), ("punctuated", punctuated),
                           ("outline", outline)):
            for size in sizes:
                path = Path(folder) / f"{kind}-{size:g}mb.txt"
                path.write_text(make(int(size * MB)), encoding="utf-8")
                expected = "chapter-outline" if kind == "outline" else "raw-text"
                assert load_transcript(path).format == expected, (kind, expected)
                megabytes = path.stat().st_size / MB
                median, p95 = timed(load_transcript, path, args.repeat)
                decoding, _ = timed(read_source, path, args.repeat)
                print(f"{kind:14} {megabytes:5.1f} {median:10.0f} {p95:9.0f} "
                      f"{median / megabytes:8.0f} {decoding / megabytes:13.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
