"""GUI fixtures: a real store file with a few releases, and the real window on it.

QSettings is pointed at a temporary folder so tests never read or write the analyst's own
settings (window layout, recent stores).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from store import coder_names
from store.db import Store
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import save_release
from tests.gui.window_helpers import shown_window

RELEASES = [
    ParsedRelease(
        title="Minister meets NATO Secretary General",
        date="2022-11-25",
        source="Farnesina",
        url="https://www.esteri.it/en/news/nato",
        identity="farnesina-1",
        body_markdown=paragraphs_to_markdown(
            [
                "Rome, 25 November 2022. The Minister met the Secretary General of NATO.",
                "They discussed support for Ukraine and the security of the eastern flank.",
                "The Minister reaffirmed Italy's commitment to the Alliance.",
            ]
        ),
    ),
    ParsedRelease(
        title="Déclaration sur la sécurité 🇺🇦",
        date="2023-02-24",
        source="Diplomatie",
        identity="diplomatie-1",
        body_markdown=paragraphs_to_markdown(
            [
                "Solidarité avec l'Ukraine 🇺🇦 un an après.",
                "Sécurité européenne: la France et ses partenaires agissent ensemble.",
                "نص عربي: الأمن والاستقرار في المنطقة.",
                "Rare character 𠀋 and more text after it.\nA second line of the same paragraph.",
            ]
        ),
    ),
    ParsedRelease(
        title="Statement on maritime security",
        date="2021-06-01",
        source="State Department",
        identity="state-1",
        body_markdown=paragraphs_to_markdown(
            ["The United States welcomes the agreement on maritime security in the region."]
        ),
    ),
]


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    # A folder per test: a window layout saved by one test (a squeezed reader, say) must not
    # become the next test's starting layout.
    folder = tmp_path_factory.mktemp("settings")
    QCoreApplication.setOrganizationName("communique-desk-tests")
    QCoreApplication.setApplicationName("Communiqué Desk tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


@pytest.fixture(autouse=True)
def _no_coder_chosen():
    # The window's chosen coder name holds for the whole program: one test's choice must not
    # name the next test's highlights.
    yield
    coder_names._chosen.clear()


@pytest.fixture
def filled_db(db_path: Path) -> Path:
    """A store file holding RELEASES and two topics, closed again (the window opens it)."""
    from store.tags import create_tag

    with Store(db_path) as store:
        for parsed in RELEASES:
            save_release(store, parsed, origin_file=None)
        create_tag(store, "Ukraine")
        create_tag(store, "Security")
    return db_path


@pytest.fixture
def window(qtbot, filled_db: Path):
    with shown_window(qtbot, filled_db) as built:
        yield built
