"""Notes exported into the library folder (File ▸ Export Notes… into it, ``export -o`` there)
are the user's notes, not transcripts: not listed, not searched, never a related passage. A
Markdown transcript with front matter of its own still is one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from reader.core.library import scan_folder
from reader.core.store import TranscriptStore
from tests.conftest import EYE, LEX
from tests.core.export_fixtures import annotate_lex

LEX_TITLE = "Ilya Sutskever: Deep Learning | Lex Fridman Podcast #94"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True,
                          text=True, timeout=300)


def export_into(library: Path) -> list[Path]:
    """Lex's notes exported into ``library`` as Markdown and as the JSON backup."""
    annotate_lex(library / LEX.name)
    before = set(library.iterdir())
    for extra in ((), ("--json",)):
        result = run("export", str(library / LEX.name), *extra, "-o", f"{library}/")
        assert result.returncode == 0, result.stderr
    exports = sorted(set(library.iterdir()) - before)
    assert [p.suffix for p in exports] == [".md", ".json"]
    return exports


def listed(library: Path) -> list[str]:
    store = TranscriptStore()
    store.set_folders([library])
    return [entry.path.name for entry in store.entries()]


def test_exports_saved_into_the_library_are_not_listed(library_dir: Path) -> None:
    exports = export_into(library_dir)
    names = listed(library_dir)
    assert sorted(names) == sorted([EYE.name, LEX.name])
    assert not {p.name for p in exports} & set(names)
    titles = [e.title for e in scan_folder(library_dir)]
    assert titles.count(LEX_TITLE) == 1


def test_an_export_written_before_the_generator_key_is_not_listed(library_dir: Path) -> None:
    markdown = export_into(library_dir)[0]
    text = markdown.read_text(encoding="utf-8")
    assert "generator: Transcript Reader\n" in text
    markdown.write_text(text.replace("generator: Transcript Reader\n", ""), encoding="utf-8")
    assert markdown.name not in listed(library_dir)


def test_search_finds_the_transcript_not_its_export(library_dir: Path) -> None:
    export_into(library_dir)
    result = run("search", "hessian", "--library", str(library_dir), "--json")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)["hits"]
    assert hits and {Path(h["path"]).name for h in hits} == {LEX.name}


def test_related_passages_come_from_the_other_transcript_not_the_export(
        library_dir: Path) -> None:
    export_into(library_dir)
    result = run("related", str(library_dir / LEX.name), "--quote",
                 "Alex’s fast CUDA kernels", "--library", str(library_dir), "--json")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)["hits"]
    assert hits and {Path(h["path"]).name for h in hits} == {EYE.name}


def test_a_markdown_transcript_with_front_matter_is_still_listed_and_searched(
        library_dir: Path) -> None:
    (library_dir / "talk.md").write_text(
        "---\ntitle: Second-order methods\nshow: Optimisation Hour\nsource: recording.mp3\n"
        "tags:\n- optimisation\n---\n\n**Ann:** Hessian-free optimisation, step by step.\n\n"
        "**Bob:** And why it trains deep nets.\n", encoding="utf-8")
    assert "talk.md" in listed(library_dir)
    assert "Second-order methods" in [e.title for e in scan_folder(library_dir)]
    result = run("search", "hessian", "--library", str(library_dir), "--json")
    assert result.returncode == 0, result.stderr
    assert "talk.md" in {Path(h["path"]).name for h in json.loads(result.stdout)["hits"]}
