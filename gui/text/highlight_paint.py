"""Highlights painted on the reader's document: topic colours, overlaps darker and underlined.

Every start and end of a highlight cuts the text into segments; a segment's look depends only
on the highlights covering it, so one pass over the cuts, keeping their count and summed
colour, gives each its format. Neighbouring segments that look the same are painted as one.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat

from gui.text.coder_marks import CoderMark
from gui.text.positions import QtRange

INK = QColor("#1a1a1a")  # text on a highlight: tag colours are light, in dark mode too


@dataclass(frozen=True)
class PaintedHighlight:
    id: int
    span: QtRange
    colour: QColor
    mark: CoderMark | None = None  # a colleague's highlight: underlined in their mark


def paint_highlights(
    document: QTextDocument,
    painted: list[PaintedHighlight],
    within: list[QtRange] | None = None,
) -> None:
    """Apply highlight backgrounds in one edit block; overlaps get a darker mix, underlined.

    The spans are cut into segments at every start and end, so a passage covered by two
    highlights is visibly different from one covered by either alone. With ``within``, only
    the segments inside those ranges are painted (over a document already painted with the
    rest: a segment's format depends only on the highlights covering it).
    """
    if not painted:
        return
    if within is not None:
        painted = [
            p for p in painted if any(p.span.start < r.end and r.start < p.span.end for r in within)
        ]
    # At each cut: how many highlights begin there minus how many end, the same for their
    # summed red, green and blue, and (with ``within``) for the ranges to paint. A segment's
    # format depends only on the running sums: one highlight's sum is its own colour.
    changes: dict[int, list[int]] = {}
    rgb_of: dict[int, tuple[int, int, int]] = {}  # by colour; _placed shares one per topic
    for item in painted:
        r, g, b = _rgb(item.colour, rgb_of)
        _shift(changes, item.span.start, 1, r, g, b, 0)
        _shift(changes, item.span.end, -1, -r, -g, -b, 0)
    for span in within or ():
        _shift(changes, span.start, 0, 0, 0, 0, 1)
        _shift(changes, span.end, 0, 0, 0, 0, -1)
    runs = _runs(changes, inside=0 if within is not None else 1)
    formats: dict[tuple[int, int, int, int], QTextCharFormat] = {}  # a few dozen, hundreds of runs
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    for left, right, key in runs:
        fmt = formats.get(key)
        if fmt is None:
            fmt = formats[key] = _format(*key)
        cursor.setPosition(left)
        cursor.setPosition(right, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)
    cursor.endEditBlock()


def _shift(changes: dict[int, list[int]], at: int, *delta: int) -> None:
    found = changes.get(at)
    if found is None:
        changes[at] = list(delta)
    else:
        for i, d in enumerate(delta):
            found[i] += d


def _runs(
    changes: dict[int, list[int]], inside: int
) -> list[tuple[int, int, tuple[int, int, int, int]]]:
    """The stretches to paint, each with the key of its format: (depth, red, green, blue).

    Neighbouring segments whose keys are equal make one stretch, so one edit paints both:
    deep overlaps share their depth and, their mixed colours being quantised, often their
    colour too.
    """
    runs = []
    count = red = green = blue = 0
    current: tuple[int, int, int, int] | None = None
    began = 0
    for at in sorted(changes):
        dn, dr, dg, db, di = changes[at]
        count, red, green, blue, inside = count + dn, red + dr, green + dg, blue + db, inside + di
        if not count or not inside:
            key = None
        elif count == 1:
            key = (1, red, green, blue)
        else:
            key = (
                min(count, DEEPEST_DRAWN),
                _mixed(red, count),
                _mixed(green, count),
                _mixed(blue, count),
            )
        if key != current:
            if current is not None:
                runs.append((began, at, current))
            current, began = key, at
    return runs


# Overlaps are drawn in two depths: two highlights, and three or more. Deeper shades would
# differ by a few percent of brightness each, too little to see, and darken the text's
# background towards unreadable where a dozen highlights cover one passage.
DEEPEST_DRAWN = 3
# A mix of topic colours is rounded to eight levels a channel (the middle of a step of 32):
# mixes of many highlights then repeat, so their neighbouring segments share one format.
_MIX_STEP = 32


def _mixed(total: int, count: int) -> int:
    return total // count // _MIX_STEP * _MIX_STEP + _MIX_STEP // 2


def _rgb(colour: QColor, known: dict[int, tuple[int, int, int]]) -> tuple[int, int, int]:
    found = known.get(id(colour))
    if found is None:
        found = known[id(colour)] = (colour.red(), colour.green(), colour.blue())
    return found


def _format(depth: int, red: int, green: int, blue: int) -> QTextCharFormat:
    """One highlight: its colour. Overlapping ones: their mixed colour, darker, underlined.

    The format's user property is the depth drawn (1; 2; 3 for three or more)."""
    fmt = QTextCharFormat()
    fmt.setForeground(INK)
    fmt.setProperty(QTextFormat.Property.UserProperty, depth)
    colour = QColor(red, green, blue)
    if depth == 1:
        fmt.setBackground(colour)
        return fmt
    fmt.setBackground(colour.darker(100 + 15 * depth))
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    fmt.setUnderlineColor(INK)
    return fmt
