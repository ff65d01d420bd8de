"""Every text format writes exactly the bytes it wrote before the export runner was shared.

The files in ``golden/`` are the sample store's exports (everything, and every other excerpt
as a selection) with each time stamp replaced by ``<time>``: the release, highlight and
generation times are the only bytes that differ from one run to the next. A change to a
format shows here as a diff to look at, and is made on purpose by writing the new file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from export_sample import Sample

from store.excerpts import ExcerptFilter, query_excerpts
from store.export import write_export

GOLDEN = Path(__file__).with_name("golden")
_STAMP = re.compile(rb"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?(Z|\+00:00| UTC)?")


@pytest.mark.parametrize("fmt", ["csv", "md", "json", "qdc"])
def test_the_bytes_of_each_text_format_are_what_they_were(
    sample: Sample, out_dir: Path, fmt: str
) -> None:
    selection = query_excerpts(sample.store)[::2]
    for kind, source in (("all", ExcerptFilter()), ("sel", selection)):
        target = out_dir / f"{kind}.{fmt}"
        write_export(sample.store, fmt, target, source)
        written = _STAMP.sub(b"<time>", target.read_bytes())
        assert written == (GOLDEN / f"{kind}.{fmt}").read_bytes(), f"{kind}.{fmt}"
