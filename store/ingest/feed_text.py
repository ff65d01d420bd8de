"""An item's title and body as its feed means them, read from the item's own XML element.

feedparser folds namespaced elements into its fields: a photo's ``<media:title>`` before
the item's ``<title>`` becomes the item's title, and a ``<media:description>`` (a caption)
becomes one of its contents. So the title and the body are read here from the item's own
children, in the item's own namespace (RSS 0.9x/2.0 none, RSS 1.0's, Atom's):

- **title**: the item's ``<title>`` (else ``dc:title``), by its type. Atom ``type="text"``
  (the default) is plain text: entities decoded, a ``<`` kept as written. ``type="html"``
  is markup: tags stripped, entities decoded. ``type="xhtml"``: the text of its ``<div>``.
  An RSS title has no type; it is read as HTML when it holds a tag or an entity reference
  after XML decoding (``&lt;b&gt;``, ``&amp;amp;``: how RSS titles carry markup), else kept
  exactly as written, no-break spaces and inner spacing included (scripts match titles to
  the feed's own; only the XML indentation around the text is dropped).
- **body**: the longest of ``content:encoded``, ``description`` (RSS; ``xhtml:body`` too)
  or ``content`` and ``summary`` (Atom, by their type; a ``content`` with ``src`` holds
  nothing here). Never ``media:*``.

Relative links in a body resolve against its ``xml:base`` (inherited from enclosing
elements), else against the address the feed names as its site.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
from dataclasses import dataclass
from urllib.parse import urljoin

import nh3
from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
_ATOM_03 = "http://purl.org/atom/ns#"
_RSS_10 = "http://purl.org/rss/1.0/"
_RSS_090 = "http://my.netscape.com/rdf/simple/0.9/"
_CONTENT = "http://purl.org/rss/1.0/modules/content/"
_DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"
_XHTML = "http://www.w3.org/1999/xhtml"
# The namespaces an item's own elements can be in: RSS 0.9x and 2.0 have none.
_OWN = ("", _RSS_10, _RSS_090, ATOM, _ATOM_03)
# A tag or an entity reference left after XML decoding: the text is HTML.
_LOOKS_LIKE_HTML = re.compile(r"<[A-Za-z/!]|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z]+[0-9]*);")
# HTML's whitespace (not the no-break space, which is text).
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


@dataclass(frozen=True)
class Body:
    """An item's body as written: HTML markup (``is_html``) or plain text."""

    value: str
    is_html: bool
    base: str | None


def item_title(item: etree._Element) -> str | None:
    """The item's title as plain text, or None when it has no title element of its own."""
    element = _own_child(item, "title")
    if element is None:
        element = _child(item, _DUBLIN_CORE, "title")
    if element is None:
        return None
    kind = _kind(element)
    if kind == "xhtml":
        return _html_text(_inner_xml(element))
    text = _text(element)
    if kind == "html" or (kind == "guess" and _LOOKS_LIKE_HTML.search(text)):
        return _html_text(text)
    return text.strip(" \t\r\n")


def item_body(item: etree._Element, site: str | None) -> Body | None:
    """The item's fullest body, with the base its relative links resolve against."""
    candidates: list[Body] = []
    for element in _body_elements(item):
        kind = _kind(element)
        if element.get("src"):
            continue  # Atom content kept elsewhere: nothing here to read.
        if kind == "xhtml" or (kind == "guess" and len(element)):
            value, is_html = _inner_xml(element), True  # markup written as XML
        else:
            value = _text(element)
            is_html = kind == "html" or (kind == "guess" and bool(_LOOKS_LIKE_HTML.search(value)))
        if value.strip():
            candidates.append(Body(value, is_html, item_base(element, site)))
    return max(candidates, key=lambda body: len(body.value), default=None)


def has_full_content(item: etree._Element) -> bool:
    """Whether the item has a full-content element with text: ``content:encoded``,
    ``xhtml:body`` or an Atom ``content`` held in the feed (not a description or summary)."""
    elements = [_child(item, _CONTENT, "encoded"), _child(item, _XHTML, "body")]
    atom_content = _own_child(item, "content")
    if atom_content is not None and not atom_content.get("src"):
        elements.append(atom_content)
    return any(e is not None and "".join(e.itertext()).strip() for e in elements)


