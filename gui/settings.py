"""What the window remembers between sessions: layout, splitter sizes, recent stores, and
how the analyst likes to read (text size, width, appearance, word snapping, first-run offers).

Everything goes through ``QSettings`` under the application's organisation and name (set in
``gui.app``), so tests can point it at a temporary folder with ``QSettings.setPath``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

MAX_RECENT = 8


def _settings() -> QSettings:
    return QSettings()


def save_window(window: QMainWindow, splitters: dict[str, QSplitter]) -> None:
    """Geometry, docks and toolbars, and each named splitter's sizes."""
    settings = _settings()
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    for name, splitter in splitters.items():
        settings.setValue(f"splitters/{name}", splitter.saveState())


def restore_window(window: QMainWindow, splitters: dict[str, QSplitter]) -> bool:
    """Put the layout back as it was; False when there was nothing to restore."""
    settings = _settings()
    geometry = settings.value("window/geometry")
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    state = settings.value("window/state")
    if isinstance(state, QByteArray):
        window.restoreState(state)
    for name, splitter in splitters.items():
        sizes = settings.value(f"splitters/{name}")
        if isinstance(sizes, QByteArray):
            splitter.restoreState(sizes)
    return isinstance(geometry, QByteArray)


def recent_stores() -> list[Path]:
    """Stores opened lately, most recent first, those that no longer exist left out."""
    value = _settings().value("stores/recent", [])
    names = [value] if isinstance(value, str) else list(value or [])
    return [Path(name) for name in names if Path(name).exists()]


def remember_store(path: Path) -> None:
    resolved = str(Path(path).resolve())
    names = [resolved] + [str(p) for p in recent_stores() if str(p) != resolved]
    _settings().setValue("stores/recent", names[:MAX_RECENT])


def last_folder(kind: str) -> str:
    """The folder a file dialog of this kind (import, store) last looked in."""
    return str(_settings().value(f"folders/{kind}", str(Path.home())))


def remember_folder(kind: str, path: str | Path) -> None:
    folder = Path(path)
    _settings().setValue(f"folders/{kind}", str(folder if folder.is_dir() else folder.parent))


# --- reading: what the analyst chose in the View menu, and what the first run has taught ---


def _flag(key: str, default: bool) -> bool:
    return bool(_settings().value(key, default, type=bool))


def snaps_to_words() -> bool:
    """Whether a selection in the reader takes whole words (View ▸ Snap selections to words)."""
    return _flag("reading/snap_to_words", True)


def remember_snap_to_words(on: bool) -> None:
    _settings().setValue("reading/snap_to_words", on)


def text_size() -> float | None:
    """The reader's text size in points, or None for the platform's own size."""
    value = _settings().value("reading/text_size")
    try:
        points = float(value)
    except (TypeError, ValueError):
        return None
    return points if points > 0 else None


def remember_text_size(points: float | None) -> None:
    if points is None:
        _settings().remove("reading/text_size")
    else:
        _settings().setValue("reading/text_size", points)


def choice(key: str, allowed: tuple[str, ...]) -> str:
    """A remembered choice among ``allowed`` (the first when none, or an unknown one, is)."""
    value = _settings().value(key)
    return value if value in allowed else allowed[0]


def remember_choice(key: str, value: str) -> None:
    _settings().setValue(key, value)


def was_answered(question: str) -> bool:
    """Whether the analyst has already answered (or outgrown) a first-run offer or hint."""
    return _flag(f"first_run/{question}", False)


def remember_answered(question: str) -> None:
    _settings().setValue(f"first_run/{question}", True)


# --- phrases: how the concordance and the trends match words ---


def stems_words() -> bool:
    """Whether phrases match words by their stems (the "Stem words" boxes)."""
    return _flag("phrases/stem_words", False)


def remember_stem_words(on: bool) -> None:
    _settings().setValue("phrases/stem_words", on)


def coder_name() -> str | None:
    """The name the analyst codes under in the window, if they chose one."""
    value = _settings().value("coder/name", "")
    return value if isinstance(value, str) and value.strip() else None


def remember_coder_name(name: str) -> None:
    _settings().setValue("coder/name", name)


# --- statements: one row per statement, and the language its row shows ---
INTERFACE_LANGUAGE = "en"  # the window's own words are English


def one_row_per_statement() -> bool:
    """Whether the release list shows each statement once (View ▸ One Row per Statement)."""
    return _flag("statements/one_row", False)


def remember_one_row_per_statement(on: bool) -> None:
    _settings().setValue("statements/one_row", on)


def reading_language() -> str:
    """The language a statement's row shows: that of the release the analyst opened last,
    else the interface's."""
    value = _settings().value("statements/language", "")
    return value if isinstance(value, str) and value else INTERFACE_LANGUAGE


def remember_reading_language(language: str) -> None:
    _settings().setValue("statements/language", language)


# --- following: how the window fetches, and what opening a release does ---


def allows_private_addresses() -> bool:
    """Whether fetches may reach loopback and private addresses (off: a feed cannot point
    the program at the analyst's own network; the tests turn it on for their local server)."""
    return _flag("fetching/allow_private_addresses", False)


def fetch_settings():
    """The fetcher's settings for a pass started by the window (store.fetch.FetchSettings)."""
    from store.fetch.settings import FetchSettings

    if allows_private_addresses():
        return FetchSettings.from_environment(allow_private=True)
    return FetchSettings.from_environment()  # COMMUNIQUE_ALLOW_PRIVATE=1 allows them too


def marks_read_on_open() -> bool:
    """Whether opening a release marks it read (View ▸ Mark releases read when opened)."""
    return _flag("reading/mark_read_on_open", True)


def remember_marks_read_on_open(on: bool) -> None:
    _settings().setValue("reading/mark_read_on_open", on)


# --- coders: whose highlights the window shows ---


def hidden_coders() -> frozenset[str]:
    """The coders whose highlights the window hides (View ▸ Coders)."""
    value = _settings().value("coders/hidden", [])
    names = [value] if isinstance(value, str) else value or []
    return frozenset(name for name in names if isinstance(name, str))


def remember_hidden_coders(names: frozenset[str]) -> None:
    _settings().setValue("coders/hidden", sorted(names))


def edits_colleagues_highlights() -> bool:
    """Whether colleagues' highlights may be changed here (off: they are read-only)."""
    return _flag("coders/edit_colleagues", False)


def remember_edits_colleagues_highlights(on: bool) -> None:
    _settings().setValue("coders/edit_colleagues", on)
