"""What one transcript puts into the index, and the engine adapter's own shortcuts."""

from __future__ import annotations

from pathlib import Path

from reader.core.formats import load_transcript
from reader.core.model import BlockKind, BlockSpec, ChapterSpec, build_transcript
from reader.core.search import SearchIndex, engine
from reader.core.search import documents as docs
from reader.core.search.engine import index_schema as engine_schema
from reader.core.search.engine import queries as engine_queries
from reader.core.search.engine import writer as engine_writer
from tests.conftest import EYE, LEX

SHORT = "Yeah."


def transcript_with_speakers(path: Path) -> object:
    blocks = [
        BlockSpec(BlockKind.TITLE, "A talk"),
        BlockSpec(BlockKind.HEADING, "Opening", start_time=0.0),
        BlockSpec(BlockKind.PARAGRAPH, SHORT, start_time=1.0, speaker="Craig Smith"),
        BlockSpec(BlockKind.PARAGRAPH, "Right, so tell me about quokkas.", start_time=2.0,
                  speaker="Craig Smith"),
        BlockSpec(BlockKind.PARAGRAPH, "Quokkas smile a lot.", start_time=3.0,
                  speaker="Ilya Sutskever"),
        BlockSpec(BlockKind.HEADING, "Later", start_time=60.0),
        BlockSpec(BlockKind.PARAGRAPH, "x " * 150, start_time=61.0, speaker="Ilya Sutskever"),
        BlockSpec(BlockKind.PARAGRAPH, "After a long one.", start_time=70.0,
                  speaker="Ilya Sutskever"),
    ]
    return build_transcript(title="A talk", show=None, format="test", source=path,
                            fingerprint="f", blocks=blocks,
                            chapters=[ChapterSpec("Opening", 1), ChapterSpec("Later", 5)],
                            reader_version="test/1")


def test_short_paragraphs_join_within_one_speaker_and_chapter(tmp_path: Path) -> None:
    transcript = transcript_with_speakers(tmp_path / "talk.txt")
    passages = list(docs.passage_documents(transcript, "k"))  # type: ignore[arg-type]
    texts = [p.data["text"] for p in passages]
    assert texts[:3] == ["A talk", "Opening", f"{SHORT}\nRight, so tell me about quokkas."]
    assert texts[3] == "Quokkas smile a lot."  # another speaker: a passage of its own
    assert texts[4] == "Later"  # another chapter
    assert texts[5].startswith("x x") and texts[6] == "After a long one."  # long enough
    joined = passages[2]
    text = transcript.text  # type: ignore[attr-defined]
    assert text[joined.data["start"]:joined.data["end"]] == joined.data["text"]
    assert (joined.data["time"], joined.data["speaker"]) == (1.0, "Craig Smith")


def test_the_chapter_outline_gives_one_passage_per_heading_summary_and_bullet() -> None:
    transcript = load_transcript(LEX)
    passages = list(docs.passage_documents(transcript, "k"))
    kinds = [b.kind for b in transcript.blocks if b.kind is not BlockKind.TIMESPAN]
    assert len(passages) == len(kinds) == 99
    assert all(transcript.text[p.data["start"]:p.data["end"]] == p.data["text"]
               for p in passages)


def test_speaker_search_finds_what_one_speaker_said(tmp_path: Path) -> None:
    transcript = transcript_with_speakers(tmp_path / "talk.txt")
    folder = tmp_path / "index"
    folder.mkdir()
    engine.create(folder)
    index = engine.Engine(folder)
    writer = index.writer(False)
    key = docs.transcript_key(str(tmp_path / "talk.txt"))
    for document in docs.passage_documents(transcript, key):  # type: ignore[arg-type]
        writer.add(document)
    writer.add(docs.record_document(docs.TranscriptRecord(
        path=str(tmp_path / "talk.txt"), size=1, mtime_ns=1, title="A talk")))
    writer.commit()
    index.close()
    with SearchIndex(tmp_path, folder) as search:
        by_speaker = search.search("speaker:craig quokkas").hits
        assert [h.snippet.plain for h in by_speaker] == [f"{SHORT} Right, so tell me about "
                                                         f"quokkas."]
        assert by_speaker[0].speaker == "Craig Smith" and by_speaker[0].time == 1.0
        assert [h.speaker for h in search.search("quokkas -speaker:craig").hits] == [
            "Ilya Sutskever"]


