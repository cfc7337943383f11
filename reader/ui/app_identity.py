"""Who the app is to the desktop: name, organisation, desktop file name and icon (one SVG,
sharp at any scale)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QIcon

from reader import __version__
from reader.core import paths

APP_NAME = "Transcript Reader"
ORGANISATION = "Transcript Reader"
DESKTOP_NAME = "transcript-reader"  # the .desktop file's name: docks group windows by it


def icon_path() -> str:
    return str(paths.resources_dir() / "icons" / "transcript-reader.svg")


def app_icon() -> QIcon:
    """The theme's icon when one is installed under our name, else the bundled SVG."""
    return QIcon.fromTheme(DESKTOP_NAME, QIcon(icon_path()))


def identify(app: QGuiApplication) -> None:
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_NAME)
    app.setWindowIcon(app_icon())
