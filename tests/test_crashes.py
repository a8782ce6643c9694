"""Every input that ever crashed or hung the cleaner, and the fuzz target's check under
hypothesis (the same oracle atheris runs in ``tox -e fuzz``, for machines without it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from tests.conftest import FIXTURES
from tests.invariants import clean_or_error, document_of

KEPT = sorted(p for p in (FIXTURES / "crashes").iterdir() if p.name != "README.md")


def test_crash_fixtures_are_kept() -> None:
    assert KEPT, "fixtures/crashes/ holds no regression input"


@pytest.mark.parametrize("path", KEPT, ids=[p.name for p in KEPT])
def test_crash_fixture_is_cleaned_or_refused(default_cleaner: Cleaner, path: Path) -> None:
    clean_or_error(default_cleaner, document_of(path.read_bytes()))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_fuzz_target_oracle(data: bytes) -> None:
    clean_or_error(Cleaner.default(), document_of(data))
