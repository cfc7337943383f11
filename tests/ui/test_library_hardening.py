"""The live library under the conditions a real library folder meets: the app's own saves
beside a transcript, edits by other programs, hidden and linked folders, a sync tool's churn,
file names that are not UTF-8, folders that cannot be read, paths spelt two ways."""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from pathlib import Path

from tests.conftest import EYE, LEX

LEX_TITLE = "Ilya Sutskever: Deep Learning | Lex Fridman Podcast #94"
EYE_TITLE = "Eye On AI - Ilya Sutskever"
# A sync tool's churn: a folder tree appears and vanishes every few milliseconds. It goes on
# until the list shows a transcript added meanwhile, or for at most CHURN_LIMIT_S: far longer
# than the watcher may hold a change back (2 s), so reaching the limit means the list was held.
CHURN_PAUSE_S = 0.005
CHURN_LIMIT_S = 15.0


def _titles(window) -> list[str]:
    return [e.title for e in window.library.library_model.entries()]


def _reading_place(window) -> tuple[int, int]:
    """(scroll bar value, display-text offset at the top): where the reader is."""
    return window.view.verticalScrollBar().value(), window.view.top_offset()


def _is_under(path: str, folder: Path) -> bool:
    return path == str(folder) or path.startswith(f"{folder}{os.sep}")


def _save_annotations(transcript: Path, generation: int) -> None:
    """Save ``<name>.annotations.json`` beside ``transcript`` as the app does: take a lock,
    keep a backup of the last save, write a hidden temp file, rename it over the sidecar."""
    folder, name = transcript.parent, transcript.name
    sidecar = folder / f"{name}.annotations.json"
    lock = folder / f"{name}.annotations.json.lock"
    lock.write_text(str(os.getpid()), encoding="utf-8")
    if sidecar.exists():
        shutil.copyfile(sidecar, folder / f"{name}.annotations.json.bak")
    temp = folder / f".{name}.annotations.json.{generation:04x}.tmp"
    temp.write_text(json.dumps({"generation": generation, "annotations": []}), encoding="utf-8")
    os.replace(temp, sidecar)
    lock.unlink()


