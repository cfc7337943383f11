"""The format readers on files built to be slow, just under the 1.5 MB limit.

    .venv/bin/python benchmarks/hostile_formats.py [--repeat N]

Each case is recognised and read in this process (CPU time, median and p95 in seconds): runs of
unclosed Markdown marks, brackets or spaces that a backtracking pattern would scan again from
every position, and files of hundreds of thousands of tiny turns (the most blocks a file can
make): one-word Markdown turns, speaker lines, and subtitle files of tens of thousands of cues.
The blocks column is what the window would then lay out.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from timing import timed  # noqa: E402 (benchmarks/ is the script's folder)

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reader.core.formats import SourceText, recognise  # noqa: E402

SIZE = 1_400_000


def _clock(second: int) -> str:
    return f"{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}"


def _vtt_cues(count: int) -> str:
    return "WEBVTT\n\n" + "".join(f"{_clock(n)}.000 --> {_clock(n + 1)}.000\nw{n}\n\n"
                                   for n in range(count))


def _srt_cues(count: int) -> str:
    return "".join(f"{n + 1}\n{_clock(n)},000 --> {_clock(n + 1)},000\nHere we go, {n}.\n\n"
                   for n in range(count))


CASES = {
    "heading with a run of spaces": "# a" + " " * SIZE + "b\n# b\n",
    "unclosed [ brackets": "## x\n## y\n" + "[" * SIZE + "](x)",
    "unclosed <http: autolinks": "## x\n## y\n" + "<http:" * (SIZE // 6),
    "unclosed ** marks": "## x\n## y\n" + "**a " * (SIZE // 4),
    "escaped stamps in one paragraph": "## x\n## y\n" + "\\[12:34\\] a " * (SIZE // 12),
    "links in one paragraph": "## x\n## y\n" + "[a](b) " * (SIZE // 7),
    "tiny **A:** turns": "**A:** b\n" * (SIZE // 9),
    "lexfridman.com turns": "Lex Fridman [(00:00:00)](https://x&t=0) hi\n\n" * (SIZE // 45),
    "tiny [Speaker 1] [00:00] lines": "[Speaker 1] [00:00] hi\n" * (SIZE // 23),
    "tiny Ann: lines": "Ann: hi\n" * (SIZE // 8),
    "only newlines": "\n" * SIZE + "a",
    "37k one-word WebVTT cues": _vtt_cues(SIZE // 38),
    "25k SubRip cues": _srt_cues(SIZE // 55),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="", help="the cases whose name holds this text")
    args = parser.parse_args()
    print("| file (1.4 MB) | reader | blocks | median s | p95 s |")
    print("|---|---|---:|---:|---:|")
    for name, text in CASES.items():
        if args.only not in name:
            continue
        source = SourceText(Path("hostile.txt"), text, "")
        reader, parsed = recognise(source)
        if reader.name == "raw-text":
            print(f"| {name} | (raw text) | – | – | – |")
            continue
        blocks = len(reader.read(parsed).blocks)

        def parse(source: SourceText = source) -> object:
            found, parsed = recognise(source)
            return found.read(parsed)

        median, p95 = timed(parse, args.repeat, clock=time.process_time)
        print(f"| {name} | {reader.name} | {blocks:,} | {median / 1000:.2f} | {p95 / 1000:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
