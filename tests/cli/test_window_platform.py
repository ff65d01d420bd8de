"""Where the window cannot open, ``communique`` says why and what to install, and exits 2
instead of letting Qt abort the process with a core dump."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from cli.shared_libraries import needed_libraries
from cli.window_platform import (
    NO_DISPLAY,
    PACKAGES,
    missing_libraries,
    missing_libraries_paragraph,
    qt_libraries,
    window_refusal,
    xcb_plugin,
)
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="Qt's xcb plugin and its libraries are Linux's"
)

REAL_PLUGIN = xcb_plugin({})
# A library every xcb plugin needs, renamed in a copy of the plugin (same length, so the
# file stays whole) to one that no system has: the machine then lacks a library whatever
# it has installed.
PRESENT, ABSENT = b"libxcb-cursor.so.0", b"libxcb-nosuch.so.0"


def desktop_without_wayland(**extra: str) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "DISPLAY", "QT_PLUGIN_PATH")
    }
    return env | extra


@pytest.fixture
def plugin_folder(tmp_path: Path) -> Path:
    """A Qt plugin folder whose xcb plugin needs a library that does not exist anywhere."""
    assert REAL_PLUGIN is not None, "the installed PySide6 carries no xcb plugin"
    data = REAL_PLUGIN.read_bytes()
    assert PRESENT + b"\0" in data
    copy = tmp_path / "plugins" / "platforms" / "libqxcb.so"
    copy.parent.mkdir(parents=True)
    copy.write_bytes(data.replace(PRESENT + b"\0", ABSENT + b"\0"))
    return tmp_path / "plugins"


def run_communique(env: dict[str, str], db: Path) -> subprocess.CompletedProcess[str]:
    """The installed ``communique`` script where there is one (pip install -e), else the
    same entry point through ``python -m cli``."""
    script = Path(sys.executable).with_name("communique")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "cli"]
    return subprocess.run(
        [*command, "--db", str(db)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_plugins_needed_libraries_are_read_from_its_own_file() -> None:
    needed = needed_libraries(REAL_PLUGIN)
    assert "libxcb.so.1" in needed and "libQt6XcbQpa.so.6" in needed
    readelf = shutil.which("readelf")
    if readelf:  # binutils' own reading of the same entries
        listing = subprocess.run(
            [readelf, "-d", str(REAL_PLUGIN)], capture_output=True, text=True, check=True
        ).stdout
        expected = [
            line.split("[", 1)[1].rstrip("]") for line in listing.splitlines() if "(NEEDED)" in line
        ]
        assert needed == expected


def test_communique_names_the_missing_libraries_and_their_packages_and_exits_2(
    tmp_path: Path, plugin_folder: Path
) -> None:
    # Nothing listens on this display: were the check not made, Qt would abort.
    env = desktop_without_wayland(DISPLAY=":97", QT_PLUGIN_PATH=str(plugin_folder))
    done = run_communique(env, tmp_path / "store.db")
    assert done.returncode == 2, done.stderr  # not -SIGABRT, so no core dump
    assert done.returncode != -signal.SIGABRT
    assert done.stdout == ""
    said = done.stderr
    assert ABSENT.decode() in said and "whichever provides libxcb-nosuch.so.0" in said
    # The libraries this machine really lacks (this one lacks libxcb-icccm4 and
    # libxcb-keysyms1), with the lines that install them.
    really_missing = missing_libraries(REAL_PLUGIN, qt_libraries())
    apt_line = next((line for line in said.splitlines() if "sudo apt install" in line), "")
    dnf_line = next((line for line in said.splitlines() if "sudo dnf install" in line), "")
    for name in really_missing:
        assert name in said
        assert PACKAGES[name][0] in apt_line.split() and PACKAGES[name][1] in dnf_line.split()
    assert "Qt's X11 platform plugin (xcb)" in said and "\n\n" not in said  # one paragraph
    assert not (tmp_path / "store.db").exists()  # refused before anything was opened


def test_with_no_display_at_all_communique_says_so_in_one_sentence(tmp_path: Path) -> None:
    done = run_communique(desktop_without_wayland(), tmp_path / "store.db")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == NO_DISPLAY + "\n"
    assert not (tmp_path / "store.db").exists()


def test_only_the_platform_qt_will_use_is_checked(plugin_folder: Path) -> None:
    broken_x11 = {"DISPLAY": ":0", "QT_PLUGIN_PATH": str(plugin_folder)}
    assert "libxcb-nosuch.so.0" in window_refusal(broken_x11)
    assert "libxcb-nosuch.so.0" in window_refusal(broken_x11 | {"QT_QPA_PLATFORM": "xcb"})
    assert window_refusal(broken_x11 | {"QT_QPA_PLATFORM": "offscreen"}) is None
    assert window_refusal(broken_x11 | {"QT_QPA_PLATFORM": "wayland;xcb"}) is None
    assert window_refusal(broken_x11 | {"WAYLAND_DISPLAY": "wayland-0"}) is None
    assert window_refusal({"QT_QPA_PLATFORM": "xcb"}) == NO_DISPLAY
    assert window_refusal({}) == NO_DISPLAY


def test_libraries_needed_through_the_bundled_qt_libraries_are_checked_too(
    tmp_path: Path, plugin_folder: Path
) -> None:
    # As libQt6XcbQpa needs libxcb-icccm: a plugin whose Qt library (from the folder of
    # bundled ones) needs a library that is missing.
    bundled = tmp_path / "bundled"
    bundled.mkdir()
    (bundled / "libQt6Fake.so.6").write_bytes((plugin_folder / "platforms/libqxcb.so").read_bytes())
    top = tmp_path / "top.so"
    top.write_bytes(
        REAL_PLUGIN.read_bytes().replace(b"libQt6XcbQpa.so.6\0", b"libQt6Fake.so.6\0\0\0")
    )
    assert "libxcb-nosuch.so.0" in missing_libraries(top, bundled)


def test_the_paragraph_gives_both_install_lines_for_every_known_library() -> None:
    said = missing_libraries_paragraph(["libxcb-icccm.so.4", "libxcb-keysyms.so.1"])
    assert "needs libxcb-icccm.so.4 and libxcb-keysyms.so.1" in " ".join(said.split())
    assert "sudo apt install libxcb-icccm4 libxcb-keysyms1" in said
    assert "sudo dnf install xcb-util-wm xcb-util-keysyms" in said
    assert "whichever provides" not in said
