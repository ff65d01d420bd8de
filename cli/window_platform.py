"""Can the window open here? Asked before Qt is loaded, because Qt cannot say it gently.

When Qt finds no display, or its X11 platform plugin (xcb) lacks a system library, it prints
its own lines and aborts the process with a core dump. ``communique`` asks first, without
Qt: which platform Qt will use (``QT_QPA_PLATFORM``, else Wayland where a Wayland session
is running, else X11), whether there is a display for it, and which libraries the installed
xcb plugin needs that this system cannot load; then it says what to install, in one
paragraph, and exits 2.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import textwrap
from collections.abc import Mapping
from pathlib import Path

from cli.shared_libraries import needed_libraries, unloadable

XCB_PLUGIN = Path("platforms") / "libqxcb.so"

NO_DISPLAY = (
    "communique: there is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so "
    "the window cannot open; start it from a desktop session, or use the commands, which "
    "need none (communique --help)."
)

# The system package that ships each library the xcb plugin and Qt's GUI library load,
# as (Debian and Ubuntu, Fedora). The Debian names were checked with apt-cache on Debian 12;
# the Fedora ones against a Red Hat family package list (see the README).
PACKAGES: dict[str, tuple[str, str]] = {
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
}


def window_refusal(environ: Mapping[str, str] | None = None) -> str | None:
    """What stops the window from opening here, as the text to print; None when nothing
    known does (or this is not Linux, where Qt's plugins need no system libraries)."""
    environ = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return None
    platform = platform_qt_will_use(environ)
    if platform != "xcb":
        return None
    if not environ.get("DISPLAY"):
        return NO_DISPLAY
    plugin = xcb_plugin(environ)
    if plugin is None:
        return None
    missing = missing_libraries(plugin, qt_libraries())
    return missing_libraries_paragraph(missing) if missing else None


def platform_qt_will_use(environ: Mapping[str, str]) -> str:
    """The platform plugin Qt tries first: ``QT_QPA_PLATFORM`` ("wayland;xcb" tries Wayland
    first, "xcb:option" is X11), else Wayland in a Wayland session, else X11.

    >>> platform_qt_will_use({"QT_QPA_PLATFORM": "offscreen"})
    'offscreen'
    >>> platform_qt_will_use({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"})
    'wayland'
    >>> platform_qt_will_use({"DISPLAY": ":0"})
    'xcb'
    """
    chosen = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen
    return "wayland" if environ.get("WAYLAND_DISPLAY") else "xcb"


def xcb_plugin(environ: Mapping[str, str]) -> Path | None:
    """The xcb plugin file Qt will load: from ``QT_QPA_PLATFORM_PLUGIN_PATH``, else the first
    folder of ``QT_PLUGIN_PATH`` that has one, else the installed PySide6's own."""
    folders = []
    if environ.get("QT_QPA_PLATFORM_PLUGIN_PATH"):
        folders.append(Path(environ["QT_QPA_PLATFORM_PLUGIN_PATH"]) / XCB_PLUGIN.name)
    for folder in environ.get("QT_PLUGIN_PATH", "").split(os.pathsep):
        if folder:
            folders.append(Path(folder) / XCB_PLUGIN)
    qt = pyside_qt_folder()
    if qt is not None:
        folders.append(qt / "plugins" / XCB_PLUGIN)
    return next((path for path in folders if path.is_file()), None)


def pyside_qt_folder() -> Path | None:
    """The Qt that the installed PySide6 wheel carries (found without importing PySide6),
    or None where PySide6 is not installed or uses a system Qt."""
    try:
        spec = importlib.util.find_spec("PySide6")
    except ImportError:
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    qt = Path(next(iter(spec.submodule_search_locations))) / "Qt"
    return qt if qt.is_dir() else None


def qt_libraries() -> Path | None:
    qt = pyside_qt_folder()
    return qt / "lib" if qt is not None else None


def missing_libraries(plugin: Path, bundled: Path | None) -> list[str]:
    """The system libraries ``plugin`` needs, directly or through the Qt libraries it loads
    from ``bundled`` (PySide6 ships those), that this system cannot load."""
    system: list[str] = []
    seen: set[str] = set()
    waiting = [plugin]
    while waiting:
        for soname in needed_libraries(waiting.pop()):
            if soname in seen:
                continue
            seen.add(soname)
            if bundled is not None and (bundled / soname).is_file():
                waiting.append(bundled / soname)
            else:
                system.append(soname)
    return unloadable(system)


def missing_libraries_paragraph(missing: list[str]) -> str:
    """The paragraph that names the missing libraries and the lines that install them.

    >>> print(missing_libraries_paragraph(["libxcb-icccm.so.4"]))  # doctest: +ELLIPSIS
    communique: the window cannot open: Qt's X11 platform plugin (xcb) needs libxcb-icccm.so.4...
        Debian, Ubuntu:  sudo apt install libxcb-icccm4
        Fedora:          sudo dnf install xcb-util-wm
    """
    known = [name for name in missing if name in PACKAGES]
    unknown = [name for name in missing if name not in PACKAGES]
    debian = list(dict.fromkeys(PACKAGES[name][0] for name in known))
    fedora = list(dict.fromkeys(PACKAGES[name][1] for name in known))
    names = ", ".join(missing[:-1]) + " and " + missing[-1] if len(missing) > 1 else missing[0]
    first = (
        f"communique: the window cannot open: Qt's X11 platform plugin (xcb) needs {names}, "
        f"which this system does not have. Install {'it' if len(missing) == 1 else 'them'} "
        "and start communique again (every command works without them, see communique --help):"
    )
    lines = textwrap.wrap(first, 92, break_long_words=False, break_on_hyphens=False)
    if debian:
        lines.append(f"    Debian, Ubuntu:  sudo apt install {' '.join(debian)}")
        lines.append(f"    Fedora:          sudo dnf install {' '.join(fedora)}")
    if unknown:
        provides = ", ".join(unknown)
        lines.append(f"    and, from your system's packages, whichever provides {provides}")
    return "\n".join(lines)
