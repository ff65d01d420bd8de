"""Fixtures shared by the whole suite: real stores on disk, the real corpus, no screen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# CI replays the same examples every run, so a red build always means a change broke
# something; local runs keep exploring new random examples.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Qt runs without a screen in tests; set before any test imports PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS = REPO_ROOT.parent / "shared" / "corpus"
SEED = CORPUS / "farnesina" / "000_ee7cf94feceb9baf.txt"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def store(db_path: Path):
    from store.db import Store

    with Store(db_path) as opened:
        yield opened


def child_holding_the_store_open(db_path: Path) -> subprocess.Popen[str]:
    """Another copy of the program with the store open (its open-marker held), running."""
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from store import health; "
            "health.mark_open(sys.argv[1]); print('open', flush=True); time.sleep(60)",
            str(db_path),
        ],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout.readline() == "open\n"
    return child


COMMON_WORD_RELEASES = 2_000


@pytest.fixture(scope="session")
def common_word_db(tmp_path_factory) -> Path:
    """A store of 2,000 releases where "the" is in 95% of them, "these" alone in 5% more
    (found by "the" typed as a prefix), "sanctions" in 2%; some undated, three sources,
    some with highlights under the topic "Energy". Tests only read it."""
    from store.db import Store
    from store.highlights import add_highlight_by_quote
    from store.parsed import ParsedRelease
    from store.release_saving import save_release
    from store.tags import create_tag

    path = tmp_path_factory.mktemp("common-words") / "store.db"
    with Store(path) as store:
        energy = create_tag(store, "Energy").created
        with store.write():
            for n in range(COMMON_WORD_RELEASES):
                article = "these" if n % 20 == 0 else "the"
                topic = "sanctions" if n % 50 == 7 else "gas"
                parsed = ParsedRelease(
                    title=f"Release {n:04d}",
                    body_markdown=f"Ministers discussed {article} {topic} supply {n}.\n",
                    date=None
                    if n % 97 == 5
                    else f"20{10 + n % 15}-{1 + n % 12:02d}-{1 + n % 28:02d}",
                    source=("Farnesina", "State Department", "MFA")[n % 3],
                    identity=f"common-word-release-{n:05d}",
                )
                release_id = save_release(store, parsed, origin_file=None).release_id
                if n % 40 == 3:
                    add_highlight_by_quote(store, release_id, topic, tag_ids=[energy])
    return path


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """A folder for exports alone (the store lives in tmp_path with its -wal and -shm)."""
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


@pytest.fixture
def sample(store):
    """The export tests' sample store (``export_sample``): releases, topics, highlights."""
    from export_sample import build_sample

    return build_sample(store)


@pytest.fixture
def run(db_path: Path):
    """``run(*args)`` → (exit code, stdout, stderr) of ``communique --db STORE *args``."""
    from click.testing import CliRunner

    from cli.main import cli as communique

    runner = CliRunner()

    def invoke(*args: str) -> tuple[int, str, str]:
        result = runner.invoke(communique, ["--db", str(db_path), *args])
        return result.exit_code, result.stdout, result.stderr

    return invoke


@pytest.fixture
def run_json(db_path: Path):
    """``run_json(*args)`` → (0, the JSON printed) or, on a refusal, (exit code, stderr)."""
    import json

    from click.testing import CliRunner

    from cli.main import cli as communique

    def invoke(*args: str) -> tuple[int, dict | str]:
        result = CliRunner().invoke(communique, ["--db", str(db_path), *args])
        if result.exit_code:
            return result.exit_code, result.stderr
        return 0, json.loads(result.stdout)

    return invoke
