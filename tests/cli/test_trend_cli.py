"""`communique trend` as a script writer meets it: the JSON shape exactly, the filters, the
table, and bad phrases answered in one sentence (the store: tests/trend_sample.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from trend_sample import ROWS

from cli.main import cli as communique

SHAPE = ["phrase", "key", "period", "occurrences", "releases", "releases_in_period", "share"]


@pytest.fixture
def run(db_path: Path, tmp_path: Path):
    runner = CliRunner()

    def invoke(*args: str) -> tuple[int, str, str]:
        result = runner.invoke(communique, ["--db", str(db_path), *args])
        return result.exit_code, result.stdout, result.stderr

    from trend_sample import build_trend_store

    from store.db import Store

    with Store(db_path) as store:
        build_trend_store(store, tmp_path)
    return invoke


def test_json_has_exactly_the_documented_shape(run) -> None:
    code, out, _ = run("trend", "Kiev", "Kyiv", "--by", "issuer", "--per", "quarter", "--json")
    assert code == 0
    answer = json.loads(out)
    assert list(answer) == ["series"]
    assert all(list(row) == SHAPE for row in answer["series"])
    first = answer["series"][0]
    # Kiev in Ruritania's first quarter: a1 (twice) of a1, a2, a3.
    assert first == {
        "phrase": "Kiev",
        "key": "Ministry of Ruritania",
        "period": "2022-Q1",
        "occurrences": 2,
        "releases": 1,
        "releases_in_period": 3,
        "share": 1 / 3,
    }
    assert {row["phrase"] for row in answer["series"]} == {"Kiev", "Kyiv"}
    assert all(
        row["share"] == row["releases"] / row["releases_in_period"] for row in answer["series"]
    )


def test_by_none_per_year_counts_every_dated_release(run) -> None:
    _, out, _ = run("trend", "Kyiv", "--by", "none", "--per", "year", "--json")
    dated = sum(1 for row in ROWS if row[3])
    assert json.loads(out)["series"] == [
        {"phrase": "Kyiv", "key": None, "period": "2022", "occurrences": 4, "releases": 3,
         "releases_in_period": dated, "share": 3 / dated},
    ]  # fmt: skip


def test_filters_are_the_list_commands(run) -> None:
    _, out, _ = run(
        "trend", "Kyiv", "--issuer", "Office of Graustark", "--since", "2022-03", "--json"
    )
    assert [(r["key"], r["period"], r["releases"]) for r in json.loads(out)["series"]] == [
        ("Office of Graustark", "2022-03", 1)
    ]
    _, out, _ = run("trend", "Kiev", "--language", "fr", "--until", "2022-01", "--json")
    assert [(r["key"], r["releases_in_period"]) for r in json.loads(out)["series"]] == [
        ("Office of Graustark", 1)
    ]


def test_the_table_names_who_said_it_first_and_the_undated(run) -> None:
    code, out, _ = run("trend", "Kyiv")
    assert code == 0
    assert "Ministry of Ruritania  2022-02" in out
    assert "“Kyiv” Ministry of Ruritania: first 2022-02-05" in out
    assert "1 undated releases holding “Kyiv” are left out." in out


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (["...,;"], "punctuation alone is none"),
        ([" ".join(["word"] * 65)], "at most 64 words"),
        (["Kyiv", "--issuer", "Nobody"], "no issuer is called"),
        (["Kyiv", "--per", "week"], "Invalid value for '--per'"),
    ],
)
def test_bad_input_is_one_sentence(run, args, sentence) -> None:
    code, out, err = run("trend", *args)
    assert code != 0 and sentence in err and "Traceback" not in err + out


def test_odd_phrases_get_an_answer(run) -> None:
    code, out, _ = run("trend", '"Kiev', "x" * 5000, "--json")
    assert code == 0
    assert {row["phrase"] for row in json.loads(out)["series"]} == {'"Kiev'}
    code, out, _ = run("trend", "nowhere")
    assert code == 0 and out == "No dated release holds “nowhere”.\n"


def test_the_topic_filter_is_named_as_the_concordance_names_it(run, db_path: Path) -> None:
    from store.db import Store
    from store.highlights import add_highlight_by_quote
    from store.tags import create_tag

    with Store(db_path) as store:
        ukraine = create_tag(store, "Ukraine").created
        holding = store.conn.execute(
            "SELECT id FROM releases WHERE text LIKE '%Kyiv%' ORDER BY id LIMIT 1"
        ).fetchone()[0]
        add_highlight_by_quote(store, holding, "Kyiv", tag_ids=[ukraine])
    _, by_topic, _ = run("trend", "Kyiv", "--by", "none", "--topic", "Ukraine", "--json")
    assert [row["releases"] for row in json.loads(by_topic)["series"]] == [1]
    # The option's old name still works for scripts, and is not offered in --help.
    assert run("trend", "Kyiv", "--by", "none", "--tag", "Ukraine", "--json")[1] == by_topic
    _, help_text, _ = run("trend", "--help")
    assert "--topic" in help_text and "--tag" not in help_text
