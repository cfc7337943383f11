"""Files that are not transcripts give one line naming the file and the problem."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core.errors import TranscriptError
from reader.core.formats import decode, load_transcript

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
# Generous: reading a FIFO without the fix blocks forever; this only keeps the suite from hanging.
HANG_GUARD_SECONDS = 30


def _error(path: Path) -> str:
    with pytest.raises(TranscriptError) as info:
        load_transcript(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    return message


def _error_without_hanging(path: Path, unblock: Callable[[], None]) -> str:
    """Like _error, failing (not hanging) if reading ``path`` blocks."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            load_transcript(path)
        except BaseException as error:  # noqa: BLE001 (handed to the test thread)
            outcome.append(error)
        else:
            outcome.append(None)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(HANG_GUARD_SECONDS)
    if thread.is_alive():
        unblock()
        thread.join(HANG_GUARD_SECONDS)
        pytest.fail(f"reading {path} blocked")
    error = outcome[0]
    assert isinstance(error, TranscriptError), f"expected a TranscriptError, got {error!r}"
    message = str(error)
    assert "\n" not in message
    assert message.startswith(str(path))
    return message


def _open_writer(fifo: Path) -> Callable[[], None]:
    """Opening a FIFO for writing releases a reader blocked in open()."""
    def unblock() -> None:
        with contextlib.suppress(OSError):  # nobody is blocked any more
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    return unblock


def test_missing_file(tmp_path: Path) -> None:
    assert _error(tmp_path / "nope.txt").endswith("no such file")


def test_empty_and_blank_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"\n \r\n\t\n")
    assert _error(tmp_path / "empty.txt").endswith("is empty")
    assert _error(tmp_path / "blank.txt").endswith("is empty")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "movie.txt"
    path.write_bytes(bytes(range(256)) * 40)
    assert "binary" in _error(path)


def test_a_nul_byte_late_in_the_file_makes_it_binary(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_bytes(b"Interview\n\n" + b"Plain words here. " * 1000 + b"\x00\x01\x02 tail\n")
    assert _error(path).endswith("is a binary file, not a text transcript")


def test_folder(tmp_path: Path) -> None:
    assert "folder" in _error(tmp_path)


@needs_fifo
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    message = _error_without_hanging(fifo, _open_writer(fifo))
    assert message == f"{fifo}: is not a regular file (a FIFO)"


@needs_fifo
def test_fifo_swapped_in_after_the_type_check_is_refused_without_blocking(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The path is a regular file when checked and a FIFO when opened (a rename in between)."""
    path = tmp_path / "transcript.txt"
    path.write_text("Some words.\n", encoding="utf-8")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    real_stat = os.stat

    def stat_then_swap(target: object, *args: object, **kwargs: object) -> os.stat_result:
        result = real_stat(target, *args, **kwargs)  # type: ignore[arg-type]
        if os.fspath(target) == os.fspath(path) and fifo.exists():  # type: ignore[arg-type]
            os.replace(fifo, path)
        return result

    monkeypatch.setattr(os, "stat", stat_then_swap)
    message = _error_without_hanging(path, _open_writer(path))
    assert message == f"{path}: is not a regular file (a FIFO)"


@pytest.mark.skipif(not Path("/dev/null").exists() or sys.platform == "win32",
                    reason="no /dev/null")
def test_device_is_refused() -> None:
    assert _error(Path("/dev/null")) == "/dev/null: is not a regular file (a character device)"


def _limit() -> str:
    return f"{decode.MAX_BYTES / 2**20:g} MB"


def test_large_file_is_refused_with_its_size_and_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:  # sparse: the size is what is checked, nothing is read
        file.truncate(60 * 2**20)
    assert _error(path) == f"{path}: is 60 MB; transcripts larger than {_limit()} are not opened"


def test_file_just_over_the_limit_says_so(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * (decode.MAX_BYTES // 5) + b"x" * (decode.MAX_BYTES % 5 + 1))
    match = re.search(r": is ([\d.]+) MB; transcripts larger than ([\d.]+) MB are not opened$",
                      _error(path))
    assert match, "the size and the limit are named"
    assert f"{match[2]} MB" == _limit()
    assert float(match[1]) > float(match[2])  # not "is 1.5 MB; ... larger than 1.5 MB"


def test_file_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    sentence = b"A long interview goes on. "
    body = sentence * (decode.MAX_BYTES // len(sentence) + 1)
    path.write_bytes(b"Long\n\n" + body[: decode.MAX_BYTES - 6])
    assert path.stat().st_size == decode.MAX_BYTES
    assert decode.read_source(path).text.startswith("Long\n\nA long interview goes on.")


def test_file_that_grows_after_the_size_check_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "growing.txt"
    path.write_bytes(b"Title\n\n" + b"x" * 900)
    monkeypatch.setattr(decode, "MAX_BYTES", 1000)
    real_fstat = os.fstat

    def fstat_then_grow(descriptor: int) -> os.stat_result:
        result = real_fstat(descriptor)
        with path.open("ab") as file:  # another program appends between the check and the read
            file.write(b"y" * 5000)
        return result

    monkeypatch.setattr(os, "fstat", fstat_then_grow)
    assert "transcripts larger than" in _error(path)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root (how CI runs) no mode denies reading, so the open is made to fail as it does
    for a user without permission."""
    path = tmp_path / "secret.txt"
    path.write_text("Some words.", encoding="utf-8")
    real_open = os.open

    def open_denied(target: object, *args: object, **kwargs: object) -> int:
        if os.fspath(target) == os.fspath(path):  # type: ignore[arg-type]
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return real_open(target, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", open_denied)
    assert _error(path) == f"{path}: cannot be read (permission denied)"


def test_unreadable_file_mode_000(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Some words.", encoding="utf-8")
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything
        pytest.skip("running as a user who can read mode-000 files")
    assert _error(path) == f"{path}: cannot be read (permission denied)"


def test_other_open_errors_are_one_line(tmp_path: Path) -> None:
    path = tmp_path / "file.txt"
    path.write_text("Some words.", encoding="utf-8")
    assert _error(path / "inside.txt").endswith("cannot be read (Not a directory)")


def test_legacy_encodings_and_crlf_are_read(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Interview\r\n\r\nCafé society, naïve questions, déjà vu.\r\n".encode("cp1252"))
    transcript = load_transcript(path)
    assert transcript.title == "Interview"
    assert "Café society, naïve questions, déjà vu." in transcript.text
    assert "\r" not in transcript.text


def test_utf8_bom_is_not_part_of_the_title(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfMy Show\n\nHello there. How are you?\n")
    assert load_transcript(path).title == "My Show"
