"""Shared fixtures: the spaCy pipeline (loaded once), paths to ../shared, temporary databases."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("ci", max_examples=300, derandomize=True)
settings.register_profile("fuzz", max_examples=5000)
settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CASES = Path(__file__).parent / "cases"
SEED = SHARED / "seeds" / "dawn-2023-04-25-taliban-is.txt"


def load_cases(name: str) -> list[dict]:
    with open(CASES / name, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def shared_file(path: Path) -> Path:
    """A file of ../shared, or a skip saying it is absent (e.g. on a user's machine)."""
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared (gold data and seeds) is only beside the project in CI")
    return path


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.nlp import load_nlp

    return load_nlp()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"
