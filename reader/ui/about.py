"""Help ▸ About: the app's name, icon and version, what it runs on, and the licences of what
it is built with (read from the installed packages' metadata, so it stays true)."""

from __future__ import annotations

import html

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from reader import __version__
from reader.ui.app_identity import APP_NAME, app_icon

# What each dependency is for, in the order the dialog lists them. Licences come from the
# packages' metadata; these are the fallbacks when it is missing.
DEPENDENCIES: tuple[tuple[str, str, str], ...] = (
    ("PySide6-Essentials", "Qt for Python: the window",
     "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only"),
    ("shiboken6", "Qt for Python bindings", "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only"),
    ("whoosh", "full-text search", "BSD-2-Clause"),
    ("markdown", "notes in Markdown", "BSD-3-Clause"),
    ("nh3", "safe note HTML", "MIT"),
    ("rapidfuzz", "re-finding highlights", "MIT"),
    ("sentencex", "sentence boundaries", "MIT"),
    ("charset-normalizer", "text encodings", "MIT"),
    ("platformdirs", "where files live", "MIT"),
    ("filelock", "safe saving", "MIT"),
)


def licence_of(package: str, fallback: str) -> tuple[str, str]:
    """(installed version or "", licence) of ``package``."""
    from importlib import metadata  # imported when the dialog opens: it costs start-up time

    try:
        meta = metadata.metadata(package)
    except metadata.PackageNotFoundError:
        return "", fallback

    def field(name: str) -> str:
        values = meta.get_all(name) or []
        return str(values[0]).strip() if values else ""

    text = field("License-Expression") or field("License")
    text = text.splitlines()[0] if text else ""
    return field("Version"), (text if 0 < len(text) <= 80 else fallback)


def licences_html() -> str:
    rows = [f"<tr><td><b>Qt</b> {html.escape(qVersion())}</td><td>the toolkit</td>"
            "<td>LGPL-3.0-only (or commercial)</td></tr>"]
    for package, purpose, fallback in DEPENDENCIES:
        version, licence = licence_of(package, fallback)
        rows.append(f"<tr><td><b>{html.escape(package)}</b> {html.escape(version)}</td>"
                    f"<td>{html.escape(purpose)}</td><td>{html.escape(licence)}</td></tr>")
    return ("<p>Transcript Reader is free software under the MIT licence.</p>"
            "<p>Built with:</p><table cellspacing='0' cellpadding='3'>"
            + "".join(rows) + "</table>"
            "<p>Qt and Qt for Python are used under the GNU LGPL version 3; their source is "
            "at <a href='https://code.qt.io'>code.qt.io</a>.</p>")


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.setObjectName("aboutDialog")
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(72, 72))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        icon.setAccessibleName(f"{APP_NAME} icon")
        self.title = QLabel(f"<h2>{APP_NAME}</h2><p>Version {html.escape(__version__)}</p>"
                            "<p>Read, search and annotate interview and podcast transcripts."
                            "</p>")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        import platform

        runtime = QLabel(f"Python {platform.python_version()} · Qt {qVersion()} · "
                         f"PySide6 {pyside_version}")
        runtime.setAlignment(Qt.AlignmentFlag.AlignCenter)
        runtime.setEnabled(False)
        self.licences = QTextBrowser()
        self.licences.setAccessibleName("Licences")
        self.licences.setOpenExternalLinks(True)
        self.licences.setHtml(licences_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(icon)
        layout.addWidget(self.title)
        layout.addWidget(runtime)
        layout.addWidget(self.licences, 1)
        layout.addWidget(buttons)
        self.resize(560, 560)


def show_about(parent: QWidget) -> AboutDialog:
    """Show the (non-modal) About dialog, one per window."""
    dialog = parent.findChild(AboutDialog)
    if dialog is None:
        dialog = AboutDialog(parent)
    dialog.show()
    dialog.raise_()
    return dialog
