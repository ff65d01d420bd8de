"""Topics dragged in the codebook tree with the mouse, on a platform that runs the drag.

The suite runs on Qt's offscreen platform, where a drag ends as soon as it starts
(``QDrag.exec`` returns before any mouse move). The minimal platform runs Qt's own drag
loop, which follows the mouse, so the drags of ``codebook_drags.py`` run there, in a pytest
of their own.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DRAGS = Path(__file__).with_name("codebook_drags.py")


def test_topics_dragged_with_the_mouse_are_nested_and_un_nested() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", str(DRAGS), "-q", "-p", "no:cacheprovider"],
        cwd=REPO_ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "minimal"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = result.stdout[-6000:] + result.stderr[-2000:]
    assert result.returncode == 0, report
    assert re.search(r"\b\d+ passed\b", result.stdout) and "skipped" not in result.stdout, report
