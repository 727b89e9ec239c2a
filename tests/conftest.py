from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
SHARED = REPO.parent / "shared"

sys.path.insert(0, str(TESTS))  # the helper modules beside the tests (_harness, cases)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout (CI has it; a user's clone does not)."""
    if not SHARED.is_dir():
        pytest.skip(f"needs ../shared (peer cases, corpora), not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def sample_text() -> str:
    from importlib import resources

    return resources.files("govnews_extract").joinpath("data", "sample-xinxiang-daily-2024-01-22.txt").read_text(
        encoding="utf-8")