def test_the_engine_s_shortcuts_find_and_score_as_whoosh_does(tmp_path: Path) -> None:
    # Field lengths read once and the quicker phrase test, against a plain Whoosh searcher
    # (lengths read from the file each time) running Whoosh's own phrase query.
    library = tmp_path / "library"
    library.mkdir()
    for source in (LEX, EYE):
        (library / source.name).write_bytes(source.read_bytes())
    with SearchIndex(library, tmp_path / "index") as search:
        search.update()
        ours = engine.Engine(tmp_path / "index")
        plain = engine_schema.open_index(tmp_path / "index")
        with plain.searcher() as theirs:
            wq = engine_queries.wq
            for words in (["learning"], ["scale"], ["deep", "learning"], ["neural", "network"],
                          ["I", "think", "that"], ["large", "language", "model"]):
                found_terms = engine.terms(" ".join(words))
                if len(found_terms) == 1:
                    pairs = [(wq.Term(docs.BODY, found_terms[0]),) * 2]
                else:
                    pairs = [(engine_queries.Phrase(docs.BODY, found_terms),
                              wq.Phrase(docs.BODY, found_terms)),
                             (engine_queries.AllOf([wq.Term(docs.BODY, t) for t in found_terms]),
                              wq.And([wq.Term(docs.BODY, t) for t in found_terms]))]
                for mine, whoosh_s in pairs:
                    expected = sorted(theirs.search(whoosh_s, limit=None).items())
                    assert expected, words
                    assert sorted(ours.searcher().search(mine, limit=None).items()) == expected
        ours.close()
        plain.close()


def _read_back(index_dir: Path) -> tuple[list[object], list[object]]:
    """Every posting (term, document, weight, positions) and every term's statistics."""
    index = engine_schema.open_index(index_dir)
    with index.reader() as reader:
        postings, stats = [], []
        for field, term in reader.all_terms():
            info = reader.term_info(field, term)
            stats.append((field, term, info.weight(), info.doc_frequency(), info.min_length(),
                          info.max_length(), info.max_weight()))
            matcher = reader.postings(field, term)
            while matcher.is_active():
                postings.append((field, term, matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
    index.close()
    return postings, stats


def _built_both_ways(tmp_path: Path, shortcut: str, whoosh_s_way: object) -> None:
    """The two interviews indexed into ``ours`` as the engine does, and into ``whoosh`` with
    the engine's ``shortcut`` replaced by ``whoosh_s_way`` (Whoosh's own code path)."""
    import pytest

    library = tmp_path / "library"
    library.mkdir()
    for source in (LEX, EYE):
        (library / source.name).write_bytes(source.read_bytes())
    with SearchIndex(library, tmp_path / "ours") as search:
        search.update()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine_writer, shortcut, whoosh_s_way)
        with SearchIndex(library, tmp_path / "whoosh") as search:
            search.update()


def test_postings_written_a_block_at_a_time_read_back_as_whoosh_s_own(
        tmp_path: Path) -> None:
    _built_both_ways(tmp_path, "write_in_blocks", lambda writer: None)  # Whoosh's own writer
    ours, whoosh_s = _read_back(tmp_path / "ours"), _read_back(tmp_path / "whoosh")
    assert len(ours[0]) > 1_000
    assert ours == whoosh_s


def _segment_files(index_dir: Path) -> dict[str, bytes]:
    """Each segment file's bytes by the part of its name after the segment's random id."""
    return {path.name.split(".", 1)[1]: path.read_bytes()
            for path in index_dir.glob("MAIN_*.*") if path.suffix != ".toc"}


def test_documents_added_by_the_engine_are_what_whoosh_s_add_document_writes(
        tmp_path: Path) -> None:
    _built_both_ways(tmp_path, "add_document",
                     lambda writer, fields: writer.add_document(**fields))
    ours, whoosh_s = _segment_files(tmp_path / "ours"), _segment_files(tmp_path / "whoosh")
    assert {"pst", "trm", "_stored.col"} <= set(ours)
    assert ours == whoosh_s
    stored = engine_schema.open_index(tmp_path / "ours")
    with stored.reader() as reader:
        owners = {fields["owner"].split(":")[0] for _, fields in reader.iter_docs()}
    stored.close()
    assert owners >= {docs.PASSAGE, docs.RECORD, docs.CHAPTER_KIND}
    # What the engine's add_document leaves out, no field of the schema uses.
    for field in engine_schema.schema()._fields.values():
        assert not field.vector and not field.separate_spelling() and not field.column_type
