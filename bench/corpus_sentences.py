"""Real sentences from the shared corpus, the raw material of every generated benchmark store."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@lru_cache(maxsize=1)
def sentences() -> list[str]:
    """Every sentence of the seed, the EP reference bodies and the feed items' texts."""
    texts = [p.read_text(encoding="utf-8") for p in (CORPUS / "ep-pages").glob("*.body.txt")]
    texts += [p.read_text(encoding="utf-8") for p in (CORPUS / "farnesina").glob("*.txt")]
    for feed in sorted((CORPUS / "state-dept-feeds").glob("*.rss"))[:20]:
        raw = feed.read_text(encoding="utf-8")
        texts.append(re.sub(r"<[^>]+>|&[#\w]+;", " ", raw))
    found = []
    for text in texts:
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
            if 40 <= len(sentence) <= 400 and "http" not in sentence and "{" not in sentence:
                found.append(sentence)
    return sorted(set(found))
