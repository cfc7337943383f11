"""``search`` and ``index`` on the command line, run as a user runs them (a real process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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
