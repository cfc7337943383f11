"""How long saving and loading highlights takes with 2,000 of them on a ~150 KB transcript.

    .venv/bin/python benchmarks/annotations_save.py [--repeat N] [--count N] [TRANSCRIPT]

Timed N times each (median and p95, milliseconds), in one run:
  save one change        update one highlight's note, then save: lock, stamp check, encode,
                         temp file + fsync, backup link, rename, fsync of the folder
  save after another     the same when another writer saved in between (re-read and merge)
  plain json.dump        the same document written with open("w") + json.dump: no temp file,
                         no fsync, no backup, no lock (what the safety costs, and what a crash
                         can tear); "json.dumps + write" is the same with the C encoder
  load + anchor          a new store reads the sidecar and anchors every highlight (offsets
                         hold: the display text is unchanged)
  load + re-anchor       the same after a paragraph was inserted at the top of the transcript
                         (every highlight is found again by its quote), and after every 7th
                         word was changed (most highlights need the fuzzy search)
Without TRANSCRIPT it uses the 163 KB Lex Fridman #407 transcript from ../shared/corpus when
present, else the bundled Eye on AI interview repeated to ~150 KB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from timing import timed  # noqa: E402 (benchmarks/ is the script's folder)

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reader.core.annotations import AnnotationStore  # noqa: E402
from reader.core.annotations.w3c import encode_record  # noqa: E402
from reader.core.formats import load_transcript  # noqa: E402
from reader.core.model import Transcript  # noqa: E402

CORPUS_FILE = (REPO.parent / "shared" / "corpus" / "md"
               / "lex-fridman-407-guillaume-verdon-lexfridman-com-markdown.txt")




def transcript_file(folder: Path, given: Path | None) -> Path:
    source = given or (CORPUS_FILE if CORPUS_FILE.is_file() else None)
    target = folder / (source.name if source else "eye-on-ai-x5.txt")
    if source:
        target.write_bytes(source.read_bytes())
    else:  # numbered copies keep most quotes unique
        eye = (REPO / "resources" / "transcripts" / "eye-on-ai-ilya-sutskever.txt").read_text()
        target.write_text("\n\n".join(f"Part {n}.\n\n{eye}" for n in range(5)), encoding="utf-8")
    return target


def fill(store: AnnotationStore, count: int) -> None:
    rng = random.Random(2000)
    blocks = [b for b in store.transcript.blocks if len(b.text) > 150]
    for number in range(count):
        block = rng.choice(blocks)
        start = block.start + rng.randrange(len(block.text) - 130)
        store.add_highlight(start, start + rng.randrange(20, 120),
                            color=rng.choice(["yellow", "green", "blue", "pink", "purple"]),
                            note=f"Note {number}: *why* this matters." if number % 3 == 0 else "",
                            tags=("idea",) if number % 5 == 0 else ())
    store.save()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("transcript", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--count", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["XDG_DATA_HOME"] = str(folder / "data")
        path = transcript_file(folder, args.transcript)
        transcript = load_transcript(path)
        store = AnnotationStore(transcript)
        store.load()
        fill(store, args.count)
        ids = [a.id for a in store.annotations()]
        other = AnnotationStore(transcript)
        other.load()
        rng = random.Random(7)

        def save_one_change() -> None:
            store.update(rng.choice(ids), note=f"edited {rng.random()}")
            store.save()

        def save_after_another_writer() -> None:
            other.update(rng.choice(ids), color=rng.choice(["green", "blue"]))
            other.save()  # not timed separately: the timed part below is the second save
            start = time.perf_counter()
            save_one_change()
            after_other.append((time.perf_counter() - start) * 1000)

        plain = folder / "plain.json"
        document = [encode_record(a, path.name) for a in store.annotations()]

        def plain_dump() -> None:
            document[rng.randrange(len(document))]["tr:color"] = rng.choice(["green", "blue"])
            with open(plain, "w", encoding="utf-8") as stream:
                json.dump({"annotations": document}, stream, ensure_ascii=False)

        def plain_dumps() -> None:
            document[rng.randrange(len(document))]["tr:color"] = rng.choice(["green", "blue"])
            with open(plain, "w", encoding="utf-8") as stream:
                stream.write(json.dumps({"annotations": document}, ensure_ascii=False))

        def load_and_anchor(target: Transcript) -> Callable[[], None]:
            def run() -> None:
                fresh = AnnotationStore(target, sidecar=store.path)
                result = fresh.load(write_back=False)
                assert result.orphaned == 0 or target is not transcript
            return run

        shifted_path = folder / f"shifted-{path.name}"
        shifted_path.write_text("A new opening paragraph.\n\n" + path.read_text("utf-8"),
                                encoding="utf-8")
        shifted = load_transcript(shifted_path)
        reworded_path = folder / f"reworded-{path.name}"
        words = path.read_text("utf-8").split(" ")
        reworded_path.write_text(" ".join(w.upper() if i % 7 == 0 else w
                                          for i, w in enumerate(words)), encoding="utf-8")
        reworded = load_transcript(reworded_path)

        after_other: list[float] = []
        results = {
            "save one change": timed(save_one_change, args.repeat),
            "plain json.dump (not atomic)": timed(plain_dump, args.repeat),
            "plain json.dumps + write": timed(plain_dumps, args.repeat),
        }
        timed(save_after_another_writer, args.repeat)
        after_other.sort()
        results["save after another writer"] = (
            statistics.median(after_other), after_other[int(len(after_other) * 0.95)])
        results["load + anchor (unchanged)"] = timed(load_and_anchor(transcript), args.repeat)
        results["load + re-anchor (text moved)"] = timed(load_and_anchor(shifted),
                                                        max(5, args.repeat // 5))
        results["load + re-anchor (1 word in 7 changed)"] = timed(load_and_anchor(reworded), 3)
        size = store.path.stat().st_size
        print(f"{path.name}: {len(transcript.text) / 1000:.0f} K characters; "
              f"{len(ids)} highlights; sidecar {size / 1024:.0f} KB")
        print(f"{'':40} {'median':>8} {'p95':>8}  (ms)")
        for name, (median, p95) in results.items():
            print(f"{name:40} {median:8.1f} {p95:8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
