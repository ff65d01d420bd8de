"""A long fuzzing run over every importer: the properties of tests/store/test_fuzz_importers.py
with many more examples.

    python scripts/fuzz_importers.py [--examples 20000]

``--examples`` is the total, shared equally by the properties. Prints, for each property,
examples run, time and the first failure (hypothesis shrinks it to a small input); exits 1
if any property failed.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PROPERTIES = [
    "test_random_bytes_are_read_or_refused",
    "test_broken_documents_are_read_or_refused",
    "test_any_text_is_read_or_refused",
    "test_broken_refi_qda_files_are_imported_or_refused",
]


def load_properties():
    path = ROOT / "tests" / "store" / "test_fuzz_importers.py"
    spec = importlib.util.spec_from_file_location("test_fuzz_importers", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=20_000, help="in all, shared equally")
    args = parser.parse_args()
    each = max(1, args.examples // len(PROPERTIES))
    os.environ["COMMUNIQUE_FUZZ_EXAMPLES"] = str(each)
    module = load_properties()
    failed = 0
    started = time.monotonic()
    for name in PROPERTIES:
        prop = getattr(module, name)
        examples = 0
        inner = prop.hypothesis.inner_test

        def counted(*a, _inner=inner, **kw):
            nonlocal examples
            examples += 1
            return _inner(*a, **kw)

        prop.hypothesis.inner_test = counted
        property_started = time.monotonic()
        try:
            prop()
            verdict = "ok"
        except Exception as error:  # a falsified property: report it, go on with the others
            failed += 1
            example = " ".join(getattr(error, "__notes__", []))  # hypothesis' shrunk input
            verdict = f"FAILED: {str(error).strip().splitlines()[0][:300]}\n    {example[:2000]}"
        seconds = time.monotonic() - property_started
        print(f"{name}: {examples} examples in {seconds:.0f} s  {verdict}", flush=True)
    print(
        f"\n{len(PROPERTIES)} properties, {args.examples} examples asked, "
        f"{time.monotonic() - started:.0f} s; {failed} failed"
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
