"""Language detection on the Swiss federal releases: accuracy on titles and on bodies, on
the part the thresholds were chosen on (2015–2017) and on the part kept out (2018–2019),
and the rate of detection on bodies.

    .venv/bin/python bench/bench_language.py [--corpus PATH] [--compare]

``--compare`` also runs, on the same texts, the other detectors that are installed
(py3langid, pycld2, lingua-language-detector); they are not dependencies of the project.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from store.language import detect_language  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpus/swiss-news/releases.jsonl"
HELD_OUT_FROM = "2018"  # releases dated 2018 and later were never looked at while tuning
_TAG = re.compile(r"<[^>]+>")


def plain_text(body_html: str) -> str:
    return html.unescape(_TAG.sub(" ", body_html))


def load(corpus: Path) -> list[dict]:
    with corpus.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def score(detect: Callable[[str], str | None], texts: list[str], truth: list[str]) -> str:
    answers = [detect(text) for text in texts]
    given = [(answer, label) for answer, label in zip(answers, truth, strict=True) if answer]
    right = sum(answer == label for answer, label in given)
    return (
        f"{len(texts):5d} texts  answered {len(given) / len(texts):6.1%}  "
        f"right when answered {right / max(len(given), 1):6.2%}  "
        f"right overall {right / len(texts):6.2%}"
    )


def rate(detect: Callable[[str], str | None], texts: list[str]) -> float:
    started = time.perf_counter()
    for text in texts:
        detect(text)
    return len(texts) / (time.perf_counter() - started)


def other_detectors() -> dict[str, Callable[[str], str | None]]:
    """The detectors of the comparison that are installed, each answering a language or None."""
    found: dict[str, Callable[[str], str | None]] = {}
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        found["py3langid (600 chars, p>=0.5)"] = lambda text: (
            lambda label, p: label if p >= 0.5 else None
        )(*identifier.classify(text[:600]))
    except ImportError:
        pass
    try:
        import pycld2

        def cld2(text: str) -> str | None:
            reliable, _, languages = pycld2.detect(text[:2000])
            return languages[0][1] if reliable and languages[0][1] != "un" else None

        found["pycld2 (2000 chars, reliable)"] = cld2
    except ImportError:
        pass
    try:
        from lingua import LanguageDetectorBuilder

        lingua = LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()

        def lingua_low(text: str) -> str | None:
            language = lingua.detect_language_of(text[:600])
            return language.iso_code_639_1.name.lower() if language else None

        found["lingua low accuracy (600 chars)"] = lingua_low
    except ImportError:
        pass
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--compare", action="store_true")
    args = parser.parse_args()
    releases = load(args.corpus)
    for release in releases:
        release["text"] = plain_text(release["body"])
    parts = {
        "tuning 2015-2017": [r for r in releases if r["date"][:4] < HELD_OUT_FROM],
        "held out 2018-2019": [r for r in releases if r["date"][:4] >= HELD_OUT_FROM],
    }
    detectors = {"store.language.detect_language": detect_language}
    if args.compare:
        detectors |= other_detectors()
    for name, detect in detectors.items():
        print(name)
        for part, rows in parts.items():
            truth = [r["language"] for r in rows]
            print(f"  {part:19} titles  {score(detect, [r['title'] for r in rows], truth)}")
            print(f"  {part:19} bodies  {score(detect, [r['text'] for r in rows], truth)}")
        bodies = [r["text"] for r in releases]
        print(f"  detection on bodies: {rate(detect, bodies):,.0f} releases/s")
    print("\nbodies whose detected language is not their label (read them: label or detector?)")
    for release in releases:
        found = detect_language(release["text"])
        if found and found != release["language"]:
            print(
                f"  message {release['message']} labelled {release['language']}, detected "
                f"{found}: {release['text'][:70].strip()!r}"
            )


if __name__ == "__main__":
    main()
