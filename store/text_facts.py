"""What the store derives from a release's body when it saves it: its canonical text, its
language when the input does not state one, the countries it names, and the fingerprints of
its wording (where else the same wording appears, store.reuse).

One function, so that a bulk import computes them all in its worker processes, and a
release saved alone gets exactly the same values.
"""

from __future__ import annotations

from dataclasses import dataclass

from store.canonical import canonical_text
from store.countries import countries_mentioned
from store.fingerprints import fingerprints
from store.language import detect_language


@dataclass(frozen=True)
class TextFacts:
    text: str  # exactly canonical_text(body_markdown)
    detected_language: str | None  # only looked for when the input gave no language
    countries: tuple[str, ...]
    fingerprints: tuple[int, ...]  # store.fingerprints.fingerprints(text)


def text_facts(body_markdown: str, given_language: str | None, title: str = "") -> TextFacts:
    """The canonical text of ``body_markdown``, its language detected unless
    ``given_language`` says it, the countries the title and text name, and the fingerprints
    of the text's wording."""
    text = canonical_text(body_markdown)
    detected = None if given_language else detect_language(f"{title}\n{text}")
    language = given_language or detected
    countries = tuple(countries_mentioned(f"{title}\n{text}", language))
    return TextFacts(text, detected, countries, fingerprints(text))
