"""``--coder``, ``communique coders`` and ``communique agreement`` as a script uses them."""

from __future__ import annotations

from tests.conftest import SEED


def _two_coders(run) -> None:
    assert run("import", str(SEED))[0] == 0
    assert (
        run("--coder", "ana", "highlight", "1", "--quote", "Secretary General", "--tag", "NATO")[0]
        == 0
    )
    assert (
        run(
            "highlight",
            "1",
            "--coder",
            "ben",
            "--quote",
            "Secretary General of NATO",
            "--tag",
            "NATO",
        )[0]
        == 0
    )


def test_highlights_carry_the_coder_given_or_the_environments(run, run_json, monkeypatch) -> None:
    _two_coders(run)
    monkeypatch.setenv("COMMUNIQUE_CODER", "chloé")
    code, made = run_json(
        "highlight", "1", "--quote", "southern flank", "--tag", "Security", "--json"
    )
    assert code == 0 and made["coder"] == "chloé"
    code, shown = run_json("show", "1", "--json")
    assert sorted(h["coder"] for h in shown["highlights"]) == ["ana", "ben", "chloé"]
    code, coders = run_json("coders", "--json")
    assert {c["coder"]: c["highlights"] for c in coders} == {"ana": 1, "ben": 1, "chloé": 1}


def test_agreement_of_two_coders_as_json(run, run_json) -> None:
    _two_coders(run)
    code, report = run_json("agreement", "--coder", "ana", "--coder", "ben", "--json")
    assert code == 0
    assert set(report) >= {"overall", "tags", "releases"}
    assert set(report["overall"]) >= {"percent", "kappa", "alpha"}
    (nato,) = report["tags"]
    assert nato["tag"] == "NATO" and nato["units"] == report["overall"]["units"]
    # Ana marked 17 of the 25 characters Ben marked: close, not the same.
    assert 0.5 < nato["kappa"] < 1 and 0.5 < nato["alpha"] < 1 and nato["percent"] > 99
    assert [r["release_id"] for r in report["releases"]] == [1]
    code, pairs = run_json("agreement", "--json")
    assert [pair["coders"] for pair in pairs["pairs"]] == [["ana", "ben"]]


def test_agreement_refusals_are_one_sentence(run) -> None:
    _two_coders(run)
    code, _, err = run("agreement", "--coder", "ana", "--coder", "zed")
    assert code == 2 and "no highlight has the coder “zed”" in err and "“ana”, “ben”" in err
    code, _, err = run("agreement", "--coder", "ana")
    assert code == 2 and "two different coders" in err
    code, _, err = run("agreement", "--coder", "ana", "--coder", "ben", "--tag", "Nowhere")
    assert code == 2 and "no tag named “Nowhere”" in err
    code, _, err = run("--coder", "   ", "highlight", "1", "--quote", "NATO")
    assert code == 1 and "--coder: A coder needs a name." in err


def test_one_coder_has_no_agreement_to_report(run) -> None:
    assert run("import", str(SEED))[0] == 0
    assert run("highlight", "1", "--quote", "NATO", "--coder", "ana")[0] == 0
    code, _, err = run("agreement")
    assert code == 1 and "Agreement needs two coders" in err
