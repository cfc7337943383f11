"""A pane's small capitals title above it ("LIBRARY", "CHAPTERS"), in the muted text colour."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


def titled(title: str, widget: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 6, 0, 0)
    layout.setSpacing(2)
    label = QLabel(title.upper())
    label.setObjectName("paneTitle")
    label.setStyleSheet("color: palette(placeholder-text); font-size: 8.5pt; "
                        "font-weight: 600; letter-spacing: 1px; padding-left: 6px;")
    layout.addWidget(label)
    layout.addWidget(widget)
    return box
