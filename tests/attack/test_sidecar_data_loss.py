"""Hostile-input findings: highlights that are lost for good (sidecar merging and decoding)."""

from __future__ import annotations

import json
from pathlib import Path

from reader.core.annotations import AnnotationStore
from reader.core.formats import load_transcript
from tests.conftest import LEX


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "talk.txt"
    target.write_bytes(LEX.read_bytes())
    return target


def _highlight(store: AnnotationStore, phrase: str, note: str) -> str:
    start = store.transcript.text.index(phrase)
    return store.add_highlight(start, start + len(phrase), note=note).id


def _exacts_everywhere(folder: Path) -> str:
    return "".join(p.read_text(errors="replace") for p in folder.glob("talk.txt.annotations*"))


def test_a_truncated_sidecar_makes_the_open_window_delete_its_newest_highlight(
        tmp_path: Path) -> None:
    """A window saved three highlights (the .bak then holds two). A sync tool or another
    program leaves the sidecar truncated; the window notices and reloads, as it does on every
    change on disk. The newest highlight, on screen and in memory, must survive: it is dropped
    as if 'removed by hand' because the backup (older) lacks it, and the write-back makes the
    loss permanent (the truncated copy set aside does not hold it either)."""
    path = _copy(tmp_path)
    store = AnnotationStore(load_transcript(path))
    store.load()
    for phrase in ("AlexNet origins", "Recurrent neural networks", "Why deep learning won"):
        _highlight(store, phrase, f"my note on {phrase}")
        store.save()
    sidecar = tmp_path / "talk.txt.annotations.json"
    data = sidecar.read_bytes()
    sidecar.write_bytes(data[: len(data) // 2])  # a torn write by another program

    assert store.changed_on_disk()
    store.load()  # what the window does when the watcher reports the change

    in_memory = {a.exact for a in store.annotations()}
    assert "Why deep learning won" in in_memory, (
        f"the open window dropped a highlight it held: {sorted(in_memory)}")
    assert "my note on Why deep learning won" in _exacts_everywhere(tmp_path)


def test_two_sidecar_entries_that_share_an_id_lose_one_silently(tmp_path: Path) -> None:
    """A hand-edited or other tool's sidecar where two different highlights carry the same id
    (a copy-paste). Merely listing them rewrites the file with one of them gone and no word
    said; the next save also replaces the .bak, the last copy of the lost note."""
    path = _copy(tmp_path)
    same = "urn:uuid:11111111-1111-1111-1111-111111111111"
    sidecar = tmp_path / "talk.txt.annotations.json"
    sidecar.write_text(json.dumps({"annotations": [
        {"id": same, "bodyValue": "first note",
         "target": {"selector": {"type": "TextQuoteSelector", "exact": "AlexNet origins"}}},
        {"id": same, "bodyValue": "second note, same id by mistake",
         "target": {"selector": {"type": "TextQuoteSelector",
                                 "exact": "Recurrent neural networks"}}},
    ]}), encoding="utf-8")

    messages: list[str] = []
    for _ in range(2):  # e.g. `annotations` twice, or opening the transcript twice
        store = AnnotationStore(load_transcript(path))
        messages += store.load().messages
        store.save()

    notes = {a.note for a in store.annotations()}
    kept = "second note, same id by mistake" in sidecar.read_text(encoding="utf-8")
    assert kept or any("same id" in m or "duplicate" in m for m in messages), (
        f"a highlight vanished without a word; left: {sorted(notes)}")
