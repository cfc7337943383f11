"""``related`` on the command line, run as a user runs it (a real process)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from reader.core.formats import load_transcript
from tests.conftest import EYE, LEX


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True,
                          text=True, timeout=120)


def related_json(library: Path, *args: str) -> dict[str, object]:
    result = run("related", *args, "--library", str(library), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def test_related_json_has_the_search_shape_and_only_the_other_interview(
        library_dir: Path) -> None:
    data = related_json(library_dir, str(library_dir / LEX.name), "--quote",
                        "Alex’s fast CUDA kernels", "--limit", "4")
    assert set(data) == {"query", "total", "hits"}
    assert isinstance(data["query"], str) and "kernels" in data["query"].split()
    hits = data["hits"]
    assert isinstance(hits, list) and len(hits) == 4
    assert isinstance(data["total"], int) and data["total"] >= 4
    eye = load_transcript(library_dir / EYE.name)
    for hit in hits:
        assert set(hit) == {"path", "title", "chapter", "start", "offset", "snippet", "kind",
                            "score"}
        assert Path(hit["path"]).name == EYE.name and hit["kind"] == "passage"
        assert isinstance(hit["offset"], int) and 0 <= hit["offset"] < len(eye.text)
    scores = [hit["score"] for hit in hits]
    assert scores == sorted(scores, reverse=True)
    assert "Alex had these very fast convolutional kernels" in " ".join(
        eye.text[h["offset"]:h["offset"] + 600] for h in hits[:2])


def test_related_by_offset_from_the_other_side(library_dir: Path) -> None:
    eye = load_transcript(library_dir / EYE.name)
    offset = eye.text.index("transformers address the limitations")
    data = related_json(library_dir, str(library_dir / EYE.name), "--offset", str(offset))
    hits = data["hits"]
    assert isinstance(hits, list) and hits
    assert {Path(h["path"]).name for h in hits} == {LEX.name}
    # The passage tells how transformers replaced recurrent networks: the outline's chapters on
    # both lead (which one first depends on the automatic section the passage is under).
    chapters = [str(h["chapter"]) for h in hits]
    assert chapters[0].startswith(("Recurrent neural networks", "Why transformers worked"))
    assert any(chapter.startswith("Why transformers worked") for chapter in chapters)


def test_related_prints_a_readable_list(library_dir: Path) -> None:
    result = run("related", str(library_dir / LEX.name), "--quote", "RL’s uniqueness",
                 "--library", str(library_dir), "--limit", "2")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Related passages (key terms: rl ")
    assert "reinforcement learning" in result.stdout
    assert f"{library_dir / EYE.name} @" in result.stdout


def test_a_quote_that_is_not_found_is_one_line_and_exit_2(library_dir: Path) -> None:
    result = run("related", str(library_dir / LEX.name), "--quote", "purple bananas",
                 "--library", str(library_dir))
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "not in the transcript" in lines[0] and LEX.name in lines[0]


def test_offset_and_quote_are_one_or_the_other(library_dir: Path) -> None:
    both = run("related", str(library_dir / LEX.name), "--offset", "3", "--quote", "RL")
    neither = run("related", str(library_dir / LEX.name))
    for result in (both, neither):
        assert result.returncode == 2 and len(result.stderr.splitlines()) == 1


def test_an_offset_past_the_end_is_one_line(library_dir: Path) -> None:
    result = run("related", str(library_dir / LEX.name), "--offset", "99999999",
                 "--library", str(library_dir))
    assert result.returncode == 2 and "past the end" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_export_related_lists_passages_of_the_other_interview_under_a_highlight(
        library_dir: Path) -> None:
    lex = library_dir / LEX.name
    added = run("annotate", str(lex), "--quote", "Alex’s fast CUDA kernels", "--note", "why")
    assert added.returncode == 0, added.stderr
    plain = run("export", str(lex), "--library", str(library_dir))
    related = run("export", str(lex), "--library", str(library_dir), "--related")
    assert related.returncode == 0, related.stderr
    assert "Related passages:" not in plain.stdout
    after = related.stdout.split("> Alex’s fast CUDA kernels", 1)[1]
    assert "Related passages:" in after
    items = [line for line in after.splitlines() if line.startswith("- *Eye On AI")]
    assert len(items) == 3
    assert "Alex had these very fast convolutional kernels" in related.stdout
