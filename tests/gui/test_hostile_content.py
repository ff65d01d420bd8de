"""Hostile releases, from every input format, are stored sanitised and shown in the real
window without a single request to a local web server or a read of a local file; only
a click on an http(s) link leaves the program, to the system browser.

``test_reader_view`` checks the reader alone on one Markdown body; here the releases come in
through the import pipeline (HTML page, Markdown, feed, JSON) and are read in the window.
"""

from __future__ import annotations

import json
import re
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextCursor

from gui.app import build_window
from gui.widgets.reader_view import ReaderView
from store.db import Store
from store.imports.pipeline import import_paths
from store.render import render_html


class _Counter(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        _Counter.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    do_HEAD = do_POST = do_GET  # noqa: N815

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server():
    """A web server on 127.0.0.1 that counts every request it receives."""
    _Counter.requests = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def hostile_html(base: str, sentinel: Path) -> str:
    """Every way a fragment of HTML might run code, fetch something or read a file."""
    file_url = sentinel.as_uri()
    return f"""
<p>Rome, 25 November 2022. The Minister met the Secretary General of NATO today and they
discussed support for Ukraine and the security of the eastern flank of the Alliance.</p>
<script>fetch("{base}/script")</script>
<iframe src="{base}/frame"></iframe>
<p onclick="fetch('{base}/onclick')" onmouseover="alert(1)">Hover and click here please.</p>
<img src="{base}/x.png" onerror="fetch('{base}/onerror')">
<img src="{file_url}"> <img src="data:image/png;base64,iVBORw0KGgo=">
<link rel="stylesheet" href="{base}/style.css">
<style>@import url("{base}/import.css"); p {{ background: url({base}/bg.png) }}</style>
<p style="background:url({base}/y)">Styled paragraph with a background image.</p>
<object data="{base}/object"></object><embed src="{base}/embed">
<svg onload="fetch('{base}/svg')"><image href="{base}/svg.png"/></svg>
<meta http-equiv="refresh" content="0;url={base}/refresh">
<a href="javascript:fetch('{base}/js')">Run this</a> and
<a href="{file_url}">open the sentinel</a> and
<a href="https://www.esteri.it/">The ministry</a> says hello.
<form action="{base}/form"><input name="q" value="x"></form>
"""


def hostile_markdown(base: str, sentinel: Path) -> str:
    return f"""---
title: Hostile Markdown <img src="{base}/title.png">
---

Rome, 25 November 2022. The Minister met the Secretary General of NATO in Rome.

![pixel]({base}/md.png) ![local]({sentinel.as_uri()})

[Run this](javascript:fetch('{base}/mdjs')) and [open the sentinel]({sentinel.as_uri()})
and <{sentinel.as_uri()}> and [The ministry](https://www.esteri.it/) says hello.

{hostile_html(base, sentinel)}
"""


def write_inputs(folder: Path, base: str, sentinel: Path) -> None:
    fragment = hostile_html(base, sentinel)
    (folder / "page.html").write_text(
        f"<html><head><title>Hostile page</title>"
        f'<link rel="stylesheet" href="{base}/head.css"><script src="{base}/head.js"></script>'
        f"</head><body><article><h1>Hostile page</h1>{fragment}</article></body></html>",
        encoding="utf-8",
    )
    (folder / "release.md").write_text(hostile_markdown(base, sentinel), encoding="utf-8")
    (folder / "feed.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/'
        'modules/content/"><channel><title>Hostile feed</title>'
        "<item><title>Hostile feed item</title><link>javascript:alert(1)</link><guid>h-1</guid>"
        f"<content:encoded><![CDATA[{fragment}]]></content:encoded></item></channel></rss>",
        encoding="utf-8",
    )
    records = [
        {
            "title": f'Hostile JSON <img src="{sentinel.as_uri()}">',
            "body_html": fragment,
            "url": "https://www.esteri.it/json",
            "id": "hostile-json-1",
        }
    ]
    (folder / "releases.json").write_text(json.dumps(records), encoding="utf-8")


FORBIDDEN = (
    "<script", "<iframe", "<img", "<link", "<style", "<object", "<embed", "<svg", "<meta",
    "<form", "onclick", "onerror", "onload", "onmouseover", "javascript:", "style=",
    "127.0.0.1", "data:image",
)  # fmt: skip
# A file: address may stay as words an author wrote, never as a link or an image.
FILE_TARGET = re.compile(r"\]\(\s*<?file:|<file:|href=\"file:|src=", re.IGNORECASE)


@pytest.fixture
def hostile_store(tmp_path: Path, server: str) -> tuple[Path, Path]:
    sentinel = tmp_path / "sentinel.png"
    sentinel.write_bytes(b"\x89PNG private")
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    write_inputs(inputs, server, sentinel)
    db_path = tmp_path / "hostile.db"
    with Store(db_path) as store:
        summary = import_paths(store, [inputs])
    assert (summary.imported, summary.skipped) == (4, [])
    return db_path, sentinel


def test_hostile_releases_are_stored_sanitised(hostile_store, server: str) -> None:
    db_path, _ = hostile_store
    with Store(db_path) as store:
        rows = store.conn.execute("SELECT title, body_markdown, text, url FROM releases").fetchall()
    assert len(rows) == 4
    for title, body, text, _url in rows:
        for shown in (body, render_html(body)):
            assert not [word for word in FORBIDDEN if word in shown.lower()], (title, shown)
            assert not FILE_TARGET.search(shown), (title, shown)
        assert "The Minister met the Secretary General of NATO" in text
        if title != "Hostile page":  # the page's extractor keeps the first paragraphs only
            assert "[The ministry](https://www.esteri.it/)" in body
    # The feed item's <link>javascript:…</link> is not kept: a release's link is a web address.
    assert sorted(url or "" for *_, url in rows) == ["", "", "", "https://www.esteri.it/json"]
    assert _Counter.requests == []


def test_the_window_shows_them_without_fetching_or_reading_anything(
    qtbot, hostile_store, server: str, monkeypatch
) -> None:
    db_path, sentinel = hostile_store
    asked: list[tuple[str, object]] = []
    original = ReaderView.loadResource

    def spy(self, kind, name):
        answer = original(self, kind, name)
        asked.append((name.toString(), answer))
        return answer

    monkeypatch.setattr(ReaderView, "loadResource", spy)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(opened.append))
    window = build_window(db_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    for row in range(window.model.rowCount()):
        window.select_row(row)
        qtbot.waitUntil(lambda r=row: window.release is not None)
        view = window.reader.view
        window.grab()  # lay out and paint everything, as on screen
        html = view.toHtml()
        assert not [w for w in ("javascript:", "127.0.0.1", "<img") if w in html.lower()]
        assert not FILE_TARGET.search(html)
        header = window.reader.header.text()  # rich text: the title is escaped into it
        assert "<img" not in header and "javascript:" not in header
        # Its only links: the header's own (correct a value, compare versions) and the
        # release's original, when it is a web address.
        targets = re.findall(r'<a href="([^"]*)"', header)
        assert len(targets) == header.count("<a ")
        assert all(
            t.startswith("communique:") or t == "https://www.esteri.it/json" for t in targets
        )
    assert asked == []  # sanitised: nothing was even asked for
    # Should an image ever get past the sanitiser, the reader asks and is refused.
    view.setHtml(
        f'<p>x</p><img src="{sentinel.as_uri()}"><img src="{server}/direct.png">'
        f'<img src="{sentinel}">'
    )
    window.grab()
    QCoreApplication.sendPostedEvents()  # what the view queued in answer has been handled
    # The server answers a request of ours, so a fetch by the window would have been counted.
    urllib.request.urlopen(f"{server}/probe", timeout=5).close()
    assert _Counter.requests == ["/probe"]
    assert {name for name, _ in asked} == {
        sentinel.as_uri(),
        f"{server}/direct.png",
        str(sentinel),
    }
    assert all(answer is None for _, answer in asked)
    assert opened == []
    window.close()
    window.store.close()


def click_text(qtbot, view: ReaderView, text: str) -> None:
    """Click the middle of the first occurrence of ``text`` in the view, as a mouse would."""
    found = view.document().find(text)
    assert not found.isNull(), text
    middle = QTextCursor(view.document())
    middle.setPosition((found.selectionStart() + found.selectionEnd()) // 2)
    point: QPoint = view.cursorRect(middle).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_only_a_click_on_a_web_link_opens_the_system_browser(
    qtbot, hostile_store, monkeypatch
) -> None:
    db_path, sentinel = hostile_store
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(opened.append))
    window = build_window(db_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    # Any release but the page, whose extractor keeps its first paragraphs only (and which,
    # dated by its "Rome, 25 November 2022." dateline, now heads the list).
    titles = [window.model.index(row, 2).data() for row in range(window.model.rowCount())]
    window.select_row(next(row for row, title in enumerate(titles) if title != "Hostile page"))
    qtbot.waitUntil(lambda: window.release is not None)
    view = window.reader.view
    assert opened == []  # showing a release opens nothing
    click_text(qtbot, view, "The ministry")
    assert [url.toString() for url in opened] == ["https://www.esteri.it/"]
    # Should a javascript: or file: link ever get past the sanitiser, a click opens nothing.
    view.setHtml(
        f'<p><a href="javascript:alert(1)">Run this</a> · <a href="{sentinel.as_uri()}">'
        'Open the sentinel</a> · <a href="data:text/html,x">Data link</a></p>'
    )
    for text in ("Run this", "Open the sentinel", "Data link"):
        click_text(qtbot, view, text)
    assert len(opened) == 1
    window.close()
    window.store.close()
