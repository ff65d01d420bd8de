"""The window's actions as a table: name, words, keys, icon; and where each one is shown.

Read ``ACTIONS`` to find any command of the window, its shortcut and its tip; read
``MENUS`` and ``TOOLBAR`` to see where it appears (a menu entry may be a submenu of its own
entries; actions of one ``group`` are exclusive choices, one of them checked). What an
action does is not here: the window hands :class:`WindowActions` one handler per action
name (an operation, or a view step such as showing the Excerpts tab), so this module knows
no widget and no store.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar

Keys = QKeySequence.StandardKey | str
SEPARATOR = "-"


@dataclass(frozen=True)
class ActionSpec:
    """One command of the window. ``scope``: where its shortcut works (the whole window,
    or only the widgets the window adds it to)."""

    name: str
    text: str
    keys: tuple[Keys, ...] = ()
    tip: str = ""
    icon: QStyle.StandardPixmap | None = None
    checkable: bool = False
    scope: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut
    group: str = ""  # actions sharing a group are exclusive choices (reading width, say)


_Icon = QStyle.StandardPixmap

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("actionOpenStore", "&Open store…", ("Ctrl+O",)),
    ActionSpec("actionNewStore", "&New store…", ("Ctrl+N",)),
    ActionSpec(
        "actionImport",
        "&Import files…",
        ("Ctrl+I",),
        "Import release files (RSS/Atom feeds, pages, text, Markdown)",
        _Icon.SP_DialogOpenButton,
    ),
    ActionSpec(
        "actionImportFolder",
        "Import &folder…",
        ("Ctrl+Shift+I",),
        "Import every release file of a folder (RSS/Atom feeds, pages, text, Markdown)",
    ),
    ActionSpec(
        "actionExport",
        "&Export…",
        ("Ctrl+Shift+E",),
        "Export the excerpts selected in the Excerpts tab, or all that its filters show",
    ),
    ActionSpec("actionBackup", "&Back up store…"),
    # Following feeds, sitemaps, listing pages and folders (gui/following.py), and unread.
    ActionSpec(
        "actionSubscriptions",
        "&Subscriptions…",
        ("Ctrl+Shift+S",),
        "Follow feeds, sites and folders; see when each was fetched and what went wrong",
    ),
    ActionSpec(
        "actionFetchNow",
        "Fetch subscriptions &now",
        ("F5",),
        "Fetch every subscription now, due or not (F5)",
        _Icon.SP_BrowserReload,
    ),
    ActionSpec(
        "actionMarkAllRead",
        "Mark &all read",
        ("Ctrl+Shift+R",),
        "Mark every unread release read (Ctrl+Shift+R)",
    ),
    ActionSpec(
        "actionMarkUnread",
        "Mark &unread",
        ("Ctrl+U",),
        "Mark the selected release unread again (Ctrl+U)",
    ),
    ActionSpec(
        "actionMarkReadOnOpen",
        "Mark releases read when &opened",
        tip="Opening a new release marks it read; off, it stays bold until marked read",
        checkable=True,
    ),
    ActionSpec(
        "actionMergeStore",
        "&Merge a colleague's store…",
        tip="Their releases, topics and highlights, previewed first; one step to undo",
    ),  # fmt: skip
    ActionSpec("actionQuit", "&Quit", (QKeySequence.StandardKey.Quit,)),
    ActionSpec("actionUndo", "&Undo", ("Ctrl+Z",), "Undo the last change", _Icon.SP_ArrowBack),
    ActionSpec(
        "actionRedo",
        "&Redo",
        ("Ctrl+Shift+Z", "Ctrl+Y"),
        "Redo the change undone last",
        _Icon.SP_ArrowForward,
    ),
    ActionSpec(
        "actionHighlight",
        "&Highlight selection",
        ("H",),
        "Highlight the selected text with the selected topics (H; keys 1–9: topic 1–9)",
        _Icon.SP_DialogApplyButton,
    ),
    ActionSpec(
        "actionMoveHighlight",
        "&Move highlight to selection",
        ("Ctrl+M",),
        "Put the highlight selected in the list on the selected text (re-attach a lost one)",
    ),
    # Delete acts only where a highlight can be selected, so the codebook keeps its own.
    ActionSpec(
        "actionDeleteHighlight",
        "&Delete highlight",
        (QKeySequence.StandardKey.Delete,),
        "Delete the selected highlight",
        _Icon.SP_TrashIcon,
        scope=Qt.ShortcutContext.WidgetWithChildrenShortcut,
    ),
    ActionSpec("actionFind", "&Find releases", ("Ctrl+F",)),
    ActionSpec(
        "actionCorrectRelease",
        "Correct release &details…",
        ("Ctrl+Shift+D",),
        "Correct the issuer, speaker, date or language of the release being read",
    ),
    ActionSpec(
        "actionCoderName",
        "Your &Name as Coder…",
        (),
        "The name your highlights and codebook changes carry (for merging and agreement)",
    ),
    ActionSpec(
        "actionIssuers",
        "I&ssuers…",
        ("Ctrl+Shift+U",),
        "Rename, merge and split issuers, and set their country (Ctrl+Shift+U)",
    ),
    ActionSpec(
        "actionShowExcerpts",
        "E&xcerpts",
        ("Ctrl+E",),
        "Tagged excerpts across releases, with counts per topic over time (Ctrl+E)",
        checkable=True,
    ),
    ActionSpec(
        "actionShowConcordance",
        "&Concordance",
        ("Ctrl+Shift+K",),
        "Every occurrence of a phrase in context, to sort, tag and export (Ctrl+Shift+K)",
    ),
    ActionSpec(
        "actionTrends",
        "&Trends…",
        ("Ctrl+Shift+T",),
        "Phrases over time by issuer, speaker or language, and who used each first (Ctrl+Shift+T)",
    ),
    ActionSpec("actionZoomIn", "&Larger text", ("Ctrl++", "Ctrl+=")),
    ActionSpec("actionZoomOut", "&Smaller text", ("Ctrl+-",)),
    ActionSpec("actionZoomReset", "&Normal text size", ("Ctrl+0",)),
    *(
        ActionSpec(f"actionWidth{name}", text, tip=tip, group="readingWidth")
        for name, text, tip in (
            ("Narrow", "&Narrow", "Lines of about 60 characters"),
            ("Medium", "&Medium", "Lines of about 75 characters"),
            ("Wide", "&Wide", "Lines of about 95 characters"),
            ("Full", "&Full width", "Lines as wide as the reader"),
        )
    ),
    *(
        ActionSpec(f"actionAppearance{name}", text, group="appearance")
        for name, text in (("System", "&System"), ("Light", "&Light"), ("Dark", "&Dark"))
    ),
    ActionSpec(
        "actionSnapToWords",
        "Snap selections to &words",
        tip="A drag or shift-click takes whole words; hold Alt to select exact characters",
        checkable=True,
    ),
    # Keys 1–9 tag the reader's selection (or the selected highlight) with the codebook's
    # first nine topics; only in the reader, where a selection is.
    *(
        ActionSpec(
            f"actionApplyTopic{n}",
            f"Apply topic {n}",
            (str(n),),
            f"Tag the selection, or the selected highlight, with topic {n} of the codebook",
            scope=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        for n in range(1, 10)
    ),
    ActionSpec(
        "actionCompareVersions",
        "&Compare versions…",
        ("Ctrl+Shift+V",),
        "How this release's wording changed between its versions (Ctrl+Shift+V)",
    ),
    ActionSpec(
        "actionWhereElse",
        "&Where else?…",
        ("Ctrl+Shift+W",),
        "Other releases with the same wording as the selected passage, or as the whole "
        "release when nothing is selected, first appearance first (Ctrl+Shift+W)",
    ),
    # Side by side (issue 16): two releases in two aligned columns, and the counterparts.
    ActionSpec(
        "actionCompareSideBySide",
        "Compare side &by side…",
        ("Ctrl+Shift+B",),
        "Read the two releases selected in the list in two aligned columns (Ctrl+Shift+B)",
    ),
    ActionSpec(
        "actionCounterparts",
        "C&ounterparts…",
        ("Ctrl+Shift+O",),
        "Statements by other issuers about the same event as this release, best first "
        "(Ctrl+Shift+O)",
    ),
    # Statement groups (issue 16): the language versions of one statement.
    ActionSpec(
        "actionSameStatement",
        "&Same statement in other languages",
        ("Ctrl+Shift+J",),
        "Join the releases selected in the list as versions of one statement (Ctrl+Shift+J)",
    ),
    ActionSpec(
        "actionNotSameStatement",
        "&Not the same statement",
        ("Ctrl+Alt+J",),
        "Take the selected release out of its statement's language versions (Ctrl+Alt+J)",
    ),
    ActionSpec(
        "actionOneRowPerStatement",
        "One &Row per Statement",
        tip="List each statement once with its languages, or every language version",
        checkable=True,
    ),
    ActionSpec(
        "actionAgreement",
        "A&greement…",
        ("Ctrl+Shift+G",),
        "How far two coders agree (Ctrl+Shift+G)",
    ),
    ActionSpec(
        "actionShortcuts",
        "&Keyboard shortcuts",
        ("F1",),
        "Every key of the window and what it does",
    ),
    ActionSpec("actionAbout", "&About Communiqué Desk"),
)

# A menu's entries: action names, SEPARATOR, a submenu (its title and entries), or a place
# the window fills itself (the recent stores' submenu, the docks' show/hide actions), named
# with a leading "@".
Entries = tuple["str | tuple[str, Entries]", ...]
MENUS: tuple[tuple[str, Entries], ...] = (
    (
        "&File",
        (
            "actionOpenStore",
            "actionNewStore",
            "@recent",
            SEPARATOR,
            "actionImport",
            "actionImportFolder",
            "actionExport",
            "actionBackup",
            "actionMergeStore",
            SEPARATOR,
            "actionSubscriptions",
            "actionFetchNow",
            SEPARATOR,
            "actionQuit",
        ),
    ),
    (
        "&Edit",
        (
            "actionUndo",
            "actionRedo",
            SEPARATOR,
            "actionHighlight",
            "actionMoveHighlight",
            "actionDeleteHighlight",
            SEPARATOR,
            "actionFind",
            "actionMarkUnread",
            "actionMarkAllRead",
            SEPARATOR,
            "actionCorrectRelease",
            "actionIssuers",
            SEPARATOR,
            "actionSameStatement",
            "actionNotSameStatement",
            SEPARATOR,
            "actionCoderName",
        ),
    ),
    (
        "&View",
        (
            "@docks",
            "@coders",
            "actionShowExcerpts",
            "actionShowConcordance",
            "actionTrends",
            SEPARATOR,
            "actionOneRowPerStatement",
            SEPARATOR,
            "actionZoomIn",
            "actionZoomOut",
            "actionZoomReset",
            (
                "Reading &width",
                ("actionWidthNarrow", "actionWidthMedium", "actionWidthWide", "actionWidthFull"),
            ),
            (
                "&Appearance",
                ("actionAppearanceSystem", "actionAppearanceLight", "actionAppearanceDark"),
            ),
            SEPARATOR,
            "actionSnapToWords",
            "actionMarkReadOnOpen",
            SEPARATOR,
            "actionCompareVersions",
            "actionWhereElse",
            "actionCompareSideBySide",
            "actionCounterparts",
            "actionAgreement",
        ),
    ),
    ("&Help", ("actionShortcuts", SEPARATOR, "actionAbout")),
)

TOOLBAR: tuple[str, ...] = (
    "actionHighlight",
    "actionDeleteHighlight",
    SEPARATOR,
    "actionUndo",
    "actionRedo",
    SEPARATOR,
    "actionImport",
    "actionFetchNow",
)

Handler = Callable[[], None]
MenuFiller = Callable[[QMenu], None]


class WindowActions:
    """The window's QActions made from :data:`ACTIONS`, in its menus and toolbar.

    ``handlers`` gives what each action does, by name; ``places`` fills a menu's "@" entries.
    Every action is added to the window (so its shortcut works wherever the scope allows).
    """

    def __init__(
        self,
        window: QMainWindow,
        handlers: Mapping[str, Handler],
        places: Mapping[str, MenuFiller],
    ) -> None:
        missing = {spec.name for spec in ACTIONS} ^ set(handlers)
        assert not missing, f"actions and handlers differ: {sorted(missing)}"
        style = window.style()
        self._actions: dict[str, QAction] = {}
        groups: dict[str, QActionGroup] = {}
        for spec in ACTIONS:
            action = QAction(spec.text, window)
            action.setObjectName(spec.name)
            action.setShortcuts([QKeySequence(keys) for keys in spec.keys])
            action.setShortcutContext(spec.scope)
            if spec.tip:
                action.setStatusTip(spec.tip)
                action.setToolTip(spec.tip)
            if spec.icon is not None:
                action.setIcon(style.standardIcon(spec.icon))
            action.setCheckable(spec.checkable or bool(spec.group))
            if spec.group:
                if spec.group not in groups:
                    groups[spec.group] = QActionGroup(window)
                    groups[spec.group].setObjectName(spec.group)
                groups[spec.group].addAction(action)
            handler = handlers[spec.name]
            action.triggered.connect(lambda _checked=False, run=handler: run())
            if spec.scope == Qt.ShortcutContext.WindowShortcut:
                window.addAction(action)
            self._actions[spec.name] = action
        for title, entries in MENUS:
            self._fill(window.menuBar().addMenu(title), entries, places)
        bar = QToolBar("Main toolbar", window)
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._fill(bar, TOOLBAR, places)
        window.addToolBar(bar)

    def __getitem__(self, name: str) -> QAction:
        return self._actions[name]

    def all(self) -> list[QAction]:
        """Every action, in the order of :data:`ACTIONS`."""
        return list(self._actions.values())

    def _fill(self, menu: QMenu | QToolBar, entries, places: Mapping[str, MenuFiller]) -> None:
        for entry in entries:
            if isinstance(entry, tuple):
                title, inner = entry
                self._fill(menu.addMenu(title), inner, places)
            elif entry == SEPARATOR:
                menu.addSeparator()
            elif entry.startswith("@"):
                places[entry](menu)
            else:
                menu.addAction(self._actions[entry])

    def follow_undo_stack(self, stack: QUndoStack) -> None:
        """Undo and redo say what they would undo or redo, and are off when there is none."""
        for name, prefix, can, text, can_changed, text_changed in (
            (
                "actionUndo",
                "&Undo",
                stack.canUndo,
                stack.undoText,
                stack.canUndoChanged,
                stack.undoTextChanged,
            ),
            (
                "actionRedo",
                "&Redo",
                stack.canRedo,
                stack.redoText,
                stack.canRedoChanged,
                stack.redoTextChanged,
            ),
        ):
            action = self._actions[name]
            action.setEnabled(can())
            action.setText(f"{prefix} {text()}".rstrip())
            can_changed.connect(action.setEnabled)
            text_changed.connect(
                lambda words, a=action, p=prefix: a.setText(f"{p} {words}".rstrip())
            )
