"""A passage holding thousands of matches: one huge cue must not hang search or the window."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from reader.core.formats import load_transcript
from reader.core.search import documents as docs
from reader.core.search.snippets import WIDTH, make_snippet
from tests.conftest import REPO

PHRASE = "lorem ipsum dolor sit amet "
REPEATS = 52_000  # about 1.4 MB in one cue


def one_huge_cue(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "huge.vtt"
    path.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n" + PHRASE * REPEATS + "\n",
                    encoding="utf-8")
    return path


def test_a_single_huge_cue_is_indexed_as_passages_of_bounded_length(tmp_path: Path) -> None:
    transcript = load_transcript(one_huge_cue(tmp_path))
    passages = list(docs.passage_documents(transcript, "k"))
    bodies = [p.data["text"] for p in passages if "lorem" in p.data["text"]]
    assert len(bodies) > 1000
    assert max(len(body) for body in bodies) <= 2 * docs.PASSAGE_CHARS
    # Together the passages still hold every word, cut between words.
    assert sum(body.count("lorem") for body in bodies) == REPEATS
    assert all(not body.startswith(" ") and not body.endswith(" ") for body in bodies)


def test_search_in_a_library_with_one_huge_cue_answers_with_a_short_snippet(
        tmp_path: Path) -> None:
    library = one_huge_cue(tmp_path / "library").parent
    # A hang shows as the timeout (the search took minutes before).
    done = subprocess.run(
        [sys.executable, "-m", "reader", "search", "lorem", "--library", str(library),
         "--index-dir", str(tmp_path / "index"), "--json"],
        capture_output=True, text=True, timeout=60, cwd=REPO)
    assert done.returncode == 0, done.stderr
    hits = json.loads(done.stdout)["hits"]
    assert hits
    for hit in hits:
        assert "lorem" in hit["snippet"] and len(hit["snippet"]) <= WIDTH + 10


def test_a_snippet_of_a_text_with_a_quarter_million_matches_is_built_promptly() -> None:
    # A note's quote or an old index can still hold one huge passage: the snippet is built from
    # it without counting every match once per match. The timeout is the hang signal.
    code = ("from reader.core.search.snippets import make_snippet\n"
            f"s = make_snippet({PHRASE!r} * {REPEATS}, lambda w: True)\n"
            "print(len(s.plain))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) <= WIDTH + 10
    snippet = make_snippet("x " * 300 + "quokka " + "y " * 300, lambda w: w == "quokka")
    assert "quokka" in snippet.plain and len(snippet.plain) <= WIDTH + 10
