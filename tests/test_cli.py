"""The command line shapes other tools rely on, run as a user runs them (a real process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import EYE, LEX


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True,
                          text=True, timeout=60, env=env)


def test_show_prints_title_then_one_block_per_line_with_blank_lines_between() -> None:
    result = run("show", str(LEX))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.rstrip("\n").split("\n\n")
    assert lines[0] == "Ilya Sutskever: Deep Learning | Lex Fridman Podcast #94"
    assert lines[1] == "AlexNet origins: training deep nets end-to-end and the compute bottleneck"
    assert lines[2] == "0:00 – 7:01"
    assert lines[3].startswith("Lex asks Ilya to rewind to the AlexNet era")
    assert lines[4] == ("• Hessian-free optimization as an early proof that deep nets can train "
                        "from scratch")
    assert all(line and "\n" not in line for line in lines)


def test_show_reflows_the_raw_transcript() -> None:
    result = run("show", str(EYE))
    assert result.returncode == 0, result.stderr
    paragraphs = result.stdout.rstrip("\n").split("\n\n")
    assert paragraphs[0] == "Eye On AI - Ilya Sutskever"
    assert any("This week, I talked to Ilya Sutskever, a co-founder and chief scientist of "
               "OpenAI and one of the primary minds" in p for p in paragraphs)
    assert result.stdout.split() == EYE.read_text(encoding="utf-8").split()


def test_chapters_json_shape() -> None:
    result = run("chapters", str(LEX), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"title", "show", "chapters"}
    assert data["title"] == "Ilya Sutskever: Deep Learning | Lex Fridman Podcast #94"
    assert data["show"] == "Lex Fridman Podcast"
    assert len(data["chapters"]) == 15
    first, last = data["chapters"][0], data["chapters"][-1]
    assert set(first) == {"title", "start", "end", "kind", "excerpt"}
    assert (first["start"], first["end"], first["kind"]) == (0, 421, "source")
    assert (last["start"], last["end"]) == (4421, 5847)
    assert first["excerpt"].startswith("Lex asks Ilya to rewind to the AlexNet era")
    assert 40 <= len(first["excerpt"]) <= 85


def test_chapters_json_marks_the_automatic_sections_of_a_transcript_without_chapters() -> None:
    data = json.loads(run("chapters", str(EYE), "--json").stdout)
    assert (data["title"], data["show"]) == ("Eye On AI - Ilya Sutskever", None)
    chapters = data["chapters"]
    assert len(chapters) >= 5
    assert {chapter["kind"] for chapter in chapters} == {"auto"}
    assert chapters[0]["title"] == "Introducing yourself, a little bit of your background"
    assert all(chapter["start"] is None for chapter in chapters)  # the file has no times


def test_chapters_human_list_is_aligned() -> None:
    out = run("chapters", str(LEX)).stdout.splitlines()
    assert out[0] == "Ilya Sutskever: Deep Learning | Lex Fridman Podcast #94 (Lex Fridman Podcast)"
    rows = out[1:]
    assert len(rows) == 15
    assert rows[0].endswith("AlexNet origins: training deep nets end-to-end and the compute bottleneck")
    title_columns = {row.index(title) for row, title in zip(rows, [r.split("  ")[-1] for r in rows],
                                                              strict=True)}
    assert len(title_columns) == 1, "titles start in one column"
    assert "1:13:41 – 1:37:27" in rows[-1]


def test_bad_input_is_one_line_on_stderr_with_status_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "data.txt"
    binary.write_bytes(b"\x00" * 64)
    for args, problem in [
        (("show", str(tmp_path / "missing.txt")), "no such file"),
        (("show", str(empty)), "is empty"),
        (("chapters", str(binary), "--json"), "binary"),
        (("show",), "required"),
        (("frobnicate", str(tmp_path / "missing.txt")), "no such file or folder"),
    ]:
        result = run(*args)
        assert result.returncode == 2, args
        assert result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert problem in result.stderr
        assert "Traceback" not in result.stderr


def test_version_and_help() -> None:
    assert run("--version").stdout.strip() == "transcript-reader 0.1.0"
    help_text = run("--help").stdout
    for word in ("--library", "show PATH", "chapters PATH", "--version"):
        assert word in help_text


def test_opening_the_app_without_a_display_says_so_in_one_line() -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = run(env=env)
    assert result.returncode == 2
    assert "no display" in result.stderr and len(result.stderr.splitlines()) == 1


def test_a_file_name_that_is_not_utf8_prints_valid_output_in_any_locale(tmp_path: Path) -> None:
    odd = os.fsencode(tmp_path) + b"/notitle\xff\xfe.txt"
    with open(odd, "wb") as handle:
        handle.write(b"words without a title line, and more words. then an end.\n")
    for locale in ("C.UTF-8", "C"):
        env = {**os.environ, "LC_ALL": locale, "LANG": locale}
        result = subprocess.run([sys.executable, "-m", "reader", "chapters", "--json", odd],
                                capture_output=True, timeout=60, env=env)
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout.decode("utf-8"))  # strict UTF-8: no lone surrogates
        assert data["title"].isprintable() and data["chapters"] == []
        shown = subprocess.run([sys.executable, "-m", "reader", "show", odd],
                               capture_output=True, timeout=60, env=env)
        assert shown.returncode == 0, shown.stderr
        assert shown.stdout.decode("utf-8").split() == (
            ["words", "without", "a", "title", "line,", "and", "more", "words.", "then", "an", "end."])


def test_a_newline_in_a_file_name_gives_a_one_line_error_and_reads_a_valid_file(
        tmp_path: Path) -> None:
    good = tmp_path / "two\nlines.txt"
    good.write_text("A Title\n\nSome words here. And more.\n", encoding="utf-8")
    assert run("show", str(good)).stdout.startswith("A Title\n")
    missing = run("show", str(tmp_path / "gone\nfile.txt"))
    assert missing.returncode == 2
    assert missing.stderr.count("\n") == 1 and missing.stderr.endswith("no such file\n")


def _library_copy(tmp_path: Path, source: Path) -> Path:
    target = tmp_path / source.name
    target.write_bytes(source.read_bytes())
    return target


def test_annotate_adds_a_highlight_that_annotations_lists(tmp_path: Path) -> None:
    lex = _library_copy(tmp_path, LEX)
    added = run("annotate", str(lex), "--quote", "bigger models   get worse",
                "--note", "The *double descent* curve", "--tag", "scaling", "--tag", "#theory",
                "--color", "green")
    assert added.returncode == 0, added.stderr
    new_id = added.stdout.strip()
    assert new_id.startswith("urn:uuid:")
    assert (tmp_path / f"{LEX.name}.annotations.json").exists()
    listed = run("annotations", str(lex), "--json")
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    assert data["path"] == str(lex)
    assert data["title"] == "Ilya Sutskever: Deep Learning | Lex Fridman Podcast #94"
    (entry,) = data["annotations"]
    text = run("show", str(lex)).stdout  # offsets point into the display text
    assert entry == {
        "id": new_id, "exact": "bigger models get worse", "start": entry["start"],
        "end": entry["start"] + len("bigger models get worse"),
        "chapter": "Deep Double Descent: when bigger models get worse before they get better",
        "time": 2165.0, "status": "anchored", "color": "green",
        "note": "The *double descent* curve", "tags": ["scaling", "theory"],
    }
    assert "bigger models get worse" in text
    plain = run("annotations", str(lex)).stdout
    assert "36:05  green   “bigger models get worse”" in plain


def test_annotate_refuses_ambiguous_missing_quotes_and_unknown_colours(tmp_path: Path) -> None:
    lex = _library_copy(tmp_path, LEX)
    ambiguous = run("annotate", str(lex), "--quote", "Ilya")
    assert ambiguous.returncode == 2
    assert ambiguous.stderr.count("\n") == 1
    assert "the quote occurs in 18 places; give a prefix or suffix" in ambiguous.stderr
    missing = run("annotate", str(lex), "--quote", "no such words here")
    assert missing.returncode == 2 and "0 places matched" in missing.stderr
    colour = run("annotate", str(lex), "--quote", "double descent phenomenon", "--color", "red")
    assert colour.returncode == 2 and "unknown colour 'red'" in colour.stderr
    assert not (tmp_path / f"{LEX.name}.annotations.json").exists()  # nothing was written
    picked = run("annotate", str(lex), "--quote", "Ilya", "--suffix", "explains the deep double")
    assert picked.returncode == 0, picked.stderr


def test_annotations_re_anchors_after_the_transcript_changed_and_keeps_orphans(
        tmp_path: Path) -> None:
    eye = _library_copy(tmp_path, EYE)
    assert run("annotate", str(eye), "--quote", "chief scientist of OpenAI").returncode == 0
    assert run("annotate", str(eye), "--quote", "Craig Smith").returncode == 0
    source = eye.read_text(encoding="utf-8")
    eye.write_text("A new opening line, added later.\n\n"
                   + source.replace("Craig Smith", "the host"), encoding="utf-8")
    data = json.loads(run("annotations", str(eye), "--json").stdout)
    by_quote = {a["exact"]: a for a in data["annotations"]}
    moved = by_quote["chief scientist of OpenAI"]
    assert moved["status"] == "anchored"
    from reader.core.formats import load_transcript

    text_now = load_transcript(eye).text
    assert text_now[moved["start"]:moved["end"]] == "chief scientist of OpenAI"
    assert data["annotations"][-1]["exact"] == "Craig Smith"
    assert data["annotations"][-1]["status"] == "orphaned"
    assert data["annotations"][-1]["start"] is None
