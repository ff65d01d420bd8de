"""``communique install-desktop`` puts the program in the applications menu, with its icon."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.desktop_entry import exec_argument
from cli.main import cli as communique
from resources import DESKTOP_ENTRY, DESKTOP_ID, ICON, shipped


def install(data_home: Path) -> tuple[int, str]:
    result = CliRunner().invoke(
        communique, ["install-desktop"], env={"XDG_DATA_HOME": str(data_home)}
    )
    return result.exit_code, result.output


def read_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_install_desktop_writes_the_entry_and_the_icon_and_says_where(tmp_path: Path) -> None:
    code, said = install(tmp_path)
    entry_path = tmp_path / "applications" / DESKTOP_ENTRY
    icon_path = tmp_path / "icons" / "hicolor" / "scalable" / "apps" / ICON
    assert code == 0
    assert said.splitlines() == [f"Wrote {entry_path}", f"Wrote {icon_path}"]
    assert icon_path.read_bytes() == shipped(ICON).read_bytes()
    entry = read_entry(entry_path)
    assert entry["Name"] == "Communiqué Desk" and entry["Icon"] == DESKTOP_ID
    (program,) = launcher_reads(entry["Exec"])
    assert Path(program).name == "communique" and os.access(program, os.X_OK)
    assert entry["TryExec"] == program


def test_install_desktop_again_changes_nothing(tmp_path: Path) -> None:
    install(tmp_path)
    written = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    times = [p.stat().st_mtime_ns for p in written]
    code, said = install(tmp_path)
    assert code == 0
    assert said.splitlines() == [f"Already up to date: {p}" for p in written]
    assert [p.stat().st_mtime_ns for p in written] == times
    assert not list(tmp_path.rglob("*.partial"))


def test_the_written_entry_passes_the_freedesktop_validator(tmp_path: Path) -> None:
    validator = shutil.which("desktop-file-validate")
    if validator is None and not os.environ.get("CI"):  # .ci/run installs it
        pytest.skip("desktop-file-validate (Debian: desktop-file-utils) is not installed")
    assert validator is not None, "CI installs desktop-file-utils; see .ci/run"
    install(tmp_path)
    for entry in (tmp_path / "applications" / DESKTOP_ENTRY, Path(str(shipped(DESKTOP_ENTRY)))):
        checked = subprocess.run([validator, str(entry)], capture_output=True, text=True)
        assert (checked.returncode, checked.stdout + checked.stderr) == (0, "")


@pytest.mark.parametrize(
    "program",
    [
        "/usr/bin/communique",
        "/home/ana/My Tools/communique",
        '/opt/odd "quoted" $dir/`tick`/back\\slash/communique',
        "/home/ana/100% sure/communique",
    ],
)
def test_an_exec_line_starts_the_program_whatever_its_path(program: str) -> None:
    assert launcher_reads(exec_argument(program)) == [program]


def launcher_reads(value: str) -> list[str]:
    """The arguments a launcher takes from an Exec value, by the Desktop Entry
    Specification: the string escape (\\\\ is \\) first, then double quotes inside which
    \\ escapes ", `, $ and \\; %% is a literal %."""
    value = value.replace("\\\\", "\\")
    words, word, quoted, chars = [], "", False, iter(value)
    for char in chars:
        if quoted and char == "\\":
            word += next(chars)
        elif char == '"':
            quoted = not quoted
        elif char == " " and not quoted:
            words.append(word)
            word = ""
        else:
            word += char
    return [w.replace("%%", "%") for w in [*words, word] if w]
