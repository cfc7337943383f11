"""What a `pip install` of the built wheel gets: every package, and the bundled interviews."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_every_package_under_reader_is_listed_for_the_build() -> None:
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
                 ["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "reader").rglob("__init__.py")
    }
    # resources/ is installed as reader.resources; setuptools warns ("Package would be
    # ignored") about each of its folders the list leaves out.
    resources = {"reader.resources"} | {
        f"reader.resources.{folder.name}" for folder in (REPO / "resources").iterdir()
        if folder.is_dir()}
    assert on_disk | resources == listed


def test_the_wheel_carries_the_bundled_interviews_and_a_first_run_copies_them(
        tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "-w", str(tmp_path / "dist"), str(REPO)],
                   check=True, capture_output=True, timeout=300)
    wheel = next((tmp_path / "dist").glob("transcript_reader-*.whl"))
    installed = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(installed)
    bundled = sorted(p.name for p in (REPO / "resources" / "transcripts").iterdir())
    assert [n for n in names if "/transcripts/" in n] == [
        f"reader/resources/transcripts/{name}" for name in bundled]
    data_home = tmp_path / "xdg-data"
    script = ("import reader, sys\n"
              "from reader.core.library import ensure_default_library\n"
              "library = ensure_default_library()\n"
              "print(reader.__file__)\n"
              "print(sorted(p.name for p in library.iterdir()))\n")
    env = {**os.environ, "PYTHONPATH": str(installed), "XDG_DATA_HOME": str(data_home)}
    out = subprocess.run([sys.executable, "-c", script], env=env, cwd=tmp_path,
                         capture_output=True, text=True, check=True, timeout=60).stdout
    module_file, copied = out.splitlines()
    assert module_file.startswith(str(installed))  # the wheel's copy, not the checkout
    assert copied == repr(bundled)


def test_the_wheel_installs_into_a_fresh_virtualenv_and_shows_a_bundled_interview(
        tmp_path: Path) -> None:
    """No network: the wheel is built here, installed without its dependencies, and those are
    borrowed from this virtualenv (a .pth line, which does not pull in the checkout)."""
    import sysconfig
    import venv

    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "-w", str(tmp_path / "dist"), str(REPO)],
                   check=True, capture_output=True, timeout=300)
    wheel = next((tmp_path / "dist").glob("transcript_reader-*.whl"))
    fresh = tmp_path / "fresh"
    venv.EnvBuilder(with_pip=False).create(fresh)
    python = fresh / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install",
                    "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True, timeout=300)
    site = Path(subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True).stdout.strip())
    (site / "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg-data")
    installed = site / "reader" / "resources" / "transcripts"
    interview = installed / "lex-fridman-94-ilya-sutskever-chapters.txt"
    assert interview.is_file()  # the interviews are inside the installed package
    shown = subprocess.run([str(fresh / "bin" / "transcript-reader"), "show", str(interview)],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("Ilya Sutskever: Deep Learning | Lex Fridman Podcast #94\n")
    assert "Deep learning" in shown.stdout or "deep learning" in shown.stdout

    where = subprocess.run([str(python), "-c", "import reader; print(reader.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(site))  # the wheel's copy, not the checkout

    # The icon and desktop entry travel in the wheel too, and install from there.
    desktop = subprocess.run([str(fresh / "bin" / "transcript-reader"), "--install-desktop"],
                             cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert desktop.returncode == 0, desktop.stderr
    entry = (tmp_path / "xdg-data" / "applications" / "transcript-reader.desktop").read_text()
    assert f"Exec={fresh / 'bin' / 'transcript-reader'} %F" in entry
