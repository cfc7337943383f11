"""Hostile-input findings: a transcript whose (valid) file name is long cannot keep notes."""

from __future__ import annotations

from pathlib import Path

from reader.core.annotations import AnnotationStore
from reader.core.formats import load_transcript
from tests.conftest import LEX


def test_a_transcript_named_with_70_japanese_characters_saves_only_its_first_highlight(
        tmp_path: Path) -> None:
    """A 70-character Japanese episode title (214 bytes with ".txt") is well within the 255-byte limit, and
    the transcript opens. The first save works; every later one fails with 'File name too long'
    because the backup's staging name (`.<name>.annotations.json.bak.<32 hex>.tmp`) adds 58
    bytes, so from then on no edit is saved (the fallback folder's name is longer still)."""
    name = "ポッドキャスト" * 10 + ".txt"  # 70 characters, 214 bytes in UTF-8
    assert len(name.encode()) < 255
    path = tmp_path / name
    path.write_bytes(LEX.read_bytes())
    store = AnnotationStore(load_transcript(path))
    store.load()
    for phrase in ("AlexNet origins", "Recurrent neural networks"):
        start = store.transcript.text.index(phrase)
        store.add_highlight(start, start + len(phrase))
        store.save()
    reread = AnnotationStore(load_transcript(path))
    reread.load()
    assert len(reread.annotations()) == 2
