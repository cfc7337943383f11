"""Search names the chapter a hit is in, as the sidebar does: the user's own chapters and the
chapters of a companion file beside a timed transcript, kept up to date when either changes;
a hit in a long paragraph of cues carries the time of the cue it starts at."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.annotations import AnnotationStore
from reader.core.companions import write_choice
from reader.core.formats import load_transcript
from reader.core.search import Hit, SearchIndex
from tests.conftest import EYE, LEX
from tests.core.test_search_support import add_note

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
VTT = FIXTURES / "podcastindex" / "example-transcript.vtt"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
VTT_94 = CORPUS / "vtt" / "lex-fridman-094-ilya-sutskever-whisper-large.vtt"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    shutil.copy(EYE, folder / EYE.name)
    return folder


@pytest.fixture
def index(library: Path, tmp_path: Path) -> Iterator[SearchIndex]:
    index = SearchIndex(library, tmp_path / "index")
    index.update()
    yield index
    index.close()


def first_hit(index: SearchIndex, query: str) -> Hit:
    hits = index.search(query).hits
    assert hits, f"nothing found for {query}"
    return hits[0]


def phrase_of_block(path: Path, block_index: int) -> tuple[int, str]:
    """(the block's start, a phrase query for its first words)."""
    block = load_transcript(path).blocks[block_index]
    words = [w.strip(".,?!;:\"“”") for w in block.text.split()[:8]]
    return block.start, '"' + " ".join(w for w in words if w) + '"'


# --- the user's chapters ----------------------------------------------------------------------


def test_a_passage_under_a_user_chapter_names_it_and_follows_rename_and_delete(
        index: SearchIndex, library: Path) -> None:
    path = library / EYE.name
    start, phrase = phrase_of_block(path, 30)
    before = first_hit(index, phrase)
    assert before.chapter_title != "My own chapter"

    store = AnnotationStore(load_transcript(path))
    store.load()
    mark = store.add_chapter(start, "My own chapter")
    store.save()
    report = index.update()
    assert report.changed == [path]  # the passages, not only the notes
    hit = first_hit(index, phrase)
    assert (hit.chapter_title, hit.chapter_id, hit.start) == ("My own chapter", mark.id, start)
    assert first_hit(index, 'chapter:"my own chapter"').path == path

    store.rename_chapter(mark.id, "Renamed by me")
    store.save()
    assert index.update().changed == [path]
    assert first_hit(index, phrase).chapter_title == "Renamed by me"
    assert not index.search('chapter:"my own chapter"').hits

    store.delete(mark.id)
    store.save()
    assert index.update().changed == [path]
    assert first_hit(index, phrase).chapter_title == before.chapter_title


def test_a_note_saved_beside_unchanged_user_chapters_re_indexes_only_the_notes(
        index: SearchIndex, library: Path) -> None:
    path = library / EYE.name
    start, phrase = phrase_of_block(path, 30)
    store = AnnotationStore(load_transcript(path))
    store.load()
    store.add_chapter(start, "My own chapter")
    store.save()
    index.update()

    block = load_transcript(path).blocks[30]
    add_note(path, block.text[:40], note="zanzibar remark")
    report = index.update()
    assert (report.changed, report.notes) == ([], [path])
    note = first_hit(index, "zanzibar")
    assert (note.kind, note.chapter_title) == ("note", "My own chapter")
    assert first_hit(index, phrase).chapter_title == "My own chapter"


# --- a companion chapters file ----------------------------------------------------------------


def write_chapters(path: Path, second_title: str) -> None:
    chapters = {"version": "1.2.0", "chapters": [
        {"startTime": 0, "title": "Trailers"}, {"startTime": 19, "title": second_title}]}
    path.write_text(json.dumps(chapters), encoding="utf-8")


def test_a_companion_file_appearing_changing_or_unpaired_re_indexes_the_transcript(
        tmp_path: Path) -> None:
    library = tmp_path / "talks"
    library.mkdir()
    talk = library / "talk.vtt"
    talk.write_bytes(VTT.read_bytes())
    query = '"breaking through careers"'
    with SearchIndex(library, tmp_path / "index") as index:
        index.update()
        assert first_hit(index, query).chapter_title != "Gillian asks"

        write_chapters(library / "talk.chapters.json", "Gillian asks")
        assert index.update().changed == [talk]
        assert first_hit(index, query).chapter_title == "Gillian asks"
        assert index.update().changed == []  # nothing more to do

        write_chapters(library / "talk.chapters.json", "Gillian's question")
        assert index.update().changed == [talk]
        assert first_hit(index, query).chapter_title == "Gillian's question"

        write_choice(talk, None)  # the user says: no outline for this one
        assert index.update().changed == [talk]
        assert first_hit(index, query).chapter_title is None

        (library / "talk.vtt.pairing").unlink()
        assert index.update().changed == [talk]
        assert first_hit(index, query).chapter_title == "Gillian's question"

        (library / "talk.chapters.json").unlink()
        assert index.update().changed == [talk]
        assert first_hit(index, query).chapter_title is None


def test_a_companion_file_rewritten_with_the_same_chapters_does_not_re_index_the_transcript(
        tmp_path: Path) -> None:
    library = tmp_path / "talks"
    library.mkdir()
    talk = library / "talk.vtt"
    talk.write_bytes(VTT.read_bytes())
    chapters = library / "talk.chapters.json"
    write_chapters(chapters, "Gillian asks")
    query = '"breaking through careers"'
    with SearchIndex(library, tmp_path / "index") as index:
        index.update()
        data = json.loads(chapters.read_text("utf-8"))
        chapters.write_text(json.dumps(data, indent=2), encoding="utf-8")  # other bytes
        report = index.update()
        assert (report.changed, report.notes, report.unchanged) == ([], [], 1)
        assert first_hit(index, query).chapter_title == "Gillian asks"
        assert index.update().changed == []

        write_chapters(chapters, "Gillian's question")  # now the chapters change
        assert index.update().changed == [talk]
        assert first_hit(index, query).chapter_title == "Gillian's question"


@pytest.mark.skipif(not VTT_94.is_file(), reason=f"no shared test corpus at {CORPUS}")
def test_an_edited_outline_is_read_again_but_not_the_captions_it_gives_the_same_chapters(
        tmp_path: Path) -> None:
    library = tmp_path / "lex"
    library.mkdir()
    captions = Path(shutil.copy(VTT_94, library / VTT_94.name))
    outline = Path(shutil.copy(LEX, library / LEX.name))
    with SearchIndex(library, tmp_path / "index") as index:
        index.update()
        with outline.open("a", encoding="utf-8") as stream:
            stream.write("\n\n")  # the outline's file changed, not its chapters
        report = index.update()
        assert (report.changed, report.unchanged) == ([outline], 1)
        hits = [hit for hit in index.search('chapter:"double descent" bigger', 50).hits
                if hit.path == captions]
        assert hits and {hit.chapter_title for hit in hits} == {
            "Deep Double Descent: when bigger models get worse before they get better"}

        text = outline.read_text("utf-8")
        outline.write_text(text.replace("Deep Double Descent", "Double Descent, deeply"),
                           "utf-8")
        report = index.update()
        assert sorted(report.changed) == sorted([outline, captions])
        hits = [hit for hit in index.search('chapter:"double descent" bigger', 50).hits
                if hit.path == captions]
        assert hits and {hit.chapter_title for hit in hits} == {
            "Double Descent, deeply: when bigger models get worse before they get better"}


@pytest.mark.skipif(not VTT_94.is_file(), reason=f"no shared test corpus at {CORPUS}")
def test_an_outline_the_user_picked_under_another_name_is_followed_when_edited_or_removed(
        tmp_path: Path) -> None:
    library = tmp_path / "lex"
    library.mkdir()
    captions = Path(shutil.copy(VTT_94, library / "talk.vtt"))
    notes = library / "notes.txt"  # no name or title in common with the captions
    notes.write_text("My notes\n" + LEX.read_text("utf-8").split("\n", 1)[1], "utf-8")
    write_choice(captions, notes)  # what View ▸ Outline or `chapters --outline` saves

    def chapters_of_captions(index: SearchIndex) -> set[str | None]:
        return {hit.chapter_title for hit in index.search("alexnet", 50).hits
                if hit.path == captions}

    with SearchIndex(library, tmp_path / "index") as index:
        index.update()
        assert any(t and t.startswith("AlexNet origins") for t in chapters_of_captions(index))
        notes.write_text(notes.read_text("utf-8").replace("AlexNet origins", "ZEBRA origins"),
                         "utf-8")
        assert sorted(index.update().changed) == sorted([notes, captions])
        titles = chapters_of_captions(index)
        assert any(t and t.startswith("ZEBRA origins") for t in titles), titles
        assert not any(t and t.startswith("AlexNet origins") for t in titles)
        notes.unlink()
        report = index.update()
        assert report.removed == [notes] and report.changed == [captions]
        assert not any(t and t.startswith("ZEBRA origins") for t in chapters_of_captions(index))


@pytest.mark.skipif(not VTT_94.is_file(), reason=f"no shared test corpus at {CORPUS}")
def test_an_outline_of_the_same_episode_added_beside_captions_gives_their_hits_its_chapters(
        tmp_path: Path) -> None:
    library = tmp_path / "lex"
    library.mkdir()
    captions = Path(shutil.copy(VTT_94, library / VTT_94.name))
    with SearchIndex(library, tmp_path / "index") as index:
        index.update()
        assert not index.search('chapter:"double descent"').hits

        shutil.copy(LEX, library / LEX.name)  # pairs by name: episode 94, lex, fridman…
        report = index.update()
        assert (report.added, report.changed) == ([library / LEX.name], [captions])
        hits = [hit for hit in index.search('chapter:"double descent" bigger', 50).hits
                if hit.path == captions]
        assert hits and {hit.chapter_title for hit in hits} == {
            "Deep Double Descent: when bigger models get worse before they get better"}
        assert all(36 * 60 + 5 <= (hit.time or 0) < 41 * 60 + 20 for hit in hits)


@pytest.mark.skipif(not VTT_94.is_file(), reason=f"no shared test corpus at {CORPUS}")
def test_a_file_of_the_library_rewritten_as_the_outline_and_then_removed_re_indexes_the_captions(
        tmp_path: Path) -> None:
    library = tmp_path / "lex"
    library.mkdir()
    captions = Path(shutil.copy(VTT_94, library / VTT_94.name))
    notes = library / "notes.txt"  # its name matches nothing: its title line will
    notes.write_text("Some notes\n\nNothing to do with any episode.\n", "utf-8")
    with SearchIndex(library, tmp_path / "index") as index:
        index.update()
        notes.write_text(LEX.read_text("utf-8"), "utf-8")
        assert sorted(index.update().changed) == sorted([captions, notes])
        assert [hit for hit in index.search('chapter:"double descent" bigger', 50).hits
                if hit.path == captions]

        notes.unlink()
        report = index.update()
        assert (report.changed, report.removed) == ([captions], [notes])
        assert not index.search('chapter:"double descent"').hits


# --- times of cues ----------------------------------------------------------------------------


def long_subtitles(path: Path, word: str, at_cue: int) -> float:
    """Forty three-second cues of one speaker (read as one or two long paragraphs), ``word``
    in cue ``at_cue``; returns that cue's start time."""
    lines = []
    for number in range(40):
        start = number * 3
        said = word if number == at_cue else f"topic{number}"
        lines += [str(number + 1),
                  f"00:{start // 60:02d}:{start % 60:02d},000 --> "
                  f"00:{(start + 3) // 60:02d}:{(start + 3) % 60:02d},000",
                  f"and then we talked about the {said} thing for a while", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return float(at_cue * 3)


def test_a_hit_deep_in_a_long_paragraph_of_cues_has_a_nearby_cue_s_time(tmp_path: Path) -> None:
    library = tmp_path / "subtitles"
    library.mkdir()
    cue_time = long_subtitles(library / "long.srt", "zeppelin", 22)
    transcript = load_transcript(library / "long.srt")
    assert transcript.blocks[0].start_time == 0.0 and len(transcript.blocks[0].text) > 1000
    with SearchIndex(library, tmp_path / "index") as index:
        index.update()
        hit = first_hit(index, "zeppelin")
    assert hit.time == transcript.time_at(hit.start)
    assert cue_time - 20 <= hit.time <= cue_time  # not the paragraph's 0:00
    assert "zeppelin" in transcript.text[hit.start:hit.end]
