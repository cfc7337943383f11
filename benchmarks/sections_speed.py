"""CPU time of parsing the corpus with and without automatic sections (and of their titles).

    .venv/bin/python benchmarks/sections_speed.py [--repeat N] [CORPUS]

Every transcript file of ``../shared/corpus/`` (as a library scan picks them) is parsed as
``load_transcript`` does, N times; per run, CPU time of this process, in seconds over the
whole corpus:
  parse      decoding, the reader and companion files: the parse without automatic sections
  sections   ``with_auto_chapters`` on the parsed transcript (what every load and every
             search-index build adds)
  titles     of which naming the sections (``section_title`` and ``topic_title``)
  total      parse + sections
Median and slowest of the N runs. Automatic sections are the same in every run; their count
is printed so that two versions can be seen to do the same work.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reader.core.companions import with_companions  # noqa: E402
from reader.core.errors import TranscriptError  # noqa: E402
from reader.core.formats import read_source, recognise  # noqa: E402
from reader.core.library import is_candidate  # noqa: E402
from reader.core.model import ChapterKind, Transcript  # noqa: E402
from reader.core.sections import outline  # noqa: E402


class TitleClock:
    """CPU seconds spent in the title functions ``outline`` calls."""

    def __init__(self) -> None:
        self.seconds = 0.0
        for name in ("section_title", "topic_title"):
            setattr(outline, name, self._timed(getattr(outline, name)))

    def _timed(self, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds += time.process_time() - start
        return timed


def parsed(path: Path) -> Transcript | None:
    """``path`` read as ``load_transcript`` reads it, without automatic sections."""
    source = read_source(path)
    reader, text = recognise(source)
    try:
        transcript = reader.read(text)
    except reader.input_errors:
        return None
    notes = tuple(getattr(source, "notes", ())) + transcript.notes
    transcript = dataclasses.replace(transcript, reader_version=reader.version_tag, notes=notes)
    return with_companions(path, transcript)


def one_run(paths: list[Path], titles: TitleClock) -> tuple[float, float, float, int]:
    """(parse, sections, titles) CPU seconds and the number of automatic sections."""
    parse = sections = 0.0
    titles.seconds = 0.0
    count = 0
    for path in paths:
        start = time.process_time()
        try:
            transcript = parsed(path)
        except TranscriptError:
            transcript = None
        middle = time.process_time()
        parse += middle - start
        if transcript is None:
            continue
        result = outline.with_auto_chapters(transcript)
        sections += time.process_time() - middle
        count += sum(c.kind is ChapterKind.AUTO for c in result.chapters)
    return parse, sections, titles.seconds, count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 1
    paths = sorted(p for p in args.corpus.rglob("*") if is_candidate(p))
    size = sum(p.stat().st_size for p in paths) / 1e6
    titles = TitleClock()
    runs = [one_run(paths, titles) for _ in range(args.repeat)]
    print(f"{len(paths)} files, {size:.1f} MB, {runs[0][3]} automatic sections, "
          f"{args.repeat} runs (CPU seconds: median, slowest)")
    for column, name in enumerate(("parse", "sections", "titles")):
        values = [run[column] for run in runs]
        print(f"  {name:<9} {statistics.median(values):7.2f} {max(values):7.2f}")
    totals = [run[0] + run[1] for run in runs]
    print(f"  {'total':<9} {statistics.median(totals):7.2f} {max(totals):7.2f}  "
          f"({size / statistics.median(totals):.2f} MB/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
