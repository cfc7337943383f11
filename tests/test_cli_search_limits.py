"""The command line with queries and index folders a user would not expect: a pasted page, a
thousand fuzzy words, an index path that is a file. Run as a user runs them (a real process,
with a timeout, so a hang fails)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

TIMEOUT = 60  # seconds; a query that hangs fails the test instead of hanging the suite


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True,
                          text=True, timeout=TIMEOUT)


def index_stamps(index_dir: Path) -> dict[str, int]:
    """Every index file and when it was written: a rebuild writes them all again."""
    return {p.name: p.stat().st_mtime_ns for p in index_dir.iterdir() if p.is_file()
            and not p.name.endswith(".lock")}


def test_a_huge_or_very_fuzzy_query_answers_and_leaves_the_index_alone(
        library_dir: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    built = run("index", "--library", str(library_dir), "--index-dir", str(index_dir))
    assert built.returncode == 0, built.stderr
    before = index_stamps(index_dir)
    for query in ("scaling " * 1300, "ab~ " * 2500):
        result = run("search", query, "--library", str(library_dir), "--index-dir",
                     str(index_dir), "--json")
        assert result.returncode == 0, result.stderr
        assert "Only the first 64 words were searched." in result.stderr
        assert "damaged" not in result.stderr and "rebuilding" not in result.stderr
        assert json.loads(result.stdout)["hits"]
    assert index_stamps(index_dir) == before