def test_the_apps_own_saves_beside_the_open_transcript_change_nothing(
        launch, qtbot, scroll_by_hand, library_dir) -> None:
    window = launch(library=library_dir)
    eye = library_dir / EYE.name
    assert window.library.select_path(eye)
    blocks = window.transcript.blocks
    scroll_by_hand(window, blocks[len(blocks) // 3].start)
    opened, place = window.transcript, _reading_place(window)
    resets: list[int] = []
    window.library.library_model.modelReset.connect(lambda: resets.append(1))

    # The watcher sees the saves (the folder changed) and has its say once they settle.
    with qtbot.waitSignal(window.watcher.changed, timeout=5000):
        for generation in range(3):
            _save_annotations(eye, generation)
    assert resets == []
    assert window.transcript is opened  # not parsed and laid out again
    assert _reading_place(window) == place

    # A real change after them is seen (so the watcher was listening all along) and redraws
    # the list once; the reader stays where they were.
    (library_dir / "later.txt").write_text("A Later Episode\n\nIt came later. It ended.", "utf-8")
    qtbot.waitUntil(lambda: "A Later Episode" in _titles(window), timeout=5000)
    assert len(resets) == 1
    assert window.transcript is opened
    assert _reading_place(window) == place
    assert ".annotations" not in " ".join(str(e.path) for e in window.store.entries())


def test_an_edit_to_a_transcript_that_is_not_open_shows_in_the_list(
        launch, qtbot, scroll_by_hand, library_dir) -> None:
    window = launch(library=library_dir)
    assert window.library.select_path(library_dir / EYE.name)
    blocks = window.transcript.blocks
    scroll_by_hand(window, blocks[len(blocks) // 2].start)
    opened, place = window.transcript, _reading_place(window)
    assert LEX_TITLE in _titles(window)

    lex = library_dir / LEX.name
    first, rest = lex.read_bytes().split(b"\n", 1)
    assert first.endswith(b"Deep Learning | Lex Fridman Podcast #94")
    with open(lex, "r+b") as file:  # rewritten in place: same path, same file
        file.write(first.replace(b"Deep Learning", b"Deep Learning (revised)") + b"\n" + rest)
        file.truncate()

    revised = "Ilya Sutskever: Deep Learning (revised) | Lex Fridman Podcast #94"
    qtbot.waitUntil(lambda: revised in _titles(window), timeout=5000)
    assert LEX_TITLE not in _titles(window)
    assert window.transcript is opened  # Eye on AI stays open ...
    assert window.transcript.title == EYE_TITLE
    assert _reading_place(window) == place  # ... where the reader was


def test_hidden_folders_are_neither_listed_nor_watched(launch, library_dir) -> None:
    versions = library_dir / ".stversions" / "older"
    versions.mkdir(parents=True)
    (versions / EYE.name).write_bytes(EYE.read_bytes())
    git = library_dir / ".git"
    git.mkdir()
    (git / "description.txt").write_text("Git Description\n\nUnnamed repository. Edit it.", "utf-8")
    season = library_dir / "season-2"  # a visible subfolder: listed and watched
    season.mkdir()
    (season / "episode.txt").write_text("Season Two Episode\n\nWords. More words.", "utf-8")

    window = launch(library=library_dir)
    assert sorted(_titles(window)) == sorted([EYE_TITLE, LEX_TITLE, "Season Two Episode"])
    watched = window.watcher.watched()
    assert str(season) in watched and str(library_dir) in watched
    assert [p for p in watched if "/.stversions" in p or "/.git" in p] == []


def test_links_to_folders_outside_the_library_are_not_followed(launch, tmp_path,
                                                               library_dir) -> None:
    outside = tmp_path / "outside"
    (outside / "deeper").mkdir(parents=True)
    (outside / "elsewhere.txt").write_text("Elsewhere\n\nNot in the library. No.", "utf-8")
    (outside / "deeper" / "more.txt").write_text("Deeper Still\n\nAlso outside. Yes.", "utf-8")
    (library_dir / "linked").symlink_to(outside, target_is_directory=True)
    (library_dir / "whole-disk").symlink_to("/", target_is_directory=True)

    window = launch(library=library_dir)
    assert sorted(_titles(window)) == sorted([EYE_TITLE, LEX_TITLE])
    watched = window.watcher.watched()
    assert str(library_dir) in watched
    assert [p for p in watched
            if p == "/" or _is_under(p, outside) or _is_under(p, library_dir / "linked")
            or _is_under(p, library_dir / "whole-disk")] == []


def test_folder_churn_raises_nothing_and_does_not_hold_the_list_back(launch, qtbot,
                                                                     library_dir) -> None:
    """A sync tool creates and removes a folder tree over and over, from its own process (here
    a thread, so the window's scans really race the removals). A transcript that arrives at the
    start of the churn must be listed while the churn goes on: the watcher caps its wait."""
    window = launch(library=library_dir)
    assert window.library.select_path(library_dir / LEX.name)
    churning = library_dir / "incoming"
    stop = threading.Event()
    rounds = 0
    churn_errors: list[BaseException] = []

    def churn() -> None:
        nonlocal rounds
        deadline = time.monotonic() + CHURN_LIMIT_S
        try:
            while not stop.is_set() and time.monotonic() < deadline:
                nested = churning / "part-1" / "part-2"
                nested.mkdir(parents=True)
                (nested / "partial.txt").write_text("Partial Download\n\nHalf. Of it.", "utf-8")
                stop.wait(CHURN_PAUSE_S)
                shutil.rmtree(churning)
                rounds += 1
                stop.wait(CHURN_PAUSE_S)
        except BaseException as error:  # reported below: a broken churn proves nothing
            churn_errors.append(error)

    churner = threading.Thread(target=churn, name="sync-tool-churn", daemon=True)
    with qtbot.captureExceptions() as exceptions:
        churner.start()
        (library_dir / "arrived.txt").write_text("Arrived During Churn\n\nHello. Bye.", "utf-8")
        qtbot.waitUntil(lambda: "Arrived During Churn" in _titles(window)
                        or not churner.is_alive(), timeout=int(CHURN_LIMIT_S * 1000) + 5000)
        listed_during_churn = churner.is_alive()
        stop.set()
        churner.join()
        # Once the churn stops, the list and the watches settle on what is really there.
        qtbot.waitUntil(lambda: "Partial Download" not in _titles(window)
                        and "Arrived During Churn" in _titles(window)
                        and not [p for p in window.watcher.watched() if _is_under(p, churning)],
                        timeout=5000)
    assert churn_errors == [] and rounds > 10
    assert listed_during_churn, "the new transcript was listed only after the churn ended"
    assert not exceptions, f"{len(exceptions)} exceptions, the first: {exceptions[0][1]!r}"
    assert not churning.exists()
    assert window.transcript.title == LEX_TITLE  # the reader was not disturbed


def test_a_file_name_that_is_not_utf8_is_listed_opened_and_remembered(
        launch, qtbot, scroll_by_hand, tmp_path) -> None:
    folder = tmp_path / "odd-names"
    folder.mkdir()
    (folder / EYE.name).write_bytes(EYE.read_bytes())
    odd = folder / os.fsdecode(b"notitle\xff\xfe.txt")  # Linux allows any bytes but / and NUL
    sentence = "and so we kept training the network on more data and it kept getting better."
    odd.write_text("\n".join([sentence] * 300) + "\n", encoding="utf-8")  # no title line

    window = launch(library=folder)
    entry = next(e for e in window.library.library_model.entries() if e.path == odd)
    assert entry.ok and entry.title.isprintable() and "notitle" in entry.title.casefold()
    assert window.library.select_path(odd)
    assert window.transcript is not None and window.transcript.source == odd
    assert sentence in window.view.toPlainText()
    window.resize(720, 520)  # within the offscreen 800x600 screen
    window.splitter.setSizes([250, 470])
    left = window.splitter.sizes()  # as Qt laid it out, handles included
    blocks = window.transcript.blocks
    place = scroll_by_hand(window, blocks[len(blocks) // 2].start)
    window.close()

    again = launch(library=folder)
    assert again.transcript is not None and again.transcript.source == odd  # the last one read
    assert again.transcript.block_index_at(again.view.top_offset()) == len(blocks) // 2
    assert abs(again.view.top_offset() - place) < 120
    assert (again.width(), again.height()) == (720, 520)
    assert again.splitter.sizes() == left


def test_a_non_utf8_file_name_gives_a_printable_title_and_the_view_matches_the_text(
        launch, tmp_path) -> None:
    folder = tmp_path / "odd-names"
    folder.mkdir()
    odd = folder / os.fsdecode(b"notitle\xff\xfe.txt")
    odd.write_text("and so we kept training it. it got better.\n", encoding="utf-8")
    window = launch([odd])
    assert window.transcript.title.isprintable()
    assert window.windowTitle().startswith(window.transcript.title)
    # One coordinate system: what the view shows is the display text, character for character.
    assert window.view.toPlainText() == window.transcript.text


def test_a_library_folder_that_cannot_be_read_says_why(launch, monkeypatch,
                                                       library_dir) -> None:
    """Tests run as root, where chmod 000 does not stop reads; so the folder's listing fails
    as it does for a user without read permission: ``os.listdir`` and ``os.scandir`` raise
    PermissionError for this one folder (every other path is listed as usual)."""
    denied = os.path.realpath(library_dir)
    real_listdir, real_scandir = os.listdir, os.scandir

    def refuse(path) -> None:
        if not isinstance(path, int) and os.path.realpath(os.fspath(path)) == denied:
            raise PermissionError(13, "Permission denied", os.fspath(path))

    def listdir(path: str | os.PathLike[str] | int = ".") -> list[str]:
        refuse(path)
        return real_listdir(path)

    def scandir(path: str | os.PathLike[str] | int = "."):
        refuse(path)
        return real_scandir(path)

    monkeypatch.setattr(os, "listdir", listdir)
    monkeypatch.setattr(os, "scandir", scandir)
    window = launch(library=library_dir)
    assert window.library.library_model.rowCount() == 0
    assert window.transcript is None
    said = f"{window.view.toPlainText()}\n{window.statusBar().currentMessage()}"
    assert f"{library_dir}: " in said, said  # names the folder ...
    assert "permission denied" in said.lower(), said  # ... and why it shows nothing


def test_a_relative_library_and_an_absolute_path_inside_it_list_the_file_once(
        launch, monkeypatch, tmp_path, library_dir) -> None:
    monkeypatch.chdir(tmp_path)
    relative = Path(library_dir.name)
    lex = library_dir / LEX.name  # absolute

    # transcript-reader library /…/library/lex….txt
    named = launch([relative, lex])
    assert sorted(_titles(named)) == sorted([EYE_TITLE, LEX_TITLE])

    # transcript-reader --library library, then File ▸ Open File… on the absolute path
    window = launch(library=relative)
    assert sorted(_titles(window)) == sorted([EYE_TITLE, LEX_TITLE])
    window.add_files([lex])
    assert sorted(_titles(window)) == sorted([EYE_TITLE, LEX_TITLE])
    assert window.transcript.title == LEX_TITLE
