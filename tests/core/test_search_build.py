"""The index build the window runs in its own process, and the one module that imports Whoosh."""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path
from typing import Any

from reader.core.search import SearchIndex, build_command, parse_event
from reader.core.search.location import IndexFolder
from tests.conftest import EYE, LEX, REPO


def events(library: Path, index_dir: Path, *extra: str) -> tuple[int, list[dict[str, Any]]]:
    argv = build_command(library, index_dir, rebuild="--rebuild" in extra)
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120, cwd=REPO)
    parsed = [parse_event(line) for line in done.stdout.splitlines()]
    assert all(event is not None for event in parsed), done.stdout
    assert done.stderr == ""
    return done.returncode, [e for e in parsed if e is not None]


def test_the_build_process_reports_progress_problems_and_a_summary_as_json_lines(
        library_dir: Path, tmp_path: Path) -> None:
    (library_dir / "binary.txt").write_bytes(b"\x00\x01" * 50)
    status, found = events(library_dir, tmp_path / "index")
    assert status == 0
    kinds = [e["event"] for e in found]
    assert kinds[0] == "progress" and kinds[-1] == "done"
    assert [e["text"] for e in found if e["event"] == "message"] == [
        f"{tmp_path / 'index'}: building the search index for {library_dir}"]
    errors = [e["text"] for e in found if e["event"] == "error"]
    assert len(errors) == 1 and errors[0].startswith(f"{library_dir / 'binary.txt'}: ")
    indexing = [e for e in found if e["event"] == "progress" and e["phase"] == "indexing"]
    assert [(e["done"], e["total"]) for e in indexing] == [(0, 3), (1, 3), (2, 3)]
    assert {Path(e["path"]).name for e in indexing} == {"binary.txt", LEX.name, EYE.name}
    summary = found[-1]
    assert (summary["added"], summary["errors"], summary["rebuilt"]) == (2, 1, True)

    # The window's own index object finds what the other process wrote.
    with SearchIndex(library_dir, tmp_path / "index") as index:
        assert {h.path.name for h in index.search("Hessian").hits} == {LEX.name}

    status, again = events(library_dir, tmp_path / "index")
    assert status == 0 and again[-1]["unchanged"] == 3 and again[-1]["added"] == 0


def test_the_build_process_says_when_another_one_is_at_work(
        library_dir: Path, tmp_path: Path) -> None:
    folder = IndexFolder(tmp_path / "index", library_dir)
    with folder.writing(0):
        argv = build_command(library_dir, tmp_path / "index") + ["--wait", "0.2"]
        done = subprocess.run(argv, capture_output=True, text=True, timeout=120, cwd=REPO)
    assert done.returncode == 3
    busy = parse_event(done.stdout.splitlines()[-1])
    assert busy is not None and busy["event"] == "busy"
    assert "another process is updating" in busy["text"]


def test_a_missing_library_fails_in_one_event(tmp_path: Path) -> None:
    status, found = events(tmp_path / "nowhere", tmp_path / "index")
    assert status == 2
    assert found[-1] == {"event": "failed", "text": f"{tmp_path / 'nowhere'}: no such folder"}


def test_parse_event_ignores_lines_that_are_not_events() -> None:
    assert parse_event("hello") is None
    assert parse_event('{"no": "event"}') is None
    assert parse_event(b'{"event": "done", "added": 1}') == {"event": "done", "added": 1}


def test_only_the_engine_modules_import_whoosh() -> None:
    importers = set()
    for path in [*(REPO / "reader").rglob("*.py"), *(REPO / "benchmarks").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(name == "whoosh" or name.startswith("whoosh.") for name in names):
                importers.add(path.relative_to(REPO).as_posix())
    assert importers == {f"reader/core/search/engine/{name}.py" for name in (
        "index_schema", "writer", "queries")}


def test_the_build_process_merges_small_segments_after_saying_done(
        library_dir: Path, tmp_path: Path) -> None:
    # The window runs this after every change it notices: edits must not leave a segment each.
    index_dir = tmp_path / "index"
    for number in range(10):
        (library_dir / "notes.txt").write_text(f"Notes\n\nEdit {number} about lemurs.\n",
                                               "utf-8")
        status, told = events(library_dir, index_dir)
        assert status == 0 and told[-1]["event"] == "done"
    assert len(list(index_dir.glob("*.trm"))) <= 5  # one for each edit otherwise
    with SearchIndex(library_dir, index_dir) as index:
        assert index.search('"edit 9" lemurs').total == 1
        assert index.update().unchanged == 3


def test_the_build_process_runs_below_the_window_s_priority(library_dir: Path) -> None:
    # Two indexing processes on a two-core machine would otherwise keep the window from a
    # core: it would miss frames while the index is built.
    import os
    import sys

    probe = ("import os, sys\n"
             "from reader.core.search import build\n"
             "from reader.core.search.index import SearchIndex\n"
             "def update(self, **kwargs):\n"
             "    print(os.nice(0))\n"
             "    raise SystemExit(0)\n"
             "SearchIndex.update = update\n"
             "build.main(sys.argv[1:])\n")
    done = subprocess.run([sys.executable, "-c", probe, "--library", str(library_dir)],
                          capture_output=True, text=True, timeout=120, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == min(19, os.nice(0) + 10)
