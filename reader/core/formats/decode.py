"""Source bytes -> normalised text, or a one-line error saying why not.

Reading takes regular files only, never more than MAX_BYTES + 1 bytes, and never blocks on a
FIFO or device. The encoding is decided by evidence, strongest first:

1. a byte order mark (UTF-32 before UTF-16: the UTF-32 LE mark starts with the UTF-16 LE one);
2. NUL bytes: text only if the file is mostly-ASCII UTF-32 or UTF-16 without a mark, else binary;
3. strict UTF-8;
4. UTF-8 with a handful of bad sequences, when the rest of the file shows it is UTF-8; the bad
   bytes become U+FFFD and a note says so;
5. a Western single-byte encoding (cp1252, ISO-8859-15, Mac Roman) chosen by charset-normalizer,
   or cp1252 for short files where its statistics say little.
"""

from __future__ import annotations

import codecs
import hashlib
import math
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from reader.core.errors import TranscriptError
from reader.core.model import LINE_BREAKS

# Opening a transcript parses it and lays out the whole document on the GUI thread; both grow
# linearly with size. benchmarks/transcript_size_limit.py (raw text, 2 cores) measured parse +
# full layout at about 0.5 s for 1 MB, 0.8 s for 1.5 MB, 1 s for 2 MB and 2.2 s for 4 MB (CPU
# medians). A 10-hour podcast is about 1 MB: 1.5 MB keeps the longest real transcripts while
# the largest file accepted still opens in under a second.
MAX_BYTES = 3 * 2**19  # 1.5 MB

# "A handful" of bad UTF-8 sequences: a few corrupt or stray bytes in a UTF-8 file, not a file
# in another encoding (those have a bad sequence at nearly every non-ASCII character).
MAX_BAD_UTF8_SEQUENCES = 8

# Below this size charset-normalizer's statistics often find nothing (or a Central European
# code page for one accented letter); a short Western file is then read as cp1252.
SHORT_FILE_BYTES = 1024
WESTERN_ENCODINGS = ("cp1252", "iso8859_15", "mac_roman")

# Never blocks on a FIFO or a device swapped in after the type check; no controlling terminal;
# bytes as they are on Windows (where the first two flags do not exist).
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_BINARY", 0))
_READ_CHUNK = 2**20

_FILE_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)

# Bytes that are punctuation in cp1252 and control characters in the ISO-8859 code pages.
_CP1252_ONLY = re.compile(b"[\x80-\x9f]")

