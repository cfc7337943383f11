"""The library: first-run copy of the bundled interviews, folder scans, unreadable files."""

from __future__ import annotations

from pathlib import Path

from reader.core import paths
from reader.core.library import ensure_default_library, scan_folder
from tests.conftest import BUNDLED, EYE, LEX, SHARED


def test_bundled_interviews_are_the_users_files_byte_for_byte() -> None:
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        import pytest

        pytest.skip("../shared/seeds is not beside this checkout")
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
