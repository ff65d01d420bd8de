"""``communique install-desktop``: Communiqué Desk in the desktop's applications menu.

Writes the shipped desktop entry and icon under the user's XDG data folder
(``$XDG_DATA_HOME``, else ``~/.local/share``): ``applications/communique-desk.desktop`` and
``icons/hicolor/scalable/apps/communique-desk.svg``. The entry starts the very
``communique`` that installed it, by its full path: a desktop's launcher does not always
search ``~/.local/bin``, where pipx puts the command.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
import platformdirs

from resources import DESKTOP_ENTRY, ICON, shipped

# Characters that make a desktop entry's Exec argument need quoting (Desktop Entry
# Specification, "The Exec key").
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


@click.command("install-desktop")
def install_desktop_command() -> None:
    """Add Communiqué Desk to this user's applications menu, with its icon (run it again
    after moving the program; it rewrites only what changed)."""
    data_home = platformdirs.user_data_path()
    for path, changed in install_desktop(data_home, communique_program()):
        click.echo(f"{'Wrote' if changed else 'Already up to date:'} {path}")


def install_desktop(data_home: Path, program: str) -> list[tuple[Path, bool]]:
    """Write the desktop entry (starting ``program``) and the icon under ``data_home``;
    each path written, with whether its content changed."""
    entry = desktop_entry(shipped(DESKTOP_ENTRY).read_text(encoding="utf-8"), program)
    targets = [
        (data_home / "applications" / DESKTOP_ENTRY, entry.encode("utf-8")),
        (data_home / "icons" / "hicolor" / "scalable" / "apps" / ICON, shipped(ICON).read_bytes()),
    ]
    return [(path, write_if_changed(path, content)) for path, content in targets]


def desktop_entry(template: str, program: str) -> str:
    """The shipped entry with its Exec and TryExec naming ``program``.

    >>> print(desktop_entry("Exec=communique\\nTryExec=communique\\n", "/opt/my tools/communique"))
    Exec="/opt/my tools/communique"
    TryExec=/opt/my tools/communique
    <BLANKLINE>
    """
    try_exec = program.replace("\\", "\\\\")  # a plain string value: only \ is escaped
    lines = []
    for line in template.splitlines(keepends=True):
        if line.startswith("Exec="):
            line = f"Exec={exec_argument(program)}\n"
        elif line.startswith("TryExec="):
            line = f"TryExec={try_exec}\n"
        lines.append(line)
    return "".join(lines)


def exec_argument(argument: str) -> str:
    """``argument`` as the Exec key spells it: quoted when it holds a reserved character
    (inside the quotes ", `, $ and \\ escaped), % doubled, and the value's \\ escaped again.

    >>> exec_argument("/usr/bin/communique")
    '/usr/bin/communique'
    >>> exec_argument("/home/ana/100% tools/communique")
    '"/home/ana/100%% tools/communique"'
    """
    argument = argument.replace("%", "%%")
    if _RESERVED.isdisjoint(argument):
        return argument
    inner = "".join("\\" + char if char in '"`$\\' else char for char in argument)
    return f'"{inner}"'.replace("\\", "\\\\")


def communique_program() -> str:
    """The full path of the ``communique`` being run (pipx's link, a virtualenv's script),
    else the bare name for the desktop to find on its PATH."""
    running = Path(sys.argv[0])
    if running.name == "communique" and running.is_file():
        return str(running.absolute())
    beside_python = Path(sys.executable).with_name("communique")
    return str(beside_python) if beside_python.is_file() else "communique"


def write_if_changed(path: Path, content: bytes) -> bool:
    """Write ``content`` to ``path`` through a temporary file (a desktop scanning the folder
    never sees half a file); False, touching nothing, when it is already there."""
    if path.is_file() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(content)
    os.replace(partial, path)
    return True
