"""The store every export is tested on, with everything exports trip over: emoji and astral
CJK, scripts other than Latin, multi-paragraph passages, double quotes, formula-like text, a
tag hierarchy, an excerpt with two tags, one with none, notes with line breaks, an undated
release with no URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from store.db import Store
from store.highlights import add_highlight_by_quote
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.tags import create_tag

SHARED = Path(__file__).resolve().parents[2] / "shared"
SPECS = SHARED / "specs" / "refi-qda"
FARNESINA = SHARED / "corpus" / "farnesina" / "000_ee7cf94feceb9baf.txt"

READOUT = [
    "Италия поддерживает 🇺🇦 Ukraine’s full independence and resilience.",
    'La Sécurité européenne — الأمن الأوروبي — 𠀋 matters, said the "Minister".',
    "=cmd|' /C calc'!A0 was found in a comment & <b>not</b> run.",
    "-2+3 is not a formula; neither is @SUM(A1) nor 1. a list.",
]
FORMULA_QUOTE = "=cmd|' /C calc'!A0"


@dataclass
class Sample:
    store: Store
    readout: int
    farnesina: int
    tags: dict[str, int]
    highlights: dict[str, int]


def farnesina_paragraphs() -> list[str]:
    """The five body paragraphs of the real Farnesina release (no cookie banner)."""
    lines = [line for line in FARNESINA.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines[3:8]


def build_sample(store: Store) -> Sample:
    """Two releases (one dated with a URL, one real and undated), five tags, six highlights,
    all by one named coder (the exports would otherwise carry the user running the tests)."""
    store.coder = "Ana Petrović"
    readout = save_release(
        store,
        ParsedRelease(
            "Readout: Italy & Ukraine 🇺🇦",
            paragraphs_to_markdown(READOUT),
            date="2024-03-05",
            source="Farnesina",
            url="https://www.esteri.it/en/readout?a=1&b=(2)",
            identity="readout-2024-03-05",
            issuer="Farnesina",
            speaker="Antonio Tajani",
            language="en",
        ),
        None,
    ).release_id
    body = paragraphs_to_markdown(farnesina_paragraphs())
    farnesina = save_release(
        store, ParsedRelease("Telephone conversation with NATO", body, source="Farnesina"), None
    ).release_id
    tags = {}
    tags["Security"] = create_tag(store, "Security", "#336699", description="Hard security").created
    tags["Ukraine"] = create_tag(
        store, "Ukraine", "#1e90ff", tags["Security"], "War in Ukraine & support"
    ).created
    tags["NATO"] = create_tag(store, "NATO", "#ff8800", tags["Security"]).created
    tags["Économie"] = create_tag(store, "Économie", "#22aa55").created
    tags["Unused"] = create_tag(store, "Unused", "#999999").created

    def highlight(release: int, quote: str, names: list[str], note: str = "") -> int:
        ids = [tags[name] for name in names]
        return add_highlight_by_quote(store, release, quote, tag_ids=ids, note=note).created

    highlights = {
        "flag": highlight(
            readout, "🇺🇦 Ukraine’s full independence", ["Ukraine"], 'Key line: "independence"'
        ),
        "two_paragraphs": highlight(
            readout,
            "resilience. La Sécurité européenne — الأمن الأوروبي — 𠀋 matters",
            ["Ukraine", "Économie"],
            "Spans two paragraphs\nand a second line",
        ),
        "formula": highlight(readout, FORMULA_QUOTE, ["Économie"], "-2+3"),
        "untagged": highlight(readout, "@SUM(A1)", [], "@note"),
        "nato": highlight(
            farnesina,
            "Italy, a Founding Country of the Atlantic Alliance",
            ["NATO"],
        ),
        "ukraine_quote": highlight(
            farnesina,
            "“Italy forcefully supports the territorial integrity, sovereignty, and full "
            "independence and resilience of Ukraine. We will continue to give our political, "
            "military, financial and humanitarian support to Kiev.” With respect to",
            ["Ukraine"],
            "Quoted ministerial line",
        ),
    }
    return Sample(store, readout, farnesina, tags, highlights)
