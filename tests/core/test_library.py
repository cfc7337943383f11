"""The library: first-run copy of the bundled interviews, folder scans, unreadable files."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from reader.core import paths
from reader.core.errors import TranscriptError
from reader.core.library import ensure_default_library, scan_folder
from tests.conftest import BUNDLED, EYE, LEX, SHARED

# The files our user gave us, byte for byte (sha256), kept here so the check runs everywhere.
SEED_SHA256 = {
    "eye-on-ai-ilya-sutskever.txt":
        "edceb2a2ca1097c0f9f22e302ae53a0967dba940588022a25776e07b263b2110",
    "lex-fridman-94-ilya-sutskever-chapters.txt":
        "16e6c2a4cf46c8430efa64a9fcf671b57eba73b89d2444b0b463b46abbec8851",
}


def test_bundled_interviews_are_the_users_files_byte_for_byte() -> None:
    bundled = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in BUNDLED.iterdir()}
    assert bundled == SEED_SHA256
    seeds = SHARED / "seeds"
    if seeds.is_dir():  # beside the shared folder, also compare with the originals
        for seed in seeds.iterdir():
            assert (BUNDLED / seed.name).read_bytes() == seed.read_bytes()


def test_first_run_copies_both_interviews_into_the_user_data_dir(isolated_user_dirs: Path) -> None:
    library = ensure_default_library()
    assert library == paths.default_library_dir()
    assert str(library).startswith(str(isolated_user_dirs))
    assert (library / LEX.name).read_bytes() == LEX.read_bytes()
    assert (library / EYE.name).read_bytes() == EYE.read_bytes()


def test_a_deleted_interview_stays_deleted_and_user_files_are_never_overwritten() -> None:
    library = ensure_default_library()
    (library / EYE.name).unlink()
    (library / LEX.name).write_text("my edited copy\n\nWith notes.", encoding="utf-8")
    ensure_default_library()
    assert not (library / EYE.name).exists()
    assert (library / LEX.name).read_text(encoding="utf-8").startswith("my edited copy")


def test_scan_lists_titles_and_shows_and_skips_sidecars(library_dir: Path) -> None:
    (library_dir / (LEX.name + ".annotations.json")).write_text("{}", encoding="utf-8")
    (library_dir / "cover.png").write_bytes(b"\x89PNG\r\n")
    entries = scan_folder(library_dir)
    assert [(e.title, e.show) for e in entries] == [
        ("Eye On AI - Ilya Sutskever", None),
        ("Ilya Sutskever: Deep Learning | Lex Fridman Podcast #94", "Lex Fridman Podcast"),
    ]
    assert all(e.ok for e in entries)


def test_unreadable_file_is_listed_with_its_problem(library_dir: Path) -> None:
    (library_dir / "broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    broken = next(e for e in scan_folder(library_dir) if e.path.name == "broken.txt")
    assert not broken.ok
    assert broken.error == f"{library_dir / 'broken.txt'}: is a binary file, not a text transcript"


def test_rescan_reuses_unchanged_entries_and_rereads_changed_ones(library_dir: Path) -> None:
    import os

    from reader.core.library import EntryCache

    cache = EntryCache()
    first = {e.path.name: e for e in scan_folder(library_dir, cache)}
    eye = library_dir / EYE.name
    eye.write_text("Renamed Interview\n\nA new first line. Then the rest.", encoding="utf-8")
    os.utime(eye, ns=(10**18, 10**18))  # a new mtime even on coarse-grained filesystems
    second = {e.path.name: e for e in scan_folder(library_dir, cache)}
    assert second[LEX.name] is first[LEX.name]  # not read again
    assert second[EYE.name].title == "Renamed Interview"


def test_hidden_folders_and_folder_links_are_not_walked(library_dir: Path, tmp_path: Path) -> None:
    for hidden in (".stversions", ".git/objects"):
        (library_dir / hidden).mkdir(parents=True)
        (library_dir / hidden / "old-copy.txt").write_text("Old Copy\n\nWords.", "utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "elsewhere.txt").write_text("Elsewhere\n\nWords.", "utf-8")
    (library_dir / "link-to-outside").symlink_to(outside, target_is_directory=True)
    (library_dir / "link-to-root").symlink_to("/", target_is_directory=True)
    assert sorted(e.path.name for e in scan_folder(library_dir)) == [EYE.name, LEX.name]


def test_first_run_marker_is_written_only_after_the_copy_succeeds(tmp_path: Path) -> None:
    library = tmp_path / "Library"
    empty_bundle = tmp_path / "no-bundle"
    ensure_default_library(library, bundled=empty_bundle, marker_dir=tmp_path / "data")
    assert not (tmp_path / "data" / ".bundled-transcripts-copied").exists()
    ensure_default_library(library, bundled=BUNDLED, marker_dir=tmp_path / "data")
    assert sorted(p.name for p in library.iterdir()) == sorted(SEED_SHA256)
    assert (tmp_path / "data" / ".bundled-transcripts-copied").exists()


def test_a_data_folder_that_cannot_be_created_is_a_one_line_error(tmp_path: Path) -> None:
    """As root every folder is writable, so the library's parent is made a file instead:
    creating the library fails the way a read-only data folder makes it fail."""
    blocker = tmp_path / "data"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(TranscriptError) as caught:
        ensure_default_library(blocker / "Library", bundled=BUNDLED, marker_dir=blocker)
    message = str(caught.value)
    assert message.startswith(f"{blocker / 'Library'}: cannot create the library folder")
    assert "\n" not in message


def test_a_file_name_that_is_not_utf8_is_listed_with_a_printable_title(tmp_path: Path) -> None:
    odd = tmp_path / os.fsdecode(b"notitle\xff\xfe.txt")
    odd.write_text("words without a title line, and more words. then an end.\n", "utf-8")
    entry = scan_folder(tmp_path)[0]
    assert entry.ok
    assert entry.title.isprintable()
    entry.title.encode("utf-8")  # no lone surrogates: Qt and JSON can take it


def test_a_fifo_named_like_a_transcript_is_listed_with_its_problem(library_dir: Path) -> None:
    fifo = library_dir / "live-stream.txt"
    os.mkfifo(fifo)
    entry = next(e for e in scan_folder(library_dir) if e.path == fifo)
    assert entry.problem == "is not a regular file (a FIFO)"
