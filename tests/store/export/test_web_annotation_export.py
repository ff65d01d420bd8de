"""Web Annotation JSON read back with json: collection, bodies, selectors, positions."""

from __future__ import annotations

import json
from pathlib import Path

from export_sample import FORMULA_QUOTE, Sample

from store.excerpts import ExcerptFilter
from store.export import write_export
from store.export.web_annotation import CONTEXT
from store.releases import get_release


def _collection(sample: Sample, out_dir: Path, flt: ExcerptFilter | None = None) -> dict:
    path = out_dir / "annotations.json"
    write_export(sample.store, "json", path, flt or ExcerptFilter())
    return json.loads(path.read_text("utf-8"))


def test_a_collection_of_annotations_with_its_positions_note(sample: Sample, out_dir: Path) -> None:
    collection = _collection(sample, out_dir)
    assert collection["@context"] == CONTEXT == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection"
    assert collection["total"] == 6
    assert "code points" in collection["rdfs:comment"]
    page = collection["first"]
    assert page["type"] == "AnnotationPage" and len(page["items"]) == 6
    assert all(item["type"] == "Annotation" for item in page["items"])


def test_each_highlight_with_tags_note_selectors_and_release(sample: Sample, out_dir: Path) -> None:
    items = {item["id"]: item for item in _collection(sample, out_dir)["first"]["items"]}
    two = items[f"urn:communique:highlight:{sample.highlights['two_paragraphs']}"]
    assert two["body"] == [
        {"type": "TextualBody", "purpose": "tagging", "value": "Ukraine"},
        {"type": "TextualBody", "purpose": "tagging", "value": "Économie"},
        {
            "type": "TextualBody",
            "purpose": "commenting",
            "value": "Spans two paragraphs\nand a second line",
        },
    ]
    target = two["target"]
    assert target["source"] == "https://www.esteri.it/en/readout?a=1&b=(2)"
    assert (target["dc:title"], target["dc:publisher"], target["dc:date"]) == (
        "Readout: Italy & Ukraine 🇺🇦",
        "Italian Ministry of Foreign Affairs and International Cooperation",
        "2024-03-05",
    )
    assert (target["dc:creator"], target["dc:language"], target["dc:coverage"]) == (
        "Antonio Tajani",
        "en",
        ["IT", "UA"],
    )
    quote, position = target["selector"]
    assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
    text = get_release(sample.store, sample.readout).text
    assert text[position["start"] : position["end"]] == quote["exact"]
    assert quote["exact"] == "resilience.\n\nLa Sécurité européenne — الأمن الأوروبي — 𠀋 matters"
    assert text[: position["start"]].endswith(quote["prefix"])
    assert text[position["end"] :].startswith(quote["suffix"])
    assert two["created"].endswith("Z") and two["modified"].endswith("Z")


def test_positions_hold_after_emoji_in_every_annotation(sample: Sample, out_dir: Path) -> None:
    for item in _collection(sample, out_dir)["first"]["items"]:
        quote, position = item["target"]["selector"]
        release = get_release(sample.store, item["target"]["communique:release_id"])
        assert release.text[position["start"] : position["end"]] == quote["exact"]


def test_undated_release_without_url_and_untagged_highlight(sample: Sample, out_dir: Path) -> None:
    items = {item["id"]: item for item in _collection(sample, out_dir)["first"]["items"]}
    nato = items[f"urn:communique:highlight:{sample.highlights['nato']}"]
    assert nato["target"]["source"] == f"urn:communique:release:{sample.farnesina}"
    assert "dc:date" not in nato["target"]
    assert nato["body"] == [{"type": "TextualBody", "purpose": "tagging", "value": "NATO"}]
    untagged = items[f"urn:communique:highlight:{sample.highlights['untagged']}"]
    assert untagged["body"] == [{"type": "TextualBody", "purpose": "commenting", "value": "@note"}]
    formula = items[f"urn:communique:highlight:{sample.highlights['formula']}"]
    assert formula["target"]["selector"][0]["exact"] == FORMULA_QUOTE


def test_an_empty_selection_is_still_a_valid_collection(sample: Sample, out_dir: Path) -> None:
    collection = _collection(sample, out_dir, ExcerptFilter(text="no such words"))
    assert collection["total"] == 0 and collection["first"]["items"] == []
