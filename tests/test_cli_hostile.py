"""The command line with hostile input: odd file names, control codes in other tools'
sidecars, links into the library. (Found by attacking the app; each failed before its fix.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from reader.core.annotations import AnnotationStore
from reader.core.formats import load_transcript
from reader.core.store import TranscriptStore
from tests.conftest import LEX


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "talk.txt"
    target.write_bytes(LEX.read_bytes())
    return target


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True,
                          text=True, timeout=60)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_notes_and_tags_from_another_tool_never_reach_the_terminal_as_control_codes(
        tmp_path: Path) -> None:
    """A sidecar from another tool or a synced folder holds a note and a tag with ESC
    sequences; `annotations` writes them raw to the terminal (here: set the window title,
    clear the screen), while error lines escape control characters (errors.printable)."""
    path = _copy(tmp_path)
    (tmp_path / "talk.txt.annotations.json").write_text(json.dumps({"annotations": [
        {"id": "urn:uuid:1", "bodyValue": "\x1b]0;pwned\x07\x1b[2Jnote",
         "body": [{"purpose": "tagging", "value": "x\x1b[31mred"}],
         "target": {"selector": {"type": "TextQuoteSelector", "exact": "AlexNet origins"}}},
    ]}), encoding="utf-8")
    result = _run("annotations", str(path))
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_a_tag_given_with_a_newline_is_one_tag_on_one_line(tmp_path: Path) -> None:
    """`--tag $'x\\ny'` is stored with its newline (tags are cleaned of '#' and surrounding
    space only); `annotations` then prints the highlight's tag line broken in two, a line that
    starts with "y" where the next highlight's quote line is expected."""
    path = _copy(tmp_path)
    added = _run("annotate", str(path), "--quote", "AlexNet origins", "--tag", "x\ny")
    assert added.returncode == 0, added.stderr
    listing = _run("annotations", str(path))
    assert listing.returncode == 0, listing.stderr
    # the title line, the quote line, one line of tags
    assert len(listing.stdout.splitlines()) == 3, listing.stdout


def test_annotations_json_is_strict_utf8_for_a_file_name_that_is_not(
        tmp_path: Path) -> None:
    """`chapters --json` escapes such a name (title "Notitle\\xff\\xfe"), but
    `annotations --json` prints "path": "notitle\\udcff\\udcfe.txt": lone surrogates that
    Perl's JSON::PP rejects ("missing high surrogate character") and jq turns into U+FFFD.
    (`search --json` paths do the same.)"""
    odd = os.fsencode(tmp_path) + b"/notitle\xff\xfe.txt"
    with open(odd, "wb") as handle:
        handle.write(b"words without a title line, and more words. then an end.\n")
    for locale in ("C.UTF-8", "C"):
        env = {**os.environ, "LC_ALL": locale, "LANG": locale}
        result = subprocess.run([sys.executable, "-m", "reader", "annotations", "--json", odd],
                                capture_output=True, timeout=60, env=env)
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout.decode("utf-8"))
        for text in _strings(data):
            text.encode("utf-8")  # strict: raises on a lone surrogate


def test_a_transcript_reached_through_a_link_has_one_sidecar_for_window_and_command_line(
        tmp_path: Path) -> None:
    """The library holds `talk.txt`, a link to a file kept elsewhere. The window (through
    TranscriptStore.transcript, which resolves links) reads and writes
    `elsewhere/t.txt.annotations.json`; `annotate library/talk.txt` writes
    `library/talk.txt.annotations.json`. Each sees only its own highlights."""
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "library").mkdir()
    real = tmp_path / "elsewhere" / "t.txt"
    real.write_bytes(LEX.read_bytes())
    link = tmp_path / "library" / "talk.txt"
    link.symlink_to(real)

    added = subprocess.run([sys.executable, "-m", "reader", "annotate", str(link),
                            "--quote", "AlexNet origins"], capture_output=True, text=True,
                           timeout=60)
    assert added.returncode == 0, added.stderr

    store = TranscriptStore()
    store.set_folders([tmp_path / "library"])
    [entry] = store.entries()
    notes = AnnotationStore(store.transcript(entry.path))  # what the window opens
    notes.load()
    assert [a.id for a in notes.annotations()] == [added.stdout.strip()]


def test_chapter_titles_from_a_sidecar_never_reach_the_terminal_as_control_codes(
        tmp_path: Path) -> None:
    """A user chapter titled with ESC sequences and a line break (another tool's sidecar):
    `chapters` prints it escaped, on its own row, as error lines are (errors.printable)."""
    path = _copy(tmp_path)
    store = AnnotationStore(load_transcript(path))
    store.load()
    store.add_chapter(200, "Turn\x1b]0;pwned\x07\x1b[2J\nover")
    store.save()
    result = _run("chapters", str(path))
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    row = next(line for line in result.stdout.splitlines() if "Turn" in line)
    assert row.endswith("Turn\\x1b]0;pwned\\x07\\x1b[2J\\nover")
