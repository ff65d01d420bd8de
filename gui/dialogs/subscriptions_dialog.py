"""The Subscriptions panel: follow a feed, a sitemap, a listing page or a folder, and look
after what is followed.

Above, the form: an address (or a folder, from the folder picker), the issuer and language
its releases get when they name none, how often to fetch it, and for a listing page the rule
that finds its release links (a CSS selector, a URL pattern or both). *Preview* shows what
following it would take now, before anything is saved; a page that is not a feed but offers
feeds lists them instead, to pick one and follow it. Below, every subscription with its
issuer, last and next fetch and how the last one went, in words; *Test*, *Fetch now*,
*Pause*/*Resume*, *Star* and *Unfollow…* (which asks first) act on the selected ones, each
change saved at once. The table is read again after each change, each fetch pass and each
write of another program.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui import settings
from gui.fetch_schedule import FetchSchedule
from gui.models.subscription_table_model import (
    FOLLOWS,
    STAR,
    STATE,
    SubscriptionTableModel,
)
from gui.operations.runner import Operations
from gui.operations.subscriptions import FollowRequest, SubscriptionEdits
from gui.subscription_preview import preview_lines
from store.changes import Changes
from store.issuers import issuer_names_by_id

# How often a subscription is fetched: the choices offered, in seconds.
INTERVALS = (
    ("every 15 minutes", 15 * 60),
    ("every 30 minutes", 30 * 60),
    ("every hour", 3600),
    ("every 3 hours", 3 * 3600),
    ("every 6 hours", 6 * 3600),
    ("every 12 hours", 12 * 3600),
    ("once a day", 24 * 3600),
)
FeedRole = Qt.ItemDataRole.UserRole + 1


class SubscriptionsDialog(QDialog):
    def __init__(
        self, operations: Operations, schedule: FetchSchedule, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ops, self.schedule = operations, schedule
        self.setObjectName("subscriptionsDialog")
        self.setWindowTitle("Subscriptions")
        self.resize(1120, 680)
        self.edits = SubscriptionEdits(operations, self)
        self.model = SubscriptionTableModel(self)

        layout = QVBoxLayout(self)
        layout.addWidget(self._build_form())
        layout.addWidget(self._build_preview(), 1)
        layout.addWidget(self._build_table(), 2)
        layout.addLayout(self._build_buttons())

        self.edits.followed.connect(self._followed)
        self.edits.feedsOffered.connect(self._offer_feeds)
        self.edits.tested.connect(self._show_test)
        self.edits.refused.connect(self._say_refused)
        self.edits.changed.connect(self.reread)
        schedule.passFinished.connect(lambda _result: self.reread())
        operations.bus.changed.connect(self._on_changes)
        operations.storeChanged.connect(lambda _store: self.reread())
        self.reread()

    # --- layout -----------------------------------------------------------------------------

    def _build_form(self) -> QGroupBox:
        box = QGroupBox("Follow", self)
        self.address_box = QLineEdit(box)
        self.address_box.setObjectName("subscriptionAddress")
        self.address_box.setAccessibleName("Address or folder to follow")
        self.address_box.setPlaceholderText(
            "A feed, sitemap or listing page address (https://…), or a folder"
        )
        self.address_box.setClearButtonEnabled(True)
        self.address_box.returnPressed.connect(self.preview)
        self.folder_button = QPushButton("F&older…", box)
        self.folder_button.setObjectName("chooseSubscriptionFolder")
        self.folder_button.clicked.connect(self.choose_folder)
        address = QHBoxLayout()
        address.addWidget(self.address_box, 1)
        address.addWidget(self.folder_button)

        self.issuer_box = QComboBox(box)
        self.issuer_box.setObjectName("subscriptionIssuer")
        self.issuer_box.setEditable(True)
        self.issuer_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.issuer_box.lineEdit().setPlaceholderText("as its releases name it")
        self.issuer_box.setToolTip(
            "The issuer its releases get when they name none (a new name makes a new issuer)"
        )
        self.language_box = QLineEdit(box)
        self.language_box.setObjectName("subscriptionLanguage")
        self.language_box.setPlaceholderText("detected")
        self.language_box.setToolTip("A language code (en, fr, it…) when its releases give none")
        self.language_box.setMinimumWidth(80)
        self.language_box.setMaximumWidth(110)
        self.every_box = QComboBox(box)
        self.every_box.setObjectName("subscriptionInterval")
        for words, seconds in INTERVALS:
            self.every_box.addItem(words, seconds)
        self.every_box.setCurrentIndex(2)  # every hour
        who = QHBoxLayout()
        who.addWidget(self.issuer_box, 3)
        who.addWidget(QLabel("Language", box))
        who.addWidget(self.language_box)
        who.addWidget(QLabel("Fetch", box))
        who.addWidget(self.every_box, 1)

        self.selector_box = QLineEdit(box)
        self.selector_box.setObjectName("subscriptionSelector")
        self.selector_box.setPlaceholderText("CSS selector, e.g. article h2 a")
        self.pattern_box = QLineEdit(box)
        self.pattern_box.setObjectName("subscriptionPattern")
        self.pattern_box.setPlaceholderText("URL pattern, e.g. */press-releases/*")
        for line in (self.selector_box, self.pattern_box):
            line.setClearButtonEnabled(True)
            line.returnPressed.connect(self.preview)
        rule = QHBoxLayout()
        rule.addWidget(self.selector_box, 1)
        rule.addWidget(self.pattern_box, 1)

        self.preview_button = QPushButton("&Preview", box)
        self.preview_button.setObjectName("previewSubscription")
        self.preview_button.setToolTip("What following it would take now; nothing is saved")
        self.preview_button.clicked.connect(self.preview)
        self.follow_button = QPushButton("&Follow", box)
        self.follow_button.setObjectName("followSubscription")
        self.follow_button.clicked.connect(self.follow)
        rule.addWidget(self.preview_button)
        rule.addWidget(self.follow_button)
        # Enter in a box previews (and in the offered feeds, follows) through the box's own
        # signal; no button may take it as the dialog's default, or Enter would also open
        # the folder picker or close the panel.
        for button in (self.folder_button, self.preview_button, self.follow_button):
            button.setAutoDefault(False)

        form = QFormLayout(box)
        # Labels with buddies: their mnemonic (Alt+A, Alt+I, Alt+R) moves to the box, and
        # the "&" is drawn as an underline instead of as itself.
        for text, buddy, row in (
            ("&Address", self.address_box, address),
            ("&Issuer", self.issuer_box, who),
            ("Listing &rule", self.selector_box, rule),
        ):
            label = QLabel(text, box)
            label.setBuddy(buddy)
            form.addRow(label, row)
        return box

    def _build_preview(self) -> QWidget:
        holder = QWidget(self)
        self.preview_label = QLabel(
            "Preview an address to see what following it would take.", holder
        )
        self.preview_label.setObjectName("subscriptionPreviewSays")
        self.preview_label.setWordWrap(True)
        self.preview_list = QListWidget(holder)
        self.preview_list.setObjectName("subscriptionPreview")
        self.preview_list.setAccessibleName("What following it would take")
        self.preview_list.itemActivated.connect(self._follow_offered)  # double-click, Enter
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.preview_list, 1)
        return holder

    def _build_table(self) -> QTableView:
        self.table = QTableView(self)
        self.table.setObjectName("subscriptionTable")
        self.table.setAccessibleName("Subscriptions")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # The state takes the room left: an error is a sentence the analyst must be able to
        # read (its whole text is the cell's tooltip too); an address reads from its start.
        header.setSectionResizeMode(STATE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(STAR, 28)
        for column, width in ((FOLLOWS, 280), (2, 170), (3, 118), (4, 118)):
            header.resizeSection(column, width)
        self.table.doubleClicked.connect(lambda _index: self.toggle_star())
        self.table.selectionModel().selectionChanged.connect(self._enable_buttons)
        return self.table

    def _build_buttons(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        self.test_button = self._button("&Test", "testSubscription", self.test_selected)
        self.fetch_button = self._button("Fetch &now", "fetchSubscriptionNow", self.fetch_now)
        self.pause_button = self._button("Pa&use", "pauseSubscription", self.toggle_pause)
        self.star_button = self._button("&Star", "starSubscription", self.toggle_star)
        self.unfollow_button = self._button("U&nfollow…", "unfollowSubscription", self.unfollow)
        for button in (
            self.test_button,
            self.fetch_button,
            self.pause_button,
            self.star_button,
            self.unfollow_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        # Delete unfollows (it asks first) where the table has the focus.
        unfollow_key = QShortcut(QKeySequence.StandardKey.Delete, self.table)
        unfollow_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        unfollow_key.activated.connect(self.unfollow)
        self._enable_buttons()
        return buttons

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # --- the table ------------------------------------------------------------------------

    def reread(self) -> None:
        """Read the subscriptions again, keeping the selected ones selected."""
        chosen = [s.id for s in self.selected()]
        self.model.reload(self.ops.store)
        selection = self.table.selectionModel()
        for subscription_id in chosen:
            row = self.model.row_of(subscription_id)
            if row is not None:
                selection.select(
                    self.model.index(row, 0),
                    selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                )
        self._enable_buttons()
        names = issuer_names_by_id(self.ops.store).values()
        typed = self.issuer_box.currentText()
        self.issuer_box.blockSignals(True)
        self.issuer_box.clear()
        self.issuer_box.addItems(list(names))
        self.issuer_box.setEditText(typed)
        self.issuer_box.blockSignals(False)

    def _on_changes(self, changes: Changes) -> None:
        if changes.elsewhere or changes.issuers:
            self.reread()

    def selected(self) -> list:
        """The subscriptions selected in the table, in its order."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.subscription(row) for row in rows if self.model.subscription(row)]

    def _enable_buttons(self) -> None:
        chosen = self.selected()
        for button in (
            self.test_button,
            self.fetch_button,
            self.pause_button,
            self.star_button,
            self.unfollow_button,
        ):
            button.setEnabled(bool(chosen))
        self.test_button.setEnabled(len(chosen) == 1)
        paused = bool(chosen) and all(s.paused for s in chosen)
        self.pause_button.setText("Res&ume" if paused else "Pa&use")
        starred = bool(chosen) and all(s.starred for s in chosen)
        self.star_button.setText("Un&star" if starred else "&Star")

    def toggle_pause(self) -> None:
        chosen = self.selected()
        pause = not all(s.paused for s in chosen)
        for subscription in chosen:
            self.edits.set_paused(subscription.id, pause)

    def toggle_star(self) -> None:
        chosen = self.selected()
        star = not all(s.starred for s in chosen)
        for subscription in chosen:
            self.edits.set_starred(subscription.id, star)

    def fetch_now(self) -> None:
        chosen = self.selected()
        if chosen:
            self.schedule.fetch_now([s.id for s in chosen])

    def unfollow(self) -> None:
        chosen = self.selected()
        if not chosen:
            return
        if len(chosen) == 1:
            question = f"Stop following {chosen[0].url}?"
        else:
            question = f"Stop following these {len(chosen)} subscriptions?"
        answer = QMessageBox.question(
            self,
            "Unfollow",
            f"{question}\n\nThe releases already fetched stay in the store.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            for subscription in chosen:
                self.edits.unfollow(subscription.id)

    def test_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            s = chosen[0]
            self._ask_test(FollowRequest(s.url, select=s.select, pattern=s.pattern))

    # --- the form ---------------------------------------------------------------------------

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Follow a folder of releases", settings.last_folder("import")
        )
        if folder:
            self.address_box.setText(folder)
            settings.remember_folder("import", folder)

    def request(self) -> FollowRequest | None:
        """What the form says to follow, or None (and a word why) when it says nothing."""
        target = self.address_box.text().strip()
        if not target:
            self._say_refused("Type an address or choose a folder first.")
            return None
        return FollowRequest(
            target=target,
            issuer=self.issuer_box.currentText().strip() or None,
            language=self.language_box.text().strip() or None,
            every=int(self.every_box.currentData()),
            select=self.selector_box.text().strip() or None,
            pattern=self.pattern_box.text().strip() or None,
        )

    def preview(self) -> None:
        request = self.request()
        if request is not None:
            self._ask_test(request)

    def _ask_test(self, request: FollowRequest) -> None:
        self.preview_list.clear()
        self.preview_label.setText(f"Looking at {request.target}…")
        self.edits.test(request)

    def follow(self) -> None:
        request = self.request()
        if request is not None:
            self.preview_label.setText(f"Following {request.target}…")
            self.edits.follow(request)

    def _followed(self, subscription) -> None:
        self.preview_label.setText(f"Following {subscription.url}; fetching it now.")
        self.preview_list.clear()
        self.address_box.clear()
        self.selector_box.clear()
        self.pattern_box.clear()
        self.reread()
        row = self.model.row_of(subscription.id)
        if row is not None:
            self.table.selectRow(row)
        self.schedule.fetch_now([subscription.id])

    def _offer_feeds(self, message: str, feeds: list) -> None:
        self.preview_list.clear()
        if not feeds:
            self.preview_label.setText(message)
            return
        self.preview_label.setText(f"{message} Double-click one (or Enter) to follow it:")
        for feed in feeds:
            item = QListWidgetItem(f"{feed.title or feed.url} — {feed.url}", self.preview_list)
            item.setData(FeedRole, feed.url)
        self.preview_list.setCurrentRow(0)

    def _follow_offered(self, item: QListWidgetItem) -> None:
        url = item.data(FeedRole)
        if url:
            self.address_box.setText(url)
            self.follow()

    def _show_test(self, request: FollowRequest, result) -> None:
        headline, lines, feeds = preview_lines(result)
        if feeds:
            self._offer_feeds(headline, feeds)
            return
        self.preview_label.setText(headline)
        self.preview_list.clear()
        self.preview_list.addItems(lines)

    def _say_refused(self, message: str) -> None:
        self.preview_label.setText(message)
