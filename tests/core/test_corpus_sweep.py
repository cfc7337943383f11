"""Every file of the shared corpus opens as a transcript or is refused in one line naming it:
no reader ever fails on a real file with another exception (which the app would show as a
traceback, and which would stop a library scan or an index run).

Per-file numbers (reader, paragraphs, speakers, timed paragraphs, chapters, parse time) come
from ``benchmarks/corpus_sweep.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.errors import TranscriptError
from reader.core.formats import load_transcript

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

if not CORPUS.is_dir():
    pytest.skip(f"no shared test corpus at {CORPUS} (a fresh clone has none)",
                allow_module_level=True)

FILES = sorted(path for path in CORPUS.rglob("*") if path.is_file())


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(CORPUS)) for p in FILES])
def test_a_corpus_file_opens_or_is_refused_in_one_line(path: Path) -> None:
    try:
        transcript = load_transcript(path)
    except TranscriptError as error:
        message = str(error)
        assert "\n" not in message and message.startswith(str(path)), message
        return
    assert transcript.title.strip()
    assert any(block.text.strip() for block in transcript.blocks), "opened with nothing to read"


def test_the_corpus_is_there() -> None:
    # A corpus folder that is present but empty would make every check above vacuous.
    assert len(FILES) > 400
