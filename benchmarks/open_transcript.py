"""How long opening a transcript takes, per stage, on the bundled interviews and real files.

    .venv/bin/python benchmarks/open_transcript.py [--repeat N] [FILE ...]

Stages, each timed N times (median and p95, milliseconds):
  decode   bytes -> text (the floor: what any reader must pay)
  parse    decode + format detection + the reader (for raw text: reflow with sentence splitting)
  build    Transcript -> QTextDocument (offscreen Qt)
  layout   full document layout at a 900 px reading width
Without FILE arguments it uses the two bundled interviews plus, when ../shared/corpus is beside
the checkout, its plain-text files (the 91 KB single-line auto-caption file among them).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from timing import timed  # noqa: E402 (benchmarks/ is the script's folder)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from PySide6.QtWidgets import QApplication  # noqa: E402

from reader.core.formats import load_transcript, read_source  # noqa: E402
from reader.core.model import Transcript  # noqa: E402
from reader.ui.document_builder import build_document  # noqa: E402


def default_files() -> list[Path]:
    files = sorted((REPO / "resources" / "transcripts").glob("*.txt"))
    corpus = REPO.parent / "shared" / "corpus" / "txt"
    if corpus.is_dir():
        files += sorted(corpus.glob("*.txt"))
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    QApplication([])
    print(f"{'file':58} {'KB':>6}  {'decode':>13}  {'parse':>13}  {'build':>13}  {'layout':>13}")
    print(f"{'':58} {'':>6}  {'med / p95 ms':>13}  {'med / p95 ms':>13}  {'med / p95 ms':>13}"
          f"  {'med / p95 ms':>13}")
    for path in args.files or default_files():
        transcript = load_transcript(path)

        def layout(transcript: Transcript = transcript) -> None:
            document = build_document(transcript)
            document.setTextWidth(900)
            document.documentLayout().documentSize()

        results = [
            timed(lambda p=path: read_source(p), args.repeat),
            timed(lambda p=path: load_transcript(p), args.repeat),
            timed(lambda t=transcript: build_document(t), args.repeat),
            timed(layout, args.repeat),
        ]
        cells = "  ".join(f"{m:6.1f} /{p:6.1f}" for m, p in results)
        print(f"{path.name[:58]:58} {path.stat().st_size / 1024:6.0f}  {cells}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
