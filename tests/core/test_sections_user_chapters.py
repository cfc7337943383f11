"""The user's chapters: stored in the sidecar beside the highlights, merged into the one outline
with the source's or the automatic chapters, found again after the text is re-flowed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.annotations import AnnotationStore, sidecar_path
from reader.core.annotations.model import ForeignRecord
from reader.core.annotations.w3c import decode, decode_record
from reader.core.formats import load_transcript
from reader.core.model import ChapterKind
from reader.core.sections import UserChapter, with_user_chapters
from tests.conftest import EYE, LEX


@pytest.fixture
def eye(tmp_path: Path) -> Path:
    return Path(shutil.copy(EYE, tmp_path / EYE.name))


def test_user_chapters_round_trip_through_the_sidecar(eye: Path) -> None:
    transcript = load_transcript(eye)
    store = AnnotationStore(transcript)
    store.load()
    highlight = store.add_highlight(100, 130)
    block = transcript.blocks[30]
    mark = store.add_chapter(block.start + 12, "Scaling, in my words")
    store.rename_chapter(mark.id, "Scaling, as I see it")
    store.save()

    again = AnnotationStore(load_transcript(eye))
    again.load()
    assert [a.id for a in again.annotations()] == [highlight.id]  # not a highlight
    assert [(c.id, c.title, c.start) for c in again.user_chapters()] == [
        (mark.id, "Scaling, as I see it", block.start)]
    raw = json.loads(sidecar_path(eye).read_text(encoding="utf-8"))
    stored = next(a for a in raw["annotations"] if a["id"] == mark.id)
    assert (stored["motivation"], stored["tr:kind"]) == ("bookmarking", "chapter")
    assert stored["body"][0] == {"type": "TextualBody", "purpose": "describing",
                                 "value": "Scaling, as I see it"}

    again.delete(mark.id)
    again.save()
    third = AnnotationStore(load_transcript(eye))
    third.load()
    assert third.user_chapters() == []
    assert [a.id for a in third.annotations()] == [highlight.id]


def test_an_old_sidecar_without_chapters_still_loads(eye: Path) -> None:
    sidecar_path(eye).write_text(json.dumps({"annotations": [
        {"target": {"selector": {"type": "TextQuoteSelector", "exact": "changed the world"}},
         "body": {"type": "TextualBody", "value": "a note"}}]}), encoding="utf-8")
    store = AnnotationStore(load_transcript(eye))
    store.load()
    assert [a.note for a in store.annotations()] == ["a note"]
    assert store.user_chapters() == []


def test_a_version_that_knows_no_chapters_keeps_the_record_as_found(eye: Path) -> None:
    store = AnnotationStore(load_transcript(eye))
    store.load()
    mark = store.add_chapter(5000, "Mine")
    store.save()
    raw = json.loads(sidecar_path(eye).read_text(encoding="utf-8"))
    entry = next(a for a in raw["annotations"] if a["id"] == mark.id)
    # Without the chapter marker, the record has no selector a highlight reader uses: it is
    # kept verbatim, never shown as a highlight.
    unmarked = {k: v for k, v in entry.items() if k != "tr:kind"}
    assert isinstance(decode_record(unmarked), ForeignRecord)
    assert decode({"annotations": [entry]}).chapter_marks()[0].chapter == "Mine"


def test_user_chapters_merge_into_the_source_outline_in_reading_order() -> None:
    transcript = load_transcript(LEX)
    fourth = transcript.chapters[3]
    inside = transcript.blocks[fourth.block_index + 2]
    merged = with_user_chapters(transcript, [
        UserChapter("urn:uuid:1", "Before anything", 0),
        UserChapter("urn:uuid:2", "A detail I liked", inside.start + 5),
    ])
    kinds = [c.kind for c in merged.chapters]
    assert kinds.count(ChapterKind.USER) == 2
    assert kinds.count(ChapterKind.SOURCE) == 15
    assert [c.start for c in merged.chapters] == sorted(c.start for c in merged.chapters)
    index = merged.chapter_by_id("urn:uuid:2")
    assert index is not None and merged.chapters[index - 1].id == fourth.id
    assert merged.chapters[index].start == inside.start
    assert merged.text == transcript.text  # only the outline changes


def test_a_kept_automatic_section_is_listed_once_as_the_users(eye: Path) -> None:
    transcript = load_transcript(eye)
    section = transcript.chapters[2]
    merged = with_user_chapters(transcript, [UserChapter("urn:uuid:9", section.title,
                                                         section.start)])
    assert len(merged.chapters) == len(transcript.chapters)
    assert merged.chapters[2].kind is ChapterKind.USER
    assert merged.chapters[2].title == section.title
    # The others keep their ids: the sidebar, search and export name chapters by id.
    assert [c.id for c in merged.chapters if c.kind is ChapterKind.AUTO] == [
        c.id for i, c in enumerate(transcript.chapters) if i != 2]


def test_a_user_chapter_follows_its_words_when_the_text_is_reflowed(eye: Path) -> None:
    transcript = load_transcript(eye)
    store = AnnotationStore(transcript)
    store.load()
    block = transcript.blocks[40]
    mark = store.add_chapter(block.start, "Here")
    store.save()
    # The transcript is edited on disk: a line added at the top moves every offset.
    eye.write_text("A note added above.\n\n" + eye.read_text(encoding="utf-8"),
                   encoding="utf-8")
    changed = load_transcript(eye)
    again = AnnotationStore(changed)
    again.load()
    [chapter] = again.user_chapters()
    assert chapter.id == mark.id
    assert changed.text[chapter.start:].startswith(block.text[:40])


def test_chapters_json_lists_the_users_chapters_with_their_kind(eye: Path) -> None:
    transcript = load_transcript(eye)
    store = AnnotationStore(transcript)
    store.load()
    store.add_chapter(transcript.blocks[50].start, "My turning point")
    store.save()
    result = subprocess.run([sys.executable, "-m", "reader", "chapters", str(eye), "--json"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    kinds = {c["title"]: c["kind"] for c in json.loads(result.stdout)["chapters"]}
    assert kinds["My turning point"] == "user"
    assert set(kinds.values()) == {"auto", "user"}


def test_merging_the_users_chapters_again_lists_each_once(eye: Path) -> None:
    transcript = load_transcript(eye)
    automatic = transcript.chapters[3]
    users = [UserChapter("u1", "Why compute clusters mattered", transcript.blocks[40].start),
             UserChapter("u2", "Kept as mine", automatic.start)]
    merged = with_user_chapters(transcript, users)
    again = with_user_chapters(merged, users)
    assert again.chapters == merged.chapters
    assert [c.title for c in again.chapters].count("Why compute clusters mattered") == 1
    # A chapter the user deleted since is gone from the outline merged anew.
    fewer = with_user_chapters(merged, users[:1])
    assert [c.id for c in fewer.chapters if c.kind is ChapterKind.USER] == ["u1"]
