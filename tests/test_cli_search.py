"""``search`` and ``index`` on the command line, run as a user runs them (a real process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EYE, LEX


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True,
                          text=True, timeout=120, env=env)


def search_json(library: Path, *args: str) -> dict[str, object]:
    result = run("search", *args, "--library", str(library), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def test_search_json_has_the_exact_shape_best_first(library_dir: Path) -> None:
    data = search_json(library_dir, "deep learning", "--limit", "5")
    assert set(data) == {"query", "total", "hits"}
    assert data["query"] == "deep learning"
    hits = data["hits"]
    assert isinstance(hits, list) and len(hits) == 5
    assert isinstance(data["total"], int) and data["total"] >= 10
    for hit in hits:
        assert set(hit) == {"path", "title", "chapter", "start", "offset", "snippet", "kind",
                            "score"}
        assert hit["kind"] in ("passage", "note")
        assert isinstance(hit["offset"], int) and isinstance(hit["score"], float)
        assert isinstance(hit["snippet"], str) and "\n" not in hit["snippet"]
    assert {Path(h["path"]).name for h in hits} == {LEX.name, EYE.name}
    lex = next(h for h in hits if Path(h["path"]).name == LEX.name)
    assert isinstance(lex["start"], float) and isinstance(lex["chapter"], str)
    eye = next(h for h in hits if Path(h["path"]).name == EYE.name)
    assert eye["start"] is None and isinstance(eye["chapter"], str)  # an automatic section


def test_the_offset_is_where_the_passage_starts_in_the_display_text(library_dir: Path) -> None:
    hit = search_json(library_dir, "Hessian")["hits"][0]  # type: ignore[index]
    shown = run("show", str(library_dir / LEX.name)).stdout
    assert "Hessian-free optimization" in shown
    from reader.core.formats import load_transcript

    text = load_transcript(library_dir / LEX.name).text
    assert text[hit["offset"]:].startswith("Hessian-free optimization")


def test_nothing_found_exits_0_and_suggests_a_spelling(library_dir: Path) -> None:
    data = search_json(library_dir, "Sutskevr")
    assert data == {"query": "Sutskevr", "total": 0, "hits": []}
    readable = run("search", "Sutskevr", "--library", str(library_dir))
    assert readable.returncode == 0
    assert "No results" in readable.stdout and "Did you mean: Sutskever" in readable.stdout


def test_broken_syntax_is_searched_literally_with_a_note_not_an_error(
        library_dir: Path) -> None:
    result = run("search", "AND OR ((", "--library", str(library_dir))
    assert result.returncode == 0
    assert "Traceback" not in result.stderr and "as typed" in result.stderr


def test_readable_list_names_transcript_chapter_time_and_snippet(library_dir: Path) -> None:
    result = run("search", "Hessian", "--library", str(library_dir))
    assert result.returncode == 0, result.stderr
    assert "1 hit for “Hessian”" in result.stdout
    assert ("Ilya Sutskever: Deep Learning | Lex Fridman Podcast #94 · AlexNet origins: "
            "training deep nets end-to-end and the compute bottleneck · 0:00") in result.stdout
    assert "Hessian-free optimization as an early proof" in result.stdout


def test_search_brings_the_index_up_to_date_first(library_dir: Path) -> None:
    assert search_json(library_dir, "okapi")["total"] == 0
    (library_dir / "new.txt").write_text("New\n\nThe okapi is a relative of the giraffe.\n",
                                         "utf-8")
    hits = search_json(library_dir, "okapi")["hits"]
    assert [Path(h["path"]).name for h in hits] == ["new.txt"]  # type: ignore[union-attr]


def test_index_reports_progress_and_each_unreadable_file_on_stderr(
        library_dir: Path, tmp_path: Path) -> None:
    (library_dir / "binary.txt").write_bytes(b"\x00\xff" * 100)
    (library_dir / "empty.txt").write_bytes(b"")
    index_dir = tmp_path / "my-index"
    result = run("index", "--library", str(library_dir), "--index-dir", str(index_dir))
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert any("building the search index" in line for line in lines)
    for name in ("binary.txt", "empty.txt"):
        named = [line for line in lines if line.startswith(str(library_dir / name) + ": ")]
        assert len(named) == 1, result.stderr
    assert "2 added" in lines[-1] and "2 unreadable" in lines[-1]
    assert index_dir.is_dir()
    again = run("index", "--library", str(library_dir), "--index-dir", str(index_dir))
    assert again.stderr.splitlines()[-1].startswith("search index up to date (0 added")
    rebuilt = run("index", "--library", str(library_dir), "--index-dir", str(index_dir),
                  "--rebuild")
    assert "2 added" in rebuilt.stderr.splitlines()[-1]


def test_a_damaged_index_is_rebuilt_with_one_line_saying_so(
        library_dir: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "idx"
    assert run("index", "--library", str(library_dir), "--index-dir", str(index_dir)
               ).returncode == 0
    for toc in index_dir.glob("*.toc"):
        toc.write_bytes(b"garbage")
    result = run("search", "Hessian", "--library", str(library_dir), "--index-dir",
                 str(index_dir), "--json")
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if "damaged" in line] == [
        line for line in result.stderr.splitlines()]
    assert len(result.stderr.splitlines()) == 1
    assert json.loads(result.stdout)["total"] == 1


def test_the_default_library_is_the_app_s(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = run("search", "Hessian", "--json", env=env)
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)["hits"]
    assert Path(hits[0]["path"]).parent == tmp_path / "data" / "transcript-reader" / "Library"
    assert any((tmp_path / "cache" / "transcript-reader" / "indexes").iterdir())


def test_a_missing_library_is_one_line_and_status_2(tmp_path: Path) -> None:
    result = run("search", "x", "--library", str(tmp_path / "nope"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"transcript-reader: {tmp_path / 'nope'}: no such folder"


# --- every format in one library ---------------------------------------------------------------

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
EVERY_FORMAT = {  # the format reader's name -> a small transcript in that format
    "webvtt": FIXTURES / "podcastindex" / "example-transcript.vtt",
    "podcast-json": FIXTURES / "podcastindex" / "example-transcript.json",
    "markdown-transcript": FIXTURES / "changelog" / "practical-ai-1-opening.md",
    "subrip": CORPUS / "srt" / "buzzcast-p20-speaker-prefix.srt",
    "substation": CORPUS / "ass" / "can-ethereum-restore-online-freedom-wordlevel.ass",
    "whisper-json": CORPUS / "json" / "whisper-json-german-stream-hallucination-loop.json",
    "podcast-html": CORPUS / "html" / "buzzcast-buzzsprout-transcript.html",
    "speaker-text": CORPUS / "txt" / "oxide-and-friends-coders-block-bracket-speaker-timestamp.txt",
}


def _words_deep_in(path: Path) -> tuple[str, float | None, int]:
    """A phrase query for three words of a cue in the middle of the paragraph with the most
    cues (of a paragraph when no cue has three words), when they are spoken and where."""
    from reader.core.formats import load_transcript

    transcript = load_transcript(path)
    paragraphs = [b for b in transcript.blocks if b.kind == "paragraph"]
    longest = max(paragraphs, key=lambda b: sum(b.start <= s.start < b.end
                                                for s in transcript.spans))
    cues = [(s.start, s.end, s.start_time) for s in transcript.spans
            if longest.start <= s.start < longest.end]
    whole = [(b.start, b.end, b.start_time) for b in paragraphs]
    for pieces in (cues[len(cues) // 2:], whole[len(whole) * 2 // 3:] + whole):
        for start, end, seconds in pieces:
            words = [w.strip(".,?!;:\"“”()[]") for w in transcript.text[start:end].split()]
            for at in range(len(words) - 2):
                three = words[at:at + 3]
                if all(w.isalpha() and len(w) > 1 for w in three) and len("".join(three)) > 9:
                    return '"' + " ".join(three) + '"', seconds, start
    raise AssertionError(f"no three words in a row in {path.name}")


def test_index_and_search_read_every_format_with_the_time_of_each_hit(tmp_path: Path) -> None:
    import pytest

    from reader.core.formats import load_transcript

    missing = [path.name for path in EVERY_FORMAT.values() if not path.is_file()]
    if missing:
        pytest.skip(f"no shared test corpus at {CORPUS}")
    library = tmp_path / "formats"
    library.mkdir()
    for source in EVERY_FORMAT.values():
        (library / source.name).write_bytes(source.read_bytes())
    indexed = run("index", "--library", str(library))
    assert indexed.returncode == 0 and "unreadable" not in indexed.stderr, indexed.stderr
    assert f"{len(EVERY_FORMAT)} added" in indexed.stderr

    for name, source in EVERY_FORMAT.items():
        transcript = load_transcript(library / source.name)
        assert transcript.format == name
        query, spoken, where = _words_deep_in(library / source.name)
        hits = [h for h in search_json(library, query, "--limit", "50")["hits"]  # type: ignore[union-attr]
                if Path(h["path"]).name == source.name]
        assert hits, f"{query} not found in {source.name}"
        for hit in hits:
            offset = hit["offset"]
            index = transcript.chapter_index_at(offset)
            chapter = transcript.chapters[index] if index is not None else None
            expected = transcript.time_at(offset)
            if expected is None and chapter is not None:
                expected = chapter.start_time
            assert hit["start"] == expected, (source.name, hit)
            assert hit["chapter"] == (chapter.title if chapter else None)
        holding = max((h for h in hits if h["offset"] <= where), key=lambda h: h["offset"])
        if spoken is not None:  # its time is of a cue shortly before, not the paragraph's
            assert spoken - 30 <= holding["start"] <= spoken, (source.name, spoken, holding)


def test_speaker_search_finds_speakers_of_subtitles_json_and_html(tmp_path: Path) -> None:
    library = tmp_path / "speakers"
    library.mkdir()
    for name in ("webvtt", "podcast-json"):
        source = EVERY_FORMAT[name]
        (library / source.name).write_bytes(source.read_bytes())
    hits = search_json(library, "speaker:gillian trailer")["hits"]
    assert [Path(h["path"]).name for h in hits] == ["example-transcript.vtt"]  # type: ignore[union-attr]
    assert hits[0]["start"] == 19.08  # type: ignore[index]  # Gillian's first cue
    luke = search_json(library, 'speaker:"darth vader" father')["hits"]
    assert [Path(h["path"]).name for h in luke] == ["example-transcript.json"]  # type: ignore[union-attr]


def test_a_user_chapter_names_the_hits_under_it(library_dir: Path) -> None:
    from reader.core.annotations import AnnotationStore
    from reader.core.formats import load_transcript

    assert search_json(library_dir, "Hessian")["hits"][0]["chapter"] != "Hessian aside"  # type: ignore[index]
    path = library_dir / LEX.name
    transcript = load_transcript(path)
    store = AnnotationStore(transcript)
    store.load()
    store.add_chapter(transcript.text.index("Hessian-free optimization"), "Hessian aside")
    store.save()
    hit = search_json(library_dir, "Hessian")["hits"][0]  # type: ignore[index]
    assert (hit["chapter"], hit["start"]) == ("Hessian aside", 0.0)
    assert transcript.text[hit["offset"]:].startswith("Hessian-free optimization")


def _read_only(folder: Path) -> bool:
    """Make ``folder`` read only for this process, as a read-only disk is; False if it
    cannot be done here (root ignores file modes, so a read-only bind mount is tried)."""
    if os.geteuid() != 0:
        for path in [folder, *folder.iterdir()]:
            path.chmod(0o555 if path.is_dir() else 0o444)
        return True
    bound = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True)
    if bound.returncode != 0:
        return False
    ro = subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], capture_output=True)
    if ro.returncode != 0:
        subprocess.run(["umount", str(folder)], capture_output=True)
        return False
    return True


def test_an_index_on_a_read_only_disk_is_searched_as_it_is(
        library_dir: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "idx"
    assert run("index", "--library", str(library_dir), "--index-dir", str(index_dir)
               ).returncode == 0
    if not _read_only(index_dir):
        pytest.skip("no way to make a read-only folder here")
    try:
        found = run("search", "Hessian", "--library", str(library_dir), "--index-dir",
                    str(index_dir), "--json")
        indexed = run("index", "--library", str(library_dir), "--index-dir", str(index_dir))
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", str(index_dir)], capture_output=True)
        else:
            for path in [index_dir, *index_dir.iterdir()]:
                path.chmod(0o755 if path.is_dir() else 0o644)
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["total"] == 1
    assert found.stderr.count("\n") == 1 and "cannot be updated" in found.stderr
    assert indexed.returncode == 2
    assert "Traceback" not in indexed.stderr and indexed.stderr.count("\n") == 1


def test_edits_searched_from_the_command_line_do_not_pile_up_segments(
        library_dir: Path, tmp_path: Path) -> None:
    # Each search shows the edit at once, and merges small segments after its results.
    index_dir = tmp_path / "index"
    for number in range(10):
        (library_dir / "notes.txt").write_text(f"Notes\n\nEdit {number} about lemurs.\n",
                                               "utf-8")
        data = search_json(library_dir, f'"edit {number}" lemurs', "--index-dir",
                           str(index_dir))
        assert data["total"] == 1
    assert len(list(index_dir.glob("*.trm"))) <= 5  # one for each edit otherwise
    assert search_json(library_dir, "Hessian", "--index-dir", str(index_dir))["total"] == 1


def test_a_damaged_index_another_process_is_rebuilding_is_one_line(
        library_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    # The window rebuilding an index the command line cannot read (damaged, or of an older
    # version): search says so in one line rather than ending in a traceback.
    from reader import cli, cli_search
    from reader.core.search.location import LOCK

    index_dir = tmp_path / "index"
    assert search_json(library_dir, "scaling", "--index-dir", str(index_dir))["total"]
    for toc in index_dir.glob("_MAIN_*.toc"):
        toc.write_bytes(b"\0" * toc.stat().st_size)  # same size: only reading finds it out
    holder = subprocess.Popen(
        [sys.executable, "-c", "import filelock, sys, time\n"
         f"with filelock.FileLock({str(index_dir / LOCK)!r}):\n"
         "    print('held', flush=True)\n    time.sleep(60)\n"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        monkeypatch.setattr(cli_search, "INDEX_WAIT", 0.5)
        status = cli.main(["search", "scaling", "--library", str(library_dir),
                           "--index-dir", str(index_dir)])
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    errors = capsys.readouterr().err.strip().splitlines()
    assert status == 2
    assert "Traceback" not in "\n".join(errors)
    assert "another process is rebuilding the search index" in errors[-1]
    assert str(index_dir) in errors[-1]
