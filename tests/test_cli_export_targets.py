"""Where ``export -o`` may write, as a user runs it: a new file or an earlier export, never a
transcript, a sidecar, a link's target it cannot check, a pipe or a device; standard output
that cannot be written is one line, not a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.annotations import sidecar_path
from reader.core.annotations.atomic import backup_path
from reader.core.export import load_notes, render_transcript
from tests.conftest import EYE, LEX
from tests.core.export_fixtures import annotate_lex

PROG = "transcript-reader"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True,
                          text=True, timeout=60, encoding="utf-8")


@pytest.fixture
def lex(library_dir: Path) -> Path:
    annotate_lex(library_dir / LEX.name)
    return library_dir / LEX.name


def refused(result: subprocess.CompletedProcess[str], target: Path, problem: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stderr == f"{PROG}: {target}: {problem}\n"
    assert result.stdout == ""


@pytest.mark.parametrize("name", ["sidecar", "backup", "lock"])
def test_export_never_replaces_a_file_the_app_keeps_notes_in(lex: Path, name: str) -> None:
    sidecar = sidecar_path(lex)
    target = {"sidecar": sidecar, "backup": backup_path(sidecar),
              "lock": sidecar.with_name(sidecar.name + ".lock")}[name]
    if not target.exists():
        target.write_bytes(sidecar.read_bytes())
    before = target.read_bytes()
    result = run("export", str(lex), "-o", str(target))
    refused(result, target, "is a file the app keeps notes in; choose another file")
    assert target.read_bytes() == before


def test_export_never_replaces_another_transcript(lex: Path) -> None:
    other = lex.parent / EYE.name  # a transcript without notes
    result = run("export", str(lex), "-o", str(other))
    refused(result, other, "exists and is not an earlier export; choose another file (or "
                           "remove it first)")
    assert other.read_bytes() == EYE.read_bytes()


def test_export_into_a_folder_never_replaces_a_transcript_named_like_the_export(
        lex: Path, tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    # A Markdown transcript (recognised by content) named as the export of the Lex notes.
    clash = vault / "Ilya Sutskever - Deep Learning - Lex Fridman Podcast 94.md"
    clash.write_bytes(EYE.read_bytes())
    result = run("export", str(lex), "-o", str(vault))
    refused(result, clash, "exists and is not an earlier export; choose another file (or "
                           "remove it first)")
    assert clash.read_bytes() == EYE.read_bytes()
    assert sorted(p.name for p in vault.iterdir()) == [clash.name]


def test_exporting_again_replaces_the_earlier_export(lex: Path, tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    assert run("export", str(lex), "-o", str(target)).returncode == 0
    result = run("export", str(lex), "-o", str(target), "--date", "2026-05-01")
    assert result.returncode == 0, result.stderr
    assert "exported: 2026-05-01" in target.read_text(encoding="utf-8")
    json_target = tmp_path / "notes.json"
    assert run("export", str(lex), "--json", "-o", str(json_target)).returncode == 0
    assert run("export", str(lex), "--json", "-o", str(json_target)).returncode == 0


def test_export_writes_through_a_link_to_an_earlier_export(lex: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    assert run("export", str(lex), "-o", str(real)).returncode == 0
    link = tmp_path / "link.md"
    link.symlink_to(real)
    result = run("export", str(lex), "-o", str(link), "--date", "2026-05-01")
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and "exported: 2026-05-01" in real.read_text(encoding="utf-8")


def test_export_never_replaces_what_a_link_points_to_unless_an_export(lex: Path,
                                                                       tmp_path: Path) -> None:
    link = tmp_path / "link.md"
    link.symlink_to(lex)
    result = run("export", str(lex), "-o", str(link))
    refused(result, link, "is a transcript being exported; choose another file")
    assert link.is_symlink() and lex.read_bytes() == LEX.read_bytes()
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "missing" / "x.md")
    result = run("export", str(lex), "-o", str(dangling))
    refused(result, dangling, "is a link to a file that does not exist; choose another file")
    assert dangling.is_symlink()


def test_export_refuses_a_pipe_and_leaves_it_a_pipe(lex: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    for extra in ([], ["--json"]):
        result = run("export", str(lex), "-o", str(fifo), *extra)
        refused(result, fifo, "is not a regular file (a pipe, socket or device); write to "
                              "standard output to pipe the export")
        assert fifo.is_fifo()


def test_a_trailing_slash_asks_for_a_new_folder(lex: Path, tmp_path: Path) -> None:
    result = run("export", str(lex), "-o", f"{tmp_path}/new/notes/")
    assert result.returncode == 0, result.stderr
    written = tmp_path / "new" / "notes" / "Ilya Sutskever - Deep Learning - Lex Fridman " \
                                           "Podcast 94.md"
    assert result.stdout == f"{written}\n"
    assert written.read_text(encoding="utf-8") == render_transcript(load_notes(lex))
    result = run("export", str(lex), "--json", "-o", f"{tmp_path}/backup/")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "backup" / "transcript-notes.json").is_file()


def test_a_full_disk_on_stdout_is_one_line(lex: Path) -> None:
    with open("/dev/full", "w") as full:  # only ever standard output, never a target
        result = subprocess.run([sys.executable, "-m", "reader", "export", str(lex)],
                                stdout=full, stderr=subprocess.PIPE, text=True, timeout=60,
                                encoding="utf-8")
    assert result.returncode == 2
    assert result.stderr == (f"{PROG}: standard output: cannot be written (No space left on "
                             "device)\n")


def test_a_closed_stdout_is_one_line(lex: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "reader", "export", str(lex)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            timeout=60, encoding="utf-8",
                            preexec_fn=lambda: os.close(1))
    assert result.returncode == 2
    assert result.stderr == f"{PROG}: standard output: is closed; use -o FILE\n"


def test_a_closed_stdout_does_not_undo_an_export_into_a_file(lex: Path, tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    result = subprocess.run([sys.executable, "-m", "reader", "export", str(lex), "-o",
                             str(target)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, timeout=60, encoding="utf-8",
                            preexec_fn=lambda: os.close(1))
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8") == render_transcript(load_notes(lex))