_BOMS = (  # UTF-32 first: BOM_UTF32_LE starts with BOM_UTF16_LE
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

# Control characters that no text file holds (tab and the line breaks are fine): finding one
# means the encoding guess, or the idea that the file is text, is wrong.
_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")

# Every character Python or Qt treats as a line break becomes "\n", so a block never holds one.
_LINE_BREAKS_TO_NEWLINE = str.maketrans(dict.fromkeys(sorted(LINE_BREAKS - {"\n"}), "\n"))


@dataclass(frozen=True, slots=True)
class SourceText:
    path: Path
    text: str  # line breaks normalised to "\n"; BOM removed
    fingerprint: str  # sha256 of the raw bytes
    # One line each: what reading had to change that the user should know about, e.g.
    # "3 bytes that are not UTF-8 were replaced by �".
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    notes: tuple[str, ...] = ()


def read_source(path: Path) -> SourceText:
    raw = read_regular_file(path)
    decoded = decode_text(path, raw)
    return SourceText(path, decoded.text, hashlib.sha256(raw).hexdigest(), decoded.notes)


def read_regular_file(path: Path) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most MAX_BYTES."""
    try:
        _require_regular_file(path, os.stat(path).st_mode)
        descriptor = os.open(path, _OPEN_FLAGS)
        try:
            # Checked again on what was opened: the path may have changed since the stat.
            opened = os.fstat(descriptor)
            _require_regular_file(path, opened.st_mode)
            _require_small(path, opened.st_size)
            raw = _read_at_most(descriptor, MAX_BYTES + 1)
        finally:
            os.close(descriptor)
    except FileNotFoundError:
        raise TranscriptError(path, "no such file") from None
    except PermissionError:
        raise TranscriptError(path, "cannot be read (permission denied)") from None
    except OSError as error:
        raise TranscriptError(path, f"cannot be read ({error.strerror or error})") from None
    if len(raw) > MAX_BYTES:  # it grew after the size check (or its size was not told)
        raise TranscriptError(path, f"is over {_megabytes(MAX_BYTES)}; {_too_large_rule()}")
    return raw


def decode_bytes(path: Path, raw: bytes) -> str:
    """The text of ``raw`` (see :func:`decode_text`), without the notes."""
    return decode_text(path, raw).text


def decode_text(path: Path, raw: bytes) -> DecodedText:
    """Text with line breaks normalised to "\\n" and the BOM removed, plus notes on anything
    else that had to change; raises TranscriptError when ``raw`` is not text."""
    if not raw.strip():
        raise TranscriptError(path, "is empty")
    decoded = _decode(path, raw)
    text = decoded.text.replace("\r\n", "\n").translate(_LINE_BREAKS_TO_NEWLINE)
    if not text.strip():
        raise TranscriptError(path, "is empty")
    return DecodedText(text, decoded.notes)


def _decode(path: Path, raw: bytes) -> DecodedText:
    for bom, encoding, name in _BOMS:
        if raw.startswith(bom):
            return _decode_with_bom(path, raw[len(bom):], encoding, name)
    if b"\x00" in raw:
        text = _unicode_without_bom(raw)
        if text is None:
            raise TranscriptError(path, "is a binary file, not a text transcript")
        return DecodedText(text)
    try:
        return DecodedText(raw.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _utf8_with_a_few_bad_bytes(raw, needs_evidence=True)
    if mostly_utf8 is not None:
        return mostly_utf8
    return DecodedText(_western(path, raw))


def _decode_with_bom(path: Path, body: bytes, encoding: str, name: str) -> DecodedText:
    try:
        decoded = DecodedText(body.decode(encoding))
    except UnicodeDecodeError:
        mostly_utf8 = (_utf8_with_a_few_bad_bytes(body, needs_evidence=False)
                       if encoding == "utf-8" else None)
        if mostly_utf8 is None:
            raise TranscriptError(path, f"is not valid {name} text") from None
        decoded = mostly_utf8
    if "\x00" in decoded.text:
        raise TranscriptError(path, "is a binary file, not a text transcript")
    return DecodedText(decoded.text.lstrip("\ufeff"), decoded.notes)


def _unicode_without_bom(raw: bytes) -> str | None:
    """UTF-32 or UTF-16 text without a byte order mark, recognised only when mostly ASCII (its
    NUL bytes then fall in a pattern no binary file keeps up), else None."""
    for encoding, unit in (("utf-32-le", 4), ("utf-32-be", 4), ("utf-16-le", 2),
                           ("utf-16-be", 2)):
        if len(raw) % unit:
            continue
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        ascii_count = len(text.encode("ascii", "ignore"))
        if ascii_count * 2 >= len(text) and not _NOT_TEXT.search(text):
            return text
    return None


def _utf8_with_a_few_bad_bytes(raw: bytes, needs_evidence: bool) -> DecodedText | None:
    """UTF-8 with its few bad sequences replaced by U+FFFD and a note, or None if there are
    more than MAX_BAD_UTF8_SEQUENCES. With ``needs_evidence`` the file must also hold at least
    as many valid multi-byte characters as bad sequences: a file that is ASCII apart from a
    few stray high bytes is a single-byte encoding ("bostr\\xf6m" is Boström in Latin-1)."""
    bad_spans = _bad_utf8_spans(raw, MAX_BAD_UTF8_SEQUENCES)
    if not bad_spans:
        return None
    text = raw.decode("utf-8", "replace")
    if needs_evidence:
        non_ascii = len(text) - len(text.encode("ascii", "ignore"))
        if non_ascii - len(bad_spans) < len(bad_spans):
            return None
    bad_bytes = sum(end - start for start, end in bad_spans)
    note = ("1 byte that is not UTF-8 was replaced by \ufffd" if bad_bytes == 1 else
            f"{bad_bytes} bytes that are not UTF-8 were replaced by \ufffd")
    return DecodedText(text, (note,))


def _bad_utf8_spans(raw: bytes, limit: int) -> list[tuple[int, int]]:
    """(start, end) of each bad sequence as the "replace" error handler sees them; empty if
    there are none or more than ``limit``."""
    spans: list[tuple[int, int]] = []
    view = memoryview(raw)
    offset = 0
    while True:
        try:
            codecs.utf_8_decode(view[offset:], "strict", True)
        except UnicodeDecodeError as error:
            spans.append((offset + error.start, offset + error.end))
            if len(spans) > limit:
                return []
            offset += error.end
        else:
            return spans


def _western(path: Path, raw: bytes) -> str:
    best = from_bytes(raw, cp_isolation=list(WESTERN_ENCODINGS)).best()
    if best is not None and best.encoding in WESTERN_ENCODINGS:
        encoding: str | None = best.encoding
    elif len(raw) < SHORT_FILE_BYTES:
        encoding = "cp1252"
    else:
        encoding = None
    if encoding == "cp1252" and _euro_sign_in_latin9(raw):
        encoding = "iso8859_15"
    try:
        text = raw.decode(encoding) if encoding else None
    except UnicodeDecodeError:  # bytes cp1252 leaves undefined
        text = None
    if text is None or _NOT_TEXT.search(text):
        raise TranscriptError(path, "is not a text file (no text encoding fits its bytes)")
    return text


def _euro_sign_in_latin9(raw: bytes) -> bool:
    """cp1252 and ISO-8859-15 share their letters; a file with 0xA4 (the euro sign in
    ISO-8859-15, a rare currency sign in cp1252) and none of cp1252's own 0x80-0x9F
    punctuation is ISO-8859-15."""
    return b"\xa4" in raw and _CP1252_ONLY.search(raw) is None


def _read_at_most(descriptor: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    remaining = limit
    while remaining > 0:
        chunk = os.read(descriptor, min(remaining, _READ_CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _megabytes(size: int) -> str:
    tenths = math.ceil(size * 10 / 2**20)  # rounded up, so a file just over the limit says so
    return f"{tenths // 10} MB" if tenths % 10 == 0 else f"{tenths / 10:.1f} MB"


def _too_large_rule() -> str:
    return f"transcripts larger than {_megabytes(MAX_BYTES)} are not opened"


def _require_small(path: Path, size: int) -> None:
    if size > MAX_BYTES:
        raise TranscriptError(path, f"is {_megabytes(size)}; {_too_large_rule()}")


def _require_regular_file(path: Path, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise TranscriptError(path, "is a folder, not a transcript file")
    kind = next((name for test, name in _FILE_KINDS if test(mode)), "an unknown kind of file")
    raise TranscriptError(path, f"is not a regular file ({kind})")
