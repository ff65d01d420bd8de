"""Statement groups the inputs state: JSON/CSV ``translation_group`` and ``translation_of``,
a page's hreflang alternates, an Atom entry's links to its translations."""

from __future__ import annotations

import json

from store.imports.pipeline import import_paths
from store.statement_groups import leave_group, translations


def _id(store, title: str) -> int:
    return store.conn.execute("SELECT id FROM releases WHERE title = ?", (title,)).fetchone()[0]


def _origins(store) -> set[str]:
    return {row[0] for row in store.conn.execute("SELECT origin FROM statement_members")}


def _jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return path


def test_a_translation_group_joins_its_records_even_in_one_language(store, tmp_path):
    records = [
        {"title": "Ukraine", "body": "Text one.", "language": "en", "translation_group": 7},
        {"title": "L'Ukraine", "body": "Texte.", "language": "fr", "translation_group": 7},
        {"title": "Ukraine (revised)", "body": "Text two.", "language": "en",
         "translation_group": 7},
        {"title": "Other", "body": "Else.", "language": "en", "translation_group": "8"},
    ]  # fmt: skip
    import_paths(store, [_jsonl(tmp_path / "a.jsonl", records)])
    versions = translations(store, _id(store, "L'Ukraine"))
    assert sorted(v for v, _ in versions) == sorted(
        _id(store, t) for t in ("Ukraine", "L'Ukraine", "Ukraine (revised)")
    )
    assert translations(store, _id(store, "Other")) == [(_id(store, "Other"), "en")]
    assert _origins(store) == {"source"}


def test_translation_of_names_a_record_of_the_file_whatever_its_source(store, tmp_path):
    csv = tmp_path / "releases.csv"
    csv.write_text(
        "id,title,body,language,source,translation_of\n"
        "17,Bundesrat tagt,Der Bundesrat tagte.,de,Bundeskanzlei,\n"
        "18,Le Conseil fédéral siège,Le Conseil fédéral a siégé.,fr,Chancellerie fédérale,17\n"
    )
    import_paths(store, [csv])
    assert [language for _, language in translations(store, _id(store, "Bundesrat tagt"))] == [
        "de", "fr",
    ]  # fmt: skip


def test_a_translation_imported_later_finds_the_record_it_translates(store, tmp_path):
    first = [{"id": "press-2019-0042", "title": "Talks", "body": "The talks.", "language": "en"}]
    later = [{"id": "press-2019-0042-fr", "title": "Pourparlers", "body": "Les pourparlers.",
              "language": "fr", "translation_of": "press-2019-0042"}]  # fmt: skip
    import_paths(store, [_jsonl(tmp_path / "first.jsonl", first)])
    import_paths(store, [_jsonl(tmp_path / "later.jsonl", later)])
    assert len(translations(store, _id(store, "Talks"))) == 2


def _page(language: str, own: str, others: dict[str, str], title: str, text: str) -> str:
    links = "".join(
        f'<link rel="alternate" hreflang="{lang}" href="{href}">' for lang, href in others.items()
    )
    return (
        f'<html lang="{language}"><head><title>{title}</title>'
        f'<link rel="canonical" href="{own}">{links}'
        '<link rel="alternate" hreflang="x-default" href="https://www.example.ch/">'
        f"</head><body><article><h1>{title}</h1>"
        + "".join(f"<p>{text} {n}.</p>" for n in range(8))
        + "</article></body></html>"
    )


def test_pages_that_are_hreflang_alternates_of_each_other_are_one_statement(store, tmp_path):
    addresses = {
        "de": "https://www.example.ch/de/mitteilung-42",
        "fr": "https://www.example.ch/fr/communique-42",
        "it": "/it/comunicato-42",  # relative: made absolute against the page's address
    }
    absolute = {**addresses, "it": "https://www.example.ch/it/comunicato-42"}
    texts = {
        "de": ("Der Bundesrat hat heute über die Beziehungen entschieden", "Mitteilung"),
        "fr": ("Le Conseil fédéral a décidé aujourd'hui des relations", "Communiqué"),
        "it": ("Il Consiglio federale ha deciso oggi sulle relazioni", "Comunicato"),
    }
    for language, (text, title) in texts.items():
        others = {lang: href for lang, href in addresses.items() if lang != language}
        page = _page(language, absolute[language], others, title, text)
        (tmp_path / f"{language}.html").write_text(page)
    # One page at a time, as they would be saved from a browser over days.
    for language in ("it", "de", "fr"):
        import_paths(store, [tmp_path / f"{language}.html"])
    versions = translations(store, _id(store, "Mitteilung"))
    assert [language for _, language in versions] == ["de", "fr", "it"]
    assert _origins(store) == {"source"}


def test_atom_entries_that_link_their_translations_are_one_statement(store, tmp_path):
    entry = (
        '<entry xml:lang="{lang}"><title>{title}</title><id>urn:fdfa:{lang}:9</id>'
        "<updated>2019-03-01T09:00:00Z</updated>"
        '<link rel="alternate" hreflang="en" href="https://news.example.ch/en/9"/>'
        '<link rel="alternate" hreflang="fr" href="https://news.example.ch/fr/9"/>'
        '<content type="html">&lt;p&gt;{text}&lt;/p&gt;</content></entry>'
    )
    feed = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>News</title><id>urn:fdfa</id><updated>2019-03-01T09:00:00Z</updated>"
        + entry.format(lang="en", title="Visit to Bern", text="The minister visited.")
        + entry.format(lang="fr", title="Visite à Berne", text="La ministre a visité.")
        + "</feed>"
    )
    (tmp_path / "news.atom").write_text(feed)
    import_paths(store, [tmp_path / "news.atom"])
    english = _id(store, "Visit to Bern")
    assert [language for _, language in translations(store, english)] == ["en", "fr"]
    url = store.conn.execute("SELECT url FROM releases WHERE id = ?", (english,)).fetchone()[0]
    assert url == "https://news.example.ch/en/9"


def test_importing_the_file_again_does_not_undo_the_analysts_split(store, tmp_path):
    records = [
        {"title": "Ukraine", "body": "Text one.", "language": "en", "translation_group": "k"},
        {"title": "L'Ukraine", "body": "Texte.", "language": "fr", "translation_group": "k"},
    ]
    path = _jsonl(tmp_path / "a.jsonl", records)
    import_paths(store, [path])
    leave_group(store, _id(store, "Ukraine"))
    import_paths(store, [path])
    assert len(translations(store, _id(store, "Ukraine"))) == 1
