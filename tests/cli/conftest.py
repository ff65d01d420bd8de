"""What the command-line tests share: ``communique`` run in-process on the test's store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli as communique


@pytest.fixture
def run(db_path: Path):
    """``run(*args)`` → (exit code, stdout, stderr) of ``communique --db STORE *args``."""
    runner = CliRunner()

    def invoke(*args: str) -> tuple[int, str, str]:
        result = runner.invoke(communique, ["--db", str(db_path), *args])
        return result.exit_code, result.stdout, result.stderr

    return invoke


@pytest.fixture
def run_json(db_path: Path):
    """``run_json(*args)`` → (0, the JSON printed) or, on a refusal, (exit code, stderr)."""

    def invoke(*args: str) -> tuple[int, dict | str]:
        result = CliRunner().invoke(communique, ["--db", str(db_path), *args])
        if result.exit_code:
            return result.exit_code, result.stderr
        return 0, json.loads(result.stdout)

    return invoke