def _body_elements(item: etree._Element) -> list[etree._Element]:
    """content:encoded, description, xhtml:body (RSS) or content and summary (Atom)."""
    names = [(_CONTENT, "encoded"), (_XHTML, "body"), (_DUBLIN_CORE, "description")]
    found = [c for c in (_child(item, ns, name) for ns, name in names) if c is not None]
    for name in ("content", "description", "summary"):
        own = _own_child(item, name)
        if own is not None:
            found.insert(0 if name == "content" else len(found), own)
    return found


def _kind(element: etree._Element) -> str:
    """ "text", "html", "xhtml", or "guess" for an untyped RSS element (RSS 2.0 has no type)."""
    kind = (element.get("type") or "").strip().lower()
    mode = (element.get("mode") or "").strip().lower()  # Atom 0.3
    if kind in ("html", "text/html") or mode == "escaped":
        return "html"
    if kind in ("xhtml", "application/xhtml+xml") or kind.endswith("+xml"):
        return "xhtml"
    if kind in ("text", "text/plain"):
        return "text"
    if _namespace(element) in (ATOM, _ATOM_03):
        return "text"  # Atom's default type
    if _namespace(element) == _XHTML:
        return "xhtml"
    if _namespace(element) == _CONTENT:
        return "html"
    return "guess"


def _text(element: etree._Element) -> str:
    """The element's text as written (CDATA and character references decoded by XML)."""
    text = "".join(element.itertext())
    if (element.get("mode") or "").lower() == "base64":
        try:
            return base64.b64decode(text, validate=False).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return text
    return text


def _inner_xml(element: etree._Element) -> str:
    """The markup inside an element, as XHTML; an Atom ``<div>`` wrapper left out."""
    children = [c for c in element if isinstance(c.tag, str)]
    if (
        len(children) == 1
        and _local(children[0]) == "div"
        and not ((element.text or "").strip() or (children[0].tail or "").strip())
    ):
        element = children[0]
    parts = [html.escape(element.text or "", quote=False)]
    for child in element:
        markup = etree.tostring(child, encoding="unicode", with_tail=True)
        parts.append(_without_namespaces(markup))
    return "".join(parts)


def _without_namespaces(markup: str) -> str:
    """XHTML serialised by lxml, with the namespace declarations and prefixes HTML ignores."""
    markup = re.sub(r'\s+xmlns(?::\w+)?="[^"]*"', "", markup)
    return re.sub(r"(</?)(?:html|xhtml|h):", r"\1", markup)


def _html_text(markup: str) -> str:
    """Markup's text: tags stripped, entities decoded, HTML whitespace runs made one space."""
    text = html.unescape(nh3.clean(markup, tags=set()))
    return _HTML_SPACE.sub(" ", text).strip(" ")


def item_base(element: etree._Element, site: str | None) -> str | None:
    """The element's xml:base (inherited, resolved against the site), else the site."""
    bases = [
        ancestor.get("{http://www.w3.org/XML/1998/namespace}base")
        for ancestor in reversed(list(element.iterancestors()))
    ]
    bases.append(element.get("{http://www.w3.org/XML/1998/namespace}base"))
    base = site
    for value in filter(None, (b.strip() if b else None for b in bases)):
        base = urljoin(base, value) if base else value
    return base


def _own_child(item: etree._Element, name: str) -> etree._Element | None:
    """The item's first child of that name in its own namespace (or none)."""
    wanted = {_namespace(item), ""} & set(_OWN)
    for child in item:
        if isinstance(child.tag, str) and _local(child) == name and _namespace(child) in wanted:
            return child
    return None


def _child(item: etree._Element, namespace: str, name: str) -> etree._Element | None:
    for child in item:
        if isinstance(child.tag, str) and child.tag == f"{{{namespace}}}{name}":
            return child
    return None


def _namespace(element: etree._Element) -> str:
    tag = element.tag
    return tag[1:].partition("}")[0] if tag.startswith("{") else ""


def _local(element: etree._Element) -> str:
    return element.tag.rpartition("}")[2]
