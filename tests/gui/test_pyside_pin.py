"""Guard against the PySide6 release that aborts the process after many void Qt calls.

PySide6 6.12.0 on Python 3.11 drops a reference to ``None`` on every call of a Qt method
that returns nothing; after a few thousand calls the interpreter aborts with "Fatal Python
error: none_dealloc". pyproject.toml pins PySide6 below 6.12; this test fails if an upgrade
brings the bug back. It runs in a subprocess because the failure kills the process.
"""

from __future__ import annotations

import os
import subprocess
import sys

CALLS = 200_000

PROGRAM = f"""
from PySide6.QtCore import QObject, QPoint
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication([])
label = QLabel()
point = QPoint()
holder = QObject()
for n in range({CALLS}):
    point.setX(n)             # void methods: each returns None to Python
    holder.setObjectName("x")
    label.setText("y")
print("survived", point.x())
"""


def test_two_hundred_thousand_void_qt_calls_do_not_abort_the_process() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == f"survived {CALLS - 1}"
