"""``transcript-reader --install-desktop``: put the app in the desktop's application menu.

Copies ``transcript-reader.desktop`` into ``$XDG_DATA_HOME/applications`` and the SVG icon into
``$XDG_DATA_HOME/icons/hicolor/scalable/apps`` (``~/.local/share/...`` by default), with
``Exec`` pointing at the ``transcript-reader`` being run, so an install inside a virtualenv
that is not on ``PATH`` starts too. ``--uninstall-desktop`` removes both. No Qt needed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from reader.core import paths

DESKTOP_FILE = "transcript-reader.desktop"
ICON_FILE = "transcript-reader.svg"


def data_home() -> Path:
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def targets(home: Path | None = None) -> tuple[Path, Path]:
    """(where the .desktop file goes, where the icon goes)."""
    base = home or data_home()
    return (base / "applications" / DESKTOP_FILE,
            base / "icons" / "hicolor" / "scalable" / "apps" / ICON_FILE)


def launcher() -> str:
    """The command that starts this installation: the ``transcript-reader`` script beside
    this Python if there is one, else whatever ``PATH`` finds."""
    beside = Path(sys.executable).parent / "transcript-reader"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("transcript-reader") or "transcript-reader"


def desktop_entry(command: str) -> str:
    source = (paths.resources_dir() / DESKTOP_FILE).read_text("utf-8")
    quoted = f'"{command}"' if " " in command else command
    lines = []
    for line in source.splitlines():
        if line.startswith("Exec="):
            line = f"Exec={quoted} %F"
        elif line.startswith("TryExec="):
            line = f"TryExec={command}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def install(home: Path | None = None) -> list[Path]:
    desktop, icon = targets(home)
    desktop.parent.mkdir(parents=True, exist_ok=True)
    icon.parent.mkdir(parents=True, exist_ok=True)
    desktop.write_text(desktop_entry(launcher()), "utf-8")
    shutil.copyfile(paths.resources_dir() / "icons" / ICON_FILE, icon)
    _refresh_caches(desktop.parent)
    return [desktop, icon]


def uninstall(home: Path | None = None) -> list[Path]:
    removed = []
    for path in targets(home):
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed


def _refresh_caches(applications: Path) -> None:
    # Menus pick new entries up by themselves on most desktops; the database helps the rest.
    tool = shutil.which("update-desktop-database")
    if tool:
        subprocess.run([tool, "-q", str(applications)], check=False, timeout=30,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main(option: str) -> int:
    try:
        done = uninstall() if option == "--uninstall-desktop" else install()
    except OSError as error:
        print(f"transcript-reader: {option}: {error.strerror or error}", file=sys.stderr)
        return 2
    verb = "removed" if option == "--uninstall-desktop" else "installed"
    for path in done:
        print(f"{verb} {path}")
    if not done:
        print("nothing to remove")
    return 0
