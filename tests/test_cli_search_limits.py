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


def test_an_index_dir_that_is_a_file_is_named_in_one_line(library_dir: Path,
                                                          tmp_path: Path) -> None:
    not_a_folder = tmp_path / "index.txt"
    not_a_folder.write_text("my notes\n")
    for command in ("search", "index"):
        args = [command, "--library", str(library_dir), "--index-dir", str(not_a_folder)]
        result = run(*(args if command == "index" else [*args[:1], "scaling", *args[1:]]))
        assert result.returncode == 2  # a file that cannot be used, as elsewhere
        assert "Traceback" not in result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and str(not_a_folder) in lines[0] and "not a folder" in lines[0]
    assert not_a_folder.read_text() == "my notes\n"  # the user's file is left alone


def test_a_file_where_the_default_index_goes_is_named_in_one_line(
        library_dir: Path, isolated_user_dirs: Path) -> None:
    from reader.core.search import default_index_dir

    # The child process sees the same XDG_CACHE_HOME, so the same default folder.
    blocker = default_index_dir(library_dir.resolve())
    blocker.parent.mkdir(parents=True)
    blocker.write_text("not an index")
    result = run("search", "scaling", "--library", str(library_dir))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(blocker) in lines[0] and "not a folder" in lines[0]


def test_help_names_the_folder_where_indexes_are_kept(isolated_user_dirs: Path) -> None:
    import os

    from tests.conftest import REPO

    cache = isolated_user_dirs / "xdg_cache_home"
    expected = {cache / "transcript-reader" / "indexes": dict(os.environ),
                REPO / "indexes": {k: v for k, v in os.environ.items()
                                   if k != "XDG_CACHE_HOME"}}
    for folder, env in expected.items():
        env["COLUMNS"] = "400"  # help on one line each: a long path is not wrapped mid-name
        for command in ("search", "index"):
            shown = subprocess.run([sys.executable, "-m", "reader", command, "--help"],
                                   capture_output=True, text=True, timeout=TIMEOUT, env=env)
            assert shown.returncode == 0
            assert f"in {folder}:" in " ".join(shown.stdout.split())


def test_a_long_query_is_echoed_shortened(library_dir: Path, tmp_path: Path) -> None:
    query = "zyxwvutsrq " * 60  # nothing like it in either interview
    result = run("search", query, "--library", str(library_dir), "--index-dir",
                 str(tmp_path / "index"))
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith("No results for “zyxwvutsrq") and first.endswith("…”.")
    assert len(first) <= 100
