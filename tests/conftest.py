"""Shared fixtures. Qt runs offscreen unless the caller chose a platform (e.g. xcb under Xvfb)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "resources" / "transcripts"
LEX = BUNDLED / "lex-fridman-94-ilya-sutskever-chapters.txt"
EYE = BUNDLED / "eye-on-ai-ilya-sutskever.txt"
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own XDG data/config/cache dirs: no test touches a real user's files."""
    home = tmp_path / "home"
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    return home


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    """A library folder holding copies of both bundled interviews."""
    folder = tmp_path / "library"
    folder.mkdir()
    for source in (LEX, EYE):
        (folder / source.name).write_bytes(source.read_bytes())
    return folder


@pytest.fixture
def qapp_cleanup(qapp: object) -> Iterator[None]:
    """Close and delete top-level widgets a test leaves behind (they crash at interpreter exit)."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
