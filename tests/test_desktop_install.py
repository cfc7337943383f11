"""`transcript-reader --install-desktop` puts the app in the desktop's menu, with its icon."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from reader.cli import main

REPO = Path(__file__).resolve().parents[1]


def test_install_desktop_adds_the_menu_entry_and_icon_and_uninstall_removes_them(
        isolated_user_dirs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = Path(os.environ["XDG_DATA_HOME"])
    assert main(["--install-desktop"]) == 0
    desktop = data / "applications" / "transcript-reader.desktop"
    icon = data / "icons" / "hicolor" / "scalable" / "apps" / "transcript-reader.svg"
    assert desktop.is_file() and icon.is_file()
    assert f"installed {desktop}" in capsys.readouterr().out

    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(desktop, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Name"] == "Transcript Reader" and section["Icon"] == "transcript-reader"
    command = section["Exec"].removesuffix(" %F").strip('"')
    assert shutil.which(command), command  # the menu starts this very installation
    assert icon.read_bytes() == (REPO / "resources" / "icons" / "transcript-reader.svg"
                                 ).read_bytes()
    validate = shutil.which("desktop-file-validate")
    if validate:
        subprocess.run([validate, str(desktop)], check=True)

    assert main(["--uninstall-desktop"]) == 0
    assert not desktop.exists() and not icon.exists()
