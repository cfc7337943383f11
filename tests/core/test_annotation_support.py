"""Shared set-up for the annotation tests (no tests here): transcripts copied into tmp folders
and edited there, and a folder that refuses writes."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core.annotations import AnnotationStore
from reader.core.formats import load_transcript
from reader.core.model import Transcript


def copy_transcript(source: Path, folder: Path, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (name or source.name)
    target.write_bytes(source.read_bytes())
    return target


def edit_transcript(path: Path, edit: Callable[[str], str]) -> Transcript:
    """Rewrite the transcript file with ``edit`` applied to its text; return it re-read."""
    text = path.read_bytes().decode("utf-8")
    path.write_bytes(edit(text).encode("utf-8"))
    return load_transcript(path)


def open_store(path: Path) -> AnnotationStore:
    store = AnnotationStore(load_transcript(path))
    store.load()
    return store


def highlight(store: AnnotationStore, phrase: str, **fields: object) -> str:
    """Highlight the first occurrence of ``phrase``; returns the new highlight's id."""
    start = store.transcript.text.index(phrase)
    return store.add_highlight(start, start + len(phrase), **fields).id  # type: ignore[arg-type]


def make_folder_read_only(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Refuse to create, rename or remove files in ``folder``, as a read-only folder does.

    The tests run as root, for whom chmod does not stop writes, so the refusal is made at the
    system-call level instead: os.open with O_CREAT (temp files, lock files), os.rename,
    os.replace, os.link and os.unlink raise PermissionError for paths in ``folder``."""
    folder = folder.resolve()

    def inside(path: object) -> bool:
        return isinstance(path, str | Path) and Path(os.path.abspath(path)).parent == folder

    def deny(name: str) -> None:
        raise PermissionError(errno.EACCES, "Permission denied (read-only test folder)", name)

    real_open, real_rename, real_replace = os.open, os.rename, os.replace
    real_link, real_unlink = os.link, os.unlink

    def fake_open(path: str | Path, flags: int, *args: int, **kwargs: int) -> int:
        if flags & os.O_CREAT and inside(path):
            deny(str(path))
        return real_open(path, flags, *args, **kwargs)

    def guard(real: Callable[..., None]) -> Callable[..., None]:
        def guarded(*paths: str | Path, **kwargs: object) -> None:
            if any(inside(p) for p in paths):
                deny(str(paths[-1]))
            real(*paths, **kwargs)
        return guarded

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "rename", guard(real_rename))
    monkeypatch.setattr(os, "replace", guard(real_replace))
    monkeypatch.setattr(os, "link", guard(real_link))
    monkeypatch.setattr(os, "unlink", guard(real_unlink))
