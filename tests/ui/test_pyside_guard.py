"""PySide6 6.12.0 drops a reference to None on every void call and aborts CPython 3.11
(PYSIDE-3474). If a future dependency range lets it back in, this fails before the suite dies."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QLabel


def test_void_calls_do_not_leak_references_to_none(qapp: object) -> None:
    if sys.version_info >= (3, 12):
        pytest.skip("None is immortal from Python 3.12 on; the bug cannot bite")
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(200):
        label.setText("x")
    assert sys.getrefcount(None) >= before - 5
