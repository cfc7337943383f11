"""``export`` and ``import`` as a user runs them (a real process): Markdown on stdout or in
files, nothing written when there is nothing to export, one-line errors with exit status 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from reader.core.annotations import sidecar_path
from reader.core.export import load_notes, render_combined, render_transcript
from reader.core.export.preview import split_front_matter
from tests.conftest import EYE, LEX
from tests.core.export_fixtures import annotate_eye, annotate_lex


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True,
                          text=True, timeout=60, encoding="utf-8")


@pytest.fixture
def annotated(library_dir: Path) -> Path:
    annotate_lex(library_dir / LEX.name)
    annotate_eye(library_dir / EYE.name)
    return library_dir


def test_export_one_transcript_prints_its_markdown(annotated: Path) -> None:
    result = run("export", str(annotated / LEX.name))
    assert result.returncode == 0, result.stderr
    assert result.stdout == render_transcript(load_notes(annotated / LEX.name))
    assert yaml.safe_load(split_front_matter(result.stdout)[0])["highlights"] == 5
    assert result.stderr == ""


def test_export_all_into_a_folder_writes_one_file_per_transcript(annotated: Path,
                                                                  tmp_path: Path) -> None:
    out = tmp_path / "notes"
    out.mkdir()
    result = run("export", "--all", "--library", str(annotated), "-o", str(out),
                 "--date", "2026-04-01")
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == ["Eye On AI - Ilya Sutskever.md",
                     "Ilya Sutskever - Deep Learning - Lex Fridman Podcast 94.md"]
    assert sorted(Path(line).name for line in result.stdout.splitlines()) == names
    lex = (out / names[1]).read_text(encoding="utf-8")
    assert lex == render_transcript(load_notes(annotated / LEX.name)).replace(
        "exported: 2026-03-17", "exported: 2026-04-01")


def test_export_several_into_one_file_combines_them(annotated: Path, tmp_path: Path) -> None:
    target = tmp_path / "all.md"
    result = run("export", str(annotated / LEX.name), str(annotated / EYE.name), "-o",
                 str(target))
    assert result.returncode == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    notes = [load_notes(annotated / EYE.name), load_notes(annotated / LEX.name)]
    assert text == render_combined(notes)
    assert text.count("\n# ") == 2


def test_nothing_to_export_says_so_and_writes_no_file(library_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    result = run("export", str(library_dir), "-o", str(target))
    assert result.returncode == 0
    assert result.stderr == ("transcript-reader: nothing to export: no highlights or notes in "
                             "2 transcripts\n")
    assert not target.exists() and result.stdout == ""


def test_json_export_and_import_into_another_library(annotated: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    result = run("export", "--all", "--library", str(annotated), "--json", "-o", str(backup))
    assert result.returncode == 0, result.stderr
    assert json.loads(backup.read_bytes())["total"] == 11
    other = tmp_path / "other"
    other.mkdir()
    (other / LEX.name).write_bytes(LEX.read_bytes())
    result = run("import", str(backup), "--library", str(other))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "imported: 6 added, 0 updated, 0 unchanged, 5 not matched to a transcript"
    assert f"{LEX.name}: 6 added, 0 updated, 0 unchanged" in lines
    assert any(line.startswith(f"{EYE.name}: not in ") for line in lines)
    assert sidecar_path(other / LEX.name).exists()
    assert render_transcript(load_notes(other / LEX.name)) == render_transcript(
        load_notes(annotated / LEX.name))


@pytest.mark.parametrize(("args", "message"), [
    (["export"], "name transcripts or folders to export, or use --all"),
    (["export", "x.txt", "--date", "tomorrow"], "'tomorrow' is not a date (YYYY-MM-DD)"),
    (["export", "missing.txt"], "missing.txt: no such file or folder"),
    (["import", "missing.json", "--library", "."], "missing.json: no such file"),
])
def test_bad_input_is_one_line_and_exit_status_2(args: list[str], message: str,
                                                 tmp_path: Path) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_importing_a_file_that_is_not_an_export(tmp_path: Path, library_dir: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    result = run("import", str(bad), "--library", str(library_dir))
    assert result.returncode == 2
    assert result.stderr == (f"transcript-reader: {bad}: is not a notes export (expected a W3C "
                             "Web Annotation collection or an .annotations.json file)\n")


def test_export_never_replaces_a_transcript_it_exports(tmp_path: Path) -> None:
    transcript = tmp_path / "talk.md"  # transcripts are recognised by content, not by name
    transcript.write_bytes(LEX.read_bytes())
    annotate_lex(transcript)
    result = run("export", str(transcript), "-o", str(transcript))
    assert result.returncode == 2
    assert result.stderr == (f"transcript-reader: {transcript}: is a transcript being exported; "
                             "choose another file\n")
    assert transcript.read_bytes() == LEX.read_bytes()
