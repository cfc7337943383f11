"""The promise of the raw-text reader, on every real transcript in the shared corpus: reflowing
changes only whitespace, so the display text has exactly the source's words, in order.

The source's words are those of the decoded text (line endings normalised, BOM dropped): a
title line and front matter stay in the display text as blocks of their own, a title made from
the file name is not in it, and no word is ever cut apart ("...not", "yourself.And").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.errors import TranscriptError
from reader.core.formats import load_transcript, rawtext, read_source

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

if not CORPUS.is_dir():
    pytest.skip(f"no shared test corpus at {CORPUS} (a fresh clone has none)",
                allow_module_level=True)

FILES = sorted(path for path in CORPUS.rglob("*") if path.is_file())


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(CORPUS)) for p in FILES])
def test_display_text_has_the_source_words_in_order(path: Path) -> None:
    try:
        transcript = load_transcript(path)
    except TranscriptError as error:
        pytest.skip(f"not opened at all: {error}")
    if transcript.format != rawtext.NAME:
        pytest.skip(f"read by the {transcript.format} reader")
    source_words = read_source(path).text.split()
    display_words = transcript.text.split()
    if display_words != source_words:
        at = next((i for i, (a, b) in enumerate(zip(source_words, display_words, strict=False))
                   if a != b), min(len(source_words), len(display_words)))
        pytest.fail(f"word {at}: source {source_words[at:at + 4]} "
                    f"became {display_words[at:at + 4]}")


def test_the_corpus_is_there() -> None:
    # A corpus folder that is present but empty would make every check above vacuous.
    assert len(FILES) > 400
