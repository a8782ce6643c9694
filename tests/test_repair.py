"""Repair fixers, driven by the cases in cases/repair.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.repair import RepairOptions, repair

CASES = json.loads((Path(__file__).parent / "cases" / "repair.json").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_repair_case(case: dict[str, object]) -> None:
    text, applied = repair(str(case["input"]))
    assert text == case["expected"]
    assert applied == case["repairs"]


def test_repair_is_idempotent_on_every_case() -> None:
    for case in CASES:
        once, _ = repair(str(case["input"]))
        assert repair(once) == (once, [])


def test_disabled_fixer_does_not_run() -> None:
    options = RepairOptions(html_entities=False)
    assert repair("Fish &amp; chips", options) == ("Fish &amp; chips", [])
