"""The reader shows untrusted releases without fetching anything, and paints overlaps."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat

from gui.widgets.reader_view import ReaderView, is_openable
from store.highlights import add_highlight_by_quote, highlights_of_release
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.releases import get_release
from store.tags import create_tag, find_tag
from tests.gui.window_helpers import action, laid_out, open_release, select_text, select_topic

HOSTILE = (
    "Click [here](javascript:alert(1)) or [there](file:///etc/passwd).\n\n"
    '<img src="file:///etc/passwd"> <img src="https://tracker.example/pixel.gif">\n\n'
    '<script>alert("x")</script><iframe src="https://evil.example"></iframe>\n\n'
    "[The ministry](https://www.esteri.it/) says hello.\n"
)


def show(qtbot, store, markdown: str) -> ReaderView:
    saved = save_release(store, ParsedRelease(title="T", body_markdown=markdown), None)
    view = ReaderView()
    qtbot.addWidget(view)
    release = get_release(store, saved.release_id)
    view.show_release(release, highlights_of_release(store, release.id))
    return view


def test_hostile_release_loads_nothing(qtbot, store) -> None:
    view = show(qtbot, store, HOSTILE)
    view.grab()  # lay out and paint, as on screen
    assert view.refused_resources == []  # nothing was even asked for: images are gone
    assert "<img" not in view.toHtml()
    html = view.toHtml()
    assert "javascript:" not in html and "file:" not in html
    assert (
        view.loadResource(QTextDocument.ResourceType.ImageResource, QUrl("file:///etc/passwd"))
        is None
    )
    assert view.refused_resources == ["file:///etc/passwd"]
    assert "says hello" in view.toPlainText()


def test_only_web_links_leave_the_reader() -> None:
    assert is_openable(QUrl("https://www.esteri.it/"))
    assert is_openable(QUrl("http://example.org/a"))
    for url in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "mailto:a@b.c"):
        assert not is_openable(QUrl(url))


def test_overlapping_highlights_look_different_from_either_alone(qtbot, store) -> None:
    saved = save_release(
        store, ParsedRelease(title="T", body_markdown="Italy supports Ukraine firmly.\n"), None
    )
    one = create_tag(store, "One").created
    two = create_tag(store, "Two").created
    add_highlight_by_quote(store, saved.release_id, "Italy supports Ukraine", tag_ids=[one])
    add_highlight_by_quote(store, saved.release_id, "Ukraine firmly", tag_ids=[two])
    view = ReaderView()
    qtbot.addWidget(view)
    view.show_release(
        get_release(store, saved.release_id), highlights_of_release(store, saved.release_id)
    )
    formats = {}
    for word in ("Italy", "Ukraine", "firmly"):
        cursor = view.document().find(word)
        cursor.setPosition(cursor.selectionStart() + 1)
        formats[word] = cursor.charFormat()
    colours = {w: f.background().color().name() for w, f in formats.items()}
    assert len(set(colours.values())) == 3
    assert formats["Ukraine"].property(QTextFormat.Property.UserProperty) == 2
    assert formats["Ukraine"].fontUnderline()


def test_overlaps_darken_by_depth_and_keep_the_topic_colour(qtbot, window) -> None:
    """Four highlights of one topic, nested: the text shows one, two, three and four deep."""
    open_release(qtbot, window, "NATO")
    select_topic(window, "Ukraine")
    for quote in (
        "support for Ukraine and the security",
        "Ukraine and the security of the eastern",
        "the security of",
        "security",
    ):
        select_text(window, quote)
        action(window, "actionHighlight").trigger()
    assert window.highlight_panel.model.rowCount() == 4
    view = window.reader.view
    view.setTextCursor(QTextCursor(view.document()))  # no selection drawn over the text

    def format_of(text: str, after: str = "They") -> QTextCharFormat:
        cursor = view.document().find(text, view.document().find(after).selectionEnd())
        cursor.setPosition(cursor.selectionStart() + 1)
        return cursor.charFormat()

    one, two, three, four = (format_of(w) for w in ("support", "Ukraine", "the", "security"))
    topic = QColor(find_tag(window.store, "Ukraine").colour)
    assert one.background().color() == topic
    assert not one.fontUnderline()
    assert [f.property(QTextFormat.Property.UserProperty) for f in (one, two, three)] == [1, 2, 3]
    assert two.fontUnderline() and three.fontUnderline()
    lightness = [f.background().color().lightness() for f in (one, two, three)]
    assert lightness[0] > lightness[1] > lightness[2]
    # Deeper than three reads as three: the text stays readable under a dozen highlights.
    assert four.background() == three.background()
    assert format_of("of", after="security").fontUnderline()  # two deep again after it
    assert format_of("eastern").background().color() == topic


def test_the_text_keeps_its_width_from_a_short_release_to_a_long_one(qtbot, store) -> None:
    short, long = (
        save_release(store, ParsedRelease(title=title, body_markdown=body), None).release_id
        for title, body in (("Short", "One line.\n"), ("Long", "A paragraph of text.\n\n" * 80))
    )
    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    widths = []
    for release_id in (short, long, short):
        view.show_release(get_release(store, release_id), [])
        qtbot.waitUntil(lambda: laid_out(view))  # a bar that came or went would be there now
        widths.append(view.viewport().width())
    assert widths[0] == widths[1] == widths[2]


def test_repainting_the_highlights_keeps_the_reading_position_at_the_end(qtbot, store) -> None:
    """A highlight removed while reading the end of a long release: the text stays put."""
    sentence = "The ministers discussed maritime security, trade and the situation in the region. "
    body = "".join(f"Paragraph {n}. {sentence * 3}\n\n" for n in range(60))
    saved = save_release(store, ParsedRelease(title="Long", body_markdown=body), None)
    release_id = saved.release_id
    for n in range(60):
        add_highlight_by_quote(store, release_id, f"Paragraph {n}. The ministers")
    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    highlights = highlights_of_release(store, release_id)
    view.show_release(get_release(store, release_id), highlights)
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: laid_out(view))  # Qt lays out the rest after showing
    bar.setValue(bar.maximum())
    reading = bar.value()
    view.repaint_highlights(highlights[1:])
    assert bar.value() == reading
    qtbot.waitUntil(lambda: laid_out(view))  # the text laid out again, the bar sized to it
    assert bar.value() == reading
